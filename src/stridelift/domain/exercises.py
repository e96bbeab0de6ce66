"""The exercise library: what each exercise trains and needs, and what to do instead.

The library is data (``methodologies/exercises.toml``); this module turns the
already-parsed mapping into typed values, checks every field, and answers the
planner's questions: can this athlete do it with what they own, and if not,
which substitute comes closest (CONTENT-7).
"""

from __future__ import annotations

import difflib
import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from stridelift.domain.athlete import EQUIPMENT
from stridelift.domain.errors import MISSING, LibraryError

# Movement patterns (CONTENT-1) plus the families the planner picks separately.
PATTERNS = (
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
    "plyometric",
    "mobility",
)
REGIONS = ("lower", "upper", "core", "full")
MEASURES = ("reps", "seconds", "metres")
# A closed list so that a typo in the data file fails loudly instead of hiding.
MUSCLES = (
    "quads",
    "glutes",
    "glute_medius",
    "hamstrings",
    "adductors",
    "hip_flexors",
    "gastrocnemius",
    "soleus",
    "tibialis",
    "lower_back",
    "abs",
    "obliques",
    "chest",
    "shoulders",
    "triceps",
    "biceps",
    "upper_back",
    "lats",
    "rear_delts",
    "traps",
    "forearms",
)

