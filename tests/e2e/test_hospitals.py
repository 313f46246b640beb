"""A super admin moves a hospital to another time zone from the hospitals screen; a name
that is no IANA time zone is refused beside the field."""

from __future__ import annotations

import secrets
from collections.abc import Callable

import pytest
from hms_rest import Rest
from playwright.sync_api import Page, expect

SUPER_ADMIN = "superadmin@hms.example.org"


@pytest.mark.e2e
def test_super_admin_changes_a_hospital_time_zone(
    open_browser: Callable[[str], Page],
    login_via_ui: Callable[[Page, str], None],
    hms_server: str,
) -> None:
    admin = Rest(hms_server, SUPER_ADMIN)
    # A hospital of its own: the demo hospital's day stays what other tests expect.
    slug = f"tz{secrets.token_hex(3)}"
    admin.post("/hospitals", {"slug": slug, "name": f"Harbour {slug}"}, expect=201)

    page = open_browser("superadmin")
    login_via_ui(page, SUPER_ADMIN)
    page.get_by_test_id("nav-hospitals").click()
    row = page.locator(f'[data-testid="hospital-row"][data-slug="{slug}"]')
    expect(row.get_by_test_id("hospital-time-zone")).to_have_text("UTC")

    row.get_by_test_id("hospital-time-zone-edit").click()
    row.get_by_test_id("hospital-time-zone-input").fill("Mars/Olympus")
    row.get_by_test_id("hospital-time-zone-save").click()
    expect(row.get_by_test_id(f"hospital-time-zone-{slug}-error")).to_contain_text(
        "not an IANA time zone"
    )

    row.get_by_test_id("hospital-time-zone-input").fill("Europe/London")
    row.get_by_test_id("hospital-time-zone-save").click()
    expect(row.get_by_test_id("hospital-time-zone")).to_have_text("Europe/London")
    hospitals = {h["slug"]: h for h in admin.get("/hospitals")}
    assert hospitals[slug]["timeZone"] == "Europe/London"
    admin.close()
