"""Hypothesis strategies shared by the property tests: random valid athlete profiles.

A profile is drawn as the mapping a profile TOML file parses into, then turned into an
Athlete by ``athlete_from_mapping``, the parser every real profile goes through. Only
mappings the parser accepts are drawn, so a ProfileError here is a bug in a strategy.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from hypothesis import reject
from hypothesis import strategies as st

from stridelift.domain.athlete import (
    EQUIPMENT,
    LEVELS,
    PRIORITIES,
    RACE_DISTANCES_KM,
    STRATEGIES,
    TERRAINS,
    UNITS,
    WEEKDAYS,
    Athlete,
)
from stridelift.domain.errors import ProfileError
from stridelift.domain.profile import (
    MAX_WEEKLY_RUN_MINUTES,
    MIN_WEEKLY_RUN_MINUTES,
    SLOWEST_RESULT_S_PER_KM,
    athlete_from_mapping,
)

# Planning days across many years, so every weekday and leap day turns up.
todays = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
# The plan horizon sets a case's cost (a season costs several glances), and the CI
# profile's 2,000 cases, each planned, checked and planned again, took 56 s here. Four
# cases in five glance at the first weeks, which is enough for the week-level rules and a
# near race's taper; one in five plans a season: to the last race and its recovery (None;
# SEASON-6 without a race), or 7 to 30 weeks.
GLANCE_WEEKS = 6
weeks_horizons = st.sampled_from(("glance",) * 4 + ("season",)).flatmap(
    lambda kind: (
        st.integers(1, GLANCE_WEEKS)
        if kind == "glance"
        else st.none() | st.integers(GLANCE_WEEKS + 1, 30)
    )
)
# One replan in eight starts from an empty week cache; the others reuse it, so the cache
# also keeps what earlier cases solved (a wrong reuse across athletes shows up as a
# difference from the cold replan).
cold_replans = st.sampled_from((False,) * 7 + (True,))

# Days from today to a race: near (inside a glance or a compressed block), within the
# 16-week block, or further, up to about 60 weeks (a season and a half) ahead.
race_days_ahead = st.one_of(
    st.integers(0, 8 * 7), st.integers(8 * 7, 26 * 7), st.integers(26 * 7, 420)
)
# The parser refuses a result faster than 2:30 per km or slower than 15:00 per km.
FASTEST_RESULT_S_PER_KM = 150
# recent_result.time is HH:MM:SS with at most two digits of hours.
LONGEST_RESULT_S = 99 * 3600 + 59 * 60 + 59

_letters = st.characters(codec="utf-8", categories=("L", "N", "Zs", "P"))
_free_text = st.text(_letters, min_size=1, max_size=24).filter(lambda s: s.strip() != "")
athlete_names = st.sampled_from(("Bea", "Ada", "Maya Lindqvist", "Jonas Ødegaard")) | _free_text
# A small pool makes two races of one name turn up (a parkrun run twice a season).
_RACE_NAME_POOL = ("Parkrun", "City 10K", "Harbour Half", "Spring Marathon")
race_names = st.sampled_from(_RACE_NAME_POOL) | _free_text

equipment_lists = st.one_of(
    st.just([]),
    st.just(["none"]),
    st.just(["bodyweight"]),
    st.just(["bands", "mat"]),
    st.just(["dumbbells", "bands", "mat", "stability_ball"]),
    st.just(["gym"]),
    st.lists(st.sampled_from(("gym", "none", "bodyweight", *EQUIPMENT)), unique=True, max_size=8),
)
_day_minutes = st.sampled_from((0, 15, 30, 45, 60, 90, 120, 180)) | st.integers(0, 600)
_few_minutes = st.integers(min_value=0, max_value=45)


def _day_entry(
    minutes: st.SearchStrategy[int], *, with_minutes: bool = False
) -> st.SearchStrategy[dict[str, Any]]:
    """One weekday's availability table, each key present or left to its default."""
    flags = {"run": st.booleans(), "strength": st.booleans()}
    if with_minutes:
        return st.fixed_dictionaries({"minutes": minutes}, optional=flags)
    return st.fixed_dictionaries({}, optional={**flags, "minutes": minutes})


