"""ICD-10-CM search endpoints (global reference data, no patient data: nothing to audit)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query

from hms.auth.deps import Actor, require
from hms.auth.permissions import Permission
from hms.icd10 import service
from hms.icd10.schemas import Icd10Code, Icd10Page
from hms.platform.errors import NotFound
from hms.runtime import Runtime, get_runtime

router = APIRouter(prefix="/icd10", tags=["icd10"])

VIEW = require(Permission.VIEW_ICD10)


@router.get("", response_model=Icd10Page, operation_id="icd10-search")
async def search_codes(
    q: str | None = Query(
        default=None, max_length=100, description="Code prefix (E11.6, e116) or words"
    ),
    page: int = Query(default=1, ge=1, le=10_000),
    page_size: int = Query(default=20, ge=1, le=100, alias="pageSize"),
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(VIEW),
) -> Icd10Page:
    async with rt.db.session() as session:
        items, total, match = await service.search(session, q=q, page=page, page_size=page_size)
    return Icd10Page.model_validate(
        {"items": items, "page": page, "page_size": page_size, "total": total, "match": match}
    )


@router.get("/{code}", response_model=Icd10Code, operation_id="icd10-get")
async def get_code(
    code: str = Path(max_length=10),
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(VIEW),
) -> Icd10Code:
    async with rt.db.session() as session:
        found = await service.get(session, code)
    if found is None:
        raise NotFound(f"{code!r} is not an ICD-10-CM code.")
    return Icd10Code(code=found.code, description=found.description, billable=found.billable)
