"""Alembic environment. The program hands over an open connection (config.attributes["connection"]),
so migrations run on the same encrypted SQLite file or PostgreSQL server the program uses."""

from __future__ import annotations

from alembic import context

from ibp_desktop.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("IBP Desktop runs its migrations itself: use 'ibp-desktop check' or start the program")

# render_as_batch: SQLite cannot ALTER most things, Alembic then copies the table instead.
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
