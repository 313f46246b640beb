"""A minimal HTTP/1.1 keep-alive client connection for the fixed-rate generator.

One request in flight per connection, responses framed by Content-Length (what uvicorn
sends for these endpoints). Kept small so the generator's own cost per request stays low.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import cast

_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d+)", re.IGNORECASE)

# on_done(connection, status, scheduled_at): status 0 when the connection failed with a request
# in flight, IDLE_CLOSED when the server closed it while idle (keep-alive timeout).
IDLE_CLOSED = -1
DoneCallback = Callable[["HttpConnection", int, float], None]


def build_request(
    method: str, path: str, host: str, headers: dict[str, str], body: bytes = b""
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    if body or method in ("POST", "PUT", "PATCH"):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class HttpConnection(asyncio.Protocol):
    def __init__(self, on_done: DoneCallback) -> None:
        self.on_done = on_done
        self.transport: asyncio.Transport | None = None
        self.scheduled_at = 0.0
        self.busy = False
        self.closed = False
        self._buffer = bytearray()
        self._body_start = -1
        self._length = -1
        self._status = 0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass

    def send(self, request: bytes, scheduled_at: float) -> None:
        assert self.transport is not None
        self.busy = True
        self.scheduled_at = scheduled_at
        self.transport.write(request)

    def data_received(self, data: bytes) -> None:
        buffer = self._buffer
        buffer += data
        if self._body_start < 0:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(buffer[:end])
            self._status = int(head[9:12])
            match = _CONTENT_LENGTH.search(head)
            self._length = int(match.group(1)) if match else 0
            self._body_start = end + 4
        if len(buffer) - self._body_start < self._length:
            return
        del buffer[: self._body_start + self._length]
        self._body_start = -1
        self.busy = False
        self.on_done(self, self._status, self.scheduled_at)

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.busy:
            self.busy = False
            self.on_done(self, 0, self.scheduled_at)
        else:
            self.on_done(self, IDLE_CLOSED, 0.0)


async def open_connection(host: str, port: int, on_done: DoneCallback) -> HttpConnection:
    loop = asyncio.get_running_loop()
    _, protocol = await loop.create_connection(lambda: HttpConnection(on_done), host, port)
    return protocol