# Availability patterns: every day open (an empty table), any mix of days, days that are
# short on minutes, and weeks with only one or two days to run on.
_open_week: st.SearchStrategy[dict[str, Any]] = st.just({})
_any_week = st.dictionaries(st.sampled_from(WEEKDAYS), _day_entry(_day_minutes))
_short_week = st.fixed_dictionaries(
    {d: _day_entry(_few_minutes, with_minutes=True) for d in WEEKDAYS}
)


@st.composite
def _sparse_week(draw: st.DrawFn) -> dict[str, Any]:
    """Running allowed on only one or two days, maybe with little time on them."""
    run_days = draw(st.sets(st.sampled_from(WEEKDAYS), min_size=1, max_size=2))
    week: dict[str, Any] = {}
    for day in WEEKDAYS:
        entry = draw(_day_entry(_day_minutes | _few_minutes))
        entry["run"] = day in run_days
        week[day] = entry
    return week


availabilities = st.one_of(_open_week, _any_week, _short_week, _sparse_week())


def _effective(entry: dict[str, Any]) -> tuple[bool, int]:
    """Whether a day's table lets the athlete run, and its minutes, defaults applied."""
    return entry.get("run", True), entry.get("minutes", 120)


@st.composite
def _availability_and_long_run_day(draw: st.DrawFn) -> tuple[dict[str, Any], str | None]:
    """An availability table and a long_run_day (None = left to the default, Sunday).

    The parser wants running on the long_run_day and on at least one day with minutes;
    the drawn table is mended where it breaks either, so the profile stays valid.
    """
    week = {d: dict(e) for d, e in draw(availabilities).items()}
    runnable = [d for d in WEEKDAYS if _effective(week.get(d, {}))[0]]
    pick_runnable = draw(st.booleans())
    if runnable and pick_runnable:
        long_day: str | None = draw(st.sampled_from(runnable))
    else:
        long_day = draw(st.none() | st.sampled_from(WEEKDAYS))
    day = long_day or "sun"
    if not _effective(week.get(day, {}))[0]:
        week[day]["run"] = True
    if not any(run and minutes for run, minutes in map(_effective, week.values())) and (
        len(week) == len(WEEKDAYS)
    ):
        week.setdefault(day, {})["minutes"] = draw(st.integers(1, 600))
    return week, long_day


@st.composite
def races(draw: st.DrawFn, today: date) -> dict[str, Any]:
    """A race table: A or B (or the default A), any distance, up to ~60 weeks ahead."""
    distance = draw(st.sampled_from((*RACE_DISTANCES_KM, "ultra")))
    race: dict[str, Any] = {
        "name": draw(race_names),
        "date": (today + timedelta(days=draw(race_days_ahead))).isoformat(),
        "distance": distance,
    }
    if distance == "ultra":
        # Over the marathon by the parser's rule; 50 km to 100 miles and beyond.
        race["distance_km"] = draw(st.sampled_from((50, 80.5, 100, 160.9)) | st.integers(43, 500))
    elif draw(st.booleans()):
        # Certified courses, or an organiser's long or short measure, near the nominal.
        nominal = RACE_DISTANCES_KM[distance]
        race["distance_km"] = round(nominal * draw(st.floats(0.95, 1.05)), 2)
    if draw(st.booleans()):
        race["priority"] = draw(st.sampled_from(PRIORITIES))
    race.update(draw(_race_course(race.get("distance_km", RACE_DISTANCES_KM.get(distance, 0)))))
    return race


@st.composite
def _race_course(draw: st.DrawFn, km: float) -> dict[str, Any]:
    """RUN-10: a race's terrain, climbing (up to 600 m per km) and goal time, each optional."""
    course: dict[str, Any] = {}
    if draw(st.booleans()):
        course["terrain"] = draw(st.sampled_from(TERRAINS))
    if draw(st.booleans()):
        course["elevation_gain_m"] = draw(st.integers(0, min(30_000, int(600 * km))))
    if draw(st.integers(0, 3)) == 0:  # a goal pace from world-record to a brisk walk
        total = round(draw(st.integers(151, 899)) * km)
        course["goal_time"] = f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"
    return course


