"""The web app: paste, upload or link two articles, read the report, keep a permalink.

``create_app`` builds the FastAPI application; ``sourcetrace serve`` runs it with uvicorn.
Pages and the JSON API share one code path: inputs become Articles (``sourcetrace.ingest``),
the check runs in a small thread pool under a time limit, the report dict is stored in SQLite
and rendered by the same :func:`~sourcetrace.report.html.render_html` as ``--format html``.

Limits, all in :class:`Limits`: request body size (checked while the body streams in), text
size per article, time per check, and how many checks may wait for a worker. Errors are one
clear sentence: ``{"error": "..."}`` with a 4xx/5xx status for the API, an HTML page otherwise.
"""

from __future__ import annotations

import asyncio
import copy
import ipaddress
import logging
import re
import secrets
import tempfile
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi_offline import FastAPIOffline
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sourcetrace.errors import InputError, ModelError, SourcetraceError
from sourcetrace.model import Article
from sourcetrace.report.html import render_html
from sourcetrace.server.storage import ReportStore, default_db_path

log = logging.getLogger("sourcetrace.server")

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
REPORT_ID = re.compile(r"^[A-Za-z0-9_-]{8,32}$")
TOKEN_COOKIE = "sourcetrace_token"
CHECK_PATHS = ("/api/check", "/check", "/api/trace", "/trace")
Side = Literal["source", "derived", "article"]

Checker = Callable[[Article, Article], dict[str, Any]]
Fetcher = Callable[[str], Article]


@dataclass(frozen=True)
class Limits:
    """What one request may cost. Defaults suit a small shared machine."""

    max_body_bytes: int = 4 * 1024 * 1024  # two uploaded pages with markup
    # Per article, after extraction. A long feature is ~40k characters; check time grows faster
    # than length (about 20 s at 15k and 95 s at 50k characters per side on 2 slow cores), so
    # this keeps a check inside ``timeout_s``.
    max_text_chars: int = 50_000
    timeout_s: float = 120.0  # per check, queueing included
    workers: int = 1  # concurrent checks (see ``CheckRunner``)
    # Checks queued or running before new ones get 503. A warm check of a short pair takes
    # about 0.3 s, so 64 waiting is ~20 s of queue: a burst of 50 clients is served, not refused,
    # while ``timeout_s`` still bounds how long any one of them waits.
    max_waiting: int = 64


class ApiError(Exception):
    """A request that cannot be served: an HTTP status and one line for the user."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


class BodyTooLarge(Exception):
    """Raised while reading a request body that passes ``Limits.max_body_bytes``."""


# --- inputs ------------------------------------------------------------------------------


_BARE_URL = re.compile(r"https?://\S+", re.IGNORECASE)


class ArticleInput(BaseModel):
    """One article for ``POST /api/check``: a plain string, or an object with text or url.

    A plain string is the article's text, unless it is nothing but one http(s) URL, which is
    fetched like ``{"url": ...}`` (a bare link is never an article worth checking).
    """

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(default=None, description="The article as plain text.")
    url: str | None = Field(default=None, description="An http(s) URL of the article page.")

    @model_validator(mode="before")
    @classmethod
    def from_string(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"url": data.strip()} if _BARE_URL.fullmatch(data.strip()) else {"text": data}
        if not isinstance(data, dict | ArticleInput):
            raise ValueError('give a string, or an object with "text" or "url"')
        return data

    @model_validator(mode="after")
    def exactly_one(self) -> ArticleInput:
        if (self.text is None) == (self.url is None):
            raise ValueError("give exactly one of text or url")
        return self

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Documents both forms: the object, or a string (text, or one URL to fetch)."""
        as_object = handler.resolve_ref_schema(handler(core_schema))
        return {
            "title": "ArticleInput",
            "description": (
                "One article: a plain string (its text; a string that is only an http(s) URL "
                'is fetched) or an object with exactly one of "text" and "url".'
            ),
            "anyOf": [
                {"type": "string", "description": "The article text, or one http(s) URL."},
                {
                    **as_object,
                    "title": "ArticleObject",
                    "description": 'Exactly one of "text" and "url".',
                },
            ],
        }


class TraceRequest(BaseModel):
    """Body of ``POST /api/trace`` (only on a server started with ``--corpus``)."""

    model_config = ConfigDict(extra="forbid")
    article: ArticleInput = Field(
        description='The article whose sources to find: its text, a URL, or {"text": ...} / '
        '{"url": ...}.'
    )
    top: int = Field(default=5, ge=1, le=50, description="How many candidate sources to list.")


