"""Lab endpoints: catalog, orders, worklist, result entry, verification, corrections, reading."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query

from hms.labs import orders, results
from hms.labs.schemas import (
    CatalogPage,
    CorrectionIn,
    LabOrderCreate,
    LabOrderOut,
    LabOrderPage,
    LabResultDetail,
    LabResultList,
    LabResultOut,
    LabResultPage,
    Priority,
    ResultsIn,
)
from hms.pipeline import Call, Operation, PatientOf, Permission
from hms.pipeline.http import endpoint
from hms.platform.paging import Paging, paging

router = APIRouter(tags=["labs"])

P = Permission
_ORDER = PatientOf("lab_orders", "order_id")
_RESULT = PatientOf("lab_results", "result_id")

CATALOG = Operation(P.VIEW_LAB_RESULTS, transaction=False)
ORDER = Operation(P.CREATE_LAB_ORDERS, audit="lab_order.create", writes=True, patient="patient_id")
ORDERS = Operation(P.VIEW_LAB_RESULTS, audit="lab_order.list", patient="patient_id")
WORKLIST = Operation(P.ENTER_LAB_RESULTS, audit="lab_worklist.read")
ORDER_READ = Operation(P.VIEW_LAB_RESULTS, audit="lab_order.read", patient=_ORDER)
ENTER = Operation(P.ENTER_LAB_RESULTS, audit="lab_result.enter", writes=True, patient=_ORDER)
VERIFY = Operation(P.VERIFY_LAB_RESULTS, audit="lab_result.verify", writes=True, patient=_RESULT)
CORRECT = Operation(P.ENTER_LAB_RESULTS, audit="lab_result.correct", writes=True, patient=_RESULT)
RESULTS = Operation(P.VIEW_LAB_RESULTS, audit="lab_result.list", patient="patient_id")
RESULT_READ = Operation(P.VIEW_LAB_RESULTS, audit="lab_result.read", patient=_RESULT)


@router.get("/lab/catalog", operation_id="lab-catalog")
@endpoint(CATALOG)
async def catalog(call: Call, paging: Paging = Depends(paging(100))) -> CatalogPage:
    items = orders.catalog()
    shown = items[paging.offset : paging.offset + paging.size]
    return CatalogPage.model_validate(paging.body(shown, len(items)))


@router.post("/patients/{patient_id}/lab-orders", status_code=201, operation_id="lab-orders-create")
@endpoint(ORDER)
async def create_order(call: Call, patient_id: uuid.UUID, body: LabOrderCreate) -> LabOrderOut:
    return await orders.create_order(call.session, call.actor, patient_id, data=body)


@router.get("/patients/{patient_id}/lab-orders", operation_id="lab-orders-list")
@endpoint(ORDERS)
async def patient_orders(
    call: Call, patient_id: uuid.UUID, paging: Paging = Depends(paging(50))
) -> LabOrderPage:
    items, total = await orders.patient_orders(call.session, patient_id, paging=paging)
    return LabOrderPage.model_validate(paging.body(items, total))


@router.get("/lab/worklist", operation_id="lab-worklist")
@endpoint(WORKLIST)
async def worklist(
    call: Call,
    priority: Priority | None = Query(default=None),
    paging: Paging = Depends(paging(50)),
) -> LabOrderPage:
    items, total = await orders.worklist(call.session, priority=priority, paging=paging)
    call.saw(sorted({o.patient.id for o in items}))
    return LabOrderPage.model_validate(paging.body(items, total))


@router.get("/lab-orders/{order_id}", operation_id="lab-orders-get")
@endpoint(ORDER_READ)
async def get_order(call: Call, order_id: uuid.UUID) -> LabOrderOut:
    found = await orders.get_order(call.session, order_id)
    call.saw([found.patient.id])
    return found


@router.post("/lab-orders/{order_id}/results", status_code=201, operation_id="lab-results-enter")
@endpoint(ENTER)
async def enter_results(call: Call, order_id: uuid.UUID, body: ResultsIn) -> LabResultList:
    items = await results.enter(call.session, call.actor, order_id, data=body)
    return LabResultList(items=items)


@router.post("/lab-results/{result_id}/verify", operation_id="lab-results-verify")
@endpoint(VERIFY)
async def verify(call: Call, result_id: uuid.UUID) -> LabResultOut:
    return await results.verify(call.session, call.actor, result_id)


@router.post(
    "/lab-results/{result_id}/corrections", status_code=201, operation_id="lab-results-correct"
)
@endpoint(CORRECT)
async def correct(call: Call, result_id: uuid.UUID, body: CorrectionIn) -> LabResultOut:
    return await results.correct(call.session, call.actor, result_id, data=body)


@router.get("/patients/{patient_id}/lab-results", operation_id="lab-results-list")
@endpoint(RESULTS)
async def patient_results(
    call: Call,
    patient_id: uuid.UUID,
    history: bool = Query(default=False, description="Include superseded versions"),
    loinc: str | None = Query(default=None, max_length=16, description="Only this test"),
    paging: Paging = Depends(paging(50)),
) -> LabResultPage:
    items, total = await results.for_patient(
        call.session, patient_id, history=history, loinc=loinc, paging=paging
    )
    return LabResultPage.model_validate(paging.body(items, total))


@router.get("/lab-results/{result_id}", operation_id="lab-results-get")
@endpoint(RESULT_READ)
async def get_result(call: Call, result_id: uuid.UUID) -> LabResultDetail:
    found = await results.detail(call.session, result_id)
    call.saw([found.patient_id])
    return found
