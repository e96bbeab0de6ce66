"""Sport names as files write them, mapped onto the logbook's SPORTS vocabulary."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SportName:
    """A sport in the logbook's vocabulary, with the finer kind when the source said one."""

    sport: str
    sub_sport: str | None = None
    known: bool = True


# FIT `sport` enum names (fitdecode renders them as strings).
_FIT_SPORTS: dict[str, str] = {
    "running": "running",
    "cycling": "cycling",
    "e_biking": "cycling",
    "swimming": "swimming",
    "walking": "walking",
    "hiking": "hiking",
    "mountaineering": "hiking",
    "snowshoeing": "hiking",
    "rowing": "rowing",
    "cross_country_skiing": "skiing",
    "alpine_skiing": "skiing",
    "snowboarding": "skiing",
    "paddling": "paddling",
    "kayaking": "paddling",
    "rafting": "paddling",
    "stand_up_paddleboarding": "paddling",
}

# FIT (sport, sub_sport) pairs whose meaning lives in the sub_sport.
_FIT_SUB_SPORTS: dict[tuple[str, str], str] = {
    ("training", "strength_training"): "strength_training",
    ("fitness_equipment", "strength_training"): "strength_training",
    ("fitness_equipment", "treadmill"): "running",
    ("fitness_equipment", "indoor_running"): "running",
    ("fitness_equipment", "indoor_cycling"): "cycling",
    ("fitness_equipment", "indoor_rowing"): "rowing",
    ("fitness_equipment", "indoor_walking"): "walking",
}

# Words used by GPX <type>, TCX Sport="..." and Strava's "Activity Type", after _key().
_WORDS: dict[str, SportName] = {
    "run": SportName("running"),
    "running": SportName("running"),
    "trailrun": SportName("running", "trail"),
    "trailrunning": SportName("running", "trail"),
    "virtualrun": SportName("running", "virtual"),
    "treadmill": SportName("running", "treadmill"),
    "treadmillrunning": SportName("running", "treadmill"),
    "ride": SportName("cycling"),
    "cycling": SportName("cycling"),
    "biking": SportName("cycling"),
    "bike": SportName("cycling"),
    "virtualride": SportName("cycling", "virtual"),
    "ebikeride": SportName("cycling", "e_bike"),
    "emountainbikeride": SportName("cycling", "e_mountain"),
    "mountainbikeride": SportName("cycling", "mountain"),
    "mountainbiking": SportName("cycling", "mountain"),
    "gravelride": SportName("cycling", "gravel"),
    "handcycle": SportName("cycling", "hand_cycling"),
    "velomobile": SportName("cycling", "velomobile"),
    "swim": SportName("swimming"),
    "swimming": SportName("swimming"),
    "walk": SportName("walking"),
    "walking": SportName("walking"),
    "hike": SportName("hiking"),
    "hiking": SportName("hiking"),
    "snowshoe": SportName("hiking", "snowshoe"),
    "rowing": SportName("rowing"),
    "row": SportName("rowing"),
    "virtualrow": SportName("rowing", "virtual"),
    "weighttraining": SportName("strength_training"),
    "strengthtraining": SportName("strength_training"),
    "strength": SportName("strength_training"),
    "crossfit": SportName("strength_training", "crossfit"),
    "nordicski": SportName("skiing", "nordic"),
    "crosscountryskiing": SportName("skiing", "nordic"),
    "backcountryski": SportName("skiing", "backcountry"),
    "alpineski": SportName("skiing", "alpine"),
    "rollerski": SportName("skiing", "roller"),
    "snowboard": SportName("skiing", "snowboard"),
    "skiing": SportName("skiing"),
    "canoe": SportName("paddling", "canoe"),
    "canoeing": SportName("paddling", "canoe"),
    "kayaking": SportName("paddling", "kayak"),
    "standuppaddling": SportName("paddling", "stand_up"),
    "paddling": SportName("paddling"),
    "sail": SportName("other", "sail"),
    "workout": SportName("other", "workout"),
    "yoga": SportName("other", "yoga"),
    "elliptical": SportName("other", "elliptical"),
    "stairstepper": SportName("other", "stair_stepper"),
    "other": SportName("other"),
}

# Strava writes a number in a GPX <type>: its legacy activity-type codes, in this order
# (Ride=1 ... Run=9 ... Swim=16, VirtualRide=17). Codes past 17 are not mapped.
_STRAVA_CODES: dict[int, str] = {
    1: "ride",
    2: "alpineski",
    3: "backcountryski",
    4: "hike",
    5: "iceskate",
    6: "inlineskate",
    7: "nordicski",
    8: "rollerski",
    9: "run",
    10: "walk",
    11: "workout",
    12: "snowboard",
    13: "snowshoe",
    14: "kitesurf",
    15: "windsurf",
    16: "swim",
    17: "virtualride",
}


def _key(text: str) -> str:
    """Fold case, spaces, dashes and underscores: 'Nordic Ski' and 'nordic_ski' agree."""
    return re.sub(r"[\s_\-]+", "", text).casefold()


def sport_from_word(text: str) -> SportName:
    """Map a sport word or a Strava numeric code to the vocabulary; unknown -> 'other'."""
    word = text.strip()
    if word.isdigit():
        code = _STRAVA_CODES.get(int(word))
        if code is None:
            return SportName("other", None, known=False)
        word = code
    found = _WORDS.get(_key(word))
    if found is not None:
        return found
    snake = re.sub(r"[\s\-]+", "_", word.strip()).lower() or None
    return SportName("other", snake, known=False)


def sport_from_fit(sport: object, sub_sport: object) -> SportName:
    """Map FIT sport/sub_sport values (names, or raw ints for unknown enums)."""
    sub = sub_sport if isinstance(sub_sport, str) else None
    if not isinstance(sport, str):
        return SportName("other", sub, known=False)
    if sub is not None and (sport, sub) in _FIT_SUB_SPORTS:
        return SportName(_FIT_SUB_SPORTS[(sport, sub)], sub)
    mapped = _FIT_SPORTS.get(sport)
    if mapped is not None:
        return SportName(mapped, sub)
    # training, fitness_equipment, generic, transition, team sports...: cross-training.
    return SportName("other", sub or sport, known=sport != "generic")


def vocabulary_used() -> frozenset[str]:
    """Every sport the tables can produce (a test checks it stays inside SPORTS)."""
    return (
        frozenset(_FIT_SPORTS.values())
        | frozenset(_FIT_SUB_SPORTS.values())
        | {name.sport for name in _WORDS.values()}
        | {"other"}
    )
