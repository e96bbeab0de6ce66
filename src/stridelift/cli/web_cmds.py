"""`stridelift serve`: the web app on this machine, on the same database as the CLI."""

from __future__ import annotations

import socket
from typing import Annotated

import typer

from stridelift.cli.common import DbOption, friendly, out
from stridelift.errors import UsageError

LOOPBACK_ONLY = (
    "binds loopback only until accounts exist (issue 14): without a login, anyone who "
    "can reach the port could read and change your training log"
)


def check_host(host: str) -> None:
    """Refuse any address but this machine's loopback (single-user mode has no login).

    Raises:
        UsageError: naming --host and why.
    """
    from stridelift.web.guard import is_loopback

    if host != "localhost" and not is_loopback(host):
        raise UsageError(
            f"--host: {host} is not a loopback address; stridelift serve {LOOPBACK_ONLY}"
        )


def check_port(host: str, port: int) -> None:
    """Refuse a port that another program holds, before saying where the app is.

    Raises:
        UsageError: naming --port.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise UsageError(
                f"--port: cannot listen on {host} port {port} ({exc.strerror}); "
                "pick another with --port"
            ) from None


@friendly
def serve(
    host: Annotated[
        str,
        typer.Option(
            "--host", metavar="ADDRESS", help="Loopback address to bind (127.0.0.1 or ::1)."
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="TCP port to listen on.")
    ] = 8000,
    db: DbOption = None,
) -> None:
    """Serve the web app in your browser on this machine; Ctrl-C stops it."""
    check_host(host)
    check_port(host, port)
    import uvicorn

    from stridelift.services.workspace import upgrade_schema
    from stridelift.web.app import create_app

    upgrade_schema(db)  # a bad --db shows here as one line, before the server starts
    shown = f"[{host}]" if ":" in host else host
    out.print(f"Stridelift is at http://{shown}:{port}/ (Ctrl-C stops it)", markup=False)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Attach the serve command to the root app."""
    app.command("serve")(serve)
