"""Adverse event endpoints, under the patient they concern."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query

from hms.adverse_events import service
from hms.adverse_events.schemas import AdverseEventCreate, AdverseEventOut, AdverseEventPage
from hms.auth.deps import Actor, require
from hms.auth.permissions import Permission
from hms.platform.errors import HMSError
from hms.platform.uow import unit_of_work
from hms.runtime import Runtime, get_runtime

router = APIRouter(prefix="/patients/{patient_id}/adverse-events", tags=["adverse-events"])

REPORT = require(Permission.REPORT_ADVERSE_EVENTS, audit_action="adverse_event.report")
VIEW = require(Permission.VIEW_PATIENTS, audit_action="adverse_event.read")


@router.post(
    "", status_code=201, response_model=AdverseEventOut, operation_id="adverse-events-create"
)
async def report(
    patient_id: uuid.UUID,
    body: AdverseEventCreate,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(REPORT),
) -> AdverseEventOut:
    try:
        async with unit_of_work(rt.db, actor.schema) as session:
            return await service.report(session, actor, patient_id, data=body)
    except HMSError as exc:
        rt.audit.add(
            actor,
            action="adverse_event.report",
            patient_ids=[patient_id],
            outcome=f"refused:{exc.status}",
        )
        raise


@router.get("", response_model=AdverseEventPage, operation_id="adverse-events-list")
async def list_events(
    patient_id: uuid.UUID,
    page: int = Query(default=1, ge=1, le=100_000),
    page_size: int = Query(default=50, ge=1, le=100, alias="pageSize"),
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(VIEW),
) -> AdverseEventPage:
    try:
        async with rt.db.session(actor.schema) as session:
            items, total = await service.for_patient(
                session, patient_id, page=page, page_size=page_size
            )
    except HMSError as exc:
        rt.audit.add(
            actor,
            action="adverse_event.list",
            patient_ids=[patient_id],
            outcome=f"refused:{exc.status}",
        )
        raise
    rt.audit.add(actor, action="adverse_event.list", patient_ids=[patient_id], outcome="ok")
    return AdverseEventPage(items=items, page=page, page_size=page_size, total=total)
