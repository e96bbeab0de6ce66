"""`make demo`: plan a demo season, seed a demo logbook, then serve the web app on it.

Prints the plan as it always has, then stores the demo athlete (eight weeks of logs and a
plan, services.demo_data) in demo/stridelift.db, made afresh on every run, so the user's
own database is never touched. With a terminal it then serves the web app until Ctrl-C;
without one (CI runs `make demo >/dev/null`) it prints the command to serve it and exits.
"""

from __future__ import annotations

import contextlib
import sys
from datetime import date, timedelta
from pathlib import Path

from rich.console import Console

from stridelift.adapters.exporters._text import planner_notes
from stridelift.cli.plan_cmds import _overview, _week_detail, _weeks_in_detail
from stridelift.services.planning import build_plan_document, plan_json
from stridelift.services.starter import starter_profile

DEMO_DIR = Path("demo")
DEMO_DB = DEMO_DIR / "stridelift.db"
DEMO_PORT = 8000


def seed_demo_database(console: Console, today: date) -> str:
    """Make demo/stridelift.db afresh with the demo athlete; returns its database URL."""
    from datetime import UTC, datetime

    from stridelift.methodologies import load_library
    from stridelift.services.demo_data import DEMO_WEEKS, seed_demo
    from stridelift.services.workspace import opened

    for leftover in (DEMO_DB, DEMO_DB.with_name(DEMO_DB.name + "-wal"),
                     DEMO_DB.with_name(DEMO_DB.name + "-shm")):  # fmt: skip
        leftover.unlink(missing_ok=True)
    url = f"sqlite:///{DEMO_DB.resolve()}"
    with opened(url) as store:
        name = seed_demo(store, today, load_library(), now=datetime.now(UTC))
    console.print(
        f"\nDemo logbook: {DEMO_DB} ({name}, {DEMO_WEEKS} weeks of runs, lifts and check-ins)",
        markup=False,
        soft_wrap=True,
    )
    return url


def serve_demo(console: Console, url: str) -> None:
    """Serve the web app on the demo logbook with a terminal; else say how to."""
    command = f".venv/bin/stridelift serve --db {url} --port {DEMO_PORT}"
    if not sys.stdin.isatty():  # no one to press Ctrl-C (CI): do not block
        console.print(f"Serve the web app on it: {command}", markup=False, soft_wrap=True)
        return
    import uvicorn

    from stridelift.web.app import create_app

    console.print(f"Web app: http://127.0.0.1:{DEMO_PORT}/ (Ctrl-C stops it)", style="bold")
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.run(create_app(url), host="127.0.0.1", port=DEMO_PORT, log_level="warning")


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
    serve_demo(console, seed_demo_database(console, today))


if __name__ == "__main__":
    main()
