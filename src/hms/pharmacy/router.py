"""Pharmacy endpoints: the formulary and its stock movements. The dispensing queue is a view
of prescriptions (``prescriptions/router.py``)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Response

from hms.pharmacy import service
from hms.pharmacy.schemas import (
    FormularyEntryIn,
    FormularyEntryOut,
    FormularyPage,
    MovementIn,
    MovementPage,
    MovementResult,
)
from hms.pipeline import Call, Operation, Permission
from hms.pipeline.http import endpoint
from hms.platform.paging import Paging, paging
from hms.platform.responses import json_response

router = APIRouter(prefix="/pharmacy", tags=["pharmacy"])

VIEW = Operation(Permission.VIEW_DRUGS)
MOVEMENTS = Operation(Permission.MANAGE_FORMULARY)
PUT = Operation(Permission.MANAGE_FORMULARY, audit="formulary.update", writes=True)
MOVE = Operation(Permission.MANAGE_FORMULARY, audit="formulary.movement", writes=True)
DRUG_ID = Path(min_length=1, max_length=120, description="Catalog drug id")


@router.get("/formulary", response_model=FormularyPage, operation_id="formulary-list")
@endpoint(VIEW)
async def list_formulary(
    call: Call,
    q: str | None = Query(default=None, max_length=100, description="Drug name or id prefix"),
    in_stock: bool | None = Query(default=None, alias="inStock"),
    low_stock: bool = Query(default=False, alias="lowStock", description="At or under reorder"),
    include_unlisted: bool = Query(default=False, alias="includeUnlisted"),
    paging: Paging = Depends(paging(20)),
) -> Response:
    items, total = await service.search(
        call.session,
        q=" ".join((q or "").split()) or None,
        in_stock=in_stock,
        low_stock=low_stock,
        listed_only=not include_unlisted,
        paging=paging,
    )
    return json_response(paging.body(items, total))


@router.get("/formulary/{drug_id}", response_model=FormularyEntryOut, operation_id="formulary-get")
@endpoint(VIEW)
async def get_entry(call: Call, drug_id: str = DRUG_ID) -> Response:
    return json_response(await service.get(call.session, drug_id))


@router.put("/formulary/{drug_id}", response_model=FormularyEntryOut, operation_id="formulary-put")
@endpoint(PUT)
async def put_entry(call: Call, body: FormularyEntryIn, drug_id: str = DRUG_ID) -> Response:
    """Add a catalog drug to the formulary (with no stock) or change its entry."""
    entry, created = await service.upsert(call.session, call.actor, drug_id, data=body)
    return json_response(entry, 201 if created else 200)


@router.post(
    "/formulary/{drug_id}/movements",
    status_code=201,
    response_model=MovementResult,
    operation_id="formulary-movements-create",
)
@endpoint(MOVE)
async def record_movement(call: Call, body: MovementIn, drug_id: str = DRUG_ID) -> Response:
    """Receive stock or adjust it (signed, with a reason); dispensing records its own."""
    result = await service.record_movement(call.session, call.actor, drug_id, data=body)
    return json_response(result, 201)


@router.get(
    "/formulary/{drug_id}/movements",
    response_model=MovementPage,
    operation_id="formulary-movements-list",
)
@endpoint(MOVEMENTS)
async def list_movements(
    call: Call,
    drug_id: str = DRUG_ID,
    paging: Paging = Depends(paging(20)),
) -> Response:
    """Every receipt, adjustment and dispense of one drug, newest first."""
    items, total = await service.movements(call.session, drug_id, paging=paging)
    return json_response(paging.body(items, total))
