"""`stridelift methodologies`: the methodologies that ship, and when each fits."""

from __future__ import annotations

import textwrap

import typer

from stridelift.methodologies import shipped

WRAP = 88


def methodologies_cmd() -> None:
    """List the methodologies that ship: name, version and when each fits.

    Choose one in a profile: methodology = "NAME" (docs/methodologies.md).
    """
    for i, m in enumerate(shipped()):
        if i:
            typer.echo("")
        program = f", a {m.weeks}-week program" if m.weeks else ""
        typer.echo(f"{m.key}: {m.name} (version {m.version}{program})")
        fits = m.fits or "no description given"
        typer.echo(
            textwrap.fill(
                f"When it fits: {fits}",
                WRAP,
                initial_indent="  ",
                subsequent_indent="  ",
                break_on_hyphens=False,
            )
        )
    typer.echo("")
    typer.echo('Choose one in your profile: methodology = "NAME" (docs/methodologies.md).')


def register(app: typer.Typer) -> None:
    """Attach the methodologies command."""
    app.command("methodologies")(methodologies_cmd)
