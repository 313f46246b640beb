"""Password hashing (Argon2id), access tokens (JWT HS256) and opaque refresh tokens."""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cachetools import LRUCache

_hasher = PasswordHasher()  # argon2-cffi defaults are Argon2id (RFC 9106 low-memory profile)
_ALGORITHMS = ["HS256"]
# A fixed hash verified when the email is unknown, so both failures take the same time.
_DUMMY_HASH = _hasher.hash("not-a-real-password-" + secrets.token_hex(8))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Claims:
    user_id: str
    role: str
    hospital_id: str | None
    hospital_slug: str | None
    expires_at: int


def issue_access_token(secret: str, claims: dict[str, Any], minutes: int) -> tuple[str, int]:
    now = int(time.time())
    exp = now + minutes * 60
    token = jwt.encode({**claims, "iat": now, "exp": exp, "typ": "access"}, secret, "HS256")
    return token, exp


# Verified tokens by (secret, token): a client sends the same token for up to 15 minutes,
# and verifying the signature costs ~60 µs, a third of a cached read's budget.
_verified: LRUCache[tuple[str, str], Claims] = LRUCache(maxsize=20_000)


def decode_access_token(secret: str, token: str) -> Claims | None:
    key = (secret, token)
    claims = _verified.get(key)
    if claims is None:
        claims = _decode(secret, token)
        if claims is None:
            return None
        _verified[key] = claims
    if claims.expires_at <= time.time():
        _verified.pop(key, None)
        return None
    return claims


def _decode(secret: str, token: str) -> Claims | None:
    try:
        data = jwt.decode(token, secret, algorithms=_ALGORITHMS, options={"require": ["exp"]})
    except jwt.PyJWTError:
        return None
    if data.get("typ") != "access" or "sub" not in data or "role" not in data:
        return None
    return Claims(
        user_id=data["sub"],
        role=data["role"],
        hospital_id=data.get("hid"),
        hospital_slug=data.get("hsl"),
        expires_at=data["exp"],
    )
