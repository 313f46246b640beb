"""A receptionist books a walk-in with the doctor now and checks them in; on a later day,
books a slot from the grid, sees a second booking of the same slot refused with the clash
explained, then reschedules and cancels."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from hms_rest import Rest, create_patient, unique
from playwright.sync_api import Page, expect


def _pick_patient(page: Page, name: str) -> None:
    page.get_by_test_id("book-patient-search").fill(name)
    page.get_by_test_id("book-patient-option").filter(has_text=name).click()
    expect(page.get_by_test_id("book-patient-selected")).to_contain_text(name)


@pytest.mark.e2e
def test_receptionist_books_checks_in_and_sees_a_double_booking_refused(
    open_browser: Callable[[str], Page],
    login_via_ui: Callable[[Page, str], None],
    rest: Callable[[str], Rest],
) -> None:
    reception = rest("reception")
    first = create_patient(reception, unique("Ama Walkin "))
    second = create_patient(reception, unique("Bruno Later "), gender="male")

    page = open_browser("reception")
    login_via_ui(page, "reception@demo.example.org")
    page.get_by_test_id("nav-reception").click()
    expect(page).to_have_url(re.compile(r"/reception/"))
    # The demo hospital has one doctor: chosen without asking.
    expect(page.get_by_test_id("reception-doctor")).not_to_have_value("")
    expect(page.get_by_test_id("reception-date")).to_have_value(date.today().isoformat())

    # A walk-in, booked for now (the browser runs in this machine's time zone).
    now = datetime.now()
    walk_in = f"{now.hour:02d}:{now.minute - now.minute % 5:02d}"
    _pick_patient(page, first["name"])
    page.get_by_test_id("book-time").fill(walk_in)
    page.get_by_test_id("book-duration").select_option("15")
    page.get_by_test_id("book-reason").fill("Persistent cough")
    page.get_by_test_id("book-submit").click()
    expect(page.get_by_test_id("booking-confirmed")).to_contain_text(first["name"])
    row = page.locator(f'[data-testid="appointment-row"][data-patient-id="{first["id"]}"]')
    expect(row.get_by_test_id("appointment-time")).to_contain_text(walk_in)
    expect(row.get_by_test_id("appointment-status")).to_have_text("booked")
    row.get_by_test_id("appointment-check-in").click()
    expect(row.get_by_test_id("appointment-status")).to_have_text("checked-in")
    expect(row.get_by_test_id("appointment-checked-in-at")).to_be_visible()
    visits = reception.get(f"/patients/{first['id']}/encounters")
    assert [(e["kind"], e["status"]) for e in visits["items"]] == [("outpatient", "open")]

    # A later day: a slot from the grid.
    later = date.today() + timedelta(days=random.randint(2, 40))
    page.get_by_test_id("reception-date").fill(later.isoformat())
    expect(page).to_have_url(re.compile(rf"date={later.isoformat()}"))
    expect(page.get_by_test_id("appointments-none")).to_be_visible()
    _pick_patient(page, second["name"])
    page.get_by_test_id("slot-09:00").click()
    expect(page.get_by_test_id("book-time")).to_have_value("09:00")
    page.get_by_test_id("book-reason").fill("Follow-up")
    page.get_by_test_id("book-submit").click()
    booked = page.locator(f'[data-testid="appointment-row"][data-patient-id="{second["id"]}"]')
    expect(booked.get_by_test_id("appointment-time")).to_have_text("09:00–09:30")
    expect(page.get_by_test_id("slot-09:00")).to_have_attribute("data-taken", "true")
    # Booked for another day: nobody checks in today for it.
    expect(booked.get_by_test_id("appointment-check-in")).to_have_count(0)

    # The same slot again, typed in: the server refuses and the clash is explained.
    _pick_patient(page, first["name"])
    page.get_by_test_id("book-time").fill("09:00")
    page.get_by_test_id("book-reason").fill("Second opinion")
    page.get_by_test_id("book-submit").click()
    conflict = page.get_by_test_id("booking-conflict")
    expect(conflict).to_contain_text("09:00 slot is no longer free")
    expect(conflict).to_contain_text("already booked at an overlapping time")
    expect(page.get_by_test_id("appointment-row")).to_have_count(1)

    booked.get_by_test_id("appointment-reschedule").click()
    page.get_by_test_id("reschedule-time").fill("10:30")
    page.get_by_test_id("reschedule-submit").click()
    expect(booked.get_by_test_id("appointment-time")).to_have_text("10:30–11:00")
    expect(page.get_by_test_id("slot-09:00")).to_have_attribute("data-taken", "false")

    booked.get_by_test_id("appointment-cancel").click()
    page.get_by_test_id("cancel-reason").fill("Patient asked to cancel")
    page.get_by_test_id("cancel-submit").click()
    expect(booked.get_by_test_id("appointment-status")).to_have_text("cancelled")
    expect(page.get_by_test_id("slot-10:30")).to_have_attribute("data-taken", "false")
