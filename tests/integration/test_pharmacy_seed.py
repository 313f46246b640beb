"""The demo formulary seed: about 50 stocked drugs, each opening stock a recorded receipt."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable

import httpx
from tests.integration.conftest import PASSWORD, World
from tests.integration.factories_prescribing import rows

from hms.auth.service import create_user
from hms.clinical.knowledge import get_knowledge
from hms.pharmacy import router as pharmacy_ops
from hms.pharmacy.seed import DEMO_FORMULARY, seed_formulary
from hms.pipeline import Actor, Call, run
from hms.pipeline.permissions import Role
from hms.tenancy.service import create_hospital


async def test_seed_stocks_a_new_hospital_once(http: httpx.AsyncClient, world: World, app) -> None:
    assert len(DEMO_FORMULARY) >= 50
    assert all(drug in get_knowledge().drugs for drug, *_ in DEMO_FORMULARY)
    db = app.state.runtime.db
    slug = f"seed{uuid.uuid4().hex[:6]}"
    await create_hospital(db, slug=slug, name="Seed Hospital")
    email = f"pharmacist@{slug}.example.org"
    async with db.transaction() as session:
        user = await create_user(
            session,
            email=email,
            name="Seed Pharmacist",
            role=Role.PHARMACIST,
            password=PASSWORD,
            hospital_slug=slug,
        )
    rt = app.state.runtime
    await rt.registry.reload()
    hospital = next(h for h in rt.registry.all() if h.slug == slug)
    pharmacist = Actor(str(user.id), Role.PHARMACIST.value, hospital, None)

    def seed(call: Call) -> Awaitable[int]:
        return seed_formulary(call.session, call.actor)

    assert await run(rt, pharmacy_ops.PUT, pharmacist, seed) == len(DEMO_FORMULARY)
    assert await run(rt, pharmacy_ops.PUT, pharmacist, seed) == 0
    [(entries, units, receipts)] = await rows(
        db,
        f'SELECT (SELECT count(*) FROM "hospital_{slug}".formulary), '
        f'(SELECT sum(quantity_on_hand) FROM "hospital_{slug}".formulary), '
        f"(SELECT count(*) FROM \"hospital_{slug}\".stock_movements WHERE kind = 'receipt')",
    )
    assert entries == receipts == len(DEMO_FORMULARY)
    assert units == sum(q for *_, q, _ in DEMO_FORMULARY)
    # Nothing reached the other hospitals.
    r = await http.get(
        "/api/v1/pharmacy/formulary/colchicine", headers=world.headers("pharmacist", "beta")
    )
    assert r.status_code == 404
