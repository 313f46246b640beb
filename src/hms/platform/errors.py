"""One error family, rendered as RFC 9457 problem+json by one set of handlers."""

from __future__ import annotations

import logging
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

log = logging.getLogger(__name__)

PROBLEM = "application/problem+json"


class HMSError(Exception):
    status = 400
    title = "Bad request"

    def __init__(
        self,
        message: str,
        status: int | None = None,
        *,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        self.headers = headers or {}
        self.extra = extra or {}


class NotFound(HMSError):
    status = 404
    title = "Not found"


class Conflict(HMSError):
    status = 409
    title = "Conflict"


class Unauthorized(HMSError):
    status = 401
    title = "Unauthorized"

    def __init__(self, message: str = "Authentication required") -> None:
        super().__init__(message, headers={"WWW-Authenticate": "Bearer"})


class Forbidden(HMSError):
    status = 403
    title = "Forbidden"


class TooManyRequests(HMSError):
    status = 429
    title = "Too many requests"


class BodyTooLarge(HMSError):
    status = 413
    title = "Payload too large"


class InvalidInput(HMSError):
    status = 422
    title = "Invalid input"


def problem(
    status: int, title: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> Response:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return Response(orjson.dumps(body), status_code=status, media_type=PROBLEM, headers=headers)


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


def install(app: FastAPI) -> None:
    @app.exception_handler(HMSError)
    async def hms_error(_: Request, exc: HMSError) -> Response:
        return problem(exc.status, exc.title, exc.message, exc.headers, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> Response:
        errors = [{"field": _field(tuple(e["loc"])), "message": _message(e)} for e in exc.errors()]
        if any(e["type"] == "json_invalid" for e in exc.errors()):
            detail = "The request body is not valid JSON."
            return problem(400, "Malformed JSON", detail, errors=errors)
        summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
        return problem(422, "Invalid input", f"Fix these fields: {summary}", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> Response:
        titles = {404: "Not found", 405: "Method not allowed", 413: "Payload too large"}
        detail = exc.detail if isinstance(exc.detail, str) else "Request refused"
        headers = dict(exc.headers) if exc.headers else None
        return problem(exc.status_code, titles.get(exc.status_code, "Error"), detail, headers)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> Response:
        log.exception("unhandled error", exc_info=exc)
        return problem(500, "Internal server error", "The server failed; the error is logged.")
