"""The commented starter profile that `stridelift init` and the demo write."""

from __future__ import annotations

import json

from stridelift.domain.athlete import LEVELS
from stridelift.domain.errors import InputError
from stridelift.domain.profile import athlete_from_mapping
from stridelift.errors import UsageError

STARTER_LEVELS = LEVELS


NO_RACE = (
    "a plan without a race is general training: easy running, full-body strength and a "
    "little speed in 4-week cycles, 16 weeks ahead, until you add a race"
)


def _toml_text(value: str) -> str:
    """A TOML basic string holding ``value`` as given (JSON's escapes are TOML's)."""
    return json.dumps(value)


def starter_profile(
    name: str,
    level: str,
    race_date: str | None,
    race_distance: str,
    weekly_minutes: int,
    race_name: str = "Goal race",
    goal_time: str | None = None,
) -> str:
    """A valid, commented profile; raises UsageError naming a bad answer."""
    race = ""
    if race_date:
        goal = (
            f"goal_time = {_toml_text(goal_time)}   # your goal; race pace is goal_time over "
            "the distance"
            if goal_time
            else '# goal_time = "3:45:00"     # your goal (H:MM:SS or MM:SS); race pace is '
            "goal_time over the distance"
        )
        race = f'''
# Races: A races get a 16-week block counted back from race day; B races are run inside it.
[[races]]
name = {_toml_text(race_name)}
date = "{race_date}"
distance = "{race_distance}"   # 5k | 10k | half | marathon | ultra (ultra needs distance_km)
priority = "A"
{goal}
# elevation_gain_m = 350    # metres climbed, for a hilly or mountain course
# terrain = "road"          # road | trail
'''
    text = f'''# Stridelift athlete profile. Every key is documented in docs/profile.md.
name = "{name}"
level = "{level}"            # beginner | recreational | intermediate | advanced | ultra
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
'''
    import tomllib

    try:
        athlete_from_mapping(tomllib.loads(text))
    except (InputError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"init: {exc}") from exc
    return text
