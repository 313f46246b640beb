"""What the account entry points (the API and ``hms users``) declare to the pipeline. Users
live in the public schema."""

from __future__ import annotations

from hms.pipeline import Operation, Permission

# The token endpoints, which write refresh tokens: anyone may call them, the credential in
# the body decides; a refusal (a wrong password, a reused token) is audited.
LOGIN = Operation(None, writes=True, audit="auth.login", hospital=False)
REFRESH = Operation(None, writes=True, audit="auth.refresh", hospital=False)
LOGOUT = Operation(None, writes=True, audit="auth.logout", hospital=False)
# Any signed-in user, for their own account.
ME = Operation(None, hospital=False)
CREATE_USER = Operation(Permission.MANAGE_USERS, audit="user.create", writes=True, hospital=False)
LIST_USERS = Operation(Permission.MANAGE_USERS, hospital=False)
UPDATE_USER = Operation(Permission.MANAGE_USERS, audit="user.update", writes=True, hospital=False)
