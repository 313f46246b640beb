"""Encounter endpoints: admit / open, transfer, discharge, read."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from hms.encounters import service
from hms.encounters.models import Encounter
from hms.encounters.schemas import (
    Discharge,
    EncounterCreate,
    EncounterOut,
    EncounterPage,
    Transfer,
)
from hms.encounters.wire import encounter_wire
from hms.pipeline import Call, Operation, Permission
from hms.pipeline.http import endpoint
from hms.platform.paging import Paging, paging

router = APIRouter(tags=["encounters"])

P = Permission
OPEN = Operation(
    P.MANAGE_ENCOUNTERS, audit="encounter.open", writes=True, patient="body.patient_id"
)
READ = Operation(P.VIEW_PATIENTS, audit="encounter.read")
LIST = Operation(P.VIEW_PATIENTS, audit="encounter.list", patient="patient_id")
TRANSFER = Operation(P.MANAGE_ENCOUNTERS, audit="encounter.transfer", writes=True)
DISCHARGE = Operation(P.MANAGE_ENCOUNTERS, audit="encounter.discharge", writes=True)


async def _out(session: AsyncSession, encounter: Encounter) -> EncounterOut:
    return EncounterOut.model_validate((await encounter_wire(session, [encounter]))[0])


@router.post("/encounters", status_code=201, operation_id="encounters-create")
@endpoint(OPEN)
async def create_encounter(call: Call, body: EncounterCreate) -> EncounterOut:
    encounter = await service.open_encounter(
        call.session,
        call.actor,
        patient_id=body.patient_id,
        kind=body.kind,
        reason=body.reason,
        ward_id=body.ward_id,
        bed_id=body.bed_id,
    )
    return await _out(call.session, encounter)


@router.get("/encounters/{encounter_id}", operation_id="encounters-get")
@endpoint(READ)
async def get_encounter(call: Call, encounter_id: uuid.UUID) -> EncounterOut:
    wire = await service.get(call.session, encounter_id)
    call.saw([wire["patient_id"]])
    return EncounterOut.model_validate(wire)


@router.get("/patients/{patient_id}/encounters", operation_id="encounters-list-for-patient")
@endpoint(LIST)
async def list_patient_encounters(
    call: Call,
    patient_id: uuid.UUID,
    paging: Paging = Depends(paging(20)),
) -> EncounterPage:
    items, total = await service.list_for_patient(call.session, patient_id, paging=paging)
    return EncounterPage.model_validate(paging.body(items, total))


@router.post("/encounters/{encounter_id}/transfer", operation_id="encounters-transfer")
@endpoint(TRANSFER)
async def transfer_encounter(call: Call, encounter_id: uuid.UUID, body: Transfer) -> EncounterOut:
    encounter = await service.transfer(
        call.session, call.actor, encounter_id, ward_id=body.ward_id, bed_id=body.bed_id
    )
    return await _out(call.session, encounter)


@router.post("/encounters/{encounter_id}/discharge", operation_id="encounters-discharge")
@endpoint(DISCHARGE)
async def discharge_encounter(call: Call, encounter_id: uuid.UUID, body: Discharge) -> EncounterOut:
    encounter = await service.discharge(
        call.session,
        call.actor,
        encounter_id,
        disposition=body.disposition,
        diagnoses=body.diagnoses,
        note=body.note,
    )
    return await _out(call.session, encounter)
