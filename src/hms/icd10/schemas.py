"""ICD-10-CM API schemas."""

from __future__ import annotations

from typing import Literal

from hms.platform.schemas import APIModel


class Icd10Code(APIModel):
    code: str
    description: str
    billable: bool


class Icd10Page(APIModel):
    items: list[Icd10Code]
    page: int
    page_size: int
    total: int
    match: Literal["code", "words", "all"]
