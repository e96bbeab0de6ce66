"""Largest contentful paint of the web app's pages in headless Chromium, on a ten-year log.

Run: .venv/bin/python benchmarks/bench_lcp.py. Seeds the ten-year demo log as
bench_web.py does, serves the app with uvicorn on a free loopback port (its own
process, as a runner's machine would), and opens each page LOADS times in Debian's
Chromium (/usr/bin/chromium, headless, a fresh browser context each time, so nothing is
cached but what the page's own cache headers allow within one load). The largest
contentful paint comes from the browser's own PerformanceObserver; the dashboard
(Progress) and the Plan page wait for their charts and calendar first, since those are
drawn by script. Prints the median and the 95th percentile against TARGET_MS; exits 1 on
a MISS, 2 when Chromium is missing.
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from bench_web import NOW, _p95, _seed

from stridelift.services.demo_data import DEMO_NAME

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
LOADS = 15
TARGET_MS = 1000.0
WHO = quote(DEMO_NAME)
PAGES = {  # page -> the element that shows it is drawn
    "Progress (dashboard)": (f"/a/{WHO}/progress", "#chart-fitness canvas"),
    "Plan (calendar)": (f"/a/{WHO}/plan", ".fc-daygrid-event"),
    "Today": (f"/a/{WHO}/today", "main h1"),
}
LCP_SCRIPT = """() => new Promise((resolve) => {
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    resolve(entries[entries.length - 1].startTime);
  }).observe({type: "largest-contentful-paint", buffered: true});
})"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.browser.serve_for_test", url, str(port)], cwd=ROOT
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=1):  # noqa: S310 - loopback
                return server, base
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the app did not answer within 30 s")


def _lcp_ms(browser: object, url: str, ready: str) -> float:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(url, wait_until="load")
        page.wait_for_selector(ready)
        return float(page.evaluate(LCP_SCRIPT))
    finally:
        context.close()


def main() -> int:
    """Print each page's LCP with PASS or MISS; return 1 when any misses."""
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing (apt-get install chromium)")
        return 2
    from playwright.sync_api import sync_playwright

    misses = 0
    with tempfile.TemporaryDirectory() as folder:
        server, base = _serve(_seed(Path(folder)))
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True)
                print(f"{'page (' + NOW.date().isoformat() + ')':<24}{'median ms':>10}"
                      f"{'p95 ms':>10}  target {TARGET_MS:.0f} ms")  # fmt: skip
                for name, (path, ready) in PAGES.items():
                    _lcp_ms(browser, base + path, ready)  # warm-up: the server's first answer
                    samples = [_lcp_ms(browser, base + path, ready) for _ in range(LOADS)]
                    p95 = _p95(samples)
                    misses += p95 > TARGET_MS
                    verdict = "PASS" if p95 <= TARGET_MS else "MISS"
                    print(f"{name:<24}{statistics.median(samples):>10.0f}{p95:>10.0f}  {verdict}")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