@st.composite
def recent_results(draw: st.DrawFn, today: date) -> dict[str, Any]:
    """A recent race or time trial at a pace between world-record and a brisk walk."""
    if draw(st.booleans()):
        label = draw(st.sampled_from(tuple(RACE_DISTANCES_KM)))
        distance: str | float = label
        km = RACE_DISTANCES_KM[label]
    else:
        km = draw(st.sampled_from((3, 5, 15, 30)) | st.integers(1, 250))
        distance = km
    pace = draw(st.integers(FASTEST_RESULT_S_PER_KM, SLOWEST_RESULT_S_PER_KM))
    seconds = round(km * pace)
    seconds = max(seconds, math.ceil(FASTEST_RESULT_S_PER_KM * km))
    seconds = min(seconds, math.floor(SLOWEST_RESULT_S_PER_KM * km), LONGEST_RESULT_S)
    h, rest = divmod(seconds, 3600)
    return {
        "distance": distance,
        "time": f"{h:02d}:{rest // 60:02d}:{rest % 60:02d}",
        "date": (today - timedelta(days=draw(st.integers(0, 365)))).isoformat(),
    }


# Most of these fall inside the parser's weekly minutes at any easy pace; the rest are
# rejected once the pace is known.
weekly_kms = st.integers(10, 150) | st.floats(10, 150).map(lambda km: round(km, 1))
_clock = st.builds(
    lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.sampled_from((0, 15, 30, 45))
)


@st.composite
def profiles(draw: st.DrawFn, today: date) -> dict[str, Any]:
    """A profile mapping, as a TOML profile parses, that ``athlete_from_mapping`` accepts."""
    level = draw(st.sampled_from(LEVELS))
    profile: dict[str, Any] = {
        "name": draw(athlete_names),
        "level": level,
        "body_mass_kg": draw(st.integers(30, 250) | st.floats(30, 250).map(lambda x: round(x, 1))),
    }
    if draw(st.booleans()):
        profile["units"] = draw(st.sampled_from(UNITS))
    if draw(st.booleans()):
        minutes = st.integers(MIN_WEEKLY_RUN_MINUTES, MAX_WEEKLY_RUN_MINUTES)
        profile["weekly_run_minutes"] = draw(minutes)
    else:
        # Checked once the whole profile is drawn: km become minutes at the easy pace.
        profile["weekly_run_km"] = draw(weekly_kms)
    profile["equipment"] = draw(equipment_lists)
    if draw(st.booleans()):
        profile["strategy"] = draw(st.sampled_from(STRATEGIES))
    if draw(st.booleans()):
        profile["session_minutes"] = draw(st.integers(20, 90))
    availability, long_run_day = draw(_availability_and_long_run_day())
    if availability:
        profile["availability"] = availability
    if long_run_day is not None:
        profile["long_run_day"] = long_run_day
    race_list = draw(st.lists(races(today), max_size=4, unique_by=lambda r: r["date"]))
    if race_list:
        profile["races"] = race_list
    if draw(st.booleans()):
        profile["recent_result"] = draw(recent_results(today))
    if draw(st.booleans()):
        profile["new_to_strength"] = draw(st.booleans())
    if draw(st.booleans()):
        profile["longest_recent_run_minutes"] = draw(st.integers(10, 600))
    if draw(st.booleans()):
        profile["slot_times"] = draw(
            st.fixed_dictionaries({}, optional={"am": _clock, "pm": _clock})
        )
    try:
        athlete_from_mapping(profile)
    except ProfileError as exc:
        # Weekly km become minutes at the athlete's easy pace, which the parser bounds: the
        # one rule that rests on several drawn values. Anything else is a strategy's bug.
        if exc.key != "weekly_run_km":
            raise
        reject()
    return profile


def athletes(today: date) -> st.SearchStrategy[Athlete]:
    """Athletes built by the real parser from valid profile mappings."""
    return profiles(today).map(athlete_from_mapping)


@dataclass(frozen=True, slots=True)
class PlanCase:
    """One planner input: the profile mapping, the athlete it parses into, today, weeks."""

    profile: dict[str, Any]
    athlete: Athlete = field(repr=False)  # the profile shows it, in the user's words
    today: date
    weeks: int | None

    def describe(self) -> str:
        """The case as a user would reproduce it: profile TOML, --today and --weeks."""
        return (
            f"--today {self.today.isoformat()} (a {WEEKDAYS[self.today.weekday()]}) "
            f"--weeks {self.weeks}\n{profile_toml(self.profile)}"
        )


