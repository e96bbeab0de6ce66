"""Coach grants: a coach invites an athlete by a signed, expiring, single-use link; the
athlete accepts; the grant lets the coach view, or also edit, the athlete's training;
either side (or an admin from the CLI) ends it, and access ends on the next request.

An invite's token is 256 random bits handed out once (in the link); the database keeps
only its SHA-256, so a copy of the database invites nobody. ``services.accounts.may_see``
reads the grants on every request: nothing is cached.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from stridelift.errors import UsageError
from stridelift.services.web_sessions import token_hash

if TYPE_CHECKING:
    from stridelift.adapters.store.engine import Store
    from stridelift.adapters.store.grants_repo import GrantRecord, InviteRecord
    from stridelift.adapters.store.repository import Repository
    from stridelift.services.accounts import User

ACCESS = ("view", "edit")
INVITE_LIFETIME = timedelta(days=7)
NO_SUCH_GRANT = "grant: no such grant"


class InviteUnknown(UsageError):
    """No invite has this token (404)."""


class InviteGone(UsageError):
    """The invite expired or was used already (410)."""


@dataclass(frozen=True, slots=True)
class Grant:
    """An active grant as the faces show it."""

    id: int
    coach_username: str
    athlete_name: str
    access: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Invite:
    """An invite that may still be accepted: who invites, with what access, until when."""

    coach_username: str
    access: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class Grants:
    """A user's grants on both sides: the athletes they coach, the coaches who see them."""

    as_coach: list[Grant]
    as_athlete: list[Grant]


def _grant(record: GrantRecord) -> Grant:
    return Grant(record.id, record.coach_username, record.athlete_name, record.access,
                 record.created_at)  # fmt: skip


def check_access(access: str, field: str = "access") -> str:
    """The access level, checked.

    Raises:
        UsageError: not view or edit, naming ``field``.
    """
    if access not in ACCESS:
        raise UsageError(f"{field}: {access!r} is not view or edit")
    return access


def create_invite(store: Store, coach: User, access: str, now: datetime) -> str:
    """A new invite link's token (shown once: only its hash is stored), valid 7 days.

    Raises:
        UsageError: the user is not an active coach, or the access is not view or edit.
    """
    if coach.role != "coach" or coach.disabled:
        raise UsageError("role: only a coach may invite an athlete")
    check_access(access)
    token = secrets.token_urlsafe(32)
    with store.transaction() as repo:
        repo.grants.add_invite(coach.id, access, token_hash(token), now, now + INVITE_LIFETIME)
    return token


def _live_invite(repo: Repository, token: str, now: datetime) -> InviteRecord:
    found = repo.grants.invite(token_hash(token)) if token else None
    if found is None:
        raise InviteUnknown("invite: this invite link is not known; ask your coach for a new one")
    coach = repo.accounts.user_by_id(found.coach_user_id)
    if found.used_at is not None:
        raise InviteGone("invite: this invite link has been used already")
    if now >= found.expires_at or coach is None or coach.disabled_at is not None:
        raise InviteGone("invite: this invite link has expired; ask your coach for a new one")
    return found


def invite_of(store: Store, token: str, now: datetime) -> Invite:
    """The invite of this token, if it may still be accepted (a read: nothing changes).

    Raises:
        InviteUnknown: no such token.
        InviteGone: used, expired, or its coach is disabled.
    """
    with store.reading() as repo:
        found = _live_invite(repo, token, now)
    return Invite(found.coach_username, found.access, found.expires_at)


def accept_invite(store: Store, athlete_user: User, token: str, now: datetime) -> Grant:
    """Accept an invite for the athlete the user is: the coach gets its access to them
    (replacing an active grant of the same coach). The invite is used up.

    Raises:
        InviteUnknown, InviteGone: as ``invite_of``; nothing changes then.
        UsageError: the user is no athlete, or is the inviting coach's own athlete.
    """
    if athlete_user.athlete_id is None or athlete_user.disabled:
        raise UsageError("athlete: your account is not linked to an athlete")
    with store.transaction() as repo:
        found = _live_invite(repo, token, now)
        coach = repo.accounts.user_by_id(found.coach_user_id)
        if found.coach_user_id == athlete_user.id or (
            coach is not None and coach.athlete_id == athlete_user.athlete_id
        ):
            raise UsageError("invite: this is your own invite; send the link to your athlete")
        if not repo.grants.use_invite(found.id, athlete_user.id, now):
            raise InviteGone("invite: this invite link has been used already")
        grant_id = _replace_grant(repo, found.coach_user_id, athlete_user.athlete_id,
                                  found.access, athlete_user.id, now)  # fmt: skip
        return _grant(_existing(repo, grant_id))


