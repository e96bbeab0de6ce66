"""Users, web sessions and failed logins (accounts mode) over one SQLAlchemy session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from stridelift.adapters.store.tables import (
    AthleteRow,
    LoginFailureRow,
    ServerSecretRow,
    UserRow,
    WebSessionRow,
)


@dataclass(frozen=True, slots=True)
class UserRecord:
    """A stored user, with the name of the athlete they are (if any)."""

    id: int
    username: str
    password_hash: str
    role: str
    athlete_id: int | None
    athlete_name: str | None
    disabled_at: datetime | None
    password_changed_at: datetime
    created_at: datetime


@dataclass(frozen=True, slots=True)
class WebSessionRecord:
    """A stored web session (its token's hash only)."""

    id: int
    user_id: int
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    ended_at: datetime | None


def _user(row: UserRow, athlete_name: str | None) -> UserRecord:
    return UserRecord(
        id=row.id,
        username=row.username,
        password_hash=row.password_hash,
        role=row.role,
        athlete_id=row.athlete_id,
        athlete_name=athlete_name,
        disabled_at=row.disabled_at,
        password_changed_at=row.password_changed_at,
        created_at=row.created_at,
    )


def _web_session(row: WebSessionRow) -> WebSessionRecord:
    return WebSessionRecord(
        id=row.id,
        user_id=row.user_id,
        created_at=row.created_at,
        last_seen_at=row.last_seen_at,
        expires_at=row.expires_at,
        ended_at=row.ended_at,
    )


class AccountsRepository:
    """The accounts' queries and writes inside the logbook's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _users(self, *where: object) -> list[UserRecord]:
        query = (
            select(UserRow, AthleteRow.name)
            .outerjoin(AthleteRow, AthleteRow.id == UserRow.athlete_id)
            .where(*where)  # type: ignore[arg-type]
            .order_by(UserRow.username)
        )
        return [_user(row, name) for row, name in self.session.execute(query).all()]

    def any_user(self) -> bool:
        """True once a user exists (the app is then in accounts mode)."""
        return self.session.scalar(select(UserRow.id).limit(1)) is not None

    def users(self) -> list[UserRecord]:
        """Every user, by username."""
        return self._users()

    def user_by_name(self, username: str) -> UserRecord | None:
        """The user with exactly this username, if any."""
        found = self._users(UserRow.username == username)
        return found[0] if found else None

    def user_by_id(self, user_id: int) -> UserRecord | None:
        """The user with this id, if any."""
        found = self._users(UserRow.id == user_id)
        return found[0] if found else None

    def add_user(
        self, username: str, password_hash: str, role: str, athlete_id: int | None, now: datetime
    ) -> int:
        """Store a new user; the caller checks the username is free. Returns its id."""
        row = UserRow(
            username=username,
            password_hash=password_hash,
            role=role,
            athlete_id=athlete_id,
            password_changed_at=now,
            created_at=now,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def set_disabled(self, user_id: int, now: datetime) -> None:
        """Mark the user disabled from ``now``."""
        self.session.execute(update(UserRow).where(UserRow.id == user_id).values(disabled_at=now))

    def set_password_hash(
        self, user_id: int, password_hash: str, changed_at: datetime | None
    ) -> None:
        """Store a new hash; ``changed_at`` None keeps the date (a rehash, same password)."""
        values: dict[str, object] = {"password_hash": password_hash}
        if changed_at is not None:
            values["password_changed_at"] = changed_at
        self.session.execute(update(UserRow).where(UserRow.id == user_id).values(**values))

    # Web sessions -------------------------------------------------------------

    def add_web_session(
        self, user_id: int, token_hash: str, now: datetime, expires_at: datetime
    ) -> int:
        """Store a new session by its token's hash. Returns its id."""
        row = WebSessionRow(
            token_hash=token_hash,
            user_id=user_id,
            created_at=now,
            last_seen_at=now,
            expires_at=expires_at,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def web_session(self, token_hash: str) -> WebSessionRecord | None:
        """The session whose token has this hash, if any."""
        row = self.session.scalar(
            select(WebSessionRow).where(WebSessionRow.token_hash == token_hash)
        )
        return None if row is None else _web_session(row)

    def touch_web_session(self, session_id: int, now: datetime) -> None:
        """Record that the session was used at ``now``."""
        self.session.execute(
            update(WebSessionRow).where(WebSessionRow.id == session_id).values(last_seen_at=now)
        )

    def end_web_sessions(self, now: datetime, *, session_id: int | None = None,
                         user_id: int | None = None) -> int:  # fmt: skip
        """End one session, or every open one of a user. Returns how many ended."""
        query = update(WebSessionRow).where(WebSessionRow.ended_at.is_(None))
        if session_id is not None:
            query = query.where(WebSessionRow.id == session_id)
        if user_id is not None:
            query = query.where(WebSessionRow.user_id == user_id)
        result = self.session.execute(query.values(ended_at=now))
        return int(getattr(result, "rowcount", 0))

    def open_web_sessions(self, user_id: int) -> int:
        """How many sessions of the user are not ended (some may have expired)."""
        count = self.session.scalar(
            select(func.count())
            .select_from(WebSessionRow)
            .where(WebSessionRow.user_id == user_id, WebSessionRow.ended_at.is_(None))
        )
        return int(count or 0)

    # Failed logins ------------------------------------------------------------

    def add_login_failure(self, username: str, client: str, now: datetime) -> None:
        """Record a failed login."""
        self.session.add(LoginFailureRow(username=username, client=client, failed_at=now))
        self.session.flush()

    def login_failures_since(self, since: datetime, *, username: str | None = None,
                             client: str | None = None) -> int:  # fmt: skip
        """Failed logins since ``since`` for the username, or from the client."""
        query = select(func.count()).select_from(LoginFailureRow)
        query = query.where(LoginFailureRow.failed_at >= since)
        if username is not None:
            query = query.where(LoginFailureRow.username == username)
        if client is not None:
            query = query.where(LoginFailureRow.client == client)
        return int(self.session.scalar(query) or 0)

    def forget_login_failures(self, *, before: datetime | None = None,
                              username: str | None = None) -> None:  # fmt: skip
        """Delete failures older than ``before``, or every one of ``username``."""
        query = delete(LoginFailureRow)
        if before is not None:
            query = query.where(LoginFailureRow.failed_at < before)
        if username is not None:
            query = query.where(LoginFailureRow.username == username)
        self.session.execute(query)

    def server_secret(self, name: str) -> str | None:
        """The shared secret called ``name``, if one was made."""
        row = self.session.get(ServerSecretRow, name)
        return row.value if row is not None else None

    def add_server_secret(self, name: str, value: str, now: datetime) -> None:
        """Store a new shared secret (the name is the primary key: a second is refused)."""
        self.session.add(ServerSecretRow(name=name, value=value, created_at=now))
