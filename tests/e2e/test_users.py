"""A hospital admin creates a user on the Users screen and disables them; the disabled user
cannot log in."""

from __future__ import annotations

import secrets
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

ADMIN = "admin@demo.example.org"


@pytest.mark.e2e
def test_admin_creates_and_disables_a_user(
    open_browser: Callable[[str], Page],
    login_via_ui: Callable[[Page, str], None],
) -> None:
    email = f"nurse-{secrets.token_hex(3)}@demo.example.org"
    password = "a-long-enough-password"

    page = open_browser("admin")
    login_via_ui(page, ADMIN)
    page.get_by_test_id("nav-users").click()

    page.get_by_test_id("user-name-input").fill("Nora New")
    page.get_by_test_id("user-email-input").fill(email)
    page.get_by_test_id("user-role-select").select_option("nurse")
    page.get_by_test_id("user-password-input").fill("short")
    page.get_by_test_id("user-create-submit").click()
    expect(page.get_by_test_id("user-password-error")).to_contain_text("At least 12")
    page.get_by_test_id("user-password-input").fill(password)
    page.get_by_test_id("user-create-submit").click()

    row = page.locator(f'[data-testid="user-row"][data-email="{email}"]')
    expect(row.get_by_test_id("user-status")).to_have_text("Active")
    expect(row.get_by_test_id("user-role")).to_have_text("Nurse")

    # The same email again is refused beside the email field.
    page.get_by_test_id("user-name-input").fill("Nora Again")
    page.get_by_test_id("user-email-input").fill(email)
    page.get_by_test_id("user-password-input").fill(password)
    page.get_by_test_id("user-create-submit").click()
    expect(page.get_by_test_id("user-email-error")).to_contain_text("already exists")

    row.get_by_test_id("user-manage").click()
    panel = page.locator(f'[data-testid="user-manage-row"][data-email="{email}"]')
    panel.get_by_test_id("user-active-toggle").click()
    expect(row.get_by_test_id("user-status")).to_have_text("Disabled")
    expect(panel.get_by_test_id("user-active-toggle")).to_have_text("Enable")

    other = open_browser("disabled-user")
    other.goto("/login/")
    other.get_by_test_id("login-email").fill(email)
    other.get_by_test_id("login-password").fill(password)
    other.get_by_test_id("login-submit").click()
    expect(other.get_by_test_id("login-error")).to_contain_text("Your account is disabled")
    expect(other.get_by_test_id("app-shell")).to_have_count(0)
