"""Super-admin API for hospitals."""

from __future__ import annotations

import uuid
from datetime import datetime

from fastapi import APIRouter, Depends
from pydantic import Field

from hms.auth.deps import Actor, require
from hms.auth.permissions import Permission
from hms.platform.schemas import APIModel, InputModel
from hms.runtime import Runtime, get_runtime
from hms.tenancy import service

router = APIRouter(prefix="/hospitals", tags=["hospitals"])


class HospitalIn(InputModel):
    slug: str = Field(min_length=2, max_length=41)
    name: str = Field(min_length=1, max_length=200)


class HospitalOut(APIModel):
    id: uuid.UUID
    slug: str
    name: str
    created_at: datetime | None = None


@router.post("", status_code=201, response_model=HospitalOut, operation_id="hospitals-create")
async def create_hospital(
    body: HospitalIn,
    rt: Runtime = Depends(get_runtime),
    _: Actor = Depends(require(Permission.MANAGE_HOSPITALS)),
) -> HospitalOut:
    tenant = await service.create_hospital(rt.db, slug=body.slug, name=body.name)
    await rt.registry.reload()
    return HospitalOut.model_validate(tenant)


@router.get("", response_model=list[HospitalOut], operation_id="hospitals-list")
async def list_hospitals(
    rt: Runtime = Depends(get_runtime),
    _: Actor = Depends(require(Permission.MANAGE_HOSPITALS)),
) -> list[HospitalOut]:
    return [HospitalOut.model_validate(t) for t in await service.list_hospitals(rt.db)]
