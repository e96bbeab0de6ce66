"""The root Typer application; each command family lives in its own module.

A command family is imported only when it is used: ``stridelift plan`` loads the planner's
commands and not the logbook, the store, the exporters or the statistics. ``FAMILIES`` names
every command of every family so that the entry point can tell, from the command line alone,
which family to load; ``--help``, no command or an unknown one load them all, and
``--version`` none.
"""

from __future__ import annotations

import errno
import importlib
import os
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
    "athlete_cmds": ("athlete",),
    "log_cmds": ("log", "checkin"),
    "history_cmds": ("history",),
    "import_cmds": ("import",),
    "store_cmds": ("backup", "restore", "db"),
    "export_cmds": ("export",),
    "adapt_cmds": ("replan", "today", "busy"),
    "stats_cmds": ("stats",),
    "methodology_cmds": ("methodologies",),
    "web_cmds": ("serve",),
    "user_cmds": ("user",),
    "coach_cmds": ("coach",),
    "jobs_cmds": ("worker", "jobs"),
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


# Errors of writing to standard output: a full disk (plan --json >/dev/full), a closed
# pipe (| head), a device that failed. Any command can meet them, so main handles them once.
_OUTPUT_ERRNOS = frozenset({errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG})


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the flush at exit cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file behind sys.stdout (e.g. under a test runner)
        pass


def _usage_line(exc: typer_click.ClickException) -> str:
    """Click's three-line usage error as one line: the problem, then where help is."""
    text = f"error: {exc.format_message()}"
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        text += f" (see '{ctx.command_path} --help')"
    return text


def _run(runner: typer.Typer) -> int:
    """Run the app and turn known errors into one clear line; returns the exit status."""
    try:
        # Non-standalone mode returns a command's typer.Exit code instead of exiting.
        code = runner(standalone_mode=False)
    except StrideliftError as exc:
        _error(f"error: {exc}")
        return exc.exit_code
    except DomainError as exc:
        _error(f"error: {exc}")
        return 2
    except typer.Abort:
        _error("aborted")
        return 1
    except typer_click.ClickException as exc:  # usage errors arrive here in this mode
        _error(_usage_line(exc))
        return exc.exit_code
    return code if isinstance(code, int) else 0


def main() -> None:
    """Entry point: run the app and turn known errors into one clear line."""
    runner = app_for(sys.argv[1:])
    try:
        code = _run(runner)
        sys.stdout.flush()  # a full disk shows here for output still in the buffer
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRNOS:
            raise
        _silence_stdout()
        if not isinstance(exc, BrokenPipeError):  # the reader left on purpose: say nothing
            _error(f"error: cannot write the output ({exc.strerror})")
        sys.exit(1)
    if code:
        sys.exit(code)
