"""Drug search and detail, answered from the public catalog tables in SQL.

Search is case-insensitive over every name and US/UK synonym: a whole-name prefix by the
``text_pattern_ops`` btree (``name_lower LIKE 'amox%'``), the start of any word inside a
name by the trigram index (``name_lower ~ '(^|[^a-z0-9])acid'``), an RxCUI exactly. Ranked
exact name, then prefix, then word match; names before synonyms.
"""

from __future__ import annotations

import re
from typing import Any

import orjson
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from hms.clinical.knowledge import get_knowledge
from hms.platform.db import table_in
from hms.platform.errors import NotFound
from hms.platform.paging import Paging

_RANK = (
    "CASE WHEN n.name_lower = :q THEN 0 WHEN n.name_lower LIKE :prefix THEN 1 ELSE 2 END"
    " + CASE WHEN n.is_synonym THEN 0.5 ELSE 0 END"
)


def normalise(q: str | None) -> str:
    return " ".join((q or "").lower().split())


def _like_escape(term: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", term)


def _word_regex(term: str) -> str:
    # Escape every non-alphanumeric character: in PostgreSQL regexes "\" + symbol is literal.
    return "(^|[^a-z0-9])" + re.sub(r"([^a-z0-9 ])", r"\\\1", term)


def _stock(r: Any) -> dict[str, Any] | None:
    if r.f_unit is None:
        return None
    return {
        "listed": r.f_listed,
        "inStock": bool(r.f_in_stock and r.f_listed),
        "quantityOnHand": r.f_quantity,
        "unit": r.f_unit,
    }


def _classes(class_ids: list[str], *, all_kinds: bool = False) -> list[dict[str, Any]]:
    kb = get_knowledge()
    out = []
    for class_id in class_ids:
        klass = kb.classes.get(class_id)
        if klass is None or (klass.kind != "hms" and not all_kinds):
            continue
        entry: dict[str, Any] = {"id": klass.id, "name": klass.name}
        if all_kinds:
            entry |= {"kind": klass.kind, "atc": klass.atc}
        out.append(entry)
    return out


def _display(name: str) -> str:
    return name[:1].upper() + name[1:]


def _formulary_join(session: AsyncSession) -> tuple[str, str]:
    """The stock columns and join of the formulary of the hospital ``session`` is bound to."""
    return (
        "f.unit AS f_unit, f.listed AS f_listed, f.in_stock AS f_in_stock, "
        "f.quantity_on_hand AS f_quantity",
        f"LEFT JOIN {table_in(session, 'formulary')} f ON f.drug_id = d.id",
    )


async def search(
    session: AsyncSession,
    *,
    q: str | None,
    in_stock: bool,
    paging: Paging,
) -> tuple[list[dict[str, Any]], int]:
    term = normalise(q)
    stock_cols, stock_join = _formulary_join(session)
    stock_filter = " AND f.in_stock AND f.listed" if in_stock else ""
    params: dict[str, Any] = {"limit": paging.size, "offset": paging.offset}
    if term:
        params |= {"q": term, "prefix": _like_escape(term) + "%", "word": _word_regex(term)}
        hits = f"""
            SELECT DISTINCT ON (drug_id) drug_id, matched, rank FROM (
                SELECT n.drug_id, n.name AS matched, {_RANK} AS rank
                FROM public.drug_names n
                WHERE n.name_lower LIKE :prefix OR n.name_lower ~ :word
                UNION ALL
                SELECT d.id, d.rxcui, 0 FROM public.drugs d WHERE d.rxcui = :q
            ) m ORDER BY drug_id, rank"""
    else:
        hits = "SELECT id AS drug_id, NULL::text AS matched, 0 AS rank FROM public.drugs"
    sql = f"""
        SELECT d.id, d.name, d.rxcui, d.synonyms, d.classes, d.category, d.eml, d.forms,
               h.matched, {stock_cols}, count(*) OVER () AS total
        FROM ({hits}) h JOIN public.drugs d ON d.id = h.drug_id
        {stock_join}
        WHERE d.in_catalog{stock_filter}
        ORDER BY h.rank, d.name
        LIMIT :limit OFFSET :offset"""
    rows = (await session.execute(text(sql), params)).all()
    total = rows[0].total if rows else 0
    if not rows and paging.page > 1:
        total = await _count(session, hits, stock_join, stock_filter, params)
    items = [
        {
            "id": r.id,
            "name": r.name,
            "displayName": _display(r.name),
            "rxcui": r.rxcui,
            "synonyms": r.synonyms,
            "matched": r.matched if r.matched and r.matched.lower() != r.name.lower() else None,
            "category": r.category,
            "classes": _classes(r.classes),
            "eml": r.eml,
            "forms": _json(r.forms),
            "stock": _stock(r),
        }
        for r in rows
    ]
    return items, total


async def _count(
    session: AsyncSession, hits: str, stock_join: str, stock_filter: str, params: dict[str, Any]
) -> int:
    sql = f"""SELECT count(*) FROM ({hits}) h JOIN public.drugs d ON d.id = h.drug_id
              {stock_join} WHERE d.in_catalog{stock_filter}"""
    return int((await session.execute(text(sql), params)).scalar_one())


def _json(value: Any) -> Any:
    return orjson.loads(value) if isinstance(value, str | bytes) else value


async def get(session: AsyncSession, *, drug_id: str) -> dict[str, Any]:
    stock_cols, stock_join = _formulary_join(session)
    row = (
        await session.execute(
            text(f"SELECT d.*, {stock_cols} FROM public.drugs d {stock_join} WHERE d.id = :id"),
            {"id": drug_id},
        )
    ).first()
    if row is None:
        raise NotFound(f"No drug {drug_id!r} in the catalog; search with GET /api/v1/drugs?q=.")
    rules = (
        await session.execute(
            text(
                "SELECT route, rule, source FROM public.drug_dose_rules "
                "WHERE drug_id = :id ORDER BY route"
            ),
            {"id": drug_id},
        )
    ).all()
    kb = get_knowledge()
    return {
        "id": row.id,
        "name": row.name,
        "displayName": _display(row.name),
        "rxcui": row.rxcui,
        "rxcuiAlternates": row.rxcui_alternates,
        "synonyms": row.synonyms,
        "category": row.category,
        "classes": _classes(row.classes, all_kinds=True),
        "components": [
            {"id": c, "name": kb.drugs[c].display_name if c in kb.drugs else c}
            for c in row.components
        ],
        "eml": row.eml,
        "forms": _json(row.forms),
        "contraindications": _json(row.contraindications),
        "doseRules": [{"route": r.route, "rule": _json(r.rule), "source": r.source} for r in rules],
        "sources": row.sources,
        "inCatalog": row.in_catalog,
        "knowledgeVersion": row.knowledge_version,
        "stock": _stock(row),
    }


async def loaded_version(session: AsyncSession) -> str:
    found = (
        await session.execute(text("SELECT version FROM public.drug_knowledge_release LIMIT 1"))
    ).scalar()
    return str(found or "")
