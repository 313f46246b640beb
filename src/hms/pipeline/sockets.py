"""The pipeline's Socket.IO door: a domain declares the client events it answers as
:class:`SocketEvent`; the Socket.IO server (``realtime/server.py``) runs each through
:func:`hms.pipeline.core.run` as the socket's actor, and acks the reply or the refusal as a
problem+json body.

A reply may also move the sender's socket between rooms (``join``/``leave``, names from
``platform.events``): that is how a subscription takes effect, after the pipeline has checked
and audited it. The server enters the rooms before it acks, so an event published after the
ack reaches the socket."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from hms.pipeline.core import Call, Operation
from hms.platform.errors import InvalidInput, field_errors

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Reply:
    """What the sender gets: an event to its own socket, and the same in the ack; and the
    rooms its socket enters or leaves."""

    event: str
    data: Any
    join: tuple[str, ...] = ()
    leave: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SocketEvent:
    name: str
    op: Operation
    handler: Callable[[Call, Any], Awaitable[Reply]]


def parse(model: type[M], data: Any) -> M:
    """The payload as ``model``, or a 422 naming each field to fix."""
    if not isinstance(data, dict):
        raise InvalidInput("Send the payload as a JSON object.")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise field_errors(exc.errors()) from exc
