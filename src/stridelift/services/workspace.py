"""The store a command or page works on: opened (and migrated) from a database URL.

The faces (cli/, and the web app to come) open the database through this module and pass
what it yields to the other services; they never import the store adapter themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from stridelift.settings import resolve_settings

if TYPE_CHECKING:  # the store (SQLAlchemy, Alembic) loads only where a database is opened
    from stridelift.adapters.store.engine import Store

    Workspace = Store
else:
    Workspace = object


@contextmanager
def opened(db: str | None, *, upgrade: bool = True) -> Iterator[Workspace]:
    """The database of this run (``db``, else the settings' URL), migrated first unless
    ``upgrade`` is False, closed on the way out."""
    from stridelift.adapters.store.engine import open_store

    store = open_store(resolve_settings(db).database_url, upgrade=upgrade)
    try:
        yield store
    finally:
        store.close()


@dataclass(frozen=True, slots=True)
class Upgrade:
    """What ``upgrade_schema`` did: the schema revision before and after."""

    url: str
    before: str | None
    after: str | None
    migrated: bool


def upgrade_schema(db: str | None) -> Upgrade:
    """Create the database or bring it to the newest schema."""
    with opened(db, upgrade=False) as store:
        before = store.current_revision()
        migrated = store.upgrade()
        return Upgrade(str(store.url), before, store.current_revision(), bool(migrated))


@dataclass(frozen=True, slots=True)
class DatabaseInfo:
    """Where the database is, its schema revision, the newest one, and its row counts."""

    url: str
    revision: str | None
    newest: str
    counts: dict[str, int]


def database_info(db: str | None) -> DatabaseInfo:
    """The database's URL, schema revisions and how many rows each table holds."""
    from stridelift.adapters.store.engine import head_revision

    with opened(db) as store:
        with store.reading() as repo:
            counts = repo.row_counts()
        return DatabaseInfo(str(store.url), store.current_revision(), head_revision(), counts)
