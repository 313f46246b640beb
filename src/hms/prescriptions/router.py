"""Prescribing endpoints: safety checks on a draft, prescriptions, dispensing."""

from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter, Depends, Header, Query, Response

from hms.pipeline import Call, Operation
from hms.pipeline.http import endpoint
from hms.platform.errors import InvalidInput
from hms.platform.paging import Paging, paging
from hms.platform.responses import json_response
from hms.prescriptions import checks, dispense, idempotency, queue, service
from hms.prescriptions.models import STATUSES
from hms.prescriptions.operations import (
    ACTIVATE,
    CANCEL,
    CHECK,
    CREATE,
    DISPENSE,
    DISPENSES,
    QUEUE,
    READ,
    SEARCH,
    STOP,
)
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
    QueuePage,
)

router = APIRouter(tags=["prescriptions"])


@router.post("/clinical/checks", response_model=CheckResponse, operation_id="clinical-checks")
@endpoint(CHECK)
async def check_draft(call: Call, body: CheckRequest) -> Response:
    """Check a draft prescription without saving it."""
    context = await checks.load_context(call.session, body.patient_id)
    report = checks.evaluate(context, service.draft_items(body.items))
    return json_response(checks.report_wire(report))


@router.post(
    "/prescriptions",
    status_code=201,
    response_model=PrescriptionOut,
    operation_id="prescriptions-create",
    responses={409: {"description": "Override reasons missing, or Idempotency-Key reused"}},
)
@endpoint(CREATE)
async def create_prescription(
    call: Call,
    body: PrescriptionCreate,
    idempotency_key: str | None = Header(default=None, alias="Idempotency-Key"),
) -> Response:
    key = idempotency.check_key(idempotency_key)
    out, created = await service.create_for(call, data=body, idempotency_key=key)
    headers = {"Location": f"/api/v1/prescriptions/{out['id']}"}
    if not created:
        headers["Idempotent-Replayed"] = "true"
        call.rt.audit.add(
            call.actor, action="prescription.read", patient_ids=[body.patient_id], outcome="ok"
        )
    return json_response(out, 201, headers)


@router.get("/prescriptions", response_model=PrescriptionPage, operation_id="prescriptions-list")
@endpoint(SEARCH)
async def list_prescriptions(
    call: Call,
    patient_id: uuid.UUID | None = Query(default=None, alias="patientId"),
    status: list[str] = Query(default=[], description=f"Any of {', '.join(STATUSES)}"),
    paging: Paging = Depends(paging(20)),
) -> Response:
    unknown = [s for s in status if s not in STATUSES]
    if unknown:
        why = f"unknown status {unknown[0]!r}; use one of {', '.join(STATUSES)}"
        raise InvalidInput(
            f"Fix these fields: status: {why}",
            extra={"errors": [{"field": "status", "message": why}]},
        )
    items, total = await service.search(
        call.session, patient_id=patient_id, statuses=status, paging=paging
    )
    call.saw(dict.fromkeys(i["patient"]["id"] for i in items))
    return json_response(paging.body(items, total))


@router.get(
    "/prescriptions/{prescription_id}",
    response_model=PrescriptionOut,
    operation_id="prescriptions-get",
)
@endpoint(READ)
async def get_prescription(call: Call, prescription_id: uuid.UUID) -> Response:
    out = await service.get(call.session, prescription_id)
    call.saw([out["patient"]["id"]])
    return json_response(out)


@router.post(
    "/prescriptions/{prescription_id}/activate",
    response_model=PrescriptionOut,
    operation_id="prescriptions-activate",
)
@endpoint(ACTIVATE)
async def activate_prescription(
    call: Call, prescription_id: uuid.UUID, body: ActivateIn
) -> Response:
    return json_response(
        await service.activate(call.session, call.actor, prescription_id, overrides=body.overrides)
    )


def _ending(how: Literal["cancel", "stop"], op: Operation) -> None:
    """Cancel (nothing dispensed yet) and stop (part dispensed) end a prescription alike."""

    async def end(call: Call, prescription_id: uuid.UUID, body: EndIn) -> Response:
        return json_response(
            await service.end(
                call.session, call.actor, prescription_id, how=how, reason=body.reason
            )
        )

    end.__name__ = f"{how}_prescription"
    router.add_api_route(
        f"/prescriptions/{{prescription_id}}/{how}",
        endpoint(op)(end),
        methods=["POST"],
        response_model=PrescriptionOut,
        operation_id=f"prescriptions-{how}",
    )


_ending("cancel", CANCEL)
_ending("stop", STOP)


@router.get(
    "/pharmacy/queue", response_model=QueuePage, operation_id="pharmacy-queue", tags=["pharmacy"]
)
@endpoint(QUEUE)
async def pharmacy_queue(call: Call, paging: Paging = Depends(paging(20))) -> Response:
    """Prescriptions waiting to be dispensed (active, partially dispensed), oldest first."""
    items, total = await queue.waiting(call.session, paging=paging)
    call.saw(dict.fromkeys(i["patient"]["id"] for i in items))
    return json_response(paging.body(items, total))


@router.post(
    "/prescriptions/{prescription_id}/dispense",
    status_code=201,
    response_model=DispenseOut,
    operation_id="prescriptions-dispense",
    responses={409: {"description": "Out of stock, nothing left to dispense, or not open"}},
)
@endpoint(DISPENSE)
async def dispense_prescription(
    call: Call, prescription_id: uuid.UUID, body: DispenseIn
) -> Response:
    out = await dispense.dispense(call.session, call.actor, prescription_id, data=body)
    return json_response(out, 201)


@router.get(
    "/prescriptions/{prescription_id}/dispenses",
    response_model=DispenseList,
    operation_id="prescriptions-dispenses",
)
@endpoint(DISPENSES)
async def dispensing_history(call: Call, prescription_id: uuid.UUID) -> Response:
    found = await service.get(call.session, prescription_id)
    items = await dispense.history(call.session, prescription_id)
    call.saw([found["patient"]["id"]])
    return json_response({"items": items})
