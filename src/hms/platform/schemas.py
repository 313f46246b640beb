"""Base API schemas: camelCase on the wire, snake_case in Python, unknown input refused."""

from __future__ import annotations

import uuid
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


# References to another record (a patient, a user, a ward) inside a response. No docstrings:
# they would become the OpenAPI document's descriptions.


class PatientRef(APIModel):
    id: uuid.UUID
    name: str
    mrn: str


class PersonRef(APIModel):
    id: uuid.UUID
    name: str


class UserRef(APIModel):  # no name when the user row is gone
    id: uuid.UUID
    name: str | None


class WardRef(APIModel):
    id: uuid.UUID
    code: str
    name: str
