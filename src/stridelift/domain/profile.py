"""Build an Athlete from a parsed profile mapping, naming the key of every bad value."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

from stridelift.domain.athlete import (
    EQUIPMENT,
    LEVELS,
    PRIORITIES,
    RACE_DISTANCES,
    RACE_DISTANCES_KM,
    STRATEGIES,
    TERRAINS,
    UNITS,
    WEEKDAYS,
    Athlete,
    DayAvailability,
    Race,
    RecentResult,
    SlotTimes,
)
from stridelift.domain.calendar import BOUNDS_TEXT, EARLIEST, LATEST
from stridelift.domain.errors import MISSING, ProfileError
from stridelift.domain.paces import paces_for, vdot_from_result

# Without a recent result, a level's typical VDOT sets easy pace for km -> minutes.
DEFAULT_VDOT = {
    "beginner": 30.0,
    "recreational": 36.0,
    "intermediate": 42.0,
    "advanced": 52.0,
    "ultra": 46.0,
}
KNOWN_KEYS = frozenset(
    {
        "name",
        "level",
        "units",
        "body_mass_kg",
        "weekly_run_minutes",
        "weekly_run_km",
        "equipment",
        "strategy",
        "session_minutes",
        "long_run_day",
        "availability",
        "races",
        "recent_result",
        "new_to_strength",
        "longest_recent_run_minutes",
        "slot_times",
        "methodology",
    }
)
# A plan starts from at least one 30-minute run a week (the S3 beginner week runs 30-minute
# easy runs); below that the weekly volume cannot hold a run of useful length.
MIN_WEEKLY_RUN_MINUTES = 30
MAX_WEEKLY_RUN_MINUTES = 1500
# The Daniels/Gilbert equations describe running; slower than walking pace they give
# paces that are meaningless (and, far slower, negative).
SLOWEST_RESULT_S_PER_KM = 15 * 60
RACE_KEYS = (
    "name",
    "date",
    "distance",
    "distance_km",
    "priority",
    "goal_time",
    "elevation_gain_m",
    "terrain",
)
# RUN-10: a race's climbing. Tor des Geants, among the longest mountain races, climbs about
# 24,000 m; a vertical-kilometre race about 500 m per km, the steepest a course runs.
MAX_ELEVATION_GAIN_M = 30_000
MAX_GAIN_M_PER_KM = 600
# A goal slower than this is walking (roads up to the marathon) or beyond the cut-offs of
# mountain ultras (trail and ultra: 30 min per km).
SLOWEST_GOAL_S_PER_KM = {False: 15 * 60, True: 30 * 60}
RESULT_KEYS = ("distance", "time", "date")
SLOT_KEYS = ("am", "pm")
_TIME_RE = re.compile(r"^(\d{1,2}):([0-5]\d):([0-5]\d)$")
_GOAL_RE = re.compile(r"^(?:(\d{1,3}):([0-5]\d)|(\d{1,2})):([0-5]\d)$")  # H:MM:SS or MM:SS
_CLOCK_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def _one_of(key: str, value: object, allowed: Sequence[str]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ProfileError(key, value, "is not one of " + ", ".join(allowed))
    return value


def _number(key: str, value: object, lo: float, hi: float, *, integer: bool = False) -> float:
    kind = "a whole number" if integer else "a number"
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ProfileError(key, value, f"is not {kind} between {lo:g} and {hi:g}")
    if integer and not isinstance(value, int):
        raise ProfileError(key, value, f"is not {kind} between {lo:g} and {hi:g}")
    if not lo <= value <= hi:
        raise ProfileError(key, value, f"is out of range: expected {lo:g} to {hi:g}")
    return float(value)


def _boolean(key: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ProfileError(key, value, "is not true or false")
    return value


def _known_keys(key: str, entry: Mapping[str, Any], allowed: Sequence[str]) -> None:
    for k in entry:
        if k not in allowed:
            raise ProfileError(
                f"{key}.{k}", entry[k], "is not a known key: use " + ", ".join(allowed)
            )


def _date(key: str, value: object) -> date:
    if isinstance(value, datetime | time):  # TOML date-times and times: show them as written
        raise ProfileError(key, value.isoformat(), "is not a date (expected YYYY-MM-DD, no time)")
    if isinstance(value, date):
        parsed: date | None = value
    else:
        try:
            parsed = date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
    if parsed is None:
        raise ProfileError(key, value, "is not a date (expected YYYY-MM-DD)")
    if not EARLIEST <= parsed <= LATEST:
        raise ProfileError(key, parsed.isoformat(), f"is out of range (expected {BOUNDS_TEXT})")
    return parsed


# Names are shown in tables, calendars and file names, and stored in a 200-character column.
NAME_MAX_CHARS = 200


def _text(key: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ProfileError(key, value, "is not a non-empty text")
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        raise ProfileError(key, value, "holds a control character (expected plain text)")
    if len(value.strip()) > NAME_MAX_CHARS:
        raise ProfileError(key, f"{value[:20]}...", f"is longer than {NAME_MAX_CHARS} characters")
    return value.strip()


def _table(key: str, value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ProfileError(key, value, "is not a table")
    return value


def _equipment(value: object) -> frozenset[str]:
    if not isinstance(value, list):
        raise ProfileError("equipment", value, "is not a list of equipment items")
    items: set[str] = set()
    for i, item in enumerate(value, start=1):
        if item == "gym":
            items.update(EQUIPMENT)
        elif item in ("none", "bodyweight"):
            continue
        else:
            items.add(_one_of(f"equipment[{i}]", item, ("gym", "none", *EQUIPMENT)))
    return frozenset(items)


def _availability(value: object) -> tuple[DayAvailability, ...]:
    table = _table("availability", value)
    for day in table:
        if day not in WEEKDAYS:
            raise ProfileError(
                f"availability.{day}", table[day], "is not a weekday: use " + ", ".join(WEEKDAYS)
            )
    days: list[DayAvailability] = []
    for day in WEEKDAYS:
        if day not in table:
            days.append(DayAvailability(run=True, strength=True, minutes=120))
            continue
        entry = _table(f"availability.{day}", table[day])
        _known_keys(f"availability.{day}", entry, ("run", "strength", "minutes"))
        run = _boolean(f"availability.{day}.run", entry.get("run", True))
        strength = _boolean(f"availability.{day}.strength", entry.get("strength", True))
        minutes = _number(
            f"availability.{day}.minutes", entry.get("minutes", 120), 0, 600, integer=True
        )
        days.append(DayAvailability(run=run, strength=strength, minutes=int(minutes)))
    return tuple(days)


def _race(i: int, value: object) -> Race:
    key = f"races[{i}]"
    entry = _table(key, value)
    _known_keys(key, entry, RACE_KEYS)
    name = _text(f"{key}.name", entry.get("name", MISSING))
    when = _date(f"{key}.date", entry.get("date", MISSING))
    distance = _one_of(f"{key}.distance", entry.get("distance", MISSING), RACE_DISTANCES)
    if "distance_km" in entry:
        km = _number(f"{key}.distance_km", entry["distance_km"], 1, 500)
    elif distance == "ultra":
        raise ProfileError(f"{key}.distance_km", MISSING, "is required for an ultra (e.g. 50)")
    else:
        km = RACE_DISTANCES_KM[distance]
    if distance == "ultra" and km <= RACE_DISTANCES_KM["marathon"]:
        raise ProfileError(f"{key}.distance_km", km, "is too short for an ultra (over 42.195)")
    priority = _one_of(f"{key}.priority", entry.get("priority", "A"), PRIORITIES)
    terrain = _one_of(f"{key}.terrain", entry.get("terrain", "road"), TERRAINS)
    gain = (
        _elevation_gain(key, entry["elevation_gain_m"], km) if "elevation_gain_m" in entry else None
    )
    race = Race(
        name=name,
        date=when,
        distance=distance,
        distance_km=km,
        priority=priority,
        elevation_gain_m=gain,
        terrain=terrain,
    )
    if "goal_time" in entry:
        race = replace(race, goal_time_s=_goal_time(key, entry["goal_time"], race))
    return race


def _elevation_gain(key: str, value: object, km: float) -> float:
    """RUN-10: a race's total climbing in metres, within what courses hold."""
    gain = _number(f"{key}.elevation_gain_m", value, 0, MAX_ELEVATION_GAIN_M)
    if gain > MAX_GAIN_M_PER_KM * km:
        raise ProfileError(
            f"{key}.elevation_gain_m",
            value,
            f"is more than {MAX_GAIN_M_PER_KM} m of climbing per km of the race "
            f"({km:g} km): expected the total gain in metres",
        )
    return gain


