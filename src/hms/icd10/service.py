"""ICD-10-CM search (code prefix or description words) and code validation.

Both searches are answered through indexes of ``public.icd10_codes``: a code prefix by the
``text_pattern_ops`` btree (``code LIKE 'E11.6%'``), words by the trigram GIN index on the
description (``description ILIKE '%word%'`` for every word).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from hms.icd10.models import icd10_codes as T
from hms.platform.errors import InvalidInput
from hms.platform.paging import Paging

# A letter, a digit, then up to five more code characters, with or without the dot that
# ICD-10-CM always places after the third character.
_CODE_LIKE = re.compile(r"^[A-Z][0-9][0-9A-Z]?(\.?[0-9A-Z]{0,4})?$")
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
MAX_WORDS = 8
MIN_WORD = 3


def normalise_code(value: str) -> str:
    """'e119', 'E11.9', ' e11.9 ' → 'E11.9' (the dot after the third character)."""
    compact = value.strip().upper().replace(".", "")
    return compact if len(compact) <= 3 else f"{compact[:3]}.{compact[3:]}"


def code_prefix(q: str) -> str | None:
    candidate = q.strip().upper()
    return normalise_code(candidate) if _CODE_LIKE.match(candidate) else None


def words_of(q: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(q)][:MAX_WORDS]


def _like_escape(term: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", term)


def _row(r: Any) -> dict[str, Any]:
    return {"code": r.code, "description": r.description, "billable": r.billable}


Match = Literal["code", "words", "all"]


def prefix_condition(prefix: str) -> ColumnElement[bool]:
    return T.c.code.like(_like_escape(prefix) + "%")


def words_condition(words: list[str]) -> ColumnElement[bool]:
    return and_(*(T.c.description.ilike("%" + _like_escape(w) + "%") for w in words))


def _starts_with(phrase: str) -> ColumnElement[bool]:
    return func.lower(func.left(T.c.description, len(phrase))) == phrase


def prefix_query(prefix: str, *, limit: int, offset: int = 0) -> Select[Any]:
    return (
        select(T.c.code, T.c.description, T.c.billable, func.count().over().label("total"))
        .where(prefix_condition(prefix))
        .order_by(T.c.code)
        .limit(limit)
        .offset(offset)
    )


def words_query(words: list[str], *, limit: int, offset: int = 0) -> Select[Any]:
    # Cheap ranking, since a common word matches 20,000 codes (pg_trgm's word_similarity on
    # all of them costs ~0.5 s): descriptions that start with the phrase, then with its
    # first word, then the shorter (more general) description. The total comes from the
    # same scan (a window count) rather than a second one.
    return (
        select(T.c.code, T.c.description, T.c.billable, func.count().over().label("total"))
        .where(words_condition(words))
        .order_by(
            _starts_with(" ".join(words)).desc(),
            _starts_with(words[0]).desc(),
            func.length(T.c.description),
            T.c.code,
        )
        .limit(limit)
        .offset(offset)
    )


async def _page(
    session: AsyncSession, query: Select[Any], cond: ColumnElement[bool] | None
) -> tuple[list[dict[str, Any]], int]:
    rows = (await session.execute(query)).all()
    if rows:
        return [_row(r) for r in rows], int(rows[0].total)
    # Past the last page (or nothing matches): the window count had no row to ride on.
    count = select(func.count()).select_from(T)
    total = (await session.execute(count.where(cond) if cond is not None else count)).scalar_one()
    return [], total


async def search(
    session: AsyncSession, *, q: str | None, paging: Paging
) -> tuple[list[dict[str, Any]], int, Match]:
    """Codes matching ``q``: a code prefix when ``q`` looks like a code (falling back to
    words when no code starts so), otherwise every word in the description (at least one
    word of three letters or more), ranked by :func:`words_query`."""
    prefix = code_prefix(q) if q else None
    if prefix:
        query = prefix_query(prefix, limit=paging.size, offset=paging.offset)
        items, total = await _page(session, query, prefix_condition(prefix))
        if total:
            return items, total, "code"
    words = words_of(q or "")
    if words and max(len(w) for w in words) < MIN_WORD:
        # Shorter patterns hold no trigram, so the index cannot narrow them down.
        raise InvalidInput(
            f"Type at least {MIN_WORD} letters of a word, or the start of a code.",
            extra={"errors": [{"field": "q", "message": "too short to search"}]},
        )
    if not words:
        if q and q.strip():
            return [], 0, "words"
        query = (
            select(T.c.code, T.c.description, T.c.billable, func.count().over().label("total"))
            .order_by(T.c.code)
            .limit(paging.size)
            .offset(paging.offset)
        )
        items, total = await _page(session, query, None)
        return items, total, "all"
    query = words_query(words, limit=paging.size, offset=paging.offset)
    items, total = await _page(session, query, words_condition(words))
    return items, total, "words"


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    description: str
    billable: bool


async def lookup(session: AsyncSession, codes: Iterable[str]) -> dict[str, Code]:
    """The known codes among ``codes`` (already normalised), keyed by code."""
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    rows = (
        await session.execute(
            select(T.c.code, T.c.description, T.c.billable).where(T.c.code.in_(wanted))
        )
    ).all()
    return {r.code: Code(r.code, r.description, r.billable) for r in rows}


async def get(session: AsyncSession, code: str) -> Code | None:
    return (await lookup(session, [normalise_code(code)])).get(normalise_code(code))
