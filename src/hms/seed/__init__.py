"""The demo hospital: one user per role and a few dozen synthetic patients (not real people)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import partial

from sqlalchemy import select

from hms.auth.models import User
from hms.auth.service import create_user
from hms.patients import router as patient_ops
from hms.patients import service as patients
from hms.patients.schemas import PatientCreate
from hms.pharmacy.seed import seed_formulary
from hms.pipeline import Actor, run
from hms.pipeline.commands import command_stores
from hms.pipeline.permissions import Role
from hms.platform.db import Database
from hms.platform.hospitals import HospitalRegistry
from hms.seed.wards import seed_demo_wards
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
    """Create the demo hospital and its users once; False when it already exists."""
    async with db.session() as session:
        if (await session.execute(select(Tenant).where(Tenant.slug == DEMO_SLUG))).first():
            return False
    await create_hospital(db, slug=DEMO_SLUG, name=DEMO_NAME)
    async with db.transaction() as session:
        for email, name, role in DEMO_USERS:
            exists = (await session.execute(select(User).where(User.email == email))).first()
            if not exists:
                slug = None if role == Role.SUPER_ADMIN else DEMO_SLUG
                await create_user(
                    session,
                    email=email,
                    name=name,
                    role=role,
                    password=DEMO_PASSWORD,
                    hospital_slug=slug,
                )
    await _seed_patients(db)
    return True


async def _seed_patients(db: Database) -> None:
    registry = HospitalRegistry(db)
    await registry.reload()
    hospital = next(h for h in registry.all() if h.slug == DEMO_SLUG)

    async def actor(email: str, role: Role) -> Actor:
        async with db.session() as session:
            user_id = (
                await session.execute(select(User.id).where(User.email == email))
            ).scalar_one()
        return Actor(str(user_id), role.value, hospital, "seed")

    admin = await actor("admin@demo.example.org", Role.HOSPITAL_ADMIN)
    async with command_stores(db) as stores:
        for data in demo_patients():
            await run(
                stores,
                patient_ops.CREATE,
                admin,
                partial(patients.create, data=data),
            )
    await seed_demo_wards(db, await actor("doctor@demo.example.org", Role.DOCTOR))
    await seed_formulary(db, slug=DEMO_SLUG, pharmacist_email="pharmacist@demo.example.org")
