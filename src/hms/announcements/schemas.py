"""Announcement API schemas."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from hms.platform.schemas import APIModel, InputModel


class AnnouncementIn(InputModel):
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=5000)


class Author(APIModel):
    id: uuid.UUID
    name: str


class AnnouncementOut(APIModel):
    id: uuid.UUID
    title: str
    body: str
    created_at: datetime
    author: Author


class AnnouncementList(APIModel):
    items: list[AnnouncementOut]
