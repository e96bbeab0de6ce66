"""The database as a whole: backup, restore, schema upgrade and what it holds."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from stridelift.cli.common import DbOption, err, friendly, out
from stridelift.services import logbook, workspace
from stridelift.services.workspace import opened


@friendly
def backup(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the JSON backup.")],
    db: DbOption = None,
) -> None:
    """Write everything in the database to one JSON file (restore it with `stridelift restore`)."""
    with opened(db) as store, err.status("writing backup"):
        counts = logbook.write_backup(store, file)
    out.print(f"backed up {_counts_text(counts)} to {file}", markup=False)


@friendly
def restore(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A backup written by `stridelift backup`.")
    ],
    db: DbOption = None,
) -> None:
    """Load a JSON backup into an EMPTY database."""
    with opened(db) as store, err.status("restoring backup"):
        counts = logbook.restore_backup(store, file)
    out.print(f"restored {_counts_text(counts)} from {file}", markup=False)


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {t}" for t, n in counts.items() if n) or "an empty database"


db_app = typer.Typer(help="The database: where it is, and its schema.", no_args_is_help=True)


@db_app.command("upgrade")
@friendly
def db_upgrade(db: DbOption = None) -> None:
    """Create the database or bring it to the newest schema (every command does this first)."""
    done = workspace.upgrade_schema(db)
    if done.migrated:
        out.print(f"{done.url}: schema {done.before or 'none'} -> {done.after}", markup=False)
    else:
        out.print(f"{done.url}: schema {done.after} is the newest, nothing to do", markup=False)


@db_app.command("info")
@friendly
def db_info(db: DbOption = None) -> None:
    """Show the database URL, its schema revision and how many rows each table holds."""
    info = workspace.database_info(db)
    table = Table(
        "table", "rows", title=f"{info.url} (schema {info.revision}, newest {info.newest})"
    )
    for name, n in sorted(info.counts.items()):
        table.add_row(name, str(n))
    out.print(table)


def register(app: typer.Typer) -> None:
    """Attach the backup, restore and db commands to the root app."""
    app.command("backup")(backup)
    app.command("restore")(restore)
    app.add_typer(db_app, name="db")
