"""In-process registry of hospitals, read from public.tenants; the only source of schema names."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import text

from hms.platform.db import Database


@dataclass(frozen=True, slots=True)
class Hospital:
    id: uuid.UUID
    slug: str
    name: str
    schema: str


class HospitalRegistry:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._by_id: dict[str, Hospital] = {}

    async def get(self, hospital_id: str | uuid.UUID) -> Hospital | None:
        key = str(hospital_id)
        found = self._by_id.get(key)
        if found is None:
            await self.reload()
            found = self._by_id.get(key)
        return found

    async def reload(self) -> None:
        async with self.db.engine.connect() as conn:
            rows = (
                await conn.execute(text("SELECT id, slug, name, schema_name FROM public.tenants"))
            ).all()
        self._by_id = {str(r.id): Hospital(r.id, r.slug, r.name, r.schema_name) for r in rows}

    def all(self) -> list[Hospital]:
        return sorted(self._by_id.values(), key=lambda h: h.slug)
