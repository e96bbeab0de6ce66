"""The exercise library: the shipped data file, substitution by equipment, name lookup, errors."""

from __future__ import annotations

import tomllib
from collections import deque
from functools import cache
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stridelift.domain.athlete import EQUIPMENT
from stridelift.domain.errors import LibraryError
from stridelift.domain.exercises import (
    MEASURES,
    PATTERNS,
    REGIONS,
    Exercise,
    ExerciseLibrary,
    library_from_mapping,
)

NOTHING: frozenset[str] = frozenset()
BANDS_AND_MAT = frozenset({"bands", "mat"})
GYM = frozenset(EQUIPMENT)
# Items that give an exercise a load in kg (the meaning of `loadable`).
LOAD_ITEMS = frozenset(
    {"dumbbells", "barbell", "kettlebell", "machines", "cable", "sled", "trap_bar"}
)

# Ids the planner refers to by name (CONTENT-2, CONTENT-3, CONTENT-6, PHASE, FREQ-5).
PLANNER_IDS = (
    "trap_bar_deadlift",
    "barbell_deadlift",
    "split_squat",
    "straight_knee_calf_raise",
    "bent_knee_calf_raise",
    "nordic_hamstring_curl",
    "machine_hamstring_curl",
    "stability_ball_hamstring_curl",
    "pallof_press",
    "cable_pallof_press",
    "front_squat",
    "goblet_squat",
    "back_squat",
    "bodyweight_squat",
    "dumbbell_squat",
    "step_up_knee_drive",
    "box_step_up",
    "explosive_step_up",
    "romanian_deadlift",
    "dumbbell_romanian_deadlift",
    "single_leg_romanian_deadlift",
    "band_lateral_walk",
    "cable_hip_abduction",
    "side_lying_leg_raise",
    "glute_bridge",
    "single_leg_glute_bridge",
    "hip_thrust",
    "reverse_lunge",
    "walking_lunge",
    "bulgarian_split_squat",
    "side_lunge",
    "reverse_lunge_knee_drive",
    "a_skip",
    "jump_squat",
    "jump_lunge",
    "skater_hop",
    "bounding",
    "mini_hurdle_hop",
    "pogo_hop",
    "kettlebell_swing",
    "farmers_carry",
    "suitcase_carry",
    "push_up",
    "incline_push_up",
    "dumbbell_overhead_press",
    "bent_over_row",
    "dumbbell_row",
    "band_row",
    "renegade_row",
    "inverted_row",
    "plank",
    "side_plank",
    "bird_dog",
    "dead_bug",
    "russian_twist",
    "bicycle_crunch",
    "superman",
    "mountain_climber",
    "sled_push",
    "resisted_sprint",
    "single_leg_calf_raise",
    "ankle_mobility_drill",
    "banded_ankle_mobility",
    "bodyweight_split_squat",
    "band_pull_apart",
    "single_leg_balance_reach",
)

