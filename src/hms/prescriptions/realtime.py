"""The Socket.IO client event ``prescription:create`` (the design's WebSocket sequence).

It runs the same service as ``POST /api/v1/prescriptions``: the payload is the REST body
plus an optional ``idempotencyKey``. The ack is ``{"ok": true, "event":
"prescription:created", "data": <prescription>}`` and the same prescription is emitted to
the sender as ``prescription:created``; pharmacists of the hospital get ``prescription:new``
after the commit. Any refusal is acked as ``{"ok": false, "error": <problem+json body>}``.
"""

from __future__ import annotations

import logging
from typing import Any

import socketio
from pydantic import ValidationError

from hms.auth.deps import Actor
from hms.auth.permissions import Permission
from hms.platform.errors import Forbidden, HMSError, InvalidInput, Unauthorized
from hms.platform.uow import unit_of_work
from hms.prescriptions import events, idempotency, service
from hms.prescriptions.schemas import PrescriptionCreate
from hms.runtime import Runtime

log = logging.getLogger(__name__)

CREATE = "prescription:create"


def problem(exc: HMSError) -> dict[str, Any]:
    return {
        "type": "about:blank",
        "title": exc.title,
        "status": exc.status,
        "detail": exc.message,
        **exc.extra,
    }


def _invalid(exc: ValidationError) -> InvalidInput:
    errors = [
        {"field": ".".join(str(p) for p in e["loc"]) or "body", "message": e["msg"]}
        for e in exc.errors()
    ]
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
    return InvalidInput(f"Fix these fields: {summary}", extra={"errors": errors})


async def _actor(sio: socketio.AsyncServer, rt: Runtime, sid: str) -> Actor:
    session = await sio.get_session(sid)
    slug = session.get("hospital")
    if not slug:
        raise Forbidden("Prescribing belongs to a hospital; your account has none.")
    hospital = next((h for h in rt.registry.all() if h.slug == slug), None)
    if hospital is None:
        await rt.registry.reload()
        hospital = next((h for h in rt.registry.all() if h.slug == slug), None)
    if hospital is None:
        raise Unauthorized("Your hospital no longer exists.")
    environ = sio.get_environ(sid) or {}
    ip = environ.get("REMOTE_ADDR")
    return Actor(str(session["user"]), str(session["role"]), hospital, ip)


def register(sio: socketio.AsyncServer, rt: Runtime) -> None:
    @sio.on(CREATE)
    async def prescription_create(sid: str, data: Any = None) -> dict[str, Any]:
        actor: Actor | None = None
        patient_id = None
        try:
            actor = await _actor(sio, rt, sid)
            if not actor.can(Permission.CREATE_PRESCRIPTIONS):
                raise Forbidden(
                    f"Your role ({actor.role}) lacks the permission "
                    f"{Permission.CREATE_PRESCRIPTIONS.value!r}."
                )
            if not isinstance(data, dict):
                raise InvalidInput("Send the prescription as a JSON object.")
            payload = dict(data)
            key = idempotency.check_key(payload.pop("idempotencyKey", None))
            try:
                body = PrescriptionCreate.model_validate(payload)
            except ValidationError as exc:
                raise _invalid(exc) from exc
            patient_id = body.patient_id
            async with unit_of_work(rt.db, actor.schema) as session:
                out, _ = await service.create(session, rt, actor, data=body, idempotency_key=key)
        except HMSError as exc:
            if actor is not None:
                rt.audit.add(
                    actor,
                    action="prescription.create",
                    patient_ids=[patient_id] if patient_id else [],
                    outcome="denied" if exc.status == 403 else f"refused:{exc.status}",
                )
            return {"ok": False, "error": problem(exc)}
        except Exception:
            log.exception("prescription:create failed")
            error = HMSError("The server failed; the error is logged.", 500)
            error.title = "Internal server error"
            return {"ok": False, "error": problem(error)}
        prescription = events.plain(out)
        await sio.emit(events.CREATED, prescription, to=sid)
        return {"ok": True, "event": events.CREATED, "data": prescription}
