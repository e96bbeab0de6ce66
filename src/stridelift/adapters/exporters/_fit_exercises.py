"""Which FIT profile exercise (category and name) stands for an exercise of our library.

Watches show and count a strength step by its FIT ``exercise_category`` and, within it,
``exercise_name``. Ids of the exercise library (methodologies/exercises.toml) map to both
where the FIT profile has a close match; other exercises get a category from their
movement pattern (or region), and one that matches nothing gets neither.
"""

from __future__ import annotations

from fit_tool.profile import profile_type as fit

from stridelift.adapters.exporters._plan import Exercise

Category = fit.ExerciseCategory

# Library id -> (category, exercise name within it), written as the FIT profile's
# enum member names; None as the name when the profile has no close match.
_NAMES: dict[str, tuple[str, str | None]] = {
    # squat
    "bodyweight_squat": ("SQUAT", "SQUAT"),
    "band_squat": ("SQUAT", "SQUATS_WITH_BAND"),
    "goblet_squat": ("SQUAT", "GOBLET_SQUAT"),
    "kettlebell_goblet_squat": ("SQUAT", "GOBLET_SQUAT"),
    "dumbbell_squat": ("SQUAT", "DUMBBELL_SQUAT"),
    "back_squat": ("SQUAT", "BARBELL_BACK_SQUAT"),
    "front_squat": ("SQUAT", "BARBELL_FRONT_SQUAT"),
    "leg_press": ("SQUAT", "LEG_PRESS"),
    "hack_squat": ("SQUAT", "BARBELL_HACK_SQUAT"),
    "wall_sit": ("SQUAT", "BODY_WEIGHT_WALL_SQUAT"),
    "stability_ball_wall_squat": ("SQUAT", "SWISS_BALL_BODY_WEIGHT_WALL_SQUAT"),
    # hinge
    "romanian_deadlift": ("DEADLIFT", "ROMANIAN_DEADLIFT"),
    "dumbbell_romanian_deadlift": ("DEADLIFT", "DUMBBELL_STRAIGHT_LEG_DEADLIFT"),
    "kettlebell_romanian_deadlift": ("DEADLIFT", "ROMANIAN_DEADLIFT"),
    "single_leg_romanian_deadlift": ("DEADLIFT", "SINGLE_LEG_ROMANIAN_DEADLIFT_WITH_DUMBBELL"),
    "kettlebell_single_leg_romanian_deadlift": ("DEADLIFT", "ONE_ARM_ONE_LEG_DEADLIFT"),
    "bodyweight_single_leg_romanian_deadlift": ("DEADLIFT", None),
    "trap_bar_deadlift": ("DEADLIFT", "TRAP_BAR_DEADLIFT"),
    "barbell_deadlift": ("DEADLIFT", "BARBELL_DEADLIFT"),
    "dumbbell_deadlift": ("DEADLIFT", "DUMBBELL_DEADLIFT"),
    "kettlebell_deadlift": ("DEADLIFT", "KETTLEBELL_DEADLIFT"),
    "band_good_morning": ("LEG_CURL", "BAND_GOOD_MORNING"),
    "bodyweight_good_morning": ("LEG_CURL", "GOOD_MORNING"),
    "hip_thrust": ("HIP_RAISE", "BARBELL_HIP_THRUST_WITH_BENCH"),
    "dumbbell_hip_thrust": ("HIP_RAISE", "WEIGHTED_HIP_RAISE"),
    "band_hip_thrust": ("HIP_RAISE", "HIP_RAISE"),
    "single_leg_hip_thrust": ("HIP_RAISE", "SINGLE_LEG_HIP_RAISE_WITH_FOOT_ON_BENCH"),
    "glute_bridge": ("HIP_RAISE", "HIP_RAISE"),
    "single_leg_glute_bridge": ("HIP_RAISE", "SINGLE_LEG_HIP_RAISE"),
    "banded_glute_bridge": ("HIP_RAISE", "HIP_RAISE"),
    "kettlebell_swing": ("HIP_RAISE", "KETTLEBELL_SWING"),
    "dumbbell_swing": ("HIP_SWING", "SINGLE_ARM_DUMBBELL_SWING"),
    "cable_pull_through": ("CHOP", "CABLE_PULL_THROUGH"),
    "back_extension": ("HYPEREXTENSION", "STATIC_BACK_EXTENSION"),
    # lunge and step-up
    "split_squat": ("LUNGE", "BARBELL_SPLIT_SQUAT"),
    "bodyweight_split_squat": ("LUNGE", None),
    "bulgarian_split_squat": ("LUNGE", None),
    "dumbbell_bulgarian_split_squat": ("LUNGE", "DUMBBELL_BULGARIAN_SPLIT_SQUAT"),
    "reverse_lunge": ("LUNGE", None),
    "barbell_reverse_lunge": ("LUNGE", "BARBELL_REVERSE_LUNGE"),
    "walking_lunge": ("LUNGE", "WALKING_LUNGE"),
    "dumbbell_walking_lunge": ("LUNGE", "WEIGHTED_WALKING_LUNGE"),
    "side_lunge": ("LUNGE", "SIDE_LUNGE"),
    "dumbbell_side_lunge": ("LUNGE", "DUMBBELL_SIDE_LUNGE"),
    "step_up": ("SQUAT", "STEP_UP"),
    "box_step_up": ("SQUAT", "STEP_UP"),
    "dumbbell_step_up": ("SQUAT", "DUMBBELL_STEP_UP"),
    # push
    "push_up": ("PUSH_UP", "PUSH_UP"),
    "incline_push_up": ("PUSH_UP", "INCLINE_PUSH_UP"),
    "knee_push_up": ("PUSH_UP", "KNEELING_PUSH_UP"),
    "decline_push_up": ("PUSH_UP", "DECLINE_PUSH_UP"),
    "band_chest_press": ("PUSH_UP", "CHEST_PRESS_WITH_BAND"),
    "dumbbell_bench_press": ("BENCH_PRESS", "DUMBBELL_BENCH_PRESS"),
    "dumbbell_floor_press": ("BENCH_PRESS", "DUMBBELL_FLOOR_PRESS"),
    "barbell_bench_press": ("BENCH_PRESS", "BARBELL_BENCH_PRESS"),
    "dumbbell_overhead_press": ("SHOULDER_PRESS", "OVERHEAD_DUMBBELL_PRESS"),
    "barbell_overhead_press": ("SHOULDER_PRESS", "OVERHEAD_BARBELL_PRESS"),
    "pike_push_up": ("SHOULDER_PRESS", None),
    # pull
    "bent_over_row": ("ROW", "BENT_OVER_ROW_WITH_BARBELL"),
    "dumbbell_bent_over_row": ("ROW", "BENT_OVER_ROW_WITH_DUMBELL"),
    "dumbbell_row": ("ROW", "DUMBBELL_ROW"),
    "kettlebell_row": ("ROW", "KETTLEBELL_ROW"),
    "renegade_row": ("ROW", "RENEGADE_ROW"),
    "chest_supported_dumbbell_row": ("ROW", "CHEST_SUPPORTED_DUMBBELL_ROW"),
    "seated_cable_row": ("ROW", "SEATED_CABLE_ROW"),
    "inverted_row": ("ROW", "INVERTED_ROW"),
    "band_face_pull": ("ROW", "BANDED_FACE_PULLS"),
    "cable_face_pull": ("ROW", "FACE_PULL"),
    "lat_pulldown": ("PULL_UP", "LAT_PULLDOWN"),
    "band_lat_pulldown": ("PULL_UP", None),
    "pull_up": ("PULL_UP", "PULL_UP"),
    "chin_up": ("PULL_UP", "CHIN_UP"),
    "band_assisted_pull_up": ("PULL_UP", "BAND_ASSISTED_PULL_UP"),
    "band_pull_apart": ("SHOULDER_STABILITY", None),
    "prone_y_t_w_raise": ("SHOULDER_STABILITY", "FLOOR_Y_RAISE"),
    # carry
    "farmers_carry": ("CARRY", "FARMERS_CARRY"),
    "kettlebell_farmers_carry": ("CARRY", "FARMERS_CARRY"),
    "trap_bar_carry": ("CARRY", "FARMERS_CARRY"),
    "overhead_carry": ("CARRY", "OVERHEAD_CARRY"),
    "sled_push": ("SLED", "PUSH"),
    "sled_drag": ("SLED", "FORWARD_DRAG"),
    # core
    "plank": ("PLANK", "PLANK"),
    "side_plank": ("PLANK", "SIDE_PLANK"),
    "copenhagen_plank": ("PLANK", None),
    "mountain_climber": ("PLANK", "MOUNTAIN_CLIMBER"),
    "plank_shoulder_tap": ("PLANK", None),
    "bird_dog": ("CORE", "ARM_AND_LEG_EXTENSION_ON_KNEES"),
    "dead_bug": ("HIP_STABILITY", "DEAD_BUG"),
    "stability_ball_dead_bug": ("HIP_STABILITY", "DEAD_BUG"),
    "russian_twist": ("CORE", "RUSSIAN_TWIST"),
    "stability_ball_rollout": ("CORE", "SWISS_BALL_ROLLOUT"),
    "pallof_press": ("CORE", "CABLE_CORE_PRESS"),
    "cable_pallof_press": ("CORE", "CABLE_CORE_PRESS"),
    "bicycle_crunch": ("CRUNCH", "BICYCLE_CRUNCH"),
    "reverse_crunch": ("CRUNCH", "REVERSE_CRUNCH"),
    "superman": ("HYPEREXTENSION", "SUPERMAN_FROM_FLOOR"),
    "hanging_knee_raise": ("LEG_RAISE", "HANGING_KNEE_RAISE"),
    "band_woodchop": ("CHOP", "STANDING_ROTATIONAL_CHOP"),
    "cable_woodchop": ("CHOP", "CABLE_WOODCHOP"),
    # lateral hip
    "band_lateral_walk": ("HIP_STABILITY", "LATERAL_WALKS_WITH_BAND_AT_ANKLES"),
    "cable_hip_abduction": ("HIP_STABILITY", "STANDING_CABLE_HIP_ABDUCTION"),
    "band_standing_hip_abduction": ("HIP_STABILITY", "STANDING_HIP_ABDUCTION"),
    "side_lying_leg_raise": ("HIP_STABILITY", "SIDE_LYING_LEG_RAISE"),
    "clamshell": ("HIP_RAISE", "CLAMS"),
    "banded_clamshell": ("HIP_RAISE", "CLAMS"),
    "fire_hydrant": ("HIP_STABILITY", "FIRE_HYDRANT_KICKS"),
    "side_plank_leg_lift": ("PLANK", "SIDE_PLANK_WITH_LEG_LIFT"),
    # calf
    "straight_knee_calf_raise": ("CALF_RAISE", "STANDING_CALF_RAISE"),
    "bodyweight_calf_raise": ("CALF_RAISE", "STANDING_CALF_RAISE"),
    "single_leg_calf_raise": ("CALF_RAISE", "SINGLE_LEG_STANDING_CALF_RAISE"),
    "dumbbell_single_leg_calf_raise": ("CALF_RAISE", "SINGLE_LEG_STANDING_DUMBBELL_CALF_RAISE"),
    "machine_calf_raise": ("CALF_RAISE", "WEIGHTED_STANDING_CALF_RAISE"),
    "seated_calf_raise": ("CALF_RAISE", "SEATED_CALF_RAISE"),
    "single_leg_bent_knee_calf_raise": ("CALF_RAISE", "SINGLE_LEG_BENT_KNEE_CALF_RAISE"),
    "tibialis_raise": ("CALF_RAISE", "SEATED_DUMBBELL_TOE_RAISE"),
    # knee flexion
    "machine_hamstring_curl": ("LEG_CURL", "LEG_CURL"),
    "stability_ball_hamstring_curl": ("LEG_CURL", "SWISS_BALL_HIP_RAISE_AND_LEG_CURL"),
    "sliding_leg_curl": ("LEG_CURL", "SLIDING_LEG_CURL"),
    # plyometrics and sprints
    "jump_squat": ("PLYO", "JUMP_SQUAT"),
    "jump_lunge": ("PLYO", "ALTERNATING_JUMP_LUNGE"),
    "skater_hop": ("PLYO", "LATERAL_LEAP_AND_HOP"),
    "box_jump": ("PLYO", "BOX_JUMP"),
    "hill_sprint": ("RUN", "SPRINT"),
    "resisted_sprint": ("RUN", "SPRINT"),
    # warm-up and mobility
    "easy_bike_warmup": ("BIKE", None),
    "treadmill_warmup": ("RUN", "WARM_UP"),
    "jog_in_place": ("RUN", "JOG"),
    "leg_swings": ("WARM_UP", "FORWARD_AND_BACKWARD_LEG_SWINGS"),
    "thoracic_rotation": ("WARM_UP", "THORACIC_ROTATION"),
    "hip_90_90": ("WARM_UP", "STRETCH_90_90"),
    "worlds_greatest_stretch": ("WARM_UP", "STRETCH_LUNGE_WITH_SPINAL_TWIST"),
    "a_march": ("WARM_UP", "WALKING_HIGH_KNEES"),
    "ankle_mobility_drill": ("WARM_UP", "ANKLE_CIRCLES"),
    "banded_ankle_mobility": ("WARM_UP", "ANKLE_DORSIFLEXION_WITH_BAND"),
}