# Every exercise the five source articles name, as they word it, and the id it must find.
SEED_EXERCISES = {
    "Bodyweight Squats": "bodyweight_squat",
    "Goblet squat": "goblet_squat",
    "Dumbbell Squats": "dumbbell_squat",
    "Back squat": "back_squat",
    "Front squat": "front_squat",
    "Walking Lunges": "walking_lunge",
    "Reverse Lunges": "reverse_lunge",
    "Romanian Deadlifts": "romanian_deadlift",
    "Romanian Deadlift (Dumbbell)": "dumbbell_romanian_deadlift",
    "Single-leg deadlifts": "single_leg_romanian_deadlift",
    "Trap-bar deadlift": "trap_bar_deadlift",
    "Barbell deadlift": "barbell_deadlift",
    "Split squat": "split_squat",
    "Bulgarian split squats": "bulgarian_split_squat",
    "Step-Ups": "step_up",
    "Box Step-Ups": "box_step_up",
    "Step-up with knee drive": "step_up_knee_drive",
    "Explosive step-ups": "explosive_step_up",
    "High-knee step-ups": "step_up_knee_drive",
    "Hip thrusts": "hip_thrust",
    "Glute Bridges": "glute_bridge",
    "Single-Leg Glute Bridges": "single_leg_glute_bridge",
    "Calf raise (straight knee)": "straight_knee_calf_raise",
    "Bent-knee calf raise": "bent_knee_calf_raise",
    "Hamstring curl (machine)": "machine_hamstring_curl",
    "Nordic curl": "nordic_hamstring_curl",
    "Stability ball hamstring curl": "stability_ball_hamstring_curl",
    "Pallof press": "pallof_press",
    "Cable Pallof press": "cable_pallof_press",
    "Band walk": "band_lateral_walk",
    "Banded lateral walks": "band_lateral_walk",
    "Cable abduction": "cable_hip_abduction",
    "Side-Lying Leg Raises": "side_lying_leg_raise",
    "Push-Ups": "push_up",
    "Incline Push-Ups": "incline_push_up",
    "Elevated Push-Ups": "incline_push_up",
    "Bent-Over Rows": "bent_over_row",
    "Band Rows": "band_row",
    "Single-arm dumbbell row": "dumbbell_row",
    "Renegade Rows": "renegade_row",
    "Overhead press": "barbell_overhead_press",
    "Planks": "plank",
    "Side Planks": "side_plank",
    "Bird Dogs": "bird_dog",
    "Dead Bugs": "dead_bug",
    "Russian Twists": "russian_twist",
    "Bicycle Crunches": "bicycle_crunch",
    "Supermans": "superman",
    "Mountain Climbers": "mountain_climber",
    "Jump Squats": "jump_squat",
    "Jump Lunges": "jump_lunge",
    "Skaters": "skater_hop",
    "Bounding": "bounding",
    "Mini-hurdle hops": "mini_hurdle_hop",
    "A-skips": "a_skip",
    "Reverse lunge with knee drive": "reverse_lunge_knee_drive",
    "Kettlebell Swings": "kettlebell_swing",
    "Farmers Carries": "farmers_carry",
    "Side Lunges": "side_lunge",
    "Sled pushes": "sled_push",
    "Resisted sprints": "resisted_sprint",
    "Ankle mobility": "ankle_mobility_drill",
    "Calf activation": "bodyweight_calf_raise",
    "Pogo hops": "pogo_hop",
    "Split squat patterning": "bodyweight_split_squat",
    "Easy bike warm-up": "easy_bike_warmup",
}

# The patterns a runner must be able to train whatever they own (CONTENT-1, CONTENT-4).
ESSENTIAL_PATTERNS = (
    "squat",
    "hinge",
    "lunge",
    "push",
    "pull",
    "carry",
    "core",
    "lateral_hip",
    "calf",
    "knee_flexion",
)


def _shipped_text() -> str:
    """The exercises file as it ships inside the package."""
    path = resources.files("stridelift").joinpath("methodologies", "exercises.toml")
    return path.read_text(encoding="utf-8")


@cache
def _shipped() -> ExerciseLibrary:
    """The shipped library, parsed once (Hypothesis tests cannot take function fixtures)."""
    return library_from_mapping(tomllib.loads(_shipped_text()))


@pytest.fixture
def library() -> ExerciseLibrary:
    """The library that ships in the package, parsed the way the app parses it."""
    return _shipped()


def _entry(**fields: object) -> dict[str, object]:
    """A valid [[exercise]] table, with some fields replaced (None drops the field)."""
    entry: dict[str, object] = {
        "id": "glute_bridge",
        "name": "Glute Bridge",
        "pattern": "hinge",
        "region": "lower",
        "muscles": ["glutes", "hamstrings"],
        "equipment": [],
        "unilateral": False,
        "plyometric": False,
        "loadable": False,
        "measure": "reps",
        "substitutes": ["glute_bridge_b"],
        "aliases": ["Hip Bridge"],
        "cue": "Squeeze at the top.",
    }
    entry.update(fields)
    return {key: value for key, value in entry.items() if value is not None}


def _twin(**fields: object) -> dict[str, object]:
    """A second valid exercise that the first one can name as its substitute."""
    defaults: dict[str, object] = {
        "id": "glute_bridge_b",
        "name": "Glute Bridge B",
        "substitutes": ["glute_bridge"],
        "aliases": [],
    }
    return _entry(**(defaults | fields))


