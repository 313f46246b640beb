"""Auth endpoints (the design's JWT sequence) and user management."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Request, Response

from hms.auth import service
from hms.auth.operations import CREATE_USER, LIST_USERS, ME, UPDATE_USER
from hms.auth.schemas import (
    LoginIn,
    MeOut,
    RefreshIn,
    TokensOut,
    UserIn,
    UserOut,
    UserUpdate,
)
from hms.pipeline import Call
from hms.pipeline.http import client_ip, endpoint
from hms.pipeline.runtime import Runtime, get_runtime

router = APIRouter(tags=["auth"])


# Login, refresh and logout have no actor yet: plain routes, outside the pipeline.
@router.post("/auth/login", operation_id="auth-login")
async def login(body: LoginIn, request: Request, rt: Runtime = Depends(get_runtime)) -> TokensOut:
    return await service.login(rt, email=body.email, password=body.password, ip=client_ip(request))


@router.post("/auth/refresh", operation_id="auth-refresh")
async def refresh(body: RefreshIn, rt: Runtime = Depends(get_runtime)) -> TokensOut:
    return await service.refresh(rt, body.refresh_token)


@router.post("/auth/logout", status_code=204, operation_id="auth-logout")
async def logout(body: RefreshIn, rt: Runtime = Depends(get_runtime)) -> Response:
    await service.logout(rt, body.refresh_token)
    return Response(status_code=204)


@router.get("/auth/me", operation_id="auth-me")
@endpoint(ME)
async def me(call: Call) -> MeOut:
    return await service.me(call.session, call.actor)


@router.post("/users", status_code=201, operation_id="users-create")
@endpoint(CREATE_USER)
async def create_user(call: Call, body: UserIn) -> UserOut:
    actor = call.actor
    hospital = body.hospital
    if hospital is None and actor.hospital is not None:
        hospital = actor.hospital.slug
    service.authorize_user_admin(actor, role=body.role, hospital_slug=hospital)
    user = await service.create_user(
        call.session,
        email=str(body.email),
        name=body.name,
        role=body.role,
        password=body.password,
        hospital_slug=hospital,
        actor=actor,
    )
    return UserOut.model_validate(user)


@router.get("/users", operation_id="users-list")
@endpoint(LIST_USERS)
async def list_users(call: Call) -> list[UserOut]:
    return [UserOut.model_validate(u) for u in await service.list_users(call.session, call.actor)]


@router.patch("/users/{user_id}", operation_id="users-update")
@endpoint(UPDATE_USER)
async def update_user(call: Call, user_id: uuid.UUID, body: UserUpdate) -> UserOut:
    """Rename a user, change their role, disable or enable them, or reset their password.
    Disabling, a role change and a reset end the user's sessions (docs/permissions.md)."""
    user = await service.update_user(
        call.session,
        call.actor,
        user_id,
        name=body.name,
        role=body.role,
        active=body.active,
        password=body.password,
    )
    return UserOut.model_validate(user)
