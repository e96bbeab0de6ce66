"""Athletes in the logbook: add, update, list, and pick the one a command is about."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from stridelift.domain.athlete import Athlete
from stridelift.errors import UsageError
from stridelift.methodologies import COACH_PREFIX, CoachCopy
from stridelift.services.profiles import load_profile, parse_profile_text

if TYPE_CHECKING:  # annotations only: importing the store costs the plan command ~0.3 s
    from stridelift.adapters.store.engine import Store
    from stridelift.adapters.store.repository import AthleteRecord, Repository


@dataclass(frozen=True, slots=True)
class StoredAthlete:
    """An athlete as stored: database id, name, the profile text, and the parsed Athlete."""

    id: int
    name: str
    profile_text: str
    athlete: Athlete
    coach_copy: CoachCopy | None = None  # the coach's methodology the profile names, if any


def _stored(record: AthleteRecord, repo: Repository | None = None) -> StoredAthlete:
    athlete = parse_profile_text(record.profile_toml, f"stored profile of {record.name!r}")
    copy = None
    if repo is not None and athlete.methodology.startswith(COACH_PREFIX):
        found = repo.methodologies.applied(record.id)
        if found is not None:
            copy = CoachCopy(found.name, found.version, found.text)
    return StoredAthlete(id=record.id, name=record.name, profile_text=record.profile_toml,
                         athlete=athlete, coach_copy=copy)  # fmt: skip


def resolve_athlete(repo: Repository, name: str | None) -> StoredAthlete:
    """The athlete a command is about: the one named, or the only one stored.

    Raises:
        UsageError: no athlete stored, the name is unknown, or several are stored and
            none was named (the message lists them).
    """
    if name is not None:
        record = repo.athlete_by_name(name)
        if record is not None:
            return _stored(record, repo)
        names = [a.name for a in repo.athletes()]
        known = ", ".join(names) if names else "none stored yet"
        raise UsageError(f"--athlete: no athlete named {name!r} (known: {known})")
    records = repo.athletes()
    if not records:
        raise UsageError(
            "no athlete stored yet: add one with `stridelift athlete add --profile FILE`"
        )
    if len(records) > 1:
        listed = ", ".join(r.name for r in records)
        raise UsageError(f"--athlete: several athletes are stored, name one of: {listed}")
    return _stored(records[0], repo)


def add_athlete(store: Store, profile_path: Path, now: datetime) -> StoredAthlete:
    """Store a new athlete from a profile file (its ``name`` must be new).

    Raises:
        UsageError: the profile is invalid or an athlete of that name exists.
    """
    loaded = load_profile(profile_path)
    name = loaded.athlete.name
    with store.transaction() as repo:
        if repo.athlete_by_name(name) is not None:
            raise UsageError(
                f"--profile: an athlete named {name!r} exists already "
                "(use `stridelift athlete update` to change the profile)"
            )
        record = repo.add_athlete(name, loaded.text, now)
    return StoredAthlete(
        id=record.id, name=record.name, profile_text=record.profile_toml, athlete=loaded.athlete
    )


def update_athlete(
    store: Store, profile_path: Path, name: str | None, now: datetime
) -> StoredAthlete:
    """Replace a stored athlete's profile; the athlete is ``name``, else the profile's name.

    Raises:
        UsageError: the profile is invalid, the athlete is unknown, or the profile
            renames the athlete to a name another athlete holds.
    """
    loaded = load_profile(profile_path)
    new_name = loaded.athlete.name
    with store.transaction() as repo:
        target = repo.athlete_by_name(name if name is not None else new_name)
        if target is None:
            wanted = name if name is not None else new_name
            names = ", ".join(a.name for a in repo.athletes()) or "none stored yet"
            raise UsageError(f"--athlete: no athlete named {wanted!r} (known: {names})")
        other = repo.athlete_by_name(new_name)
        if other is not None and other.id != target.id:
            raise UsageError(f"--profile: the name {new_name!r} belongs to another athlete")
        held = repo.methodologies.applied(target.id)
        if held is not None and loaded.athlete.methodology != COACH_PREFIX + held.name:
            repo.methodologies.unapply(target.id)  # the profile left the coach's methodology
        record = repo.update_athlete(target.id, new_name, loaded.text, now)
    return StoredAthlete(
        id=record.id, name=record.name, profile_text=record.profile_toml, athlete=loaded.athlete
    )


def list_athletes(store: Store) -> list[StoredAthlete]:
    """Every stored athlete, by name."""
    with store.reading() as repo:
        return [_stored(r, repo) for r in repo.athletes()]


def find_athlete(store: Store, name: str) -> StoredAthlete:
    """The stored athlete named ``name`` (a web page or API call names its athlete).

    Raises:
        UsageError: no athlete of that name is stored (the message lists the known ones).
    """
    with store.reading() as repo:
        return resolve_athlete(repo, name)
