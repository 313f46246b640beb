"""Ward and bed administration, and the ward census."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends

from hms.encounters import wards
from hms.encounters.schemas import BedCreate, BedOut, Census, WardCreate, WardOut, WardPage
from hms.pipeline import Call, Operation, Permission
from hms.pipeline.http import endpoint
from hms.platform.paging import Paging, paging

router = APIRouter(prefix="/wards", tags=["wards"])

# The write rows are the services' own (wards.create_ward, wards.add_bed).
CREATE = Operation(Permission.MANAGE_WARDS, audit="ward.create", writes=True)
ADD_BED = Operation(Permission.MANAGE_WARDS, audit="bed.create", writes=True)
VIEW = Operation(Permission.VIEW_PATIENTS)
CENSUS = Operation(Permission.VIEW_PATIENTS, audit="ward.census")


@router.post("", status_code=201, operation_id="wards-create")
@endpoint(CREATE)
async def create_ward(call: Call, body: WardCreate) -> WardOut:
    ward = await wards.create_ward(
        call.session, call.actor, code=body.code, name=body.name, beds=body.beds
    )
    return WardOut.model_validate(ward)


@router.get("", operation_id="wards-list")
@endpoint(VIEW)
async def list_wards(call: Call, paging: Paging = Depends(paging(50))) -> WardPage:
    items, total = await wards.list_wards(call.session, paging=paging)
    return WardPage.model_validate(paging.body(items, total))


@router.get("/{ward_id}", operation_id="wards-get")
@endpoint(VIEW)
async def get_ward(call: Call, ward_id: uuid.UUID) -> WardOut:
    return WardOut.model_validate(await wards.ward_detail(call.session, ward_id))


@router.post("/{ward_id}/beds", status_code=201, operation_id="wards-beds-create")
@endpoint(ADD_BED)
async def add_bed(call: Call, ward_id: uuid.UUID, body: BedCreate) -> BedOut:
    bed = await wards.add_bed(call.session, call.actor, ward_id, label=body.label)
    return BedOut.model_validate(bed)


@router.get("/{ward_id}/census", operation_id="wards-census")
@endpoint(CENSUS)
async def ward_census(call: Call, ward_id: uuid.UUID) -> Census:
    census = await wards.census(call.session, ward_id)
    call.saw(b["occupant"]["patient"]["id"] for b in census["beds"] if b["occupant"])
    return Census.model_validate(census)