def _goal_time(key: str, value: object, race: Race) -> int:
    """RUN-10: the athlete's goal finish time in seconds, at a running pace."""
    if isinstance(value, time):  # written unquoted, a TOML local time: 03:30:00
        value = value.isoformat()
    match = _GOAL_RE.match(value) if isinstance(value, str) else None
    if match is None:
        raise ProfileError(f"{key}.goal_time", value, "is not a time (expected H:MM:SS or MM:SS)")
    hours, minutes, only_minutes, secs = (int(g or 0) for g in match.groups())
    seconds = hours * 3600 + (minutes + only_minutes) * 60 + secs
    if seconds < 150 * race.distance_km:  # faster than 2:30 per km is beyond world records
        raise ProfileError(f"{key}.goal_time", value, "is faster than 2:30 per km")
    slowest = SLOWEST_GOAL_S_PER_KM[race.by_effort]
    if seconds > slowest * race.distance_km:
        raise ProfileError(
            f"{key}.goal_time", value, f"is slower than {slowest // 60}:00 per km for this race"
        )
    return seconds


def _recent_result(value: object) -> RecentResult:
    entry = _table("recent_result", value)
    _known_keys("recent_result", entry, RESULT_KEYS)
    distance = entry.get("distance", MISSING)
    if isinstance(distance, int | float) and not isinstance(distance, bool):
        km = _number("recent_result.distance", distance, 1, 500)
        label = f"{km:g}km"
    else:
        label = _one_of("recent_result.distance", distance, tuple(RACE_DISTANCES_KM))
        km = RACE_DISTANCES_KM[label]
    raw_time = entry.get("time", MISSING)
    if isinstance(raw_time, time):  # written unquoted, a TOML local time: 00:50:00
        raw_time = raw_time.isoformat()
    match = _TIME_RE.match(raw_time) if isinstance(raw_time, str) else None
    if match is None:
        raise ProfileError("recent_result.time", raw_time, "is not a time (expected HH:MM:SS)")
    h, m, s = (int(g) for g in match.groups())
    seconds = h * 3600 + m * 60 + s
    if seconds < 150 * km:  # faster than 2:30 per km is beyond world-record pace
        raise ProfileError("recent_result.time", raw_time, "is faster than 2:30 per km")
    if seconds > SLOWEST_RESULT_S_PER_KM * km:
        raise ProfileError(
            "recent_result.time",
            raw_time,
            "is slower than 15:00 per km (a run is needed for paces)",
        )
    when = _date("recent_result.date", entry.get("date", MISSING))
    return RecentResult(distance=label, distance_km=km, time_s=seconds, date=when)