_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*\Z")
_REQUIRED_FIELDS = (
    "id",
    "name",
    "pattern",
    "region",
    "muscles",
    "equipment",
    "unilateral",
    "plyometric",
    "loadable",
    "substitutes",
)
_OPTIONAL_FIELDS = ("measure", "dose", "aliases", "cue")
# CONTENT-9: a rep-counted exercise that stands in for a hold or a carry gets this dose
# when the library gives it none (holds and carries must give their own: seconds and
# metres have no sensible default across planks, sprints and sled pushes).
DEFAULT_REP_DOSE = (8, 12)
_FIELDS = _REQUIRED_FIELDS + _OPTIONAL_FIELDS
# difflib's own default: below this a "suggestion" is mostly noise.
_SUGGEST_CUTOFF = 0.6


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise: its movement pattern, what it trains, what it needs, what replaces it."""

    id: str
    name: str
    pattern: str
    region: str
    muscles: tuple[str, ...]
    equipment: tuple[str, ...]
    unilateral: bool
    plyometric: bool
    loadable: bool
    substitutes: tuple[str, ...]
    measure: str = "reps"
    dose: tuple[int, int] | None = None
    aliases: tuple[str, ...] = ()
    cue: str = ""

    def usual_dose(self) -> tuple[int, int]:
        """The range, in this exercise's own unit, to prescribe when a template's numbers
        count another unit (a side plank standing in for a carry, CONTENT-9)."""
        if self.dose is not None:
            return self.dose
        return DEFAULT_REP_DOSE


class ExerciseLibrary:
    """Every exercise in file order, looked up by id, name or alias.

    Raises:
        LibraryError: on a duplicate id, a substitute that is not in the library,
            or a name or alias that two exercises share.
    """

    __slots__ = ("_by_id", "_by_key", "_exercises", "_position")

    def __init__(self, exercises: Iterable[Exercise]) -> None:
        self._exercises = tuple(exercises)
        self._by_id: dict[str, Exercise] = {}
        self._position: dict[str, int] = {}
        for number, exercise in enumerate(self._exercises, start=1):
            if exercise.id in self._by_id:
                first = self._position[exercise.id] + 1
                raise LibraryError(
                    f"exercise[{number}].id", exercise.id, f"is already used by exercise[{first}]"
                )
            self._by_id[exercise.id] = exercise
            self._position[exercise.id] = number - 1
        for number, exercise in enumerate(self._exercises, start=1):
            for k, substitute in enumerate(exercise.substitutes, start=1):
                if substitute not in self._by_id:
                    raise LibraryError(
                        f"exercise[{number}].substitutes[{k}]",
                        substitute,
                        "should be the id of an exercise in the library",
                    )
        self._by_key = self._index_names()

    def _index_names(self) -> dict[str, Exercise]:
        """Map every normalised id, name and alias to its exercise, refusing clashes."""
        by_key: dict[str, Exercise] = {}
        for number, exercise in enumerate(self._exercises, start=1):
            labelled = [("id", exercise.id), ("name", exercise.name)]
            labelled += [(f"aliases[{k}]", a) for k, a in enumerate(exercise.aliases, start=1)]
            for field, text in labelled:
                key = _key(text)
                other = by_key.setdefault(key, exercise)
                if other is not exercise:
                    raise LibraryError(
                        f"exercise[{number}].{field}",
                        text,
                        f"is already a name of {other.id!r}; each name must point to one exercise",
                    )
        return by_key

    def __len__(self) -> int:
        """How many exercises the library holds."""
        return len(self._exercises)

    def __iter__(self) -> Iterator[Exercise]:
        """The exercises in file order."""
        return iter(self._exercises)

    def __contains__(self, exercise_id: object) -> bool:
        """Whether an exercise with this id exists."""
        return isinstance(exercise_id, str) and exercise_id in self._by_id

    def get(self, exercise_id: str) -> Exercise:
        """The exercise with this id; KeyError naming the id if there is none."""
        try:
            return self._by_id[exercise_id]
        except KeyError:
            raise KeyError(exercise_id) from None

    def usable(self, exercise: Exercise, equipment: frozenset[str]) -> bool:
        """Whether the athlete owns every item the exercise needs."""
        return equipment.issuperset(exercise.equipment)

    def choose(
        self,
        exercise_id: str,
        equipment: frozenset[str],
        exclude: frozenset[str] = frozenset(),
    ) -> Exercise | None:
        """The exercise itself, or the closest substitute the athlete can do (CONTENT-7).

        Order of preference: the exercise; its substitutes breadth-first (the
        substitutes' own substitutes come after every direct one); then the first
        exercise of the same pattern and region in file order.

        Args:
            exercise_id: the exercise the plan asks for.
            equipment: what the athlete owns.
            exclude: ids that must not be returned (e.g. already in the session).

        Returns:
            The chosen exercise, or None when nothing of that kind fits.
        """
        wanted = self.get(exercise_id)
        if self._fits(wanted, equipment, exclude):
            return wanted
        seen = {wanted.id}
        queue = deque(wanted.substitutes)
        while queue:
            candidate = self._by_id[queue.popleft()]
            if candidate.id in seen:
                continue
            seen.add(candidate.id)
            if self._fits(candidate, equipment, exclude):
                return candidate
            queue.extend(candidate.substitutes)
        for candidate in self._exercises:
            same_kind = candidate.pattern == wanted.pattern and candidate.region == wanted.region
            if same_kind and self._fits(candidate, equipment, exclude):
                return candidate
        return None

    def loaded_variant(
        self, exercise: Exercise, equipment: frozenset[str], exclude: frozenset[str] = frozenset()
    ) -> Exercise | None:
        """A loadable exercise of the same pattern whose first stand-in is ``exercise`` (the
        dumbbell step-up for the step-up), usable with this equipment; None if there is none.

        CONTENT-9: an athlete who owns the weights gets a load to make the work hard, not
        a bodyweight exercise at a high RPE it cannot reach.
        """
        if exercise.loadable:
            return exercise
        for candidate in self._exercises:
            if (
                candidate.loadable
                and candidate.pattern == exercise.pattern
                and candidate.substitutes[0] == exercise.id
                and self._fits(candidate, equipment, exclude)
            ):
                return candidate
        return None

    def _fits(self, exercise: Exercise, equipment: frozenset[str], exclude: frozenset[str]) -> bool:
        """Usable with this equipment and not excluded."""
        return exercise.id not in exclude and self.usable(exercise, equipment)

    def by_pattern(
        self,
        pattern: str,
        equipment: frozenset[str],
        *,
        unilateral: bool | None = None,
        plyometric: bool | None = None,
    ) -> tuple[Exercise, ...]:
        """The usable exercises of one pattern, in file order, optionally filtered.

        Raises:
            ValueError: if ``pattern`` is not one of PATTERNS.
        """
        if pattern not in PATTERNS:
            raise ValueError(f"unknown pattern {pattern!r}; expected one of {', '.join(PATTERNS)}")
        return tuple(
            exercise
            for exercise in self._exercises
            if exercise.pattern == pattern
            and self.usable(exercise, equipment)
            and (unilateral is None or exercise.unilateral == unilateral)
            and (plyometric is None or exercise.plyometric == plyometric)
        )

    def find(self, text: str) -> Exercise | None:
        """The exercise whose id, name or alias matches, ignoring case, punctuation and spaces.

        A plain plural ("Hip Thrusts") matches its singular when nothing matches as written.
        """
        key = _key(text)
        if not key:
            return None
        found = self._by_key.get(key)
        if found is None and key.endswith("s"):
            found = self._by_key.get(key[:-1])
        return found

    def suggest(self, text: str, limit: int = 3) -> tuple[str, ...]:
        """Ids of the exercises whose id, name or alias reads closest to ``text``, best first.

        Raises:
            ValueError: if ``limit`` is below 1.
        """
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        query = _key(text)
        if not query:
            return ()
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(query)
        best: dict[str, float] = {}
        for key, exercise in self._by_key.items():
            matcher.set_seq1(key)
            if matcher.real_quick_ratio() < _SUGGEST_CUTOFF:
                continue
            if matcher.quick_ratio() < _SUGGEST_CUTOFF:
                continue
            score = matcher.ratio()
            if score >= _SUGGEST_CUTOFF and score > best.get(exercise.id, 0.0):
                best[exercise.id] = score
        ranked = sorted(best, key=lambda i: (-best[i], self._position[i]))
        return tuple(ranked[:limit])


def _key(text: str) -> str:
    """A name reduced to lower-case letters and digits, so "Deadlift (Trap bar)" matches."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def library_from_mapping(data: Mapping[str, object]) -> ExerciseLibrary:
    """Build the library from a parsed exercises file (a list of ``[[exercise]]`` tables).

    Raises:
        LibraryError: naming the first offending key, e.g. ``exercise[12].pattern``
            (1-based), with what would have been accepted.
    """
    for key, value in data.items():
        if key != "exercise":
            raise LibraryError(
                key, value, "is not a library key; the file holds [[exercise]] tables"
            )
    entries = data.get("exercise", MISSING)
    if not isinstance(entries, list | tuple) or not entries:
        raise LibraryError(
            "exercise", entries, "should be a non-empty array of [[exercise]] tables"
        )
    return ExerciseLibrary(
        _exercise_from_mapping(entry, f"exercise[{number}]")
        for number, entry in enumerate(entries, start=1)
    )


def _exercise_from_mapping(entry: object, where: str) -> Exercise:
    """One checked Exercise from one ``[[exercise]]`` table."""
    if not isinstance(entry, Mapping):
        raise LibraryError(where, entry, "should be a table of exercise fields")
    fields: dict[str, object] = {}
    for key, value in entry.items():
        if key not in _FIELDS:
            raise LibraryError(
                f"{where}.{key}", value, f"is not a field; known: {', '.join(_FIELDS)}"
            )
        fields[str(key)] = value
    for key in _REQUIRED_FIELDS:
        if key not in fields:
            raise LibraryError(f"{where}.{key}", MISSING, "is required")

    exercise_id = _text(fields["id"], f"{where}.id")
    if not _ID.match(exercise_id):
        raise LibraryError(f"{where}.id", exercise_id, "should be snake_case, e.g. goblet_squat")
    substitutes = _texts(fields["substitutes"], f"{where}.substitutes", allow_empty=False)
    for k, substitute in enumerate(substitutes, start=1):
        if substitute == exercise_id:
            raise LibraryError(
                f"{where}.substitutes[{k}]", substitute, "names the exercise itself; list others"
            )
    measure = _choice(fields.get("measure", "reps"), f"{where}.measure", MEASURES)
    return Exercise(
        id=exercise_id,
        name=_text(fields["name"], f"{where}.name"),
        pattern=_choice(fields["pattern"], f"{where}.pattern", PATTERNS),
        region=_choice(fields["region"], f"{where}.region", REGIONS),
        muscles=_choices(fields["muscles"], f"{where}.muscles", MUSCLES, allow_empty=False),
        equipment=_choices(fields["equipment"], f"{where}.equipment", EQUIPMENT, allow_empty=True),
        unilateral=_flag(fields["unilateral"], f"{where}.unilateral"),
        plyometric=_flag(fields["plyometric"], f"{where}.plyometric"),
        loadable=_flag(fields["loadable"], f"{where}.loadable"),
        substitutes=substitutes,
        measure=measure,
        dose=_dose(fields.get("dose"), f"{where}.dose", measure),
        aliases=_texts(fields.get("aliases", []), f"{where}.aliases", allow_empty=True),
        cue=_cue(fields.get("cue", ""), f"{where}.cue"),
    )


def _dose(value: object, key: str, measure: str) -> tuple[int, int] | None:
    """CONTENT-9: the usual [low, high] in the exercise's unit; required for holds and
    carries, whose unit no rep count can stand for."""
    if value is None:
        if measure != "reps":
            raise LibraryError(key, MISSING, f"is required for an exercise measured in {measure}")
        return None
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        or not 1 <= value[0] <= value[1]
    ):
        raise LibraryError(key, value, f"should be [low, high] in {measure}, 1 <= low <= high")
    return (int(value[0]), int(value[1]))


