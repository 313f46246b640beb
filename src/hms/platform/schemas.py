"""Base API schemas: camelCase on the wire, snake_case in Python, unknown input refused."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

# A row's version for optimistic concurrency: a PostgreSQL integer, so larger values are
# refused as input (422) instead of failing in the driver (500).
RowVersion = Annotated[int, Field(ge=1, le=2_147_483_647)]


class APIModel(BaseModel):
    """Output schema."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, from_attributes=True)


class InputModel(BaseModel):
    """Input schema: extra fields are an error, strings are stripped."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="forbid",
        str_strip_whitespace=True,
    )