def _slot_times(value: object) -> SlotTimes:
    entry = _table("slot_times", value)
    _known_keys("slot_times", entry, SLOT_KEYS)
    times: dict[str, str] = {}
    for slot in ("am", "pm"):
        if slot in entry:
            raw = entry[slot]
            if isinstance(raw, time):  # written unquoted, a TOML local time: 07:00:00
                raw = raw.isoformat() if raw.second or raw.microsecond else raw.strftime("%H:%M")
            if not isinstance(raw, str) or not _CLOCK_RE.match(raw):
                raise ProfileError(f"slot_times.{slot}", raw, "is not a clock time (HH:MM)")
            times[slot] = raw
    return SlotTimes(**times)


def _races(raw_races: Any) -> tuple[Race, ...]:
    """The races, by date: one race a day."""
    if not isinstance(raw_races, list):
        raise ProfileError("races", raw_races, "is not an array of race tables")
    parsed = [_race(i, r) for i, r in enumerate(raw_races, start=1)]
    first_on: dict[date, int] = {}
    for i, race in enumerate(parsed, start=1):
        if race.date in first_on:
            j = first_on[race.date]
            raise ProfileError(
                f"races[{i}].date",
                race.date.isoformat(),
                f"is already the date of races[{j}] ({parsed[j - 1].name!r}): one race a day",
            )
        first_on[race.date] = i
    return tuple(sorted(parsed, key=lambda r: (r.date, r.priority, r.name)))


