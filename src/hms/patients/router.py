"""Patient endpoints."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.ext.asyncio import AsyncSession

from hms.audit.writes import audited_write
from hms.auth.deps import Actor, plain_endpoint, require
from hms.auth.permissions import Permission
from hms.patients import service
from hms.patients.schemas import PatientCreate, PatientOut, PatientPage, PatientUpdate
from hms.platform.errors import InvalidInput
from hms.platform.responses import json_response
from hms.platform.uow import after_commit
from hms.runtime import Runtime, get_runtime, runtime_of

router = APIRouter(prefix="/patients", tags=["patients"])

VIEW = require(Permission.VIEW_PATIENTS, audit_action="patient.read")
EDIT = require(Permission.EDIT_PATIENTS, audit_action="patient.write")


@router.post("", status_code=201, response_model=PatientOut, operation_id="patients-create")
async def create_patient(
    body: PatientCreate, rt: Runtime = Depends(get_runtime), actor: Actor = Depends(EDIT)
) -> Response:
    async with rt.db.raw() as conn:
        patient = await service.create(conn, actor, data=body)
    return json_response(patient, 201)


@router.get("", response_model=PatientPage, operation_id="patients-list")
async def list_patients(
    q: str | None = Query(default=None, max_length=100, description="Name, MRN or YYYY-MM-DD"),
    page: int = Query(default=1, ge=1, le=100_000),
    page_size: int = Query(default=20, ge=1, le=100, alias="pageSize"),
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(VIEW),
) -> Response:
    q = q.strip() if q else None
    async with rt.db.session(actor.schema) as session:
        items, total = await service.search(session, actor, q=q, page=page, page_size=page_size)
    rt.audit.add(actor, action="patient.search", patient_ids=[i["id"] for i in items], outcome="ok")
    return json_response({"items": items, "page": page, "pageSize": page_size, "total": total})


@plain_endpoint(
    VIEW,
    openapi={
        "tags": ["patients"],
        "summary": "Get Patient",
        "operationId": "patients-get",
        "parameters": [
            {
                "name": "patient_id",
                "in": "path",
                "required": True,
                "schema": {"type": "string", "format": "uuid"},
            },
        ],
        "responses": {
            "200": {
                "description": "The patient",
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/PatientOut"}}
                },
            },
            "404": {"description": "No such patient in your hospital"},
            "422": {"description": "The id is not a UUID"},
        },
    },
)
async def get_patient(request: Request, actor: Actor) -> Response:
    """The hottest read: a plain Starlette route (see ``plain_endpoint``)."""
    raw_id = request.path_params["patient_id"]
    try:
        patient_id = uuid.UUID(raw_id)
    except ValueError:
        raise InvalidInput(f"Patient id {raw_id!r} is not a UUID.") from None
    return json_response(await service.read_json(runtime_of(request), actor, patient_id))


router.add_route(router.prefix + "/{patient_id}", get_patient, methods=["GET"], name="patients-get")


@router.patch("/{patient_id}", response_model=PatientOut, operation_id="patients-update")
async def update_patient(
    patient_id: uuid.UUID,
    body: PatientUpdate,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(EDIT),
) -> Response:
    async def work(session: AsyncSession) -> dict[str, object]:
        patient = await service.update_patient(session, actor, patient_id, data=body)
        after_commit(session, lambda: rt.cache.invalidate(service.cache_key(actor, patient_id)))
        return patient

    return json_response(await audited_write(rt, actor, "patient.update", patient_id, work))
