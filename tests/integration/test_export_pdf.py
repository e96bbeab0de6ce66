"""PDF export, rendered by poppler (pdftoppm, pdftotext) to check what a reader sees."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from stridelift.adapters.exporters import ExportOptions, export
from stridelift.adapters.exporters.pdf import DEJAVU_DIR, write_pdf

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLE = FIXTURES / "plan_sample.json"  # written by hand: every run type and session kind
PLANNER = FIXTURES / "export_plan_planner.json"  # the real planner's output
PLANS = pytest.mark.parametrize("plan_file", [SAMPLE, PLANNER], ids=["sample", "planner"])
POPPLER = "poppler-utils (pdftoppm, pdftotext) is not installed; CI installs it"
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None, reason=POPPLER
)
# Both font paths: the embedded DejaVu Sans (when Debian's fonts-dejavu-core is there)
# and the core Helvetica fallback that transliterates what it cannot draw.
FONTS = [
    pytest.param(
        DEJAVU_DIR,
        id="dejavu",
        marks=pytest.mark.skipif(
            not (DEJAVU_DIR / "DejaVuSans.ttf").is_file(),
            reason="fonts-dejavu-core is not installed",
        ),
    ),
    pytest.param(None, id="core-font"),
]


def _sample() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return doc


def _pages_text(pdf: Path) -> list[str]:
    """The text of each page, as pdftotext extracts it (pages end with a form feed)."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


