"""Adverse event endpoints, under the patient they concern."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends

from hms.adverse_events import service
from hms.adverse_events.schemas import AdverseEventCreate, AdverseEventOut, AdverseEventPage
from hms.pipeline import Call, Operation, Permission
from hms.pipeline.http import endpoint
from hms.platform.paging import Paging, paging

router = APIRouter(prefix="/patients/{patient_id}/adverse-events", tags=["adverse-events"])

REPORT = Operation(
    Permission.REPORT_ADVERSE_EVENTS,
    audit="adverse_event.report",
    writes=True,
    patient="patient_id",
)
LIST = Operation(Permission.VIEW_PATIENTS, audit="adverse_event.list", patient="patient_id")


@router.post("", status_code=201, operation_id="adverse-events-create")
@endpoint(REPORT)
async def report(call: Call, patient_id: uuid.UUID, body: AdverseEventCreate) -> AdverseEventOut:
    return await service.report(call.session, call.actor, patient_id, data=body)


@router.get("", operation_id="adverse-events-list")
@endpoint(LIST)
async def list_events(
    call: Call,
    patient_id: uuid.UUID,
    paging: Paging = Depends(paging(50)),
) -> AdverseEventPage:
    items, total = await service.for_patient(call.session, patient_id, paging=paging)
    return AdverseEventPage.model_validate(paging.body(items, total))
