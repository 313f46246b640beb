"""Alembic environment for one hospital schema; run through hms.tenancy.migrate.

The migration connection is dedicated (never pooled for requests), and its search_path is
set with SET LOCAL inside the migration transaction, so tenant DDL needs no schema names.
"""

from alembic import context

connection = context.config.attributes["connection"]
schema = context.config.attributes["schema"]
connection.exec_driver_sql(f'SET LOCAL search_path TO "{schema}", public')
context.configure(connection=connection, version_table_schema=schema, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
