"""Open the database: engine set-up (SQLite pragmas, PostgreSQL), migrations, transactions."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, String, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from stridelift.adapters.store.repository import Repository
from stridelift.errors import StrideliftError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# How long a writer waits for another process's transaction before giving up (ms).
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Execution option telling the SQLite "begin" hook which lock a transaction takes.
_BEGIN_OPTION = "stridelift_sqlite_begin"


class StoreError(StrideliftError):
    """The database cannot be opened, migrated or written; the message says which and why."""


def alembic_config() -> Config:
    """An Alembic configuration built in code (no alembic.ini): our shipped migrations.

    The connection to migrate is handed over in ``config.attributes["connection"]``.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    return config


def head_revision() -> str:
    """The newest migration this version of Stridelift ships."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships migrations
        raise StoreError("no database migrations found in the package")
    return head


def _journal_wal(cursor: Any) -> None:
    """Switch the file to WAL. While other processes open and migrate the same new file,
    the switch can answer "database is locked" (seen with four processes migrating a new
    database at once on a loaded machine): try again, for twice the busy timeout."""
    deadline = time.monotonic() + 2 * SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_hooks(engine: Engine) -> None:
    """WAL, foreign keys, a busy timeout, and transactions that take their lock up front.

    pysqlite's own transaction handling starts transactions late and never for DDL;
    we switch it off and issue BEGIN ourselves. Writers use BEGIN IMMEDIATE: a
    deferred transaction that later needs to write can fail at once with
    "database is locked" instead of waiting for the other writer.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        _journal_wal(cursor)
        cursor.execute("PRAGMA foreign_keys = ON")
        # NORMAL is durable against process crashes in WAL mode; only power loss may
        # lose the last commits (https://www.sqlite.org/pragma.html#pragma_synchronous).
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get(_BEGIN_OPTION, "IMMEDIATE")
        connection.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str) -> Engine:
    """Create the SQLAlchemy engine for a normalized URL (see ``settings.normalize_database_url``).

    Raises:
        StoreError: when the URL cannot be understood or its SQLite folder cannot be made.
    """
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise StoreError(f"not a database URL: {url!r}") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot create the folder for {database}: {exc.strerror}"
                ) from exc
        engine = create_engine(parsed)
        _sqlite_hooks(engine)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use the database driver {parsed.drivername!r}: {exc}") from exc


class Store:
    """An open database: run its migrations, and hand out one transaction at a time.

    Every ``transaction()`` is one unit of work: it commits whole when the block
    ends and rolls back whole on any exception.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._reader = engine.execution_options(**{_BEGIN_OPTION: "DEFERRED"})

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    def current_revision(self) -> str | None:
        """The migration the database is at, or None for a database never migrated."""
        try:
            with self._reader.connect() as conn:
                return MigrationContext.configure(conn).get_current_revision()
        except DBAPIError as exc:
            raise StoreError(f"cannot open the database {self.url}: {_one_line(exc)}") from exc

    def has_table(self, name: str) -> bool:
        """True when the database holds the table (a database not yet migrated may not)."""
        try:
            with self._reader.connect() as conn:
                return inspect(conn).has_table(name)
        except DBAPIError as exc:
            raise StoreError(f"cannot open the database {self.url}: {_one_line(exc)}") from exc

    def upgrade(self) -> bool:
        """Bring the database to the newest schema; returns True when a migration ran.

        Safe when several processes start at once: the migration takes the write
        lock (SQLite) or an advisory lock (PostgreSQL) and re-reads the version.
        """
        head = head_revision()
        if self.current_revision() == head:
            return False
        config = alembic_config()
        try:
            with self.engine.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
        except CommandError as exc:
            raise StoreError(
                f"the database {self.url} is at a schema this Stridelift does not know "
                f"({exc}); upgrade Stridelift"
            ) from exc
        except DBAPIError as exc:
            raise StoreError(f"cannot migrate the database {self.url}: {_one_line(exc)}") from exc
        return True

    @contextmanager
    def transaction(self) -> Iterator[Repository]:
        """One write transaction: all of it is committed, or none of it."""
        with self._session(self.engine) as repo:
            yield repo

    @contextmanager
    def reading(self) -> Iterator[Repository]:
        """A read-only view; it never blocks writers (SQLite WAL) and is never committed."""
        session = Session(self._reader, expire_on_commit=False, autoflush=False)
        try:
            yield Repository(session)
        except DBAPIError as exc:
            raise StoreError(f"database error: {_one_line(exc)}") from exc
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def _session(self, bind: Engine) -> Iterator[Repository]:
        session = Session(bind, expire_on_commit=False, autoflush=True)
        event.listen(session, "before_flush", _check_text)
        try:
            yield Repository(session)
            session.commit()
        except DBAPIError as exc:
            session.rollback()
            raise StoreError(f"database error, nothing was written: {_one_line(exc)}") from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()


def _check_text(session: Session, _context: Any, _instances: Any) -> None:
    """Hold every text to what both databases store: SQLite would keep a NUL character or
    an overlong name that PostgreSQL refuses, so neither keeps them."""
    for row in (*session.new, *session.dirty):
        table = row.__table__
        for column in table.columns:
            value = getattr(row, column.key, None)
            if not isinstance(value, str) or not isinstance(column.type, String):
                continue
            where = f"{table.name}.{column.name}"
            if "\x00" in value:
                raise StoreError(f"{where}: the text holds a NUL character; nothing was written")
            limit = column.type.length
            if limit is not None and len(value) > limit:
                raise StoreError(
                    f"{where}: the text is longer than {limit} characters; nothing was written"
                )


def _one_line(exc: SQLAlchemyError) -> str:
    """The driver's message without SQLAlchemy's statement dump and background links."""
    original = getattr(exc, "orig", None)
    text = str(original) if original is not None else str(exc)
    return " ".join(text.split("\n")[0].split())


def open_store(url: str, *, upgrade: bool = True) -> Store:
    """Open the database at ``url`` and, unless told not to, migrate it to the newest schema."""
    store = Store(make_engine(url))
    if upgrade:
        try:
            store.upgrade()
        except BaseException:
            store.close()
            raise
    return store
