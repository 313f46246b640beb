"""Super-admin API for hospitals."""

from __future__ import annotations

from fastapi import APIRouter, Path

from hms.pipeline import Call
from hms.pipeline.http import endpoint
from hms.tenancy import service
from hms.tenancy.operations import CREATE, LIST, UPDATE
from hms.tenancy.schemas import HospitalIn, HospitalOut, HospitalUpdate

router = APIRouter(prefix="/hospitals", tags=["hospitals"])


@router.post("", status_code=201, operation_id="hospitals-create")
@endpoint(CREATE)
async def create_hospital(call: Call, body: HospitalIn) -> HospitalOut:
    tenant = await service.create_hospital(
        call.rt.db,
        slug=body.slug,
        name=body.name,
        time_zone=body.time_zone or "UTC",
        actor=call.actor,
    )
    await call.rt.registry.reload()
    return HospitalOut.model_validate(tenant)


@router.get("", operation_id="hospitals-list")
@endpoint(LIST)
async def list_hospitals(call: Call) -> list[HospitalOut]:
    return [HospitalOut.model_validate(t) for t in await service.list_hospitals(call.session)]


@router.patch("/{slug}", operation_id="hospitals-update")
@endpoint(UPDATE)
async def update_hospital(
    call: Call, body: HospitalUpdate, slug: str = Path(max_length=41)
) -> HospitalOut:
    """Rename a hospital or change its time zone (the calendar day of its check-in and
    appointment views)."""
    tenant = await service.update_hospital(
        call.session, call.actor, slug=slug, name=body.name, time_zone=body.time_zone
    )
    call.after_commit(call.rt.registry.reload)
    return HospitalOut.model_validate(tenant)