def _replace_grant(repo: Repository, coach_user_id: int, athlete_id: int, access: str,
                   by_user_id: int | None, now: datetime) -> int:  # fmt: skip
    for active in repo.grants.active_grants(coach_user_id=coach_user_id, athlete_id=athlete_id):
        repo.grants.end_grant(active.id, by_user_id, now)
    return repo.grants.add_grant(coach_user_id, athlete_id, access, now)


def _existing(repo: Repository, grant_id: int) -> GrantRecord:
    record = repo.grants.grant(grant_id)
    if record is None:  # pragma: no cover - read back inside the transaction that wrote it
        raise RuntimeError("the grant just stored is missing")
    return record


def _party(user: User, record: GrantRecord) -> bool:
    """Is the user the grant's coach or its athlete? (ids that are None never match)"""
    if user.disabled:
        return False
    return user.id == record.coach_user_id or (
        user.athlete_id is not None and user.athlete_id == record.athlete_id
    )


def end_grant(store: Store, by_user: User, grant_id: int, now: datetime) -> Grant:
    """End an active grant, as its coach or its athlete; the coach's access ends at once.

    Raises:
        UsageError: no active grant of this id that the user is a party to (one message
            for all, so an id tells nothing of other people's grants).
    """
    with store.transaction() as repo:
        record = repo.grants.grant(grant_id)
        if record is None or record.ended_at is not None or not _party(by_user, record):
            raise UsageError(NO_SUCH_GRANT)
        repo.grants.end_grant(record.id, by_user.id, now)
    return _grant(record)


def grants_of(store: Store, user: User) -> Grants:
    """The user's active grants: as a coach (the athletes they see) and as an athlete
    (the coaches who see them); none for a disabled user."""
    if user.disabled:
        return Grants([], [])
    with store.reading() as repo:
        coached = repo.grants.active_grants(coach_user_id=user.id) if user.role == "coach" else []
        seen_by = (
            repo.grants.active_grants(athlete_id=user.athlete_id)
            if user.athlete_id is not None
            else []
        )
    return Grants([_grant(g) for g in coached], [_grant(g) for g in seen_by])


def access_of(store: Store, coach: User, athlete_id: int) -> str | None:
    """The access of the coach's active grant to the athlete (None: none, or not a coach)."""
    if coach.role != "coach" or coach.disabled:
        return None
    with store.reading() as repo:
        return repo.grants.active_access(coach.id, athlete_id)


def _coach_and_athlete(repo: Repository, coach_username: str,
                       athlete_name: str) -> tuple[int, int]:  # fmt: skip
    coach = repo.accounts.user_by_name(coach_username)
    if coach is None:
        raise UsageError(f"COACH_USERNAME: no user named {coach_username!r}")
    if coach.role != "coach":
        raise UsageError(f"COACH_USERNAME: {coach_username!r} is a user of role {coach.role}, "
                         "not coach")  # fmt: skip
    athlete = repo.athlete_by_name(athlete_name)
    if athlete is None:
        raise UsageError(f"ATHLETE_NAME: no athlete named {athlete_name!r}")
    if coach.athlete_id == athlete.id:
        raise UsageError(f"ATHLETE_NAME: {athlete_name!r} is {coach_username}'s own athlete")
    return coach.id, athlete.id


def grant_as_admin(store: Store, coach_username: str, athlete_name: str, access: str,
                   now: datetime) -> Grant:  # fmt: skip
    """Give a coach access to an athlete without an invite (the CLI's admin path),
    replacing an active grant of the same coach.

    Raises:
        UsageError: naming the field (unknown coach or athlete, not a coach, bad access,
            the coach's own athlete); nothing is stored then.
    """
    check_access(access, "--access")
    with store.transaction() as repo:
        coach_id, athlete_id = _coach_and_athlete(repo, coach_username, athlete_name)
        grant_id = _replace_grant(repo, coach_id, athlete_id, access, None, now)
        return _grant(_existing(repo, grant_id))


def revoke_as_admin(store: Store, coach_username: str, athlete_name: str,
                    now: datetime) -> Grant:  # fmt: skip
    """End the coach's active grant to the athlete (the CLI's admin path).

    Raises:
        UsageError: naming the field (unknown coach or athlete, or no active grant).
    """
    with store.transaction() as repo:
        coach_id, athlete_id = _coach_and_athlete(repo, coach_username, athlete_name)
        active = repo.grants.active_grants(coach_user_id=coach_id, athlete_id=athlete_id)
        if not active:
            raise UsageError(f"ATHLETE_NAME: {coach_username} has no grant to {athlete_name!r}")
        for record in active:
            repo.grants.end_grant(record.id, None, now)
    return _grant(active[0])
