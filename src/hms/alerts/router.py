"""Alert endpoints: the nurse station's list and acknowledgement."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query

from hms.alerts import service
from hms.alerts.schemas import Acknowledge, AlertOut, AlertPage, AlertStatus
from hms.pipeline import Call, Operation, Permission
from hms.pipeline.http import endpoint
from hms.platform.paging import Paging, paging

router = APIRouter(prefix="/alerts", tags=["alerts"])

LIST = Operation(Permission.VIEW_PATIENTS, audit="alert.list")
ACKNOWLEDGE = Operation(Permission.ACKNOWLEDGE_ALERTS, audit="alert.acknowledge", writes=True)


@router.get("", operation_id="alerts-list")
@endpoint(LIST)
async def list_alerts(
    call: Call,
    status: AlertStatus = Query(default=AlertStatus.OPEN),
    patient_id: uuid.UUID | None = Query(default=None, alias="patientId"),
    paging: Paging = Depends(paging(50)),
) -> AlertPage:
    items, total = await service.list_alerts(
        call.session, status=status, patient_id=patient_id, paging=paging
    )
    call.saw(sorted({str(i["patient"]["id"]) for i in items}))
    return AlertPage.model_validate(paging.body(items, total))


@router.post("/{alert_id}/acknowledge", operation_id="alerts-acknowledge")
@endpoint(ACKNOWLEDGE)
async def acknowledge_alert(
    call: Call, alert_id: uuid.UUID, body: Acknowledge | None = None
) -> AlertOut:
    note = body.note if body else None
    wire = await service.acknowledge(call.session, call.actor, alert_id, note=note)
    return AlertOut.model_validate(wire)
