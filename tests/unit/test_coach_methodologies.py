"""Checking a coach's uploaded methodology: every refused key at once, one line for a file
that cannot be read at all, the slug rule for names; and a coach's copy plans under its
own name and version."""

from __future__ import annotations

from pathlib import Path

import pytest

from stridelift.errors import UsageError
from stridelift.methodologies import CoachCopy, load_methodology
from stridelift.services.coach_methodologies import (
    MAX_PROBLEMS,
    MethodologyRefused,
    check_name,
    checked_text,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_every_refused_key_is_named_at_once_in_file_order_of_finding() -> None:
    with pytest.raises(MethodologyRefused) as refused:
        checked_text((FIXTURES / "coach_bad.toml").read_bytes())
    assert refused.value.problems == (
        ("strength.phase.strength.sets", "'four' is not a whole number 1-8"),
        ("strength.minutes.min", "5 is not a whole number 10-120"),
        ("load.planned_rpe.easy", "40 is not a number between 1 and 10"),
    )


def test_no_more_than_twelve_refused_keys_are_listed() -> None:
    rpe = "\n".join(f"{k} = 99" for k in ("easy", "long", "tempo", "strength", "core", "cross"))
    minutes = "[strength.minutes]\nmin = 1\nmax = 1000\n"
    text = f'extends = "default"\nname = "X"\n{minutes}[load.planned_rpe]\n{rpe}\n'
    text += "[season]\nrecovery_weeks = -1\nno_race_weeks = 0\noffseason_min_weeks = 0\n"
    text += "[strength.frequency]\nbase = 3\ntaper = 3\nrecovery = 3\n"
    with pytest.raises(MethodologyRefused) as refused:
        checked_text(text.encode())
    assert len(refused.value.problems) == MAX_PROBLEMS
    assert len({k for k, _ in refused.value.problems}) == MAX_PROBLEMS


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('extends = "nope"\nname = "X"\n', ("extends", "'nope' is not a shipped methodology")),
        ('extends = "default"\n', ("name", "missing: a file that extends another needs")),
        ("name = [\n", ("file", "not valid TOML")),
        ('extends = "default"\nname = 3\n', ("name", "3 is not a non-empty text")),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_by_its_one_key(
    text: str, problem: tuple[str, str]
) -> None:
    with pytest.raises(MethodologyRefused) as refused:
        checked_text(text.encode())
    ((key, detail),) = refused.value.problems
    assert key == problem[0] and detail.startswith(problem[1])


def test_a_good_file_gives_its_text_and_its_own_name() -> None:
    text, title = checked_text(b'\xef\xbb\xbfextends = "default"\nname = "Tempo block"\n')
    assert (text, title) == ('extends = "default"\nname = "Tempo block"\n', "Tempo block")


@pytest.mark.parametrize("name", ["a", "Tempo", "-tempo", "tempo-", "tem po", "x" * 41, "tëmpo"])
def test_a_name_that_is_no_slug_is_refused(name: str) -> None:
    with pytest.raises(UsageError, match=r"^name: .* is not a name: 2-40 lower-case"):
        check_name(name)


def test_a_coachs_copy_plans_under_coach_name_and_the_uploads_version() -> None:
    copy = CoachCopy("tempo", 3, 'extends = "default"\nname = "Tempo block"\nversion = 7\n')
    m = load_methodology(None, "coach:tempo", "profile", copy)
    assert (m.name, m.version) == ("coach:tempo", 3)
    with pytest.raises(UsageError, match="'coach:other' is a coach's methodology kept in"):
        load_methodology(None, "coach:other", "profile", copy)
