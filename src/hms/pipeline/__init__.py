"""One way in: every request, socket event, job and command runs through ``core.run``.

``Operation`` declares an entry point's permission, audit action and whether it writes;
``http.endpoint`` and ``sockets.SocketEvent`` are the doors (docs/architecture.md).
"""

from hms.pipeline.actor import Actor
from hms.pipeline.core import Call, Operation, PatientOf, run
from hms.pipeline.permissions import Permission

__all__ = ["Actor", "Call", "Operation", "PatientOf", "Permission", "run"]
