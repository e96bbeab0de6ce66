"""Users of the web app: add, disable, list them and set a password (accounts mode).

A password is never taken from the command line (it would show in the shell's history
and the process list): it is asked twice on the terminal, or read from standard input
with ``--password-stdin`` for scripts.
"""

from __future__ import annotations

import getpass
import json
import sys
from typing import Annotated

import typer
from rich.table import Table

from stridelift.cli.common import DbOption, friendly, local_now, out
from stridelift.errors import UsageError
from stridelift.services import accounts
from stridelift.services.workspace import opened

user_app = typer.Typer(
    help="Add, disable and list the users who log in to the web app.", no_args_is_help=True
)

UsernameArg = Annotated[str, typer.Argument(metavar="USERNAME", help="The user's login name.")]
PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin",
        help="Read the password from the first line of standard input (for scripts).",
    ),
]


def read_password(username: str, from_stdin: bool) -> str:
    """The new password: stdin's first line, or asked twice on the terminal.

    Raises:
        UsageError: naming the password (no terminal, the two differ, or too short).
    """
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        if not sys.stdin.isatty():
            raise UsageError("password: no terminal to ask on; pipe it with --password-stdin")
        password = getpass.getpass(f"New password for {username}: ")
        if getpass.getpass("The same again: ") != password:
            raise UsageError("password: the two passwords differ; nothing was changed")
    accounts.check_password(password)
    return password


@user_app.command("add")
@friendly
def user_add(
    username: UsernameArg,
    role: Annotated[
        str,
        typer.Option("--role", metavar="ROLE", help="athlete, coach or admin."),
    ],
    athlete: Annotated[
        str | None,
        typer.Option(
            "--athlete", metavar="NAME", help="The athlete this user is (required for athlete)."
        ),
    ] = None,
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """Add a user; the first one turns on accounts mode (the web app then needs a login)."""
    accounts.check_new_user(username, role, athlete)
    password = read_password(username, password_stdin)
    with opened(db) as store:
        user = accounts.add_user(store, username, password, role, athlete, local_now())
    linked = f", athlete {user.athlete_name}" if user.athlete_name else ""
    out.print(f"added user {user.username} ({user.role}{linked})", markup=False)


@user_app.command("disable")
@friendly
def user_disable(username: UsernameArg, db: DbOption = None) -> None:
    """Disable a user: they can no longer log in, and every session of theirs ends."""
    with opened(db) as store:
        ended = accounts.disable_user(store, username, local_now())
    out.print(f"disabled user {username}; ended {ended} session(s)", markup=False)


@user_app.command("password")
@friendly
def user_password(
    username: UsernameArg, password_stdin: PasswordStdin = False, db: DbOption = None
) -> None:
    """Set a user's password; every session of theirs ends."""
    with opened(db) as store:
        accounts.find_user(store, username)  # an unknown name is refused before asking
        password = read_password(username, password_stdin)
        ended = accounts.set_password(store, username, password, local_now())
    out.print(f"changed the password of {username}; ended {ended} session(s)", markup=False)


@user_app.command("list")
@friendly
def user_list(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (sorted, stable) instead of a table.")
    ] = False,
    db: DbOption = None,
) -> None:
    """List the users, their role, athlete and whether they are disabled."""
    with opened(db) as store:
        users = accounts.list_users(store)
    if as_json:
        rows = [
            {"username": u.username, "role": u.role, "athlete": u.athlete_name,
             "disabled": u.disabled, "created_at": u.created_at.isoformat()}
            for u in users
        ]  # fmt: skip
        typer.echo(json.dumps(rows, indent=2, sort_keys=True, ensure_ascii=False))
        return
    if not users:
        out.print("no users: the web app is in single-user mode (this machine only)", markup=False)
        return
    table = Table("username", "role", "athlete", "status", "added")
    for u in users:
        status = "disabled" if u.disabled else "active"
        table.add_row(u.username, u.role, u.athlete_name or "-", status,
                      u.created_at.date().isoformat())  # fmt: skip
    out.print(table)


def register(app: typer.Typer) -> None:
    """Attach the user commands to the root app."""
    app.add_typer(user_app, name="user")
