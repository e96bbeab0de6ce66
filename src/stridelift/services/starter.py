"""The commented starter profile that `stridelift init` and the demo write."""

from __future__ import annotations

from stridelift.domain.athlete import LEVELS
from stridelift.domain.errors import InputError
from stridelift.domain.profile import athlete_from_mapping
from stridelift.errors import UsageError

STARTER_LEVELS = LEVELS
# The profile key each init flag writes, for errors that name the flag the user typed.
FLAG_OF_KEY = {
    "name": "--name",
    "level": "--level",
    "weekly_run_minutes": "--weekly-minutes",
    "races[1].date": "--race-date",
    "races[1].distance": "--race-distance",
    "races[1].name": "--race-name",
    "races[1].goal_time": "--goal-time",
}


def toml_string(value: str) -> str:
    """``value`` as a TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for ch in value:
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


NO_RACE = (
    "a plan without a race is general training: easy running, full-body strength and a "
    "little speed in 4-week cycles, 16 weeks ahead, until you add a race"
)


def starter_profile(
    name: str,
    level: str,
    race_date: str | None,
    race_distance: str,
    weekly_minutes: int,
    race_name: str = "Goal race",
    goal_time: str | None = None,
) -> str:
    """A valid, commented profile; raises UsageError naming the flag of a bad answer."""
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in name):
        raise UsageError(f"--name: {name!r} holds a control character (expected plain text)")
    race = ""
    if race_date:
        goal = (
            f"goal_time = {toml_string(goal_time)}   # your goal; race pace is goal_time over "
            "the distance"
            if goal_time
            else '# goal_time = "3:45:00"     # your goal (H:MM:SS or MM:SS); race pace is '
            "goal_time over the distance"
        )
        race = f"""
# Races: A races get a 16-week block counted back from race day; B races are run inside it.
[[races]]
name = {toml_string(race_name)}
date = {toml_string(race_date)}
distance = {toml_string(race_distance)}   # 5k | 10k | half | marathon | ultra (+ distance_km)
priority = "A"
{goal}
# elevation_gain_m = 350    # metres climbed, for a hilly or mountain course
# terrain = "road"          # road | trail
"""
    text = f"""# Stridelift athlete profile. Every key is documented in docs/profile.md.
name = {toml_string(name)}
level = {toml_string(level)}            # beginner | recreational | intermediate | advanced | ultra
units = "metric"             # metric | imperial (display only; the file stays metric)
body_mass_kg = 70
weekly_run_minutes = {weekly_minutes}     # what you run now, in minutes a week (or weekly_run_km)
equipment = ["dumbbells", "bands", "mat"]   # or ["gym"] for everything
strategy = "auto"            # auto | stack | easy_days | separate
session_minutes = 40         # longest strength session you want
long_run_day = "sun"

# When you can train: one line per weekday (days left out are fully available).
[availability]
mon = {{ run = true, strength = true, minutes = 90 }}
tue = {{ run = true, strength = true, minutes = 90 }}
wed = {{ run = true, strength = true, minutes = 90 }}
thu = {{ run = true, strength = true, minutes = 90 }}
fri = {{ run = true, strength = true, minutes = 90 }}
sat = {{ run = true, strength = true, minutes = 120 }}
sun = {{ run = true, strength = true, minutes = 180 }}
{race}
# A recent race or time trial sets your paces (Daniels/Gilbert VDOT).
# [recent_result]
# distance = "10k"
# time = "00:50:00"
# date = "2026-10-01"
"""
    import tomllib

    try:
        athlete_from_mapping(tomllib.loads(text))
    except InputError as exc:
        flag = FLAG_OF_KEY.get(exc.key)
        if flag is None:  # a key no flag sets on its own (e.g. an ultra's distance_km)
            raise UsageError(f"init: {exc}") from None
        raise UsageError(f"{flag}: {exc.value!r} {exc.expected}") from None
    except tomllib.TOMLDecodeError as exc:  # pragma: no cover - every value is escaped
        raise UsageError(f"init: {exc}") from exc
    return text
