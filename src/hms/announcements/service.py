"""Posting and listing a hospital's announcements; each post is pushed live after commit."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hms.announcements.models import Announcement
from hms.announcements.schemas import AnnouncementOut, Author
from hms.auth.models import User
from hms.pipeline import Actor
from hms.platform.events import hospital_room, publish

EVENT = "announcement:new"


def _out(a: Announcement) -> AnnouncementOut:
    return AnnouncementOut(
        id=a.id,
        title=a.title,
        body=a.body,
        created_at=a.created_at,
        author=Author(id=a.author_id, name=a.author_name),
    )


async def post(session: AsyncSession, actor: Actor, *, title: str, body: str) -> AnnouncementOut:
    author_name = (
        await session.execute(select(User.name).where(User.id == uuid.UUID(actor.user_id)))
    ).scalar_one()
    announcement = Announcement(
        id=uuid.uuid4(),
        title=title,
        body=body,
        author_id=uuid.UUID(actor.user_id),
        author_name=author_name,
    )
    session.add(announcement)
    await session.flush()
    await session.refresh(announcement, ["created_at"])
    out = _out(announcement)
    assert actor.hospital is not None
    slug = actor.hospital.slug
    payload = out.model_dump(mode="json", by_alias=True)
    publish(session, EVENT, payload, to=hospital_room(slug), stream=slug)
    return out


async def latest(session: AsyncSession, *, limit: int = 50) -> list[AnnouncementOut]:
    rows = await session.execute(
        select(Announcement).order_by(Announcement.created_at.desc()).limit(limit)
    )
    return [_out(a) for a in rows.scalars()]
