"""Opening stock for a hospital's pharmacy: about 50 common medicines (the demo formulary).

``hms.seed.seed_demo`` runs ``seed_formulary`` through the pipeline as the demo hospital's
pharmacist once the users exist; this module knows nothing of the demo hospital itself.

Idempotent: drugs already on the formulary are left as they are; every drug it adds gets
its opening stock as a recorded receipt (a stock movement), by the pharmacist named.
"""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from hms.pharmacy.models import RECEIPT
from hms.pipeline import Actor
from hms.platform.db import table_in

# (catalog id, dispensing unit, strength, opening stock, reorder level)
DEMO_FORMULARY: list[tuple[str, str, str, int, int]] = [
    ("paracetamol", "tablet", "500 mg", 2000, 400),
    ("ibuprofen", "tablet", "400 mg", 1000, 200),
    ("aspirin", "dispersible tablet", "75 mg", 1000, 200),
    ("codeine", "tablet", "30 mg", 300, 60),
    ("tramadol", "capsule", "50 mg", 300, 60),
    ("morphine", "oral solution bottle", "10 mg/5 mL, 100 mL", 20, 5),
    ("amoxicillin", "capsule", "500 mg", 1200, 300),
    ("amoxicillin-and-clavulanic-acid", "tablet", "500 mg/125 mg", 600, 150),
    ("flucloxacillin", "capsule", "500 mg", 600, 150),
    ("phenoxymethylpenicillin", "tablet", "250 mg", 400, 100),
    ("cefalexin", "capsule", "500 mg", 400, 100),
    ("ceftriaxone", "vial", "1 g", 100, 25),
    ("doxycycline", "capsule", "100 mg", 300, 60),
    ("clarithromycin", "tablet", "500 mg", 300, 60),
    ("azithromycin", "tablet", "500 mg", 150, 30),
    ("ciprofloxacin", "tablet", "500 mg", 300, 60),
    ("metronidazole", "tablet", "400 mg", 400, 100),
    ("nitrofurantoin", "capsule", "50 mg", 300, 60),
    ("trimethoprim", "tablet", "200 mg", 300, 60),
    ("gentamicin", "ampoule", "80 mg/2 mL", 100, 20),
    ("metformin", "tablet", "500 mg", 1500, 300),
    ("gliclazide", "tablet", "80 mg", 600, 120),
    ("insulin-glargine", "prefilled pen", "100 units/mL, 3 mL", 40, 10),
    ("amlodipine", "tablet", "5 mg", 1000, 200),
    ("lisinopril", "tablet", "10 mg", 800, 150),
    ("ramipril", "capsule", "5 mg", 800, 150),
    ("losartan", "tablet", "50 mg", 600, 120),
    ("bisoprolol", "tablet", "5 mg", 800, 150),
    ("atenolol", "tablet", "50 mg", 400, 80),
    ("furosemide", "tablet", "40 mg", 800, 150),
    ("spironolactone", "tablet", "25 mg", 400, 80),
    ("bendroflumethiazide", "tablet", "2.5 mg", 400, 80),
    ("atorvastatin", "tablet", "20 mg", 1000, 200),
    ("simvastatin", "tablet", "40 mg", 600, 120),
    ("clopidogrel", "tablet", "75 mg", 600, 120),
    ("warfarin", "tablet", "1 mg", 500, 100),
    ("apixaban", "tablet", "5 mg", 600, 120),
    ("enoxaparin", "prefilled syringe", "40 mg", 200, 50),
    ("heparin", "ampoule", "5000 units/mL", 100, 20),
    ("omeprazole", "capsule", "20 mg", 1000, 200),
    ("lansoprazole", "capsule", "30 mg", 400, 80),
    ("ondansetron", "tablet", "4 mg", 300, 60),
    ("metoclopramide", "tablet", "10 mg", 300, 60),
    ("levothyroxine", "tablet", "50 micrograms", 800, 150),
    ("prednisolone", "tablet", "5 mg", 600, 120),
    ("salbutamol", "inhaler", "100 micrograms/dose, 200 doses", 80, 20),
    ("beclometasone", "inhaler", "100 micrograms/dose, 200 doses", 60, 15),
    ("sertraline", "tablet", "50 mg", 500, 100),
    ("fluoxetine", "capsule", "20 mg", 400, 80),
    ("amitriptyline", "tablet", "10 mg", 400, 80),
    ("diazepam", "tablet", "5 mg", 200, 40),
    ("gabapentin", "capsule", "300 mg", 500, 100),
    ("levetiracetam", "tablet", "500 mg", 400, 80),
    ("allopurinol", "tablet", "100 mg", 500, 100),
    ("colchicine", "tablet", "500 micrograms", 200, 40),
]


async def seed_formulary(
    session: AsyncSession,
    actor: Actor,
    *,
    entries: list[tuple[str, str, str, int, int]] = DEMO_FORMULARY,
) -> int:
    """Add the entries missing from the formulary of the hospital ``session`` is bound to,
    as ``actor`` (its pharmacist); the number added."""
    formulary = table_in(session, "formulary")
    movements = table_in(session, "stock_movements")
    user_id = uuid.UUID(actor.user_id)
    added = 0
    for drug_id, unit, strength, quantity, reorder in entries:
        inserted = (
            await session.execute(
                text(
                    f"INSERT INTO {formulary} (drug_id, unit, strength, quantity_on_hand, "
                    "reorder_level, updated_by) "
                    "SELECT d.id, :unit, :strength, :qty, :reorder, :user "
                    "FROM public.drugs d WHERE d.id = :drug "
                    "ON CONFLICT (drug_id) DO NOTHING RETURNING drug_id"
                ),
                {
                    "drug": drug_id,
                    "unit": unit,
                    "strength": strength,
                    "qty": quantity,
                    "reorder": reorder,
                    "user": user_id,
                },
            )
        ).first()
        if inserted is None:
            continue
        await session.execute(
            text(
                f"INSERT INTO {movements} (id, drug_id, kind, quantity, balance_after, "
                "reference, created_by) VALUES (:id, :drug, :kind, :qty, :qty, "
                "'Opening stock (demo)', :user)"
            ),
            {
                "id": uuid.uuid4(),
                "drug": drug_id,
                "kind": RECEIPT,
                "qty": quantity,
                "user": user_id,
            },
        )
        added += 1
    return added
