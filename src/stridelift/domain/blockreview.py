"""What a race's block could not reach, said once in plain words with the numbers (RUN-8,
RUN-9): read from the placed weeks the same way the rule checks read them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from stridelift.domain.athlete import Athlete
from stridelift.domain.methodology import Methodology
from stridelift.domain.rules.blocks import (
    Block,
    back_to_back_missing,
    blocks,
    spike_capped,
    whole_week,
)
from stridelift.domain.rules.checks_block import (
    BLOCK_REACHES,
    OFFSEASON_BAND,
    STEP,
    holds_race,
)
from stridelift.domain.season import Notice
from stridelift.domain.wording import counted, with_article

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def block_notices(
    weeks: Sequence[Mapping[str, Any]],
    races: Sequence[Mapping[str, Any]],
    today: str,
    athlete: Athlete,
    m: Methodology,
    base_minutes: float,
) -> list[Notice]:
    """RUN-8 and RUN-9 notices for the blocks and off-season weeks of a placed plan.

    ``base_minutes``: the volume the plan builds from (the usual volume, capped by what the
    run days hold).
    """
    usual = float(athlete.weekly_run_minutes)
    out = _offseason_notices(weeks, today, usual, base_minutes)
    for b in blocks(weeks, races, today):
        out.extend(_volume_notice(b, usual, base_minutes))
        out.extend(_long_notice(b, athlete, m))
        out.extend(
            Notice(
                "RUN-9",
                "no back-to-back run beside this week's long run: "
                + _why_no_back_to_back(x.week, athlete),
                int(x.week["index"]),
            )
            for x in back_to_back_missing(b)
        )
    return out


def _why_no_back_to_back(week: Mapping[str, Any], athlete: Athlete) -> str:
    """Why an ultra week's weekend holds no second run: the day, or the week's run days."""
    if week.get("back_to_back_crowded"):  # the planner left it out (running.draft)
        runs = sum(1 for d in week["days"] for s in d["sessions"] if s.get("kind") == "run")
        return (
            f"{counted(runs, 'run')} a week hold the long run, the quality session and the "
            "rest of the running; a second weekend run would shorten the long run, and one "
            "more run day would make room for it."
        )
    return f"the weekend day beside {DAY_NAMES[athlete.long_run_day]} has no room for one."


def _offseason_notices(
    weeks: Sequence[Mapping[str, Any]], today: str, usual: float, base: float
) -> list[Notice]:
    lo, hi = OFFSEASON_BAND
    out = []
    for w in weeks:
        if w.get("phase") != "offseason" or not whole_week(w, today) or spike_capped(w):
            continue
        t = sum(
            int(s.get("minutes") or 0)
            for d in w["days"]
            for s in d["sessions"]
            if s.get("kind") == "run" and s.get("run_type") != "race"
        )
        if lo * usual - STEP <= t <= hi * usual + STEP:
            continue
        why = (
            f"your run days hold about {round(base)} min a week"
            if base < usual
            else "the week's free minutes decide it"
        )
        out.append(
            Notice(
                "RUN-8",
                f"off-season running of {t} min is outside 60-80% of your usual "
                f"{usual:g} min a week: {why}.",
                int(w["index"]),
            )
        )
    return out


def _volume_notice(b: Block, usual: float, base: float) -> list[Notice]:
    build = b.build_weeks()
    if not build or not usual:
        return []
    top = max(x.minutes for x in build)
    if top >= BLOCK_REACHES * usual - STEP:
        return []
    if base < usual:
        why = f"your run days hold about {round(base)} min a week"
    else:
        why = (
            "coming back from lighter weeks at the rates RUN-2 allows, "
            f"{counted(len(build), 'training week')} are not enough to get there"
        )
    return [
        Notice(
            "RUN-8",
            f"the block for {b.race.get('name')} peaks at {top} min of running a week, "
            f"{round(usual - top)} min under your usual {usual:g}: {why}.",
            int(build[-1].week["index"]),
        )
    ]


def _long_notice(b: Block, athlete: Athlete, m: Methodology) -> list[Notice]:
    # As RUN-9's check reads it: a week holding a B race has the race as its long effort.
    weeks = [x for x in b.weeks if not holds_race(x.week)]
    window = [x for x in weeks if x in b.peak_window()]
    rng = b.long_range()
    if not window or rng is None:
        return []
    top = max(x.long_minutes for x in weeks)
    if top >= rng[0] - 2:
        return []
    day_minutes = athlete.availability[athlete.long_run_day].minutes
    biggest = max(x.minutes for x in b.weeks)
    share = m.running.long_run.max_share
    if day_minutes < rng[0]:
        why = f"your {DAY_NAMES[athlete.long_run_day]} holds {day_minutes} min"
    elif share * biggest < rng[0]:
        why = (
            f"a long run stays within about {round(share * 100)}% of the week, and the "
            f"biggest week holds {biggest} min"
        )
    else:
        why = "the weeks left allow no faster build (10% a week at most, RUN-3)"
    last = min(window, key=lambda x: x.weeks_out)
    return [
        Notice(
            "RUN-9",
            f"your longest run before {b.race.get('name')} reaches {top} min, short of the "
            f"{rng[0]}-{rng[1]} min {with_article(b.distance)} asks for: {why}.",
            int(last.week["index"]),
        )
    ]
