"""Every entry point runs through the one pipeline (hms/pipeline/core.py), and the pipeline
runs a write again when PostgreSQL aborts it to break a deadlock."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import text
from starlette.routing import Route
from tests.integration.conftest import World, api_routes, make_patient
from tests.integration.factories_prescribing import item, prescribe

from hms.pipeline import core
from hms.pipeline.core import Operation
from hms.platform.db import Database

# The token endpoints: anyone may call them (the anonymous door), the body's credential decides.
PUBLIC = {
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/refresh"),
    ("POST", "/api/v1/auth/logout"),
}
# Any signed-in user, for their own account.
SIGNED_IN = {("GET", "/api/v1/auth/me")}
# POSTs that change nothing.
READS_BY_POST = {("POST", "/api/v1/clinical/checks")}


def _api_routes(app: Any) -> list[tuple[str, str, Any]]:
    return [
        (method, path, route)
        for path, route in api_routes(app)
        if path.startswith("/api/v1/")
        for method in sorted((route.methods or set()) - {"HEAD"})
    ]


def _operation(route: Route) -> Operation | None:
    endpoint = route.endpoint
    op = getattr(endpoint, "operation", None)
    return op if isinstance(op, Operation) else None


async def test_every_api_route_declares_its_operation(app) -> None:
    routes = _api_routes(app)
    assert len(routes) > 60
    assert any(not isinstance(r, APIRoute) for _, _, r in routes)  # the plain hot read too
    problems = []
    for method, path, route in routes:
        op = _operation(route)
        if (method, path) in PUBLIC:
            assert op is not None and op.permission is None, (method, path)
            assert route.endpoint.door == "anyone", (method, path)
            continue
        if op is None:
            problems.append(f"{method} {path}: not run through the pipeline")
            continue
        if op.permission is None and (method, path) not in SIGNED_IN:
            problems.append(f"{method} {path}: declares no permission")
        if method != "GET" and not op.writes and (method, path) not in READS_BY_POST:
            problems.append(f"{method} {path}: changes data but does not declare writes")
        if op.writes and not op.audit:
            problems.append(f"{method} {path}: writes without an audit action")
    assert not problems, "\n".join(problems)


async def test_every_socket_event_declares_its_operation(app) -> None:
    handlers = app.sio.handlers["/"]
    events = set(handlers) - {"connect", "disconnect"}
    assert "prescription:create" in events
    for name in events:
        op = getattr(handlers[name], "operation", None)
        assert isinstance(op, Operation), f"socket event {name} is not run through the pipeline"
        assert op.permission is not None, name
        assert not op.writes or op.audit, name


def test_a_write_without_an_audit_action_cannot_be_declared() -> None:
    from hms.pipeline.permissions import Permission

    with pytest.raises(ValueError, match="audit"):
        Operation(Permission.EDIT_PATIENTS, writes=True)


# --- deadlocks ----------------------------------------------------------------------------


async def _waiting_on(db: Database, schema: str, table: str) -> None:
    """Until some transaction waits for a lock on ``schema.table``."""
    sql = text(
        "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE NOT l.granted AND n.nspname = :schema AND c.relname = :table"
    )
    for _ in range(400):
        async with db.engine.connect() as conn:
            if (await conn.execute(sql, {"schema": schema, "table": table})).scalar_one():
                return
        await asyncio.sleep(0.025)
    raise AssertionError(f"nothing waited on {schema}.{table}")


async def _deadlocked(
    db: Database, first: str, then_wait_on: str, second: str, request: Any
) -> Any:
    """Make ``request`` deadlock with a transaction of ours: we take lock ``first``, the
    request takes what it needs and waits on our lock, then we ask for ``second``, which the
    request holds. PostgreSQL aborts the request's transaction (it waited first, so its
    deadlock check runs first); we commit once we hold both."""
    async with db.engine.connect() as conn:
        tx = await conn.begin()
        await conn.execute(text(first))
        task = asyncio.create_task(_outcome(request))
        await _waiting_on(db, "hospital_alpha", then_wait_on)
        await conn.execute(text(second))
        await tx.commit()
    return await task


async def _outcome(request: Any) -> Any:
    """The response, or the error the in-process transport re-raises after the 500."""
    try:
        return await request()
    except Exception as exc:
        return exc


def _failed_on_deadlock(outcome: Any) -> bool:
    if isinstance(outcome, Exception):
        return "deadlock detected" in str(outcome)
    return bool(outcome.status_code == 500)


@pytest.fixture(params=["retried", "not retried"])
def retries(request: Any, monkeypatch: pytest.MonkeyPatch) -> bool:
    on = request.param == "retried"
    if not on:
        monkeypatch.setattr(core, "RETRIES", 0)
    return on


async def test_a_deadlocked_patient_create_is_run_again(
    http, world: World, db: Database, retries
) -> None:
    # The create is one statement inserting the patient and its audit row: it holds the
    # patients table's row-exclusive lock while it waits for audit_log.
    r = await _deadlocked(
        db,
        'LOCK TABLE "hospital_alpha".audit_log IN SHARE ROW EXCLUSIVE MODE',
        "audit_log",
        'LOCK TABLE "hospital_alpha".patients IN SHARE ROW EXCLUSIVE MODE',
        lambda: http.post(
            "/api/v1/patients",
            json={"name": "Dead Lock", "dateOfBirth": "1970-01-01", "gender": "male", "mrn": "DL1"},
            headers=world.headers("doctor"),
        ),
    )
    async with db.engine.connect() as conn:
        stored = (
            await conn.execute(
                text("SELECT count(*) FROM hospital_alpha.patients WHERE mrn = 'DL1'")
            )
        ).scalar_one()
        await conn.execute(text("DELETE FROM hospital_alpha.patients WHERE mrn = 'DL1'"))
        await conn.commit()
    if retries:
        assert r.status_code == 201, r.text
        assert stored == 1
    else:
        assert _failed_on_deadlock(r)
        assert stored == 0


async def test_a_deadlocked_prescription_create_is_run_again(
    http, world: World, db: Database, retries
) -> None:
    patient = await make_patient(http, world.headers("doctor"))
    # The create locks the patient row, then inserts the prescription.
    r = await _deadlocked(
        db,
        'LOCK TABLE "hospital_alpha".prescriptions IN SHARE ROW EXCLUSIVE MODE',
        "prescriptions",
        f"SELECT 1 FROM \"hospital_alpha\".patients WHERE id = '{patient['id']}' FOR UPDATE",
        lambda: prescribe(http, world, patient["id"], [item("amoxicillin", 500)]),
    )
    async with db.engine.connect() as conn:
        stored = (
            await conn.execute(
                text("SELECT count(*) FROM hospital_alpha.prescriptions WHERE patient_id = :p"),
                {"p": patient["id"]},
            )
        ).scalar_one()
    if retries:
        assert r.status_code == 201, r.text
        assert stored == 1
    else:
        assert _failed_on_deadlock(r)
        assert stored == 0


# --- jobs ---------------------------------------------------------------------------------


async def test_a_job_acts_as_the_user_who_enqueued_it(app, world: World) -> None:
    from hms.pipeline.actor import from_job, from_token
    from hms.platform.errors import Unauthorized

    rt = app.state.runtime
    nurse = await from_token(rt.registry, rt.settings.secret(), world.token("nurse"), None)
    payload = nurse.job_payload()
    again = await from_job(rt.registry, payload)
    assert (again.user_id, again.role, again.hospital) == (nurse.user_id, "nurse", nurse.hospital)
    with pytest.raises(Unauthorized, match="role"):
        await from_job(rt.registry, {"userId": nurse.user_id})
    with pytest.raises(Unauthorized, match="no longer exists"):
        await from_job(
            rt.registry, {**payload, "hospitalId": "00000000-0000-0000-0000-000000000000"}
        )