def _exercise(
    exercise_id: str,
    *,
    pattern: str = "squat",
    region: str = "lower",
    equipment: tuple[str, ...] = (),
    substitutes: tuple[str, ...] = (),
) -> Exercise:
    """A small hand-made exercise for the substitution tests."""
    return Exercise(
        id=exercise_id,
        name=exercise_id.replace("_", " ").title(),
        pattern=pattern,
        region=region,
        muscles=("quads",),
        equipment=equipment,
        unilateral=False,
        plyometric=False,
        loadable=bool(set(equipment) & LOAD_ITEMS),
        substitutes=substitutes,
    )


def _reachable(library: ExerciseLibrary, exercise_id: str) -> list[Exercise]:
    """Every exercise reachable through the substitutes chain, breadth-first."""
    seen = {exercise_id}
    queue = deque(library.get(exercise_id).substitutes)
    found: list[Exercise] = []
    while queue:
        next_id = queue.popleft()
        if next_id in seen:
            continue
        seen.add(next_id)
        found.append(library.get(next_id))
        queue.extend(library.get(next_id).substitutes)
    return found


# The shipped library ----------------------------------------------------------------


def test_the_library_holds_at_least_ninety_exercises(library: ExerciseLibrary) -> None:
    assert len(library) >= 90


def test_every_exercise_the_planner_names_exists(library: ExerciseLibrary) -> None:
    missing = [exercise_id for exercise_id in PLANNER_IDS if exercise_id not in library]
    assert missing == []


@pytest.mark.parametrize(("wording", "expected_id"), sorted(SEED_EXERCISES.items()))
def test_every_exercise_the_source_articles_name_is_found_by_its_wording(
    library: ExerciseLibrary, wording: str, expected_id: str
) -> None:
    found = library.find(wording)
    assert found is not None, wording
    assert found.id == expected_id


def test_every_field_uses_the_shared_vocabulary(library: ExerciseLibrary) -> None:
    for exercise in library:
        assert exercise.pattern in PATTERNS
        assert exercise.region in REGIONS
        assert exercise.measure in MEASURES
        assert set(exercise.equipment) <= set(EQUIPMENT), exercise.id


def test_floor_work_never_requires_a_mat(library: ExerciseLibrary) -> None:
    assert [e.id for e in library if "mat" in e.equipment] == []


def test_only_exercises_with_a_weight_are_marked_loadable(library: ExerciseLibrary) -> None:
    wrong = [e.id for e in library if e.loadable and not set(e.equipment) & LOAD_ITEMS]
    assert wrong == []


def test_every_exercise_has_a_short_cue_and_at_least_one_other_name(
    library: ExerciseLibrary,
) -> None:
    for exercise in library:
        assert 10 <= len(exercise.cue) <= 110, exercise.id
        assert exercise.aliases, exercise.id


def test_every_substitute_names_another_exercise_of_the_library(
    library: ExerciseLibrary,
) -> None:
    for exercise in library:
        assert exercise.substitutes, exercise.id
        for substitute in exercise.substitutes:
            assert substitute in library
            assert substitute != exercise.id


def test_every_substitute_chain_reaches_something_a_runner_with_nothing_can_do(
    library: ExerciseLibrary,
) -> None:
    for exercise in library:
        if exercise.equipment:
            chain = _reachable(library, exercise.id)
            assert any(not e.equipment for e in chain), exercise.id


def test_with_no_equipment_every_exercise_but_a_carry_keeps_its_pattern(
    library: ExerciseLibrary,
) -> None:
    for exercise in library:
        chosen = library.choose(exercise.id, NOTHING)
        assert chosen is not None, exercise.id
        assert chosen.equipment == ()
        if exercise.pattern != "carry":
            assert chosen.pattern == exercise.pattern, (exercise.id, chosen.id)


@pytest.mark.parametrize("owned", [NOTHING, BANDS_AND_MAT], ids=["nothing", "bands_and_mat"])
@pytest.mark.parametrize("pattern", ESSENTIAL_PATTERNS)
def test_a_runner_with_little_or_nothing_gets_an_exercise_for_every_pattern(
    library: ExerciseLibrary, owned: frozenset[str], pattern: str
) -> None:
    for exercise in library:
        if exercise.pattern == pattern:
            chosen = library.choose(exercise.id, owned)
            assert chosen is not None, exercise.id
            assert library.usable(chosen, owned)
    if pattern != "carry":
        assert library.by_pattern(pattern, owned)


