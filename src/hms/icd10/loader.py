"""Loads the ICD-10-CM code set shipped by the ``simple-icd-10-cm`` package into
``public.icd10_codes``; run by ``hms migrate``.

Idempotent: the table is (re)loaded only when it is empty or the package version differs
from the one recorded in ``public.icd10_release``. One transaction (TRUNCATE + COPY), so a
search during a reload sees the old release or the new one, never half of each.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from importlib import metadata

from sqlalchemy import text

from hms.platform.db import Database, driver_connection

log = logging.getLogger(__name__)

SOURCE = "simple-icd-10-cm"
_LOCK = 7240003  # advisory lock: one loader at a time across instances migrating together


def package_version() -> str:
    return metadata.version(SOURCE)


def read_codes() -> list[tuple[str, str, bool]]:
    """Every category, subcategory and 7th-character code (not chapters or blocks), with
    its description; billable means a leaf of the classification (CMS: codes valid for
    HIPAA-covered transactions are the most specific ones)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the package's importlib use
        import simple_icd_10_cm as cm

        rows: dict[str, tuple[str, str, bool]] = {}
        for code in cm.get_all_codes(with_dots=True):
            # A block made of one category (B10, C50…) is listed twice under one name.
            if code not in rows and (
                cm.is_category_or_subcategory(code) or cm.is_extended_subcategory(code)
            ):
                rows[code] = (code, cm.get_description(code), cm.is_leaf(code))
    return list(rows.values())


async def ensure_loaded(db: Database, *, force: bool = False) -> int | None:
    """Load the code set if needed; the number of codes loaded, or None when up to date."""
    version = package_version()
    async with db.engine.begin() as conn:
        await conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK})
        loaded = (
            await conn.execute(
                text("SELECT version FROM public.icd10_release WHERE source = :s"), {"s": SOURCE}
            )
        ).scalar()
        has_rows = (
            await conn.execute(text("SELECT EXISTS (SELECT 1 FROM public.icd10_codes)"))
        ).scalar()
        if not force and loaded == version and has_rows:
            return None
        rows = await asyncio.to_thread(read_codes)
        await conn.execute(text("TRUNCATE public.icd10_codes"))
        raw = await driver_connection(conn)
        await raw.copy_records_to_table(
            "icd10_codes",
            schema_name="public",
            columns=["code", "description", "billable"],
            records=rows,
        )
        await conn.execute(
            text(
                "INSERT INTO public.icd10_release (source, version, codes, loaded_at) "
                "VALUES (:s, :v, :n, now()) ON CONFLICT (source) DO UPDATE "
                "SET version = excluded.version, codes = excluded.codes, loaded_at = now()"
            ),
            {"s": SOURCE, "v": version, "n": len(rows)},
        )
        await conn.execute(text("ANALYZE public.icd10_codes"))
    log.info("loaded %d ICD-10-CM codes from %s %s", len(rows), SOURCE, version)
    return len(rows)
