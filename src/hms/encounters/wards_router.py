"""Ward and bed administration, and the ward census."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query

from hms.auth.deps import Actor, require
from hms.auth.permissions import Permission
from hms.encounters import wards
from hms.encounters.schemas import BedCreate, BedOut, Census, WardCreate, WardOut, WardPage
from hms.platform.uow import unit_of_work
from hms.runtime import Runtime, get_runtime

router = APIRouter(prefix="/wards", tags=["wards"])

MANAGE = require(Permission.MANAGE_WARDS)
VIEW = require(Permission.VIEW_PATIENTS)
VIEW_PHI = require(Permission.VIEW_PATIENTS, audit_action="ward.census")


@router.post("", status_code=201, response_model=WardOut, operation_id="wards-create")
async def create_ward(
    body: WardCreate, rt: Runtime = Depends(get_runtime), actor: Actor = Depends(MANAGE)
) -> WardOut:
    async with unit_of_work(rt.db, actor.schema) as session:
        ward = await wards.create_ward(
            session, actor, code=body.code, name=body.name, beds=body.beds
        )
    return WardOut.model_validate(ward)


@router.get("", response_model=WardPage, operation_id="wards-list")
async def list_wards(
    page: int = Query(default=1, ge=1, le=100_000),
    page_size: int = Query(default=50, ge=1, le=100, alias="pageSize"),
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(VIEW),
) -> WardPage:
    async with rt.db.session(actor.schema) as session:
        items, total = await wards.list_wards(session, page=page, page_size=page_size)
    return WardPage.model_validate(
        {"items": items, "page": page, "page_size": page_size, "total": total}
    )


@router.get("/{ward_id}", response_model=WardOut, operation_id="wards-get")
async def get_ward(
    ward_id: uuid.UUID, rt: Runtime = Depends(get_runtime), actor: Actor = Depends(VIEW)
) -> WardOut:
    async with rt.db.session(actor.schema) as session:
        return WardOut.model_validate(await wards.ward_detail(session, ward_id))


@router.post(
    "/{ward_id}/beds", status_code=201, response_model=BedOut, operation_id="wards-beds-create"
)
async def add_bed(
    ward_id: uuid.UUID,
    body: BedCreate,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(MANAGE),
) -> BedOut:
    async with unit_of_work(rt.db, actor.schema) as session:
        bed = await wards.add_bed(session, actor, ward_id, label=body.label)
    return BedOut.model_validate(bed)


@router.get("/{ward_id}/census", response_model=Census, operation_id="wards-census")
async def ward_census(
    ward_id: uuid.UUID, rt: Runtime = Depends(get_runtime), actor: Actor = Depends(VIEW_PHI)
) -> Census:
    async with rt.db.session(actor.schema) as session:
        census = await wards.census(session, ward_id)
    patients = [b["occupant"]["patient"]["id"] for b in census["beds"] if b["occupant"]]
    rt.audit.add(actor, action="ward.census", patient_ids=patients, outcome="ok")
    return Census.model_validate(census)
