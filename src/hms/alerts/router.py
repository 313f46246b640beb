"""Alert endpoints: the nurse station's list and acknowledgement."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query

from hms.alerts import service
from hms.alerts.schemas import Acknowledge, AlertOut, AlertPage, AlertStatus
from hms.auth.deps import Actor, require
from hms.auth.permissions import Permission
from hms.platform.errors import HMSError
from hms.platform.uow import unit_of_work
from hms.runtime import Runtime, get_runtime

router = APIRouter(prefix="/alerts", tags=["alerts"])

VIEW = require(Permission.VIEW_PATIENTS, audit_action="alert.read")
ACK = require(Permission.ACKNOWLEDGE_ALERTS, audit_action="alert.acknowledge")


@router.get("", response_model=AlertPage, operation_id="alerts-list")
async def list_alerts(
    status: AlertStatus = Query(default=AlertStatus.OPEN),
    patient_id: uuid.UUID | None = Query(default=None, alias="patientId"),
    page: int = Query(default=1, ge=1, le=100_000),
    page_size: int = Query(default=50, ge=1, le=100, alias="pageSize"),
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(VIEW),
) -> AlertPage:
    async with rt.db.session(actor.schema) as session:
        items, total = await service.list_alerts(
            session, status=status, patient_id=patient_id, page=page, page_size=page_size
        )
    patients = sorted({str(i["patient"]["id"]) for i in items})
    rt.audit.add(actor, action="alert.list", patient_ids=patients, outcome="ok")
    return AlertPage.model_validate(
        {"items": items, "page": page, "page_size": page_size, "total": total}
    )


@router.post("/{alert_id}/acknowledge", response_model=AlertOut, operation_id="alerts-acknowledge")
async def acknowledge_alert(
    alert_id: uuid.UUID,
    body: Acknowledge | None = None,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(ACK),
) -> AlertOut:
    try:
        async with unit_of_work(rt.db, actor.schema) as session:
            wire = await service.acknowledge(
                session, actor, alert_id, note=body.note if body else None, rt=rt
            )
    except HMSError as exc:
        rt.audit.add(
            actor, action="alert.acknowledge", patient_ids=[], outcome=f"refused:{exc.status}"
        )
        raise
    return AlertOut.model_validate(wire)
