"""The Socket.IO client events ``subscribe`` and ``unsubscribe``: a screen watches one patient
(``{"patientId": ...}``, the chart) or one ward (``{"ward": <ward id>}``, the nurse station)
and receives its ``vitals:updated`` events; nothing else of the hospital's vitals reaches it.

Subscribing needs ``patients:view`` and a patient or ward of the socket's own hospital (one
of another hospital, or an unknown id, is refused as not found); a patient subscription is
audited under the patient, as reading their vitals. The ack is ``{"ok": true, "event":
"subscribed", "data": {"patientId"|"ward": ...}}``, or ``{"ok": false, "error": <problem>}``.
The same payloads sent in the handshake's ``auth.subscriptions`` are run through here again
when a client reconnects (``realtime/server.py``).
"""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import model_validator

from hms.pipeline import Call, Operation
from hms.pipeline.permissions import Permission
from hms.pipeline.sockets import Reply, SocketEvent, parse
from hms.platform.errors import InvalidInput, NotFound
from hms.platform.events import patient_room, ward_room
from hms.platform.schemas import InputModel

# One statement each, on a pooled connection: no transaction.
SUBSCRIBE = Operation(Permission.VIEW_PATIENTS, audit="vitals.subscribe", transaction=False)
UNSUBSCRIBE = Operation(Permission.VIEW_PATIENTS, transaction=False)


class Subscription(InputModel):
    patient_id: uuid.UUID | None = None
    ward: uuid.UUID | None = None

    @model_validator(mode="after")
    def one_target(self) -> Subscription:
        if (self.patient_id is None) == (self.ward is None):
            raise ValueError("give either patientId or ward (a ward id), not both")
        return self


def _target(data: Any) -> Subscription:
    if not isinstance(data, dict):
        raise InvalidInput('Send {"patientId": <id>} or {"ward": <ward id>}.')
    return parse(Subscription, data)


async def subscribe(call: Call, data: Any) -> Reply:
    target = _target(data)
    slug = call.hospital.slug
    if target.patient_id is not None:
        call.about(target.patient_id)
        sql = f"SELECT 1 FROM {call.table('patients')} WHERE id = $1"
        room = patient_room(slug, target.patient_id)
        missing = f"No patient {target.patient_id} in your hospital."
        key, value = "patientId", str(target.patient_id)
    else:
        sql = f"SELECT 1 FROM {call.table('wards')} WHERE id = $1"
        room = ward_room(slug, target.ward)
        missing = f"No ward {target.ward} in your hospital."
        key, value = "ward", str(target.ward)
    async with call.rt.db.raw() as conn:
        found = await conn.fetchval(sql, uuid.UUID(value))
    if not found:
        raise NotFound(missing)
    return Reply("subscribed", {key: value}, join=(room,))


async def unsubscribe(call: Call, data: Any) -> Reply:
    target = _target(data)
    slug = call.hospital.slug
    if target.patient_id is not None:
        room, echo = patient_room(slug, target.patient_id), {"patientId": str(target.patient_id)}
    else:
        room, echo = ward_room(slug, target.ward), {"ward": str(target.ward)}
    return Reply("unsubscribed", echo, leave=(room,))


HANDLERS = (
    SocketEvent("subscribe", SUBSCRIBE, subscribe),
    SocketEvent("unsubscribe", UNSUBSCRIBE, unsubscribe),
)
