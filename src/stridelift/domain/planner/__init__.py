"""The season planner's stages; plan() (domain/plan.py) runs them for each week in turn.

context.py       what plan() was given, and what follows from it for the season (paces, days)
volume.py        where the running starts (RUN-2, ADAPT-4) and each week's target (RUN-4, ADAPT-1/2)
runs.py          the week's runs (running.run_week), minus those already run
lifts.py         the week's strength sessions and core (FREQ-*, PHASE-3, ADAPT-3), built
placement.py     runs and sessions put on days (PLACE-*), and what was left out and why
current_week.py  the week in progress: what was logged before today (ADAPT-4)
week_notices.py  notices about a built week (CONTENT-1..4, PLACE-3)
week.py          one week through the stages above
state.py         what the season carries from one week to the next (SeasonState)
document.py      the plan document (PLAN_SCHEMA.md)
"""
