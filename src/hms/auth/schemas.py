"""Auth and user API schemas."""

from __future__ import annotations

import uuid

from pydantic import EmailStr, Field, model_validator

from hms.pipeline.permissions import Role
from hms.platform.schemas import APIModel, InputModel


class LoginIn(InputModel):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=1024)


class RefreshIn(InputModel):
    refresh_token: str = Field(min_length=10, max_length=200)


class TokensOut(APIModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: int


class HospitalRef(APIModel):
    id: uuid.UUID
    slug: str
    name: str


class MeOut(APIModel):
    id: uuid.UUID
    email: str
    name: str
    role: Role
    hospital: HospitalRef | None
    permissions: list[str]


class UserIn(InputModel):
    email: EmailStr
    name: str = Field(min_length=1, max_length=200)
    role: Role
    password: str = Field(min_length=12, max_length=1024)
    hospital: str | None = Field(
        default=None, description="Hospital slug; hospital admins may only use their own"
    )


class UserUpdate(InputModel):
    """An administrator's change to a user; a given password is a reset (rules as on create)."""

    name: str | None = Field(default=None, min_length=1, max_length=200)
    role: Role | None = None
    active: bool | None = None
    password: str | None = Field(default=None, min_length=12, max_length=1024)

    @model_validator(mode="after")
    def _something(self) -> UserUpdate:
        if self.model_dump(exclude_none=True) == {}:
            raise ValueError("give at least one of name, role, active, password")
        return self


class UserOut(APIModel):
    id: uuid.UUID
    email: str
    name: str
    role: Role
    hospital_id: uuid.UUID | None
    is_active: bool
