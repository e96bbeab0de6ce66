"""`make demo`: write a demo profile, plan its season, show this week and what to try next."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from rich.console import Console

from stridelift.adapters.exporters._text import planner_notes
from stridelift.cli.plan_cmds import _overview, _week_detail, _weeks_in_detail
from stridelift.services.planning import build_plan_document, plan_json
from stridelift.services.starter import starter_profile

DEMO_DIR = Path("demo")


def main() -> None:
    """Run the demo in ./demo (profile.toml and plan.json), on the embedded defaults."""
    console = Console(highlight=False)
    today = date.today()  # noqa: DTZ011 - the demo plans from the real today
    race_day = today + timedelta(weeks=16)
    DEMO_DIR.mkdir(exist_ok=True)
    profile = DEMO_DIR / "profile.toml"
    profile.write_text(
        starter_profile("Demo Runner", "intermediate", race_day.isoformat(), "marathon", 240),
        encoding="utf-8",
    )
    doc = build_plan_document(profile, today)
    (DEMO_DIR / "plan.json").write_text(plan_json(doc), encoding="utf-8")
    console.print(f"Demo profile: {profile} (intermediate, marathon on {race_day})", markup=False)
    console.print(_overview(doc))
    for week in _weeks_in_detail(doc):
        console.print(_week_detail(doc, week))
    for note in planner_notes(doc["warnings"]):
        console.print(f"warning: {note}", style="yellow", markup=False)
    console.print("\nTry next:", style="bold")
    for cmd in (
        f"stridelift plan --profile {profile} --json > my-plan.json",
        "stridelift check my-plan.json",
        f"stridelift explain {today} --profile {profile}",
        "stridelift init --out my-profile.toml",
    ):
        console.print(f"  .venv/bin/{cmd}", markup=False)


if __name__ == "__main__":
    main()
