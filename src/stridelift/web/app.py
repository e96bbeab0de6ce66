"""The Litestar app factory: routes, templates, static files, CSRF and the open store."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from litestar import Litestar, Request, Response
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import CacheControlHeader, State
from litestar.di import Provide
from litestar.exceptions import HTTPException, NotAuthorizedException
from litestar.logging.config import LoggingConfig
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.plugins.htmx import HTMXRequest
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Redirect
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from stridelift.errors import StrideliftError, UsageError
from stridelift.services.workspace import opened
from stridelift.web.auth import login_url
from stridelift.web.coach_present import COACH_GLOBALS
from stridelift.web.context import WebContext, local_now
from stridelift.web.diff_present import DIFF_FILTERS
from stridelift.web.hosts import loopback_hosts_only
from stridelift.web.log_present import LOG_FILTERS, LOG_GLOBALS
from stridelift.web.plan_present import PLAN_FILTERS, PLAN_GLOBALS
from stridelift.web.present import FILTERS, GLOBALS
from stridelift.web.routes import (
    account,
    api,
    api_comments,
    api_log,
    api_methodologies,
    api_profile,
    api_replan,
    coaching,
    export,
    home,
    jobs,
    log,
    methodologies,
    plan,
    profile,
    progress,
    replan,
    roster,
    today,
)

# Client errors the app answers in one line, never logged with a traceback.
ANSWERED = (400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 429)

HERE = Path(__file__).parent
CSRF_COOKIE = "csrftoken"
CSRF_HEADER = "x-csrftoken"
STATIC_MAX_AGE_S = 24 * 3600  # a day: vendored files change only with a new version


def _lifespan(web: WebContext) -> Callable[[Litestar], Any]:
    @asynccontextmanager
    async def lifespan(_: Litestar) -> AsyncIterator[None]:
        from stridelift.methodologies import load_library
        from stridelift.services.jobs import job_queue

        with (
            opened(web.db_url) as store,
            job_queue(store, background=True, clock=web.clock) as queue,
        ):
            web.store, web.library, web.queue = store, load_library(), queue
            try:
                yield
            finally:
                web.store = web.queue = None

    return lifespan


def _engine(engine: JinjaTemplateEngine) -> None:
    engine.engine.filters.update(FILTERS)
    engine.engine.globals.update(GLOBALS)
    engine.engine.filters.update(LOG_FILTERS)
    engine.engine.globals.update(LOG_GLOBALS)
    engine.engine.filters.update(PLAN_FILTERS)
    engine.engine.globals.update(PLAN_GLOBALS)
    engine.engine.filters.update(DIFF_FILTERS)
    engine.engine.globals.update(COACH_GLOBALS)


def _one_line(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    """An HTTP error as one line (JSON under /api), never a traceback; a page that needs a
    login sends the browser to the login page, to come back after."""
    if request.url.path.startswith("/api/"):
        return Response({"detail": exc.detail}, status_code=exc.status_code)
    if isinstance(exc, NotAuthorizedException):
        if request.headers.get("hx-request"):  # htmx swaps parts: the whole page must go
            return Response("", status_code=401, headers={"HX-Redirect": login_url(request)})
        return Redirect(path=login_url(request), status_code=303)
    return Response(f"{exc.status_code}: {exc.detail}\n", status_code=exc.status_code,
                    media_type="text/plain")  # fmt: skip


def _refused(request: Request[Any, Any, Any], exc: StrideliftError) -> Response[Any]:
    """What no route answered itself, in one line: a bad value (422), or a write the
    database refused (a lock held too long, two requests racing for one row: 503; the
    transaction was rolled back, so nothing was written)."""
    status = 422 if isinstance(exc, UsageError) else 503
    return _one_line(request, HTTPException(status_code=status, detail=str(exc)))


def create_app(
    db_url: str | None,
    *,
    clock: Callable[[], datetime] = local_now,
    csrf_secret: str | None = None,
    debug: bool = False,
    allowed_hosts: tuple[str, ...] = (),
    secure_cookies: bool = False,
) -> Litestar:
    """The web app on the database at ``db_url`` (None: the settings' database).

    ``clock`` gives the local time (tests fix it); ``csrf_secret`` signs the CSRF
    tokens, a new random one per start unless given; ``allowed_hosts`` are the Host names
    answered besides loopback ones; ``secure_cookies`` makes the cookies Secure (and the
    session cookie ``__Host-``) even when the request does not look like HTTPS.
    """
    web = WebContext(db_url=db_url, clock=clock, secure_cookies=secure_cookies)
    return Litestar(
        route_handlers=_routes(),
        dependencies={"web": Provide(lambda: web, sync_to_thread=False)},
        lifespan=[_lifespan(web)],
        request_class=HTMXRequest,
        template_config=TemplateConfig(
            directory=HERE / "templates", engine=JinjaTemplateEngine, engine_callback=_engine
        ),
        # DNS rebinding: see web/hosts.py
        middleware=[
            DefineMiddleware(
                loopback_hosts_only, allowed=frozenset(h.lower() for h in allowed_hosts)
            )
        ],
        csrf_config=CSRFConfig(
            secret=csrf_secret or secrets.token_hex(32),
            cookie_name=CSRF_COOKIE,
            header_name=CSRF_HEADER,
            cookie_samesite="strict",
            cookie_secure=secure_cookies,
        ),
        openapi_config=OpenAPIConfig(title="Stridelift", version="1", path="/schema"),
        exception_handlers={HTTPException: _one_line, StrideliftError: _refused},
        state=State({"web": web}),
        logging_config=_logging(),
        debug=debug,
    )


def _routes() -> list[Any]:
    """Every page, API and static route the app answers (each checks whose data it
    touches: tests/unit/test_web_routes.py enumerates them)."""
    static = create_static_files_router(
        path="/static",
        directories=[HERE / "static"],
        cache_control=CacheControlHeader(max_age=STATIC_MAX_AGE_S, public=True),
        include_in_schema=False,
        name="static",
    )
    return [
        home.home,
        home.health,
        today.router,
        api.router,
        static,
        log.router,
        jobs.router,
        jobs.api_router,
        export.router,
        api_log.router,
        progress.router,
        progress.api_router,
        plan.router,
        plan.api_router,
        replan.router,
        api_replan.router,
        api_comments.router,
        profile.router,
        api_profile.router,
        account.router,
        coaching.router,
        methodologies.router,
        methodologies.athlete_router,
        api_methodologies.coach_router,
        api_methodologies.apply_router,
        roster.pages,
        roster.api,
    ]


def _logging() -> LoggingConfig:
    """Errors are logged; the root logger is left alone, so the libraries' INFO lines
    (migrations at start-up) stay out of the terminal as they do in the CLI. A refusal the
    app answers (a stale replan, a bad value, an unknown id, a missing login) is an
    answer, not an error: only server errors are logged."""
    return LoggingConfig(
        configure_root_logger=False,
        log_exceptions="always",
        disable_stack_trace={api_replan.StaleReplan, UsageError, *ANSWERED},
    )
