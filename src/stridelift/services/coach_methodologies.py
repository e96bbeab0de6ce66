"""A coach's own methodologies: upload (checked by the CLI's parser, every refused key at
once), replace (a new version), delete (not while an athlete they coach plans with it),
and apply one, or a shipped one, to an athlete they may edit.

Applying writes the athlete's profile ``methodology = "coach:NAME"`` and keeps a frozen
copy of the version applied with the athlete (``athlete_methodologies``): the planner reads
the copy, so the athlete keeps planning with it when the coach replaces or deletes the
file, or the grant ends. A coach's files are theirs: every read and write here is by the
coach's own id, and another coach's id is answered as one nobody stored.
"""

from __future__ import annotations

import copy
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from stridelift.domain.errors import InputError
from stridelift.domain.methodology import methodology_from_mapping
from stridelift.errors import UsageError
from stridelift.methodologies import (
    COACH_PREFIX,
    DEFAULT_NAME,
    check_exercises,
    resolved_mapping,
    shipped_mapping,
    shipped_names,
)
from stridelift.services.profile_edit import profile_toml, profile_values, put_back
from stridelift.services.profiles import parse_profile_text

if TYPE_CHECKING:
    from stridelift.adapters.store.engine import Store
    from stridelift.adapters.store.methodologies_repo import CoachMethodologyRecord
    from stridelift.adapters.store.repository import Repository
    from stridelift.services.accounts import User
    from stridelift.services.athletes import StoredAthlete

MAX_BYTES = 256 * 1024
MAX_PROBLEMS = 12
NAME_RULE = re.compile(r"^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$")
NO_SUCH = "methodology: no such methodology"
MAX_ID = 2**31


class MethodologyRefused(UsageError):
    """A methodology file the parser refused: ``problems`` holds every (key, detail) found."""

    def __init__(self, problems: tuple[tuple[str, str], ...]) -> None:
        super().__init__("; ".join(f"{k}: {d}" for k, d in problems))
        self.problems = problems


class NoSuchMethodology(UsageError):
    """No methodology of this coach has this id (another coach's answers the same: 404)."""


class MethodologyInUse(UsageError):
    """The methodology is applied to athletes the coach coaches: it cannot go (409)."""


@dataclass(frozen=True, slots=True)
class UsedBy:
    """An athlete the coach coaches who plans with the methodology, at its version."""

    athlete: str
    version: int


@dataclass(frozen=True, slots=True)
class CoachMethodology:
    """A coach's methodology as the faces show it (its text only when asked for)."""

    id: int
    name: str
    version: int
    title: str  # the file's own ``name``
    created_at: datetime
    updated_at: datetime
    used_by: tuple[UsedBy, ...]
    text: str = ""


def _coach(user: User) -> None:
    if user.role != "coach" or user.disabled:
        raise UsageError("role: only a coach keeps methodologies of their own")


