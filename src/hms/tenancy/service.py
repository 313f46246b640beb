"""Creating, changing and listing hospitals; each gets its own schema built by the tenant
migrations."""

from __future__ import annotations

import re
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from hms.audit import service as audit
from hms.platform.db import Database
from hms.platform.errors import Conflict, InvalidInput, NotFound
from hms.tenancy.migrate import upgrade_tenant
from hms.tenancy.models import Tenant
from hms.tenancy.zones import check_time_zone

if TYPE_CHECKING:
    from hms.pipeline import Actor

SLUG = re.compile(r"^[a-z][a-z0-9_]{1,40}$")


def validate_slug(slug: str) -> str:
    if not SLUG.match(slug):
        raise InvalidInput(
            f"Invalid slug {slug!r}: use 2–41 characters, a lowercase letter first, "
            "then lowercase letters, digits or underscores."
        )
    return slug


def _valid_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 200:
        raise InvalidInput("The hospital name must be 1–200 characters.")
    return name


def _valid_time_zone(name: str) -> str:
    try:
        return check_time_zone(name.strip())
    except ValueError as exc:
        raise InvalidInput(f"Time zone {exc}.") from exc


async def create_hospital(
    db: Database, *, slug: str, name: str, time_zone: str = "UTC", actor: Actor | None = None
) -> Tenant:
    """A hospital and its schema; audited in public.audit_log when an actor (not the
    command line) creates it."""
    validate_slug(slug)
    tenant = Tenant(
        id=uuid.uuid4(),
        slug=slug,
        name=_valid_name(name),
        schema_name=f"hospital_{slug}",
        time_zone=_valid_time_zone(time_zone),
    )
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
    if actor is not None:
        async with db.transaction() as session:
            await _audit(session, actor, "hospital.create", tenant, {"timeZone": tenant.time_zone})
    return tenant


async def update_hospital(
    session: AsyncSession,
    actor: Actor,
    *,
    slug: str,
    name: str | None = None,
    time_zone: str | None = None,
) -> Tenant:
    """Rename a hospital or move it to another time zone; the change is audited with what
    it was before."""
    tenant = (
        await session.execute(select(Tenant).where(Tenant.slug == slug).with_for_update())
    ).scalar_one_or_none()
    if tenant is None:
        raise NotFound(f"No hospital with slug {slug!r}.")
    changes: dict[str, Any] = {}
    if name is not None and (name := _valid_name(name)) != tenant.name:
        changes["name"] = {"from": tenant.name, "to": name}
        tenant.name = name
    if time_zone is not None and (time_zone := _valid_time_zone(time_zone)) != tenant.time_zone:
        changes["timeZone"] = {"from": tenant.time_zone, "to": time_zone}
        tenant.time_zone = time_zone
    await session.flush()
    await _audit(session, actor, "hospital.update", tenant, {"changes": changes})
    return tenant


async def _audit(
    session: AsyncSession, actor: Actor, action: str, tenant: Tenant, detail: dict[str, Any]
) -> None:
    await audit.record(
        session,
        actor,
        action=action,
        patient_id=None,
        detail={"hospital": tenant.slug, "hospitalId": str(tenant.id), **detail},
    )


async def list_hospitals(session: AsyncSession) -> list[Tenant]:
    return list((await session.execute(select(Tenant).order_by(Tenant.slug))).scalars())
