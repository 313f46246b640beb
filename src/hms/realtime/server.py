"""Socket.IO server: token-checked handshake, rooms per hospital, per role and per user, and
the client events the domains declare (``pipeline/sockets.py``), each run through the pipeline.

Events are published through Redis (AsyncRedisManager), so an emit on any instance reaches
clients connected to every instance. A socket lives no longer than the access token it was
opened with: the server closes it when the token expires, and the client reconnects with a
fresh one (so an expired or logged-out session stops receiving events within its token's
lifetime, 15 minutes at most).

Replay: a client that reconnects with ``auth: {token, lastSeq, subscriptions}`` (the last
``seq`` it saw and the ``subscribe`` payloads it holds) is subscribed again through the same
pipeline, then sent what its rooms missed from the hospital's replay log, in order, once
(or ``resync`` when the log no longer covers the gap). While that runs, live events for the
socket are held by its :class:`Gate` and sent after the replay, those already replayed
dropped.
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
from hms.pipeline.sockets import Reply, SocketEvent
from hms.platform.errors import HMSError, problem_body
from hms.platform.events import PLATFORM, hospital_room, role_room, user_room
from hms.platform.security import decode_access_token

log = logging.getLogger(__name__)

RESYNC = "resync"
SUBSCRIBE = "subscribe"
MAX_SUBSCRIPTIONS = 50


class Gate:
    """Live events for one socket being replayed to: held, then sent after the replay."""

    def __init__(self, done: int) -> None:
        self.done = done  # the highest seq the socket has been sent or replayed past
        self.held: list[tuple[int, str, Any]] = []


class Manager(socketio.AsyncRedisManager):
    """The Redis manager, holding back live events from sockets being replayed to.

    Every emit, this instance's own included, reaches the local sockets through
    ``_handle_emit`` (python-socketio 5.18, pinned in pyproject.toml)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gates: dict[str, Gate] = {}

    async def _handle_emit(self, message: dict[str, Any]) -> None:
        data = message.get("data")
        if isinstance(data, list) and len(data) == 1:  # one argument travels as [argument]
            data = data[0]
        if self.gates and isinstance(data, dict) and isinstance(data.get("seq"), int):
            held = []
            for sid, _ in self.get_participants(message.get("namespace") or "/", message["room"]):
                gate = self.gates.get(sid)
                if gate is not None:
                    held.append(sid)
                    gate.held.append((data["seq"], message["event"], data))
            if held:
                skip = message.get("skip_sid")
                skip = skip if isinstance(skip, list) else [skip] if skip else []
                message = {**message, "skip_sid": skip + held}
        await super()._handle_emit(message)

    async def emit_many(self, events: list[tuple[str, Any, list[str]]]) -> None:
        """Emit ``events`` (name, data, rooms) in order: delivered here, then published to
        the other instances in one pipelined round trip instead of one per event (what
        ``AsyncPubSubManager.emit`` does for one event, without callbacks or binary data)."""
        messages = []
        for event, data, rooms in events:
            message = {
                "method": "emit",
                "event": event,
                "data": [data],
                "binary": False,
                "namespace": "/",
                "room": rooms,
                "skip_sid": None,
                "callback": None,
                "host_id": self.host_id,
            }
            await self._handle_emit(message)
            messages.append(self.json.dumps(message))
        for attempt in range(2):
            try:
                if not self.connected:  # type: ignore[has-type]
                    self._redis_connect()
                pipe = self.redis.pipeline(transaction=False)
                for encoded in messages:
                    pipe.publish(self.channel, encoded)
                await pipe.execute()
                return
            except Exception:
                self.connected = False
                if attempt:
                    log.exception("could not publish %d events to Redis", len(messages))

    async def send_to(self, sid: str, event: str, data: Any) -> None:
        """To this instance's socket ``sid`` directly, past its gate."""
        await self.emit(event, data, namespace="/", room=sid, ignore_queue=True)


