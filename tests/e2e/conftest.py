"""Browser tests: the real server (embedded PostgreSQL and Redis) serving the built web app,
driven by Debian's Chromium through playwright.

The web app must be built first (`cd web && npm ci && npm run build`, which `make test` does).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import httpx
import pytest
from hms_rest import Rest
from playwright.sync_api import BrowserContext, Page, Playwright, expect, sync_playwright
from prescribing_support import Api

REPO = Path(__file__).resolve().parents[2]
WEB_OUT = REPO / "web" / "out"
DEMO_PASSWORD = "hms-demo-2026"
READY_TIMEOUT_S = 90.0
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

_server_log: Path | None = None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _hms_executable() -> str:
    beside_python = Path(sys.executable).parent / "hms"
    if beside_python.exists():
        return str(beside_python)
    return str(REPO / ".venv" / "bin" / "hms")


def _log_tail(limit: int = 20_000) -> str:
    if _server_log is None or not _server_log.exists():
        return "(no server log)"
    text = _server_log.read_text(errors="replace")
    return text[-limit:]


def _server_env(data_dir: Path) -> dict[str, str]:
    # Only our own HMS_* settings: the server must use its embedded stores even when the
    # developer's shell points HMS_DATABASE_URL / HMS_REDIS_URL (or HMS_TEST_*) elsewhere.
    env = {key: value for key, value in os.environ.items() if not key.startswith("HMS_")}
    env.update(
        {
            "HMS_DATA_DIR": str(data_dir),
            "HMS_WEB_DIR": str(WEB_OUT),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


@pytest.fixture(scope="session")
def hms_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Starts `hms serve` on a free port and yields its base URL."""
    global _server_log
    if not (WEB_OUT / "index.html").exists():
        pytest.fail(
            f"{WEB_OUT / 'index.html'} is missing: build the web app first "
            "(cd web && npm ci && npm run build, or make web)",
            pytrace=False,
        )
    workdir = tmp_path_factory.mktemp("hms-e2e")
    _server_log = workdir / "server.log"
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    with _server_log.open("wb") as log:
        process = subprocess.Popen(
            [_hms_executable(), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=_server_env(workdir / "data"),
            cwd=workdir,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_ready(process, base_url)
        yield base_url
    finally:
        _stop(process)


def _wait_until_ready(process: subprocess.Popen[bytes], base_url: str) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"hms serve exited with code {process.returncode} before it was ready:\n"
                f"{_log_tail()}",
                pytrace=False,
            )
        try:
            if httpx.get(f"{base_url}/readyz", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    pytest.fail(f"hms serve not ready after {READY_TIMEOUT_S:.0f} s:\n{_log_tail()}", pytrace=False)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Attaches the server's output to every failed browser test."""
    report = yield
    if report.when == "call":
        item.rep_call_failed = report.failed  # type: ignore[attr-defined]
    if report.failed and item.get_closest_marker("e2e") and _server_log is not None:
        report.sections.append(("hms serve output (tail)", _log_tail()))
    return report


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        pytest.fail("chromium is not installed: apt-get install -y chromium (make browser)")
    return path


@pytest.fixture
def playwright_driver() -> Iterator[Playwright]:
    # Per test, not per run: the sync API keeps an event loop running while it is open, which
    # asyncio tests collected into the same pytest process could not share.
    with sync_playwright() as driver:
        yield driver


@pytest.fixture
def open_browser(
    playwright_driver: Playwright,
    chromium_path: str,
    hms_server: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> Iterator[Callable[[str], Page]]:
    """Opens an independent browser (own profile, own sessionStorage) and returns its page."""
    contexts: list[tuple[str, BrowserContext]] = []

    def open_one(name: str) -> Page:
        context = playwright_driver.chromium.launch_persistent_context(
            str(tmp_path / f"profile-{name}"),
            executable_path=chromium_path,
            headless=True,
            args=CHROMIUM_ARGS,
            base_url=hms_server,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(15_000)
        contexts.append((name, context))
        return context.pages[0] if context.pages else context.new_page()

    yield open_one

    failed = getattr(request.node, "rep_call_failed", False)
    for name, context in contexts:
        if failed:
            for index, page in enumerate(context.pages):
                shot = tmp_path / f"failure-{name}-{index}.png"
                try:
                    page.screenshot(path=str(shot), full_page=True)
                    sys.stderr.write(f"screenshot of {name}'s page: {shot}\n")
                except Exception as exc:  # best effort on a failing test
                    sys.stderr.write(f"no screenshot of {name}'s page: {exc}\n")
        context.close()


@pytest.fixture
def login_via_ui() -> Callable[[Page, str], None]:
    """Signs in through the login form and waits until the app shell is shown."""

    def login(page: Page, email: str) -> None:
        page.goto("/login/")
        page.get_by_test_id("login-email").fill(email)
        page.get_by_test_id("login-password").fill(DEMO_PASSWORD)
        page.get_by_test_id("login-submit").click()
        expect(page.get_by_test_id("app-shell")).to_be_visible()

    return login


@pytest.fixture
def api_token(hms_server: str) -> Callable[[str], str]:
    """Logs a demo user in through the REST API and returns the access token."""

    def token_for(email: str) -> str:
        response = httpx.post(
            f"{hms_server}/api/v1/auth/login",
            json={"email": email, "password": DEMO_PASSWORD},
            timeout=10.0,
        )
        assert response.status_code == 200, response.text
        return str(response.json()["accessToken"])

    return token_for


@pytest.fixture
def api(hms_server: str) -> Iterator[Callable[[str], Api]]:
    """Prescribing API clients signed in as demo users (by role), waiting out a login limit."""
    clients: dict[str, Api] = {}

    def client_for(role: str) -> Api:
        if role not in clients:
            clients[role] = Api(hms_server, role)
        return clients[role]

    yield client_for
    for client in clients.values():
        client.close()


@pytest.fixture
def rest(hms_server: str) -> Iterator[Callable[[str], Rest]]:
    """REST clients signed in as demo users (by role: "admin", "nurse", ...), for setting up."""
    clients: dict[str, Rest] = {}

    def client_for(role: str) -> Rest:
        if role not in clients:
            clients[role] = Rest(hms_server, f"{role}@demo.example.org")
        return clients[role]

    yield client_for
    for client in clients.values():
        client.close()
