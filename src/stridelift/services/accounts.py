"""Users who sign in to the web app: add, disable, change a password, list, authenticate.

No user stored means single-user mode (the web app serves this machine only, no login);
the first user turns on accounts mode. Passwords are hashed with argon2id (argon2-cffi)
and never stored or printed; a disabled account or a new password ends every session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from stridelift.errors import UsageError

if TYPE_CHECKING:
    from stridelift.adapters.store.accounts_repo import AccountsRepository, UserRecord
    from stridelift.adapters.store.engine import Store
    from stridelift.services.athletes import StoredAthlete

ROLES = ("athlete", "coach", "admin")
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024  # argon2 takes any length; a bound keeps a login form cheap to refuse
# The rate limit (per username, and per client address across usernames) over a window.
FAILURES_PER_USERNAME = 5
FAILURES_PER_CLIENT = 10
FAILURE_WINDOW = timedelta(minutes=15)
WRONG = "password: the username or password is wrong"

# The hasher's parameters are argon2-cffi's defaults (RFC 9106's low-memory profile); tests
# swap in a cheaper one. A stored hash made with other parameters is redone at login.
hasher = PasswordHasher()
_dummy: dict[int, str] = {}


class LoginRefused(UsageError):
    """The username and password do not match a usable account (one message for all)."""


class TooManyAttempts(UsageError):
    """Too many failed logins for the username or from the client, recently."""


@dataclass(frozen=True, slots=True)
class User:
    """A user as the faces see them: never the password hash."""

    id: int
    username: str
    role: str
    athlete_id: int | None
    athlete_name: str | None
    disabled: bool
    created_at: datetime


def public_user(record: UserRecord) -> User:
    return User(
        id=record.id,
        username=record.username,
        role=record.role,
        athlete_id=record.athlete_id,
        athlete_name=record.athlete_name,
        disabled=record.disabled_at is not None,
        created_at=record.created_at,
    )


def check_password(password: str) -> None:
    """Refuse a password too short or too long.

    Raises:
        UsageError: naming the password.
    """
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"password: use at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise UsageError(f"password: use at most {MAX_PASSWORD} characters")


def check_new_user(username: str, role: str, athlete: str | None) -> None:
    """Refuse a bad username, an unknown role, or an athlete user without an athlete.

    Raises:
        UsageError: naming the field.
    """
    if not USERNAME.match(username):
        raise UsageError(
            f"username: {username!r} must be 2-40 lower-case letters, digits, '.', '_' or '-'"
        )
    if role not in ROLES:
        raise UsageError(f"--role: {role!r} is not one of {', '.join(ROLES)}")
    if role == "athlete" and athlete is None:
        raise UsageError("--athlete: a user of role athlete names the athlete they are")


def add_user(store: Store, username: str, password: str, role: str, athlete: str | None,
             now: datetime) -> User:  # fmt: skip
    """Store a new user (the first one turns on accounts mode).

    Raises:
        UsageError: a bad username, role or password, an unknown athlete, or a username
            taken; nothing is stored then.
    """
    check_new_user(username, role, athlete)
    check_password(password)
    password_hash = hasher.hash(password)
    with store.transaction() as repo:
        if repo.accounts.user_by_name(username) is not None:
            raise UsageError(f"username: {username!r} exists already")
        athlete_id = None
        if athlete is not None:
            record = repo.athlete_by_name(athlete)
            if record is None:
                raise UsageError(f"--athlete: no athlete named {athlete!r}")
            athlete_id = record.id
        user_id = repo.accounts.add_user(username, password_hash, role, athlete_id, now)
        return public_user(_existing(repo.accounts, user_id))


def _existing(accounts: AccountsRepository, user_id: int) -> UserRecord:
    record = accounts.user_by_id(user_id)
    if record is None:  # pragma: no cover - read back inside the transaction that wrote it
        raise RuntimeError("the user just stored is missing")
    return record


def _named(accounts: AccountsRepository, username: str) -> UserRecord:
    record = accounts.user_by_name(username)
    if record is None:
        raise UsageError(f"username: no user named {username!r}")
    return record


def disable_user(store: Store, username: str, now: datetime) -> int:
    """Disable a user and end every session of theirs. Returns how many sessions ended.

    Raises:
        UsageError: no user of that name.
    """
    with store.transaction() as repo:
        record = _named(repo.accounts, username)
        if record.disabled_at is None:
            repo.accounts.set_disabled(record.id, now)
        return repo.accounts.end_web_sessions(now, user_id=record.id)


def set_password(store: Store, username: str, password: str, now: datetime) -> int:
    """Give a user a new password and end every session of theirs (a stolen session dies
    with the old password). Returns how many sessions ended.

    Raises:
        UsageError: no user of that name, or a password too short or long.
    """
    check_password(password)
    password_hash = hasher.hash(password)
    with store.transaction() as repo:
        record = _named(repo.accounts, username)
        repo.accounts.set_password_hash(record.id, password_hash, now)
        return repo.accounts.end_web_sessions(now, user_id=record.id)


def find_user(store: Store, username: str) -> User:
    """The user of this name.

    Raises:
        UsageError: no user of that name.
    """
    with store.reading() as repo:
        return public_user(_named(repo.accounts, username))


def list_users(store: Store) -> list[User]:
    """Every user, by username."""
    with store.reading() as repo:
        return [public_user(r) for r in repo.accounts.users()]


def accounts_exist(store: Store) -> bool:
    """True in accounts mode: at least one user is stored (disabled ones count)."""
    with store.reading() as repo:
        return repo.accounts.any_user()


def may_see(store: Store, user: User, athlete: StoredAthlete) -> str | None:
    """How far this user may touch this athlete's data: 'own' (the athlete their account
    is), 'edit' or 'view' (a coach's active grant), or None. Read on every request, so a
    disabled user or an ended grant loses access at once. An id that is None never
    matches (a user without an athlete is nobody's athlete)."""
    if user.disabled:
        return None
    if user.athlete_id is not None and user.athlete_id == athlete.id:
        return "own"
    if user.role != "coach":
        return None
    with store.reading() as repo:
        return repo.grants.active_access(user.id, athlete.id)


def _dummy_hash() -> str:
    """A hash to verify against when the username is unknown, so that the answer takes
    as long as for a known one (the timing does not tell which usernames exist)."""
    key = id(hasher)
    if key not in _dummy:
        _dummy[key] = hasher.hash("not anybody's password")
    return _dummy[key]


def _verified(record: UserRecord | None, password: str) -> bool:
    try:
        return hasher.verify(record.password_hash if record else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False


def _limited(accounts: AccountsRepository, username: str, client: str, now: datetime) -> bool:
    since = now - FAILURE_WINDOW
    accounts.forget_login_failures(before=since)
    return (
        accounts.login_failures_since(since, username=username) >= FAILURES_PER_USERNAME
        or accounts.login_failures_since(since, client=client) >= FAILURES_PER_CLIENT
    )


def authenticate(store: Store, username: str, password: str, client: str, now: datetime) -> User:
    """The user whose username and password these are, if they may sign in.

    Raises:
        TooManyAttempts: too many recent failures for the username or from the client
            (checked first: no password is tried then).
        LoginRefused: unknown user, wrong password or disabled account (one message,
            and the same work for each, so the answer tells nothing of which).
    """
    username = username.strip().lower()
    with store.transaction() as repo:
        if _limited(repo.accounts, username, client, now):
            raise TooManyAttempts("password: too many failed logins; wait 15 minutes and try again")
        record = repo.accounts.user_by_name(username)
        ok = len(password) <= MAX_PASSWORD and _verified(record, password)
        if record is None or not ok or record.disabled_at is not None:
            repo.accounts.add_login_failure(username[:150], client[:64], now)
        elif hasher.check_needs_rehash(record.password_hash):
            repo.accounts.set_password_hash(record.id, hasher.hash(password), None)
    if record is None or not ok or record.disabled_at is not None:
        raise LoginRefused(WRONG)
    with store.transaction() as repo:
        repo.accounts.forget_login_failures(username=username)
    return public_user(record)


def accounts_exist_at(db: str | None) -> bool:
    """Accounts mode for the database ``db`` (None: the settings' one), without creating
    or migrating it: a SQLite file that does not exist yet holds no user, nor does a
    database from before accounts (0006)."""
    from sqlalchemy.engine import make_url

    from stridelift.services.workspace import opened
    from stridelift.settings import resolve_settings

    url = make_url(resolve_settings(db).database_url)
    if url.get_backend_name() == "sqlite":
        path = url.database or ""
        if path in ("", ":memory:") or not Path(path).expanduser().exists():
            return False
    with opened(db, upgrade=False) as store:
        return store.has_table("users") and accounts_exist(store)
