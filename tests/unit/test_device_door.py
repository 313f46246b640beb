"""The device actor's permissions and the Basic credential parsing of the device door."""

from __future__ import annotations

import base64

import pytest

from hms.pipeline.devices import DeviceUnauthorized, basic
from hms.pipeline.permissions import DEVICE_ROLE, Permission, Role, has_permission


def test_a_device_may_only_record_vitals() -> None:
    held = [p for p in Permission if has_permission(DEVICE_ROLE, p)]
    assert held == [Permission.RECORD_VITALS]
    assert DEVICE_ROLE not in {r.value for r in Role}  # no user account can be given it


def _header(text: str) -> str:
    return "Basic " + base64.b64encode(text.encode()).decode()


def test_basic_splits_serial_and_secret_at_the_first_colon() -> None:
    assert basic(_header("MON-1:abc:def")) == ("MON-1", "abc:def")


@pytest.mark.parametrize(
    "header",
    ["", "Bearer x", "Basic", "Basic !!!", _header("no-colon"), _header(":secret"), _header("s:")],
)
def test_basic_refuses_malformed_credentials(header: str) -> None:
    with pytest.raises(DeviceUnauthorized) as refused:
        basic(header)
    assert refused.value.status == 401
    assert refused.value.headers["WWW-Authenticate"].startswith("Basic")
