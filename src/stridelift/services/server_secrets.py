"""Secrets every server process shares, made once and kept in the database.

The CSRF tokens are signed with a key; a key made by each process at start-up would make
a form served by one worker fail on another, and every open form fail after a restart.
The key is 256 random bits stored in ``server_secrets``: whoever can read the database
can forge a CSRF token, but could change the data directly anyway.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from stridelift.adapters.store.engine import StoreError

if TYPE_CHECKING:
    from stridelift.adapters.store.engine import Store

CSRF_KEY = "csrf"


def shared_secret(store: Store, name: str, now: datetime) -> str:
    """The secret called ``name``, made on first use; two processes starting together
    agree on one (the second insert is refused, and the first one's secret is read)."""
    with store.reading() as repo:
        found = repo.accounts.server_secret(name)
    if found is not None:
        return found
    try:
        with store.transaction() as repo:
            repo.accounts.add_server_secret(name, secrets.token_hex(32), now)
    except StoreError:
        pass  # another process stored it first
    with store.reading() as repo:
        made = repo.accounts.server_secret(name)
    if made is None:  # neither insert took: the database refused writes
        raise StoreError(f"cannot store the server's {name} secret")
    return made
