"""`stridelift import` on real files: summary, one line per failed file, duplicates, exit status."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from rich.progress import Progress

from stridelift.cli.import_cmds import BarProgress
from tests.e2e.test_cli_logbook import Cli
from tests.integration.test_store_fixtures import write_profile


def _summary(text: str) -> dict[str, int]:
    rows: dict[str, int] = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip("│ ").split("│")]
        if len(cells) == 2 and cells[1].isdigit():
            rows[cells[0]] = int(cells[1])
    return rows


def test_importing_good_and_bad_files_stores_the_good_and_names_the_bad(
    tmp_path: Path, activities_dir: Path
) -> None:
    cli = Cli(tmp_path)
    cli("athlete", "add", "--profile", str(write_profile(tmp_path)))
    bad = activities_dir / "gpx" / "bad.gpx"
    files = [activities_dir / "gpx" / "run.gpx", activities_dir / "tcx" / "test.tcx", bad]
    result = cli("import", *map(str, files), code=1)
    assert result.stderr.splitlines() == [
        f"failed: {bad}: invalid coordinates: lat 'undefined' (trkpt at line 5)"
    ]
    assert _summary(result.stdout) == {
        "files imported": 2, "files duplicate": 0, "files skipped (sport)": 0, "files failed": 1,
        "runs stored": 2, "cross-training stored": 0, "lift sessions stored": 0,
    }  # fmt: skip
    again = cli("import", *map(str, files[:2]))
    assert again.stdout.startswith(
        f"duplicate: {files[0]}: the same file was imported before as {files[0]}\n"
    )
    assert _summary(again.stdout)["files duplicate"] == 2
    assert len(cli.history("--since", "2000-01-01")) == 2


def test_a_folder_is_searched_and_cross_training_is_labelled(
    tmp_path: Path, activities_dir: Path
) -> None:
    cli = Cli(tmp_path)
    cli("athlete", "add", "--profile", str(write_profile(tmp_path)))
    result = cli("import", str(activities_dir / "fit"), code=1)  # one FIT file there is corrupt
    summary = _summary(result.stdout)
    assert summary["files failed"] == 1
    assert summary["files imported"] >= 6
    assert summary["cross-training stored"] >= 1
    kinds = {e["kind"] for e in cli.history("--since", "2000-01-01")}
    assert kinds == {"run", "cross_training"}
    assert "Unmapped exercises" in result.stdout


def test_import_without_an_athlete_writes_nothing_and_says_how_to_add_one(
    tmp_path: Path, activities_dir: Path
) -> None:
    cli = Cli(tmp_path)
    result = cli("import", str(activities_dir / "gpx" / "run.gpx"), code=2)
    assert result.stderr == (
        "error: no athlete stored yet: add one with `stridelift athlete add --profile FILE`\n"
    )


def test_the_progress_bar_appears_only_for_more_than_three_files() -> None:
    for total, shown in ((3, False), (4, True)):
        screen = io.StringIO()
        console = Console(file=screen, force_terminal=True, width=80)
        progress = Progress(console=console, auto_refresh=False)
        bar = BarProgress(progress)
        bar.start(total)
        for i in range(total):
            bar.advance(f"file{i}.fit")
        progress.refresh()
        bar.stop()
        assert ("file3.fit" in screen.getvalue()) is shown


STRONG_HEADER = "Date;Workout Name;Duration;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE\n"
MONDAY = (
    "2026-11-16 07:00:00;Day A;45m;Deadlift (Trap bar);1;100;kg;5;8\n"
    "2026-11-16 07:00:00;Day A;45m;Deadlift (Trap bar);2;100;kg;5;8\n"
    "2026-11-16 07:00:00;Day A;45m;Zottman Curl Deluxe;1;10;kg;10;\n"
)
THURSDAY = "2026-11-19 18:00:00;Day B;40m;Goblet Squat;1;24;kg;8;7\n"


def test_a_newer_strong_export_adds_only_the_new_workout_and_lists_unknown_names(
    tmp_path: Path,
) -> None:
    cli = Cli(tmp_path)
    cli("athlete", "add", "--profile", str(write_profile(tmp_path)))
    first = tmp_path / "strong-1.csv"
    first.write_text(STRONG_HEADER + MONDAY, encoding="utf-8")
    result = cli("import", str(first))
    assert _summary(result.stdout)["lift sessions stored"] == 1
    assert "│ strong-1.csv │ Zottman Curl Deluxe" in result.stdout
    newer = tmp_path / "strong-2.csv"
    newer.write_text(STRONG_HEADER + MONDAY + THURSDAY, encoding="utf-8")
    again = cli("import", str(newer))
    assert _summary(again.stdout)["lift sessions stored"] == 1
    assert f"imported: {newer}: 1 already in the logbook" in again.stdout
    lifts = [e for e in cli.history("--since", "2026-11-01") if e["kind"] == "lift"]
    assert [e["date"] for e in lifts] == ["2026-11-16", "2026-11-19"]
    first_sets = lifts[0]["sets"]
    assert isinstance(first_sets, list)
    assert [s["exercise_id"] for s in first_sets] == ["trap_bar_deadlift"] * 2 + [None]
    assert first_sets[2]["source_name"] == "Zottman Curl Deluxe"
