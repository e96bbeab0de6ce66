"""Alembic environment: migrate the connection Stridelift hands over, inside its transaction."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, text

from stridelift.adapters.store.job_tables import ours
from stridelift.adapters.store.tables import Base

# An arbitrary constant: the PostgreSQL advisory lock that serializes migrations.
_MIGRATION_LOCK_ID = 0x5374_7269_6465


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
        include_name=ours,  # procrastinate's tables are its own (0010)
    )
    with context.begin_transaction():
        if context.get_context().dialect.name == "postgresql":
            # Two processes upgrading at once: the second waits, then finds nothing to do.
            context.execute(text(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK_ID})"))
        context.run_migrations()


def _main() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    # Run from the alembic command line (for developers writing a revision).
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.begin() as conn:
        _run(conn)


if context.is_offline_mode():  # pragma: no cover - Stridelift never renders SQL scripts
    context.configure(
        url=context.config.get_main_option("sqlalchemy.url"),
        target_metadata=Base.metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    _main()
