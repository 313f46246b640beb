"""The pipeline's device door: a bedside device authenticates with its own credential, HTTP
Basic ``serial:secret``, and acts as the ``device`` actor of its hospital.

The credential is read from ``public.device_credentials`` on every request (one indexed
read), so a revocation committed on any instance refuses the device's next request. The
actor's hospital comes from the credential row, never from the request: the work then runs
in that hospital's schema only, so a device cannot write into another hospital. Routes are
made with ``@device_endpoint(op)``, which is ``@endpoint`` with this door.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request

from hms.pipeline.actor import Actor
from hms.pipeline.core import Operation
from hms.pipeline.http import client_ip, endpoint
from hms.pipeline.permissions import DEVICE_ROLE
from hms.pipeline.runtime import Runtime, runtime_of
from hms.platform.errors import HMSError

CREDENTIAL = (
    "SELECT device_id, hospital_id, secret_hash FROM public.device_credentials "
    "WHERE serial = $1 AND revoked_at IS NULL"
)


class DeviceUnauthorized(HMSError):
    status = 401

    def __init__(self, message: str = "Unknown or revoked device, or wrong secret.") -> None:
        super().__init__(message, headers={"WWW-Authenticate": 'Basic realm="hms-devices"'})


def secret_hash(secret: str) -> bytes:
    return hashlib.sha256(secret.encode()).digest()


def basic(header: str) -> tuple[str, str]:
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic" or not encoded.strip():
        raise DeviceUnauthorized(
            "Send the device credential as 'Authorization: Basic' serial:secret."
        )
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        raise DeviceUnauthorized("The Basic credential is not base64 of serial:secret.") from None
    serial, colon, secret = decoded.partition(":")
    if not colon or not serial or not secret:
        raise DeviceUnauthorized("The Basic credential is not serial:secret.")
    return serial, secret


async def from_device(rt: Runtime, header: str, ip: str | None) -> Actor:
    """The device whose serial and secret ``header`` carries. A serial is unique within a
    hospital only: each hospital's device of that serial is compared (constant time), and
    only the one whose secret matches is the actor."""
    serial, secret = basic(header)
    digest = secret_hash(secret)
    async with rt.db.raw() as conn:
        rows = await conn.fetch(CREDENTIAL, serial)
    found: Any = None
    for row in rows:
        if hmac.compare_digest(bytes(row["secret_hash"]), digest):
            found = row
    if found is None:
        raise DeviceUnauthorized()
    hospital = await rt.registry.get(found["hospital_id"])
    if hospital is None:
        raise DeviceUnauthorized()
    return Actor(str(found["device_id"]), DEVICE_ROLE, hospital, ip)


async def device_actor(request: Request) -> Actor:
    return await from_device(
        runtime_of(request), request.headers.get("authorization", ""), client_ip(request)
    )


def device_endpoint(
    op: Operation,
) -> Callable[[Callable[..., Awaitable[Any]]], Callable[..., Awaitable[Any]]]:
    """``@endpoint(op)`` whose actor is the device of the Basic credential."""
    return endpoint(op, actor=device_actor)
