"""The pipeline's door for commands (``hms`` on the command line, the demo seed): the stores a
process without a web server needs to run operations as the operator."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from hms.audit.service import AuditQueue
from hms.platform.db import Database
from hms.platform.events import Publisher
from hms.platform.hospitals import HospitalRegistry


@dataclass
class CommandStores:
    db: Database
    audit: AuditQueue
    events: Publisher  # no Socket.IO server here: live events are dropped
    registry: HospitalRegistry


@asynccontextmanager
async def command_stores(db: Database) -> AsyncIterator[CommandStores]:
    stores = CommandStores(
        db,
        AuditQueue(db, interval=1.0, batch=1000),
        Publisher(None, prefix="hms"),
        HospitalRegistry(db),
    )
    await stores.registry.reload()
    try:
        yield stores
    finally:
        await stores.audit.flush()
