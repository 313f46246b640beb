"""The audit_log table as first created, shared by the public and tenant 0001 migrations.

Append-only by trigger: UPDATE, DELETE and TRUNCATE raise for every role that does not
disable triggers, the application's included.
"""

AUDIT_LOG_V1 = """
CREATE TABLE {schema}audit_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    actor_id uuid,
    actor_role text NOT NULL,
    hospital_id uuid,
    action text NOT NULL,
    patient_id uuid,
    outcome text NOT NULL,
    ip text,
    detail jsonb
);
CREATE INDEX ix_audit_log_patient ON {schema}audit_log (patient_id, at);
CREATE INDEX ix_audit_log_actor ON {schema}audit_log (actor_id, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON {schema}audit_log
    FOR EACH ROW EXECUTE FUNCTION public.audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON {schema}audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION public.audit_log_is_append_only();
"""


def create_audit_log(execute: object, schema_prefix: str) -> None:
    """Run the DDL one statement at a time (asyncpg prepares each statement)."""
    for statement in AUDIT_LOG_V1.format(schema=schema_prefix).split(";"):
        if statement.strip():
            execute(statement)  # type: ignore[operator]
