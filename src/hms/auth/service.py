"""Login, refresh-token rotation with reuse detection, logout, and user management.

The durable record of every refresh token is PostgreSQL (only its SHA-256 is stored), so a
Redis restart logs nobody out and revives no revoked token.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hms.audit import service as audit
from hms.auth.models import RefreshToken, User
from hms.auth.schemas import HospitalRef, MeOut, TokensOut
from hms.config import Settings
from hms.pipeline import Actor, Call
from hms.pipeline.permissions import Role, permissions_of
from hms.platform.db import refuse_duplicate
from hms.platform.errors import (
    Forbidden,
    InvalidInput,
    NotFound,
    TooManyRequests,
    Unauthorized,
)
from hms.platform.metrics import LOGIN_ATTEMPTS
from hms.platform.security import (
    hash_password,
    hash_token,
    issue_access_token,
    new_refresh_token,
    verify_password,
)
from hms.tenancy.models import Tenant

BAD_LOGIN = "Invalid email or password."
DISABLED = "Your account is disabled; ask your administrator."


async def _issue(
    session: AsyncSession, settings: Settings, user: User, tenant: Tenant | None, family: uuid.UUID
) -> TokensOut:
    claims = {"sub": str(user.id), "role": user.role}
    if tenant is not None:
        claims |= {"hid": str(tenant.id), "hsl": tenant.slug}
    access, _ = issue_access_token(settings.secret(), claims, settings.access_token_minutes)
    refresh = new_refresh_token()
    await session.execute(
        insert(RefreshToken).values(
            id=uuid.uuid4(),
            family_id=family,
            user_id=user.id,
            token_hash=hash_token(refresh),
            expires_at=datetime.now(UTC) + timedelta(days=settings.refresh_token_days),
        )
    )
    return TokensOut(
        access_token=access, refresh_token=refresh, expires_in=settings.access_token_minutes * 60
    )


async def _user_and_tenant(session: AsyncSession, user_id: uuid.UUID) -> tuple[User, Tenant | None]:
    row = (
        await session.execute(
            select(User, Tenant)
            .outerjoin(Tenant, Tenant.id == User.hospital_id)
            .where(User.id == user_id)
        )
    ).first()
    if row is None:
        raise Unauthorized("Your account no longer exists.")
    return row[0], row[1]


async def login(call: Call, *, email: str, password: str) -> TokensOut:
    """Tokens for the right password of an active account. Failures count towards the
    per-account and per-address limits (Redis, checked before the password)."""
    rt, session = call.rt, call.session
    email = email.strip().lower()
    limits = (
        (rt.settings.login_limit_per_account, "login-account", email),
        (rt.settings.login_limit_per_ip, "login-ip", call.actor.ip or "unknown"),
    )
    for limit, *key in limits:
        wait = await rt.limiter.retry_after(limit, *key)
        if wait is not None:
            LOGIN_ATTEMPTS.labels("limited").inc()
            raise TooManyRequests(
                f"Too many failed logins; try again in {int(wait)} seconds.",
                headers={"Retry-After": str(int(wait))},
            )
    row = (
        await session.execute(
            select(User, Tenant)
            .outerjoin(Tenant, Tenant.id == User.hospital_id)
            .where(User.email == email)
        )
    ).first()
    user, tenant = (row[0], row[1]) if row else (None, None)
    # Verified even for an unknown email (against a dummy hash): the answer takes as long.
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None:
        for limit, *key in limits:
            await rt.limiter.hit(limit, *key)
        LOGIN_ATTEMPTS.labels("failed").inc()
        raise Unauthorized(BAD_LOGIN)
    if not user.is_active:
        # Only the right password learns that the account is disabled.
        LOGIN_ATTEMPTS.labels("disabled").inc()
        raise Unauthorized(DISABLED)
    LOGIN_ATTEMPTS.labels("ok").inc()
    return await _issue(session, rt.settings, user, tenant, uuid.uuid4())


async def refresh(call: Call, token: str) -> TokensOut:
    """New tokens for a refresh token, rotating it. The conditional UPDATE decides races: of
    two refreshes with one token, exactly one sees a row come back. A refusal that revokes
    (the rotated token of a disabled user, a reused token's whole login) commits first."""
    session, settings = call.session, call.rt.settings
    digest = hash_token(token)
    now = datetime.now(UTC)
    rotated = (
        await session.execute(
            update(RefreshToken)
            .where(
                RefreshToken.token_hash == digest,
                RefreshToken.revoked_at.is_(None),
                RefreshToken.expires_at > now,
            )
            .values(rotated_at=now, revoked_at=now)
            .returning(RefreshToken.family_id, RefreshToken.user_id)
        )
    ).first()
    if rotated is not None:
        user, tenant = await _user_and_tenant(session, rotated.user_id)
        if user.is_active:
            return await _issue(session, settings, user, tenant, rotated.family_id)
        # Disabling revokes the user's tokens: say why the refresh failed, not just that.
        raise Unauthorized(DISABLED, commits=True)
    known = (
        await session.execute(select(RefreshToken).where(RefreshToken.token_hash == digest))
    ).scalar_one_or_none()
    if known is None:
        raise Unauthorized("Unknown refresh token; log in again.")
    owner = await session.get(User, known.user_id)
    if owner is not None and not owner.is_active:
        raise Unauthorized(DISABLED)
    if known.revoked_at is None:
        raise Unauthorized("Refresh token expired; log in again.")
    grace = timedelta(seconds=settings.refresh_reuse_grace_seconds)
    if known.rotated_at is not None and now - known.rotated_at <= grace:
        raise Unauthorized("Refresh token was just used by another request; use the new one.")
    if known.rotated_at is not None:
        # A rotated token presented again: treat as theft and end the whole login.
        await session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == known.family_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        raise Unauthorized(
            "Refresh token reuse detected; every session of this login is revoked.", commits=True
        )
    raise Unauthorized("Refresh token revoked; log in again.")


async def logout(session: AsyncSession, token: str) -> None:
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.token_hash == hash_token(token), RefreshToken.revoked_at.is_(None))
        .values(revoked_at=datetime.now(UTC))
    )


