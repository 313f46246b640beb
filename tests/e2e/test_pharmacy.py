"""A pharmacist has the dispensing queue open while a doctor signs a prescription: it appears
without a reload, is dispensed and the stock goes down (and the doctor sees it dispensed).
Asking for more than the shelf holds is refused with a clear message and takes nothing;
part of it is dispensed, stock is received, and the rest is dispensed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect
from prescribing_support import Api, new_patient, on_hand, prescribe, set_stock

LIVE_TIMEOUT_MS = 5_000


def queue_row(page: Page, prescription_id: str) -> Locator:
    return page.locator(f'[data-testid="queue-row"][data-prescription-id="{prescription_id}"]')


def open_pharmacy(
    open_browser: Callable[[str], Page], login_via_ui: Callable[[Page, str], None]
) -> Page:
    pharmacist = open_browser("pharmacist")
    login_via_ui(pharmacist, "pharmacist@demo.example.org")
    expect(pharmacist.get_by_test_id("nav-workbench")).to_have_count(0)
    pharmacist.get_by_test_id("nav-pharmacy").click()
    expect(pharmacist).to_have_url("/pharmacy/")
    expect(pharmacist.get_by_test_id("queue-count")).to_be_visible()
    expect(pharmacist.get_by_test_id("loading")).to_have_count(0)
    expect(pharmacist.get_by_test_id("live-status")).to_have_attribute("data-state", "connected")
    # Marks this document: if the page were reloaded, the mark would be gone.
    pharmacist.evaluate("window.__loadedOnce = true")
    return pharmacist


@pytest.mark.e2e
def test_prescription_signed_by_the_doctor_appears_live_and_is_dispensed(
    open_browser: Callable[[str], Page],
    login_via_ui: Callable[[Page, str], None],
    api: Callable[[str], Api],
) -> None:
    patient = new_patient(api("doctor"), "Tomas Dispense ")
    stock_before = on_hand(api("pharmacist"), "amoxicillin")
    pharmacist = open_pharmacy(open_browser, login_via_ui)

    doctor = open_browser("doctor")
    login_via_ui(doctor, "doctor@demo.example.org")
    expect(doctor.get_by_test_id("nav-pharmacy")).to_have_count(0)
    doctor.goto(f"/workbench/?patientId={patient['id']}")
    doctor.get_by_test_id("drug-search").fill("amoxi")
    doctor.locator('[data-testid="drug-option"][data-drug-id="amoxicillin"]').click()
    item = doctor.locator('[data-testid="draft-item"][data-drug-id="amoxicillin"]')
    expect(item.get_by_test_id("item-dose")).to_have_value("250")
    item.get_by_test_id("item-dose").fill("500")
    item.get_by_test_id("item-frequency").fill("TID")
    item.get_by_test_id("item-quantity").fill("21")
    expect(doctor.get_by_test_id("safety-checks")).to_have_attribute("data-state", "done")
    doctor.get_by_test_id("sign-prescription").click()
    signed = doctor.get_by_test_id("signed-prescription")
    expect(signed).to_have_attribute("data-via", "socket")
    prescription_id = signed.get_attribute("data-prescription-id")
    assert prescription_id

    # prescription:new puts it on the pharmacist's queue, marked new, without a reload.
    row = queue_row(pharmacist, prescription_id)
    expect(row).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    expect(row.get_by_test_id("queue-row-new")).to_be_visible()
    expect(row).to_contain_text(patient["name"])
    expect(row.get_by_test_id("queue-item")).to_have_text("Amoxicillin × 21 left")
    assert pharmacist.evaluate("window.__loadedOnce === true"), "the pharmacist's page was reloaded"

    row.get_by_test_id("queue-open").click()
    panel = pharmacist.get_by_test_id("prescription-panel")
    expect(panel.get_by_test_id("panel-item-stock")).to_have_attribute(
        "data-on-hand", str(stock_before)
    )
    expect(panel.get_by_test_id("dispense-history-none")).to_be_visible()
    panel.get_by_test_id("dispense-open").click()
    dialog = pharmacist.get_by_test_id("dispense-dialog")
    expect(dialog.get_by_test_id("dispense-quantity")).to_have_value("21")
    dialog.get_by_test_id("dispense-submit").click()

    expect(dialog).to_be_hidden()
    done = pharmacist.get_by_test_id("dispense-done-item")
    expect(done).to_have_attribute("data-stock-after", str(stock_before - 21))
    expect(panel.get_by_test_id("panel-status")).to_have_attribute("data-status", "fully-dispensed")
    expect(panel.get_by_test_id("dispense-record-item")).to_have_attribute("data-quantity", "21")
    expect(row).to_have_count(0)
    assert on_hand(api("pharmacist"), "amoxicillin") == stock_before - 21

    # The stock view shows the lower count too.
    pharmacist.get_by_test_id("pharmacy-tab-stock").click()
    pharmacist.get_by_test_id("stock-search").fill("amoxicillin")
    stock_row = pharmacist.locator('[data-testid="stock-row"][data-drug-id="amoxicillin"]')
    expect(stock_row.get_by_test_id("stock-on-hand")).to_have_text(str(stock_before - 21))

    # prescription:status reaches the prescriber: the signed prescription shows it dispensed.
    expect(signed.get_by_test_id("signed-status")).to_have_attribute(
        "data-status", "fully-dispensed", timeout=LIVE_TIMEOUT_MS
    )
    expect(signed.get_by_test_id("signed-item-quantity")).to_have_text("21 of 21 dispensed")


@pytest.mark.e2e
def test_dispensing_beyond_stock_is_refused_clearly_then_done_in_parts(
    open_browser: Callable[[str], Page],
    login_via_ui: Callable[[Page, str], None],
    api: Callable[[str], Api],
) -> None:
    pharmacist_api = api("pharmacist")
    assert set_stock(pharmacist_api, "allopurinol", 5) == 5
    pharmacist = open_pharmacy(open_browser, login_via_ui)

    patient = new_patient(api("doctor"), "Ines Shortage ")
    item = {
        "drugId": "allopurinol",
        "dose": 100,
        "unit": "mg",
        "route": "oral",
        "frequency": "OD",
        "durationDays": 20,
        "quantity": 20,
    }
    prescription = prescribe(api("doctor"), patient["id"], [item])
    row = queue_row(pharmacist, prescription["id"])
    expect(row).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    expect(row.get_by_test_id("queue-row-short")).to_be_visible()

    row.get_by_test_id("queue-open").click()
    pharmacist.get_by_test_id("dispense-open").click()
    dialog = pharmacist.get_by_test_id("dispense-dialog")
    expect(dialog.get_by_test_id("dispense-item-stock")).to_have_text("5 tablet in stock")
    expect(dialog.get_by_test_id("dispense-quantity")).to_have_value("20")
    dialog.get_by_test_id("dispense-submit").click()

    error = dialog.get_by_test_id("dispense-error")
    expect(error).to_have_attribute("data-status", "409")
    expect(error).to_have_attribute("data-drug-id", "allopurinol")
    expect(error).to_contain_text("Not dispensed — nothing was taken from stock.")
    expect(error).to_contain_text("Not enough Allopurinol in stock: 5 tablet on hand, 20 needed.")
    assert on_hand(pharmacist_api, "allopurinol") == 5

    # Part of it now.
    dialog.get_by_test_id("dispense-quantity").fill("5")
    dialog.get_by_test_id("dispense-submit").click()
    expect(dialog).to_be_hidden()
    panel = pharmacist.get_by_test_id("prescription-panel")
    expect(pharmacist.get_by_test_id("dispense-done-item")).to_have_attribute(
        "data-stock-after", "0"
    )
    expect(panel.get_by_test_id("panel-status")).to_have_attribute(
        "data-status", "partially-dispensed"
    )
    expect(panel.get_by_test_id("panel-item-dispensed")).to_have_text("5 of 20 dispensed")
    expect(row.get_by_test_id("queue-item")).to_have_text("Allopurinol × 15 left")

    # A delivery arrives: recorded on the stock view (the low-stock filter lists the drug).
    pharmacist.get_by_test_id("pharmacy-tab-stock").click()
    pharmacist.get_by_test_id("stock-low-filter").check()
    stock_row = pharmacist.locator('[data-testid="stock-row"][data-drug-id="allopurinol"]')
    expect(stock_row.get_by_test_id("stock-on-hand")).to_have_text("0")
    stock_row.get_by_test_id("stock-open").click()
    form = pharmacist.get_by_test_id("movement-form")
    form.get_by_test_id("movement-kind").select_option("adjustment")
    form.get_by_test_id("movement-quantity").fill("-3")
    form.get_by_test_id("movement-submit").click()
    expect(form.locator('[data-testid="movement-quantity-error"]')).to_contain_text(
        "Only 0 tablet on hand"
    )
    form.get_by_test_id("movement-kind").select_option("receipt")
    form.get_by_test_id("movement-quantity").fill("100")
    form.get_by_test_id("movement-reference").fill("Delivery note 4471")
    form.get_by_test_id("movement-submit").click()
    expect(pharmacist.get_by_test_id("movement-recorded")).to_contain_text("100 tablet on hand")
    expect(pharmacist.get_by_test_id("stock-panel-on-hand")).to_have_text("100 tablet")
    expect(
        pharmacist.locator('[data-testid="movement-row"][data-kind="receipt"]').first
    ).to_contain_text("+100")

    # The rest is dispensed from the queue.
    pharmacist.get_by_test_id("pharmacy-tab-queue").click()
    queue_row(pharmacist, prescription["id"]).get_by_test_id("queue-open").click()
    pharmacist.get_by_test_id("dispense-open").click()
    expect(dialog.get_by_test_id("dispense-quantity")).to_have_value("15")
    dialog.get_by_test_id("dispense-submit").click()
    expect(pharmacist.get_by_test_id("dispense-done-item")).to_have_attribute(
        "data-stock-after", "85"
    )
    expect(panel.get_by_test_id("panel-status")).to_have_attribute("data-status", "fully-dispensed")
    expect(panel.get_by_test_id("dispense-record")).to_have_count(2)
    assert on_hand(pharmacist_api, "allopurinol") == 85
