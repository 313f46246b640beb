"""Varied, synthetic patient bodies for the create scenario and for seeding."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

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
    "Ito",
    "Jensen",
    "Kowalski",
    "Larsen",
    "Moreau",
    "Novak",
    "Okafor",
    "Petrov",
]
_GENDERS = ["female", "male", "other", "unknown"]
_BLOOD = [None, "A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"]
_ALLERGIES = [
    {"substance": "penicillin", "class": "beta-lactam", "reaction": "rash", "severity": "moderate"},
    {"substance": "peanut", "reaction": "anaphylaxis", "severity": "severe"},
    {"substance": "latex", "severity": "mild"},
    {"substance": "sulfamethoxazole", "class": "sulfonamide", "severity": "moderate"},
]


def patient_bodies(count: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    oldest = date(1930, 1, 1)
    span = (date(2024, 12, 31) - oldest).days
    bodies: list[dict[str, Any]] = []
    for _ in range(count):
        body: dict[str, Any] = {
            "name": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
            "dateOfBirth": (oldest + timedelta(days=rng.randrange(span))).isoformat(),
            "gender": rng.choice(_GENDERS),
        }
        blood = rng.choice(_BLOOD)
        if blood:
            body["bloodGroup"] = blood
        allergies = rng.sample(_ALLERGIES, rng.choice([0, 0, 1, 2]))
        if allergies:
            body["allergies"] = allergies
        bodies.append(body)
    return bodies