def _weekly_minutes(data: Mapping[str, Any], level: str, recent: RecentResult | None) -> int:
    """The usual weekly running minutes: given, or from weekly_run_km at easy pace."""
    if "weekly_run_minutes" in data:
        return int(
            _number(
                "weekly_run_minutes",
                data["weekly_run_minutes"],
                MIN_WEEKLY_RUN_MINUTES,
                MAX_WEEKLY_RUN_MINUTES,
            )
        )
    if "weekly_run_km" in data:
        km = _number("weekly_run_km", data["weekly_run_km"], 0, 300)
        vdot = (
            vdot_from_result(recent.distance_km, recent.time_s) if recent else DEFAULT_VDOT[level]
        )
        weekly = round(km * paces_for(vdot, "").easy_s_per_km / 60)
        if not MIN_WEEKLY_RUN_MINUTES <= weekly <= MAX_WEEKLY_RUN_MINUTES:
            raise ProfileError(
                "weekly_run_km",
                data["weekly_run_km"],
                f"is about {weekly} minutes a week at easy pace: expected "
                f"{MIN_WEEKLY_RUN_MINUTES} to {MAX_WEEKLY_RUN_MINUTES} minutes",
            )
        return weekly
    raise ProfileError("weekly_run_minutes", MISSING, "is required (or weekly_run_km)")


def athlete_from_mapping(data: Mapping[str, Any]) -> Athlete:
    """Validate a profile mapping (as parsed from TOML) and build the Athlete.

    Raises:
        ProfileError: naming the first invalid key, its value and what is allowed.
    """
    for key in data:
        if key not in KNOWN_KEYS:
            raise ProfileError(key, data[key], "is not a known profile key (see docs/profile.md)")
    name = _text("name", data.get("name", MISSING))
    level = _one_of("level", data.get("level", MISSING), LEVELS)
    units = _one_of("units", data.get("units", "metric"), UNITS)
    body_mass = _number("body_mass_kg", data.get("body_mass_kg", MISSING), 30, 250)
    strategy = _one_of("strategy", data.get("strategy", "auto"), STRATEGIES)
    session_minutes = int(
        _number("session_minutes", data.get("session_minutes", 40), 20, 90, integer=True)
    )
    long_run_day = WEEKDAYS.index(
        _one_of("long_run_day", data.get("long_run_day", "sun"), WEEKDAYS)
    )
    equipment = _equipment(data.get("equipment", []))
    availability = _availability(data.get("availability", {}))
    races = _races(data.get("races", []))
    recent = _recent_result(data["recent_result"]) if "recent_result" in data else None
    weekly = _weekly_minutes(data, level, recent)
    if not availability[long_run_day].run:
        raise ProfileError(
            f"availability.{WEEKDAYS[long_run_day]}.run",
            False,
            "must be true: it is the long_run_day",
        )
    if not any(d.run and d.minutes for d in availability):
        raise ProfileError("availability", "no run days", "must allow running on at least one day")
    longest = None
    if "longest_recent_run_minutes" in data:
        raw = data["longest_recent_run_minutes"]
        longest = int(_number("longest_recent_run_minutes", raw, 10, 600, integer=True))
    new_to_strength = _boolean("new_to_strength", data.get("new_to_strength", level == "beginner"))
    slot_times = _slot_times(data["slot_times"]) if "slot_times" in data else SlotTimes()
    # Only the text is checked here; the names that ship are checked where they are found.
    methodology = _text("methodology", data["methodology"]) if "methodology" in data else ""
    return Athlete(
        name=name,
        level=level,
        units=units,
        body_mass_kg=body_mass,
        weekly_run_minutes=weekly,
        equipment=equipment,
        strategy=strategy,
        session_minutes=session_minutes,
        long_run_day=long_run_day,
        availability=availability,
        races=races,
        recent_result=recent,
        new_to_strength=new_to_strength,
        longest_recent_run_minutes=longest,
        slot_times=slot_times,
        methodology=methodology,
    )
