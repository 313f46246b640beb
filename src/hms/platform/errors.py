"""One error family, rendered as RFC 9457 problem+json by one set of handlers."""

from __future__ import annotations

import logging
from typing import Any

import asyncpg.exceptions as pg
import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

log = logging.getLogger(__name__)

PROBLEM = "application/problem+json"

# The problem+json title of each status the API answers with.
TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Payload too large",
    422: "Invalid input",
    429: "Too many requests",
    500: "Internal server error",
}


class HMSError(Exception):
    status = 400

    def __init__(
        self,
        message: str,
        status: int | None = None,
        *,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
        commits: bool = False,
    ) -> None:
        super().__init__(message)
        # A refusal whose writes stand: the unit of work commits, then the request is
        # refused (a refresh token found reused revokes its whole login, then says no).
        self.commits = commits
        self.message = message
        if status is not None:
            self.status = status
        self.headers = headers or {}
        self.extra = extra or {}

    @property
    def title(self) -> str:
        return TITLES.get(self.status, "Error")


class NotFound(HMSError):
    status = 404


class Conflict(HMSError):
    status = 409


class Unauthorized(HMSError):
    status = 401

    def __init__(self, message: str = "Authentication required", *, commits: bool = False) -> None:
        super().__init__(message, headers={"WWW-Authenticate": "Bearer"}, commits=commits)


class Forbidden(HMSError):
    status = 403


class TooManyRequests(HMSError):
    status = 429


class BodyTooLarge(HMSError):
    status = 413


class InvalidInput(HMSError):
    status = 422


def _body(status: int, title: str, detail: str, extra: dict[str, Any]) -> dict[str, Any]:
    return {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}


def problem(
    status: int, title: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> Response:
    body = orjson.dumps(_body(status, title, detail, extra))
    return Response(body, status_code=status, media_type=PROBLEM, headers=headers)


def _field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


def _message(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    if kind == "extra_forbidden":
        return "unknown field; remove it"
    if kind == "missing":
        return "required"
    if kind == "json_invalid":
        return f"malformed JSON: {err.get('ctx', {}).get('error', 'cannot parse')}"
    message = str(err.get("msg", "invalid value"))
    # Our own validators raise ValueError; pydantic prefixes their text with "Value error, ".
    return message.removeprefix("Value error, ")


def field_errors(errors: list[Any]) -> InvalidInput:
    """A 422 naming each field to fix, from pydantic's (or FastAPI's) validation errors."""
    fields = [{"field": _field(tuple(e["loc"])), "message": _message(e)} for e in errors]
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in fields[:5])
    return InvalidInput(f"Fix these fields: {summary}", extra={"errors": fields})


def problem_body(exc: HMSError) -> dict[str, Any]:
    """The problem+json body of ``exc``, for channels other than HTTP (socket acks)."""
    return _body(exc.status, exc.title, exc.message, exc.extra)


def install(app: FastAPI) -> None:
    @app.exception_handler(HMSError)
    async def hms_error(_: Request, exc: HMSError) -> Response:
        return problem(exc.status, exc.title, exc.message, exc.headers, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> Response:
        invalid = field_errors(list(exc.errors()))
        if any(e["type"] == "json_invalid" for e in exc.errors()):
            detail = "The request body is not valid JSON."
            return problem(400, "Malformed JSON", detail, **invalid.extra)
        return problem(invalid.status, invalid.title, invalid.message, **invalid.extra)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else "Request refused"
        headers = dict(exc.headers) if exc.headers else None
        return problem(exc.status_code, TITLES.get(exc.status_code, "Error"), detail, headers)

    @app.exception_handler(DBAPIError)
    @app.exception_handler(pg.DataError)
    async def database_refused(_: Request, exc: Exception) -> Response:
        refused = refused_value(exc)
        if refused is None:
            raise exc  # a failure of ours: the 500 handler below logs it
        return problem(422, TITLES[422], refused)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> Response:
        log.exception("unhandled error", exc_info=exc)
        return problem(500, TITLES[500], "The server failed; the error is logged.")


# Values PostgreSQL (or asyncpg, encoding a parameter) refuses: the request's fault, not ours.
_REFUSED_VALUES: list[tuple[type[Exception], str]] = [
    (pg.CharacterNotInRepertoireError, "Text must not contain NUL (\\u0000) characters."),
    (pg.UntranslatableCharacterError, "Text must not contain NUL (\\u0000) characters."),
    (pg.NumericValueOutOfRangeError, "A number in the request is out of range."),
    (pg.StringDataRightTruncationError, "A text in the request is longer than allowed."),
    (pg.DatetimeFieldOverflowError, "A date or time in the request is out of range."),
]


def refused_value(exc: BaseException) -> str | None:
    """What to tell the client when ``exc`` (or what caused it: SQLAlchemy wraps the driver's
    errors) is the database refusing a value it was sent; None for any other failure."""
    seen: BaseException | None = exc
    for _ in range(4):
        if seen is None:
            return None
        for kind, message in _REFUSED_VALUES:
            if isinstance(seen, kind):
                return message
        if type(seen) is pg.DataError and str(seen).startswith("invalid input for query argument"):
            return (
                "A number in the request is out of range."
                if "out of" in str(seen)
                else ("A value in the request cannot be stored; check its type and size.")
            )
        seen = seen.__cause__ or getattr(seen, "orig", None)
    return None
