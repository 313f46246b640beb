"""Creating and listing hospitals; each gets its own schema built by the tenant migrations."""

from __future__ import annotations

import re
import uuid

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from hms.platform.db import Database
from hms.platform.errors import Conflict, InvalidInput
from hms.tenancy.migrate import upgrade_tenant
from hms.tenancy.models import Tenant

SLUG = re.compile(r"^[a-z][a-z0-9_]{1,40}$")


def validate_slug(slug: str) -> str:
    if not SLUG.match(slug):
        raise InvalidInput(
            f"Invalid slug {slug!r}: use 2–41 characters, a lowercase letter first, "
            "then lowercase letters, digits or underscores."
        )
    return slug


async def create_hospital(db: Database, *, slug: str, name: str) -> Tenant:
    validate_slug(slug)
    name = name.strip()
    if not name or len(name) > 200:
        raise InvalidInput("The hospital name must be 1–200 characters.")
    tenant = Tenant(id=uuid.uuid4(), slug=slug, name=name, schema_name=f"hospital_{slug}")
    try:
        async with db.transaction() as session:
            session.add(tenant)
    except IntegrityError as exc:
        raise Conflict(f"A hospital with slug {slug!r} already exists.") from exc
    try:
        await upgrade_tenant(db, tenant.schema_name, create=True)
    except Exception:
        # No half-made hospital: without its schema the row would point at nothing.
        async with db.transaction() as session:
            await session.execute(delete(Tenant).where(Tenant.id == tenant.id))
        raise
    return tenant


async def list_hospitals(db: Database) -> list[Tenant]:
    async with db.session() as session:
        return list((await session.execute(select(Tenant).order_by(Tenant.slug))).scalars())
