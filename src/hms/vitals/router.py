"""Vitals endpoints: record a set, a patient's range and latest, a ward's latest, and the
patient's NEWS2 SpO2 scale."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Query
from pydantic import AwareDatetime

from hms.pipeline import Call, Operation, Permission
from hms.pipeline.http import endpoint
from hms.vitals import queries, scale, service
from hms.vitals.schemas import (
    LatestVitals,
    News2ScaleIn,
    News2ScaleOut,
    VitalsCreated,
    VitalsIn,
    VitalsSeries,
    WardLatestVitals,
)

router = APIRouter(tags=["vitals"])

P = Permission
RECORD = Operation(P.RECORD_VITALS, audit="vitals.record", writes=True, patient="patient_id")
READ = Operation(P.VIEW_PATIENTS, audit="vitals.read", patient="patient_id")
WARD = Operation(P.VIEW_PATIENTS, audit="vitals.ward")
SCALE = Operation(P.VIEW_PATIENTS, audit="patient.news2_scale.read", patient="patient_id")
SET_SCALE = Operation(
    P.SET_NEWS2_SCALE, audit="patient.news2_scale", writes=True, patient="patient_id"
)


@router.post("/patients/{patient_id}/vitals", status_code=201, operation_id="vitals-create")
@endpoint(RECORD)
async def record_vitals(call: Call, patient_id: uuid.UUID, body: VitalsIn) -> VitalsCreated:
    out = await service.record(call.session, call.actor, patient_id, data=body)
    return VitalsCreated.model_validate(out)


@router.get("/patients/{patient_id}/vitals", operation_id="vitals-list")
@endpoint(READ)
async def list_vitals(
    call: Call,
    patient_id: uuid.UUID,
    start: AwareDatetime | None = Query(
        default=None, alias="from", description="ISO 8601 with offset (…Z); default: to − 7 d"
    ),
    end: AwareDatetime | None = Query(
        default=None, alias="to", description="ISO 8601 with offset (…Z); default: now"
    ),
    limit: int = Query(default=1000, ge=1, le=queries.MAX_LIMIT),
) -> VitalsSeries:
    start, end = queries.resolve_range(start, end)
    items, truncated = await queries.series(
        call.session, patient_id, start=start, end=end, limit=limit
    )
    return VitalsSeries.model_validate(
        {
            "patient_id": patient_id,
            "from": start,
            "to": end,
            "items": items,
            "truncated": truncated,
        }
    )


@router.get("/patients/{patient_id}/vitals/latest", operation_id="vitals-latest")
@endpoint(READ)
async def latest_vitals(call: Call, patient_id: uuid.UUID) -> LatestVitals:
    found = await queries.latest(call.session, patient_id)
    return LatestVitals.model_validate({"patient_id": patient_id, "vitals": found})


@router.get("/wards/{ward_id}/vitals/latest", operation_id="vitals-ward-latest")
@endpoint(WARD)
async def ward_latest_vitals(call: Call, ward_id: uuid.UUID) -> WardLatestVitals:
    found = await queries.ward_latest(call.session, ward_id)
    call.saw(item["patient"]["id"] for item in found["items"])
    return WardLatestVitals.model_validate(found)


@router.get("/patients/{patient_id}/news2-scale", operation_id="news2-scale-get")
@endpoint(SCALE)
async def get_news2_scale(call: Call, patient_id: uuid.UUID) -> News2ScaleOut:
    return News2ScaleOut.model_validate(await scale.current(call.session, patient_id))


@router.put("/patients/{patient_id}/news2-scale", operation_id="news2-scale-set")
@endpoint(SET_SCALE)
async def set_news2_scale(call: Call, patient_id: uuid.UUID, body: News2ScaleIn) -> News2ScaleOut:
    found = await scale.set_scale(
        call.session, call.actor, patient_id, scale=body.scale, reason=body.reason
    )
    return News2ScaleOut.model_validate(found)
