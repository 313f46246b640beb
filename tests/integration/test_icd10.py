"""ICD-10-CM: loading by hms migrate, search by code prefix and by words, through the indexes."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.dialects import postgresql
from tests.integration.conftest import World

from hms.icd10 import loader, service
from hms.pipeline.permissions import Role
from hms.platform.db import Database


async def _search(http, world: World, q: str, **params) -> dict:
    r = await http.get(
        "/api/v1/icd10", params={"q": q, **params}, headers=world.headers("nurse", "alpha")
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


async def test_code_prefix_with_or_without_dot_in_any_case(http, world: World) -> None:
    dotted = await _search(http, world, "E11.6")
    compact = await _search(http, world, "e116")
    assert dotted == compact
    assert dotted["match"] == "code" and dotted["total"] >= 10
    codes = [i["code"] for i in dotted["items"]]
    assert codes[0] == "E11.6" and all(c.startswith("E11.6") for c in codes)
    assert codes == sorted(codes)
    hypertension = await _search(http, world, "i10")
    assert hypertension["items"] == [
        {"code": "I10", "description": "Essential (primary) hypertension", "billable": True}
    ]


async def test_every_word_must_match_and_general_terms_rank_first(http, world: World) -> None:
    found = await _search(http, world, "failure HEART")
    assert found["match"] == "words" and found["total"] > 10
    for item in found["items"]:
        assert "heart" in item["description"].lower() and "failure" in item["description"].lower()
    ranked = await _search(http, world, "heart failure")
    assert ranked["items"][0] == {"code": "I50", "description": "Heart failure", "billable": False}
    kidney = await _search(http, world, "diabetes type 2 kidney")
    assert {i["code"] for i in kidney["items"]} == {"E11.2", "E11.22", "E11.29"}
    # "b12" looks like a code but none starts so: it is searched as a word.
    b12 = await _search(http, world, "b12")
    assert b12["match"] == "words" and b12["items"][0]["code"].startswith("D51")
    nothing = await _search(http, world, "zzzqqq")
    assert nothing["items"] == [] and nothing["total"] == 0


async def test_paging_and_limits(http, world: World) -> None:
    first = await _search(http, world, "fracture femur", pageSize=10)
    second = await _search(http, world, "fracture femur", pageSize=10, page=2)
    assert first["total"] == second["total"] > 20
    assert len(first["items"]) == len(second["items"]) == 10
    assert not {i["code"] for i in first["items"]} & {i["code"] for i in second["items"]}
    beyond = await _search(http, world, "fracture femur", pageSize=100, page=1000)
    assert beyond["items"] == [] and beyond["total"] == first["total"]
    headers = world.headers("doctor", "alpha")
    too_big = await http.get("/api/v1/icd10", params={"q": "x", "pageSize": 101}, headers=headers)
    assert too_big.status_code == 422 and "pageSize" in too_big.text
    short = await http.get("/api/v1/icd10", params={"q": "ab"}, headers=headers)
    assert short.status_code == 422 and "at least 3 letters" in short.json()["detail"]


async def test_get_one_code(http, world: World) -> None:
    headers = world.headers("receptionist", "beta")
    r = await http.get("/api/v1/icd10/e119", headers=headers)
    assert r.status_code == 200
    assert r.json() == {
        "code": "E11.9",
        "description": "Type 2 diabetes mellitus without complications",
        "billable": True,
    }
    heading = await http.get("/api/v1/icd10/E11", headers=headers)
    assert heading.json()["billable"] is False
    missing = await http.get("/api/v1/icd10/Q99.99", headers=headers)
    assert missing.status_code == 404 and "not an ICD-10-CM code" in missing.json()["detail"]


@pytest.mark.parametrize(
    ("query", "index"),
    [
        (service.prefix_query("E11.6", limit=20), "ix_icd10_codes_code_prefix"),
        (
            service.words_query(["diabetes", "kidney"], limit=20),
            "ix_icd10_codes_description_trgm",
        ),
    ],
)
async def test_searches_use_their_index(world: World, query, index: str) -> None:
    sql = str(query.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
    db = Database(world.settings.database_url or "")
    try:
        async with db.engine.connect() as conn:
            plan = "\n".join((await conn.execute(text("EXPLAIN " + sql))).scalars())
    finally:
        await db.dispose()
    assert index in plan and "Seq Scan" not in plan, plan


async def test_loader_is_idempotent_and_reloads_a_new_release(world: World) -> None:
    db = Database(world.settings.database_url or "")
    try:
        assert await loader.ensure_loaded(db) is None
        async with db.engine.begin() as conn:
            await conn.execute(text("UPDATE public.icd10_release SET version = '0.0.1'"))
        loaded = await loader.ensure_loaded(db)
        async with db.engine.connect() as conn:
            total, billable = (
                await conn.execute(
                    text(
                        "SELECT count(*), count(*) FILTER (WHERE billable) FROM public.icd10_codes"
                    )
                )
            ).one()
            version = (
                await conn.execute(text("SELECT version FROM public.icd10_release"))
            ).scalar()
    finally:
        await db.dispose()
    assert loaded == total
    assert 98_000 < total < 99_000 and 74_000 < billable < 75_500
    assert version == loader.package_version()


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SUPER_ADMIN])
async def test_every_hospital_role_may_search(http, world: World, role: Role) -> None:
    r = await http.get("/api/v1/icd10", params={"q": "asthma"}, headers=world.headers(role, "beta"))
    assert r.status_code == 200 and r.json()["total"] > 0


async def test_platform_account_and_anonymous_are_refused(http, world: World) -> None:
    r = await http.get(
        "/api/v1/icd10", params={"q": "asthma"}, headers=world.headers("super_admin")
    )
    assert r.status_code == 403 and "icd10:view" in r.json()["detail"]
    assert (await http.get("/api/v1/icd10", params={"q": "asthma"})).status_code == 401
