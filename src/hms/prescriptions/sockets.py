"""The Socket.IO client event ``prescription:create`` (the design's WebSocket sequence).

It runs the same service as ``POST /api/v1/prescriptions``: the payload is the REST body
plus an optional ``idempotencyKey``. The ack is ``{"ok": true, "event":
"prescription:created", "data": <prescription>}`` and the same prescription is emitted to
the sender as ``prescription:created``; pharmacists of the hospital get ``prescription:new``
after the commit. Any refusal is acked as ``{"ok": false, "error": <problem+json body>}``.
"""

from __future__ import annotations

from typing import Any

from hms.pipeline import Call
from hms.pipeline.sockets import Reply, SocketEvent, parse
from hms.platform.errors import InvalidInput
from hms.platform.events import plain
from hms.prescriptions import events, idempotency, service
from hms.prescriptions.operations import CREATE
from hms.prescriptions.schemas import PrescriptionCreate


async def create(call: Call, data: Any) -> Reply:
    if not isinstance(data, dict):
        raise InvalidInput("Send the prescription as a JSON object.")
    payload = dict(data)
    key = idempotency.check_key(payload.pop("idempotencyKey", None))
    body = parse(PrescriptionCreate, payload)
    call.about(body.patient_id)
    out, _ = await service.create_for(call, data=body, idempotency_key=key)
    return Reply(events.CREATED, plain(out))


HANDLERS = (SocketEvent("prescription:create", CREATE, create),)
