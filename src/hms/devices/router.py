"""Device endpoints: the administration registers, lists and revokes devices (bearer token,
``devices:manage``); devices post their readings through the device door (HTTP Basic)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from hms.devices import ingest, service
from hms.devices.schemas import DeviceCreated, DeviceIn, DeviceOut, IngestResult, ReadingsIn
from hms.pipeline import Call, Operation, Permission
from hms.pipeline.devices import device_endpoint
from hms.pipeline.http import endpoint

router = APIRouter(tags=["devices"])

P = Permission
REGISTER = Operation(P.MANAGE_DEVICES, audit="device.register", writes=True)
LIST = Operation(P.MANAGE_DEVICES, audit="device.list")
REVOKE = Operation(P.MANAGE_DEVICES, audit="device.revoke", writes=True)
INGEST = Operation(P.RECORD_VITALS, audit="vitals.ingest", writes=True)

_BASIC = {
    401: {"description": "Unknown or revoked device, or wrong secret (WWW-Authenticate: Basic)"}
}


@router.post("/devices", status_code=201, operation_id="devices-create")
@endpoint(REGISTER)
async def register_device(call: Call, body: DeviceIn) -> DeviceCreated:
    return DeviceCreated.model_validate(await service.register(call.session, call.actor, data=body))


@router.get("/devices", operation_id="devices-list")
@endpoint(LIST)
async def list_devices(call: Call) -> list[DeviceOut]:
    return [DeviceOut.model_validate(d) for d in await service.list_devices(call.session)]


@router.post("/devices/{device_id}/revoke", operation_id="devices-revoke")
@endpoint(REVOKE)
async def revoke_device(call: Call, device_id: uuid.UUID) -> DeviceOut:
    return DeviceOut.model_validate(await service.revoke(call.session, call.actor, device_id))


@router.post("/devices/readings", operation_id="devices-readings", responses=_BASIC)  # type: ignore[arg-type]
@device_endpoint(INGEST)
async def post_readings(call: Call, body: ReadingsIn) -> IngestResult:
    """A device's batch of 1–500 readings, authenticated as HTTP Basic ``serial:secret``.
    Each reading is stored or rejected on its own; repeats of a stored reading are counted
    as duplicates."""
    found = await ingest.ingest(call.session, call.actor, readings=body.readings)
    return IngestResult.model_validate(found)
