"""Training paces and race predictions from a recent result (RUN-5).

Uses the Daniels/Gilbert oxygen-cost and drop-dead equations ("Oxygen Power", Daniels and
Gilbert 1979): the oxygen cost of running at v m/min is
``VO2 = -4.60 + 0.182258 v + 0.000104 v^2`` and the fraction of VO2max sustainable for
t minutes is ``0.8 + 0.1894393 e^(-0.012778 t) + 0.2989558 e^(-0.1932605 t)``. Their quotient
for a race result is the VDOT. Ultra distances use Riegel's ``T2 = T1 (D2/D1)^1.06``
(Riegel 1981) from the predicted marathon, because the Daniels tables stop at the marathon.

A race's own prediction and goal pace (RUN-10) add climbing and terrain: see
``predict_race_time_s``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from stridelift.domain.athlete import Race
from stridelift.domain.methodology import Methodology

MARATHON_KM = 42.195


def _vo2_cost(v_m_per_min: float) -> float:
    """Oxygen cost (ml/kg/min) of running at a speed (Daniels/Gilbert)."""
    return -4.60 + 0.182258 * v_m_per_min + 0.000104 * v_m_per_min**2


def _fraction_sustained(t_min: float) -> float:
    """Fraction of VO2max sustainable for a race lasting t minutes (Daniels/Gilbert)."""
    return 0.8 + 0.1894393 * math.exp(-0.012778 * t_min) + 0.2989558 * math.exp(-0.1932605 * t_min)


def vdot_from_result(distance_km: float, time_s: float) -> float:
    """VDOT of a race result: oxygen cost of its speed over the fraction sustainable."""
    t_min = time_s / 60.0
    v = distance_km * 1000.0 / t_min
    return _vo2_cost(v) / _fraction_sustained(t_min)


def _speed_for_vo2(vo2: float) -> float:
    """Speed (m/min) whose oxygen cost is ``vo2``: the positive root of the cost quadratic."""
    a, b, c = 0.000104, 0.182258, -4.60 - vo2
    return (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)


@lru_cache(maxsize=1024)
def predict_time_s(vdot: float, distance_km: float) -> float:
    """Predicted race time for a distance at a given VDOT (bisection on the time; a
    plan asks the same few distances of one VDOT many times, so answers are kept)."""
    if distance_km > MARATHON_KM:
        marathon = predict_time_s(vdot, MARATHON_KM)
        return float(marathon * (distance_km / MARATHON_KM) ** 1.06)  # Riegel 1981
    lo, hi = 60.0, 60.0 * 60 * 12
    for _ in range(80):
        mid = (lo + hi) / 2
        if vdot_from_result(distance_km, mid) > vdot:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def pace_at_fraction_s_per_km(vdot: float, fraction: float) -> float:
    """Pace (s/km) of running at a fraction of VDOT (e.g. 0.67 for easy running)."""
    v = _speed_for_vo2(vdot * fraction)
    return 60_000.0 / v


@dataclass(frozen=True, slots=True)
class Paces:
    """Training paces in seconds per km, and the formula they came from."""

    vdot: float
    easy_s_per_km: float
    long_s_per_km: float
    recovery_s_per_km: float
    marathon_s_per_km: float
    threshold_s_per_km: float
    interval_s_per_km: float
    source: str

    @property
    def repetition_s_per_km(self) -> float:
        """R pace: about 6 s per 400 m (15 s/km) quicker than I pace (Daniels)."""
        return self.interval_s_per_km - 15.0

    def for_run_type(self, run_type: str, race_km: float | None = None) -> float:
        """The pace a run of this type is planned at (race pace for races and race-pace runs).

        A flat road race's pace for ``race_km``; for a race of the plan use
        ``goal_pace_s_per_km`` (RUN-10: the athlete's goal, climbing and terrain).
        """
        if run_type in ("race", "race_pace") and race_km:
            return predict_time_s(self.vdot, race_km) / race_km
        return {
            "easy": self.easy_s_per_km,
            "long": self.long_s_per_km,
            "recovery": self.recovery_s_per_km,
            "shakeout": self.easy_s_per_km,
            "tempo": self.threshold_s_per_km,
            "quality": self.threshold_s_per_km,
            "intervals": (self.interval_s_per_km + self.easy_s_per_km) / 2,
            "race_pace": self.marathon_s_per_km,
            "race": self.marathon_s_per_km,
        }.get(run_type, self.easy_s_per_km)


def paces_for(vdot: float, source: str) -> Paces:
    """Daniels-style training paces for a VDOT.

    Easy at 67% of VDOT (Daniels' easy range is 59-74%), recovery at 60%, threshold 88%,
    interval 97.5%; marathon pace from the predicted marathon time.
    """
    easy = pace_at_fraction_s_per_km(vdot, 0.67)
    return Paces(
        vdot=round(vdot, 1),
        easy_s_per_km=easy,
        long_s_per_km=easy,
        recovery_s_per_km=pace_at_fraction_s_per_km(vdot, 0.60),
        marathon_s_per_km=predict_time_s(vdot, MARATHON_KM) / MARATHON_KM,
        threshold_s_per_km=pace_at_fraction_s_per_km(vdot, 0.88),
        interval_s_per_km=pace_at_fraction_s_per_km(vdot, 0.975),
        source=source,
    )


def effort_km(race: Race, m: Methodology) -> float:
    """The race's distance with its climbing counted as distance (ITRA's km-effort)."""
    per_100m = m.running.race_prediction.climb_km_per_100m
    return race.distance_km + (race.elevation_gain_m or 0.0) / 100 * per_100m


def predict_race_time_s(race: Race, paces: Paces, m: Methodology) -> float:
    """Predicted finish time of a race (RUN-10).

    A flat road race up to the marathon: the Daniels/Gilbert VDOT prediction. Climbing adds
    effort distance (ITRA's km-effort: 1 km per 100 m of gain), predicted by VDOT up to the
    marathon and past it by Riegel's power law from the predicted marathon (Riegel 1981;
    the exponent is the methodology's). A trail race takes ``trail_factor`` longer than the
    road at the same effort. Ultra and trail races are never run faster than marathon pace.
    """
    model = m.running.race_prediction
    km = effort_km(race, m)
    if km <= MARATHON_KM:
        time_s = predict_time_s(paces.vdot, km)
    else:
        marathon_s = paces.marathon_s_per_km * MARATHON_KM
        time_s = marathon_s * (km / MARATHON_KM) ** model.riegel_exponent
    if race.terrain == "trail":
        time_s *= model.trail_factor
    if race.by_effort:
        time_s = max(time_s, paces.marathon_s_per_km * race.distance_km)
    return float(time_s)


def goal_pace_s_per_km(race: Race, paces: Paces, m: Methodology) -> float:
    """The pace "race pace" means for a race: the athlete's goal time over the distance
    when given, else the race's prediction (RUN-10). Every race-pace run of the race's
    block and the race itself are planned at it."""
    if race.goal_time_s is not None:
        return race.goal_time_s / race.distance_km
    return predict_race_time_s(race, paces, m) / race.distance_km


def race_time_s(race: Race, paces: Paces, m: Methodology) -> float:
    """How long the race is planned to take: at its goal pace over its distance."""
    return goal_pace_s_per_km(race, paces, m) * race.distance_km


def pace_for_run(run_type: str, race: Race | None, paces: Paces, m: Methodology) -> float:
    """The pace a run is planned at: a race, and a race-pace run of a block, at the goal
    pace of its race (RUN-10); every other run at its training pace."""
    if run_type in ("race", "race_pace") and race is not None:
        return goal_pace_s_per_km(race, paces, m)
    return paces.for_run_type(run_type)


def race_doc(race: Race, paces: Paces, m: Methodology) -> dict[str, Any]:
    """A race of the plan document with its prediction and goal pace (RUN-10)."""
    doc: dict[str, Any] = {
        "name": race.name,
        "date": race.date.isoformat(),
        "distance": race.distance,
        "distance_km": race.distance_km,
        "priority": race.priority,
        "terrain": race.terrain,
        "predicted_time_s": round(predict_race_time_s(race, paces, m)),
        "goal_pace_s_per_km": round(goal_pace_s_per_km(race, paces, m)),
    }
    if race.elevation_gain_m is not None:
        doc["elevation_gain_m"] = round(race.elevation_gain_m)
    if race.goal_time_s is not None:
        doc["goal_time_s"] = race.goal_time_s
    return doc