def _text(value: object, key: str) -> str:
    """A non-blank string, stripped."""
    if not isinstance(value, str) or not value.strip():
        raise LibraryError(key, value, "should be a non-empty string")
    return value.strip()


def _cue(value: object, key: str) -> str:
    """A string, possibly empty."""
    if not isinstance(value, str):
        raise LibraryError(key, value, "should be a string")
    return value.strip()


def _flag(value: object, key: str) -> bool:
    """A TOML boolean; 0 and 1 are refused so that a typo cannot pass as a flag."""
    if not isinstance(value, bool):
        raise LibraryError(key, value, "should be true or false")
    return value


def _choice(value: object, key: str, allowed: tuple[str, ...]) -> str:
    """One of the allowed words."""
    if not isinstance(value, str) or value not in allowed:
        raise LibraryError(key, value, f"should be one of: {', '.join(allowed)}")
    return value


def _list(value: object, key: str, *, allow_empty: bool) -> list[object]:
    """A TOML array, non-empty unless allowed."""
    if not isinstance(value, list | tuple):
        raise LibraryError(key, value, "should be a list")
    if not value and not allow_empty:
        raise LibraryError(key, value, "should list at least one item")
    return list(value)


def _texts(value: object, key: str, *, allow_empty: bool) -> tuple[str, ...]:
    """A list of distinct non-blank strings."""
    items = _list(value, key, allow_empty=allow_empty)
    texts = tuple(_text(item, f"{key}[{k}]") for k, item in enumerate(items, start=1))
    _refuse_repeats(texts, key)
    return texts


def _choices(
    value: object, key: str, allowed: tuple[str, ...], *, allow_empty: bool
) -> tuple[str, ...]:
    """A list of distinct words, each one of the allowed ones."""
    items = _list(value, key, allow_empty=allow_empty)
    words = tuple(_choice(item, f"{key}[{k}]", allowed) for k, item in enumerate(items, start=1))
    _refuse_repeats(words, key)
    return words


def _refuse_repeats(items: tuple[str, ...], key: str) -> None:
    """Refuse a list that names the same item twice."""
    for k, item in enumerate(items, start=1):
        if item in items[: k - 1]:
            raise LibraryError(f"{key}[{k}]", item, "is listed twice")
