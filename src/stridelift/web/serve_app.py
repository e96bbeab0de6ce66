"""The app as ``stridelift serve`` runs it: one process, or one per worker.

Each worker process builds its own app from the settings the command put in the
environment (``STRIDELIFT_SERVE``); they share nothing in memory. What must be the same
in all of them lives in the database: sessions, login failures, grants, and the CSRF
tokens' signing key (``services.server_secrets``).
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime

from litestar import Litestar

from stridelift.services.server_secrets import CSRF_KEY, shared_secret
from stridelift.services.workspace import opened
from stridelift.web.app import create_app

ENV = "STRIDELIFT_SERVE"


def served_app(db: str | None, allowed_hosts: tuple[str, ...], secure_cookies: bool) -> Litestar:
    """The app on ``db``, signing CSRF tokens with the database's shared key. The serve
    command brought the schema up to date before any process starts."""
    with opened(db, upgrade=False) as store:
        secret = shared_secret(store, CSRF_KEY, datetime.now(UTC))
    return create_app(
        db, allowed_hosts=allowed_hosts, secure_cookies=secure_cookies, csrf_secret=secret
    )


def worker_env(db: str | None, allowed_hosts: tuple[str, ...], secure_cookies: bool) -> str:
    """The settings a worker process reads back (``app_from_env``), as one string."""
    return json.dumps({"db": db, "hosts": list(allowed_hosts), "secure": secure_cookies})


def app_from_env() -> Litestar:
    """The app of one worker process (uvicorn's factory), from ``STRIDELIFT_SERVE``."""
    cfg = json.loads(os.environ[ENV])
    return served_app(cfg["db"], tuple(cfg["hosts"]), bool(cfg["secure"]))
