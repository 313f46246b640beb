"""Vitals endpoints: record a set, a patient's range and latest, a ward's latest, and the
patient's NEWS2 SpO2 scale."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query
from pydantic import AwareDatetime

from hms.auth.deps import Actor, require
from hms.auth.permissions import Permission
from hms.platform.errors import HMSError
from hms.platform.uow import unit_of_work
from hms.runtime import Runtime, get_runtime
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

VIEW = require(Permission.VIEW_PATIENTS, audit_action="vitals.read")
RECORD = require(Permission.RECORD_VITALS, audit_action="vitals.record")
SET_SCALE = require(Permission.SET_NEWS2_SCALE, audit_action="patient.news2_scale")


def _refused(rt: Runtime, actor: Actor, action: str, patient_id: uuid.UUID, status: int) -> None:
    rt.audit.add(actor, action=action, patient_ids=[patient_id], outcome=f"refused:{status}")


@router.post(
    "/patients/{patient_id}/vitals",
    status_code=201,
    response_model=VitalsCreated,
    operation_id="vitals-create",
)
async def record_vitals(
    patient_id: uuid.UUID,
    body: VitalsIn,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(RECORD),
) -> VitalsCreated:
    try:
        async with unit_of_work(rt.db, actor.schema) as session:
            out = await service.record(session, actor, patient_id, data=body, rt=rt)
    except HMSError as exc:
        _refused(rt, actor, "vitals.record", patient_id, exc.status)
        raise
    return VitalsCreated.model_validate(out)


@router.get(
    "/patients/{patient_id}/vitals", response_model=VitalsSeries, operation_id="vitals-list"
)
async def list_vitals(
    patient_id: uuid.UUID,
    start: AwareDatetime | None = Query(
        default=None, alias="from", description="ISO 8601 with offset (…Z); default: to − 7 d"
    ),
    end: AwareDatetime | None = Query(
        default=None, alias="to", description="ISO 8601 with offset (…Z); default: now"
    ),
    limit: int = Query(default=1000, ge=1, le=queries.MAX_LIMIT),
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(VIEW),
) -> VitalsSeries:
    start, end = queries.resolve_range(start, end)
    async with rt.db.session(actor.schema) as session:
        try:
            items, truncated = await queries.series(
                session, patient_id, start=start, end=end, limit=limit
            )
        except HMSError:
            rt.audit.add(actor, action="vitals.read", patient_ids=[patient_id], outcome="not_found")
            raise
    rt.audit.add(actor, action="vitals.read", patient_ids=[patient_id], outcome="ok")
    return VitalsSeries.model_validate(
        {
            "patient_id": patient_id,
            "from": start,
            "to": end,
            "items": items,
            "truncated": truncated,
        }
    )


@router.get(
    "/patients/{patient_id}/vitals/latest",
    response_model=LatestVitals,
    operation_id="vitals-latest",
)
async def latest_vitals(
    patient_id: uuid.UUID, rt: Runtime = Depends(get_runtime), actor: Actor = Depends(VIEW)
) -> LatestVitals:
    async with rt.db.session(actor.schema) as session:
        try:
            found = await queries.latest(session, patient_id)
        except HMSError:
            rt.audit.add(actor, action="vitals.read", patient_ids=[patient_id], outcome="not_found")
            raise
    rt.audit.add(actor, action="vitals.read", patient_ids=[patient_id], outcome="ok")
    return LatestVitals.model_validate({"patient_id": patient_id, "vitals": found})


@router.get(
    "/wards/{ward_id}/vitals/latest",
    response_model=WardLatestVitals,
    operation_id="vitals-ward-latest",
)
async def ward_latest_vitals(
    ward_id: uuid.UUID,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(require(Permission.VIEW_PATIENTS, audit_action="vitals.ward")),
) -> WardLatestVitals:
    async with rt.db.session(actor.schema) as session:
        found = await queries.ward_latest(session, ward_id)
    patients = [item["patient"]["id"] for item in found["items"]]
    rt.audit.add(actor, action="vitals.ward", patient_ids=patients, outcome="ok")
    return WardLatestVitals.model_validate(found)


@router.get(
    "/patients/{patient_id}/news2-scale",
    response_model=News2ScaleOut,
    operation_id="news2-scale-get",
)
async def get_news2_scale(
    patient_id: uuid.UUID, rt: Runtime = Depends(get_runtime), actor: Actor = Depends(VIEW)
) -> News2ScaleOut:
    action = "patient.news2_scale.read"
    async with rt.db.session(actor.schema) as session:
        try:
            found = await scale.current(session, patient_id)
        except HMSError:
            rt.audit.add(actor, action=action, patient_ids=[patient_id], outcome="not_found")
            raise
    rt.audit.add(actor, action=action, patient_ids=[patient_id], outcome="ok")
    return News2ScaleOut.model_validate(found)


@router.put(
    "/patients/{patient_id}/news2-scale",
    response_model=News2ScaleOut,
    operation_id="news2-scale-set",
)
async def set_news2_scale(
    patient_id: uuid.UUID,
    body: News2ScaleIn,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(SET_SCALE),
) -> News2ScaleOut:
    try:
        async with unit_of_work(rt.db, actor.schema) as session:
            found = await scale.set_scale(
                session, actor, patient_id, scale=body.scale, reason=body.reason
            )
    except HMSError as exc:
        _refused(rt, actor, "patient.news2_scale", patient_id, exc.status)
        raise
    return News2ScaleOut.model_validate(found)
