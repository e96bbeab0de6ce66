"""Signed-in browsers: server-side sessions kept in the database under a hash of a random
token; the browser holds the token in a cookie, the database never does.

A session ends at logout, when its user is disabled or changes password (every session
then), after IDLE without a request, and ABSOLUTE after it began whatever its use.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from stridelift.services.accounts import User, public_user

if TYPE_CHECKING:
    from stridelift.adapters.store.engine import Store

IDLE = timedelta(hours=2)
ABSOLUTE = timedelta(hours=12)
# last_seen_at is written at most this often, so reading pages does not write on each one.
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A live session and its user."""

    session_id: int
    user: User


def token_hash(token: str) -> str:
    """What the database keeps of a token: its SHA-256, hex (a 256-bit random token needs
    no salt or slow hash: it cannot be guessed from the hash)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(store: Store, user_id: int, now: datetime) -> str:
    """A new session for the user; returns its token (for the cookie, shown nowhere else)."""
    token = secrets.token_urlsafe(32)
    with store.transaction() as repo:
        repo.accounts.add_web_session(user_id, token_hash(token), now, now + ABSOLUTE)
    return token


def session_user(store: Store, token: str | None, now: datetime) -> SignedIn | None:
    """The live session of this token and its user; None when the token is unknown, the
    session ended or expired (idle or absolute), or the user is disabled.

    A read, so a page never waits on a writer; it writes only to end an expired session
    or to note the session's use (at most once a TOUCH_EVERY).
    """
    if not token:
        return None
    with store.reading() as repo:
        found = repo.accounts.web_session(token_hash(token))
        if found is None or found.ended_at is not None:
            return None
        record = repo.accounts.user_by_id(found.user_id)
    if now >= found.expires_at or now - found.last_seen_at >= IDLE:
        with store.transaction() as writer:
            writer.accounts.end_web_sessions(now, session_id=found.id)
        return None
    if record is None or record.disabled_at is not None:
        return None
    if now - found.last_seen_at >= TOUCH_EVERY:
        with store.transaction() as writer:
            writer.accounts.touch_web_session(found.id, now)
    return SignedIn(found.id, public_user(record))


def end_session(store: Store, token: str | None, now: datetime) -> bool:
    """End the session of this token (logout). Returns whether one was open."""
    if not token:
        return False
    with store.transaction() as repo:
        found = repo.accounts.web_session(token_hash(token))
        if found is None:
            return False
        return repo.accounts.end_web_sessions(now, session_id=found.id) > 0


def open_sessions(store: Store, username: str) -> int:
    """How many of the user's sessions are not ended (0 for an unknown user)."""
    with store.reading() as repo:
        record = repo.accounts.user_by_name(username)
        return 0 if record is None else repo.accounts.open_web_sessions(record.id)
