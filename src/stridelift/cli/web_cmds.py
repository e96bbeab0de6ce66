"""`stridelift serve`: the web app on this machine, on the same database as the CLI."""

from __future__ import annotations

import os
import socket
from typing import Annotated

import typer

from stridelift.cli.common import DbOption, friendly, out
from stridelift.errors import UsageError

LOOPBACK_ONLY = (
    "binds loopback only until accounts exist (issue 14): without a login, anyone who "
    "can reach the port could read and change your training log; add one with "
    "`stridelift user add` first"
)
WILDCARDS = ("0.0.0.0", "::")  # noqa: S104 - named to be checked, not bound here


def is_loopback_address(host: str) -> bool:
    """True for 'localhost' and the loopback addresses."""
    from stridelift.web.guard import is_loopback

    return host == "localhost" or is_loopback(host)


def check_host(host: str, db: str | None) -> None:
    """Refuse any address but this machine's loopback unless accounts exist (single-user
    mode has no login).

    Raises:
        UsageError: naming --host and why.
    """
    from stridelift.services.accounts import accounts_exist_at

    if not is_loopback_address(host) and not accounts_exist_at(db):
        raise UsageError(
            f"--host: {host} is not a loopback address; stridelift serve {LOOPBACK_ONLY}"
        )


def host_names(host: str, allowed: list[str]) -> tuple[str, ...]:
    """The Host names to answer besides loopback ones: the --allowed-host names, and the
    bound address itself unless it is a wildcard.

    Raises:
        UsageError: a wildcard address with no --allowed-host (every request would be
            refused), or a name with a port or a space.
    """
    names = [name.strip().lower() for name in allowed]
    for name in names:
        if not name or (any(c in name for c in " /:") and not name.startswith("[")):
            raise UsageError(f"--allowed-host: {name!r} is not a host name (give no port)")
    if host in WILDCARDS and not names:
        raise UsageError(
            f"--allowed-host: --host {host} listens on every address; name the host names "
            "browsers use to reach it (e.g. --allowed-host stride.example.org)"
        )
    if not is_loopback_address(host) and host not in WILDCARDS:
        names.append(f"[{host}]" if ":" in host else host)
    return tuple(names)


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
            "--host",
            metavar="ADDRESS",
            help="Address to bind: loopback (127.0.0.1 or ::1); another needs accounts.",
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="TCP port to listen on.")
    ] = 8000,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            metavar="NAME",
            help="A host name browsers use to reach a non-loopback server (repeatable).",
        ),
    ] = None,
    secure_cookies: Annotated[
        bool,
        typer.Option(
            "--secure-cookies",
            help="Secure cookies even on plain http (behind a proxy that ends HTTPS).",
        ),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            max=64,
            help="Server processes (a coach's server on PostgreSQL: about one per core).",
        ),
    ] = 1,
    db: DbOption = None,
) -> None:
    """Serve the web app in your browser; Ctrl-C stops it. Another address than this
    machine's loopback needs accounts (`stridelift user add`)."""
    check_host(host, db)
    names = host_names(host, allowed_host or [])
    check_port(host, port)
    import uvicorn

    from stridelift.services.workspace import upgrade_schema
    from stridelift.web.serve_app import ENV, served_app, worker_env

    upgrade_schema(db)  # a bad --db shows here as one line, before the server starts
    shown = names[0] if host in WILDCARDS else f"[{host}]" if ":" in host else host
    out.print(f"Stridelift is at http://{shown}:{port}/ (Ctrl-C stops it)", markup=False)
    if not is_loopback_address(host) and not secure_cookies:
        out.print(
            "note: over plain http, passwords and session cookies cross the network in "
            "clear; serve it behind HTTPS (see docs/accounts.md)",
            markup=False,
        )
    if workers == 1:
        app = served_app(db, names, secure_cookies)
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # Each worker process builds its own app (uvicorn's factory) from the environment.
    os.environ[ENV] = worker_env(db, names, secure_cookies)
    target = "stridelift.web.serve_app:app_from_env"
    uvicorn.run(target, factory=True, workers=workers, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Attach the serve command to the root app."""
    app.command("serve")(serve)