def test_a_carry_without_weights_becomes_a_side_plank(library: ExerciseLibrary) -> None:
    # No honest carry exists without a weight; the side plank trains the same
    # refusal to bend sideways that a suitcase or farmer's carry demands.
    assert library.by_pattern("carry", BANDS_AND_MAT) == ()
    for carry_id in ("farmers_carry", "suitcase_carry", "kettlebell_farmers_carry"):
        chosen = library.choose(carry_id, BANDS_AND_MAT)
        assert chosen is not None
        assert chosen.id == "side_plank"


def test_a_runner_with_nothing_still_gets_core_work(library: ExerciseLibrary) -> None:
    core = {e.id for e in library.by_pattern("core", NOTHING)}
    assert {"plank", "side_plank", "bird_dog", "dead_bug"} <= core


@pytest.mark.parametrize(
    ("wanted", "owned", "expected"),
    [
        ("trap_bar_deadlift", NOTHING, "bodyweight_single_leg_romanian_deadlift"),
        ("trap_bar_deadlift", BANDS_AND_MAT, "band_deadlift"),
        ("trap_bar_deadlift", frozenset({"barbell"}), "barbell_deadlift"),
        ("machine_hamstring_curl", NOTHING, "sliding_leg_curl"),
        ("machine_hamstring_curl", BANDS_AND_MAT, "band_hamstring_curl"),
        ("cable_pallof_press", BANDS_AND_MAT, "pallof_press"),
        ("cable_hip_abduction", BANDS_AND_MAT, "band_standing_hip_abduction"),
        ("back_squat", frozenset({"dumbbells"}), "goblet_squat"),
        ("straight_knee_calf_raise", NOTHING, "single_leg_calf_raise"),
        ("seated_calf_raise", NOTHING, "single_leg_bent_knee_calf_raise"),
        ("bent_over_row", NOTHING, "prone_y_t_w_raise"),
        ("explosive_step_up", NOTHING, "step_up_knee_drive"),
        ("sled_push", NOTHING, "hill_sprint"),
    ],
)
def test_a_gym_exercise_falls_back_to_the_closest_one_the_runner_can_do(
    library: ExerciseLibrary, wanted: str, owned: frozenset[str], expected: str
) -> None:
    chosen = library.choose(wanted, owned)
    assert chosen is not None
    assert chosen.id == expected


def test_a_runner_with_a_full_gym_gets_exactly_what_the_plan_asks_for(
    library: ExerciseLibrary,
) -> None:
    for exercise_id in PLANNER_IDS:
        chosen = library.choose(exercise_id, GYM)
        assert chosen is not None
        assert chosen.id == exercise_id


@pytest.mark.parametrize(
    ("text", "expected_id"),
    [
        ("Deadlift (Trap bar)", "trap_bar_deadlift"),
        ("deadlift (trap bar)", "trap_bar_deadlift"),
        ("Squat (Goblet)", "goblet_squat"),
        ("Calf Raise (Standing)", "straight_knee_calf_raise"),
        ("Romanian Deadlift (Dumbbell)", "dumbbell_romanian_deadlift"),
        ("Bent Over Row (Barbell)", "bent_over_row"),
        ("Farmer’s Walk", "farmers_carry"),
        ("  TRAP_BAR_DEADLIFT ", "trap_bar_deadlift"),
        ("Trap-Bar Deadlift", "trap_bar_deadlift"),
        ("hip raise", "glute_bridge"),
        ("calf raise", "straight_knee_calf_raise"),
    ],
)
def test_find_matches_ids_names_and_export_aliases_whatever_the_spelling(
    library: ExerciseLibrary, text: str, expected_id: str
) -> None:
    found = library.find(text)
    assert found is not None
    assert found.id == expected_id


@pytest.mark.parametrize("text", ["Underwater Basket Weaving", "", "  ---  "])
def test_find_returns_nothing_for_a_name_it_does_not_know(
    library: ExerciseLibrary, text: str
) -> None:
    assert library.find(text) is None


def test_suggest_puts_the_intended_exercise_first_for_a_typo(library: ExerciseLibrary) -> None:
    suggestions = library.suggest("trap_bar_deadlfit")
    assert suggestions[0] == "trap_bar_deadlift"
    assert len(suggestions) <= 3


def test_suggest_offers_ids_for_a_misspelt_export_name(library: ExerciseLibrary) -> None:
    assert library.suggest("Bulgarain Split Squat", limit=1) == ("bulgarian_split_squat",)