def create_server(rt: Runtime, handlers: Iterable[SocketEvent] = ()) -> socketio.AsyncServer:
    manager = Manager(
        rt.settings.redis_url or "", channel=f"{rt.settings.redis_channel_prefix}:socketio"
    )
    sio = socketio.AsyncServer(
        async_mode="asgi",
        client_manager=manager,
        cors_allowed_origins=rt.settings.cors_origins or [],
        logger=False,
        engineio_logger=False,
    )

    declared_events = {declared.name: declared for declared in handlers}

    rt.events.emit = manager.emit_many

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
        manager.gates.pop(sid, None)

    async def act(sid: str, declared: SocketEvent, data: Any) -> Reply:
        ip = (sio.get_environ(sid) or {}).get("REMOTE_ADDR")
        actor = await from_socket(rt.registry, await sio.get_session(sid), ip)
        reply = await core.run(rt, declared.op, actor, lambda call: declared.handler(call, data))
        for room in reply.leave:
            await sio.leave_room(sid, room)
        for room in reply.join:
            await sio.enter_room(sid, room)
        return reply

    async def resubscribe(sid: str, subscriptions: list[Any]) -> list[dict[str, Any]]:
        """The handshake's subscriptions, each run as a ``subscribe`` event; the refusals."""
        declared = declared_events.get(SUBSCRIBE)
        refused = []
        for item in subscriptions:
            try:
                if declared is None:
                    raise HMSError("This server takes no subscriptions.", 400)
                await act(sid, declared, item)
            except HMSError as exc:
                refused.append({"subscription": item, "error": problem_body(exc)})
            except Exception:
                log.exception("subscribe at the handshake failed")
                error = HMSError("The server failed; the error is logged.", 500)
                refused.append({"subscription": item, "error": problem_body(error)})
        return refused

    async def replay(sid: str, stream: str, last_seq: int, refused: list[dict[str, Any]]) -> None:
        gate = manager.gates[sid]
        try:
            # The CONNECT packet goes out after the connect handler returns; send nothing
            # before the client knows it is connected.
            while not manager.is_connected(sid, "/"):
                if sid not in manager.gates:
                    return
                await asyncio.sleep(0.001)
            for refusal in refused:
                await manager.send_to(sid, "subscribe:refused", refusal)
            missed = await rt.events.missed(stream, last_seq)
            if missed is None:
                await manager.send_to(sid, RESYNC, {"lastSeq": last_seq})
            else:
                rooms = set(sio.rooms(sid))
                for logged in missed:
                    if rooms.intersection(logged.rooms):
                        await manager.send_to(sid, logged.name, logged.data)
                if missed:
                    gate.done = max(gate.done, missed[-1].seq)
            # Live events that came while replaying, in order, each once; the gate is
            # removed with no await after the last check, so none slips between.
            while gate.held:
                held = sorted(gate.held, key=lambda entry: entry[0])
                gate.held.clear()
                for seq, event, data in held:
                    if seq > gate.done:
                        gate.done = seq
                        await manager.send_to(sid, event, data)
        except Exception:
            log.exception("replay to %s failed", sid)
        finally:
            if manager.gates.get(sid) is gate:
                del manager.gates[sid]

    @sio.event
    async def connect(sid: str, environ: dict[str, Any], auth: Any = None) -> None:
        token = auth.get("token") if isinstance(auth, dict) else None
        claims = decode_access_token(rt.settings.secret(), token) if token else None
        if claims is None:
            raise socketio.exceptions.ConnectionRefusedError("a valid access token is required")
        hospital = await rt.registry.get(claims.hospital_id) if claims.hospital_id else None
        if claims.hospital_id and hospital is None:
            raise socketio.exceptions.ConnectionRefusedError("unknown hospital")
        last_seq = auth.get("lastSeq") if isinstance(auth, dict) else None
        if last_seq is not None and (
            isinstance(last_seq, bool) or not isinstance(last_seq, int) or last_seq < 0
        ):
            raise socketio.exceptions.ConnectionRefusedError(
                "lastSeq must be a whole number of at least 0 (the last seq received)"
            )
        subscriptions = auth.get("subscriptions") or [] if isinstance(auth, dict) else []
        if not isinstance(subscriptions, list) or len(subscriptions) > MAX_SUBSCRIPTIONS:
            raise socketio.exceptions.ConnectionRefusedError(
                f"subscriptions must be a list of at most {MAX_SUBSCRIPTIONS} subscribe payloads"
            )
        if last_seq is not None:
            # From here on, live events for this socket wait for its replay.
            manager.gates[sid] = Gate(last_seq)
        closers[sid] = asyncio.create_task(close_when_expired(sid, claims.expires_at))
        await sio.enter_room(sid, user_room(claims.user_id))
        session = {"user": claims.user_id, "role": claims.role}
        if hospital is None:
            await sio.save_session(sid, session)
            await sio.enter_room(sid, PLATFORM)
        else:
            await sio.save_session(sid, {**session, "hospital_id": str(hospital.id)})
            await sio.enter_room(sid, hospital_room(hospital.slug))
            await sio.enter_room(sid, role_room(hospital.slug, claims.role))
        refused = await resubscribe(sid, subscriptions)
        if last_seq is not None:
            stream = hospital.slug if hospital is not None else PLATFORM
            background(replay(sid, stream, last_seq, refused))
        elif refused:
            background(tell_refused(sid, refused))

    tasks: set[asyncio.Task[None]] = set()

    def background(work: Any) -> None:
        task = asyncio.create_task(work)
        tasks.add(task)  # held until done, so it is not collected mid-way
        task.add_done_callback(tasks.discard)

    async def tell_refused(sid: str, refused: list[dict[str, Any]]) -> None:
        while not manager.is_connected(sid, "/") and sid in closers:
            await asyncio.sleep(0.001)
        for refusal in refused:
            await manager.send_to(sid, "subscribe:refused", refusal)

    def answer(declared: SocketEvent) -> None:
        async def handle(sid: str, data: Any = None) -> dict[str, Any]:
            try:
                reply = await act(sid, declared, data)
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
