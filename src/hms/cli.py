"""The ``hms`` command: serve, migrate, tenants, users, seed."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

from hms.auth.operations import CREATE_USER, UPDATE_USER
from hms.config import Settings, get_settings
from hms.pipeline import Call, Operation, Permission, run
from hms.pipeline.actor import operator
from hms.pipeline.commands import command_stores
from hms.pipeline.permissions import Role
from hms.platform import embedded
from hms.platform.db import Database
from hms.tenancy import operations as hospitals

app = typer.Typer(help="HMS — multi-tenant hospital management system", no_args_is_help=True)
tenants_app = typer.Typer(help="Hospitals (tenants)", no_args_is_help=True)
users_app = typer.Typer(help="User accounts", no_args_is_help=True)
seed_app = typer.Typer(help="Demo data", no_args_is_help=True)
app.add_typer(tenants_app, name="tenants")
app.add_typer(users_app, name="users")
app.add_typer(seed_app, name="seed")

console = Console()
err = Console(stderr=True)


@contextmanager
def stores(settings: Settings, *, redis: bool) -> Iterator[Settings]:
    """Use the configured servers, or start the embedded ones under the data dir."""
    need_pg = not settings.database_url
    need_redis = redis and not settings.redis_url
    started = None
    if need_pg or need_redis:
        where = settings.data_dir.resolve()
        console.print(f"[dim]starting embedded stores under {where}[/dim]")
        started = embedded.start(settings.data_dir, postgres=need_pg, redis=need_redis)
        if need_pg:
            settings.database_url = started.database_url
        if need_redis:
            settings.redis_url = started.redis_url
    try:
        yield settings
    finally:
        if started is not None:
            started.stop()


async def _migrate(settings: Settings, *, quiet: bool = False) -> None:
    from hms.tenancy.migrate import upgrade_all

    db = Database(settings.database_url or "")
    try:
        async with db.engine.connect() as conn:
            from sqlalchemy import text

            has_tenants = (
                await conn.execute(text("SELECT to_regclass('public.tenants') IS NOT NULL"))
            ).scalar()
            total: int = 0
            if has_tenants:
                total = (
                    await conn.execute(text("SELECT count(*) FROM public.tenants"))
                ).scalar_one()
        with Progress(console=console, disable=quiet) as progress:
            task = progress.add_task("migrating hospitals", total=total or 1)
            done = await upgrade_all(
                db, progress=lambda slug: progress.update(task, advance=1, description=slug)
            )
            progress.update(task, completed=total or 1)
        if not quiet:
            console.print(f"public and {len(done)} hospital schema(s) at head")
    finally:
        await db.dispose()


def _fail(message: str) -> None:
    err.print(f"[red]error:[/red] {message}")
    raise typer.Exit(1)


@app.command()
def migrate() -> None:
    """Bring the public schema and every hospital schema to the latest migration."""
    from hms.tenancy.migrate import MigrationFailed

    with stores(get_settings(), redis=False) as settings:
        try:
            asyncio.run(_migrate(settings))
        except MigrationFailed as exc:
            _fail(str(exc))


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on")] = None,
) -> None:
    """Run the server (embedded PostgreSQL and Redis unless HMS_DATABASE_URL/HMS_REDIS_URL)."""
    import uvicorn

    from hms.app import create_app
    from hms.seed import DEMO_PASSWORD, DEMO_USERS, seed_demo

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    with stores(get_settings(), redis=True) as settings:
        host = host or settings.host
        port = port or settings.port

        async def prepare() -> bool:
            await _migrate(settings, quiet=True)
            if not settings.seed_demo:
                return False
            db = Database(settings.database_url or "")
            try:
                return await seed_demo(db)
            finally:
                await db.dispose()

        seeded = asyncio.run(prepare())
        url = f"http://{host}:{port}/"
        console.print(f"\n[bold green]HMS[/bold green] at {url}")
        if settings.seed_demo:
            note = "seeded now" if seeded else "already present"
            console.print(f"Demo hospital 'demo' ({note}); password for all: {DEMO_PASSWORD}")
            for email, _, role in DEMO_USERS:
                console.print(f"  {role.value:<15} {email}")
        # uvicorn re-raises SIGTERM after its graceful shutdown; as SystemExit it lets the
        # `stores` context stop the embedded PostgreSQL and Redis instead of orphaning them.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        uvicorn.run(
            create_app(settings),
            host=host,
            port=port,
            log_level=settings.log_level,
            access_log=False,
            lifespan="on",
        )


def _command(op: Operation, work: Callable[[Call], Awaitable[None]]) -> None:
    """Migrate, then run ``work`` through the pipeline as the operator (every permission,
    audited under the role ``operator``) against the configured (or embedded) database."""
    from hms.platform.errors import HMSError

    async def run_command(settings: Settings) -> None:
        await _migrate(settings, quiet=True)
        db = Database(settings.database_url or "")
        try:
            async with command_stores(db) as stores:
                await run(stores, op, operator(), work)
        finally:
            await db.dispose()

    with stores(get_settings(), redis=False) as settings:
        try:
            asyncio.run(run_command(settings))
        except HMSError as exc:
            _fail(exc.message)


SEED = Operation(
    Permission.MANAGE_HOSPITALS, audit="seed.demo", writes=True, hospital=False, transaction=False
)


@tenants_app.command("create")
def tenants_create(
    slug: Annotated[str, typer.Option(help="Lowercase id, e.g. stmarys")],
    name: Annotated[str, typer.Option(help="Display name")],
    time_zone: Annotated[
        str, typer.Option(help="IANA time zone of the hospital's calendar day, e.g. Europe/London")
    ] = "UTC",
) -> None:
    """Create a hospital and its schema."""
    from hms.tenancy.service import create_hospital

    async def work(call: Call) -> None:
        tenant = await create_hospital(
            call.rt.db, slug=slug, name=name, time_zone=time_zone, actor=call.actor
        )
        console.print(
            f"created hospital {tenant.slug} (schema {tenant.schema_name}, "
            f"time zone {tenant.time_zone})"
        )

    _command(hospitals.CREATE, work)


@tenants_app.command("list")
def tenants_list() -> None:
    """List hospitals."""
    from hms.tenancy.service import list_hospitals

    async def work(call: Call) -> None:
        for t in await list_hospitals(call.session):
            console.print(f"{t.slug}\t{t.schema_name}\t{t.time_zone}\t{t.name}")

    _command(hospitals.LIST, work)


@users_app.command("create")
def users_create(
    email: Annotated[str, typer.Option()],
    role: Annotated[str, typer.Option(help="super_admin, hospital_admin, doctor, ...")],
    hospital: Annotated[str | None, typer.Option(help="Hospital slug")] = None,
    name: Annotated[str | None, typer.Option(help="Display name")] = None,
    password_stdin: Annotated[bool, typer.Option("--password-stdin")] = False,
) -> None:
    """Create a user; the password is read from standard input."""
    from pydantic import ValidationError

    from hms.auth.schemas import UserIn
    from hms.auth.service import create_user

    if not password_stdin:
        _fail("pass --password-stdin and pipe the password in")
    password = sys.stdin.readline().rstrip("\n")
    try:
        body = UserIn.model_validate(
            {
                "email": email,
                "name": name or email.split("@")[0],
                "role": role,
                "password": password,
                "hospital": hospital,
            }
        )
    except ValidationError as exc:
        _fail("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()))
        return

    async def work(call: Call) -> None:
        user = await create_user(
            call.session,
            email=str(body.email),
            name=body.name,
            role=Role(body.role),
            password=body.password,
            hospital_slug=body.hospital,
            actor=call.actor,
        )
        console.print(f"created {user.role} {user.email}")

    _command(CREATE_USER, work)


def _set_active(email: str, *, active: bool) -> None:
    from hms.auth.service import set_active_by_email

    async def work(call: Call) -> None:
        user = await set_active_by_email(call.session, email, active=active)
        console.print(f"{'enabled' if active else 'disabled'} {user.role} {user.email}")

    _command(UPDATE_USER, work)


@users_app.command("disable")
def users_disable(email: Annotated[str, typer.Option()]) -> None:
    """Disable a user: no login, and their sessions end within 15 minutes."""
    _set_active(email, active=False)


@users_app.command("enable")
def users_enable(email: Annotated[str, typer.Option()]) -> None:
    """Enable a disabled user again; they log in anew."""
    _set_active(email, active=True)


@seed_app.command("demo")
def seed_demo_cmd() -> None:
    """Create the demo hospital, its users and synthetic patients (once)."""
    from hms.seed import seed_demo

    async def work(call: Call) -> None:
        created = await seed_demo(call.rt.db)
        console.print("demo hospital seeded" if created else "demo hospital already present")

    _command(SEED, work)


if __name__ == "__main__":
    app()
