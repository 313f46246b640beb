"""Socket.IO server: token-checked handshake, rooms per hospital, per role and per user, and
the client events the domains declare (``pipeline/sockets.py``), each run through the pipeline.

Events are published through Redis (AsyncRedisManager), so an emit on any instance reaches
clients connected to every instance. A socket lives no longer than the access token it was
opened with: the server closes it when the token expires, and the client reconnects with a
fresh one (so an expired or logged-out session stops receiving events within its token's
lifetime, 15 minutes at most).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable
from typing import Any

import socketio

from hms.pipeline import core
from hms.pipeline.actor import from_socket
from hms.pipeline.runtime import Runtime
from hms.pipeline.sockets import SocketEvent
from hms.platform.errors import HMSError, problem_body
from hms.platform.events import PLATFORM, hospital_room, role_room, user_room
from hms.platform.security import decode_access_token

log = logging.getLogger(__name__)


def create_server(rt: Runtime, handlers: Iterable[SocketEvent] = ()) -> socketio.AsyncServer:
    manager = socketio.AsyncRedisManager(
        rt.settings.redis_url or "", channel=f"{rt.settings.redis_channel_prefix}:socketio"
    )
    sio = socketio.AsyncServer(
        async_mode="asgi",
        client_manager=manager,
        cors_allowed_origins=rt.settings.cors_origins or [],
        logger=False,
        engineio_logger=False,
    )

    async def emit(event: str, data: Any, room: str) -> None:
        await sio.emit(event, data, room=room)

    rt.events.emit = emit

    # Per connected socket on this instance: the task that closes it when its token expires.
    closers: dict[str, asyncio.Task[None]] = {}

    async def close_when_expired(sid: str, expires_at: float) -> None:
        await asyncio.sleep(max(0.0, expires_at - time.time()))
        closers.pop(sid, None)
        await sio.disconnect(sid)

    @sio.event
    async def disconnect(sid: str, reason: Any = None) -> None:
        closer = closers.pop(sid, None)
        if closer is not None:
            closer.cancel()

    @sio.event
    async def connect(sid: str, environ: dict[str, Any], auth: Any = None) -> None:
        token = auth.get("token") if isinstance(auth, dict) else None
        claims = decode_access_token(rt.settings.secret(), token) if token else None
        if claims is None:
            raise socketio.exceptions.ConnectionRefusedError("a valid access token is required")
        hospital = await rt.registry.get(claims.hospital_id) if claims.hospital_id else None
        if claims.hospital_id and hospital is None:
            raise socketio.exceptions.ConnectionRefusedError("unknown hospital")
        closers[sid] = asyncio.create_task(close_when_expired(sid, claims.expires_at))
        await sio.enter_room(sid, user_room(claims.user_id))
        session = {"user": claims.user_id, "role": claims.role}
        if hospital is None:
            await sio.save_session(sid, session)
            await sio.enter_room(sid, PLATFORM)
            return
        await sio.save_session(sid, {**session, "hospital_id": str(hospital.id)})
        await sio.enter_room(sid, hospital_room(hospital.slug))
        await sio.enter_room(sid, role_room(hospital.slug, claims.role))

    def answer(declared: SocketEvent) -> None:
        async def handle(sid: str, data: Any = None) -> dict[str, Any]:
            try:
                ip = (sio.get_environ(sid) or {}).get("REMOTE_ADDR")
                actor = await from_socket(rt.registry, await sio.get_session(sid), ip)
                reply = await core.run(
                    rt, declared.op, actor, lambda call: declared.handler(call, data)
                )
            except HMSError as exc:
                return {"ok": False, "error": problem_body(exc)}
            except Exception:
                log.exception("%s failed", declared.name)
                error = HMSError("The server failed; the error is logged.", 500)
                return {"ok": False, "error": problem_body(error)}
            await sio.emit(reply.event, reply.data, to=sid)
            return {"ok": True, "event": reply.event, "data": reply.data}

        setattr(handle, "operation", declared.op)  # noqa: B010 - read by the route tests
        sio.on(declared.name, handle)

    for declared in handlers:
        answer(declared)
    return sio
