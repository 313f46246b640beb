"""Synthetic vitals for the vitals benchmark: 20,000 patients, ~10 million sets over six
months in time order (as they arrive), and one ward of 30 admitted patients charted hourly.

The rows are generated inside PostgreSQL (generate_series), sorted by time so that one
patient's sets lie scattered over the heap as they would in production, with time-ordered
UUIDv7 ids like the application's. Indexes are built after the load.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import asyncpg

PATIENTS = 20_000
SETS_PER_PATIENT = 500  # over DAYS: about one set every 8.6 hours
DAYS = 180
WARD_PATIENTS = 30
WARD_DAYS = 30  # the admitted patients' hourly charting


def _vitals_columns(ts: str) -> str:
    # Plausible values with NEWS2 mostly low; the service rescoring each row needs them valid.
    return f"""
        uuidv7({ts} - now()), pid, {ts}, NULL,
        (60 + random() * 40)::real, (105 + random() * 40)::real, (60 + random() * 25)::real,
        (36.1 + random() * 1.8)::real, (94 + random() * 6)::real, (12 + random() * 9)::real,
        false, 'A', NULL, NULL, 1, t, CASE WHEN t >= 7 THEN 'high' WHEN t >= 5 THEN 'medium'
        WHEN t = 3 THEN 'low-medium' ELSE 'low' END
    """


async def load(
    conn: asyncpg.Connection, schema: str, log: Callable[[str], None]
) -> dict[str, float]:
    """Fill ``schema`` (a migrated, empty hospital); returns seconds per step."""
    timings: dict[str, float] = {}

    async def step(name: str, sql: str) -> None:
        started = time.perf_counter()
        await conn.execute(sql)
        timings[name] = round(time.perf_counter() - started, 1)
        log(f"  {name}: {timings[name]} s")

    await conn.execute(f'SET search_path TO "{schema}", public')
    await step(
        "patients",
        f"""INSERT INTO patients (id, mrn, name, date_of_birth, gender)
            SELECT gen_random_uuid(), 'B' || lpad(g::text, 8, '0'), 'Bench Patient ' || g,
                   date '1930-01-01' + (g * 37 % 30000), (ARRAY['female','male'])[1 + g % 2]
            FROM generate_series(1, {PATIENTS}) g""",
    )
    await conn.execute("ALTER TABLE vitals DROP CONSTRAINT vitals_pkey")
    await conn.execute("DROP INDEX ix_vitals_patient_id_recorded_at")
    await conn.execute("SET session_replication_role = replica")  # no FK checks while loading
    await conn.execute("SET maintenance_work_mem = '512MB'")
    await conn.execute("SET work_mem = '256MB'")
    spread = f"now() - interval '{DAYS} days' + k * interval '{DAYS} days' / {SETS_PER_PATIENT}"
    await step(
        "vitals (sorted by time)",
        f"""INSERT INTO vitals
            SELECT {_vitals_columns("ts")} FROM (
                SELECT p.id AS pid, ({spread} + random() * interval '6 hours') AS ts,
                       (random() * random() * 8)::int AS t
                FROM generate_series(0, {SETS_PER_PATIENT - 1}) k
                CROSS JOIN (SELECT id FROM patients ORDER BY mrn LIMIT {PATIENTS}) p
                UNION ALL
                SELECT w.id, now() - h * interval '1 hour' - interval '2 minutes',
                       (random() * random() * 8)::int
                FROM generate_series(0, {WARD_DAYS * 24 - 1}) h
                CROSS JOIN (SELECT id FROM patients ORDER BY mrn LIMIT {WARD_PATIENTS}) w
            ) s ORDER BY ts""",
    )
    await conn.execute("SET session_replication_role = origin")
    await step("primary key", "ALTER TABLE vitals ADD CONSTRAINT vitals_pkey PRIMARY KEY (id)")
    await step(
        "index (patient_id, recorded_at DESC)",
        "CREATE INDEX ix_vitals_patient_id_recorded_at ON vitals (patient_id, recorded_at DESC)",
    )
    await step("vacuum analyze", "VACUUM (ANALYZE) vitals")
    await conn.execute("RESET search_path")
    return timings


async def make_partitioned(
    conn: asyncpg.Connection, schema: str, log: Callable[[str], None]
) -> dict[str, float]:
    """Copy ``vitals`` into a table partitioned by month of recorded_at and swap the names,
    so the same service code reads it; the plain table stays as ``vitals_plain``."""
    timings: dict[str, float] = {}
    await conn.execute(f'SET search_path TO "{schema}", public')
    await conn.execute("SET maintenance_work_mem = '512MB'")
    lo, hi = await conn.fetchrow(
        "SELECT date_trunc('month', min(recorded_at)), date_trunc('month', max(recorded_at)) "
        "FROM vitals"
    )
    started = time.perf_counter()
    await conn.execute(
        "CREATE TABLE vitals_part (LIKE vitals INCLUDING DEFAULTS INCLUDING CONSTRAINTS) "
        "PARTITION BY RANGE (recorded_at)"
    )
    months = await conn.fetch(
        "SELECT m FROM generate_series($1::timestamptz, $2::timestamptz, interval '1 month') m",
        lo,
        hi,
    )
    for (month,) in months:
        name = f"vitals_part_{month:%Y_%m}"
        await conn.execute(
            f"CREATE TABLE {name} PARTITION OF vitals_part FOR VALUES FROM "
            f"('{month.isoformat()}') TO ('{month.isoformat()}'::timestamptz + interval '1 month')"
        )
    await conn.execute("INSERT INTO vitals_part SELECT * FROM vitals ORDER BY recorded_at")
    await conn.execute("ALTER TABLE vitals_part ADD PRIMARY KEY (id, recorded_at)")
    await conn.execute(
        "CREATE INDEX ix_vitals_part_patient ON vitals_part (patient_id, recorded_at DESC)"
    )
    await conn.execute("ALTER TABLE vitals RENAME TO vitals_plain")
    await conn.execute("ALTER TABLE vitals_part RENAME TO vitals")
    await conn.execute("VACUUM (ANALYZE) vitals")
    timings["copy into monthly partitions"] = round(time.perf_counter() - started, 1)
    timings["partitions"] = len(months)
    log(f"  partitioned copy: {timings}")
    await conn.execute("RESET search_path")
    return timings


async def sizes(conn: asyncpg.Connection, schema: str, table: str) -> dict[str, str]:
    row = await conn.fetchrow(
        """SELECT pg_size_pretty(sum(pg_table_size(c.oid))) AS heap,
                  pg_size_pretty(sum(pg_indexes_size(c.oid))) AS indexes
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = $1 AND (c.relname = $2 OR c.oid IN (
               SELECT inhrelid FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
               JOIN pg_namespace pn ON pn.oid = p.relnamespace
               WHERE pn.nspname = $1 AND p.relname = $2))""",
        schema,
        table,
    )
    return {"heap": row["heap"], "indexes": row["indexes"]}
