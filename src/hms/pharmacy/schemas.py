"""Formulary and stock movement schemas."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field, model_validator

from hms.platform.paging import Page
from hms.platform.schemas import APIModel, InputModel, UserRef


class FormularyEntryIn(InputModel):
    unit: str = Field(
        min_length=1, max_length=32, description="What stock is counted in: tablet, vial..."
    )
    strength: str | None = Field(default=None, max_length=40, description="e.g. 500 mg")
    reorder_level: int = Field(default=0, ge=0, le=10_000_000)
    listed: bool = Field(default=True, description="False takes it off the formulary")


class MovementIn(InputModel):
    kind: Literal["receipt", "adjustment"]
    quantity: int = Field(
        ge=-10_000_000,
        le=10_000_000,
        description="Receipt: units received (> 0). Adjustment: signed change (≠ 0).",
    )
    reason: str | None = Field(default=None, max_length=500)
    reference: str | None = Field(
        default=None, max_length=100, description="Delivery note, batch or count sheet"
    )

    @model_validator(mode="after")
    def _rules(self) -> MovementIn:
        if self.kind == "receipt" and self.quantity <= 0:
            raise ValueError("a receipt adds stock: quantity must be greater than 0")
        if self.kind == "adjustment":
            if self.quantity == 0:
                raise ValueError("an adjustment changes stock: quantity cannot be 0")
            if not self.reason:
                raise ValueError("an adjustment needs a reason (count, breakage, expiry...)")
        return self


class FormularyEntryOut(APIModel):
    drug_id: str
    drug_name: str
    rxcui: str | None
    unit: str
    strength: str | None
    quantity_on_hand: int
    reorder_level: int
    in_stock: bool
    low_stock: bool
    listed: bool
    version: int
    updated_at: datetime | None


class FormularyPage(Page[FormularyEntryOut]):
    pass


class MovementOut(APIModel):
    id: uuid.UUID
    drug_id: str
    drug_name: str
    kind: str
    quantity: int
    balance_after: int
    unit: str | None
    reason: str | None
    reference: str | None
    prescription_id: uuid.UUID | None
    dispense_id: uuid.UUID | None
    created_at: datetime
    created_by: UserRef


class MovementResult(APIModel):
    movement: MovementOut
    entry: FormularyEntryOut


class MovementPage(Page[MovementOut]):
    pass