def _render(pdf: Path, folder: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


def _ink(png: Path) -> float:
    """Fraction of pixels that are not (near) white."""
    with Image.open(png) as image:
        grey = image.convert("L")
        histogram = grey.histogram()
    return sum(histogram[:240]) / sum(histogram)


def _exercise_names(week: dict[str, Any]) -> list[str]:
    return [
        exercise["name"]
        for day in week["days"]
        for session in day["sessions"]
        for exercise in session.get("exercises", [])
    ]


@needs_poppler
@PLANS
@pytest.mark.parametrize("font_dir", FONTS)
def test_one_overview_page_then_one_page_per_week_none_blank(
    tmp_path: Path, font_dir: Path | None, plan_file: Path
) -> None:
    doc = json.loads(plan_file.read_text(encoding="utf-8"))
    out = tmp_path / "plan.pdf"

    result = write_pdf(doc, out, ExportOptions(), font_dir=font_dir)

    pages = _render(out, tmp_path)
    assert len(pages) == 1 + 3 == result.counts["pages"]
    for page in pages:
        assert _ink(page) > 0.02, page.name


@needs_poppler
@pytest.mark.parametrize("font_dir", FONTS)
def test_the_overview_names_the_athlete_races_and_phases(
    tmp_path: Path, font_dir: Path | None
) -> None:
    out = tmp_path / "plan.pdf"
    write_pdf(_sample(), out, ExportOptions(), font_dir=font_dir)

    overview = _pages_text(out)[0]
    assert "Training plan · Maya Lindqvist" in overview
    assert "Sat 12 Dec 2026 · Winter 10K · 10.0 km · B race" in overview
    assert "Sun 14 Mar 2027 · Riverside Marathon · 42.2 km · A race" in overview
    assert "Base" in overview
    assert "Strength" in overview
    assert "Weekly run volume (km) and strength sessions" in overview


@needs_poppler
@PLANS
@pytest.mark.parametrize("font_dir", FONTS)
def test_each_week_page_shows_its_phase_focus_days_and_exercises(
    tmp_path: Path, font_dir: Path | None, plan_file: Path
) -> None:
    doc = json.loads(plan_file.read_text(encoding="utf-8"))
    out = tmp_path / "plan.pdf"
    write_pdf(doc, out, ExportOptions(), font_dir=font_dir)

    pages = _pages_text(out)[1:]
    for page, week in zip(pages, doc["weeks"], strict=True):
        phase = week["phase"].capitalize()
        assert f"Week {week['index']} · {phase}" in page
        assert f"Focus: {week['focus']}" in page
        for name in _exercise_names(week):
            assert name in page, (week["index"], name)
        assert page.count("Rest day") == sum(1 for d in week["days"] if not d["sessions"])
    if plan_file != SAMPLE:
        return
    first = pages[0]
    assert "Tuesday 24 Nov" in first
    assert "Warm-up: Easy bike (5 min) · Leg swings, front and side" in first
    dash = "–" if font_dir else "-"  # the core font has no en dash
    assert f"4 × 4{dash}6" in first
    assert "90 kg, leave 2 reps in reserve" in first


@needs_poppler
def test_long_notes_wrap_instead_of_being_cut(tmp_path: Path) -> None:
    doc = json.loads(PLANNER.read_text(encoding="utf-8"))
    out = tmp_path / "plan.pdf"
    export("pdf", doc, out, ExportOptions(weeks=1))

    words = " ".join(_pages_text(out)[1].split())
    assert "Day A: force and control" in words
    tuesday = doc["weeks"][0]["days"][1]["sessions"][1]
    warmup = " · ".join(f"{w['name']} ({w['minutes']} min)" for w in tuesday["warmup"])
    for item in warmup.split(" · "):
        assert item in words
    assert "a load you could lift 14-15 times:" in words
    assert "stop 2-3 reps short (LOAD-1)" in words
    assert " ".join(tuesday["reasons"][-3:]) in words
    assert "…" not in words


@needs_poppler
def test_imperial_units_reach_the_chart_and_the_loads(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    export("pdf", _sample(), out, ExportOptions(units="imperial"))

    pages = _pages_text(out)
    assert "Weekly run volume (mi) and strength sessions" in pages[0]
    assert "198.4 lb" in pages[1]
    assert "Long run 100 min · 11.2 mi" in pages[1]


def _crowded(extra_per_day: int, days: int = 7) -> dict[str, Any]:
    """The sample with extra copies of Strength A on the first days of week 1."""
    doc = _sample()
    week = doc["weeks"][0]
    strength = week["days"][1]["sessions"][1]
    for day in week["days"][:days]:
        for order in range(extra_per_day):
            extra = copy.deepcopy(strength)
            extra["order"] = 10 + order
            day["sessions"].append(extra)
    return doc


@needs_poppler
def test_a_crowded_week_is_scaled_down_to_stay_on_one_page(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"

    export("pdf", _crowded(extra_per_day=1, days=4), out, ExportOptions(weeks=1))

    pages = _pages_text(out)
    assert len(pages) == 2
    assert "Sunday 29 Nov" in pages[1]
    assert "Long run 100 min · 18.0 km" in pages[1]
    assert pages[1].count("Trap-bar deadlift") == 1 + 4


@needs_poppler
def test_a_week_too_crowded_to_scale_runs_on_rather_than_losing_sessions(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"

    export("pdf", _crowded(extra_per_day=3), out, ExportOptions(weeks=1))

    pages = _pages_text(out)
    assert len(pages) > 2
    assert "Week 1 (continued)" in pages[2]
    text = "".join(pages[1:])
    assert text.count("Trap-bar deadlift") == 1 + 3 * 7
    assert "Sunday 29 Nov" in text


@needs_poppler
def test_a_selection_of_weeks_gives_a_page_for_each(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    export("pdf", _sample(), out, ExportOptions(weeks=2))

    pages = _pages_text(out)
    assert len(pages) == 3
    assert "Week 2 · Base" in pages[2]


def test_the_same_document_gives_the_same_pdf(tmp_path: Path) -> None:
    export("pdf", _sample(), tmp_path / "a.pdf", ExportOptions())
    export("pdf", _sample(), tmp_path / "b.pdf", ExportOptions())

    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF-")


def test_names_the_core_font_cannot_draw_are_transliterated_not_fatal(tmp_path: Path) -> None:
    doc = _sample()
    doc["athlete"]["name"] = "Łucja Dvořák–Nowak"
    out = tmp_path / "plan.pdf"

    result = write_pdf(doc, out, ExportOptions(weeks=1), font_dir=None)

    assert result.counts["pages"] == 2
    if shutil.which("pdftotext"):
        assert "Lucja Dvorak-Nowak" in _pages_text(out)[0]
