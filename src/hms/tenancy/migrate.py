"""Alembic runner for the two version trees: ``public`` once, ``tenant`` per hospital schema."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

from hms.platform.db import SCHEMA_NAME, Database

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def _config(tree: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS / tree))
    return cfg


def head(tree: str) -> str:
    heads = ScriptDirectory.from_config(_config(tree)).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migration tree {tree!r} has {len(heads)} heads: {heads}")
    return heads[0]


def _upgrade(conn: Connection, tree: str, schema: str | None) -> None:
    cfg = _config(tree)
    cfg.attributes["connection"] = conn
    cfg.attributes["schema"] = schema
    command.upgrade(cfg, "head")


async def upgrade_public(db: Database) -> None:
    async with db.engine.begin() as conn:
        # One migrator at a time across every instance starting together.
        await conn.execute(text("SELECT pg_advisory_xact_lock(7240001)"))
        await conn.run_sync(_upgrade, "public", None)


async def upgrade_tenant(db: Database, schema: str, *, create: bool = False) -> None:
    if not SCHEMA_NAME.match(schema):
        raise ValueError(f"invalid schema name {schema!r}")
    async with db.engine.begin() as conn:
        await conn.execute(text("SELECT pg_advisory_xact_lock(7240002)"))
        if create:
            await conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        await conn.run_sync(_upgrade, "tenant", schema)


async def tenant_revision(db: Database, schema: str) -> str | None:
    if not SCHEMA_NAME.match(schema):
        raise ValueError(f"invalid schema name {schema!r}")
    async with db.engine.connect() as conn:
        return (
            await conn.execute(text(f'SELECT version_num FROM "{schema}".alembic_version'))
        ).scalar()


class MigrationFailed(RuntimeError):
    def __init__(self, slug: str, cause: BaseException) -> None:
        super().__init__(f"migration of hospital {slug!r} failed: {cause}")
        self.slug = slug


async def upgrade_all(db: Database, *, progress: Callable[[str], None] | None = None) -> list[str]:
    """Bring public and every hospital schema to head; stop at the first failing hospital."""
    from hms.drugs.loader import ensure_loaded as ensure_drug_knowledge_loaded
    from hms.icd10.loader import ensure_loaded as ensure_icd10_loaded

    await upgrade_public(db)
    await ensure_icd10_loaded(db)  # reference data: loaded when missing or a new release
    await ensure_drug_knowledge_loaded(db)  # hms.drugs.loader: reloaded when the files change
    async with db.engine.connect() as conn:
        rows = (
            await conn.execute(text("SELECT slug, schema_name FROM public.tenants ORDER BY slug"))
        ).all()
    done = []
    for slug, schema in rows:
        try:
            await upgrade_tenant(db, schema)
        except Exception as exc:
            raise MigrationFailed(slug, exc) from exc
        done.append(slug)
        if progress:
            progress(slug)
    return done
