"""Prescribing endpoints: safety checks on a draft, prescriptions, dispensing."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Header, Query, Response

from hms.audit.writes import PatientOf, audited_write, record_refusal
from hms.auth.deps import Actor, require
from hms.auth.permissions import Permission
from hms.platform.errors import HMSError, InvalidInput
from hms.platform.responses import json_response
from hms.platform.uow import unit_of_work
from hms.prescriptions import checks, dispense, idempotency, service
from hms.prescriptions.models import STATUSES
from hms.prescriptions.schemas import (
    ActivateIn,
    CheckRequest,
    CheckResponse,
    DispenseIn,
    DispenseList,
    DispenseOut,
    EndIn,
    PrescriptionCreate,
    PrescriptionOut,
    PrescriptionPage,
)
from hms.runtime import Runtime, get_runtime

router = APIRouter(tags=["prescriptions"])

CREATE = require(Permission.CREATE_PRESCRIPTIONS, audit_action="prescription.write")
VIEW = require(Permission.VIEW_PRESCRIPTIONS, audit_action="prescription.read")
DISPENSE = require(Permission.DISPENSE, audit_action="prescription.dispense")


@router.post("/clinical/checks", response_model=CheckResponse, operation_id="clinical-checks")
async def check_draft(
    body: CheckRequest, rt: Runtime = Depends(get_runtime), actor: Actor = Depends(CREATE)
) -> Response:
    """Check a draft prescription without saving it."""
    try:
        async with rt.db.transaction(actor.schema) as session:
            context = await checks.load_context(session, actor.schema, body.patient_id)
    except HMSError as exc:
        record_refusal(rt, actor, "prescription.check", body.patient_id, exc)
        raise
    report = checks.evaluate(context, service.draft_items(body.items))
    rt.audit.add(actor, action="prescription.check", patient_ids=[body.patient_id], outcome="ok")
    return json_response(checks.report_wire(report))


@router.post(
    "/prescriptions",
    status_code=201,
    response_model=PrescriptionOut,
    operation_id="prescriptions-create",
    responses={409: {"description": "Override reasons missing, or Idempotency-Key reused"}},
)
async def create_prescription(
    body: PrescriptionCreate,
    idempotency_key: str | None = Header(default=None, alias="Idempotency-Key"),
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(CREATE),
) -> Response:
    key = idempotency.check_key(idempotency_key)
    try:
        async with unit_of_work(rt.db, actor.schema) as session:
            out, created = await service.create(session, rt, actor, data=body, idempotency_key=key)
    except HMSError as exc:
        record_refusal(rt, actor, "prescription.create", body.patient_id, exc)
        raise
    if not created:
        rt.audit.add(actor, action="prescription.read", patient_ids=[body.patient_id], outcome="ok")
    headers = {"Location": f"/api/v1/prescriptions/{out['id']}"}
    if not created:
        headers["Idempotent-Replayed"] = "true"
    return json_response(out, 201, headers)


@router.get("/prescriptions", response_model=PrescriptionPage, operation_id="prescriptions-list")
async def list_prescriptions(
    patient_id: uuid.UUID | None = Query(default=None, alias="patientId"),
    status: list[str] = Query(default=[], description=f"Any of {', '.join(STATUSES)}"),
    page: int = Query(default=1, ge=1, le=100_000),
    page_size: int = Query(default=20, ge=1, le=100, alias="pageSize"),
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(VIEW),
) -> Response:
    unknown = [s for s in status if s not in STATUSES]
    if unknown:
        why = f"unknown status {unknown[0]!r}; use one of {', '.join(STATUSES)}"
        raise InvalidInput(
            f"Fix these fields: status: {why}",
            extra={"errors": [{"field": "status", "message": why}]},
        )
    async with rt.db.session(actor.schema) as session:
        items, total = await service.search(
            session, patient_id=patient_id, statuses=status, page=page, page_size=page_size
        )
    patients = list(dict.fromkeys(i["patient"]["id"] for i in items))
    rt.audit.add(actor, action="prescription.search", patient_ids=patients, outcome="ok")
    return json_response({"items": items, "page": page, "pageSize": page_size, "total": total})


@router.get(
    "/prescriptions/{prescription_id}",
    response_model=PrescriptionOut,
    operation_id="prescriptions-get",
)
async def get_prescription(
    prescription_id: uuid.UUID, rt: Runtime = Depends(get_runtime), actor: Actor = Depends(VIEW)
) -> Response:
    try:
        async with rt.db.session(actor.schema) as session:
            out = await service.get(session, prescription_id)
    except HMSError:
        rt.audit.add(actor, action="prescription.read", patient_ids=[], outcome="not_found")
        raise
    rt.audit.add(
        actor, action="prescription.read", patient_ids=[out["patient"]["id"]], outcome="ok"
    )
    return json_response(out)


@router.post(
    "/prescriptions/{prescription_id}/activate",
    response_model=PrescriptionOut,
    operation_id="prescriptions-activate",
)
async def activate_prescription(
    prescription_id: uuid.UUID,
    body: ActivateIn,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(CREATE),
) -> Response:
    out = await audited_write(
        rt,
        actor,
        "prescription.activate",
        PatientOf("prescriptions", prescription_id),
        lambda s: service.activate(s, rt, actor, prescription_id, overrides=body.overrides),
    )
    return json_response(out)


@router.post(
    "/prescriptions/{prescription_id}/cancel",
    response_model=PrescriptionOut,
    operation_id="prescriptions-cancel",
)
async def cancel_prescription(
    prescription_id: uuid.UUID,
    body: EndIn,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(CREATE),
) -> Response:
    out = await audited_write(
        rt,
        actor,
        "prescription.cancel",
        PatientOf("prescriptions", prescription_id),
        lambda s: service.end(s, rt, actor, prescription_id, how="cancel", reason=body.reason),
    )
    return json_response(out)


@router.post(
    "/prescriptions/{prescription_id}/stop",
    response_model=PrescriptionOut,
    operation_id="prescriptions-stop",
)
async def stop_prescription(
    prescription_id: uuid.UUID,
    body: EndIn,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(CREATE),
) -> Response:
    out = await audited_write(
        rt,
        actor,
        "prescription.stop",
        PatientOf("prescriptions", prescription_id),
        lambda s: service.end(s, rt, actor, prescription_id, how="stop", reason=body.reason),
    )
    return json_response(out)


@router.post(
    "/prescriptions/{prescription_id}/dispense",
    status_code=201,
    response_model=DispenseOut,
    operation_id="prescriptions-dispense",
    responses={409: {"description": "Out of stock, nothing left to dispense, or not open"}},
)
async def dispense_prescription(
    prescription_id: uuid.UUID,
    body: DispenseIn,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(DISPENSE),
) -> Response:
    out = await audited_write(
        rt,
        actor,
        "prescription.dispense",
        PatientOf("prescriptions", prescription_id),
        lambda s: dispense.dispense(s, rt, actor, prescription_id, data=body),
    )
    return json_response(out, 201)


@router.get(
    "/prescriptions/{prescription_id}/dispenses",
    response_model=DispenseList,
    operation_id="prescriptions-dispenses",
)
async def dispensing_history(
    prescription_id: uuid.UUID, rt: Runtime = Depends(get_runtime), actor: Actor = Depends(VIEW)
) -> Response:
    async with rt.db.session(actor.schema) as session:
        found = await service.get(session, prescription_id)
        items = await dispense.history(session, prescription_id)
    rt.audit.add(
        actor,
        action="prescription.dispenses.read",
        patient_ids=[found["patient"]["id"]],
        outcome="ok",
    )
    return json_response({"items": items})
