"""A doctor prescribes on the workbench: the patient's allergies, vitals and creatinine are in
view, two interacting drugs raise a contraindicated warning as they are added, and signing
asks for an override reason before the prescription is saved (over the live connection, or
over HTTPS when that connection is down)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, WebSocketRoute, expect
from prescribing_support import (
    Api,
    demo_patient_without_medication,
    new_patient,
    record_creatinine,
    record_weight,
)

PAIR = re.compile(r"^interaction:(simvastatin:clarithromycin|clarithromycin:simvastatin)$")
REASON = "Short course; statin paused for 7 days, CK checked at review."


def add_drug(page: Page, query: str, drug_id: str) -> None:
    page.get_by_test_id("drug-search").fill(query)
    page.locator(f'[data-testid="drug-option"][data-drug-id="{drug_id}"]').click()
    expect(page.locator(f'[data-testid="draft-item"][data-drug-id="{drug_id}"]')).to_be_visible()


def draft_item(page: Page, drug_id: str) -> Locator:
    return page.locator(f'[data-testid="draft-item"][data-drug-id="{drug_id}"]')


@pytest.mark.e2e
def test_contraindicated_pair_is_signed_only_with_an_override_reason(
    open_browser: Callable[[str], Page],
    login_via_ui: Callable[[Page, str], None],
    api: Callable[[str], Api],
) -> None:
    doctor_api = api("doctor")
    patient = demo_patient_without_medication(doctor_api)
    record_weight(api("nurse"), patient["id"], 74.0)
    record_creatinine(doctor_api, api("lab"), patient["id"], 0.9)

    doctor = open_browser("doctor")
    login_via_ui(doctor, "doctor@demo.example.org")
    doctor.get_by_test_id("nav-workbench").click()
    expect(doctor).to_have_url("/workbench/")
    doctor.get_by_test_id("workbench-patient-search").fill(patient["mrn"])
    doctor.locator(
        f'[data-testid="workbench-patient-option"][data-patient-id="{patient["id"]}"]'
    ).click()
    expect(doctor).to_have_url(f"/workbench/?patientId={patient['id']}")

    expect(doctor.get_by_test_id("workbench-patient-name")).to_have_text(patient["name"])
    if patient["allergies"]:
        expect(doctor.get_by_test_id("workbench-allergy")).to_have_count(len(patient["allergies"]))
    else:
        expect(doctor.get_by_test_id("workbench-allergies-none")).to_be_visible()
    expect(doctor.get_by_test_id("workbench-vitals-weight")).to_have_text("74 kg")
    expect(doctor.get_by_test_id("workbench-creatinine-value")).to_have_text("0.9 mg/dL")
    expect(doctor.get_by_test_id("workbench-creatinine-date")).not_to_be_empty()
    expect(doctor.get_by_test_id("current-medications-none")).to_be_visible()
    expect(doctor.get_by_test_id("live-status")).to_have_attribute("data-state", "connected")

    # Simvastatin alone: nothing serious.
    add_drug(doctor, "simva", "simvastatin")
    simvastatin = draft_item(doctor, "simvastatin")
    expect(simvastatin.get_by_test_id("item-dose")).to_have_value("10")
    simvastatin.get_by_test_id("item-dose").fill("40")
    simvastatin.get_by_test_id("item-duration").fill("28")
    simvastatin.get_by_test_id("item-quantity").fill("28")
    expect(doctor.get_by_test_id("safety-checks")).to_have_attribute("data-state", "done")
    expect(
        doctor.locator('[data-testid="safety-warning"][data-severity="contraindicated"]')
    ).to_have_count(0)
    expect(doctor.get_by_test_id("check-facts")).to_contain_text("weight 74 kg")
    expect(doctor.get_by_test_id("check-facts")).to_contain_text("creatinine 0.9 mg/dL")

    # Clarithromycin added: the pair is contraindicated (ONC high-priority list).
    add_drug(doctor, "clarith", "clarithromycin")
    clarithromycin = draft_item(doctor, "clarithromycin")
    clarithromycin.get_by_test_id("item-dose").fill("500")
    clarithromycin.get_by_test_id("item-frequency").fill("BID")
    clarithromycin.get_by_test_id("item-quantity").fill("14")
    warning = doctor.locator('[data-testid="safety-warning"][data-severity="contraindicated"]')
    expect(warning).to_have_count(1)
    expect(warning).to_have_attribute("data-code", PAIR)
    expect(warning.get_by_test_id("warning-severity")).to_have_text("Contraindicated")
    expect(warning.get_by_test_id("warning-message")).to_contain_text(
        "Simvastatin + Clarithromycin"
    )
    expect(warning.get_by_test_id("warning-source")).to_contain_text("ONC high-priority DDI list")
    expect(warning.get_by_test_id("warning-management")).to_contain_text("suspend the statin")

    # Signing asks for a reason; too short a reason is refused in the dialog.
    doctor.get_by_test_id("sign-prescription").click()
    dialog = doctor.get_by_test_id("override-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_test_id("override-warning")).to_have_count(1)
    expect(dialog.get_by_test_id("override-warning")).to_have_attribute("data-code", PAIR)
    dialog.get_by_test_id("override-reason").fill("ok")
    dialog.get_by_test_id("override-confirm").click()
    expect(dialog.get_by_test_id("override-reason-error")).to_contain_text("at least 5 characters")
    expect(doctor.get_by_test_id("signed-prescription")).to_have_count(0)

    dialog.get_by_test_id("override-reason").fill(REASON)
    dialog.get_by_test_id("override-confirm").click()
    signed = doctor.get_by_test_id("signed-prescription")
    expect(signed).to_be_visible()
    expect(dialog).to_be_hidden()
    expect(signed).to_have_attribute("data-via", "socket")
    expect(signed.get_by_test_id("signed-status")).to_have_attribute("data-status", "active")
    expect(signed.get_by_test_id("signed-item")).to_have_count(2)
    expect(
        signed.get_by_test_id("signed-overrides").get_by_test_id("warning-override")
    ).to_have_text(f"Overridden: {REASON}")

    # The current medication lists both drugs; the server kept the reason with the warning.
    current = doctor.get_by_test_id("current-medication")
    expect(current).to_have_count(2)
    prescription_id = signed.get_attribute("data-prescription-id")
    saved = doctor_api.get(f"/prescriptions/{prescription_id}")
    assert saved["status"] == "active"
    [overridden] = [w for w in saved["warnings"] if w.get("override")]
    assert PAIR.match(overridden["code"])
    assert overridden["override"]["reason"] == REASON


@pytest.mark.e2e
def test_signing_falls_back_to_https_when_the_live_connection_is_down(
    open_browser: Callable[[str], Page],
    login_via_ui: Callable[[Page, str], None],
    api: Callable[[str], Api],
) -> None:
    patient = new_patient(api("doctor"), "Hana Offline ")
    doctor = open_browser("doctor-offline")

    def refuse(ws: WebSocketRoute) -> None:
        ws.close()

    doctor.route_web_socket(re.compile(r"/socket\.io/"), refuse)
    login_via_ui(doctor, "doctor@demo.example.org")
    doctor.goto(f"/workbench/?patientId={patient['id']}")
    expect(doctor.get_by_test_id("workbench-patient-name")).to_have_text(patient["name"])
    expect(doctor.get_by_test_id("live-status")).not_to_have_attribute("data-state", "connected")

    add_drug(doctor, "amoxi", "amoxicillin")
    amoxicillin = draft_item(doctor, "amoxicillin")
    amoxicillin.get_by_test_id("item-frequency").fill("TID")
    # A dose in mg says nothing of how many capsules to supply: the form says so first.
    doctor.get_by_test_id("sign-prescription").click()
    expect(amoxicillin.locator('[data-testid$="-quantity-error"]')).to_contain_text(
        "how many to supply"
    )
    amoxicillin.get_by_test_id("item-quantity").fill("21")
    expect(doctor.get_by_test_id("safety-checks")).to_have_attribute("data-state", "done")
    doctor.get_by_test_id("sign-prescription").click()

    signed = doctor.get_by_test_id("signed-prescription")
    expect(signed).to_be_visible()
    expect(signed).to_have_attribute("data-via", "rest")
    expect(doctor.get_by_test_id("override-dialog")).to_be_hidden()
    listed = api("doctor").get("/prescriptions", patientId=patient["id"])
    assert listed["total"] == 1
    assert listed["items"][0]["items"][0]["quantity"] == 21
