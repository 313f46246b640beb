"""What the hospital entry points (the API and ``hms tenants``) declare to the pipeline."""

from __future__ import annotations

from hms.pipeline import Operation, Permission

# The hospital's schema is made by DDL in transactions of its own (service.create_hospital):
# no transaction around it.
CREATE = Operation(
    Permission.MANAGE_HOSPITALS,
    audit="hospital.create",
    writes=True,
    hospital=False,
    transaction=False,
)
LIST = Operation(Permission.MANAGE_HOSPITALS, hospital=False)
UPDATE = Operation(
    Permission.MANAGE_HOSPITALS, audit="hospital.update", writes=True, hospital=False
)