def test_suggest_offers_nothing_for_gibberish(library: ExerciseLibrary) -> None:
    assert library.suggest("qqqqzzzz") == ()
    assert library.suggest("") == ()


def test_suggest_refuses_a_limit_below_one(library: ExerciseLibrary) -> None:
    with pytest.raises(ValueError, match="limit"):
        library.suggest("squat", limit=0)


def test_get_names_the_unknown_id(library: ExerciseLibrary) -> None:
    with pytest.raises(KeyError, match="moon_squat"):
        library.get("moon_squat")


def test_choose_names_the_unknown_id(library: ExerciseLibrary) -> None:
    with pytest.raises(KeyError, match="moon_squat"):
        library.choose("moon_squat", GYM)


def test_by_pattern_filters_single_leg_and_plyometric_work(library: ExerciseLibrary) -> None:
    single_leg = library.by_pattern("lunge", NOTHING, unilateral=True, plyometric=False)
    ids = [e.id for e in single_leg]
    assert "reverse_lunge" in ids
    assert "reverse_lunge_knee_drive" not in ids
    assert all(e.unilateral and not e.plyometric and not e.equipment for e in single_leg)
    jumps = library.by_pattern("plyometric", NOTHING, plyometric=True)
    assert "jump_squat" in [e.id for e in jumps]


def test_by_pattern_refuses_an_unknown_pattern(library: ExerciseLibrary) -> None:
    with pytest.raises(ValueError, match="squatting"):
        library.by_pattern("squatting", GYM)


def test_the_library_keeps_file_order(library: ExerciseLibrary) -> None:
    in_file = [entry["id"] for entry in tomllib.loads(_shipped_text())["exercise"]]
    assert [e.id for e in library] == in_file


# choose() on a small hand-made library ------------------------------------------------

SMALL = ExerciseLibrary(
    [
        _exercise(
            "barbell_lift", equipment=("barbell",), substitutes=("dumbbell_lift", "band_lift")
        ),
        _exercise("dumbbell_lift", equipment=("dumbbells",), substitutes=("deep_fallback",)),
        _exercise("band_lift", equipment=("bands",), substitutes=("bodyweight_lift",)),
        _exercise("deep_fallback", substitutes=("bodyweight_lift",)),
        _exercise("bodyweight_lift", substitutes=("deep_fallback",)),
        _exercise(
            "machine_press",
            pattern="push",
            region="upper",
            equipment=("machines",),
            substitutes=("machine_press_2",),
        ),
        _exercise(
            "machine_press_2",
            pattern="push",
            region="upper",
            equipment=("machines",),
            substitutes=("machine_press",),
        ),
        _exercise("floor_press", pattern="push", region="full", substitutes=("machine_press",)),
        _exercise(
            "band_press",
            pattern="push",
            region="upper",
            equipment=("bands",),
            substitutes=("machine_press",),
        ),
    ]
)


def test_choose_returns_the_exercise_itself_when_it_can_be_done() -> None:
    chosen = SMALL.choose("barbell_lift", frozenset({"barbell"}))
    assert chosen is not None
    assert chosen.id == "barbell_lift"


def test_choose_tries_every_direct_substitute_before_their_own_substitutes() -> None:
    # dumbbell_lift's substitute needs nothing, but band_lift is a direct substitute.
    chosen = SMALL.choose("barbell_lift", frozenset({"bands"}))
    assert chosen is not None
    assert chosen.id == "band_lift"


def test_choose_goes_down_the_chain_when_no_direct_substitute_fits() -> None:
    chosen = SMALL.choose("barbell_lift", NOTHING)
    assert chosen is not None
    assert chosen.id == "deep_fallback"


def test_choose_skips_excluded_exercises_including_the_one_asked_for() -> None:
    chosen = SMALL.choose("barbell_lift", GYM, exclude=frozenset({"barbell_lift", "dumbbell_lift"}))
    assert chosen is not None
    assert chosen.id == "band_lift"


def test_choose_falls_back_to_the_same_pattern_and_region_in_file_order() -> None:
    # The machine presses only name each other; band_press is the first upper push left.
    chosen = SMALL.choose("machine_press", frozenset({"bands"}))
    assert chosen is not None
    assert chosen.id == "band_press"


