"""Drug catalog endpoints (global reference data; the stock columns are the caller's
hospital's formulary, so the work runs in the caller's hospital). No patient data: nothing
to audit."""

from __future__ import annotations

import orjson
from fastapi import APIRouter, Depends, Path, Query, Response

from hms.drugs import service
from hms.drugs.loader import knowledge_version
from hms.drugs.schemas import DrugDetail, DrugPage
from hms.pipeline import Call, Operation, Permission
from hms.pipeline.http import endpoint
from hms.platform.paging import Paging, paging

router = APIRouter(prefix="/drugs", tags=["drugs"])

VIEW = Operation(Permission.VIEW_DRUGS)


@router.get("", response_model=DrugPage, operation_id="drugs-search")
@endpoint(VIEW)
async def search_drugs(
    call: Call,
    q: str | None = Query(
        default=None,
        max_length=100,
        description="Name or synonym (prefix or the start of any word, any case), or RxCUI",
    ),
    in_stock: bool = Query(default=False, alias="inStock", description="Only drugs in stock here"),
    paging: Paging = Depends(paging(20, max_page=10_000)),
) -> Response:
    items, total = await service.search(call.session, q=q, in_stock=in_stock, paging=paging)
    body = {**paging.body(items, total), "knowledgeVersion": knowledge_version()}
    return Response(orjson.dumps(body), media_type="application/json")


@router.get("/{drug_id}", response_model=DrugDetail, operation_id="drugs-get")
@endpoint(VIEW)
async def get_drug(call: Call, drug_id: str = Path(min_length=1, max_length=120)) -> Response:
    found = await service.get(call.session, drug_id=drug_id)
    return Response(orjson.dumps(found), media_type="application/json")