async def me(session: AsyncSession, actor: Actor) -> MeOut:
    user, tenant = await _user_and_tenant(session, uuid.UUID(actor.user_id))
    return MeOut(
        id=user.id,
        email=user.email,
        name=user.name,
        role=Role(user.role),
        hospital=HospitalRef(id=tenant.id, slug=tenant.slug, name=tenant.name) if tenant else None,
        permissions=permissions_of(user.role),
    )


def authorize_user_admin(actor: Actor, *, role: Role, hospital_slug: str | None) -> None:
    """Super admins manage anyone; hospital admins only non-super users of their own hospital."""
    if actor.role == Role.SUPER_ADMIN:
        return
    if role == Role.SUPER_ADMIN:
        raise Forbidden("Only a super admin can create super admins.")
    if actor.hospital is None or hospital_slug not in (None, actor.hospital.slug):
        raise Forbidden("Hospital admins manage users of their own hospital only.")


async def create_user(
    session: AsyncSession,
    *,
    email: str,
    name: str,
    role: Role,
    password: str,
    hospital_slug: str | None,
    actor: Actor | None = None,
) -> User:
    """A user; audited in public.audit_log when an actor (not the command line) creates it."""
    tenant = None
    if role == Role.SUPER_ADMIN:
        if hospital_slug:
            raise InvalidInput("A super admin belongs to no hospital; leave 'hospital' empty.")
    else:
        if not hospital_slug:
            raise InvalidInput(f"A {role.value} needs a hospital; give its slug.")
        tenant = (
            await session.execute(select(Tenant).where(Tenant.slug == hospital_slug))
        ).scalar_one_or_none()
        if tenant is None:
            raise NotFound(f"No hospital with slug {hospital_slug!r}.")
    user = User(
        id=uuid.uuid4(),
        email=email.strip().lower(),
        name=name,
        role=role.value,
        password_hash=hash_password(password),
        hospital_id=tenant.id if tenant else None,
        is_active=True,
    )
    session.add(user)
    async with refuse_duplicate(session, f"A user with email {user.email!r} already exists."):
        await session.flush()
    if actor is not None:
        detail = {"role": user.role, "hospital": hospital_slug if tenant else None}
        await _audit(session, actor, "user.create", user, detail)
    return user