@st.composite
def plan_cases(draw: st.DrawFn) -> PlanCase:
    """A valid athlete, the day the plan is made, and a horizon (or the default)."""
    today = draw(todays)
    profile = draw(profiles(today))
    return PlanCase(profile, athlete_from_mapping(profile), today, draw(weeks_horizons))


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        # A JSON string without \u escapes of non-ASCII text is a TOML basic string.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML form for {value!r}")


def profile_toml(profile: dict[str, Any]) -> str:
    """The profile mapping as the TOML text of a profile file (for failure reports)."""
    scalars = {k: v for k, v in profile.items() if k != "races" and not isinstance(v, dict)}
    lines = [f"{k} = {_toml_value(v)}" for k, v in scalars.items()]
    for key in ("availability", "recent_result", "slot_times"):
        if key in profile:
            lines += ["", f"[{key}]"]
            lines += [f"{k} = {_toml_value(v)}" for k, v in profile[key].items()]
    for race in profile.get("races", []):
        lines += ["", "[[races]]"] + [f"{k} = {_toml_value(v)}" for k, v in race.items()]
    return "\n".join(lines) + "\n"


# Command-line argument values (tests/e2e/test_cli_fuzz.py) ---------------------------
# Paths are relative to the folder the fuzz test runs in, which holds these names.
CLI_PATHS = ("profile.toml", "missing.toml", "folder", "backup.json", "out.ics", "", ".")
CLI_URLS = (
    "",
    "sqlite://",
    "sqlite:///",
    ":memory:",
    "postgresql://u@[::1:5432/x",
    "mysql://x/y",
    "postgresql://nobody@127.0.0.1:1/x",
    "sqlite:///folder",
)

cli_dates = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.dates(min_value=date(1960, 1, 1), max_value=date(2240, 12, 31)).map(date.isoformat),
    st.dates(min_value=date(2026, 6, 1), max_value=date(2027, 6, 30)).map(date.isoformat),
    st.sampled_from(("today", "yesterday", "2026-02-30", "", "tomorrow")),
    st.text(max_size=12),
)
cli_numbers = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(("0", "1e308", "-0", "", "12abc", "1" * 40)),
)
cli_paths = st.sampled_from(CLI_PATHS)
cli_urls = st.sampled_from(CLI_URLS)


@st.composite
def cli_commands(draw: st.DrawFn) -> list[str]:
    """One command line (without the program name), its values drawn across their range."""
    d, n, p = draw(cli_dates), draw(cli_numbers), draw(cli_paths)
    d2, n2 = draw(cli_dates), draw(cli_numbers)
    fmt = draw(st.sampled_from(("ics", "json", "csv", "pdf", "fit", "xls")))
    run_type = draw(st.sampled_from(("easy", "long", "sprint", "")))
    choices = [
        ["plan", "-p", "profile.toml", "--today", d, "--json"],
        ["plan", "-p", p, "--today", d, "--weeks", n, "--json"],
        ["explain", d, "-p", "profile.toml", "--today", d2],
        ["export", fmt, "-p", "profile.toml", "--today", d, "-o", p, "--weeks", n, "--from", d2],
        ["history", "--since", d, "--until", d2],
        ["today", "--today", d],
        ["replan", "--today", d, "--json"],
        ["stats", "--today", d, "--weeks", n],
        ["busy", "--week", d, "--today", d2],
        ["log", "run", "--type", run_type, "--minutes", n, "--km", n2, "--date", d],
        ["log", "lift", "--date", d, f"goblet_squat:{n}x{n2}@2"],
        ["checkin", "--date", d, "--fatigue", n, "--sleep-hours", n2],
        ["backup", p],
        ["restore", p],
        ["athlete", "list", "--db", draw(cli_urls)],
        ["init", "--out", p, "--name", draw(st.text(max_size=8)), "--race-date", d],
    ]
    return draw(st.sampled_from(choices))
