"""Next working loads from logged sets (LOAD-1, LOAD-2, LOAD-3, RUN-7) on real equipment steps."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from stridelift.domain.activity import StrengthSet
from stridelift.domain.history import LoadAdvice
from stridelift.domain.loads import (
    ExerciseSession,
    change_text,
    e1rm,
    equipment_kind,
    load_for_reps,
    load_text,
    next_load,
    round_load,
)
from stridelift.domain.methodology import LoadLadder, Methodology
from stridelift.domain.units import kg_to_lb
from stridelift.methodologies import default_methodology, load_library

M = default_methodology()
STEPS = M.adapt.loads.steps
DAY = date(2024, 5, 6)


def _sets(
    n: int, reps: int, kg: float, rir: int | None = None, **extra: object
) -> list[StrengthSet]:
    return [replace(StrengthSet("back_squat", reps, kg, rir), **extra)] * n


def _session(
    sets: list[StrengthSet], days_ago: int = 0, rpe: float | None = None
) -> ExerciseSession:
    return ExerciseSession(DAY - timedelta(days=days_ago), tuple(sets), rpe)


def _next(
    *history: ExerciseSession, kind: str = "barbell", units: str = "metric", m: Methodology = M
) -> LoadAdvice | None:
    return next_load("back_squat", list(history), kind=kind, units=units, m=m)


def _advice(*history: ExerciseSession, **kw: str) -> LoadAdvice:
    found = _next(*history, **kw)
    assert found is not None
    return found


# Rounding to what the equipment allows -------------------------------------------------


@pytest.mark.parametrize(
    ("kg", "kind", "nearest", "down", "up"),
    [
        (61.0, "barbell", 60.0, 60.0, 62.5),  # 1.25 kg plates a side: 2.5 kg steps
        (63.9, "barbell", 65.0, 62.5, 65.0),
        (9.4, "dumbbells", 9.0, 9.0, 10.0),  # fixed dumbbells: 1 kg steps up to 10 kg...
        (13.1, "dumbbells", 14.0, 12.0, 14.0),  # ...then 2 kg
        (17.0, "kettlebell", 16.0, 16.0, 20.0),  # 16 -> 20 -> 24 kg bells
        (47.0, "machines", 45.0, 45.0, 50.0),
    ],
)
def test_metric_loads_round_to_the_equipments_steps(
    kg: float, kind: str, nearest: float, down: float, up: float
) -> None:
    assert round_load(kg, kind, "metric", STEPS) == nearest
    assert round_load(kg, kind, "metric", STEPS, direction="down") == down
    assert round_load(kg, kind, "metric", STEPS, direction="up") == up


def test_a_tie_between_two_steps_rounds_to_the_lighter_load() -> None:
    assert round_load(11.0, "dumbbells", "metric", STEPS) == 10.0
    assert round_load(18.0, "kettlebell", "metric", STEPS) == 16.0


def test_imperial_barbell_loads_move_in_5_lb_steps_and_come_back_in_kg() -> None:
    kg = round_load(61.0, "barbell", "imperial", STEPS)  # 134.5 lb
    assert kg is not None
    assert kg_to_lb(kg) == pytest.approx(135.0, abs=1e-3)
    assert load_text(kg, "imperial") == "135 lb"
    up = round_load(61.3, "barbell", "imperial", STEPS, direction="up")
    assert up is not None
    assert kg_to_lb(up) == pytest.approx(140.0, abs=1e-3)


def test_nothing_is_lighter_than_the_empty_bar() -> None:
    assert round_load(15.0, "barbell", "metric", STEPS, direction="down") is None
    assert round_load(15.0, "barbell", "metric", STEPS) == 20.0


def test_the_steps_come_from_the_methodology_file() -> None:
    fine = {
        **STEPS,
        "barbell": {"metric": LoadLadder(((20.0, 1.0),)), "imperial": STEPS["barbell"]["imperial"]},
    }
    assert round_load(61.4, "barbell", "metric", fine) == 61.0
    assert round_load(61.4, "barbell", "metric", STEPS) == 62.5


def test_an_unknown_rounding_direction_is_refused() -> None:
    with pytest.raises(ValueError, match="direction"):
        round_load(60.0, "barbell", "metric", STEPS, direction="sideways")


def test_an_exercises_equipment_picks_its_ladder() -> None:
    lib = load_library()
    assert equipment_kind(lib.get("back_squat"), STEPS) == "barbell"
    assert equipment_kind(lib.get("goblet_squat"), STEPS) == "dumbbells"
    assert equipment_kind(lib.get("leg_press"), STEPS) == "machines"
    assert equipment_kind(lib.get("bodyweight_squat"), STEPS) == "default"
    assert equipment_kind(None, STEPS) == "default"


def test_loads_read_in_the_athletes_units() -> None:
    assert load_text(62.5, "metric") == "62.5 kg"
    assert load_text(60.0, "metric") == "60 kg"
    advice = LoadAdvice("back_squat", 62.5, 8, 84.0, "LOAD-3", 4.2, 60.0, "")
    assert change_text(advice, "metric") == "60 kg -> 62.5 kg (+4.2%)"
    assert change_text(replace(advice, load_kg=60.0, pct=0.0), "metric") == "hold 60 kg"


# LOAD-3: very easy two sessions in a row -----------------------------------------------


def test_two_very_easy_sessions_in_a_row_raise_the_load_by_2_5_to_5_percent() -> None:
    advice = _advice(_session(_sets(3, 8, 60.0, 4), 3), _session(_sets(3, 8, 60.0, 5)))
    assert advice.rule == "LOAD-3"
    assert advice.load_kg == 62.5
    assert advice.from_kg == 60.0
    assert 2.5 <= advice.pct <= 5.0
    assert advice.pct == pytest.approx(100 * (62.5 / 60 - 1), abs=0.05)
    assert advice.reps == 8


def test_one_very_easy_session_is_not_enough_to_raise() -> None:
    advice = _advice(_session(_sets(3, 8, 60.0, 2), 3), _session(_sets(3, 8, 60.0, 5)))
    assert advice.rule == "LOAD-1"
    assert (advice.load_kg, advice.pct) == (60.0, 0.0)


def test_one_set_with_three_reps_in_reserve_means_not_every_set_was_very_easy() -> None:
    last = _sets(2, 8, 60.0, 5) + _sets(1, 8, 60.0, 3)
    advice = _advice(_session(_sets(3, 8, 60.0, 5), 3), _session(last))
    assert advice.rule == "LOAD-1"
    assert advice.load_kg == 60.0


def test_without_reps_in_reserve_a_low_session_rpe_counts_as_very_easy() -> None:
    easy = _advice(_session(_sets(3, 8, 60.0), 3, rpe=5), _session(_sets(3, 8, 60.0), rpe=6))
    assert easy.rule == "LOAD-3"
    hard = _advice(_session(_sets(3, 8, 60.0), 3, rpe=5), _session(_sets(3, 8, 60.0), rpe=7))
    assert hard.rule == "LOAD-1"


def test_warm_up_sets_do_not_count_as_working_sets() -> None:
    warm = [StrengthSet("back_squat", 8, 40.0, None)]
    sessions = [_session(warm + _sets(3, 8, 60.0, 4), days) for days in (3, 0)]
    advice = _advice(*sessions)
    assert advice.rule == "LOAD-3"
    assert advice.from_kg == 60.0


def test_when_the_next_dumbbell_is_more_than_5_percent_heavier_add_a_rep_first() -> None:
    history = [_session(_sets(3, 10, 12.0, 5), d) for d in (3, 0)]
    advice = _advice(*history, kind="dumbbells")
    assert advice.rule == "LOAD-1"
    assert (advice.load_kg, advice.pct, advice.from_kg) == (12.0, 0.0, 12.0)
    assert "add a rep first" in advice.why
    assert "11 reps" in advice.why


def test_an_imperial_raise_lands_on_a_5_lb_step_within_the_range() -> None:
    history = [_session(_sets(3, 5, 100.0, 4), d) for d in (3, 0)]  # 220.5 lb
    advice = _advice(*history, units="imperial")
    assert advice.rule == "LOAD-3"
    assert kg_to_lb(advice.load_kg) == pytest.approx(230.0, abs=1e-3)
    assert 2.5 <= advice.pct <= 5.0


def test_real_pain_in_easy_sessions_blocks_a_raise() -> None:
    sore = _sets(3, 8, 60.0, 5, pain=M.adapt.pain.noticeable)
    advice = _advice(_session(_sets(3, 8, 60.0, 5), 3), _session(sore))
    assert advice.rule != "LOAD-3"
    assert advice.load_kg <= 60.0


# LOAD-2: technique breaks down ---------------------------------------------------------


def test_a_technique_breakdown_cuts_the_load_at_once() -> None:
    last = _sets(2, 8, 60.0, 2) + _sets(1, 6, 60.0, 0, technique_breakdown=True)
    advice = _advice(_session(_sets(3, 8, 60.0, 3), 3), _session(last))
    assert advice.rule == "LOAD-2"
    assert advice.pct <= -M.adapt.loads.technique_cut_pct
    assert advice.load_kg < 60.0 * (1 - M.adapt.loads.technique_cut_pct / 100) + 1e-9
    assert advice.load_kg % 2.5 == 0  # still a load the bar can make
    assert advice.from_kg == 60.0


def test_a_technique_breakdown_wins_over_very_easy_sets() -> None:
    last = _sets(3, 8, 60.0, 5, technique_breakdown=True)
    advice = _advice(_session(_sets(3, 8, 60.0, 5), 3), _session(last))
    assert advice.rule == "LOAD-2"
    assert advice.pct < 0


def test_an_old_breakdown_followed_by_a_clean_session_cuts_nothing() -> None:
    old = _sets(3, 8, 60.0, 1, technique_breakdown=True)
    advice = _advice(_session(old, 3), _session(_sets(3, 8, 55.0, 2)))
    assert advice.rule == "LOAD-1"
    assert advice.load_kg == 55.0


def test_a_breakdown_at_the_lightest_load_still_cuts() -> None:
    advice = _advice(_session(_sets(3, 8, 20.0, 1, technique_breakdown=True)))
    assert advice.rule == "LOAD-2"
    assert advice.load_kg < 20.0
    assert "lighter variant" in advice.why


# LOAD-1: hold, or come down to 2-3 reps in reserve -------------------------------------


def test_sets_at_the_wanted_effort_hold_the_load() -> None:
    advice = _advice(_session(_sets(3, 8, 60.0, 2)))
    assert (advice.rule, advice.load_kg, advice.pct, advice.from_kg) == ("LOAD-1", 60.0, 0.0, 60.0)


def test_sets_taken_to_failure_bring_the_load_down_to_keep_two_in_reserve() -> None:
    advice = _advice(_session(_sets(3, 8, 60.0, 0)))
    # Epley through 60 kg x 8 reps to failure, then 8 reps with 2 in reserve: 57 kg.
    wanted = 60.0 * (1 + 8 / 30) / (1 + 10 / 30)
    assert advice.rule == "LOAD-1"
    assert advice.load_kg == 55.0
    assert advice.load_kg <= wanted
    assert advice.pct < 0


def test_without_reps_in_reserve_the_load_holds_and_asks_for_them() -> None:
    advice = _advice(_session(_sets(3, 8, 60.0)))
    assert (advice.rule, advice.load_kg) == ("LOAD-1", 60.0)
    assert "log reps in reserve" in advice.why


def test_bodyweight_only_exercises_get_no_load() -> None:
    assert _next(_session([StrengthSet("back_squat", 12, None, 3)] * 3)) is None
    assert _next() is None


# RUN-7: estimated 1RM -------------------------------------------------------------------


def test_e1rm_is_epley_on_reps_to_failure() -> None:
    assert e1rm([_session(_sets(3, 8, 60.0, 2))], rir_cap=5) == pytest.approx(80.0)
    assert e1rm([_session(_sets(3, 5, 100.0))], rir_cap=5) == pytest.approx(
        100 * (1 + 5 / 30), abs=0.05
    )


def test_sets_above_ten_reps_give_no_estimate() -> None:
    assert e1rm([_session(_sets(3, 15, 40.0, 2))], rir_cap=5) is None
    advice = _advice(_session(_sets(3, 15, 40.0, 2)))
    assert advice.e1rm_kg is None
    # An older set of 10 reps or fewer still gives one.
    older = _session(_sets(3, 6, 50.0, 2), 7)
    assert e1rm([older, _session(_sets(3, 15, 40.0, 2))], rir_cap=5) == pytest.approx(
        50 * (1 + 8 / 30), abs=0.05
    )


def test_reps_in_reserve_are_capped_in_the_estimate() -> None:
    capped = e1rm([_session(_sets(1, 5, 50.0, 9))], rir_cap=5)
    assert capped == pytest.approx(50 * (1 + 10 / 30), abs=0.05)


def test_a_load_for_other_reps_keeps_the_reserve_and_rounds_down() -> None:
    load = load_for_reps(80.0, 5, 2, "barbell", "metric", STEPS)  # 64.9 kg
    assert load == 62.5
    assert load_for_reps(80.0, 0, 2, "barbell", "metric", STEPS) is None
