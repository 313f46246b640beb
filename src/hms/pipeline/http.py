"""The pipeline's HTTP door: ``@endpoint(op)`` makes ``handler(call, **params)`` a route.

The actor comes from the bearer token and the permission is checked as a FastAPI
dependency, so a caller without it gets 401/403 before the body is even parsed. The handler
then runs through :func:`hms.pipeline.core.run`: one transaction in the actor's hospital,
run again on deadlock, refusals audited, effects after the commit. The handler's return type
is the route's response model; a handler that returns a ready ``Response`` (orjson, for speed)
names its model in the route's ``response_model``.

``@endpoint(op, openapi=...)`` makes a plain Starlette endpoint ``handler(call, request)``
instead, for the hottest read only: FastAPI's per-request parameter solving costs a third of a
cached patient read's CPU (bench/RESULTS.md). The handler parses its own path parameters;
``endpoint.openapi`` is the operation the app adds to the OpenAPI document.

``@endpoint(op, actor=...)`` takes the actor from another credential: the device door
(``pipeline/devices.py``) uses it for HTTP Basic device credentials.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any, get_type_hints

from fastapi import Depends, Request
from starlette.responses import Response

from hms.pipeline.actor import Actor, anonymous, bearer, from_token
from hms.pipeline.core import Call, Operation, deny, run
from hms.pipeline.runtime import Runtime, runtime_of


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


async def signed_in(request: Request) -> Actor:
    rt = runtime_of(request)
    token = bearer(request.headers.get("authorization", ""))
    return await from_token(rt.registry, rt.settings.secret(), token, client_ip(request))


async def anyone(request: Request) -> Actor:
    """The door of the token endpoints: the caller is not signed in yet."""
    return anonymous(client_ip(request))


Door = Callable[[Request], Awaitable[Actor]]


class Guard:
    """Resolves the actor (by default from the bearer token) and checks the operation's
    permission; denials are audited under the path's patient."""

    def __init__(self, op: Operation, actor: Door = signed_in) -> None:
        self.op = op
        self.actor = actor

    async def __call__(self, request: Request) -> tuple[Runtime, Actor]:
        actor = await self.actor(request)
        rt = runtime_of(request)
        if self.op.permission is not None and not actor.can(self.op.permission):
            raise deny(rt, actor, self.op, request.path_params.get("patient_id"))
        return rt, actor


_RESOLVED = "pipeline_actor"


def endpoint(
    op: Operation, *, openapi: dict[str, Any] | None = None, actor: Door = signed_in
) -> Callable[[Callable[..., Awaitable[Any]]], Callable[..., Awaitable[Any]]]:
    """``actor``: who calls, from the request (default: the bearer token's user); the device
    door (``pipeline/devices.py``) passes its own."""
    guard = Guard(op, actor)

    def wrap(handler: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        if openapi is not None:
            made = _plain(op, guard, handler)
            setattr(made, "openapi", openapi)  # noqa: B010 - read by the app factory
        else:
            made = _fastapi(op, guard, handler)
        made.__name__ = made.__qualname__ = handler.__name__
        made.__doc__ = handler.__doc__
        made.__module__ = handler.__module__
        setattr(made, "operation", op)  # noqa: B010 - read by the route tests
        # The user-role tests cover bearer routes; another door's routes are its own tests'.
        setattr(made, "door", "bearer" if actor is signed_in else actor.__name__)  # noqa: B010
        return made

    return wrap


def _fastapi(
    op: Operation, guard: Guard, handler: Callable[..., Awaitable[Any]]
) -> Callable[..., Awaitable[Any]]:
    hints = get_type_hints(handler)
    signature = inspect.signature(handler)
    params = [
        p.replace(annotation=hints.get(p.name, p.annotation))
        for p in list(signature.parameters.values())[1:]  # the first is the Call
    ]
    params.append(
        inspect.Parameter(
            _RESOLVED, inspect.Parameter.KEYWORD_ONLY, annotation=Any, default=Depends(guard)
        )
    )

    async def route(**kwargs: Any) -> Any:
        rt, actor = kwargs.pop(_RESOLVED)
        return await run(rt, op, actor, lambda call: handler(call, **kwargs), kwargs, checked=True)

    route.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=params, return_annotation=hints.get("return", signature.return_annotation)
    )
    return route


def _plain(
    op: Operation, guard: Guard, handler: Callable[[Call, Request], Awaitable[Response]]
) -> Callable[[Request], Awaitable[Response]]:
    async def route(request: Request) -> Response:
        rt, actor = await guard(request)
        return await run(
            rt, op, actor, lambda call: handler(call, request), request.path_params, checked=True
        )

    return route
