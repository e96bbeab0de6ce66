"""Athletes in the logbook: add, update and list them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from stridelift.cli.common import DbOption, friendly, local_now, out
from stridelift.services import athletes as athlete_service
from stridelift.services.workspace import opened

athlete_app = typer.Typer(
    help="Add, update and list the athletes in the logbook.", no_args_is_help=True
)


@athlete_app.command("add")
@friendly
def athlete_add(
    profile: Annotated[
        Path, typer.Option("--profile", metavar="FILE", help="The athlete's profile (TOML).")
    ],
    db: DbOption = None,
) -> None:
    """Store a new athlete from a profile file."""
    with opened(db) as store:
        stored = athlete_service.add_athlete(store, profile, local_now())
    out.print(f"added athlete {stored.name} ({stored.athlete.level})", markup=False)


@athlete_app.command("update")
@friendly
def athlete_update(
    profile: Annotated[
        Path, typer.Option("--profile", metavar="FILE", help="The new profile (TOML).")
    ],
    athlete: Annotated[
        str | None,
        typer.Option(
            "--athlete", metavar="NAME", help="The athlete to update (default: the profile's name)."
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Replace a stored athlete's profile (renaming them if the profile's name changed)."""
    with opened(db) as store:
        stored = athlete_service.update_athlete(store, profile, athlete, local_now())
    out.print(f"updated athlete {stored.name}", markup=False)


@athlete_app.command("list")
@friendly
def athlete_list(db: DbOption = None) -> None:
    """List the stored athletes."""
    with opened(db) as store:
        stored = athlete_service.list_athletes(store)
    if not stored:
        out.print(
            "no athletes yet: add one with `stridelift athlete add --profile FILE`", markup=False
        )
        return
    table = Table("name", "level", "units", "races")
    for s in stored:
        races = ", ".join(f"{r.name} {r.date.isoformat()}" for r in s.athlete.races) or "-"
        table.add_row(s.name, s.athlete.level, s.athlete.units, races)
    out.print(table)


def register(app: typer.Typer) -> None:
    """Attach the athlete commands to the root app."""
    app.add_typer(athlete_app, name="athlete")
