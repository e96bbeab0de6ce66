"""Background jobs in the web app: a slow upload answers with a job panel that follows the
import to its result; the job's page and API; another athlete's job is not found."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest

from stridelift.services import jobs
from stridelift.services.demo_data import DEMO_NAME
from stridelift.services.job_runs import STEP_DELAY_ENV
from stridelift.services.workspace import opened
from stridelift.web.routes import jobs as job_routes
from tests.integration.test_store_fixtures import PROFILE
from tests.web_app import API_URL, client, csrf, row_counts

A_URL = f"/a/{quote(DEMO_NAME)}"
HTMX = {"HX-Request": "true"}
FILES = ("run.gpx", "Friday-Evening-Run.gpx")


def _files(activities_dir: Path) -> list[tuple[str, tuple[str, bytes]]]:
    return [("files", (n, (activities_dir / "gpx" / n).read_bytes())) for n in FILES]


def _results(html: str) -> list[str]:
    lines = re.findall(r'<li class="result[^"]*">(.*?)</li>', html, re.DOTALL)
    return [unescape(re.sub(r"<[^>]+>", "", line)).strip() for line in lines]


def test_a_slow_import_answers_with_a_panel_that_polls_until_the_result(
    db: str, activities_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(job_routes, "UPLOAD_WAIT_S", 0.0)
    monkeypatch.setenv(STEP_DELAY_ENV, "0.5")
    with client(db) as c:
        token = csrf(c)
        first = c.post(f"{A_URL}/log/upload", files=_files(activities_dir),
                       data={"_csrf_token": token}, headers=HTMX)  # fmt: skip
        assert first.status_code == 200
        (job_url,) = re.findall(r'hx-get="([^"]+)" hx-trigger="every 1s"', first.text)
        assert re.search(r"Import of 2 files:\s+(waiting for a worker|running)", first.text)
        assert '<progress max="100"' in first.text
        deadline = time.monotonic() + 30
        while True:
            panel = c.get(job_url, headers=HTMX)
            if "every 1s" not in panel.text:
                break
            assert time.monotonic() < deadline
            time.sleep(0.2)
        page = c.get(job_url)  # without scripts: the job's own page
        api = c.get(f"{API_URL}/jobs/{job_url.rsplit('/', 1)[1]}").json()
    assert re.search(r"Import of 2 files:\s+done", panel.text)
    assert _results(panel.text) == [
        "Stored: run.gpx: 1 run", "Stored: Friday-Evening-Run.gpx: 1 run",
    ]  # fmt: skip
    assert 'id="history"' in panel.text and 'hx-swap-oob="true"' in panel.text
    assert "http-equiv" not in page.text and _results(page.text) == _results(panel.text)
    assert (api["state"], api["kind"], api["progress"]["done"]) == ("done", "import", 2)
    assert [f["status"] for f in api["files"]] == ["imported", "imported"]


def test_a_quick_import_answers_with_its_result_and_the_api_with_the_job(
    db: str, activities_dir: Path
) -> None:
    with client(db) as c:
        r = c.post(f"{API_URL}/uploads", files=_files(activities_dir)[:1],
                   headers={"x-csrftoken": csrf(c)})  # fmt: skip
    doc = r.json()
    assert r.status_code == 200
    assert (doc["job"]["state"], doc["job"]["attempts"]) == ("done", 1)
    assert [(f["file"], f["status"]) for f in doc["files"]] == [("run.gpx", "imported")]


def test_a_job_of_another_athlete_or_none_answers_404(db: str, activities_dir: Path) -> None:
    now = datetime(2026, 11, 21, tzinfo=UTC)
    with opened(db) as store:
        with store.transaction() as repo:
            repo.add_athlete("Bo", PROFILE.format(name="Bo", units="metric"), now)
        queue = jobs.InlineQueue(store)
        theirs = jobs.enqueue_import(store, "Bo", [jobs.Upload("run.gpx", b"x")], queue, now)
    before = row_counts(db)
    with client(db) as c:
        page = c.get(f"{A_URL}/jobs/{theirs.id}")
        api = c.get(f"{API_URL}/jobs/{theirs.id}")
        none = c.get(f"{API_URL}/jobs/999")
    assert (page.status_code, api.status_code, none.status_code) == (404, 404, 404)
    assert api.json() == {"detail": f"no job {theirs.id} of {DEMO_NAME}"}
    assert "Bo" not in page.text
    assert row_counts(db) == before


def test_the_api_queues_a_replan_job_that_the_app_runs(db: str) -> None:
    with client(db) as c:
        queued = c.post(f"{API_URL}/jobs/replans", headers={"x-csrftoken": csrf(c)})
        job_id = queued.json()["id"]
        deadline = time.monotonic() + 30
        while (doc := c.get(f"{API_URL}/jobs/{job_id}").json())["state"] != "done":
            assert time.monotonic() < deadline, doc
            time.sleep(0.1)
    assert (queued.status_code, queued.json()["kind"]) == (202, "replan")
    assert doc["result"]["athlete"] == DEMO_NAME
    # the seeded plan is up to date: the job stores nothing new, and says so
    assert doc["progress"] == {"done": 1, "total": 1, "text": "plan unchanged"}
    assert doc["result"]["stored"] is False
