"""Coach grants from the command line (the admin path): give a coach view or edit access
to an athlete without an invite link, or end it. Either takes effect at the web app's next
request.
"""

from __future__ import annotations

from typing import Annotated

import typer

from stridelift.cli.common import DbOption, friendly, local_now, out
from stridelift.errors import UsageError
from stridelift.services import coaching
from stridelift.services.workspace import opened

coach_app = typer.Typer(
    help="Give a coach access to an athlete's training, or end it (admin).",
    no_args_is_help=True,
)

CoachArg = Annotated[
    str, typer.Argument(metavar="COACH_USERNAME", help="The coach's username (role coach).")
]
AthleteArg = Annotated[
    str, typer.Argument(metavar="ATHLETE_NAME", help="The stored athlete's name.")
]


@coach_app.command("grant")
@friendly
def coach_grant(
    coach: CoachArg,
    athlete: AthleteArg,
    access: Annotated[
        str | None,
        typer.Option("--access", metavar="ACCESS", help="Required. view or edit."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Let a coach view, or also edit, an athlete's training (replaces their grant)."""
    if access is None:
        raise UsageError("--access: missing (expected view or edit)")
    coaching.check_access(access, "--access")
    with opened(db) as store:
        grant = coaching.grant_as_admin(store, coach, athlete, access, local_now())
    out.print(f"{grant.coach_username} may now {grant.access} {grant.athlete_name}'s training",
              markup=False)  # fmt: skip


@coach_app.command("revoke")
@friendly
def coach_revoke(coach: CoachArg, athlete: AthleteArg, db: DbOption = None) -> None:
    """End a coach's access to an athlete's training, at once."""
    with opened(db) as store:
        grant = coaching.revoke_as_admin(store, coach, athlete, local_now())
    out.print(f"{grant.coach_username} no longer sees {grant.athlete_name}'s training",
              markup=False)  # fmt: skip


def register(app: typer.Typer) -> None:
    """Attach the coach commands to the root app."""
    app.add_typer(coach_app, name="coach")
