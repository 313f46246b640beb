"""ICD-10-CM search endpoints (global reference data, no patient data: nothing to audit)."""

from __future__ import annotations

from fastapi import APIRouter, Path, Query

from hms.icd10 import service
from hms.icd10.schemas import Icd10Code, Icd10Page
from hms.pipeline import Call, Operation, Permission
from hms.pipeline.http import endpoint
from hms.platform.errors import NotFound

router = APIRouter(prefix="/icd10", tags=["icd10"])

# The public reference tables only.
VIEW = Operation(Permission.VIEW_ICD10, hospital=False)


@router.get("", response_model=Icd10Page, operation_id="icd10-search")
@endpoint(VIEW)
async def search_codes(
    call: Call,
    q: str | None = Query(
        default=None, max_length=100, description="Code prefix (E11.6, e116) or words"
    ),
    page: int = Query(default=1, ge=1, le=10_000),
    page_size: int = Query(default=20, ge=1, le=100, alias="pageSize"),
) -> Icd10Page:
    items, total, match = await service.search(call.session, q=q, page=page, page_size=page_size)
    return Icd10Page.model_validate(
        {"items": items, "page": page, "page_size": page_size, "total": total, "match": match}
    )


@router.get("/{code}", response_model=Icd10Code, operation_id="icd10-get")
@endpoint(VIEW)
async def get_code(call: Call, code: str = Path(max_length=10)) -> Icd10Code:
    found = await service.get(call.session, code)
    if found is None:
        raise NotFound(f"{code!r} is not an ICD-10-CM code.")
    return Icd10Code(code=found.code, description=found.description, billable=found.billable)
