"""`stridelift methodologies`, and a profile that picks S1's program by name, end to end."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import vobject

from stridelift.cli import app as root
from stridelift.settings import DATABASE_URL_ENV

TODAY = "2027-01-04"  # a Monday
PROFILE = """\
name = "Bea"
level = "beginner"
body_mass_kg = 60
weekly_run_minutes = 120
equipment = ["dumbbells", "bands"]
session_minutes = 30
methodology = "s1-ten-week"
"""


def _run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str | Path
) -> tuple[int, str, str]:
    capsys.readouterr()
    monkeypatch.setattr(sys, "argv", ["stridelift", *map(str, args)])
    code = 0
    try:
        root.main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "bea.toml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


def test_methodologies_lists_each_shipped_one_with_version_and_when_it_fits(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = _run(capsys, monkeypatch, "methodologies")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "default: Stridelift default (version 1)"
    assert "s1-ten-week: S1 ten-week strength for runners (version 1, a 10-week program)" in lines
    fits = " ".join(line.strip() for line in lines if line.startswith("  "))
    assert "16-week block" in fits
    assert "Beginners and runners new to lifting" in fits
    assert lines[-1].startswith('Choose one in your profile: methodology = "NAME"')


def test_methodologies_has_help_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = _run(capsys, monkeypatch, "methodologies", "--help")
    assert code == 0
    assert "when each fits" in out


def test_a_profile_naming_s1_ten_week_plans_its_program_and_checks_clean(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    profile: Path,
    tmp_path: Path,
) -> None:
    code, out, _ = _run(
        capsys, monkeypatch, "plan", "--profile", profile, "--today", TODAY, "--json"
    )
    assert code == 0
    doc = json.loads(out)
    assert doc["methodology"]["name"] == "S1 ten-week strength for runners"
    assert [w["program"]["week"] for w in doc["weeks"][:10]] == list(range(1, 11))
    saved = tmp_path / "plan.json"
    saved.write_text(out, encoding="utf-8")
    code, out, _ = _run(capsys, monkeypatch, "check", saved)
    assert code == 0, out


def test_an_unknown_methodology_name_is_one_line_listing_the_known_ones(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(PROFILE.replace("s1-ten-week", "s1-tenweek"), encoding="utf-8")
    code, out, err = _run(capsys, monkeypatch, "plan", "--profile", bad, "--today", TODAY)
    assert (code, out) == (2, "")
    assert err == (
        "error: bad.toml: methodology: 's1-tenweek' is not a shipped methodology: use "
        "default, s1-ten-week\n"
    )


def test_a_profile_file_naming_a_coachs_methodology_is_one_line_pointing_to_the_database(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    coached = tmp_path / "coached.toml"
    coached.write_text(PROFILE.replace("s1-ten-week", "coach:tempo"), encoding="utf-8")
    code, out, err = _run(capsys, monkeypatch, "plan", "--profile", coached, "--today", TODAY)
    assert (code, out) == (2, "")
    assert err == (
        "error: coached.toml: methodology: 'coach:tempo' is a coach's methodology kept in "
        "the database: plan the stored athlete (--athlete NAME), or pass a file with "
        "--methodology FILE\n"
    )


def test_the_s1_plan_exports_to_a_calendar_and_a_pdf(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    profile: Path,
    tmp_path: Path,
) -> None:
    ics, pdf = tmp_path / "plan.ics", tmp_path / "plan.pdf"
    for fmt, out in (("ics", ics), ("pdf", pdf)):
        args = ("export", fmt, "--out", out, "--profile", profile, "--today", TODAY)
        code, _, err = _run(capsys, monkeypatch, *args, "--weeks", "10")
        assert code == 0, err
    cal = vobject.readOne(ics.read_text(encoding="utf-8"))
    texts = [f"{e.summary.value} {e.description.value}" for e in cal.vevent_list]
    assert any("Program week 1: Stability and bodyweight control" in t for t in texts)
    assert any("Program week 10: Deload and recovery" in t for t in texts)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is not None:
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, timeout=60
        ).stdout.decode()
        assert "Program week 6" in text


def test_replan_follows_the_methodology_the_stored_profile_names(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    profile: Path,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, f"sqlite:///{tmp_path / 'log.db'}")
    code, _, err = _run(capsys, monkeypatch, "athlete", "add", "--profile", profile)
    assert code == 0, err
    code, out, err = _run(capsys, monkeypatch, "replan", "--today", TODAY, "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["methodology"]["name"] == "S1 ten-week strength for runners"
    assert doc["weeks"][0]["program"]["focus"] == "Stability and bodyweight control"