def test_choose_returns_none_when_nothing_of_that_kind_fits() -> None:
    # floor_press needs nothing but is a full-body push, not an upper-body one.
    assert SMALL.choose("machine_press", NOTHING) is None


def test_a_library_refuses_a_substitute_it_does_not_hold() -> None:
    with pytest.raises(LibraryError, match=r"exercise\[1\]\.substitutes\[1\]"):
        ExerciseLibrary([_exercise("lonely", substitutes=("ghost",))])


def test_library_size_iteration_and_membership() -> None:
    assert len(SMALL) == 9
    assert next(iter(SMALL)).id == "barbell_lift"
    assert "band_press" in SMALL
    assert "ghost" not in SMALL
    assert 42 not in SMALL


# Hypothesis: choose() on random equipment --------------------------------------------

equipment_sets = st.frozensets(st.sampled_from(EQUIPMENT))


@given(owned=equipment_sets)
def test_choose_always_finds_something_usable_on_any_equipment(owned: frozenset[str]) -> None:
    library = _shipped()
    for exercise in library:
        chosen = library.choose(exercise.id, owned)
        if chosen is None:
            assert not any(
                library.usable(e, owned) for e in library if e.pattern == exercise.pattern
            )
        else:
            assert library.usable(chosen, owned)


@given(owned=equipment_sets, excluded=st.data())
def test_choose_gives_none_only_when_no_other_exercise_of_that_kind_is_left(
    owned: frozenset[str], excluded: st.DataObject
) -> None:
    library = _shipped()
    ids = [e.id for e in library]
    exclude = excluded.draw(st.frozensets(st.sampled_from(ids), max_size=len(ids)))
    for exercise in library:
        chosen = library.choose(exercise.id, owned, exclude)
        if chosen is None:
            assert not any(
                library.usable(e, owned) and e.id not in exclude
                for e in library
                if e.pattern == exercise.pattern and e.region == exercise.region
            )
        else:
            assert library.usable(chosen, owned)
            assert chosen.id not in exclude


# library_from_mapping: every error names its key ---------------------------------------


def _load(*entries: dict[str, object]) -> ExerciseLibrary:
    return library_from_mapping({"exercise": list(entries)})


def test_a_valid_mapping_becomes_typed_exercises() -> None:
    library = _load(_entry(), _twin())
    bridge = library.get("glute_bridge")
    assert bridge.muscles == ("glutes", "hamstrings")
    assert bridge.equipment == ()
    assert bridge.substitutes == ("glute_bridge_b",)
    assert bridge.aliases == ("Hip Bridge",)


def test_measure_aliases_and_cue_may_be_left_out() -> None:
    library = _load(_entry(measure=None, aliases=None, cue=None), _twin())
    bridge = library.get("glute_bridge")
    assert (bridge.measure, bridge.aliases, bridge.cue) == ("reps", (), "")


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (
            [_entry(), _twin(pattern="sqat")],
            "exercise[2].pattern: 'sqat' should be one of: squat, hinge, lunge",
        ),
        (
            [_entry(substitutes=["glute_bridge_b", "ghost"]), _twin()],
            "exercise[1].substitutes[2]: 'ghost' should be the id of an exercise",
        ),
        (
            [_entry(), _twin(id="glute_bridge", substitutes=["glute_bridge_b"])],
            "exercise[2].id: 'glute_bridge' is already used by exercise[1]",
        ),
        (
            [_entry(equipment=["dumbbells", "rowing_machine"]), _twin()],
            "exercise[1].equipment[2]: 'rowing_machine' should be one of: dumbbells, bands",
        ),
        ([_entry(name=None), _twin()], "exercise[1].name: missing is required"),
        ([_entry(), _twin(name="  ")], "exercise[2].name: '  ' should be a non-empty string"),
        ([_entry(region="legs"), _twin()], "exercise[1].region: 'legs' should be one of: lower"),
        ([_entry(measure="kg"), _twin()], "exercise[1].measure: 'kg' should be one of: reps"),
        ([_entry(unilateral="no"), _twin()], "exercise[1].unilateral: 'no' should be true or"),
        ([_entry(loadable=1), _twin()], "exercise[1].loadable: 1 should be true or false"),
        ([_entry(muscles=[]), _twin()], "exercise[1].muscles: [] should list at least one"),
        ([_entry(muscles=["quadz"]), _twin()], "exercise[1].muscles[1]: 'quadz' should be one of"),
        ([_entry(substitutes=[]), _twin()], "exercise[1].substitutes: [] should list at least"),
        (
            [_entry(substitutes=["glute_bridge"]), _twin()],
            "exercise[1].substitutes[1]: 'glute_bridge' names the exercise itself",
        ),
        ([_entry(id="Glute Bridge"), _twin()], "exercise[1].id: 'Glute Bridge' should be snake"),
        ([_entry(equipment="bands"), _twin()], "exercise[1].equipment: 'bands' should be a list"),
        (
            [_entry(equipment=["bands", "bands"]), _twin()],
            "exercise[1].equipment[2]: 'bands' is listed twice",
        ),
        ([_entry(subs=["x"]), _twin()], "exercise[1].subs: ['x'] is not a field"),
        ([_entry(), "glute_bridge_b"], "exercise[2]: 'glute_bridge_b' should be a table"),
        (
            [_entry(), _twin(aliases=["Hip Bridge"])],
            "exercise[2].aliases[1]: 'Hip Bridge' is already a name of 'glute_bridge'",
        ),
        (
            [_entry(), _twin(aliases=["glute-bridge"])],
            "exercise[2].aliases[1]: 'glute-bridge' is already a name of 'glute_bridge'",
        ),
    ],
)
def test_a_bad_library_entry_is_refused_with_its_key_in_the_message(
    entries: list[object], message: str
) -> None:
    with pytest.raises(LibraryError) as raised:
        library_from_mapping({"exercise": entries})
    assert message in str(raised.value)


