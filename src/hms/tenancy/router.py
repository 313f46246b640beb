"""Super-admin API for hospitals."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path

from hms.audit.writes import record_refusal
from hms.auth.deps import Actor, require
from hms.auth.permissions import Permission
from hms.platform.errors import HMSError
from hms.runtime import Runtime, get_runtime
from hms.tenancy import service
from hms.tenancy.schemas import HospitalIn, HospitalOut, HospitalUpdate

router = APIRouter(prefix="/hospitals", tags=["hospitals"])

MANAGE = require(Permission.MANAGE_HOSPITALS)


@router.post("", status_code=201, response_model=HospitalOut, operation_id="hospitals-create")
async def create_hospital(
    body: HospitalIn,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(MANAGE),
) -> HospitalOut:
    tenant = await service.create_hospital(
        rt.db, slug=body.slug, name=body.name, time_zone=body.time_zone or "UTC", actor=actor
    )
    await rt.registry.reload()
    return HospitalOut.model_validate(tenant)


@router.get("", response_model=list[HospitalOut], operation_id="hospitals-list")
async def list_hospitals(
    rt: Runtime = Depends(get_runtime),
    _: Actor = Depends(MANAGE),
) -> list[HospitalOut]:
    return [HospitalOut.model_validate(t) for t in await service.list_hospitals(rt.db)]


@router.patch("/{slug}", response_model=HospitalOut, operation_id="hospitals-update")
async def update_hospital(
    body: HospitalUpdate,
    slug: str = Path(max_length=41),
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(MANAGE),
) -> HospitalOut:
    """Rename a hospital or change its time zone (the calendar day of its check-in and
    appointment views)."""
    try:
        async with rt.db.transaction() as session:
            tenant = await service.update_hospital(
                session, actor, slug=slug, name=body.name, time_zone=body.time_zone
            )
    except HMSError as exc:
        record_refusal(rt, actor, "hospital.update", None, exc)
        raise
    await rt.registry.reload()
    return HospitalOut.model_validate(tenant)
