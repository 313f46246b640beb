"""JSON responses serialised with orjson (dates, UUIDs and pre-encoded fragments included)."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """``body`` as JSON; bytes are taken as already-encoded JSON (e.g. from the cache)."""
    data = body if isinstance(body, bytes) else orjson.dumps(body)
    return Response(data, status_code=status, media_type="application/json", headers=headers)
