"""Registering, listing and revoking a hospital's bedside devices. A device's credential
lives in its hospital's ``devices`` row and in ``public.device_credentials`` (what the device
door reads), written together in the caller's transaction."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from hms.audit import service as audit
from hms.devices.models import device_credentials, devices
from hms.devices.schemas import DeviceIn
from hms.encounters.models import Bed, Ward
from hms.patients.lookup import require_patient
from hms.pipeline import Actor
from hms.pipeline.devices import secret_hash
from hms.platform.errors import Conflict, InvalidInput, NotFound


class DeviceNotFound(NotFound):
    def __init__(self, device_id: Any) -> None:
        super().__init__(f"No device {device_id} in your hospital.")


_OUT = (
    devices.c.id,
    devices.c.serial,
    devices.c.kind,
    devices.c.ward_id.label("ward"),
    devices.c.bed_id.label("bed"),
    devices.c.patient_id,
    devices.c.created_at,
    devices.c.created_by,
    devices.c.last_seen_at,
    devices.c.revoked_at,
)


async def _place(
    session: AsyncSession, ward_id: uuid.UUID | None, bed_id: uuid.UUID | None
) -> uuid.UUID | None:
    """The ward of the device: the one given, or the bed's; a bed must be in the ward."""
    if bed_id is not None:
        bed_ward = (
            await session.execute(select(Bed.ward_id).where(Bed.id == bed_id))
        ).scalar_one_or_none()
        if bed_ward is None:
            raise NotFound(f"No bed {bed_id} in your hospital.")
        if ward_id is not None and ward_id != bed_ward:
            raise InvalidInput(
                f"Bed {bed_id} is not in ward {ward_id}.",
                extra={"errors": [{"field": "bed", "message": "not a bed of this ward"}]},
            )
        return bed_ward
    if ward_id is not None:
        found = (
            await session.execute(select(Ward.id).where(Ward.id == ward_id))
        ).scalar_one_or_none()
        if found is None:
            raise NotFound(f"No ward {ward_id} in your hospital.")
    return ward_id


async def register(session: AsyncSession, actor: Actor, *, data: DeviceIn) -> dict[str, Any]:
    """Store a device and its credential; the secret is returned here only."""
    assert actor.hospital is not None
    ward_id = await _place(session, data.ward, data.bed)
    if data.patient_id is not None:
        await require_patient(session, data.patient_id)
    device_id = uuid.uuid4()
    secret = secrets.token_urlsafe(32)  # 256 random bits
    digest = secret_hash(secret)
    row = (
        (
            await session.execute(
                insert(devices)
                .values(
                    id=device_id,
                    serial=data.serial,
                    kind=data.kind,
                    ward_id=ward_id,
                    bed_id=data.bed,
                    patient_id=data.patient_id,
                    secret_hash=digest,
                    created_by=uuid.UUID(actor.user_id),
                )
                .on_conflict_do_nothing(index_elements=["serial"])
                .returning(*_OUT)
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise Conflict(f"A device with serial {data.serial!r} is already registered here.")
    await session.execute(
        device_credentials.insert().values(
            device_id=device_id,
            hospital_id=actor.hospital.id,
            serial=data.serial,
            secret_hash=digest,
        )
    )
    await audit.record(
        session,
        actor,
        action="device.register",
        patient_id=data.patient_id,
        detail={"deviceId": str(device_id), "serial": data.serial},
    )
    return {**row, "secret": secret}


async def list_devices(session: AsyncSession) -> list[dict[str, Any]]:
    rows = await session.execute(select(*_OUT).order_by(devices.c.serial))
    return [dict(r) for r in rows.mappings()]


async def revoke(session: AsyncSession, actor: Actor, device_id: uuid.UUID) -> dict[str, Any]:
    """Revoke the device's credential at once: the device door reads it on every request.
    Revoking a revoked device changes nothing."""
    now = datetime.now(UTC)
    row = (
        (
            await session.execute(
                update(devices)
                .where(devices.c.id == device_id, devices.c.revoked_at.is_(None))
                .values(revoked_at=now, revoked_by=uuid.UUID(actor.user_id))
                .returning(*_OUT)
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        found = (
            (await session.execute(select(*_OUT).where(devices.c.id == device_id)))
            .mappings()
            .first()
        )
        if found is None:
            raise DeviceNotFound(device_id)
        return dict(found)
    assert actor.hospital is not None
    await session.execute(
        update(device_credentials)
        .where(
            device_credentials.c.device_id == device_id,
            device_credentials.c.hospital_id == actor.hospital.id,
        )
        .values(revoked_at=now)
    )
    await audit.record(
        session,
        actor,
        action="device.revoke",
        patient_id=row["patient_id"],
        detail={"deviceId": str(device_id), "serial": row["serial"]},
    )
    return dict(row)
