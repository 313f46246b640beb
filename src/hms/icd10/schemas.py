"""ICD-10-CM API schemas."""

from __future__ import annotations

from typing import Literal

from hms.platform.paging import Page
from hms.platform.schemas import APIModel


class Icd10Code(APIModel):
    code: str
    description: str
    billable: bool


class Icd10Page(Page[Icd10Code]):
    match: Literal["code", "words", "all"]
