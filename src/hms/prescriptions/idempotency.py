"""Idempotent prescription creation, enforced by the database.

The key row is inserted first in the creating transaction. A concurrent request with the
same (prescriber, key) blocks on the primary key until the first transaction ends: after a
commit it finds the row and answers with the first result; after a rollback (a refused
request) its own insert goes through and it runs as a first request.
"""

from __future__ import annotations

import hashlib
import uuid

import orjson
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from hms.platform.errors import Conflict, InvalidInput
from hms.prescriptions.models import idempotency_keys as K

MAX_KEY = 200


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


async def reserve(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    key: str,
    digest: str,
    prescription_id: uuid.UUID,
) -> uuid.UUID | None:
    """Claim the key for ``prescription_id``; the earlier prescription's id when already used."""
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
