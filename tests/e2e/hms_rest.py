"""Setting up browser tests through the REST API: wards, patients, admissions, vitals, lab
orders and results, as the demo users who may create them."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

DEMO_PASSWORD = "hms-demo-2026"


class Rest:
    """A signed-in demo user calling /api/v1; every call asserts the expected status."""

    def __init__(self, base_url: str, email: str) -> None:
        self.client = httpx.Client(base_url=f"{base_url}/api/v1", timeout=15.0)
        response = self.client.post("/auth/login", json={"email": email, "password": DEMO_PASSWORD})
        assert response.status_code == 200, response.text
        self.client.headers["Authorization"] = f"Bearer {response.json()['accessToken']}"

    def call(self, method: str, path: str, expect: int = 200, **kwargs: Any) -> Any:
        response = self.client.request(method, path, **kwargs)
        status = response.status_code
        assert status == expect, f"{method} {path}: {status} {response.text}"
        return response.json() if response.content else None

    def get(self, path: str, **params: Any) -> Any:
        return self.call("GET", path, params=params)

    def post(self, path: str, body: Any = None, expect: int = 200) -> Any:
        return self.call("POST", path, expect=expect, json=body if body is not None else {})

    def close(self) -> None:
        self.client.close()


def unique(prefix: str) -> str:
    return f"{prefix}{secrets.token_hex(3).upper()}"


def create_ward(admin: Rest, beds: list[str], name: str = "Test ward") -> dict[str, Any]:
    """A ward with a unique code; returns it with its beds (ids by label in `bedIds`)."""
    ward = admin.post("/wards", {"code": unique("W-"), "name": name, "beds": beds}, expect=201)
    ward["bedIds"] = {bed["label"]: bed["id"] for bed in ward["beds"]}
    return dict(ward)


def create_patient(
    rest: Rest, name: str, *, gender: str = "female", allergies: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    body = {
        "name": name,
        "dateOfBirth": "1958-03-14",
        "gender": gender,
        "bloodGroup": "O+",
        "allergies": allergies or [],
    }
    return dict(rest.post("/patients", body, expect=201))


def admit(rest: Rest, patient_id: str, ward: dict[str, Any], bed_label: str) -> dict[str, Any]:
    body = {
        "patientId": patient_id,
        "kind": "inpatient",
        "reason": "Community-acquired pneumonia",
        "wardId": ward["id"],
        "bedId": ward["bedIds"][bed_label],
    }
    return dict(rest.post("/encounters", body, expect=201))


# Complete NEWS2 sets: total 0 (low), 5 (medium), 11 (high) on SpO2 scale 1.
LOW_SET = {
    "respirationRate": 16.0,
    "spo2": 97.0,
    "onOxygen": False,
    "systolicBp": 128.0,
    "diastolicBp": 76.0,
    "heartRate": 78.0,
    "consciousness": "alert",
    "temperature": 36.9,
}
MEDIUM_SET = {
    **LOW_SET,
    "respirationRate": 22.0,
    "spo2": 95.0,
    "heartRate": 104.0,
    "temperature": 38.4,
}
HIGH_SET = {
    **LOW_SET,
    "respirationRate": 26.0,
    "spo2": 91.0,
    "heartRate": 124.0,
    "systolicBp": 98.0,
    "temperature": 38.6,
}


def record_vitals(rest: Rest, patient_id: str, values: dict[str, Any], hours_ago: float) -> Any:
    at = datetime.now(UTC) - timedelta(hours=hours_ago)
    body = {**values, "recordedAt": at.isoformat()}
    return rest.post(f"/patients/{patient_id}/vitals", body, expect=201)


def order_labs(rest: Rest, patient_id: str, tests: list[str], priority: str = "routine") -> Any:
    body = {"tests": tests, "priority": priority, "note": "Browser test order"}
    return rest.post(f"/patients/{patient_id}/lab-orders", body, expect=201)
