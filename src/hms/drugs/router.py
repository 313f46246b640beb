"""Drug catalog endpoints (global reference data; the stock columns are the caller's
hospital's formulary). No patient data: nothing to audit."""

from __future__ import annotations

import orjson
from fastapi import APIRouter, Depends, Path, Query, Response

from hms.auth.deps import Actor, require
from hms.auth.permissions import Permission
from hms.drugs import service
from hms.drugs.schemas import DrugDetail, DrugPage
from hms.prescriptions.checks import knowledge_version
from hms.runtime import Runtime, get_runtime

router = APIRouter(prefix="/drugs", tags=["drugs"])

VIEW = require(Permission.VIEW_DRUGS)


@router.get("", response_model=DrugPage, operation_id="drugs-search")
async def search_drugs(
    q: str | None = Query(
        default=None,
        max_length=100,
        description="Name or synonym (prefix or the start of any word, any case), or RxCUI",
    ),
    in_stock: bool = Query(default=False, alias="inStock", description="Only drugs in stock here"),
    page: int = Query(default=1, ge=1, le=10_000),
    page_size: int = Query(default=20, ge=1, le=100, alias="pageSize"),
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(VIEW),
) -> Response:
    schema = actor.hospital.schema if actor.hospital else None
    async with rt.db.session() as session:
        items, total = await service.search(
            session, schema=schema, q=q, in_stock=in_stock, page=page, page_size=page_size
        )
    body = {
        "items": items,
        "page": page,
        "pageSize": page_size,
        "total": total,
        "knowledgeVersion": knowledge_version(),
    }
    return Response(orjson.dumps(body), media_type="application/json")


@router.get("/{drug_id}", response_model=DrugDetail, operation_id="drugs-get")
async def get_drug(
    drug_id: str = Path(min_length=1, max_length=120),
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(VIEW),
) -> Response:
    schema = actor.hospital.schema if actor.hospital else None
    async with rt.db.session() as session:
        found = await service.get(session, schema=schema, drug_id=drug_id)
    return Response(orjson.dumps(found), media_type="application/json")
