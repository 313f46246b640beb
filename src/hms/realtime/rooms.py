"""Socket.IO room names: the one place they are spelled.

A socket joins its hospital's room, its role's room within that hospital and its user's room
at the handshake (``realtime/server.py``); super admins, who have no hospital, join the
platform room instead.
"""

from __future__ import annotations

PLATFORM = "platform"


def hospital_room(slug: str) -> str:
    return f"hospital:{slug}"


def role_room(slug: str, role: str) -> str:
    return f"hospital:{slug}:role:{role}"


def user_room(user_id: str) -> str:
    return f"user:{user_id}"
