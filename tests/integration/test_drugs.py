"""Drug catalog search in SQL (names and synonyms, prefix and word, RxCUI) and the
knowledge load by ``hms migrate``."""

from __future__ import annotations

import httpx
from tests.integration.conftest import World
from tests.integration.factories_prescribing import rows, stock_drug

from hms.drugs.loader import ensure_loaded


async def _search(http: httpx.AsyncClient, world: World, q: str, **params: object) -> dict:
    r = await http.get(
        "/api/v1/drugs", params={"q": q, **params}, headers=world.headers("nurse", "alpha")
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


async def test_prefix_any_case_ranks_the_name_first(http: httpx.AsyncClient, world: World) -> None:
    ids = [d["id"] for d in (await _search(http, world, "AMOX"))["items"]]
    assert {"amoxapine", "amoxicillin", "amoxicillin-and-clavulanic-acid"} <= set(ids)
    body = await _search(http, world, "Amoxicillin")
    assert [d["id"] for d in body["items"]][:2] == [
        "amoxicillin",  # the exact name first
        "amoxicillin-and-clavulanic-acid",
    ]
    amox = body["items"][0]
    assert amox["rxcui"] == "723" and amox["displayName"] == "Amoxicillin"
    assert {"id": "aminopenicillin", "name": amox["classes"][0]["name"]} in amox["classes"]
    assert body["knowledgeVersion"].startswith("2024.1+")


async def test_us_and_uk_synonyms(http: httpx.AsyncClient, world: World) -> None:
    body = await _search(http, world, "acetaminophen")
    assert body["items"][0]["id"] == "paracetamol"
    assert body["items"][0]["matched"] == "acetaminophen"
    assert (await _search(http, world, "albut"))["items"][0]["id"] == "salbutamol"


async def test_word_match_inside_a_name(http: httpx.AsyncClient, world: World) -> None:
    ids = [d["id"] for d in (await _search(http, world, "clavul", pageSize=100))["items"]]
    assert "amoxicillin-and-clavulanic-acid" in ids
    # The start of a word, not any substring.
    assert "amoxicillin" not in [d["id"] for d in (await _search(http, world, "cillin"))["items"]]


async def test_rxcui_and_paging(http: httpx.AsyncClient, world: World) -> None:
    assert [d["id"] for d in (await _search(http, world, "36567"))["items"]] == ["simvastatin"]
    first = await _search(http, world, "ce", pageSize=5)
    second = await _search(http, world, "ce", pageSize=5, page=2)
    assert first["total"] == second["total"] > 10
    assert not {d["id"] for d in first["items"]} & {d["id"] for d in second["items"]}
    assert (await _search(http, world, "zzzzqq"))["items"] == []


async def test_stock_is_the_callers_hospital(http: httpx.AsyncClient, world: World) -> None:
    await stock_drug(http, world, "levetiracetam", 60)
    alpha = await _search(http, world, "levetir", inStock="true")
    assert [d["id"] for d in alpha["items"]] == ["levetiracetam"]
    assert alpha["items"][0]["stock"]["quantityOnHand"] == 60
    r = await http.get(
        "/api/v1/drugs",
        params={"q": "levetir", "inStock": "true"},
        headers=world.headers("nurse", "beta"),
    )
    assert r.json()["items"] == []


async def test_detail_and_unknown_drug(http: httpx.AsyncClient, world: World) -> None:
    headers = world.headers("doctor", "alpha")
    r = await http.get("/api/v1/drugs/metformin", headers=headers)
    assert r.status_code == 200
    body = r.json()
    assert body["doseRules"] and body["doseRules"][0]["source"]
    assert any(b["crclBelow"] == 30 for b in body["doseRules"][0]["rule"]["renal"])
    assert (await http.get("/api/v1/drugs/unobtainium", headers=headers)).status_code == 404
    assert (await http.get("/api/v1/drugs?q=amox")).status_code == 401


async def test_load_is_idempotent_and_versioned(world: World, app) -> None:
    db = app.state.runtime.db
    assert await ensure_loaded(db) is None  # already loaded by hms migrate, same files
    [(version, digest, counts)] = await rows(
        db, "SELECT version, digest, counts FROM public.drug_knowledge_release"
    )
    assert version.startswith("2024.1+") and len(digest) == 64
    assert counts["drugs"] > 1000 and counts["drug_interaction_rules"] > 1500
    # A forced reload keeps every drug (formularies reference them) and the same counts.
    assert await ensure_loaded(db, force=True) == version
    [(drugs, in_catalog)] = await rows(
        db, "SELECT count(*), count(*) FILTER (WHERE in_catalog) FROM public.drugs"
    )
    assert drugs == in_catalog == counts["drugs"]
