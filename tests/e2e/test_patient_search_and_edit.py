"""A doctor finds a patient by searching, opens the record, edits it and sees the change."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

import httpx
import pytest
from playwright.sync_api import Page, expect


@pytest.fixture
def unique_patient(hms_server: str, api_token: Callable[[str], str]) -> dict[str, object]:
    """A patient nobody else has touched, created through the REST API."""
    token = api_token("admin@demo.example.org")
    response = httpx.post(
        f"{hms_server}/api/v1/patients",
        headers={"Authorization": f"Bearer {token}"},
        json={
            "name": f"Zelda Testcase {secrets.token_hex(3)}",
            "dateOfBirth": "1984-02-29",
            "gender": "female",
            "bloodGroup": "O+",
            "allergies": [
                {
                    "substance": "penicillin",
                    "class": "penicillin",
                    "reaction": "hives",
                    "severity": "severe",
                }
            ],
        },
        timeout=10.0,
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


@pytest.mark.e2e
def test_doctor_searches_opens_and_edits_a_patient(
    open_browser: Callable[[str], Page],
    login_via_ui: Callable[[Page, str], None],
    unique_patient: dict[str, object],
) -> None:
    name = str(unique_patient["name"])
    page = open_browser("doctor")
    login_via_ui(page, "doctor@demo.example.org")
    expect(page.get_by_test_id("topbar-user-name")).to_have_text("Dr. Grace Okafor")

    page.get_by_test_id("patient-search-input").fill(name)
    rows = page.get_by_test_id("patient-row")
    expect(rows).to_have_count(1)
    expect(page.get_by_test_id("patient-row-mrn")).to_have_text(str(unique_patient["mrn"]))
    page.get_by_test_id("patient-row-link").click()

    expect(page.get_by_test_id("patient-name")).to_have_text(name)
    expect(page.get_by_test_id("patient-mrn")).to_have_text(str(unique_patient["mrn"]))
    expect(page.get_by_test_id("patient-blood-group")).to_have_text("O+")
    expect(page.get_by_test_id("allergy-substance")).to_have_text("penicillin")
    expect(page.get_by_test_id("allergy-severity")).to_have_text("Severe")

    page.get_by_test_id("edit-patient-button").click()
    expect(page.get_by_test_id("patient-form-name")).to_have_value(name)
    # Client-side validation stops an empty name before anything is sent.
    page.get_by_test_id("patient-form-name").fill("")
    page.get_by_test_id("patient-form-submit").click()
    expect(page.get_by_test_id("patient-form-name-error")).to_be_visible()

    new_name = f"{name} Jr"
    page.get_by_test_id("patient-form-name").fill(new_name)
    page.get_by_test_id("patient-form-blood-group").select_option("AB-")
    page.get_by_test_id("patient-form-submit").click()

    expect(page.get_by_test_id("patient-detail")).to_be_visible()
    expect(page.get_by_test_id("patient-name")).to_have_text(new_name)
    expect(page.get_by_test_id("patient-blood-group")).to_have_text("AB-")

    # The list shows the new name as well.
    page.get_by_test_id("back-to-patients").click()
    expect(page).to_have_url("/patients/")
    page.get_by_test_id("patient-search-input").fill(new_name)
    expect(page).to_have_url(re.compile(r"/patients/\?q="))
    expect(page.get_by_test_id("patient-row")).to_have_count(1)
    expect(page.get_by_test_id("patient-row-link")).to_have_text(new_name)
