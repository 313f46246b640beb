"""Announcement endpoints."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from hms.announcements import service
from hms.announcements.schemas import AnnouncementIn, AnnouncementList, AnnouncementOut
from hms.auth.deps import Actor, require
from hms.auth.permissions import Permission
from hms.platform.uow import unit_of_work
from hms.runtime import Runtime, get_runtime

router = APIRouter(prefix="/announcements", tags=["announcements"])


@router.post(
    "", status_code=201, response_model=AnnouncementOut, operation_id="announcements-create"
)
async def post_announcement(
    body: AnnouncementIn,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(require(Permission.POST_ANNOUNCEMENTS)),
) -> AnnouncementOut:
    async with unit_of_work(rt.db, actor.schema) as session:
        return await service.post(session, rt, actor, title=body.title, body=body.body)


@router.get("", response_model=AnnouncementList, operation_id="announcements-list")
async def list_announcements(
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(require(Permission.VIEW_ANNOUNCEMENTS)),
) -> AnnouncementList:
    async with rt.db.session(actor.schema) as session:
        return AnnouncementList(items=await service.latest(session))
