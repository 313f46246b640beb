"""A doctor opens a patient's chart from the patient list: allergies in the summary, the
vitals chart with points coloured by NEWS2 band and the latest set scored, flagged lab
results with their correction history; then admits, transfers and discharges the patient
with ICD-10-CM diagnoses found by search, and reports an adverse event."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hms_rest import (
    HIGH_SET,
    LOW_SET,
    MEDIUM_SET,
    Rest,
    create_patient,
    create_ward,
    order_labs,
    record_vitals,
    unique,
)
from playwright.sync_api import Page, expect

POTASSIUM, SODIUM = "2823-3", "2951-2"


def _seed_history(rest: Callable[[str], Rest], patient_id: str) -> None:
    doctor, lab = rest("doctor"), rest("lab")
    for values, hours_ago in ((LOW_SET, 30), (MEDIUM_SET, 20), (HIGH_SET, 10), (LOW_SET, 2)):
        record_vitals(doctor, patient_id, values, hours_ago)
    order = order_labs(doctor, patient_id, [POTASSIUM, SODIUM], priority="urgent")
    entered = lab.post(
        f"/lab-orders/{order['id']}/results",
        {"results": [{"loinc": POTASSIUM, "value": 2.4}, {"loinc": SODIUM, "value": 139}]},
        expect=201,
    )
    sodium = next(r for r in entered["items"] if r["loinc"] == SODIUM)
    lab.post(f"/lab-results/{sodium['id']}/verify")
    lab.post(
        f"/lab-results/{sodium['id']}/corrections",
        {"value": 149, "reason": "Wrong sample tube"},
        expect=201,
    )


@pytest.mark.e2e
def test_doctor_reads_the_chart_and_manages_the_stay(
    open_browser: Callable[[str], Page],
    login_via_ui: Callable[[Page, str], None],
    rest: Callable[[str], Rest],
) -> None:
    ward = create_ward(rest("admin"), ["1", "2"], name="Chart test ward")
    allergy = {
        "substance": "penicillin",
        "class": "beta-lactam",
        "reaction": "rash",
        "severity": "severe",
    }
    patient = create_patient(rest("doctor"), unique("Chidi Chartson "), allergies=[allergy])
    _seed_history(rest, patient["id"])

    page = open_browser("doctor")
    login_via_ui(page, "doctor@demo.example.org")
    page.get_by_test_id("patient-search-input").fill(patient["name"])
    row = page.get_by_test_id("patient-row").filter(has_text=patient["name"])
    expect(row).to_have_count(1)
    row.get_by_test_id("patient-row-chart-link").click()
    expect(page).to_have_url(re.compile(rf"/patients/chart/\?id={patient['id']}"))

    # Summary
    expect(page.get_by_test_id("chart-patient-name")).to_have_text(patient["name"])
    expect(page.get_by_test_id("chart-allergy")).to_contain_text("penicillin (rash)")

    # Vitals: one point per set, coloured by band; the latest set scored, with attribution.
    vitals = page.get_by_test_id("chart-vitals")
    points = vitals.get_by_test_id("vitals-chart-point")
    expect(points).to_have_count(4)
    bands = [points.nth(i).get_attribute("data-band") for i in range(4)]
    assert bands == ["low", "medium", "high", "low"], bands
    fills = [points.nth(i).get_attribute("fill") for i in range(4)]
    assert fills == ["#16a34a", "#d97706", "#dc2626", "#16a34a"], fills
    expect(vitals.get_by_test_id("latest-news2-total")).to_have_text("0")
    expect(vitals.get_by_test_id("latest-news2-band")).to_have_text("low")
    expect(vitals.get_by_test_id("latest-news2-row")).to_have_count(7)
    expect(vitals.get_by_test_id("news2-attribution")).to_have_text(
        "NEWS2 © Royal College of Physicians 2017"
    )
    vitals.get_by_test_id("vitals-measure-heartRate").click()
    expect(vitals.get_by_test_id("vitals-chart")).to_have_attribute("data-measure", "heartRate")
    values = [points.nth(i).get_attribute("data-value") for i in range(4)]
    assert values == ["78", "104", "124", "78"], values
    vitals.get_by_test_id("vitals-range-24h").click()
    expect(points).to_have_count(3)

    # Labs: flags, current versions, the correction history.
    labs = page.get_by_test_id("chart-labs")
    potassium = labs.locator(f'[data-testid="lab-result-row"][data-loinc="{POTASSIUM}"]')
    sodium = labs.locator(f'[data-testid="lab-result-row"][data-loinc="{SODIUM}"]')
    expect(potassium.get_by_test_id("lab-flag")).to_have_text("Critical · low")
    expect(potassium.get_by_test_id("lab-flag")).to_have_attribute("data-category", "critical")
    expect(labs.get_by_test_id("labs-critical-count")).to_have_text("1 critical result")
    expect(sodium).to_have_count(1)
    expect(sodium.get_by_test_id("lab-flag")).to_have_text("Abnormal · high")
    expect(sodium.get_by_test_id("lab-result-status")).to_have_text("preliminary · v2")
    sodium.get_by_test_id("lab-result-history-toggle").click()
    versions = labs.get_by_test_id("lab-result-version")
    expect(versions).to_have_count(2)
    expect(versions.nth(0)).to_have_attribute("data-status", "superseded")
    expect(versions.nth(0).get_by_test_id("lab-result-version-flag")).to_have_text("Normal")
    expect(labs.get_by_test_id("lab-result-correction-reason")).to_contain_text("Wrong sample tube")
    labs.get_by_test_id("labs-show-superseded").check()
    expect(labs.locator(f'[data-testid="lab-result-row"][data-loinc="{SODIUM}"]')).to_have_count(2)

    # Admission, transfer, discharge.
    encounters = page.get_by_test_id("chart-encounters")
    expect(encounters.get_by_test_id("chart-current-location")).to_have_text("Not admitted")
    encounters.get_by_test_id("admit-button").click()
    encounters.get_by_test_id("admit-ward").select_option(ward["id"])
    encounters.get_by_test_id("admit-bed").select_option(ward["bedIds"]["1"])
    encounters.get_by_test_id("admit-reason").fill("Hypokalaemia for IV replacement")
    encounters.get_by_test_id("admit-submit").click()
    expect(encounters.get_by_test_id("chart-current-location")).to_have_text(
        "Admitted · Chart test ward bed 1"
    )
    encounters.get_by_test_id("transfer-button").click()
    encounters.get_by_test_id("transfer-ward").select_option(ward["id"])
    # Bed 1 is the patient's own: only bed 2 is free.
    expect(encounters.get_by_test_id("transfer-bed").locator("option")).to_have_count(2)
    encounters.get_by_test_id("transfer-bed").select_option(ward["bedIds"]["2"])
    encounters.get_by_test_id("transfer-submit").click()
    current_bed = encounters.get_by_test_id("encounter-current-bed")
    expect(current_bed).to_have_text(f"{ward['code']} · bed 2")
    expect(encounters.get_by_test_id("encounter-stay")).to_have_count(2)

    encounters.get_by_test_id("discharge-button").click()
    encounters.get_by_test_id("discharge-submit").click()
    expect(encounters.get_by_test_id("discharge-disposition-error")).to_be_visible()
    expect(encounters.get_by_test_id("discharge-diagnoses-error")).to_be_visible()
    encounters.get_by_test_id("discharge-disposition").select_option("home")
    encounters.get_by_test_id("discharge-diagnoses-search").fill("hypokalemia")
    option = encounters.locator('[data-testid="discharge-diagnoses-option"][data-code="E87.6"]')
    option.click()
    expect(encounters.get_by_test_id("discharge-diagnoses-selected-item")).to_have_attribute(
        "data-code", "E87.6"
    )
    encounters.get_by_test_id("discharge-note").fill("Potassium normal on oral supplements.")
    encounters.get_by_test_id("discharge-submit").click()
    closed = encounters.get_by_test_id("encounter-item").first
    expect(closed).to_have_attribute("data-status", "closed")
    expect(closed.get_by_test_id("encounter-disposition")).to_have_text("Home")
    expect(closed.get_by_test_id("encounter-diagnosis")).to_contain_text("E87.6")
    expect(encounters.get_by_test_id("chart-current-location")).to_have_text("Not admitted")

    # Adverse event
    events = page.get_by_test_id("chart-adverse-events")
    expect(events.get_by_test_id("adverse-events-none")).to_be_visible()
    events.get_by_test_id("report-adverse-event-button").click()
    events.get_by_test_id("adverse-event-description").fill("Phlebitis at the IV potassium site")
    events.get_by_test_id("adverse-event-severity").select_option("moderate")
    events.get_by_test_id("adverse-event-outcome").select_option("recovering")
    events.get_by_test_id("adverse-event-submit").click()
    item = events.get_by_test_id("adverse-event-item")
    expect(item).to_have_count(1)
    expect(item.get_by_test_id("adverse-event-severity-badge")).to_have_text("moderate")
    expect(item).to_contain_text("Phlebitis at the IV potassium site")
