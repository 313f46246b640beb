"""Drug catalog schemas."""

from __future__ import annotations

from typing import Any

from hms.platform.paging import Page
from hms.platform.schemas import APIModel


class ClassRef(APIModel):
    id: str
    name: str


class StockOut(APIModel):
    listed: bool
    in_stock: bool
    quantity_on_hand: int
    unit: str


class DrugSummary(APIModel):
    id: str
    name: str
    display_name: str
    rxcui: str | None
    synonyms: list[str]
    matched: str | None
    category: str | None
    classes: list[ClassRef]
    eml: bool
    forms: list[dict[str, Any]]
    stock: StockOut | None


class DrugPage(Page[DrugSummary]):
    knowledge_version: str


class ClassOut(ClassRef):
    kind: str
    atc: str | None


class DrugDetail(APIModel):
    id: str
    name: str
    display_name: str
    rxcui: str | None
    rxcui_alternates: list[str]
    synonyms: list[str]
    category: str | None
    classes: list[ClassOut]
    components: list[ClassRef]
    eml: bool
    forms: list[dict[str, Any]]
    contraindications: list[dict[str, Any]]
    dose_rules: list[dict[str, Any]]
    sources: list[str]
    in_catalog: bool
    knowledge_version: str
    stock: StockOut | None