# The library's movement patterns, for ids not in the table.
_BY_PATTERN: dict[str, str] = {
    "squat": "SQUAT",
    "hinge": "DEADLIFT",
    "lunge": "LUNGE",
    "push": "PUSH_UP",
    "pull": "ROW",
    "carry": "CARRY",
    "core": "CORE",
    "lateral_hip": "HIP_STABILITY",
    "calf": "CALF_RAISE",
    "knee_flexion": "LEG_CURL",
    "plyometric": "PLYO",
    "mobility": "WARM_UP",
}


def fit_exercise(exercise: Exercise) -> tuple[fit.ExerciseCategory | None, int | None]:
    """The FIT category and exercise-name value of an exercise (None where none fits)."""
    known = _NAMES.get(exercise.id)
    if known is not None:
        category = Category[known[0]]
        return category, _name_value(category, known[1])
    if exercise.plyometric:
        return Category.PLYO, None
    pattern = _BY_PATTERN.get(exercise.pattern or "")
    if pattern is not None:
        return Category[pattern], None
    if exercise.region == "core":
        return Category.CORE, None
    return None, None


def _name_value(category: fit.ExerciseCategory, name: str | None) -> int | None:
    """The value of ``name`` in the category's own name list (e.g. DeadliftExerciseName)."""
    if name is None:
        return None
    enum_name = "".join(part.capitalize() for part in category.name.split("_")) + "ExerciseName"
    names = getattr(fit, enum_name)
    return int(names[name].value)
