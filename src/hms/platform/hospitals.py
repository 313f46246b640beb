"""In-process registry of hospitals, read from public.tenants; the only source of schema names."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import text

from hms.platform.db import Database

# A hospital renamed or moved to another time zone on one instance reaches the others'
# registries within this time (the instance that made the change reloads at once).
MAX_AGE_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class Hospital:
    id: uuid.UUID
    slug: str
    name: str
    schema: str
    time_zone: str

    @property
    def zone(self) -> ZoneInfo:
        """The hospital's local time zone: its calendar day for check-in and day views."""
        return ZoneInfo(self.time_zone)  # zoneinfo caches one instance per name


class HospitalRegistry:
    def __init__(self, db: Database, *, max_age: float = MAX_AGE_SECONDS) -> None:
        self.db = db
        self.max_age = max_age
        self._by_id: dict[str, Hospital] = {}
        self._loaded_at = float("-inf")

    async def get(self, hospital_id: str | uuid.UUID) -> Hospital | None:
        key = str(hospital_id)
        found = self._by_id.get(key)
        if found is None or time.monotonic() - self._loaded_at > self.max_age:
            await self.reload()
            found = self._by_id.get(key)
        return found

    async def reload(self) -> None:
        # Stamped before the query: requests arriving meanwhile keep the current copy
        # instead of each starting a reload of its own.
        self._loaded_at = time.monotonic()
        async with self.db.engine.connect() as conn:
            rows = (
                await conn.execute(
                    text("SELECT id, slug, name, schema_name, time_zone FROM public.tenants")
                )
            ).all()
        self._by_id = {
            str(r.id): Hospital(r.id, r.slug, r.name, r.schema_name, r.time_zone) for r in rows
        }

    def all(self) -> list[Hospital]:
        return sorted(self._by_id.values(), key=lambda h: h.slug)
