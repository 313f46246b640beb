"""Setting up prescribing and pharmacy browser tests through the REST API, as the demo users
who may do each step (doctor, nurse, lab staff, pharmacist)."""

from __future__ import annotations

import secrets
import time
import uuid
from typing import Any

import httpx

DEMO_PASSWORD = "hms-demo-2026"
CREATININE = "2160-0"


class Api:
    """A signed-in demo user calling /api/v1; every call asserts the expected status."""

    def __init__(self, base_url: str, role: str) -> None:
        self.client = httpx.Client(base_url=f"{base_url}/api/v1", timeout=15.0)
        email = f"{role}@demo.example.org"
        response = self.client.post("/auth/login", json={"email": email, "password": DEMO_PASSWORD})
        for _ in range(3):
            # Another test may have throttled the account with wrong passwords: wait it out,
            # so that the browser's sign-in as this user that follows goes through too.
            if response.status_code != 429:
                break
            time.sleep(int(response.headers.get("Retry-After", "10")) + 1)
            response = self.client.post(
                "/auth/login", json={"email": email, "password": DEMO_PASSWORD}
            )
        assert response.status_code == 200, response.text
        self.client.headers["Authorization"] = f"Bearer {response.json()['accessToken']}"

    def call(self, method: str, path: str, expect: int = 200, **kwargs: Any) -> Any:
        response = self.client.request(method, path, **kwargs)
        assert response.status_code == expect, (
            f"{method} {path}: {response.status_code} {response.text}"
        )
        return response.json() if response.content else None

    def get(self, path: str, **params: Any) -> Any:
        return self.call("GET", path, params=params)

    def post(self, path: str, body: Any, expect: int = 200, **kwargs: Any) -> Any:
        return self.call("POST", path, expect=expect, json=body, **kwargs)

    def close(self) -> None:
        self.client.close()


def new_patient(doctor: Api, name_prefix: str) -> dict[str, Any]:
    """A patient of the demo hospital with no allergies and no medication."""
    body = {
        "name": f"{name_prefix}{secrets.token_hex(3).upper()}",
        "dateOfBirth": "1961-06-02",
        "gender": "male",
        "bloodGroup": "A+",
        "allergies": [],
    }
    return dict(doctor.post("/patients", body, expect=201))


def demo_patient_without_medication(doctor: Api) -> dict[str, Any]:
    """A seeded demo patient with a name no other patient has and no current prescription."""
    patients = doctor.get("/patients", pageSize=100)["items"]
    names = [p["name"] for p in patients]
    for patient in patients:
        if names.count(patient["name"]) != 1:
            continue
        if doctor.get("/prescriptions", patientId=patient["id"])["total"] == 0:
            return dict(patient)
    raise AssertionError("no demo patient without prescriptions")


def record_weight(nurse: Api, patient_id: str, weight_kg: float) -> Any:
    body = {"heartRate": 72.0, "systolicBp": 132.0, "diastolicBp": 80.0, "weightKg": weight_kg}
    return nurse.post(f"/patients/{patient_id}/vitals", body, expect=201)


def record_creatinine(doctor: Api, lab: Api, patient_id: str, mg_dl: float) -> Any:
    """Orders a serum creatinine and enters its result (mg/dL)."""
    order = doctor.post(
        f"/patients/{patient_id}/lab-orders",
        {"tests": ["creatinine"], "priority": "routine"},
        expect=201,
    )
    results = [{"loinc": CREATININE, "value": mg_dl, "unit": "mg/dL"}]
    return lab.post(f"/lab-orders/{order['id']}/results", {"results": results}, expect=201)


def on_hand(pharmacist: Api, drug_id: str) -> int:
    return int(pharmacist.get(f"/pharmacy/formulary/{drug_id}")["quantityOnHand"])


def set_stock(pharmacist: Api, drug_id: str, quantity: int) -> int:
    """Brings a drug's stock to `quantity` with a recorded adjustment (or a receipt)."""
    change = quantity - on_hand(pharmacist, drug_id)
    if change != 0:
        kind = "adjustment" if change < 0 else "receipt"
        body = {"kind": kind, "quantity": change, "reason": "Stock count for a browser test"}
        pharmacist.post(f"/pharmacy/formulary/{drug_id}/movements", body, expect=201)
    return on_hand(pharmacist, drug_id)


def prescribe(doctor: Api, patient_id: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    """An active prescription; any warning that needs it gets an override reason."""
    report = doctor.post("/clinical/checks", {"patientId": patient_id, "items": items})
    overrides = [
        {"code": w["code"], "reason": "Accepted for the browser test"}
        for w in report["warnings"]
        if w["needsOverride"]
    ]
    body = {"patientId": patient_id, "items": items, "overrides": overrides}
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    return dict(doctor.post("/prescriptions", body, expect=201, headers=headers))