class CheckRequest(BaseModel):
    """Body of ``POST /api/check``."""

    model_config = ConfigDict(extra="forbid")
    source: ArticleInput = Field(
        description='The source article: its text, a URL, or {"text": ...} / {"url": ...}.'
    )
    derived: ArticleInput = Field(
        description="The article written from the source, in the same forms."
    )


@dataclass
class Given:
    """How the user gave one article: pasted text, an uploaded file, or a URL."""

    side: Side
    text: str | None = None
    url: str | None = None
    file_name: str | None = None
    file_data: bytes | None = None


def default_checker(source: Article, derived: Article) -> dict[str, Any]:
    """The real pipeline with the process-wide models (loaded once, on first use)."""
    from sourcetrace.nlp import default_models
    from sourcetrace.pipeline import check
    from sourcetrace.report.json import report_to_dict

    return report_to_dict(check(source, derived, models=default_models()))


def default_fetcher(url: str) -> Article:
    """Fetch a public page; loopback, private, link-local and metadata addresses are refused."""
    from sourcetrace.ingest.url import fetch

    return fetch(url, allow_private=False)


def _article_from_upload(name: str, data: bytes) -> Article:
    """Read an uploaded file the way ``sourcetrace check`` reads a file (by its extension)."""
    from sourcetrace.ingest import load

    suffix = Path(name).suffix.lower()[:10] if Path(name).suffix.isascii() else ""
    # ingest reads paths; the upload goes through a private temporary file of the same type.
    with tempfile.TemporaryDirectory(prefix="sourcetrace-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            article = load(path)
        except InputError as exc:
            raise InputError(str(exc).replace(str(path), name)) from exc
    article.path = name
    return article


def _article(given: Given, fetcher: Fetcher, limits: Limits) -> Article:
    """Turn one side's input into an Article, enforcing the text limit."""
    from sourcetrace.ingest import from_text

    if given.url is not None:
        article = fetcher(given.url.strip())
    elif given.file_data is not None:
        article = _article_from_upload(given.file_name or given.side, given.file_data)
    else:
        text = given.text or ""
        _check_size(given.side, len(text), limits)
        article = from_text(text, shown=f"the {given.side} text")
    _check_size(given.side, len(article.text), limits)
    return article


def _check_size(side: Side, chars: int, limits: Limits) -> None:
    if chars > limits.max_text_chars:
        raise ApiError(
            413,
            f"the {side} article has {chars:,} characters; the limit is {limits.max_text_chars:,}",
        )


# --- running checks ------------------------------------------------------------------------


class CheckRunner:
    """Runs checks in a bounded thread pool, each under a time limit.

    One worker by default: the spaCy pipeline and the torch encoder are shared by every thread
    of the process, and one CPU check already keeps every core busy through torch's own
    threads. A check that passes its time limit gets a 504; its thread finishes in the
    background and counts against ``max_waiting`` until it does, so slow checks cannot pile up.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._pool = ThreadPoolExecutor(max_workers=limits.workers, thread_name_prefix="check")
        self._waiting = 0
        self._lock = threading.Lock()

    def _finished(self, _: Future[Any]) -> None:
        with self._lock:
            self._waiting -= 1

    def busy_error(self) -> ApiError | None:
        """The 503 to answer when no more checks may wait, else None."""
        if self._waiting < self.limits.max_waiting:
            return None
        return ApiError(
            503,
            f"the server is busy ({self._waiting} checks waiting); try again shortly",
            {"Retry-After": "10"},
        )

    async def run(self, job: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        with self._lock:
            busy = self.busy_error()
            if busy is not None:
                raise busy
            self._waiting += 1
        future = self._pool.submit(job)
        future.add_done_callback(self._finished)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.limits.timeout_s)
        except TimeoutError:
            future.cancel()  # drops it if it is still queued; a running check finishes unseen
            raise ApiError(
                504, f"the check took longer than {self.limits.timeout_s:g} s and was abandoned"
            ) from None

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _job(
    source: Given, derived: Given, checker: Checker, fetcher: Fetcher, limits: Limits
) -> Callable[[], dict[str, Any]]:
    """The work for one check: read both articles (fetching URLs) and run the checker."""

    def run() -> dict[str, Any]:
        source_article = _article(source, fetcher, limits)
        derived_article = _article(derived, fetcher, limits)
        return checker(source_article, derived_article)

    return run


class CorpusTracer:
    """Traces articles against one scanned corpus, read once on first use (thread-safe)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._corpus: Any = None
        self._lock = threading.Lock()

    def corpus(self) -> Any:
        from sourcetrace.corpus.trace import load_corpus

        with self._lock:
            if self._corpus is None:
                self._corpus = load_corpus(self.path)
            return self._corpus

    def trace(self, article: Article, top: int, checker: Checker) -> dict[str, Any]:
        """Ranked candidate sources (``sourcetrace trace --format json`` without the report
        inlined) and, when a source is found, the audit report against it."""
        from sourcetrace.corpus import trace as tracing

        corpus = self.corpus()
        candidates, identical = tracing.find_sources(article, corpus, top)
        best = tracing.best_source(candidates)
        report = None if best is None else checker(best.article, article)
        name = article.url or article.path or "the pasted text"
        return tracing.to_json(name, article.text, candidates, len(corpus.ids), identical, report)


def _trace_job(
    given: Given, top: int, tracer: CorpusTracer, checker: Checker, fetcher: Fetcher, limits: Limits
) -> Callable[[], dict[str, Any]]:
    def run() -> dict[str, Any]:
        return tracer.trace(_article(given, fetcher, limits), top, checker)

    return run


# --- guards: body size and token --------------------------------------------------------------


class BodySizeLimit:
    """ASGI middleware: refuse bodies over ``max_bytes``, declared or streamed (chunked).

    A streamed body is cut off as soon as it passes the limit. Whatever the app then makes of
    the broken read (FastAPI turns it into a 400), the client gets the 413 that explains it.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
        received = 0
        exceeded = False
        started = False

        async def limited_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    exceeded = True
                    raise BodyTooLarge(self._message())
            return message

        async def checked_send(message: Message) -> None:
            nonlocal started
            if exceeded:
                return  # the app's answer to a cut-off body is replaced by the 413 below
            started = started or message["type"] == "http.response.start"
            await send(message)

        with suppress(BodyTooLarge):
            await self.app(scope, limited_receive, checked_send)
        if exceeded and not started:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = _error_response(Request(scope), 413, self._message())
        response.headers["Connection"] = "close"  # the rest of the body is never read
        await response(scope, receive, send)

    def _message(self) -> str:
        return f"the request body is larger than the {self.max_bytes:,}-byte limit"


LOOPBACK_NAMES = ["localhost", "127.0.0.1"]


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the server reachable from this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to anything


def require_token_for(host: str, token: str | None) -> None:
    """Refuse to serve on a non-loopback address without a token."""
    if not is_loopback(host) and not token:
        raise InputError(
            f"refusing to listen on {host} without --token: anyone on the network could use "
            "the server (use 127.0.0.1, or set --token / $SOURCETRACE_TOKEN)"
        )


def _given_token(request: Request) -> tuple[str | None, bool]:
    """The token the request carries, and whether it came in the query string."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip(), False
    if "token" in request.query_params:
        return request.query_params["token"], True
    cookie = request.cookies.get(TOKEN_COOKIE)
    return cookie, False


# --- rendering -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _pages() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["app_css"] = Markup((TEMPLATES / "app.css").read_text(encoding="utf-8"))
    return env


# App pages carry no script at all; the report pages bring their own CSP (see report.html).
PAGE_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


def _page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = _pages().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": PAGE_CSP})


def _wants_json(request: Request) -> bool:
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


_TITLES = {
    400: "The input cannot be checked",
    401: "A token is needed",
    403: "Wrong token",
    404: "Not found",
    405: "Method not allowed",
    413: "Too large",
    422: "The request is incomplete",
    500: "Something went wrong on the server",
    503: "The server is busy",
    504: "The check took too long",
}


def _error_response(
    request: Request, status: int, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message}, status_code=status, headers=dict(headers or {}))
    response = _page(
        "app_error.html.j2", status, title=_TITLES.get(status, "Error"), message=message
    )
    response.headers.update(dict(headers or {}))
    return response


