"""Encounter endpoints: admit / open, transfer, discharge, read."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query
from sqlalchemy.ext.asyncio import AsyncSession

from hms.audit.writes import audited_write
from hms.auth.deps import Actor, require
from hms.auth.permissions import Permission
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
from hms.platform.errors import HMSError
from hms.runtime import Runtime, get_runtime

router = APIRouter(tags=["encounters"])

VIEW = require(Permission.VIEW_PATIENTS, audit_action="encounter.read")
MANAGE = require(Permission.MANAGE_ENCOUNTERS, audit_action="encounter.write")


async def _out(session: AsyncSession, encounter: Encounter) -> EncounterOut:
    return EncounterOut.model_validate((await encounter_wire(session, [encounter]))[0])


@router.post(
    "/encounters", status_code=201, response_model=EncounterOut, operation_id="encounters-create"
)
async def create_encounter(
    body: EncounterCreate, rt: Runtime = Depends(get_runtime), actor: Actor = Depends(MANAGE)
) -> EncounterOut:
    async def work(session: AsyncSession) -> EncounterOut:
        encounter = await service.open_encounter(
            session,
            actor,
            patient_id=body.patient_id,
            kind=body.kind,
            reason=body.reason,
            ward_id=body.ward_id,
            bed_id=body.bed_id,
            rt=rt,
        )
        return await _out(session, encounter)

    return await audited_write(rt, actor, "encounter.open", body.patient_id, work)


@router.get(
    "/encounters/{encounter_id}", response_model=EncounterOut, operation_id="encounters-get"
)
async def get_encounter(
    encounter_id: uuid.UUID, rt: Runtime = Depends(get_runtime), actor: Actor = Depends(VIEW)
) -> EncounterOut:
    async with rt.db.session(actor.schema) as session:
        try:
            wire = await service.get(session, encounter_id)
        except HMSError:
            rt.audit.add(actor, action="encounter.read", patient_ids=[], outcome="not_found")
            raise
    rt.audit.add(actor, action="encounter.read", patient_ids=[wire["patient_id"]], outcome="ok")
    return EncounterOut.model_validate(wire)


@router.get(
    "/patients/{patient_id}/encounters",
    response_model=EncounterPage,
    operation_id="encounters-list-for-patient",
)
async def list_patient_encounters(
    patient_id: uuid.UUID,
    page: int = Query(default=1, ge=1, le=100_000),
    page_size: int = Query(default=20, ge=1, le=100, alias="pageSize"),
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(VIEW),
) -> EncounterPage:
    async with rt.db.session(actor.schema) as session:
        try:
            items, total = await service.list_for_patient(
                session, patient_id, page=page, page_size=page_size
            )
        except HMSError:
            rt.audit.add(
                actor, action="encounter.list", patient_ids=[patient_id], outcome="not_found"
            )
            raise
    rt.audit.add(actor, action="encounter.list", patient_ids=[patient_id], outcome="ok")
    return EncounterPage.model_validate(
        {"items": items, "page": page, "page_size": page_size, "total": total}
    )


@router.post(
    "/encounters/{encounter_id}/transfer",
    response_model=EncounterOut,
    operation_id="encounters-transfer",
)
async def transfer_encounter(
    encounter_id: uuid.UUID,
    body: Transfer,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(MANAGE),
) -> EncounterOut:
    async def work(session: AsyncSession) -> EncounterOut:
        encounter = await service.transfer(
            session, actor, encounter_id, ward_id=body.ward_id, bed_id=body.bed_id, rt=rt
        )
        return await _out(session, encounter)

    return await audited_write(rt, actor, "encounter.transfer", None, work)


@router.post(
    "/encounters/{encounter_id}/discharge",
    response_model=EncounterOut,
    operation_id="encounters-discharge",
)
async def discharge_encounter(
    encounter_id: uuid.UUID,
    body: Discharge,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(MANAGE),
) -> EncounterOut:
    async def work(session: AsyncSession) -> EncounterOut:
        encounter = await service.discharge(
            session,
            actor,
            encounter_id,
            disposition=body.disposition,
            diagnoses=body.diagnoses,
            note=body.note,
            rt=rt,
        )
        return await _out(session, encounter)

    return await audited_write(rt, actor, "encounter.discharge", None, work)