async def update_user(
    session: AsyncSession,
    actor: Actor,
    user_id: uuid.UUID,
    *,
    name: str | None = None,
    role: Role | None = None,
    active: bool | None = None,
    password: str | None = None,
) -> User:
    """Rename, change the role of, disable or enable a user, or reset their password.

    Disabling, a role change and a password reset revoke every refresh token of the user, so
    their sessions end when the access token in hand lapses (at most 15 minutes)."""
    user = await _user_for_admin(session, actor, user_id)
    changes: dict[str, Any] = {}
    if name is not None and name != user.name:
        changes["name"] = {"from": user.name, "to": name}
        user.name = name
    if role is not None and role.value != user.role:
        _check_role_change(actor, user, role)
        changes["role"] = {"from": user.role, "to": role.value}
        user.role = role.value
    if active is not None and active != user.is_active:
        if not active and str(user.id) == actor.user_id:
            raise Forbidden("You cannot disable your own account; ask another administrator.")
        changes["active"] = {"from": user.is_active, "to": active}
        user.is_active = active
    if password is not None:
        changes["password"] = "reset"  # that it changed, never the value
        user.password_hash = hash_password(password)
    await session.flush()
    if changes.keys() & {"role", "active", "password"}:
        await revoke_refresh_tokens(session, user.id)
    await _audit(session, actor, "user.update", user, {"changes": changes})
    return user


async def _user_for_admin(session: AsyncSession, actor: Actor, user_id: uuid.UUID) -> User:
    """The user, locked for the change; another hospital's user is "not found" to a hospital
    admin, so user ids of other hospitals cannot be probed."""
    user = (
        await session.execute(select(User).where(User.id == user_id).with_for_update())
    ).scalar_one_or_none()
    visible = user is not None and (
        actor.role == Role.SUPER_ADMIN
        or (actor.hospital is not None and user.hospital_id == actor.hospital.id)
    )
    if user is None or not visible:
        raise NotFound(f"No user with id {user_id}.")
    return user


def _check_role_change(actor: Actor, user: User, role: Role) -> None:
    if str(user.id) == actor.user_id:
        raise Forbidden("You cannot change your own role; ask another administrator.")
    if role == Role.SUPER_ADMIN and actor.role != Role.SUPER_ADMIN:
        raise Forbidden("Only a super admin can grant the super_admin role.")
    # A super admin belongs to no hospital and every other role to one; the API does not
    # move users between hospitals, so that boundary is never crossed by a role change.
    if (role == Role.SUPER_ADMIN) != (user.role == Role.SUPER_ADMIN):
        raise InvalidInput(
            "A super admin belongs to no hospital and other roles to one: create a separate "
            "account instead of changing this role."
        )


async def set_active_by_email(session: AsyncSession, email: str, *, active: bool) -> User:
    """The command line's disable/enable (an operator on the server, not audited, like
    ``hms users create``); disabling revokes the user's refresh tokens as the API does."""
    email = email.strip().lower()
    user = (
        await session.execute(select(User).where(User.email == email).with_for_update())
    ).scalar_one_or_none()
    if user is None:
        raise NotFound(f"No user with email {email!r}.")
    if user.is_active != active:
        user.is_active = active
        if not active:
            await revoke_refresh_tokens(session, user.id)
    return user


async def revoke_refresh_tokens(session: AsyncSession, user_id: uuid.UUID) -> None:
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=datetime.now(UTC))
    )


async def _audit(
    session: AsyncSession, actor: Actor, action: str, user: User, detail: dict[str, Any]
) -> None:
    await audit.record(
        session,
        actor,
        action=action,
        patient_id=None,
        detail={"userId": str(user.id), "email": user.email, **detail},
    )


async def list_users(session: AsyncSession, actor: Actor) -> list[User]:
    query = select(User).order_by(User.email)
    if actor.role != Role.SUPER_ADMIN:
        query = query.where(User.hospital_id == (actor.hospital.id if actor.hospital else None))
    return list((await session.execute(query)).scalars())
