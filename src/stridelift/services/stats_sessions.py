"""Logged sessions as the statistics see them (RUN-6): local day, kind, minutes and RPE.

Every run, cross-training activity and lifting session becomes one row of a columnar
``SessionLog`` so weekly sums are array operations; a missing RPE or duration is
estimated and the estimate's source kept, so the output can say how many were
estimated (docs/load.md).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

import numpy as np
import numpy.typing as npt

from stridelift.domain import load
from stridelift.domain.activity import RUN_SPORTS, StrengthSet
from stridelift.domain.methodology import Methodology
from stridelift.services.logbook import History

# Where an estimated RPE came from, in the order they are tried (docs/load.md).
RPE_SOURCES = ("logged", "rir", "run_type", "athlete_mean", "methodology")


KIND_CODE = {k: i for i, k in enumerate(load.KINDS)}  # SessionLog.kind values
_SOURCE = {k: i for i, k in enumerate(RPE_SOURCES)}
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_DAY_S = 86400.0


@dataclass(frozen=True, slots=True)
class Session:
    """One logged session as the statistics see it: local day, kind, minutes, RPE."""

    day: date
    kind: str  # run, strength or cross (load.KINDS)
    minutes: float
    rpe: float
    rpe_from: str  # one of RPE_SOURCES
    minutes_estimated: bool = False
    km: float = 0.0

    @property
    def load(self) -> float:
        """Session load, RPE x minutes (Foster 2001)."""
        return self.rpe * self.minutes


@dataclass(frozen=True, slots=True, eq=False)
class SessionLog:
    """Every logged session as columns (one element per session), for vectorised sums.

    ``day`` holds local date ordinals, ``kind`` indexes load.KINDS and ``rpe_from``
    indexes RPE_SOURCES.
    """

    day: npt.NDArray[np.int64]
    kind: npt.NDArray[np.int8]
    minutes: npt.NDArray[np.float64]
    rpe: npt.NDArray[np.float64]
    rpe_from: npt.NDArray[np.int8]
    minutes_estimated: npt.NDArray[np.bool_]
    km: npt.NDArray[np.float64]
    sets: npt.NDArray[np.int64]  # logged sets of each session

    def __len__(self) -> int:
        return int(self.day.size)

    @property
    def load(self) -> npt.NDArray[np.float64]:
        """Session load of each session, RPE x minutes (Foster 2001)."""
        return self.rpe * self.minutes

    def where(self, mask: npt.NDArray[np.bool_]) -> SessionLog:
        """The sessions where ``mask`` is true."""
        return SessionLog(
            self.day[mask], self.kind[mask], self.minutes[mask], self.rpe[mask],
            self.rpe_from[mask], self.minutes_estimated[mask], self.km[mask], self.sets[mask],
        )  # fmt: skip

    def sessions(self) -> list[Session]:
        """The sessions as values, ordered by day and kind."""
        order = np.lexsort((self.kind, self.day))
        return [
            Session(date.fromordinal(int(self.day[i])), load.KINDS[self.kind[i]],
                    float(self.minutes[i]), float(self.rpe[i]), RPE_SOURCES[self.rpe_from[i]],
                    bool(self.minutes_estimated[i]), float(self.km[i]))
            for i in order
        ]  # fmt: skip


def _local_ordinals(starts: Sequence[datetime], tz: tzinfo) -> npt.NDArray[np.int64]:
    """Local date ordinal of each start (a naive start is taken to be UTC).

    A fixed-offset zone (UTC, or the CLI's local zone) shifts every start by one offset,
    vectorised; a zone with daylight saving converts each start on its own.
    """
    aware = [s if s.tzinfo is not None else s.replace(tzinfo=UTC) for s in starts]
    offset = tz.utcoffset(None)
    if offset is None:
        return np.array([s.astimezone(tz).toordinal() for s in aware], dtype=np.int64)
    seconds = np.array([s.timestamp() for s in aware], dtype=np.float64)
    days = np.floor((seconds + offset.total_seconds()) / _DAY_S).astype(np.int64)
    return days + _EPOCH_ORDINAL


def _rir_rpe(
    set_lists: Sequence[Sequence[StrengthSet]], wanted: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float64]:
    """Per session, the mean RPE of its sets with reps in reserve (RUN-7), else NaN.

    Only sessions where ``wanted`` is true are looked at (the others logged their RPE).
    """
    count = len(set_lists)
    owner: list[int] = []
    rirs: list[int] = []
    for i in np.flatnonzero(wanted).tolist():
        for s in set_lists[i]:
            if s.rir is not None:
                owner.append(i)
                rirs.append(s.rir)
    out = np.full(count, np.nan)
    if not rirs:
        return out
    owners = np.array(owner, dtype=np.int64)
    rpe = load.rpe_from_rirs(rirs)
    sums = np.bincount(owners, weights=rpe, minlength=count)
    sets = np.bincount(owners, minlength=count)
    np.divide(sums, sets, out=out, where=sets > 0)
    return out


@dataclass(frozen=True, slots=True, eq=False)
class SessionColumns:
    """Sessions as logged, one element per session (activities first, then lifts), before
    any estimate: what the statistics need of a session, without its sets.

    ``minutes`` is NaN for a lift logged without them, ``rpe`` NaN where none was logged,
    ``rir_rpe`` the mean RPE of the session's sets with reps in reserve (NaN: none) and
    ``sets`` the number of sets. Built from a History (``columns_of``) or read as columns
    from the store (services.stats_reading), so the whole log need not be decoded.
    """

    day: npt.NDArray[np.int64]
    kind: npt.NDArray[np.int8]
    minutes: npt.NDArray[np.float64]
    rpe: npt.NDArray[np.float64]
    run_type: tuple[str | None, ...]
    km: npt.NDArray[np.float64]
    rir_rpe: npt.NDArray[np.float64]
    sets: npt.NDArray[np.int64]


# One activity: (start_utc, sport, duration_s, rpe, run_type, distance_m, sets, rir_rpe);
# one lift: (day ordinal, minutes, rpe, sets, rir_rpe). None is taken as NaN.
ActivityFields = tuple[datetime, str, float, float | None, str | None, float | None, int, float]
LiftFields = tuple[int, float | None, float | None, int, float]


def session_columns(
    activities: Sequence[ActivityFields], lifts: Sequence[LiftFields], tz: tzinfo
) -> SessionColumns:
    """Columns from activity and lift fields, each activity dated by its local day."""
    starts, sports, durations, a_rpe, run_types, distances, a_sets, a_rir = (
        zip(*activities, strict=True) if activities else ((),) * 8
    )
    l_days, l_minutes, l_rpe, l_sets, l_rir = zip(*lifts, strict=True) if lifts else ((),) * 5
    n_a = len(activities)
    sport = np.array(sports, dtype=object)
    is_run = np.isin(sport, list(RUN_SPORTS))
    kind = np.full(n_a + len(lifts), KIND_CODE["strength"], dtype=np.int8)
    kind[:n_a] = np.where(
        is_run,
        KIND_CODE["run"],
        np.where(sport == "strength_training", KIND_CODE["strength"], KIND_CODE["cross"]),
    )
    km = np.zeros(kind.size)
    km[:n_a] = np.where(is_run, np.nan_to_num(np.array(distances, dtype=np.float64)), 0.0) / 1000.0
    return SessionColumns(
        day=np.concatenate((_local_ordinals(starts, tz), np.array(l_days, dtype=np.int64))),
        kind=kind,
        minutes=np.concatenate(
            (np.array(durations, dtype=np.float64) / 60.0, np.array(l_minutes, dtype=np.float64))
        ),
        rpe=np.concatenate((np.array(a_rpe, dtype=np.float64), np.array(l_rpe, dtype=np.float64))),
        run_type=tuple(r if run else None for r, run in zip(run_types, is_run, strict=True))
        + (None,) * len(lifts),
        km=km,
        rir_rpe=np.concatenate(
            (np.array(a_rir, dtype=np.float64), np.array(l_rir, dtype=np.float64))
        ),
        sets=np.concatenate((np.array(a_sets, dtype=np.int64), np.array(l_sets, dtype=np.int64))),
    )


def columns_of(history: History, tz: tzinfo = UTC) -> SessionColumns:
    """The sessions of an in-memory history as columns (sets reduced to count and RIR)."""
    set_lists = [a.sets for a in history.activities] + [x.sets for x in history.lift_sessions]
    logged = [a.rpe for a in history.activities] + [x.rpe for x in history.lift_sessions]
    wanted = np.array([r is None for r in logged], dtype=np.bool_)
    rir = _rir_rpe(set_lists, wanted).tolist()
    n_a = len(history.activities)
    acts = [
        (a.start_utc, a.sport, a.duration_s, a.rpe, a.run_type, a.distance_m, len(a.sets), rir[i])
        for i, a in enumerate(history.activities)
    ]
    lifts = [
        (x.day.toordinal(), x.minutes, x.rpe, len(x.sets), rir[n_a + i])
        for i, x in enumerate(history.lift_sessions)
    ]
    return session_columns(acts, lifts, tz)


def estimate_sessions(
    columns: SessionColumns, methodology: Methodology, lift_minutes: float
) -> SessionLog:
    """Every session with its local day, minutes and (maybe estimated) RPE.

    A missing RPE is estimated, first source that applies: the mean RPE of the sets' reps
    in reserve (RUN-7); for a run, its type's value in [load.planned_rpe]; the mean RPE the
    athlete logged for that kind of session; the methodology's value for the kind (easy
    for a run, strength, cross). A lift without minutes takes ``lift_minutes`` (the
    profile's session_minutes).
    """
    table = methodology.planned_rpe
    kind, logged = columns.kind, columns.rpe
    untimed = np.isnan(columns.minutes) & (kind == KIND_CODE["strength"])
    minutes = np.where(untimed, lift_minutes, columns.minutes)
    by_type = np.array([table.get(r, math.nan) if r else math.nan for r in columns.run_type])
    fallback = np.array([table["easy"], table["strength"], table["cross"]])
    mean = fallback.copy()
    has_mean = np.zeros(len(load.KINDS), dtype=np.bool_)
    for code in range(len(load.KINDS)):
        mine = logged[(kind == code) & ~np.isnan(logged)]
        if mine.size:
            mean[code], has_mean[code] = mine.mean(), True
    # The cascade, last source first so that earlier ones overwrite it.
    rpe = fallback[kind]
    source = np.full(kind.size, _SOURCE["methodology"], dtype=np.int8)
    steps = (
        (has_mean[kind], mean[kind], "athlete_mean"),
        (~np.isnan(by_type), by_type, "run_type"),
        (~np.isnan(columns.rir_rpe), columns.rir_rpe, "rir"),
        (~np.isnan(logged), logged, "logged"),
    )
    for mask, values, name in steps:
        rpe = np.where(mask, values, rpe)
        source[mask] = _SOURCE[name]
    return SessionLog(columns.day, kind, minutes, rpe, source, untimed, columns.km, columns.sets)


def session_log(history: History, methodology: Methodology, tz: tzinfo = UTC) -> SessionLog:
    """Every session of ``history`` with its local day, minutes and (maybe estimated) RPE
    (see estimate_sessions)."""
    lift_minutes = float(history.athlete.athlete.session_minutes)
    return estimate_sessions(columns_of(history, tz), methodology, lift_minutes)


def local_days(history: History, tz: tzinfo = UTC) -> npt.NDArray[np.int64]:
    """The local day ordinal of each activity then each lift session of ``history``."""
    lifts = np.array([x.day.toordinal() for x in history.lift_sessions], dtype=np.int64)
    return np.concatenate((_local_ordinals([a.start_utc for a in history.activities], tz), lifts))


def sessions_from_history(
    history: History, methodology: Methodology, tz: tzinfo = UTC
) -> list[Session]:
    """The sessions of ``history`` as values, ordered by day and kind (see session_log)."""
    return session_log(history, methodology, tz).sessions()


@dataclass(frozen=True, slots=True)
class SessionCounts:
    """How many sessions there were, and how many had their RPE or minutes estimated."""

    total: int
    rpe_estimated: int
    minutes_estimated: int
    rpe_from: Mapping[str, int]  # RPE_SOURCES -> sessions

    @classmethod
    def of(cls, log: SessionLog) -> SessionCounts:
        """Count the sessions of a log."""
        sources = np.bincount(log.rpe_from, minlength=len(RPE_SOURCES))
        return cls(
            total=len(log),
            rpe_estimated=len(log) - int(sources[_SOURCE["logged"]]),
            minutes_estimated=int(log.minutes_estimated.sum()),
            rpe_from={k: int(sources[i]) for i, k in enumerate(RPE_SOURCES)},
        )
