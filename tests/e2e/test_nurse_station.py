"""A nurse watches her ward at the nurse station while colleagues admit, discharge and record
observations: admissions and discharges show on the census without a reload, an implausible
value is refused on its field, a set scoring high on NEWS2 updates the ward census and raises
an alert on the station without a reload, and the alert is acknowledged there."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hms_rest import LOW_SET, Rest, admit, create_patient, create_ward, record_vitals, unique
from playwright.sync_api import Page, expect

LIVE_TIMEOUT_MS = 5_000


@pytest.mark.e2e
def test_high_news2_raises_a_live_alert_that_the_nurse_acknowledges(
    open_browser: Callable[[str], Page],
    login_via_ui: Callable[[Page, str], None],
    rest: Callable[[str], Rest],
) -> None:
    ward = create_ward(rest("admin"), ["1", "2", "3"], name="Respiratory ward")
    nurse_api = rest("nurse")
    steady = create_patient(nurse_api, unique("Olive Steady "))
    sick = create_patient(nurse_api, unique("Ravi Decline "), gender="male")
    admit(nurse_api, steady["id"], ward, "1")
    admit(nurse_api, sick["id"], ward, "2")
    record_vitals(nurse_api, steady["id"], LOW_SET, hours_ago=1)

    station = open_browser("station")
    login_via_ui(station, "nurse@demo.example.org")
    station.get_by_test_id("nav-nurse-station").click()
    expect(station).to_have_url("/nurse-station/")
    station.get_by_test_id("ward-select").select_option(ward["id"])
    expect(station).to_have_url(re.compile(r"/nurse-station/\?ward="))
    expect(station.get_by_test_id("census-summary")).to_contain_text("2 of 3 beds occupied")
    steady_row = station.locator(f'[data-testid="census-row"][data-patient-id="{steady["id"]}"]')
    sick_row = station.locator(f'[data-testid="census-row"][data-patient-id="{sick["id"]}"]')
    expect(steady_row.get_by_test_id("census-news2")).to_have_attribute("data-band", "low")
    expect(sick_row.get_by_test_id("census-news2")).to_have_attribute("data-band", "none")
    expect(station.locator('[data-testid="census-row"][data-bed-label="3"]')).to_contain_text(
        "Free"
    )
    expect(station.get_by_test_id("news2-attribution").first).to_have_text(
        "NEWS2 © Royal College of Physicians 2017"
    )
    expect(station.get_by_test_id("alerts-none")).to_be_visible()
    expect(station.get_by_test_id("live-status")).to_have_attribute("data-state", "connected")
    station.evaluate("window.__loadedOnce = true")

    # An admission and a discharge made elsewhere show on the census without a reload.
    newcomer = create_patient(nurse_api, unique("Nell Newcomer "))
    stay = admit(nurse_api, newcomer["id"], ward, "3")
    bed_3 = station.locator('[data-testid="census-row"][data-bed-label="3"]')
    expect(bed_3).to_contain_text(newcomer["name"], timeout=LIVE_TIMEOUT_MS)
    expect(station.get_by_test_id("census-summary")).to_contain_text("3 of 3 beds occupied")
    nurse_api.post(
        f"/encounters/{stay['id']}/discharge", {"disposition": "home", "diagnoses": ["J18.9"]}
    )
    expect(bed_3).to_contain_text("Free", timeout=LIVE_TIMEOUT_MS)
    expect(station.get_by_test_id("census-summary")).to_contain_text("2 of 3 beds occupied")

    bedside = open_browser("bedside")
    login_via_ui(bedside, "nurse@demo.example.org")
    bedside.goto(f"/patients/chart/?id={sick['id']}")
    expect(bedside.get_by_test_id("chart-patient-name")).to_have_text(sick["name"])
    expect(bedside.get_by_test_id("latest-vitals-none")).to_be_visible()
    bedside.get_by_test_id("record-vitals-button").click()
    fields = {
        "respirationRate": "26",
        "spo2": "91",
        "systolicBp": "98",
        "diastolicBp": "60",
        "heartRate": "124",
        "temperature": "101.3",  # Fahrenheit by mistake: refused by the server
    }
    for name, value in fields.items():
        bedside.get_by_test_id(f"vitals-{name}").fill(value)
    bedside.get_by_test_id("vitals-onOxygen").select_option("air")
    bedside.get_by_test_id("vitals-consciousness").select_option("confusion")
    bedside.get_by_test_id("vitals-submit").click()
    expect(bedside.get_by_test_id("vitals-temperature-error")).to_contain_text("10–47")
    expect(bedside.get_by_test_id("vitals-temperature")).to_have_attribute("aria-invalid", "true")

    bedside.get_by_test_id("vitals-temperature").fill("38.6")
    bedside.get_by_test_id("vitals-submit").click()
    saved = bedside.get_by_test_id("vitals-form-saved-news2")
    expect(saved).to_have_attribute("data-band", "high")
    expect(bedside.get_by_test_id("vitals-form-alert-raised")).to_be_visible()
    # RR 3 + SpO2 3 + air 0 + SBP 2 + pulse 2 + new confusion 3 + temp 1 = 14
    expect(bedside.get_by_test_id("latest-news2-total")).to_have_text("14")
    expect(bedside.get_by_test_id("latest-news2-band")).to_have_text("high")
    expect(bedside.get_by_test_id("news2-attribution").first).to_be_visible()

    # The station follows without a reload: the census row and a new alert.
    expect(sick_row.get_by_test_id("census-news2")).to_have_attribute(
        "data-band", "high", timeout=LIVE_TIMEOUT_MS
    )
    expect(sick_row.get_by_test_id("census-news2")).to_contain_text("NEWS2 14")
    alert = station.locator(f'[data-testid="alert-item"][data-patient-id="{sick["id"]}"]')
    expect(alert).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    expect(alert).to_have_attribute("data-severity", "high")
    expect(alert.get_by_test_id("alert-summary")).to_contain_text("NEWS2 14 (high)")
    expect(alert.get_by_test_id("alert-location")).to_contain_text(f"{ward['code']} · bed 2")
    expect(sick_row.get_by_test_id("census-open-alert")).to_be_visible()
    assert station.evaluate("window.__loadedOnce === true"), "the station page was reloaded"

    alert.get_by_test_id("alert-acknowledge").click()
    expect(alert).to_have_count(0)
    expect(station.get_by_test_id("alerts-none")).to_be_visible()
    expect(sick_row.get_by_test_id("census-open-alert")).to_have_count(0)

    acknowledged = nurse_api.get("/alerts", status="acknowledged", patientId=sick["id"])
    assert [item["severity"] for item in acknowledged["items"]] == ["high"]
    assert acknowledged["items"][0]["acknowledgedBy"]["name"]
