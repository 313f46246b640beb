"""Auth endpoints (the design's JWT sequence) and user management."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from hms.auth import service
from hms.auth.operations import CREATE_USER, LIST_USERS, LOGIN, LOGOUT, ME, REFRESH, UPDATE_USER
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
from hms.pipeline.http import anyone, endpoint

router = APIRouter(tags=["auth"])


# Login, refresh and logout: nobody is signed in yet (the anonymous door, no permission).
@router.post("/auth/login", operation_id="auth-login")
@endpoint(LOGIN, actor=anyone)
async def login(call: Call, body: LoginIn) -> TokensOut:
    return await service.login(call, email=body.email, password=body.password)


@router.post("/auth/refresh", operation_id="auth-refresh")
@endpoint(REFRESH, actor=anyone)
async def refresh(call: Call, body: RefreshIn) -> TokensOut:
    return await service.refresh(call, body.refresh_token)


@router.post("/auth/logout", status_code=204, operation_id="auth-logout")
@endpoint(LOGOUT, actor=anyone)
async def logout(call: Call, body: RefreshIn) -> Response:
    await service.logout(call.session, body.refresh_token)
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
