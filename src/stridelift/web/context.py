"""What every handler of one app shares: the open store, the clock and the time zone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from litestar.di import NamedDependency

from stridelift.services.workspace import Workspace


def local_now() -> datetime:
    """The wall clock in the machine's time zone (the web app's one reading of it)."""
    return datetime.now(UTC).astimezone()


@dataclass
class WebContext:
    """The app's store (opened at start-up), clock and exercise library."""

    db_url: str | None
    clock: Callable[[], datetime] = local_now
    secure_cookies: bool = False
    store: Workspace | None = None
    library: Any = None
    queue: Any = None  # where jobs go (services.jobs.job_queue), opened with the store

    def workspace(self) -> Workspace:
        """The open store; the app opens it at start-up and closes it at shutdown."""
        if self.store is None:
            raise RuntimeError("the store is opened by the app's lifespan")  # a wiring bug
        return self.store

    def job_queue(self) -> Any:
        """The queue background jobs go to; opened at start-up with the store."""
        if self.queue is None:
            raise RuntimeError("the job queue is opened by the app's lifespan")  # a wiring bug
        return self.queue

    def now(self) -> datetime:
        """The current local time."""
        return self.clock()

    def today(self) -> date:
        """The local date today."""
        return self.clock().date()

    def tz(self) -> tzinfo:
        """The local time zone (UTC when the clock has none)."""
        return self.clock().tzinfo or UTC


# The handler parameter that receives the app's context (by name: ``web``).
Web = NamedDependency[WebContext]
