"""Who is acting, resolved once per entry point: from an access token (HTTP), a socket's
handshake, a job's payload, or the command line's operator."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hms.pipeline.permissions import Permission, has_permission
from hms.platform.errors import Forbidden, Unauthorized
from hms.platform.hospitals import Hospital, HospitalRegistry
from hms.platform.security import decode_access_token

# The command line's actor: whoever has a shell on the server and its database URL is
# trusted with every permission; the audit log names the role.
OPERATOR_ROLE = "operator"


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: str
    role: str
    hospital: Hospital | None
    ip: str | None

    def can(self, permission: Permission) -> bool:
        return self.role == OPERATOR_ROLE or has_permission(self.role, permission)

    @property
    def schema(self) -> str:
        if self.hospital is None:
            raise Forbidden("This action belongs to a hospital; your account has none.")
        return self.hospital.schema

    def job_payload(self) -> dict[str, Any]:
        """The actor as a job carries it, for :func:`from_job` when the job runs."""
        return {
            "userId": self.user_id,
            "role": self.role,
            "hospitalId": str(self.hospital.id) if self.hospital else None,
        }


# Who calls the token endpoints (login, refresh, logout): nobody signed in yet.
ANONYMOUS_ROLE = "anonymous"


def anonymous(ip: str | None) -> Actor:
    return Actor("", ANONYMOUS_ROLE, None, ip)


def operator(hospital: Hospital | None = None) -> Actor:
    return Actor("", OPERATOR_ROLE, hospital, None)


async def _hospital(registry: HospitalRegistry, hospital_id: Any) -> Hospital | None:
    if not hospital_id:
        return None
    hospital = await registry.get(hospital_id)
    if hospital is None:
        raise Unauthorized("Your hospital no longer exists.")
    return hospital


async def from_token(registry: HospitalRegistry, secret: str, token: str, ip: str | None) -> Actor:
    claims = decode_access_token(secret, token)
    if claims is None:
        raise Unauthorized("Access token is invalid or expired; log in or refresh it.")
    return Actor(claims.user_id, claims.role, await _hospital(registry, claims.hospital_id), ip)


def bearer(header: str) -> str:
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("Send an access token as 'Authorization: Bearer <token>'.")
    return token.strip()


async def from_socket(registry: HospitalRegistry, session: dict[str, Any], ip: str | None) -> Actor:
    """The actor a socket's handshake recorded (``realtime/server.py``)."""
    return Actor(
        str(session["user"]),
        str(session["role"]),
        await _hospital(registry, session.get("hospital_id")),
        ip,
    )


async def from_job(registry: HospitalRegistry, payload: dict[str, Any]) -> Actor:
    """The actor who enqueued a job (:meth:`Actor.job_payload`), acting again when it runs."""
    try:
        user_id, role = str(payload["userId"]), str(payload["role"])
    except KeyError as exc:
        raise Unauthorized(f"The job names no {exc.args[0]}.") from None
    return Actor(user_id, role, await _hospital(registry, payload.get("hospitalId")), None)
