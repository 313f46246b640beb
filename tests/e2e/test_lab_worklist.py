"""Lab staff take a stat order from the worklist, enter its results test by test, see the
flags (a critical potassium, a normal sodium), verify, correct, and complete the order."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hms_rest import Rest, create_patient, order_labs, unique
from playwright.sync_api import Page, expect

POTASSIUM, SODIUM, HEMOGLOBIN = "2823-3", "2951-2", "718-7"


@pytest.mark.e2e
def test_lab_enters_a_critical_result_and_sees_the_flag(
    open_browser: Callable[[str], Page],
    login_via_ui: Callable[[Page, str], None],
    rest: Callable[[str], Rest],
) -> None:
    doctor = rest("doctor")
    patient = create_patient(doctor, unique("Kofi Labwork "), gender="male")
    order = order_labs(doctor, patient["id"], [POTASSIUM, SODIUM, HEMOGLOBIN], priority="stat")

    page = open_browser("lab")
    login_via_ui(page, "lab@demo.example.org")
    expect(page).to_have_url("/lab/")
    row = page.locator(f'[data-testid="worklist-row"][data-order-id="{order["id"]}"]')
    expect(row).to_contain_text(patient["name"])
    expect(row).to_contain_text("stat")
    row.get_by_test_id("worklist-open").click()

    entry = page.get_by_test_id("result-entry")
    expect(entry).to_have_attribute("data-order-id", order["id"])
    expect(page.get_by_test_id("result-entry-patient")).to_have_text(patient["name"])
    expect(page.get_by_test_id("result-entry-row")).to_have_count(3)

    page.get_by_test_id(f"result-value-{POTASSIUM}").fill("7.1")
    page.get_by_test_id(f"result-value-{SODIUM}").fill("140")
    page.get_by_test_id("result-entry-submit").click()

    potassium = page.locator(f'[data-testid="resulted-test"][data-loinc="{POTASSIUM}"]')
    sodium = page.locator(f'[data-testid="resulted-test"][data-loinc="{SODIUM}"]')
    expect(potassium).to_have_attribute("data-category", "critical")
    expect(potassium.get_by_test_id("resulted-test-flag")).to_have_text("Critical · high")
    expect(potassium.get_by_test_id("resulted-test-critical-note")).to_be_visible()
    expect(potassium.get_by_test_id("resulted-test-value")).to_have_text("7.1 mmol/L")
    expect(sodium.get_by_test_id("resulted-test-flag")).to_have_text("Normal")
    expect(sodium.get_by_test_id("resulted-test-status")).to_have_text("preliminary")
    # Hemoglobin still waits for its value; the order is in progress.
    expect(page.get_by_test_id("result-entry-row")).to_have_count(1)
    expect(page.get_by_test_id("result-entry-order-status")).to_have_text("in-progress")

    potassium.get_by_test_id("resulted-test-verify").click()
    expect(potassium.get_by_test_id("resulted-test-status")).to_have_text("final")
    expect(potassium.get_by_test_id("resulted-test-verify")).to_have_count(0)

    # A correction replaces the sodium with a second version.
    sodium.get_by_test_id("resulted-test-correct").click()
    page.get_by_test_id("correction-value").fill("128")
    page.get_by_test_id("correction-reason").fill("Transcription error")
    page.get_by_test_id("correction-submit").click()
    corrected = page.locator(f'[data-testid="resulted-test"][data-loinc="{SODIUM}"]')
    expect(corrected.get_by_test_id("resulted-test-status")).to_have_text("preliminary · v2")
    expect(corrected.get_by_test_id("resulted-test-flag")).to_have_text("Abnormal · low")

    page.get_by_test_id(f"result-value-{HEMOGLOBIN}").fill("13.9")
    page.get_by_test_id("result-entry-submit").click()
    hemoglobin = page.locator(f'[data-testid="resulted-test"][data-loinc="{HEMOGLOBIN}"]')
    expect(hemoglobin.get_by_test_id("resulted-test-flag")).to_have_text("Normal")
    expect(page.get_by_test_id("result-entry-order-status")).to_have_text("completed")
    expect(page.get_by_test_id("result-entry-form")).to_have_count(0)
    # Completed orders leave the worklist.
    expect(row).to_have_count(0)

    alerts = doctor.get("/alerts", status="open", patientId=patient["id"])
    assert [(a["kind"], a["severity"]) for a in alerts["items"]] == [("lab-critical", "critical")]
