"""Run the web app for the browser tests: ``python -m tests.browser.serve_for_test URL PORT``.

A process of its own, so the browser's event loop and the server's never share a thread;
the clock is the tests' fixed one, so the page shows the same day on every run.
"""

from __future__ import annotations

import sys

import uvicorn

from stridelift.web.app import create_app
from tests.web_app import NOW


def main() -> None:
    """Serve the app on the database and loopback port given."""
    url, port = sys.argv[1], int(sys.argv[2])
    uvicorn.run(
        create_app(url, clock=lambda: NOW), host="127.0.0.1", port=port, log_level="warning"
    )


if __name__ == "__main__":
    main()
