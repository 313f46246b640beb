"""Announcement endpoints."""

from __future__ import annotations

from fastapi import APIRouter

from hms.announcements import service
from hms.announcements.schemas import AnnouncementIn, AnnouncementList, AnnouncementOut
from hms.pipeline import Call, Operation, Permission
from hms.pipeline.http import endpoint

router = APIRouter(prefix="/announcements", tags=["announcements"])

POST = Operation(Permission.POST_ANNOUNCEMENTS, audit="announcement.post", writes=True)
LIST = Operation(Permission.VIEW_ANNOUNCEMENTS)


@router.post("", status_code=201, operation_id="announcements-create")
@endpoint(POST)
async def post_announcement(call: Call, body: AnnouncementIn) -> AnnouncementOut:
    return await service.post(call.session, call.actor, title=body.title, body=body.body)


@router.get("", operation_id="announcements-list")
@endpoint(LIST)
async def list_announcements(call: Call) -> AnnouncementList:
    return AnnouncementList(items=await service.latest(call.session))
