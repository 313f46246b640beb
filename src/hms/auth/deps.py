"""Request authentication (bearer JWT) and permission checks."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from starlette.responses import Response

from hms.auth.permissions import Permission, has_permission
from hms.platform.errors import Forbidden, Unauthorized
from hms.platform.security import decode_access_token
from hms.runtime import runtime_of
from hms.tenancy.registry import Hospital


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: str
    role: str
    hospital: Hospital | None
    ip: str | None

    def can(self, permission: Permission) -> bool:
        return has_permission(self.role, permission)

    @property
    def schema(self) -> str:
        if self.hospital is None:
            raise Forbidden("This action belongs to a hospital; your account has none.")
        return self.hospital.schema


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


async def actor_from_token(request: Request, token: str) -> Actor:
    rt = runtime_of(request)
    claims = decode_access_token(rt.settings.secret(), token)
    if claims is None:
        raise Unauthorized("Access token is invalid or expired; log in or refresh it.")
    hospital = None
    if claims.hospital_id:
        hospital = await rt.registry.get(claims.hospital_id)
        if hospital is None:
            raise Unauthorized("Your hospital no longer exists.")
    return Actor(claims.user_id, claims.role, hospital, client_ip(request))


async def current_actor(request: Request) -> Actor:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("Send an access token as 'Authorization: Bearer <token>'.")
    return await actor_from_token(request, token.strip())


class Require:
    """Dependency: the caller must hold ``permission``; denials of PHI actions are audited."""

    def __init__(self, permission: Permission, *, audit_action: str | None = None) -> None:
        self.permission = permission
        self.audit_action = audit_action

    async def __call__(self, request: Request) -> Actor:
        actor = await current_actor(request)
        if actor.can(self.permission):
            return actor
        if self.audit_action:
            patient_id = request.path_params.get("patient_id")
            runtime_of(request).audit.add(
                actor,
                action=self.audit_action,
                patient_ids=[patient_id] if patient_id else [],
                outcome="denied",
            )
        raise Forbidden(f"Your role ({actor.role}) lacks the permission {self.permission.value!r}.")


def require(permission: Permission, *, audit_action: str | None = None) -> Require:
    return Require(permission, audit_action=audit_action)


Handler = Callable[[Request, Actor], Awaitable[Response]]
Endpoint = Callable[[Request], Awaitable[Response]]


def plain_endpoint(
    requirement: Require, *, openapi: dict[str, Any]
) -> Callable[[Handler], Endpoint]:
    """Make ``handler(request, actor)`` a plain Starlette endpoint guarded by ``requirement``.

    For the hottest reads only: FastAPI's per-request parameter solving and wrappers cost a
    third of a cached patient read's CPU (bench/RESULTS.md). What a FastAPI route would give
    stays: the permission check runs first (the role test finds it as ``endpoint.requirement``),
    errors are problem+json (the app's exception handlers), and ``endpoint.openapi`` is the
    operation the app factory adds to the OpenAPI document. The handler parses its own path
    parameters.
    """

    def wrap(handler: Handler) -> Endpoint:
        async def endpoint(request: Request) -> Response:
            return await handler(request, await requirement(request))

        endpoint.__name__ = endpoint.__qualname__ = handler.__name__
        endpoint.__doc__ = handler.__doc__
        setattr(endpoint, "requirement", requirement)  # noqa: B010 - read by the role test
        setattr(endpoint, "openapi", openapi)  # noqa: B010 - read by the app factory
        return endpoint

    return wrap
