"""One style for every command's help: metavars in words, required options marked alike.

Typer shows a parameter without a metavar by its Python type (``<bool>``, ``<str>``,
``<list[Path]>``) and writes a required argument as ``{NAME}`` in the usage line. The root
group tidies every command under it once, when the click commands are built:

- a flag shows no metavar; an option without one gets FILE, N, NUMBER or TEXT by its type;
- an argument shows its name (``PATH...``) and no type, ``NAME`` or ``[NAME]`` in the usage;
- an option its command checks itself, to say what was expected when it is missing, starts
  its help with "Required." and is shown with the star and ``[required]`` like the options
  the parser checks; the parser still leaves it to the command.

Typer has no hook for its parameter classes, so the tidy-up swaps each parameter's class for
a subclass below that changes only how it is shown (and, for the second kind, that a missing
value is the command's to report).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args, get_origin

from typer import _click
from typer.core import TyperArgument, TyperGroup, TyperOption

HANDLER_REQUIRED = "Required. "
_BY_TYPE: dict[Any, str] = {Path: "FILE", int: "N", float: "NUMBER", str: "TEXT"}


class _Argument(TyperArgument):
    """An argument shown by its name alone: ``FILE``, ``[SET...]``."""

    def display_type_rich(self, ctx: _click.Context) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        if self.nargs != 1 and not name.endswith("..."):
            name += "..."
        return name if self.required else f"[{name}]"


class _CheckedByCommand(TyperOption):
    """A required option whose absence the command itself reports, in its own words."""

    def value_is_missing(self, value: Any) -> bool:
        return False


def _type_metavar(annotation: Any) -> str:
    """FILE, N, NUMBER or TEXT for an option's type (``FILE...`` for a list of files)."""
    if get_origin(annotation) is list:
        return _type_metavar(get_args(annotation)[0]) + "..."
    return _BY_TYPE.get(annotation, "TEXT")


def _tidy_option(option: TyperOption) -> None:
    if option.is_flag:
        option.metavar = ""
    elif option.metavar is None:
        option.metavar = _type_metavar(option.type_descriptor.annotation)
    if option.help and option.help.startswith(HANDLER_REQUIRED):
        option.__class__ = _CheckedByCommand
        option.help = option.help.removeprefix(HANDLER_REQUIRED)
        option.required = True


def tidy(command: _click.Command) -> None:
    """Give ``command`` and every command under it the one help style."""
    for param in command.params:
        if isinstance(param, TyperArgument):
            param.__class__ = _Argument
        elif isinstance(param, TyperOption):
            _tidy_option(param)
    help_option = command.get_help_option(_click.Context(command))
    if isinstance(help_option, TyperOption):
        help_option.metavar = ""
    for sub in getattr(command, "commands", {}).values():
        tidy(sub)


class RootGroup(TyperGroup):
    """The root command group: every command under it gets the one help style."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tidy(self)
