"""Back up every table to one versioned JSON document, and restore it into an empty database."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, Date, Float, Table, func, insert, select, text
from sqlalchemy.orm import Session

from stridelift.adapters.store.backup_checks import BackupError, check_row, load_value
from stridelift.adapters.store.tables import Base, UTCDateTime

BACKUP_FORMAT = "stridelift.backup/1"
__all__ = ["BACKUP_FORMAT", "BackupError", "backup_document", "restore_document"]
# Sign-in state, not the log: a restored session would sign a browser in again after its
# logout, and old failed logins would still count. Users (and their hashes) are kept.
# The server's signing key stays with its server: a backup file never carries it.
# Background jobs are work in flight (and uploads' bytes), not the log: what they stored is.
NOT_BACKED_UP = frozenset({"web_sessions", "login_failures", "server_secrets", "jobs", "job_files"})


def _dump_value(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, UTCDateTime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(column.type, Date):
        return value.isoformat()
    if isinstance(column.type, Float):
        return float(value)
    return value


def dump_tables(session: Session) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, rows ordered by id, as JSON-ready dictionaries."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in Base.metadata.sorted_tables:
        if table.name in NOT_BACKED_UP:
            continue
        rows = session.execute(select(table).order_by(table.c.id)).mappings()
        tables[table.name] = [
            {c.name: _dump_value(c, row[c.name]) for c in table.columns} for row in rows
        ]
    return tables


def backup_document(session: Session, schema_revision: str | None, now: datetime) -> dict[str, Any]:
    """The whole database as one document: format version, schema revision, then tables."""
    return {
        "format": BACKUP_FORMAT,
        "schema_revision": schema_revision,
        "created_at": now.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "tables": dump_tables(session),
    }


def _checked_rows(table: Table, rows: object) -> list[dict[str, Any]]:
    if not isinstance(rows, list):
        raise BackupError(f"backup: tables.{table.name} is not a list of rows")
    known = set(table.columns.keys())
    checked: list[dict[str, Any]] = []
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            raise BackupError(f"backup: tables.{table.name}[{i}] is not an object")
        unknown = sorted(set(row) - known)
        if unknown:
            raise BackupError(f"backup: tables.{table.name}[{i}] has unknown column {unknown[0]!r}")
        where = f"tables.{table.name}[{i}]"
        loaded = {
            c.name: load_value(f"{where}.{c.name}", c, row.get(c.name)) for c in table.columns
        }
        check_row(table.name, where, loaded)
        checked.append(loaded)
    return checked


def restore_document(session: Session, document: object) -> dict[str, int]:
    """Insert a backup's rows, ids included; the caller checks the database is empty.

    Returns:
        The number of rows restored per table.

    Raises:
        BackupError: when the document is not a Stridelift backup this version can read.
    """
    if not isinstance(document, dict) or "format" not in document:
        raise BackupError("backup: not a Stridelift backup (no 'format' field)")
    if document["format"] != BACKUP_FORMAT:
        raise BackupError(
            f"backup: format {document['format']!r} is not supported (expected {BACKUP_FORMAT})"
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise BackupError("backup: 'tables' is missing or not an object")
    unknown = sorted(set(tables) - set(Base.metadata.tables))
    if unknown:
        raise BackupError(f"backup: unknown table {unknown[0]!r}")
    counts: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:  # parents before children
        if table.name in NOT_BACKED_UP:
            continue
        rows = _checked_rows(table, tables.get(table.name, []))
        if rows:
            session.execute(insert(table), rows)
        counts[table.name] = len(rows)
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        _reset_sequences(session)
    return counts


def _reset_sequences(session: Session) -> None:
    """After inserting explicit ids, move each id sequence past the largest id."""
    for table in Base.metadata.sorted_tables:
        if "id" not in table.c:
            continue  # keyed by name (server_secrets): no sequence
        largest = session.scalar(select(func.max(table.c.id)))
        if largest is None:
            continue
        session.execute(
            text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :value)"),
            {"table": table.name, "value": largest},
        )