def test_a_file_without_exercises_is_refused() -> None:
    with pytest.raises(LibraryError, match=r"exercise: missing should be a non-empty array"):
        library_from_mapping({})


def test_a_stray_top_level_key_is_refused() -> None:
    with pytest.raises(LibraryError, match=r"exercises: \[\] is not a library key"):
        library_from_mapping({"exercise": [_entry(), _twin()], "exercises": []})


# CONTENT-9: each exercise's unit and usual dose, and the loaded variant -------------------


def test_every_hold_and_carry_gives_its_usual_dose_in_its_own_unit(
    library: ExerciseLibrary,
) -> None:
    for exercise in library:
        low, high = exercise.usual_dose()
        assert 1 <= low <= high, exercise.id
        if exercise.measure == "seconds":
            assert exercise.dose is not None and low >= 10 and high <= 300, exercise.id
        if exercise.measure == "metres":
            assert exercise.dose is not None and low >= 10 and high <= 400, exercise.id
    assert library.get("side_plank").usual_dose() == (20, 30)
    assert library.get("bodyweight_squat").usual_dose() == (8, 12)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (_entry(measure="seconds"), "exercise[1].dose: missing is required for an exercise "
                                    "measured in seconds"),
        (_entry(dose=[30]), "exercise[1].dose: [30] should be [low, high] in reps"),
        (_entry(measure="metres", dose=[40, 30]), "exercise[1].dose: [40, 30] should be"),
        (_entry(measure="seconds", dose=[0, 30]), "exercise[1].dose: [0, 30] should be"),
        (_entry(dose=[True, 3]), "exercise[1].dose: [True, 3] should be"),
    ],
)  # fmt: skip
def test_a_dose_missing_or_malformed_is_refused_naming_its_key(
    entry: dict[str, object], message: str
) -> None:
    with pytest.raises(LibraryError) as raised:
        library_from_mapping({"exercise": [entry, _twin()]})
    assert message in str(raised.value)


def test_a_dose_is_read_in_the_exercise_unit() -> None:
    library = _load(_entry(measure="seconds", dose=[20, 30]), _twin())
    assert library.get("glute_bridge").usual_dose() == (20, 30)


def test_with_weights_a_bodyweight_exercise_has_a_loaded_variant(
    library: ExerciseLibrary,
) -> None:
    step_up = library.get("step_up_knee_drive")

    loaded = library.loaded_variant(step_up, GYM)
    assert loaded is not None and loaded.id == "dumbbell_step_up_knee_drive"
    assert library.loaded_variant(step_up, BANDS_AND_MAT) is None
    assert library.loaded_variant(step_up, GYM, frozenset({loaded.id})) is None
    trap_bar = library.get("trap_bar_deadlift")
    assert library.loaded_variant(trap_bar, GYM) is trap_bar
