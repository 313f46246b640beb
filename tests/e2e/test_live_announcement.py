"""A hospital admin posts an announcement; a nurse already looking at the patient list sees it
arrive without reloading the page."""

from __future__ import annotations

import secrets
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

LIVE_TIMEOUT_MS = 5_000


@pytest.mark.e2e
def test_nurse_sees_announcement_posted_by_admin_live(
    open_browser: Callable[[str], Page],
    login_via_ui: Callable[[Page, str], None],
) -> None:
    nurse = open_browser("nurse")
    login_via_ui(nurse, "nurse@demo.example.org")
    expect(nurse).to_have_url("/patients/")
    expect(nurse.get_by_test_id("topbar-hospital-name")).to_have_text("Demo General Hospital")
    expect(nurse.get_by_test_id("topbar-user-role")).to_have_text("Nurse")
    expect(nurse.get_by_test_id("patient-row").first).to_be_visible()
    expect(nurse.get_by_test_id("new-patient-button")).to_be_visible()
    expect(nurse.get_by_test_id("nav-hospitals")).to_have_count(0)
    expect(nurse.get_by_test_id("live-status")).to_have_attribute("data-state", "connected")
    # Marks this document: if the page were reloaded, the mark would be gone.
    nurse.evaluate("window.__loadedOnce = true")

    admin = open_browser("admin")
    login_via_ui(admin, "admin@demo.example.org")
    admin.get_by_test_id("nav-announcements").click()
    expect(admin).to_have_url("/announcements/")
    title = f"Fire drill {secrets.token_hex(3)}"
    admin.get_by_test_id("announcement-title-input").fill(title)
    admin.get_by_test_id("announcement-body-input").fill("Assemble in the car park at 14:00.")
    admin.get_by_test_id("announcement-submit").click()
    expect(admin.get_by_test_id("announcement-title").first).to_have_text(title)

    toast_title = nurse.get_by_test_id("announcement-toast-title")
    expect(toast_title).to_have_text(title, timeout=LIVE_TIMEOUT_MS)
    assert nurse.evaluate("window.__loadedOnce === true"), "the nurse's page was reloaded"
    expect(nurse).to_have_url("/patients/")

    # The announcements page lists it too, newest first.
    nurse.get_by_test_id("nav-announcements").click()
    expect(nurse.get_by_test_id("announcement-title").first).to_have_text(title)
    expect(nurse.get_by_test_id("announcement-form")).to_have_count(0)
