"""Patient endpoints."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query, Request, Response

from hms.patients import service
from hms.patients.schemas import PatientCreate, PatientOut, PatientPage, PatientUpdate
from hms.pipeline import Call, Operation, Permission
from hms.pipeline.http import endpoint
from hms.platform.errors import InvalidInput
from hms.platform.paging import Paging, paging
from hms.platform.responses import json_response

router = APIRouter(prefix="/patients", tags=["patients"])

READ = Operation(
    Permission.VIEW_PATIENTS, audit="patient.read", transaction=False, patient="patient_id"
)
SEARCH = Operation(Permission.VIEW_PATIENTS, audit="patient.search")
# One statement (patient and audit row together): no transaction to open, still rerun if
# PostgreSQL aborts it to break a deadlock.
CREATE = Operation(Permission.EDIT_PATIENTS, audit="patient.create", writes=True, transaction=False)
UPDATE = Operation(
    Permission.EDIT_PATIENTS, audit="patient.update", writes=True, patient="patient_id"
)


@router.post("", status_code=201, response_model=PatientOut, operation_id="patients-create")
@endpoint(CREATE)
async def create_patient(call: Call, body: PatientCreate) -> Response:
    return json_response(await service.create(call, data=body), 201)


@router.get("", response_model=PatientPage, operation_id="patients-list")
@endpoint(SEARCH)
async def list_patients(
    call: Call,
    q: str | None = Query(default=None, max_length=100, description="Name, MRN or YYYY-MM-DD"),
    paging: Paging = Depends(paging(20)),
) -> Response:
    q = q.strip() if q else None
    items, total = await service.search(call.session, call.actor, q=q, paging=paging)
    call.saw(i["id"] for i in items)
    return json_response(paging.body(items, total))


@endpoint(
    READ,
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
async def get_patient(call: Call, request: Request) -> Response:
    """The hottest read: a plain Starlette route (see ``pipeline/http.py``)."""
    raw_id = request.path_params["patient_id"]
    try:
        patient_id = uuid.UUID(raw_id)
    except ValueError:
        raise InvalidInput(f"Patient id {raw_id!r} is not a UUID.") from None
    return json_response(await service.read_json(call, patient_id))


router.add_route(router.prefix + "/{patient_id}", get_patient, methods=["GET"], name="patients-get")


@router.patch("/{patient_id}", response_model=PatientOut, operation_id="patients-update")
@endpoint(UPDATE)
async def update_patient(call: Call, patient_id: uuid.UUID, body: PatientUpdate) -> Response:
    patient = await service.update_patient(call.session, call.actor, patient_id, data=body)
    key = service.cache_key(call.actor, patient_id)
    call.after_commit(lambda: call.rt.cache.invalidate(key))
    return json_response(patient)
