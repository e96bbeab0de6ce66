"""Editing a stored profile as values (the web form, the JSON API): the TOML text is written
from them, read back by the same parser as a profile file, and stored whole or not at all."""

from __future__ import annotations

import copy
import hashlib
import math
import re
import tomllib
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from stridelift.domain.athlete import Athlete
from stridelift.domain.calendar import check_horizon
from stridelift.domain.errors import InputError
from stridelift.errors import UsageError
from stridelift.methodologies import COACH_PREFIX, shipped_methodology
from stridelift.services.athletes import StoredAthlete
from stridelift.services.profiles import ProfileValueError, parse_profile_text
from stridelift.services.starter import toml_string

if TYPE_CHECKING:
    from stridelift.adapters.store.engine import Store

# The name errors give the profile being edited (a file's errors give the file's name).
SOURCE = "profile"
HEADER = "# Stridelift athlete profile, saved from the web app. Every key: docs/profile.md.\n"
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


class StaleProfileError(UsageError):
    """The stored profile changed after the form was opened: nothing is saved."""


def profile_version(text: str) -> str:
    """A short fingerprint of a profile's text: a form carries it to detect a stale edit."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date | time):  # TOML dates and times, as the parser reads text
        return value.isoformat()
    return value


def profile_values(text: str) -> dict[str, Any]:
    """A stored profile's keys and values as written, in JSON terms (dates and times as
    text: ``"2027-04-11"``, ``"03:30:00"``; slot times as ``"HH:MM"``)."""
    data = tomllib.loads(text)
    slots = data.get("slot_times")
    if isinstance(slots, dict):  # the parser reads an unquoted 07:00:00 as "07:00"
        for slot, value in slots.items():
            if isinstance(value, time) and not (value.second or value.microsecond):
                slots[slot] = value.strftime("%H:%M")
    values: dict[str, Any] = _plain(data)
    return values


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else toml_string(key)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return repr(value) if math.isfinite(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, date | time):  # TOML's own date and time literals, as a file has them
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        pairs = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{ " + pairs + " }" if pairs else "{}"
    raise TypeError(f"a profile value cannot be {type(value).__name__}")  # a caller's bug


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def profile_toml(values: Mapping[str, Any]) -> str:
    """The TOML text of a profile's values: plain keys first, then one ``[table]`` per table
    and one ``[[key]]`` block per entry of an array of tables (``races``)."""
    lines = [HEADER.rstrip("\n")]
    plain = {k: v for k, v in values.items() if not isinstance(v, Mapping) and not _is_tables(v)}
    lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in plain.items()]
    for key, table in values.items():
        if isinstance(table, Mapping):
            lines += ["", f"[{_toml_key(key)}]"]
            lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in table.items()]
    for key, entries in values.items():
        if _is_tables(entries):
            for entry in entries:
                lines += ["", f"[[{_toml_key(key)}]]"]
                lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in entry.items()]
    return "\n".join(lines) + "\n"


def _race_index(values: Mapping[str, Any], name: str, when: object) -> int:
    races = values.get("races", [])
    for i, race in enumerate(races, start=1):
        if race.get("name", "").strip() == name and str(race.get("date")) == str(when):
            return i
    return len(races)  # not reached: the error names a race the values hold


# A form shows at most this many refused values at once (the parser stops at the first).
MAX_REFUSED = 12
_KEY_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _path(key: str) -> list[str | int]:
    """``races[2].date`` -> ["races", 1, "date"] (list places from 0)."""
    return [m[1] if m[1] is not None else int(m[2]) - 1 for m in _KEY_PART.finditer(key)]


def _at(data: Any, path: list[str | int]) -> Any:
    for part in path:
        data = data[part]  # KeyError, IndexError, TypeError: not there
    return data


def put_back(values: dict[str, Any], fallback: Mapping[str, Any], key: str) -> bool:
    """Give ``key`` its value in ``fallback`` (the stored profile), or leave it out;
    False when neither can be done."""
    path = _path(key)
    try:
        parent = _at(values, path[:-1])
    except (KeyError, IndexError, TypeError):
        return False
    try:
        parent[path[-1]] = copy.deepcopy(_at(fallback, path))
    except (KeyError, IndexError, TypeError):
        try:
            del parent[path[-1]]  # a list entry goes too: the later ones move up by one
        except (KeyError, IndexError, TypeError):
            return False
    return True


def _refused(
    first: ProfileValueError, values: Mapping[str, Any], fallback: Mapping[str, Any]
) -> ProfileValueError:
    """``first`` with the other refused values of ``values``: each found by parsing again
    with the ones found so far put back as stored, until the parser accepts or repeats."""
    found: dict[str, str] = {first.key: first.detail}
    trial = copy.deepcopy(dict(values))
    key = first.key
    while len(found) < MAX_REFUSED and put_back(trial, fallback, key):
        try:
            parse_profile_text(profile_toml(trial), SOURCE)
        except ProfileValueError as exc:
            if exc.key in found:
                break
            found[exc.key], key = exc.detail, exc.key
            continue
        break
    also = tuple((k, d) for k, d in found.items() if k != first.key)
    return ProfileValueError(first.source, first.key, first.detail, also)


def _check_plannable(
    athlete: Athlete, values: Mapping[str, Any], today: date, applied: str | None = None
) -> None:
    """What the planner refuses and the parser leaves to it: an unknown methodology name
    (``applied``: the coach's methodology the athlete holds a copy of, ``coach:NAME``),
    a race more than 104 weeks ahead. A stored profile must make a plan."""
    if athlete.methodology.startswith(COACH_PREFIX) and athlete.methodology != applied:
        detail = (
            f"{athlete.methodology!r} is not a coach's methodology applied to this athlete: "
            "a coach applies one from their Methodologies page"
        )
        raise ProfileValueError(SOURCE, "methodology", detail)
    if athlete.methodology and athlete.methodology != applied:
        try:
            shipped_methodology(athlete.methodology)
        except UsageError as exc:
            detail = str(exc).removeprefix("methodology: ")
            raise ProfileValueError(SOURCE, "methodology", detail) from None
    try:
        check_horizon(athlete.races, today)
    except InputError as exc:
        race = next(r for r in athlete.races if f"races ({r.name})" == exc.key)
        i = _race_index(values, race.name, exc.value)
        raise ProfileValueError(
            SOURCE, f"races[{i}].date", f"{exc.value!r} {exc.expected}"
        ) from None


def edit_profile(
    store: Store,
    athlete_name: str,
    change: Callable[[dict[str, Any]], Mapping[str, Any]],
    *,
    today: date,
    now: datetime,
    version: str | None = None,
) -> StoredAthlete:
    """Store ``change(values)`` as the athlete's profile, where ``values`` are the stored
    profile's (``profile_values``); checked by the profile parser, all in one transaction.

    ``version`` (from ``profile_version``) refuses the save when the stored profile has
    changed since the form showed it. The name may change, to one no other athlete holds.

    Raises:
        ProfileValueError: a value is refused (its ``key`` names it); nothing is stored.
        StaleProfileError: the stored profile is no longer the one ``version`` describes.
        UsageError: the athlete is unknown, or ``change`` refuses (e.g. no such race).
    """
    with store.transaction() as repo:
        target = repo.athlete_by_name(athlete_name)
        if target is None:
            raise UsageError(f"athlete: no athlete named {athlete_name!r}")
        if version is not None and profile_version(target.profile_toml) != version:
            raise StaleProfileError(
                "form: the profile changed after this page was opened (in another tab or "
                "from the command line); nothing was saved: reload the page and edit again"
            )
        stored = profile_values(target.profile_toml)
        values = change(copy.deepcopy(stored))
        text = profile_toml(values)
        try:
            athlete = parse_profile_text(text, SOURCE)
        except ProfileValueError as exc:
            raise _refused(exc, values, stored) from None
        held = repo.methodologies.applied(target.id)
        _check_plannable(athlete, values, today, COACH_PREFIX + held.name if held else None)
        other = repo.athlete_by_name(athlete.name)
        if other is not None and other.id != target.id:
            detail = f"{athlete.name!r} is the name of another athlete: choose another"
            raise ProfileValueError(SOURCE, "name", detail)
        if held is not None and athlete.methodology != COACH_PREFIX + held.name:
            repo.methodologies.unapply(target.id)  # the profile left the coach's methodology
        record = repo.update_athlete(target.id, athlete.name, text, now)
    return StoredAthlete(record.id, record.name, record.profile_toml, athlete)


def save_profile(
    store: Store,
    athlete_name: str,
    values: Mapping[str, Any],
    *,
    today: date,
    now: datetime,
    version: str | None = None,
) -> StoredAthlete:
    """Store ``values`` as the athlete's whole profile (see ``edit_profile``)."""
    return edit_profile(store, athlete_name, lambda _: values, today=today, now=now,
                        version=version)  # fmt: skip


def with_race(
    values: Mapping[str, Any], race: Mapping[str, Any], index: int | None
) -> dict[str, Any]:
    """``values`` with ``race`` in place of ``races[index]`` (1-based), or added last."""
    races = list(values.get("races", []))
    if index is None:
        races.append(dict(race))
    else:
        _check_index(races, index)
        races[index - 1] = dict(race)
    return {**values, "races": races}


def without_race(values: Mapping[str, Any], index: int) -> dict[str, Any]:
    """``values`` without ``races[index]`` (1-based)."""
    races = list(values.get("races", []))
    _check_index(races, index)
    del races[index - 1]
    return {**values, "races": races}


def _check_index(races: list[Any], index: int) -> None:
    if not 1 <= index <= len(races):
        raise UsageError(f"races[{index}]: no such race (the profile holds {len(races)})")
