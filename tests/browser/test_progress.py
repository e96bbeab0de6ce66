"""The Progress page in a real Chromium: it loads clean, passes axe, draws its charts,
shows a value on hover, and its tables hold the numbers the charts draw."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_pages import PHONE, _serious_axe_violations, console_errors
from tests.web_app import PROGRESS_URL, add_recorded_runs

__all__ = ["console_errors"]  # the fixture, shared with the other pages' tests
CHARTS = (
    "fitness", "volume", "sets", "longrun", "efforts", "predict-0", "load", "acwr", "monotony",
)  # fmt: skip


@pytest.fixture(scope="module")
def app_db(app_db: str) -> str:
    """The shared browser database, with runs recorded by a watch and a goal time."""
    add_recorded_runs(app_db)
    return app_db


def _load(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")


def test_the_progress_page_loads_clean_passes_axe_and_draws_every_chart(
    page: Page, app_url: str, console_errors: list[str], screenshots: Path
) -> None:
    _load(page, app_url + PROGRESS_URL)
    for name in CHARTS:
        canvas = page.locator(f"#chart-{name} canvas")
        expect(canvas).to_have_count(1)
        box = canvas.bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 100, name
    assert console_errors == []
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / "progress.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(300)  # the charts resize after a short pause
    width = page.locator("#chart-fitness canvas").bounding_box()
    assert width is not None and width["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=screenshots / "progress-phone.png", full_page=True)


def test_hovering_a_chart_shows_the_week_and_its_values(
    page: Page, app_url: str, screenshots: Path
) -> None:
    _load(page, app_url + PROGRESS_URL)
    chart = page.locator("#chart-fitness")
    over = chart.locator(".u-over")
    box = over.bounding_box()
    assert box is not None
    over.hover(position={"x": box["width"] * 0.25, "y": box["height"] / 2})
    values = chart.locator(".u-legend .u-series .u-value")
    expect(values.first).to_have_text(re.compile(r"^\d{4}-\d{2}-\d{2}$"))
    fitness = values.nth(1).inner_text()
    assert fitness != "-" and float(fitness) > 0
    chart.screenshot(path=screenshots / "progress-hover.png")


def _page_data(page: Page) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(page.locator("#progress-data").inner_text())
    return data


def test_the_table_view_holds_the_numbers_the_charts_draw(page: Page, app_url: str) -> None:
    _load(page, app_url + PROGRESS_URL)
    data = _page_data(page)
    weeks = data["stats"]["weeks"]
    page.get_by_text("Table of fitness, fatigue and form").click()
    rows = page.locator("#table-fitness tbody tr")
    expect(rows.first).to_be_visible()
    forecast = data["stats"]["forecast"]["weeks"]
    assert rows.count() == len(weeks) + len(forecast)
    for i, w in enumerate(weeks):
        cells = rows.nth(i).locator("th, td").all_inner_texts()
        assert cells == [w["end"], f"{w['fitness']:.1f}", f"{w['fatigue']:.1f}",
                         f"{w['form']:.1f}", "log"]  # fmt: skip
    page.get_by_text("Table of running distance").click()
    done = page.locator("#table-volume tbody tr td:nth-child(2)").all_inner_texts()
    assert done == [
        "-" if w["run_done"] is None else f"{w['run_done']:.1f}" for w in data["volume"]
    ]


def test_hovering_shows_the_same_value_the_table_holds(page: Page, app_url: str) -> None:
    _load(page, app_url + PROGRESS_URL)
    data = _page_data(page)
    last = data["stats"]["weeks"][-1]
    chart = page.locator("#chart-acwr")
    over = chart.locator(".u-over")
    box = over.bounding_box()
    assert box is not None
    over.hover(position={"x": box["width"] - 2, "y": box["height"] / 2})
    values = chart.locator(".u-legend .u-series .u-value")
    expect(values.first).to_have_text(last["end"])  # the legend follows on the next frame
    expect(values.nth(1)).to_have_text(f"{last['acwr_rolling']:.2f}")
    row = page.locator("#table-acwr tbody tr").last
    assert row.locator("td").first.text_content() == values.nth(1).inner_text()


def test_a_new_athlete_sees_the_empty_state_without_errors(
    page: Page, app_url: str, console_errors: list[str], screenshots: Path
) -> None:
    _load(page, app_url + "/a/Ann/progress")
    expect(page.locator("#progress-empty")).to_contain_text("Nothing logged yet for Ann")
    assert console_errors == []
    assert _serious_axe_violations(page) == []
    page.screenshot(path=screenshots / "progress-new-athlete.png", full_page=True)


def test_the_running_charts_are_drawn_and_read_by_keyboard(
    page: Page, app_url: str, console_errors: list[str], screenshots: Path
) -> None:
    _load(page, app_url + PROGRESS_URL)
    data = _page_data(page)
    chart = page.locator("#chart-longrun")
    chart.focus()
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")  # the week before the last one: race week, ahead
    values = chart.locator(".u-legend .u-series .u-value")
    before_last = data["long_runs"][-2]
    expect(values.first).to_have_text(before_last["start"])
    expect(values.nth(2)).to_have_text(f"{before_last['planned']:.1f}")
    page.keyboard.press("Home")
    expect(values.first).to_have_text(data["long_runs"][0]["start"])
    page.get_by_text("Table of best efforts").click()
    efforts = page.locator("#table-efforts tbody tr")
    assert efforts.nth(2).locator("th, td").all_inner_texts()[:4] == [
        "5K", "23:00", "4:36", "2026-11-12",
    ]  # fmt: skip
    expect(page.locator("#predict-h").locator("xpath=..")).to_contain_text(
        "Predicted now: 3:40:36 (from the 5K on 2026-11-12). Goal: 3:45:00."
    )
    assert console_errors == []
    assert _serious_axe_violations(page) == []
    running = page.locator("section[aria-labelledby=longrun-h]")
    running.scroll_into_view_if_needed()
    for name in ("longrun-h", "efforts-h", "predict-h"):
        page.locator(f"section[aria-labelledby={name}]").screenshot(
            path=screenshots / f"progress-{name[:-2]}.png"
        )