def _validation_message(exc: RequestValidationError) -> str:
    """One line from pydantic's error list, e.g. 'body.source: give exactly one of text or url'."""
    parts = []
    for error in exc.errors()[:3]:
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
        message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts) or "the request body is not valid"


# --- OpenAPI ---------------------------------------------------------------------------------


def _rewrite_refs(node: Any, prefix: str) -> Any:
    """``node`` with every ``#/$defs/X`` reference pointed at ``#/components/schemas/<prefix>X``."""
    if isinstance(node, dict):
        return {
            key: value.replace("#/$defs/", f"#/components/schemas/{prefix}")
            if key == "$ref" and isinstance(value, str)
            else _rewrite_refs(value, prefix)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite_refs(value, prefix) for value in node]
    return node


def report_components() -> dict[str, Any]:
    """The published report JSON Schema as OpenAPI components (``Report`` and its parts)."""
    from sourcetrace.report.json import report_schema

    schema = copy.deepcopy(report_schema())
    definitions = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    components = {
        f"Report_{name}": _rewrite_refs(part, "Report_") for name, part in definitions.items()
    }
    components["Report"] = _rewrite_refs(schema, "Report_")
    return components


def _with_report_schema(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """An ``app.openapi`` that documents the report responses with the published schema."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                description=app.description,
                routes=app.routes,
            )
            schema.setdefault("components", {}).setdefault("schemas", {}).update(
                report_components()
            )
            report = {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}}
            for path in ("/api/check", "/api/reports/{report_id}"):
                for operation in schema["paths"][path].values():
                    operation["responses"]["200"]["content"] = report
            app.openapi_schema = schema
        return app.openapi_schema

    return openapi


# --- the app ---------------------------------------------------------------------------------


def create_app(
    db_path: Path | str | None = None,
    token: str | None = None,
    *,
    limits: Limits | None = None,
    checker: Checker | None = None,
    fetcher: Fetcher | None = None,
    preload_models: bool = False,
    allowed_hosts: list[str] | None = None,
    corpus: Path | None = None,
) -> FastAPI:
    """The sourcetrace web app.

    ``db_path`` defaults to :func:`~sourcetrace.server.storage.default_db_path`. With a
    ``token``, every request must carry it (``Authorization: Bearer``, ``?token=`` or the cookie
    set after a ``?token=`` page visit). ``checker`` and ``fetcher`` replace the pipeline and
    the URL fetcher (tests); ``preload_models`` loads the models at startup, not on first use.
    ``allowed_hosts`` limits the Host header (``serve`` sets it on loopback: a web page that
    rebinds its own domain name to 127.0.0.1 then cannot reach the app). ``corpus`` (a scan's
    DuckDB file) adds "find its source in a corpus": ``/trace`` and ``POST /api/trace``.
    """
    limits = limits or Limits()
    store = ReportStore(db_path if db_path is not None else default_db_path())
    runner = CheckRunner(limits)
    run_check = checker or default_checker
    fetch = fetcher or default_fetcher
    tracer = CorpusTracer(corpus) if corpus is not None else None

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if preload_models and checker is None:
            # Import the pipeline now too: a broken install fails at startup, not per request.
            import sourcetrace.pipeline
            import sourcetrace.report.json  # noqa: F401
            from sourcetrace.nlp import default_models

            log.info("loading models")
            await run_in_threadpool(default_models)
        if preload_models and tracer is not None:
            log.info("reading the corpus %s", tracer.path)
            await run_in_threadpool(tracer.corpus)
        yield
        runner.shutdown()

    # FastAPIOffline serves the /docs page's Swagger UI from the package, not a CDN.
    app = FastAPIOffline(
        title="sourcetrace",
        summary="Audit a news article written from another one.",
        description=(
            "POST two articles to `/api/check` (each as a plain string of text, or as "
            '`{"text": ...}` or `{"url": ...}` with a public URL) and get the '
            "report: every finding with its kind, severity, speaker, reason and character "
            "offsets into both texts. Reports are saved; `GET /api/reports/{id}` returns one "
            "again and `/r/{id}` shows it as a page."
        ),
        version="1",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.limits = limits
    app.openapi = _with_report_schema(app)  # type: ignore[method-assign]

    # --- guards ---
    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        set_cookie = False
        if token is not None:
            given, from_query = _given_token(request)
            if not given:
                return _error_response(
                    request,
                    401,
                    "this server needs a token: send 'Authorization: Bearer TOKEN' or add ?token=",
                    {"WWW-Authenticate": "Bearer"},
                )
            if not secrets.compare_digest(given.encode(), token.encode()):
                return _error_response(request, 403, "the token is not valid for this server")
            set_cookie = from_query
        if request.method == "POST" and request.url.path in CHECK_PATHS:
            # Refuse before reading and validating the body: under load, turning requests
            # away must cost the event loop (and the GIL the check thread needs) almost nothing.
            busy = runner.busy_error()
            if busy is not None:
                return _error_response(request, busy.status, busy.message, busy.headers)
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if set_cookie and token is not None:
            # Pages link to each other without the token; the cookie carries it from here on.
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        return response

    app.add_middleware(BodySizeLimit, max_bytes=limits.max_body_bytes)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    # --- errors ---
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return _error_response(request, exc.status, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error_response(request, 422, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"there is nothing at {request.url.path}"
        return _error_response(request, exc.status_code, message, exc.headers)

    async def checked(source: Given, derived: Given) -> tuple[str, dict[str, Any]]:
        """Run one check and store it: (report id, report dict), or raise ApiError."""
        try:
            report = await runner.run(_job(source, derived, run_check, fetch, limits))
        except ApiError:
            raise
        except InputError as exc:
            raise ApiError(400, str(exc)) from exc
        except ModelError as exc:
            log.error("models unavailable: %s", exc)
            raise ApiError(500, str(exc)) from exc
        except SourcetraceError as exc:
            raise ApiError(422, str(exc)) from exc
        except Exception as exc:
            log.exception("check failed")
            raise ApiError(500, f"the check failed: {type(exc).__name__}") from exc
        report_id = await run_in_threadpool(store.save, report)
        return report_id, report

    # --- JSON API ---
    @app.post(
        "/api/check",
        tags=["api"],
        summary="Check a derived article against its source",
        responses={
            400: {"description": "Unreadable input, bad or refused URL"},
            413: {"description": "Body or text too large"},
            422: {"description": "Malformed request"},
            503: {"description": "Too many checks waiting"},
            504: {"description": "The check took too long"},
        },
    )
    async def api_check(body: CheckRequest, request: Request) -> JSONResponse:
        """Returns the report JSON; ``Location`` and ``X-Report-Id`` give its permalink."""
        report_id, report = await checked(
            Given("source", text=body.source.text, url=body.source.url),
            Given("derived", text=body.derived.text, url=body.derived.url),
        )
        return JSONResponse(
            report, headers={"Location": f"/r/{report_id}", "X-Report-Id": report_id}
        )

    @app.get("/api/reports/{report_id}", tags=["api"], summary="A saved report")
    async def api_report(report_id: str) -> JSONResponse:
        return JSONResponse(await _stored(report_id))

    @app.get("/api/reports", tags=["api"], summary="The most recent reports")
    async def api_reports(limit: int = 20) -> dict[str, Any]:
        rows = await run_in_threadpool(store.recent, max(1, min(limit, 200)))
        return {"reports": [row.to_dict() for row in rows]}

    @app.get("/healthz", tags=["api"], summary="Liveness")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    async def _stored(report_id: str) -> dict[str, Any]:
        report = None
        if REPORT_ID.match(report_id):
            report = await run_in_threadpool(store.get, report_id)
        if report is None:
            raise ApiError(404, f"there is no report {report_id!r}")
        return report

    async def traced(given: Given, top: int) -> dict[str, Any]:
        """Trace one article in the corpus; its audit report is stored (``report_id``)."""
        if tracer is None:
            raise ApiError(404, "this server has no corpus (start it with serve --corpus FILE)")
        try:
            result = await runner.run(_trace_job(given, top, tracer, run_check, fetch, limits))
        except ApiError:
            raise
        except InputError as exc:
            raise ApiError(400, str(exc)) from exc
        except SourcetraceError as exc:
            raise ApiError(422, str(exc)) from exc
        except Exception as exc:
            log.exception("trace failed")
            raise ApiError(500, f"the trace failed: {type(exc).__name__}") from exc
        report = result.pop("report")
        result["report_id"] = None
        if report is not None:
            result["report_id"] = await run_in_threadpool(store.save, report)
        return result

    @app.post(
        "/api/trace",
        tags=["api"],
        summary="Find an article's sources in the server's corpus",
        responses={
            400: {"description": "Unreadable input, bad or refused URL"},
            404: {"description": "The server has no corpus"},
            413: {"description": "Body or text too large"},
            503: {"description": "Too many checks waiting"},
            504: {"description": "The trace took too long"},
        },
    )
    async def api_trace(body: TraceRequest) -> JSONResponse:
        """Ranked candidate sources with their passage evidence and direction; when a source
        is found, ``report_id`` names the audit against it (``/api/reports/{id}``)."""
        result = await traced(
            Given("article", text=body.article.text, url=body.article.url), body.top
        )
        return JSONResponse(result)

    @app.get("/trace", response_class=HTMLResponse, include_in_schema=False)
    async def trace_page() -> HTMLResponse:
        if tracer is None:
            raise ApiError(404, "this server has no corpus (start it with serve --corpus FILE)")
        return _page("app_trace.html.j2", error=None, form={}, result=None, limits=limits)

    @app.post("/trace", include_in_schema=False)
    async def form_trace(request: Request) -> Response:
        form = await request.form(max_part_size=limits.max_body_bytes)
        values = {key: value for key, value in form.items() if isinstance(value, str)}
        try:
            given = await _given_from_form("article", form)
            result = await traced(given, 5)
        except ApiError as exc:
            return _page(
                "app_trace.html.j2",
                exc.status,
                error=exc.message,
                form=values,
                result=None,
                limits=limits,
            )
        return _page("app_trace.html.j2", error=None, form=values, result=result, limits=limits)

    # --- pages ---
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index() -> HTMLResponse:
        recent = await run_in_threadpool(store.recent, 10)
        return _page(
            "app_index.html.j2",
            recent=recent,
            error=None,
            form={},
            limits=limits,
            corpus=tracer is not None,
        )

    @app.get("/reports", response_class=HTMLResponse, include_in_schema=False)
    async def reports_page() -> HTMLResponse:
        recent = await run_in_threadpool(store.recent, 100)
        return _page("app_reports.html.j2", recent=recent)

    @app.post("/check", include_in_schema=False)
    async def form_check(request: Request) -> Response:
        form = await request.form(max_part_size=limits.max_body_bytes)
        values = {key: value for key, value in form.items() if isinstance(value, str)}
        try:
            source = await _given_from_form("source", form)
            derived = await _given_from_form("derived", form)
            report_id, _ = await checked(source, derived)
        except ApiError as exc:
            recent = await run_in_threadpool(store.recent, 10)
            return _page(
                "app_index.html.j2",
                exc.status,
                recent=recent,
                error=exc.message,
                form=values,
                limits=limits,
                corpus=tracer is not None,
            )
        return RedirectResponse(f"/r/{report_id}", status_code=303)

    @app.get("/r/{report_id}", response_class=HTMLResponse, include_in_schema=False)
    async def report_page(report_id: str) -> HTMLResponse:
        report = await _stored(report_id)
        nav = {"New check": "/", "Recent reports": "/reports", "JSON": f"/api/reports/{report_id}"}
        html = await run_in_threadpool(render_html, report, nav=nav)
        return HTMLResponse(html)

    return app


async def _given_from_form(side: Side, form: Any) -> Given:
    """One side of the form: exactly one of pasted text, an uploaded file or a URL."""
    text = str(form.get(f"{side}_text") or "")
    url = str(form.get(f"{side}_url") or "").strip()
    upload = form.get(f"{side}_file")
    has_file = isinstance(upload, UploadFile) and bool(upload.filename)
    given = [
        name
        for name, present in (("text", text.strip()), ("file", has_file), ("URL", url))
        if present
    ]
    if not given:
        raise ApiError(
            400, f"the {side} article is empty: paste its text, upload a file or give a URL"
        )
    if len(given) > 1:
        raise ApiError(400, f"give the {side} article one way only (got {' and '.join(given)})")
    if url:
        return Given(side, url=url)
    if has_file:
        assert isinstance(upload, UploadFile)
        data = await upload.read()
        if not data.strip():
            raise ApiError(400, f"the uploaded {side} file {upload.filename!r} is empty")
        return Given(side, file_name=upload.filename, file_data=data)
    return Given(side, text=text)


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    db_path: Path | None = None,
    token: str | None = None,
    limits: Limits | None = None,
    corpus: Path | None = None,
) -> None:
    """Run the app with uvicorn until interrupted (the ``sourcetrace serve`` command)."""
    import uvicorn

    require_token_for(host, token)
    # Starlette's host check cannot parse "[::1]:port", so an IPv6 loopback goes without it.
    hosts = LOOPBACK_NAMES if is_loopback(host) and ":" not in host else None
    app = create_app(
        db_path, token, limits=limits, preload_models=True, allowed_hosts=hosts, corpus=corpus
    )
    # A bounded graceful shutdown: requests still waiting for a check are dropped after 5 s
    # rather than holding the process up to the check time limit.
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        proxy_headers=False,
        timeout_graceful_shutdown=5,
    )
