"""Lab endpoints: catalog, orders, worklist, result entry, verification, corrections, reading."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Depends, Query
from sqlalchemy.ext.asyncio import AsyncSession

from hms.audit.writes import PatientOf, audited_write
from hms.auth.deps import Actor, require
from hms.auth.permissions import Permission
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
from hms.platform.errors import HMSError
from hms.runtime import Runtime, get_runtime

router = APIRouter(tags=["labs"])

ORDER = require(Permission.CREATE_LAB_ORDERS, audit_action="lab_order.write")
VIEW = require(Permission.VIEW_LAB_RESULTS, audit_action="lab_result.read")
ENTER = require(Permission.ENTER_LAB_RESULTS, audit_action="lab_result.write")
VERIFY = require(Permission.VERIFY_LAB_RESULTS, audit_action="lab_result.verify")

T = TypeVar("T")
PAGE = Query(default=1, ge=1, le=100_000)
PAGE_SIZE = Query(default=50, ge=1, le=100, alias="pageSize")


async def _read(
    rt: Runtime,
    actor: Actor,
    action: str,
    patient_id: uuid.UUID | None,
    work: Callable[[AsyncSession], Awaitable[T]],
    patients_of: Callable[[T], list[Any]],
) -> T:
    """A read in its own session, audited (batched) for the patients it showed."""
    try:
        async with rt.db.session(actor.schema) as session:
            found = await work(session)
    except HMSError as exc:
        ids = [patient_id] if patient_id else []
        rt.audit.add(actor, action=action, patient_ids=ids, outcome=f"refused:{exc.status}")
        raise
    rt.audit.add(actor, action=action, patient_ids=patients_of(found), outcome="ok")
    return found


@router.get("/lab/catalog", response_model=CatalogPage, operation_id="lab-catalog")
async def catalog(
    page: int = PAGE,
    page_size: int = Query(default=100, ge=1, le=100, alias="pageSize"),
    _: Actor = Depends(require(Permission.VIEW_LAB_RESULTS)),
) -> CatalogPage:
    items = orders.catalog()
    start = (page - 1) * page_size
    return CatalogPage(
        items=items[start : start + page_size], page=page, page_size=page_size, total=len(items)
    )


@router.post(
    "/patients/{patient_id}/lab-orders",
    status_code=201,
    response_model=LabOrderOut,
    operation_id="lab-orders-create",
)
async def create_order(
    patient_id: uuid.UUID,
    body: LabOrderCreate,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(ORDER),
) -> LabOrderOut:
    return await audited_write(
        rt,
        actor,
        "lab_order.create",
        patient_id,
        lambda s: orders.create_order(s, actor, patient_id, data=body),
    )


@router.get(
    "/patients/{patient_id}/lab-orders",
    response_model=LabOrderPage,
    operation_id="lab-orders-list",
)
async def patient_orders(
    patient_id: uuid.UUID,
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(VIEW),
) -> LabOrderPage:
    items, total = await _read(
        rt,
        actor,
        "lab_order.list",
        patient_id,
        lambda s: orders.patient_orders(s, patient_id, page=page, page_size=page_size),
        lambda _: [patient_id],
    )
    return LabOrderPage(items=items, page=page, page_size=page_size, total=total)


@router.get("/lab/worklist", response_model=LabOrderPage, operation_id="lab-worklist")
async def worklist(
    priority: Priority | None = Query(default=None),
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(ENTER),
) -> LabOrderPage:
    items, total = await _read(
        rt,
        actor,
        "lab_worklist.read",
        None,
        lambda s: orders.worklist(s, priority=priority, page=page, page_size=page_size),
        lambda found: sorted({o.patient.id for o in found[0]}),
    )
    return LabOrderPage(items=items, page=page, page_size=page_size, total=total)


@router.get("/lab-orders/{order_id}", response_model=LabOrderOut, operation_id="lab-orders-get")
async def get_order(
    order_id: uuid.UUID, rt: Runtime = Depends(get_runtime), actor: Actor = Depends(VIEW)
) -> LabOrderOut:
    return await _read(
        rt,
        actor,
        "lab_order.read",
        None,
        lambda s: orders.get_order(s, order_id),
        lambda found: [found.patient.id],
    )


@router.post(
    "/lab-orders/{order_id}/results",
    status_code=201,
    response_model=LabResultList,
    operation_id="lab-results-enter",
)
async def enter_results(
    order_id: uuid.UUID,
    body: ResultsIn,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(ENTER),
) -> LabResultList:
    items = await audited_write(
        rt,
        actor,
        "lab_result.enter",
        PatientOf("lab_orders", order_id),
        lambda s: results.enter(s, rt, actor, order_id, data=body),
    )
    return LabResultList(items=items)


@router.post(
    "/lab-results/{result_id}/verify",
    response_model=LabResultOut,
    operation_id="lab-results-verify",
)
async def verify(
    result_id: uuid.UUID, rt: Runtime = Depends(get_runtime), actor: Actor = Depends(VERIFY)
) -> LabResultOut:
    return await audited_write(
        rt,
        actor,
        "lab_result.verify",
        PatientOf("lab_results", result_id),
        lambda s: results.verify(s, rt, actor, result_id),
    )


@router.post(
    "/lab-results/{result_id}/corrections",
    status_code=201,
    response_model=LabResultOut,
    operation_id="lab-results-correct",
)
async def correct(
    result_id: uuid.UUID,
    body: CorrectionIn,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(ENTER),
) -> LabResultOut:
    return await audited_write(
        rt,
        actor,
        "lab_result.correct",
        PatientOf("lab_results", result_id),
        lambda s: results.correct(s, rt, actor, result_id, data=body),
    )


@router.get(
    "/patients/{patient_id}/lab-results",
    response_model=LabResultPage,
    operation_id="lab-results-list",
)
async def patient_results(
    patient_id: uuid.UUID,
    history: bool = Query(default=False, description="Include superseded versions"),
    loinc: str | None = Query(default=None, max_length=16, description="Only this test"),
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(VIEW),
) -> LabResultPage:
    items, total = await _read(
        rt,
        actor,
        "lab_result.list",
        patient_id,
        lambda s: results.for_patient(
            s, patient_id, history=history, loinc=loinc, page=page, page_size=page_size
        ),
        lambda _: [patient_id],
    )
    return LabResultPage(items=items, page=page, page_size=page_size, total=total)


@router.get(
    "/lab-results/{result_id}", response_model=LabResultDetail, operation_id="lab-results-get"
)
async def get_result(
    result_id: uuid.UUID, rt: Runtime = Depends(get_runtime), actor: Actor = Depends(VIEW)
) -> LabResultDetail:
    return await _read(
        rt,
        actor,
        "lab_result.read",
        None,
        lambda s: results.detail(s, result_id),
        lambda found: [found.patient_id],
    )
