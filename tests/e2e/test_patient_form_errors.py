"""What a user sees when things go wrong: a bad password, a field the server rejects (422),
a record saved by someone else meanwhile (409), and signing out."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

import httpx
import pytest
from playwright.sync_api import Page, expect


@pytest.mark.e2e
def test_wrong_password_shows_the_servers_message(open_browser: Callable[[str], Page]) -> None:
    page = open_browser("stranger")
    page.goto("/patients/")
    expect(page).to_have_url(re.compile(r"/login/\?next="))
    page.get_by_test_id("login-email").fill("pharmacist@demo.example.org")
    page.get_by_test_id("login-password").fill("not-the-password")
    page.get_by_test_id("login-submit").click()
    # The server's own `detail`, shown as is.
    expect(page.get_by_test_id("login-error")).to_have_text(
        re.compile(r"^Invalid email or password\.?$")
    )
    expect(page).to_have_url(re.compile(r"/login/"))

    # Repeated failures are throttled (429); the server's explanation is shown.
    error = page.get_by_test_id("login-error")
    for _ in range(8):
        page.get_by_test_id("login-submit").click()
        expect(page.get_by_test_id("login-submit")).to_be_enabled()
        if "Invalid" not in error.inner_text():
            break
    expect(error).to_contain_text(re.compile("too many", re.IGNORECASE))


@pytest.mark.e2e
def test_create_with_rejected_field_then_edit_conflict_then_logout(
    hms_server: str,
    open_browser: Callable[[str], Page],
    login_via_ui: Callable[[Page, str], None],
    api_token: Callable[[str], str],
) -> None:
    page = open_browser("reception")
    login_via_ui(page, "reception@demo.example.org")
    page.get_by_test_id("new-patient-button").click()
    expect(page).to_have_url("/patients/new/")

    name = f"Yusuf Formcheck {secrets.token_hex(3)}"
    page.get_by_test_id("patient-form-name").fill(name)
    page.get_by_test_id("patient-form-date-of-birth").fill("1990-07-14")
    page.get_by_test_id("patient-form-gender").select_option("male")
    page.get_by_test_id("patient-form-mrn").fill("bad mrn!")
    page.get_by_test_id("allergy-add").click()
    page.get_by_test_id("allergy-0-substance").fill("latex")
    page.get_by_test_id("patient-form-submit").click()
    # Client-side: the allergy needs a severity before anything is sent.
    expect(page.get_by_test_id("allergy-0-severity-error")).to_be_visible()
    page.get_by_test_id("allergy-0-severity").select_option("mild")
    page.get_by_test_id("patient-form-submit").click()
    # Server-side: the MRN's characters are refused with a 422 naming the field.
    expect(page.get_by_test_id("patient-form-mrn-error")).to_be_visible()
    page.get_by_test_id("patient-form-mrn").fill("")
    page.get_by_test_id("patient-form-submit").click()

    expect(page.get_by_test_id("patient-name")).to_have_text(name)
    expect(page.get_by_test_id("allergy-substance")).to_have_text("latex")
    patient_id = re.search(r"id=([0-9a-f-]+)", page.url)
    assert patient_id, page.url

    page.get_by_test_id("edit-patient-button").click()
    expect(page.get_by_test_id("patient-form-name")).to_have_value(name)

    # Someone else saves the record while the form is open.
    token = api_token("doctor@demo.example.org")
    url = f"{hms_server}/api/v1/patients/{patient_id.group(1)}"
    headers = {"Authorization": f"Bearer {token}"}
    current = httpx.get(url, headers=headers, timeout=10.0).json()
    changed = httpx.patch(
        url, headers=headers, json={"version": current["version"], "bloodGroup": "B-"}, timeout=10.0
    )
    assert changed.status_code == 200, changed.text

    page.get_by_test_id("patient-form-gender").select_option("other")
    page.get_by_test_id("patient-form-submit").click()
    conflict = page.get_by_test_id("patient-form-conflict")
    expect(conflict).to_contain_text("This record was changed by someone else — reload")
    page.get_by_test_id("patient-form-reload").click()
    expect(conflict).to_have_count(0)
    expect(page.get_by_test_id("patient-form-blood-group")).to_have_value("B-")
    expect(page.get_by_test_id("patient-form-gender")).to_have_value("male")

    page.get_by_test_id("patient-form-gender").select_option("other")
    page.get_by_test_id("patient-form-submit").click()
    expect(page.get_by_test_id("patient-gender")).to_have_text("Other")
    expect(page.get_by_test_id("patient-blood-group")).to_have_text("B-")

    page.get_by_test_id("logout-button").click()
    expect(page).to_have_url("/login/")
    page.goto("/patients/")
    expect(page).to_have_url(re.compile(r"/login/\?next="))
