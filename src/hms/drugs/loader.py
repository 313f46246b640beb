"""Loads the drug knowledge files (``hms/clinical/knowledge/*.json``) into the public tables;
run by ``hms migrate``.

Idempotent and versioned: the tables are (re)loaded only when they are empty or the SHA-256
of the data files differs from the one recorded in ``public.drug_knowledge_release``. One
transaction under an advisory lock, so instances migrating together load once and a search
during a reload sees the old release or the new one, never half of each. Drugs are upserted
and never deleted (formularies and prescriptions of every hospital reference them); the
rule tables, which nothing references, are replaced.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from sqlalchemy import text

from hms.clinical.knowledge.loader import FILES, KNOWLEDGE_PACKAGE, Knowledge
from hms.platform.db import Database, driver_connection

log = logging.getLogger(__name__)

SOURCE = "hms-drug-knowledge"
_LOCK = 7240004  # advisory lock: one loader at a time across instances migrating together

DRUG_COLUMNS = (
    "id",
    "name",
    "rxcui",
    "rxcui_alternates",
    "synonyms",
    "classes",
    "all_classes",
    "category",
    "components",
    "eml",
    "forms",
    "contraindications",
    "sources",
    "in_catalog",
    "knowledge_version",
    "updated_at",
)


def read_files() -> tuple[dict[str, Any], str]:
    """The parsed files and the SHA-256 over their bytes (file names included)."""
    root = resources.files(KNOWLEDGE_PACKAGE)
    digest = hashlib.sha256()
    raw: dict[str, Any] = {}
    for name in sorted(FILES):
        data = (root / f"{name}.json").read_bytes()
        digest.update(name.encode() + b"\0" + data + b"\0")
        raw[name] = json.loads(data)
    return raw, digest.hexdigest()


def release_version(raw: dict[str, Any], digest: str) -> str:
    return f"{raw['drugs']['version']}+{digest[:12]}"


_VERSION: str | None = None


def knowledge_version() -> str:
    """The release of the knowledge files the checks run on (as loaded into the database)."""
    global _VERSION
    if _VERSION is None:
        raw, digest = read_files()
        _VERSION = release_version(raw, digest)
    return _VERSION


def build_rows(raw: dict[str, Any], version: str) -> dict[str, list[tuple[Any, ...]]]:
    """Rows for every table, derived from the same files the in-memory checks use."""
    kb = Knowledge(raw)
    now = datetime.now(UTC)
    classes = [
        (c.id, c.name, c.kind, c.atc, list(c.parents), c.duplicate_severity)
        for c in kb.classes.values()
    ]
    condition_entries = raw["contraindications"]["rules"]
    drug_rows, name_rows = [], []
    for drug in kb.drugs.values():
        hms_classes = [kb.classes[c] for c in drug.classes if c in kb.classes]
        category = next((c.name for c in hms_classes if c.kind == "hms"), None)
        applying = [
            {
                "condition": rule["condition"],
                "icd10Prefixes": rule["icd10Prefixes"],
                "severity": rule["severity"],
                "note": rule["note"],
                "source": rule["source"],
            }
            for rule in condition_entries
            if drug.id in rule.get("drugs", ()) or drug.all_classes & set(rule.get("classes", ()))
        ]
        forms = [
            {"form": f.form, "route": f.route, "strengths": list(f.strengths)} for f in drug.forms
        ]
        drug_rows.append(
            (
                drug.id,
                drug.name,
                drug.rxcui,
                list(drug.rxcui_alternates),
                list(drug.synonyms),
                list(drug.classes),
                sorted(drug.all_classes),
                category,
                list(drug.components),
                drug.eml,
                json.dumps(forms),
                json.dumps(applying),
                list(drug.sources),
                True,
                version,
                now,
            )
        )
        seen: set[str] = set()
        for name, is_synonym in [(drug.name, False)] + [(s, True) for s in drug.synonyms]:
            lower = " ".join(name.lower().split())
            if lower and lower not in seen:
                seen.add(lower)
                name_rows.append((drug.id, lower, name, is_synonym))
    interactions = [
        (
            r["id"],
            json.dumps(r["a"]),
            json.dumps(r["b"]),
            r["severity"],
            r["mechanism"],
            r["management"],
            r.get("summary") or r["mechanism"],
            r["source"],
            r["origin"],
            r.get("lang", "en"),
        )
        for key in ("interactions_curated", "interactions_ansm")
        for r in raw[key]["rules"]
    ]
    dose = [
        (r["drug"], r.get("route", "any"), json.dumps(r), r["source"])
        for r in raw["dose_rules"]["rules"]
    ]
    conditions = [
        (
            i,
            list(r.get("drugs", ())),
            list(r.get("classes", ())),
            r["condition"],
            list(r["icd10Prefixes"]),
            r["severity"],
            r["note"],
            r["source"],
        )
        for i, r in enumerate(condition_entries)
    ]
    allergy = raw["allergy_rules"]
    settings = {k: v for k, v in allergy.items() if k not in ("sideChainGroups", "classRules")}
    allergy_rows = [("settings", 0, json.dumps(settings), "HMS allergy rules")]
    for kind, key in (("sideChainGroup", "sideChainGroups"), ("classRule", "classRules")):
        allergy_rows += [
            (kind, i, json.dumps(rule), rule.get("source", "HMS allergy rules"))
            for i, rule in enumerate(allergy[key])
        ]
    return {
        "drug_classes": classes,
        "drugs": drug_rows,
        "drug_names": name_rows,
        "drug_interaction_rules": interactions,
        "drug_dose_rules": dose,
        "drug_condition_rules": conditions,
        "drug_allergy_rules": allergy_rows,
    }


_COLUMNS = {
    "drug_classes": ("id", "name", "kind", "atc", "parents", "duplicate_severity"),
    "drug_names": ("drug_id", "name_lower", "name", "is_synonym"),
    "drug_interaction_rules": (
        "id",
        "a",
        "b",
        "severity",
        "mechanism",
        "management",
        "summary",
        "source",
        "origin",
        "lang",
    ),
    "drug_dose_rules": ("drug_id", "route", "rule", "source"),
    "drug_condition_rules": (
        "position",
        "drugs",
        "classes",
        "condition",
        "icd10_prefixes",
        "severity",
        "note",
        "source",
    ),
    "drug_allergy_rules": ("kind", "position", "rule", "source"),
}


async def ensure_loaded(db: Database, *, force: bool = False) -> str | None:
    """Load the knowledge files if needed; the release version loaded, or None when current."""
    raw, digest = await asyncio.to_thread(read_files)
    version = release_version(raw, digest)
    async with db.engine.begin() as conn:
        await conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK})
        loaded = (
            await conn.execute(
                text("SELECT digest FROM public.drug_knowledge_release WHERE source = :s"),
                {"s": SOURCE},
            )
        ).scalar()
        has_rows = (await conn.execute(text("SELECT EXISTS (SELECT 1 FROM public.drugs)"))).scalar()
        if not force and loaded == digest and has_rows:
            return None
        rows = await asyncio.to_thread(build_rows, raw, version)
        raw_conn = await driver_connection(conn)
        # Names first out, drugs upserted, then everything that references nothing refilled.
        for table in ("drug_names", "drug_classes", "drug_interaction_rules"):
            await conn.execute(text(f"DELETE FROM public.{table}"))
        for table in ("drug_dose_rules", "drug_condition_rules", "drug_allergy_rules"):
            await conn.execute(text(f"DELETE FROM public.{table}"))
        await _upsert_drugs(conn, raw_conn, rows["drugs"])
        for table, columns in _COLUMNS.items():
            await raw_conn.copy_records_to_table(
                table, schema_name="public", columns=list(columns), records=rows[table]
            )
        counts = {table: len(table_rows) for table, table_rows in rows.items()}
        await conn.execute(
            text(
                "INSERT INTO public.drug_knowledge_release "
                "(source, version, digest, counts, loaded_at) "
                "VALUES (:s, :v, :d, CAST(:c AS jsonb), now()) ON CONFLICT (source) DO UPDATE "
                "SET version = excluded.version, digest = excluded.digest, "
                "counts = excluded.counts, loaded_at = now()"
            ),
            {"s": SOURCE, "v": version, "d": digest, "c": json.dumps(counts)},
        )
        for table in ("drugs", "drug_names"):
            await conn.execute(text(f"ANALYZE public.{table}"))
    log.info("loaded drug knowledge %s (%d drugs)", version, len(rows["drugs"]))
    return version


async def _upsert_drugs(conn: Any, raw_conn: Any, records: list[tuple[Any, ...]]) -> None:
    await conn.execute(
        text("CREATE TEMP TABLE drugs_load (LIKE public.drugs INCLUDING DEFAULTS) ON COMMIT DROP")
    )
    await raw_conn.copy_records_to_table("drugs_load", columns=list(DRUG_COLUMNS), records=records)
    updates = ", ".join(f"{c} = excluded.{c}" for c in DRUG_COLUMNS if c != "id")
    columns = ", ".join(DRUG_COLUMNS)
    await conn.execute(
        text(
            f"INSERT INTO public.drugs ({columns}) SELECT {columns} FROM drugs_load "
            f"ON CONFLICT (id) DO UPDATE SET {updates}"
        )
    )
    # A drug dropped from the files stays for the rows that reference it, out of the catalog.
    await conn.execute(
        text(
            "UPDATE public.drugs SET in_catalog = false, updated_at = now() "
            "WHERE in_catalog AND id NOT IN (SELECT id FROM drugs_load)"
        )
    )
