"""Posting and listing a hospital's announcements; each post is pushed live after commit."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hms.announcements.models import Announcement
from hms.announcements.schemas import AnnouncementOut, Author
from hms.auth.deps import Actor
from hms.auth.models import User
from hms.platform.uow import after_commit
from hms.realtime.rooms import PLATFORM, hospital_room
from hms.runtime import Runtime

EVENT = "announcement:new"


def _out(a: Announcement) -> AnnouncementOut:
    return AnnouncementOut(
        id=a.id,
        title=a.title,
        body=a.body,
        created_at=a.created_at,
        author=Author(id=a.author_id, name=a.author_name),
    )


async def post(
    session: AsyncSession, rt: Runtime, actor: Actor, *, title: str, body: str
) -> AnnouncementOut:
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
    room = hospital_room(actor.hospital.slug) if actor.hospital else PLATFORM
    payload = out.model_dump(mode="json", by_alias=True)
    after_commit(session, lambda: rt.emit(EVENT, payload, room=room))
    return out


async def latest(session: AsyncSession, *, limit: int = 50) -> list[AnnouncementOut]:
    rows = await session.execute(
        select(Announcement).order_by(Announcement.created_at.desc()).limit(limit)
    )
    return [_out(a) for a in rows.scalars()]
