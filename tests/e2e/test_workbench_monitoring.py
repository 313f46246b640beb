"""A doctor adds clopidogrel for a patient on low-dose aspirin: the workbench grades the pair
as dual antiplatelet therapy (moderate, no override), and shows the English message, the
management, what to monitor and the sources."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from prescribing_support import Api, new_patient, prescribe, record_creatinine, record_weight


@pytest.mark.e2e
def test_prescriber_sees_what_to_monitor_for_dual_antiplatelet_therapy(
    open_browser: Callable[[str], Page],
    login_via_ui: Callable[[Page, str], None],
    api: Callable[[str], Api],
) -> None:
    doctor_api = api("doctor")
    patient = new_patient(doctor_api, "Dapt")
    record_weight(api("nurse"), patient["id"], 80.0)
    record_creatinine(doctor_api, api("lab"), patient["id"], 1.0)
    aspirin = {"drugId": "aspirin", "dose": 75, "unit": "mg", "route": "oral"}
    prescribe(doctor_api, patient["id"], [{**aspirin, "frequency": "OD", "quantity": 28}])

    doctor = open_browser("doctor")
    login_via_ui(doctor, "doctor@demo.example.org")
    doctor.goto(f"/workbench/?patientId={patient['id']}")
    expect(doctor.get_by_test_id("workbench-patient-name")).to_have_text(patient["name"])
    expect(doctor.get_by_test_id("current-medication")).to_have_count(1)

    doctor.get_by_test_id("drug-search").fill("clopid")
    doctor.locator('[data-testid="drug-option"][data-drug-id="clopidogrel"]').click()
    item = doctor.locator('[data-testid="draft-item"][data-drug-id="clopidogrel"]')
    item.get_by_test_id("item-dose").fill("75")
    item.get_by_test_id("item-frequency").fill("OD")

    warning = doctor.locator(
        '[data-testid="safety-warning"][data-code="interaction:aspirin:clopidogrel"]'
    )
    expect(warning).to_have_attribute("data-severity", "moderate")
    expect(warning).to_have_attribute("data-needs-override", "false")
    expect(warning.get_by_test_id("warning-message")).to_contain_text("dual antiplatelet therapy")
    expect(warning.get_by_test_id("warning-management")).to_contain_text("proton pump inhibitor")
    expect(warning.get_by_test_id("warning-monitoring")).to_contain_text("Signs of bleeding")
    expect(warning.get_by_test_id("warning-source")).to_contain_text("ESC 2023")
    expect(warning.get_by_test_id("warning-source")).to_contain_text("ANSM")
