"""The root Typer application; each command family lives in its own module."""

from __future__ import annotations

import sys

import typer
from rich.console import Console
from typer._click import exceptions as typer_click

from stridelift.domain.errors import DomainError
from stridelift.errors import StrideliftError

app = typer.Typer(
    name="stridelift",
    help="Plan running and strength training together, from your race calendar back to today.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def _register_commands() -> None:
    """Attach every command family to the root app (import order = help order); once."""
    if app.registered_commands or app.registered_groups:
        return
    from stridelift.cli import adapt_cmds, export_cmds, logbook_cmds, plan_cmds, stats_cmds

    plan_cmds.register(app)
    logbook_cmds.register(app)
    export_cmds.register(app)
    adapt_cmds.register(app)
    stats_cmds.register(app)


def main() -> None:
    """Entry point: run the app and turn known errors into one clear line."""
    _register_commands()
    try:
        # Non-standalone mode returns a command's typer.Exit code instead of exiting.
        code = app(standalone_mode=False)
    except StrideliftError as exc:
        err_console.print(f"error: {exc}", markup=False)
        sys.exit(exc.exit_code)
    except DomainError as exc:
        err_console.print(f"error: {exc}", markup=False)
        sys.exit(2)
    except typer.Abort:
        err_console.print("aborted", markup=False)
        sys.exit(1)
    except SystemExit:
        raise
    except typer_click.ClickException as exc:  # usage errors arrive here in this mode
        exc.show()
        sys.exit(exc.exit_code)
    if isinstance(code, int) and code:
        sys.exit(code)
