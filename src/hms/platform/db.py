"""Database engines and sessions; tenant tables are mapped to a hospital's schema per session.

Tenant tables are declared without a schema. A hospital's session binds an engine copy whose
``schema_translate_map`` names ``hospital_<slug>``, so every statement carries the schema and a
pooled connection holds no tenant state (ARCHITECTURE.md §4). Hand-written SQL names its
schema explicitly with :func:`qualified`.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from sqlalchemy import MetaData
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase

from hms.platform.errors import Conflict

SCHEMA_NAME = re.compile(r"^hospital_[a-z][a-z0-9_]{1,40}$")

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class PublicBase(DeclarativeBase):
    """Tables of the shared ``public`` schema (tenants, users, reference data)."""

    metadata = MetaData(schema="public", naming_convention=NAMING)


class TenantBase(DeclarativeBase):
    """Tables that exist once per hospital schema."""

    metadata = MetaData(naming_convention=NAMING)


def async_url(url: str) -> str:
    """Accept plain ``postgresql://`` URLs and point SQLAlchemy at asyncpg."""
    for prefix in ("postgresql+asyncpg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    raise ValueError(f"not a PostgreSQL URL: {url}")


def qualified(schema: str, table: str) -> str:
    """Schema-qualified name for hand-written SQL; refuses anything but public or a hospital."""
    if schema != "public" and not SCHEMA_NAME.match(schema):
        raise ValueError(f"invalid schema name {schema!r}")
    return f'"{schema}".{table}'


def schema_of(session: AsyncSession) -> str:
    """The hospital schema ``session`` is bound to (``Database.session``)."""
    bind = session.bind
    options = bind.get_execution_options() if isinstance(bind, AsyncEngine) else {}
    mapping = options.get("schema_translate_map")
    if not mapping or not mapping.get(None):
        raise ValueError("this session is not bound to a hospital schema")
    schema: str = mapping[None]
    return schema


def table_in(session: AsyncSession, table: str) -> str:
    """``table`` of the hospital ``session`` is bound to, for hand-written SQL."""
    return qualified(schema_of(session), table)


class Database:
    """The writer engine and per-schema views of it."""

    def __init__(self, url: str, *, pool_size: int = 10, max_overflow: int = 10) -> None:
        self.engine: AsyncEngine = create_async_engine(
            async_url(url),
            pool_size=pool_size,
            max_overflow=max_overflow,
            pool_pre_ping=False,
            connect_args={"server_settings": {"application_name": "hms", "jit": "off"}},
        )
        self._tenant_engines: dict[str, AsyncEngine] = {}

    def for_schema(self, schema: str) -> AsyncEngine:
        engine = self._tenant_engines.get(schema)
        if engine is None:
            if not SCHEMA_NAME.match(schema):
                raise ValueError(f"invalid schema name {schema!r}")
            engine = self.engine.execution_options(schema_translate_map={None: schema})
            self._tenant_engines[schema] = engine
        return engine

    def session(self, schema: str | None = None) -> AsyncSession:
        bind = self.for_schema(schema) if schema else self.engine
        return AsyncSession(bind=bind, expire_on_commit=False, autoflush=False)

    @asynccontextmanager
    async def transaction(self, schema: str | None = None) -> AsyncIterator[AsyncSession]:
        """One unit of work: commit on success, roll back on error."""
        async with self.session(schema) as session, session.begin():
            yield session

    @asynccontextmanager
    async def raw(self) -> AsyncIterator[asyncpg.Connection]:
        """A pooled asyncpg connection outside any transaction, for single-statement hot paths."""
        async with self.engine.connect() as conn:
            yield await driver_connection(conn)

    async def dispose(self) -> None:
        await self.engine.dispose()


async def driver_connection(conn: AsyncConnection | AsyncSession) -> Any:
    raw = await conn.connection() if isinstance(conn, AsyncSession) else conn
    fairy = await raw.get_raw_connection()
    return fairy.driver_connection


@asynccontextmanager
async def refuse_duplicate(session: AsyncSession, message: str) -> AsyncIterator[None]:
    """A savepoint whose unique-constraint clash is a 409 saying ``message``; the transaction
    goes on after it."""
    try:
        async with session.begin_nested():
            yield
    except IntegrityError as exc:
        raise Conflict(message) from exc
