"""The demo hospital: one user per role and a few dozen synthetic patients (not real people)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import partial

from sqlalchemy import select

from hms.auth import operations as auth_ops
from hms.auth.models import User
from hms.auth.service import create_user
from hms.patients import router as patient_ops
from hms.patients import service as patients
from hms.patients.schemas import PatientCreate
from hms.pharmacy import router as pharmacy_ops
from hms.pharmacy.seed import seed_formulary
from hms.pipeline import Actor, Call, run
from hms.pipeline.actor import operator
from hms.pipeline.commands import CommandStores, command_stores
from hms.pipeline.permissions import Role
from hms.platform.db import Database
from hms.seed.wards import SEED_WARDS, seed_demo_wards
from hms.tenancy import operations as tenancy_ops
from hms.tenancy.models import Tenant
from hms.tenancy.service import create_hospital

DEMO_SLUG = "demo"
DEMO_NAME = "Demo General Hospital"
DEMO_PASSWORD = "hms-demo-2026"
DEMO_USERS: list[tuple[str, str, Role]] = [
    ("superadmin@hms.example.org", "Sam Super", Role.SUPER_ADMIN),
    ("admin@demo.example.org", "Ada Admin", Role.HOSPITAL_ADMIN),
    ("doctor@demo.example.org", "Dr. Grace Okafor", Role.DOCTOR),
    ("nurse@demo.example.org", "Nina Nurse", Role.NURSE),
    ("pharmacist@demo.example.org", "Paul Pharmacist", Role.PHARMACIST),
    ("lab@demo.example.org", "Lara Lab", Role.LAB_STAFF),
    ("reception@demo.example.org", "Rita Reception", Role.RECEPTIONIST),
]

_FIRST = [
    "Amara",
    "Ben",
    "Chen",
    "Dana",
    "Elif",
    "Femi",
    "Gita",
    "Hugo",
    "Ines",
    "Jon",
    "Kofi",
    "Lena",
    "Mateo",
    "Noor",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Tara",
]
_LAST = [
    "Adeyemi",
    "Berg",
    "Castillo",
    "Dubois",
    "Evans",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Larsen",
    "Moreau",
    "Nakamura",
    "Okoro",
    "Patel",
]
_ALLERGIES = [
    {"substance": "penicillin", "class": "penicillin", "reaction": "rash", "severity": "moderate"},
    {"substance": "ibuprofen", "class": "nsaid", "reaction": "wheeze", "severity": "severe"},
    {"substance": "sulfamethoxazole", "class": "sulfonamide-antibiotic", "severity": "mild"},
]


def demo_patients(count: int = 36, seed: int = 2026) -> list[PatientCreate]:
    rng = random.Random(seed)
    patients = []
    for _ in range(count):
        born = date(1935, 1, 1) + timedelta(days=rng.randrange(0, 365 * 88))
        patients.append(
            PatientCreate.model_validate(
                {
                    "name": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                    "dateOfBirth": born.isoformat(),
                    "gender": rng.choice(["female", "male", "female", "male", "other"]),
                    "bloodGroup": rng.choice(["A+", "A-", "B+", "O+", "O-", "AB+", None]),
                    "allergies": rng.sample(_ALLERGIES, k=rng.choice([0, 0, 0, 1, 1, 2])),
                }
            )
        )
    return patients


async def seed_demo(db: Database) -> bool:
    """Create the demo hospital, its users, patients, wards and formulary once, every step
    through the pipeline (as the operator, then as the hospital's own staff); False when the
    hospital already exists."""
    async with command_stores(db) as stores:
        return await _seed(stores)


async def _seed(stores: CommandStores) -> bool:
    if await run(stores, tenancy_ops.LIST, operator(), _demo_exists):
        return False
    await run(
        stores,
        tenancy_ops.CREATE,
        operator(),
        lambda call: create_hospital(call.rt.db, slug=DEMO_SLUG, name=DEMO_NAME, actor=call.actor),
    )
    await stores.registry.reload()
    await run(stores, auth_ops.CREATE_USER, operator(), _create_users)
    hospital = next(h for h in stores.registry.all() if h.slug == DEMO_SLUG)
    staff = await run(stores, auth_ops.LIST_USERS, operator(), _demo_staff)

    def as_(role: Role) -> Actor:
        return Actor(staff[role], role.value, hospital, "seed")

    for data in demo_patients():
        await run(
            stores,
            patient_ops.CREATE,
            as_(Role.HOSPITAL_ADMIN),
            partial(patients.create, data=data),
        )
    await run(stores, SEED_WARDS, as_(Role.DOCTOR), seed_demo_wards)
    await run(
        stores,
        pharmacy_ops.PUT,
        as_(Role.PHARMACIST),
        lambda call: seed_formulary(call.session, call.actor),
    )
    return True


async def _demo_exists(call: Call) -> bool:
    found = await call.session.execute(select(Tenant.id).where(Tenant.slug == DEMO_SLUG))
    return found.first() is not None


async def _create_users(call: Call) -> None:
    for email, name, role in DEMO_USERS:
        exists = (await call.session.execute(select(User.id).where(User.email == email))).first()
        if not exists:
            await create_user(
                call.session,
                email=email,
                name=name,
                role=role,
                password=DEMO_PASSWORD,
                hospital_slug=None if role == Role.SUPER_ADMIN else DEMO_SLUG,
                actor=call.actor,
            )


async def _demo_staff(call: Call) -> dict[Role, str]:
    """The demo hospital's user id for each role."""
    emails = {email: role for email, _, role in DEMO_USERS if role != Role.SUPER_ADMIN}
    rows = await call.session.execute(select(User.email, User.id).where(User.email.in_(emails)))
    return {emails[email]: str(user_id) for email, user_id in rows}
