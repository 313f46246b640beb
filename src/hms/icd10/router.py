"""ICD-10-CM search endpoints (global reference data, no patient data: nothing to audit)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query

from hms.icd10 import service
from hms.icd10.schemas import Icd10Code, Icd10Page
from hms.pipeline import Call, Operation, Permission
from hms.pipeline.http import endpoint
from hms.platform.errors import NotFound
from hms.platform.paging import Paging, paging

router = APIRouter(prefix="/icd10", tags=["icd10"])

# The public reference tables only.
VIEW = Operation(Permission.VIEW_ICD10, hospital=False)


@router.get("", operation_id="icd10-search")
@endpoint(VIEW)
async def search_codes(
    call: Call,
    q: str | None = Query(
        default=None, max_length=100, description="Code prefix (E11.6, e116) or words"
    ),
    paging: Paging = Depends(paging(20, max_page=10_000)),
) -> Icd10Page:
    items, total, match = await service.search(call.session, q=q, paging=paging)
    return Icd10Page.model_validate({**paging.body(items, total), "match": match})


@router.get("/{code}", operation_id="icd10-get")
@endpoint(VIEW)
async def get_code(call: Call, code: str = Path(max_length=10)) -> Icd10Code:
    found = await service.get(call.session, code)
    if found is None:
        raise NotFound(f"{code!r} is not an ICD-10-CM code.")
    return Icd10Code(code=found.code, description=found.description, billable=found.billable)