def _problems(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The file's own name and every refused key: each found by parsing again with the
    ones found so far put back as the default has them (up to MAX_PROBLEMS)."""
    try:
        data = resolved_mapping(text, "file")
    except UsageError as exc:
        message = str(exc).removeprefix("file: ")
        key, _, detail = message.partition(": ")
        if message.startswith("not valid TOML") or not detail:
            key, detail = "file", message
        return "", ((key, detail),)
    default = shipped_mapping(DEFAULT_NAME)
    found: dict[str, str] = {}
    trial: dict[str, Any] = copy.deepcopy(data)
    while len(found) < MAX_PROBLEMS:
        try:
            m = methodology_from_mapping(trial)
            check_exercises(m, "file")
        except InputError as exc:
            key, detail = exc.key, str(exc).removeprefix(f"{exc.key}: ")
        except UsageError as exc:
            key, _, detail = str(exc).removeprefix("file: ").partition(": ")
        else:
            break
        if key in found:
            break
        found[key] = detail
        if not put_back(trial, default, key):
            break
    title = data.get("name")
    return (title if isinstance(title, str) else ""), tuple(found.items())


def checked_text(data: bytes) -> tuple[str, str]:
    """The uploaded file as text, and its own name, if the parser accepts it.

    Raises:
        UsageError: too large, or not UTF-8 (one line, field ``file``).
        MethodologyRefused: every refused key (nothing is stored).
    """
    if len(data) > MAX_BYTES:
        raise UsageError(f"file: {len(data)} bytes is too large (at most {MAX_BYTES // 1024} KB)")
    if not data.strip():
        raise UsageError("file: empty: choose a methodology file (TOML)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"file: not UTF-8 text (byte {exc.start} cannot be read)") from None
    title, problems = _problems(text)
    if problems:
        raise MethodologyRefused(problems)
    return text, title


def check_name(name: str) -> str:
    """The methodology's name, checked against the slug rule.

    Raises:
        UsageError: naming the field ``name``.
    """
    if not NAME_RULE.match(name):
        raise UsageError(
            f"name: {name!r} is not a name: 2-40 lower-case letters, digits and hyphens, "
            "starting and ending with a letter or digit"
        )
    return name


def _title(text: str) -> str:
    try:
        value = tomllib.loads(text).get("name", "")
    except tomllib.TOMLDecodeError:  # pragma: no cover - stored texts were parsed
        return ""
    return value if isinstance(value, str) else ""


def _shown(repo: Repository, coach: User, record: CoachMethodologyRecord,
           text: bool = False) -> CoachMethodology:  # fmt: skip
    coached = {g.athlete_id for g in repo.grants.active_grants(coach_user_id=coach.id)}
    used = tuple(UsedBy(u.athlete_name, u.version) for u in repo.methodologies.users_of(record.id)
                 if u.athlete_id in coached)  # fmt: skip
    return CoachMethodology(record.id, record.name, record.version, _title(record.text),
                            record.created_at, record.updated_at, used,
                            record.text if text else "")  # fmt: skip


def methodologies_of(store: Store, coach: User) -> list[CoachMethodology]:
    """The coach's methodologies by name, each with the athletes they coach who use it."""
    if coach.role != "coach" or coach.disabled:
        return []
    with store.reading() as repo:
        return [_shown(repo, coach, r) for r in repo.methodologies.of_coach(coach.id)]


def methodology_of(store: Store, coach: User, methodology_id: int) -> CoachMethodology:
    """One of the coach's methodologies, with its text.

    Raises:
        NoSuchMethodology: not the coach's (or nobody's).
    """
    with store.reading() as repo:
        record = _own(repo, coach, methodology_id)
        return _shown(repo, coach, record, text=True)


def _is_coach(user: User | None) -> bool:
    return user is not None and user.role == "coach" and not user.disabled


def _own(repo: Repository, coach: User | None, methodology_id: int) -> CoachMethodologyRecord:
    found = None
    # An id no column can hold (SQLite and PostgreSQL integers) is nobody's.
    if coach is not None and _is_coach(coach) and 0 < methodology_id < MAX_ID:
        found = repo.methodologies.by_id(coach.id, methodology_id)
    if found is None:
        raise NoSuchMethodology(NO_SUCH)
    return found


def upload(store: Store, coach: User, name: str, data: bytes, now: datetime) -> CoachMethodology:
    """Store a new methodology of the coach's, version 1, if the parser accepts it.

    Raises:
        UsageError: not a coach, a bad name or one the coach uses already, a file too
            large or not text; MethodologyRefused: the refused keys. Nothing is stored.
    """
    _coach(coach)
    check_name(name)
    text, _ = checked_text(data)
    with store.transaction() as repo:
        if repo.methodologies.by_name(coach.id, name) is not None:
            raise UsageError(f"name: you have a methodology named {name!r}: replace it, "
                             "or choose another name")  # fmt: skip
        record = repo.methodologies.add(coach.id, name, text, now)
        return _shown(repo, coach, record)


def replace_file(store: Store, coach: User, methodology_id: int, data: bytes,
                 now: datetime) -> CoachMethodology:  # fmt: skip
    """A new text for one of the coach's methodologies: the next version. The athletes
    using it keep the version they have until the coach applies it again.

    Raises:
        NoSuchMethodology: not the coach's; UsageError, MethodologyRefused: as ``upload``.
    """
    text, _ = checked_text(data)
    with store.transaction() as repo:
        _own(repo, coach, methodology_id)
        record = repo.methodologies.replace(methodology_id, text, now)
        return _shown(repo, coach, record)


def delete(store: Store, coach: User, methodology_id: int) -> CoachMethodology:
    """Delete one of the coach's methodologies that no athlete they coach plans with
    (an athlete no longer coached keeps their copy).

    Raises:
        NoSuchMethodology: not the coach's; MethodologyInUse: naming who uses it.
    """
    with store.transaction() as repo:
        shown = _shown(repo, coach, _own(repo, coach, methodology_id))
        if shown.used_by:
            who = ", ".join(u.athlete for u in shown.used_by)
            raise MethodologyInUse(f"methodology: {shown.name!r} is in use by {who}: apply "
                                   "another methodology to them first")  # fmt: skip
        repo.methodologies.delete(methodology_id)
    return shown


@dataclass(frozen=True, slots=True)
class Applied:
    """What applying a methodology did: the choice, and the plan made with it."""

    athlete: str
    methodology: str  # as the profile names it: a shipped name or coach:NAME
    version: int  # the plan's methodology.version
    plan_stored: bool


def _chosen(repo: Repository, user: User | None, who: StoredAthlete, choice: str,
            methodology_id: int | None) -> CoachMethodologyRecord | None:  # fmt: skip
    """The coach's record the choice names (None: a shipped one, or the copy kept)."""
    if methodology_id is not None:
        return _own(repo, user, methodology_id)
    if not choice.startswith(COACH_PREFIX):
        if choice not in shipped_names():
            known = ", ".join(shipped_names())
            raise UsageError(f"methodology: {choice!r} is not a shipped methodology or one "
                             f"of yours (coach:NAME); shipped: {known}")  # fmt: skip
        return None
    found = None
    if user is not None and _is_coach(user):
        found = repo.methodologies.by_name(user.id, choice.removeprefix(COACH_PREFIX))
    if found is None and choice != who.athlete.methodology:
        raise UsageError(f"methodology: you have no methodology named {choice!r}")
    return found


def apply(store: Store, user: User | None, who: StoredAthlete, choice: str, *, today: date,
          now: datetime, tz: tzinfo, methodology_id: int | None = None) -> Applied:  # fmt: skip
    """Plan the athlete with ``choice`` (a shipped name, or ``coach:NAME`` of the user's
    own) or the user's methodology ``methodology_id``: the profile names it, the athlete
    keeps a copy of a coach's, and the plan is made again and stored. The caller (the
    guard) has checked that the user may edit the athlete; ``user`` is None in
    single-user mode (a shipped methodology only).

    Raises:
        UsageError: an unknown choice (field ``methodology``); NoSuchMethodology: an id
            that is not the user's. Nothing is stored then.
    """
    from stridelift.services.replan import replan

    with store.transaction() as repo:
        record = _chosen(repo, user, who, choice, methodology_id)
        target = repo.athlete_by_name(who.name)
        if target is None:  # pragma: no cover - the guard found the athlete
            raise UsageError(f"athlete: no athlete named {who.name!r}")
        values = profile_values(target.profile_toml)
        name = COACH_PREFIX + record.name if record is not None else choice
        if record is not None and user is not None:
            repo.methodologies.apply(target.id, record, user.username, now)
        elif not name.startswith(COACH_PREFIX):
            repo.methodologies.unapply(target.id)
        values.pop("methodology", None)
        if name != DEFAULT_NAME:
            values["methodology"] = name
        text = profile_toml(values)
        parse_profile_text(text, "profile")
        repo.update_athlete(target.id, target.name, text, now)
    result = replan(store, who.name, today, tz=tz, now=now)
    named = result.doc.get("methodology", {})
    return Applied(who.name, name, int(named.get("version", 1)), result.stored)
