"""The root Typer application; each command family lives in its own module.

A command family is imported only when it is used: ``stridelift plan`` loads the planner's
commands and not the logbook, the store, the exporters or the statistics. ``FAMILIES`` names
every command of every family so that the entry point can tell, from the command line alone,
which family to load; ``--help``, no command or an unknown one load them all, and
``--version`` none.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Annotated

import typer
from typer._click import exceptions as typer_click

from stridelift.cli.helptext import RootGroup
from stridelift.domain.errors import DomainError
from stridelift.errors import StrideliftError

# Each family's module under stridelift.cli and the commands (and command groups) its
# register() attaches, in help order; tests/unit/test_cli_families.py holds the two together.
FAMILIES: dict[str, tuple[str, ...]] = {
    "plan_cmds": ("init", "plan", "check", "explain"),
    "logbook_cmds": ("athlete", "log", "checkin", "history", "import", "backup", "restore", "db"),
    "export_cmds": ("export",),
    "adapt_cmds": ("replan", "today", "busy"),
    "stats_cmds": ("stats",),
    "methodology_cmds": ("methodologies",),
}
FAMILY_OF = {command: family for family, commands in FAMILIES.items() for command in commands}


def _new_app() -> typer.Typer:
    one = typer.Typer(
        name="stridelift",
        help="Plan running and strength training together, from your race calendar back to today.",
        cls=RootGroup,
        invoke_without_command=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    one.callback()(_root)
    return one


def _show_version(wanted: bool) -> None:
    if wanted:
        from importlib.metadata import version

        typer.echo(f"stridelift {version('stridelift')}")
        raise typer.Exit(0)


def _root(
    ctx: typer.Context,
    _version: Annotated[
        bool,
        typer.Option(
            "--version",
            is_eager=True,
            callback=_show_version,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Bare ``stridelift`` shows the help and exits 0: asking what it does is no error."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


app = _new_app()


def _error(text: str) -> None:
    """One line on standard error; Rich is imported only when there is an error to show."""
    from rich.console import Console

    Console(stderr=True, highlight=False, soft_wrap=True).print(text, markup=False)


def _register(target: typer.Typer, family: str) -> None:
    importlib.import_module(f"stridelift.cli.{family}").register(target)


def _register_commands() -> None:
    """Attach every command family to the root app (FAMILIES order = help order); once."""
    if app.registered_commands or app.registered_groups:
        return
    for family in FAMILIES:
        _register(app, family)


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app to run ``args`` (the command line after the program name) with.

    For a known command, a root app with only that command's family: the others, and what
    they import, stay unloaded. Otherwise (``--help``, no command, a misspelt one) the root
    app with every family, so the help lists every command and a typo gets suggestions.
    """
    if list(args[:1]) == ["--version"]:  # the version needs no command family loaded
        return _new_app()
    family = FAMILY_OF.get(args[0]) if args else None
    if family is None:
        _register_commands()
        return app
    one = _new_app()
    _register(one, family)
    return one


def main() -> None:
    """Entry point: run the app and turn known errors into one clear line."""
    runner = app_for(sys.argv[1:])
    try:
        # Non-standalone mode returns a command's typer.Exit code instead of exiting.
        code = runner(standalone_mode=False)
    except StrideliftError as exc:
        _error(f"error: {exc}")
        sys.exit(exc.exit_code)
    except DomainError as exc:
        _error(f"error: {exc}")
        sys.exit(2)
    except typer.Abort:
        _error("aborted")
        sys.exit(1)
    except SystemExit:
        raise
    except typer_click.ClickException as exc:  # usage errors arrive here in this mode
        exc.show()
        sys.exit(exc.exit_code)
    if isinstance(code, int) and code:
        sys.exit(code)
