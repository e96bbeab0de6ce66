"""Sport names from FIT, GPX, TCX and Strava mapped onto the logbook's vocabulary."""

from __future__ import annotations

import pytest

from stridelift.adapters.importers.sports import (
    SportName,
    sport_from_fit,
    sport_from_word,
    vocabulary_used,
)
from stridelift.domain.activity import SPORTS


def test_every_mapped_sport_is_in_the_logbook_vocabulary() -> None:
    assert vocabulary_used() <= set(SPORTS)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("running", SportName("running")),
        ("Run", SportName("running")),
        ("9", SportName("running")),
        ("1", SportName("cycling")),
        ("16", SportName("swimming")),
        ("17", SportName("cycling", "virtual")),
        ("Biking", SportName("cycling")),
        ("Nordic Ski", SportName("skiing", "nordic")),
        ("NordicSki", SportName("skiing", "nordic")),
        ("Alpine Ski", SportName("skiing", "alpine")),
        ("Snowshoe", SportName("hiking", "snowshoe")),
        ("Canoe", SportName("paddling", "canoe")),
        ("WeightTraining", SportName("strength_training")),
        ("Weight Training", SportName("strength_training")),
        ("Sail", SportName("other", "sail")),
        ("Other", SportName("other")),
    ],
)
def test_words_and_strava_codes(word: str, expected: SportName) -> None:
    assert sport_from_word(word) == expected


@pytest.mark.parametrize("word", ["Quidditch", "99", "Ice Dancing"])
def test_unknown_words_are_other_and_flagged(word: str) -> None:
    found = sport_from_word(word)
    assert (found.sport, found.known) == ("other", False)


@pytest.mark.parametrize(
    ("sport", "sub_sport", "expected"),
    [
        ("running", "trail", SportName("running", "trail")),
        ("running", None, SportName("running")),
        ("training", "strength_training", SportName("strength_training", "strength_training")),
        ("training", "cardio_training", SportName("other", "cardio_training")),
        ("fitness_equipment", "indoor_rowing", SportName("rowing", "indoor_rowing")),
        ("fitness_equipment", "treadmill", SportName("running", "treadmill")),
        ("cross_country_skiing", None, SportName("skiing")),
        ("stand_up_paddleboarding", None, SportName("paddling")),
        ("generic", None, SportName("other", "generic", known=False)),
        (250, 3, SportName("other", None, known=False)),
    ],
)
def test_fit_sport_pairs(sport: object, sub_sport: object, expected: SportName) -> None:
    assert sport_from_fit(sport, sub_sport) == expected
