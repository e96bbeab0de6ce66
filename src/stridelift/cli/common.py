"""What every command family shares: the consoles, the common options, one-line errors,
the local clock, and the parsing of numbers and clock times given as text."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import UTC, datetime, time, tzinfo
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console

from stridelift.domain.errors import DomainError
from stridelift.errors import StrideliftError, UsageError
from stridelift.settings import DATABASE_URL_ENV

if TYPE_CHECKING:
    from rich.progress import Progress

P = ParamSpec("P")
R = TypeVar("R")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help=f"Database URL (sqlite:///FILE or postgresql://...); default: ${DATABASE_URL_ENV}, "
        "else stridelift.db in your user data folder.",
    ),
]
AthleteOption = Annotated[
    str | None,
    typer.Option(
        "--athlete",
        metavar="NAME",
        help="Which athlete; not needed when only one is stored.",
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="DATE",
        help="The day, YYYY-MM-DD, 'today' or 'yesterday' (default: today).",
    ),
]
RpeOption = Annotated[
    str | None,
    typer.Option("--rpe", metavar="1-10", help="Session effort, 1 (very easy) to 10 (maximal)."),
]
NotesOption = Annotated[str | None, typer.Option("--notes", metavar="TEXT", help="Free notes.")]


def friendly(func: Callable[P, R]) -> Callable[P, R]:
    """Turn our errors into one line on stderr and the error's exit status.

    SystemExit, not typer.Exit: the root app runs with ``standalone_mode=False``,
    where click turns typer.Exit into a return value and the status would be lost.
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except StrideliftError as exc:
            err.print(f"error: {exc}", markup=False)
            raise SystemExit(exc.exit_code) from None
        except DomainError as exc:
            err.print(f"error: {exc}", markup=False)
            raise SystemExit(2) from None

    return wrapper


def local_now() -> datetime:
    """The wall clock in the machine's time zone (the CLI is the one place that reads it)."""
    return datetime.now(UTC).astimezone()


def local_tz() -> tzinfo:
    """The machine's time zone now (UTC where it has none)."""
    zone = local_now().tzinfo
    return zone if zone is not None else UTC


def number(flag: str, text: str | None, *, integer: bool = False) -> float | None:
    """A number given as text to ``flag`` (None when not given); one line if it is not."""
    if text is None:
        return None
    pattern = r"^\d+$" if integer else r"^\d+(\.\d+)?$"
    if not re.match(pattern, text.strip()):
        kind = "a whole number" if integer else "a number"
        raise UsageError(f"{flag}: {text!r} is not {kind}")
    return float(text)


def whole_number(flag: str, text: str | None) -> int | None:
    """A whole number given as text to ``flag`` (None when not given)."""
    value = number(flag, text, integer=True)
    return None if value is None else int(value)


def clock(flag: str, text: str | None) -> time | None:
    """A clock time HH:MM given to ``flag`` (None when not given)."""
    if text is None:
        return None
    match = re.match(r"^([01]?\d|2[0-3]):([0-5]\d)$", text)
    if match is None:
        raise UsageError(f"{flag}: {text!r} is not a clock time (expected HH:MM)")
    return time(int(match[1]), int(match[2]))


def exercise_library() -> Any:
    """The exercise library (loaded only by the commands that need it)."""
    from stridelift.methodologies import load_library

    return load_library()


def stderr_progress() -> Progress:
    """A Rich progress bar on stderr (label, bar, done of total, time), gone when it stops."""
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as RichProgress

    return RichProgress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
