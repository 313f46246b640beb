"""Auth endpoints (the design's JWT sequence) and user management."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Request, Response

from hms.audit.writes import record_refusal
from hms.auth import service
from hms.auth.deps import Actor, client_ip, current_actor, require
from hms.auth.permissions import Permission
from hms.auth.schemas import (
    LoginIn,
    MeOut,
    RefreshIn,
    TokensOut,
    UserIn,
    UserOut,
    UserUpdate,
)
from hms.platform.errors import HMSError
from hms.runtime import Runtime, get_runtime

router = APIRouter(tags=["auth"])

MANAGE_USERS = require(Permission.MANAGE_USERS)


@router.post("/auth/login", response_model=TokensOut, operation_id="auth-login")
async def login(body: LoginIn, request: Request, rt: Runtime = Depends(get_runtime)) -> TokensOut:
    return await service.login(rt, email=body.email, password=body.password, ip=client_ip(request))


@router.post("/auth/refresh", response_model=TokensOut, operation_id="auth-refresh")
async def refresh(body: RefreshIn, rt: Runtime = Depends(get_runtime)) -> TokensOut:
    return await service.refresh(rt, body.refresh_token)


@router.post("/auth/logout", status_code=204, operation_id="auth-logout")
async def logout(body: RefreshIn, rt: Runtime = Depends(get_runtime)) -> Response:
    await service.logout(rt, body.refresh_token)
    return Response(status_code=204)


@router.get("/auth/me", response_model=MeOut, operation_id="auth-me")
async def me(rt: Runtime = Depends(get_runtime), actor: Actor = Depends(current_actor)) -> MeOut:
    async with rt.db.session() as session:
        return await service.me(session, actor)


@router.post("/users", status_code=201, response_model=UserOut, operation_id="users-create")
async def create_user(
    body: UserIn,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(MANAGE_USERS),
) -> UserOut:
    hospital = body.hospital
    if hospital is None and actor.hospital is not None:
        hospital = actor.hospital.slug
    try:
        service.authorize_user_admin(actor, role=body.role, hospital_slug=hospital)
        async with rt.db.transaction() as session:
            user = await service.create_user(
                session,
                email=str(body.email),
                name=body.name,
                role=body.role,
                password=body.password,
                hospital_slug=hospital,
                actor=actor,
            )
    except HMSError as exc:
        record_refusal(rt, actor, "user.create", None, exc)
        raise
    return UserOut.model_validate(user)


@router.get("/users", response_model=list[UserOut], operation_id="users-list")
async def list_users(
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(MANAGE_USERS),
) -> list[UserOut]:
    async with rt.db.session() as session:
        return [UserOut.model_validate(u) for u in await service.list_users(session, actor)]


@router.patch("/users/{user_id}", response_model=UserOut, operation_id="users-update")
async def update_user(
    user_id: uuid.UUID,
    body: UserUpdate,
    rt: Runtime = Depends(get_runtime),
    actor: Actor = Depends(MANAGE_USERS),
) -> UserOut:
    """Rename a user, change their role, disable or enable them, or reset their password.
    Disabling, a role change and a reset end the user's sessions (docs/permissions.md)."""
    try:
        async with rt.db.transaction() as session:
            user = await service.update_user(
                session,
                actor,
                user_id,
                name=body.name,
                role=body.role,
                active=body.active,
                password=body.password,
            )
    except HMSError as exc:
        record_refusal(rt, actor, "user.update", None, exc)
        raise
    return UserOut.model_validate(user)
