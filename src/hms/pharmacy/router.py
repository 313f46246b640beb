"""Pharmacy endpoints: the dispensing queue, the formulary and its stock movements."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Response

from hms.auth.deps import Actor, require
from hms.auth.permissions import Permission
from hms.pharmacy import service
from hms.pharmacy.queue import queue
from hms.pharmacy.schemas import (
    FormularyEntryIn,
    FormularyEntryOut,
    FormularyPage,
    MovementIn,
    MovementPage,
    MovementResult,
    QueuePage,
)
from hms.platform.responses import json_response
from hms.platform.uow import unit_of_work
from hms.runtime import Runtime, get_runtime

router = APIRouter(prefix="/pharmacy", tags=["pharmacy"])

QUEUE = require(Permission.DISPENSE, audit_action="prescription.read")
VIEW = require(Permission.VIEW_DRUGS)
MANAGE = require(Permission.MANAGE_FORMULARY)
DRUG_ID = Path(min_length=1, max_length=120, description="Catalog drug id")


@router.get("/queue", response_model=QueuePage, operation_id="pharmacy-queue")
async def pharmacy_queue(
    page: int = Query(default=1, ge=1, le=100_000),
    page_size: int = Query(default=20, ge=1, le=100, alias="pageSize"),
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(QUEUE),
) -> Response:
    """Prescriptions waiting to be dispensed (active, partially dispensed), oldest first."""
    async with rt.db.session(actor.schema) as session:
        items, total = await queue(session, page=page, page_size=page_size)
    patients = list(dict.fromkeys(i["patient"]["id"] for i in items))
    rt.audit.add(actor, action="pharmacy.queue", patient_ids=patients, outcome="ok")
    return json_response({"items": items, "page": page, "pageSize": page_size, "total": total})


@router.get("/formulary", response_model=FormularyPage, operation_id="formulary-list")
async def list_formulary(
    q: str | None = Query(default=None, max_length=100, description="Drug name or id prefix"),
    in_stock: bool | None = Query(default=None, alias="inStock"),
    low_stock: bool = Query(default=False, alias="lowStock", description="At or under reorder"),
    include_unlisted: bool = Query(default=False, alias="includeUnlisted"),
    page: int = Query(default=1, ge=1, le=100_000),
    page_size: int = Query(default=20, ge=1, le=100, alias="pageSize"),
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(VIEW),
) -> Response:
    async with rt.db.session(actor.schema) as session:
        items, total = await service.search(
            session,
            q=" ".join((q or "").split()) or None,
            in_stock=in_stock,
            low_stock=low_stock,
            listed_only=not include_unlisted,
            page=page,
            page_size=page_size,
        )
    return json_response({"items": items, "page": page, "pageSize": page_size, "total": total})


@router.get("/formulary/{drug_id}", response_model=FormularyEntryOut, operation_id="formulary-get")
async def get_entry(
    drug_id: str = DRUG_ID, rt: Runtime = Depends(get_runtime), actor: Actor = Depends(VIEW)
) -> Response:
    async with rt.db.session(actor.schema) as session:
        return json_response(await service.get(session, drug_id))


@router.put("/formulary/{drug_id}", response_model=FormularyEntryOut, operation_id="formulary-put")
async def put_entry(
    body: FormularyEntryIn,
    drug_id: str = DRUG_ID,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(MANAGE),
) -> Response:
    """Add a catalog drug to the formulary (with no stock) or change its entry."""
    async with unit_of_work(rt.db, actor.schema) as session:
        entry, created = await service.upsert(session, actor, drug_id, data=body)
    return json_response(entry, 201 if created else 200)


@router.post(
    "/formulary/{drug_id}/movements",
    status_code=201,
    response_model=MovementResult,
    operation_id="formulary-movements-create",
)
async def record_movement(
    body: MovementIn,
    drug_id: str = DRUG_ID,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(MANAGE),
) -> Response:
    """Receive stock or adjust it (signed, with a reason); dispensing records its own."""
    async with unit_of_work(rt.db, actor.schema) as session:
        result = await service.record_movement(session, actor, drug_id, data=body)
    return json_response(result, 201)


@router.get(
    "/formulary/{drug_id}/movements",
    response_model=MovementPage,
    operation_id="formulary-movements-list",
)
async def list_movements(
    drug_id: str = DRUG_ID,
    page: int = Query(default=1, ge=1, le=100_000),
    page_size: int = Query(default=20, ge=1, le=100, alias="pageSize"),
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(MANAGE),
) -> Response:
    """Every receipt, adjustment and dispense of one drug, newest first."""
    async with rt.db.session(actor.schema) as session:
        items, total = await service.movements(session, drug_id, page=page, page_size=page_size)
    return json_response({"items": items, "page": page, "pageSize": page_size, "total": total})
