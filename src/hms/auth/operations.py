"""What the account entry points (the API and ``hms users``) declare to the pipeline. Users
live in the public schema."""

from __future__ import annotations

from hms.pipeline import Operation, Permission

# Any signed-in user, for their own account.
ME = Operation(None, hospital=False)
CREATE_USER = Operation(Permission.MANAGE_USERS, audit="user.create", writes=True, hospital=False)
LIST_USERS = Operation(Permission.MANAGE_USERS, hospital=False)
UPDATE_USER = Operation(Permission.MANAGE_USERS, audit="user.update", writes=True, hospital=False)
