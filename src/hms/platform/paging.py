"""Paged lists: the ``page`` and ``pageSize`` query parameters every list endpoint takes, and
the page it answers with."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from fastapi import Query

from hms.platform.schemas import APIModel

T = TypeVar("T")

MAX_PAGE_SIZE = 100


@dataclass(frozen=True, slots=True)
class Paging:
    """Which page of a list is asked for (``page`` counts from 1)."""

    page: int
    size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    def body(self, items: Any, total: int) -> dict[str, Any]:
        """The page as list endpoints answer it (the wire's keys, accepted by :class:`Page`)."""
        return {"items": items, "page": self.page, "pageSize": self.size, "total": total}


def paging(default_size: int, *, max_page: int = 100_000) -> Callable[..., Awaitable[Paging]]:
    """A FastAPI dependency reading the query's ``page`` and ``pageSize``:
    ``paging: Paging = Depends(paging(50))``."""

    async def read(
        page: int = Query(default=1, ge=1, le=max_page),
        page_size: int = Query(default=default_size, ge=1, le=MAX_PAGE_SIZE, alias="pageSize"),
    ) -> Paging:
        return Paging(page, page_size)

    return read


class Page(APIModel, Generic[T]):
    """A page of a list; each list's schema names its items: ``class WardPage(Page[WardOut])``."""

    items: list[T]
    page: int
    page_size: int
    total: int
