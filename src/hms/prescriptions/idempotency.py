"""Idempotent prescription creation, enforced by the database, with keys that expire.

The key row is inserted first in the creating transaction. A concurrent request with the
same (prescriber, key) blocks on the primary key until the first transaction ends: after a
commit it finds the row and answers with the first result; after a rollback (a refused
request) its own insert goes through and it runs as a first request.

A key replays for ``ttl`` (HMS_IDEMPOTENCY_TTL_HOURS, 24 h: far longer than any client
retries) and is then forgotten. Expiry is done by ``reserve`` itself, with no background job
to run per hospital: it deletes its own key's row when expired before claiming the key (a
concurrent request with that key waits on the deleted row, then on the new one, so one
request still wins), and then deletes a bounded batch of other expired rows. Each keyed
request adds one row and may remove ``PURGE_BATCH``, so the table holds about a day of keys;
the batch skips rows other transactions hold, so purging never waits on another request.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta

import orjson
from pydantic import BaseModel
from sqlalchemy import delete, func, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from hms.platform.errors import Conflict, InvalidInput
from hms.prescriptions.models import idempotency_keys as K

MAX_KEY = 200
PURGE_BATCH = 100


def check_key(key: str | None) -> str | None:
    if key is None:
        return None
    key = key.strip()
    if not key or len(key) > MAX_KEY or not key.isprintable():
        raise InvalidInput(
            f"Idempotency-Key must be 1-{MAX_KEY} printable characters (a UUID is a good key).",
            extra={"errors": [{"field": "Idempotency-Key", "message": "invalid key"}]},
        )
    return key


def request_hash(body: BaseModel) -> str:
    canonical = orjson.dumps(
        body.model_dump(mode="json", by_alias=True), option=orjson.OPT_SORT_KEYS
    )
    return hashlib.sha256(canonical).hexdigest()


async def _forget_expired(
    session: AsyncSession, *, user_id: uuid.UUID, key: str, ttl: timedelta
) -> None:
    expired = K.c.created_at < func.now() - ttl
    await session.execute(delete(K).where(K.c.user_id == user_id, K.c.key == key, expired))
    batch = (
        select(K.c.user_id, K.c.key)
        .where(expired)
        .limit(PURGE_BATCH)
        .with_for_update(skip_locked=True)
    )
    await session.execute(delete(K).where(tuple_(K.c.user_id, K.c.key).in_(batch)))


async def reserve(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    key: str,
    digest: str,
    prescription_id: uuid.UUID,
    ttl: timedelta,
) -> uuid.UUID | None:
    """Claim the key for ``prescription_id``; the earlier prescription's id when the key was
    used within ``ttl``."""
    await _forget_expired(session, user_id=user_id, key=key, ttl=ttl)
    claimed = (
        await session.execute(
            insert(K)
            .values(user_id=user_id, key=key, request_hash=digest, prescription_id=prescription_id)
            .on_conflict_do_nothing(index_elements=[K.c.user_id, K.c.key])
            .returning(K.c.key)
        )
    ).first()
    if claimed is not None:
        return None
    row = (
        await session.execute(
            select(K.c.request_hash, K.c.prescription_id).where(
                K.c.user_id == user_id, K.c.key == key
            )
        )
    ).one()
    if row.request_hash != digest:
        raise Conflict(
            f"Idempotency-Key {key!r} was already used for a different request; "
            "use a new key for a new prescription.",
            extra={"prescriptionId": str(row.prescription_id)},
        )
    return uuid.UUID(str(row.prescription_id))
