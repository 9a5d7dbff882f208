"""The web app through FastAPI's TestClient: happy paths, every error path, tokens, storage."""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import lxml.html
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from fictional_report import HOSTILE, fictional_report, hostile_report
from sourcetrace.cli import app as cli_app
from sourcetrace.model import Article
from sourcetrace.server import Limits, ReportStore, create_app
from sourcetrace.server.app import ApiError, CheckRunner, is_loopback

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SOURCE_TEXT = "Harbour plan divides Lowmere council\n\nThe expansion could create 400 jobs.\n"
DERIVED_TEXT = "Harbour will bring 900 jobs\n\nThe expansion will create 900 jobs.\n"


class FakeChecker:
    """Stands in for the pipeline: records the articles it got, returns the fictional report."""

    def __init__(self, report: dict[str, Any] | None = None) -> None:
        self.calls: list[tuple[Article, Article]] = []
        self.report = report or fictional_report()

    def __call__(self, source: Article, derived: Article) -> dict[str, Any]:
        self.calls.append((source, derived))
        return self.report


@pytest.fixture
def checker() -> FakeChecker:
    return FakeChecker()


@pytest.fixture
def client(tmp_path: Path, checker: FakeChecker) -> Iterator[TestClient]:
    app = create_app(tmp_path / "reports.db", checker=checker, limits=Limits(max_text_chars=2000))
    with TestClient(app) as test_client:
        yield test_client


def body(source: dict[str, str] | None = None, derived: dict[str, str] | None = None) -> Any:
    return {"source": source or {"text": SOURCE_TEXT}, "derived": derived or {"text": DERIVED_TEXT}}


# --- happy paths ---------------------------------------------------------------------------


def test_api_check_returns_the_report_and_a_permalink(
    client: TestClient, checker: FakeChecker
) -> None:
    response = client.post("/api/check", json=body())
    assert response.status_code == 200
    assert response.json() == fictional_report()
    source, derived = checker.calls[0]
    assert source.text == SOURCE_TEXT and derived.text == DERIVED_TEXT
    report_id = response.headers["x-report-id"]
    assert response.headers["location"] == f"/r/{report_id}"
    assert client.get(f"/api/reports/{report_id}").json() == fictional_report()
    listed = client.get("/api/reports").json()["reports"]
    assert [r["id"] for r in listed] == [report_id]
    assert listed[0]["worst"] == "critical" and listed[0]["findings"] == 6


def test_report_page_is_the_html_report_with_app_links(client: TestClient) -> None:
    report_id = client.post("/api/check", json=body()).headers["x-report-id"]
    page = client.get(f"/r/{report_id}")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    tree = lxml.html.document_fromstring(page.text)
    assert len(tree.xpath('//li[contains(@class, "finding")]')) == 6
    assert f"/api/reports/{report_id}" in tree.xpath("//nav/a/@href")


def test_form_with_pasted_texts_redirects_to_the_permalink(
    client: TestClient, checker: FakeChecker
) -> None:
    response = client.post(
        "/check",
        data={"source_text": SOURCE_TEXT, "derived_text": DERIVED_TEXT},
        files={"source_file": ("", b""), "derived_file": ("", b"")},  # empty file inputs
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"].startswith("/r/")
    assert client.get(response.headers["location"]).status_code == 200
    assert checker.calls[0][1].text == DERIVED_TEXT
    # The new report is listed on the front page.
    front = lxml.html.document_fromstring(client.get("/").text)
    assert front.xpath("//table[@class='recent']//a/@href") == [response.headers["location"]]


def test_form_with_uploaded_files_reads_them_by_type(
    client: TestClient, checker: FakeChecker
) -> None:
    html = b"<html><head><title>Harbour</title></head><body><article><h1>Harbour plan</h1>"
    html += b"<p>The expansion could create 400 jobs, the deputy mayor said on Monday.</p>"
    html += b"<p>Fishermen fear the new quay may push small boats out of the basin.</p>"
    html += b"</article></body></html>"
    response = client.post(
        "/check",
        files={
            "source_file": ("source.html", html, "text/html"),
            "derived_file": ("derived.txt", DERIVED_TEXT.encode(), "text/plain"),
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    source, derived = checker.calls[0]
    assert "400 jobs" in source.text and "<p>" not in source.text
    assert source.path == "source.html"
    assert derived.text == DERIVED_TEXT


def test_urls_go_through_the_fetcher(tmp_path: Path, checker: FakeChecker) -> None:
    fetched: list[str] = []

    def fetcher(url: str) -> Article:
        fetched.append(url)
        return Article(text=SOURCE_TEXT, title="Fetched", url=url, kind="url")

    app = create_app(tmp_path / "r.db", checker=checker, fetcher=fetcher)
    with TestClient(app) as with_urls:
        api = with_urls.post(
            "/api/check", json=body({"url": "https://news.example/a"}, {"text": DERIVED_TEXT})
        )
        assert api.status_code == 200
        form = with_urls.post(
            "/check",
            data={
                "source_url": " https://news.example/b ",
                "derived_url": "https://news.example/c",
            },
            follow_redirects=False,
        )
        assert form.status_code == 303
    assert fetched == ["https://news.example/a", "https://news.example/b", "https://news.example/c"]
    assert [call[0].url for call in checker.calls] == fetched[:2]
    assert checker.calls[1][1].url == fetched[2]


def test_api_check_takes_plain_strings(tmp_path: Path, checker: FakeChecker) -> None:
    fetched: list[str] = []

    def fetcher(url: str) -> Article:
        fetched.append(url)
        return Article(text=SOURCE_TEXT, title="Fetched", url=url, kind="url")

    app = create_app(tmp_path / "r.db", checker=checker, fetcher=fetcher)
    with TestClient(app) as api:
        texts = api.post("/api/check", json={"source": SOURCE_TEXT, "derived": DERIVED_TEXT})
        assert texts.status_code == 200, texts.text
        assert texts.json() == fictional_report()
        # A string that is only a URL is fetched; one that merely contains a URL is text.
        mention = "Read the plan at https://news.example/plan before the vote."
        mixed = api.post(
            "/api/check", json={"source": " https://news.example/a\n", "derived": mention}
        )
        assert mixed.status_code == 200, mixed.text
    (source, derived), (fetched_source, given_derived) = checker.calls
    assert (source.text, derived.text) == (SOURCE_TEXT, DERIVED_TEXT)
    assert fetched == ["https://news.example/a"] and fetched_source.url == fetched[0]
    assert given_derived.text == mention and given_derived.url is None


def test_reports_survive_a_restart(tmp_path: Path, checker: FakeChecker) -> None:
    db = tmp_path / "reports.db"
    with TestClient(create_app(db, checker=checker)) as first:
        report_id = first.post("/api/check", json=body()).headers["x-report-id"]
    with TestClient(create_app(db, checker=checker)) as second:
        assert second.get(f"/api/reports/{report_id}").json() == fictional_report()
        assert second.get(f"/r/{report_id}").status_code == 200


def test_store_lists_newest_first(tmp_path: Path) -> None:
    store = ReportStore(tmp_path / "nested" / "dir" / "reports.db")
    first = store.save(fictional_report())
    second = store.save(hostile_report())
    assert [r.id for r in store.recent()] == [second, first]
    assert store.get(first) == fictional_report()
    assert store.get("no-such-report") is None
    assert store.count() == 2


def test_openapi_page_documents_the_api(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    assert {"/api/check", "/api/reports/{report_id}", "/api/reports"} <= set(paths)
    assert "/check" not in paths  # the HTML form is not part of the API
    # Report responses are described by the published report schema, every $ref resolvable.
    ok = paths["/api/check"]["post"]["responses"]["200"]["content"]["application/json"]
    assert ok["schema"] == {"$ref": "#/components/schemas/Report"}
    components = spec["components"]["schemas"]
    assert {"findings", "alignments", "summary"} <= set(components["Report"]["properties"])
    refs = re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', json.dumps(spec))
    assert refs and all(name in components for name in refs)
    # Each article may be a plain string or a {"text"}/{"url"} object, and the schema says so.
    request = components["CheckRequest"]["properties"]
    assert request["source"]["$ref"] == request["derived"]["$ref"]
    article = components[request["source"]["$ref"].rsplit("/", 1)[1]]
    forms = article["anyOf"]
    assert forms[0]["type"] == "string"
    assert set(forms[1]["properties"]) == {"text", "url"}


def test_markup_in_a_checked_article_is_shown_as_text(tmp_path: Path) -> None:
    app = create_app(tmp_path / "r.db", checker=FakeChecker(hostile_report()))
    with TestClient(app) as hostile:
        report_id = hostile.post("/api/check", json=body()).headers["x-report-id"]
        page = hostile.get(f"/r/{report_id}").text
        front = hostile.get("/").text
    assert "<script>document" not in page and "<img src=x" not in page
    assert HOSTILE in lxml.html.document_fromstring(page).xpath("//title")[0].text_content()
    # The recent list shows the hostile title escaped, too.
    assert "<script>document" not in front
    assert HOSTILE in lxml.html.document_fromstring(front).text_content()


# --- error paths ---------------------------------------------------------------------------


def test_oversized_body_is_refused_with_413(tmp_path: Path, checker: FakeChecker) -> None:
    app = create_app(tmp_path / "r.db", checker=checker, limits=Limits(max_body_bytes=1000))
    with TestClient(app) as small:
        response = small.post("/api/check", json=body({"text": "x " * 1000}))
        assert response.status_code == 413
        assert "1,000-byte limit" in response.json()["error"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: the limit applies while streaming
            yield b'{"source": {"text": "'
            for _ in range(20):
                yield b"y" * 100
            yield b'"}, "derived": {"text": "z"}}'

        streamed = small.post(
            "/api/check", content=chunks(), headers={"content-type": "application/json"}
        )
        assert streamed.status_code == 413
        assert "error" in streamed.json()
        form = small.post("/check", data={"source_text": "w" * 3000, "derived_text": "v"})
        assert form.status_code == 413 and "text/html" in form.headers["content-type"]
    assert checker.calls == []


def test_oversized_text_is_refused_with_413(client: TestClient, checker: FakeChecker) -> None:
    response = client.post("/api/check", json=body(derived={"text": "A long sentence. " * 200}))
    assert response.status_code == 413
    assert response.json() == {
        "error": "the derived article has 3,400 characters; the limit is 2,000"
    }
    assert checker.calls == []


@pytest.mark.parametrize(
    ("payload", "status", "fragment"),
    [
        (body({"text": "   \n "}), 400, "source text is empty"),
        (body(derived={"text": ""}), 400, "derived text is empty"),
        ({"source": {"text": SOURCE_TEXT}}, 422, "derived: Field required"),
        (body({"text": "a", "url": "https://example.org/"}), 422, "exactly one of text or url"),
        ({"source": {}, "derived": {"text": "b"}}, 422, "exactly one of text or url"),
        (body({"txt": "a"}), 422, "Extra inputs are not permitted"),
        ({"source": 42, "derived": "b"}, 422, "source: give a string, or an object"),
        ({"source": "   ", "derived": "b"}, 400, "source text is empty"),
    ],
)
def test_bad_requests_get_one_line_json_errors(
    client: TestClient, payload: Any, status: int, fragment: str
) -> None:
    response = client.post("/api/check", json=payload)
    assert response.status_code == status
    assert fragment in response.json()["error"]
    assert list(response.json()) == ["error"]


def test_malformed_json_is_a_422(client: TestClient) -> None:
    response = client.post(
        "/api/check", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert "JSON" in response.json()["error"]


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("ftp://example.org/story.txt", "only http and https"),
        ("http://", "no host"),
        ("http://127.0.0.1:9/story", "refusing to fetch"),
        ("http://localhost/story", "refusing to fetch"),
        ("http://10.1.2.3/story", "refusing to fetch"),
        ("http://169.254.169.254/latest/meta-data/", "refusing to fetch"),
        ("http://[::1]/story", "refusing to fetch"),
    ],
)
def test_bad_and_private_urls_are_refused_with_400(
    client: TestClient, checker: FakeChecker, url: str, fragment: str
) -> None:
    """The real fetcher: these are refused before any connection is made."""
    response = client.post("/api/check", json=body(derived={"url": url}))
    assert response.status_code == 400
    assert fragment in response.json()["error"]
    assert checker.calls == []


def test_form_errors_are_html_pages_that_keep_the_input(client: TestClient) -> None:
    response = client.post(
        "/check",
        data={"source_text": "<b>pasted</b> text", "source_url": "https://example.org/a"},
    )
    assert response.status_code == 400
    tree = lxml.html.document_fromstring(response.text)
    alert = tree.xpath('//div[@role="alert"]')[0].text_content()
    assert "give the source article one way only (got text and URL)" in alert
    assert tree.xpath('//textarea[@name="source_text"]')[0].text_content() == "<b>pasted</b> text"
    assert not tree.xpath("//textarea//b")
    missing = client.post("/check", data={"source_text": SOURCE_TEXT})
    assert missing.status_code == 400
    assert "the derived article is empty" in missing.text


def test_unknown_reports_are_404_in_both_forms(client: TestClient) -> None:
    api = client.get("/api/reports/AAAAAAAAAAAAAAAA")
    assert api.status_code == 404 and api.json() == {
        "error": "there is no report 'AAAAAAAAAAAAAAAA'"
    }
    page = client.get("/r/AAAAAAAAAAAAAAAA")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "there is no report" in page.text
    assert client.get("/nowhere").status_code == 404
    assert client.get("/api/nowhere").json() == {"error": "there is nothing at /api/nowhere"}


def test_a_slow_check_gets_504(tmp_path: Path) -> None:
    release = threading.Event()

    def slow(source: Article, derived: Article) -> dict[str, Any]:
        release.wait(10)
        return fictional_report()

    app = create_app(tmp_path / "r.db", checker=slow, limits=Limits(timeout_s=0.3))
    try:
        with TestClient(app) as timed:
            response = timed.post("/api/check", json=body())
            assert response.status_code == 504
            assert response.json() == {
                "error": "the check took longer than 0.3 s and was abandoned"
            }
            page = timed.post("/check", data={"source_text": "a b", "derived_text": "c d"})
            assert page.status_code == 504 and "took longer" in page.text
    finally:
        release.set()


def test_too_many_waiting_checks_get_503() -> None:
    release = threading.Event()

    async def scenario() -> int:
        runner = CheckRunner(Limits(workers=1, max_waiting=1, timeout_s=5))
        first = asyncio.ensure_future(runner.run(lambda: {"ok": release.wait(5)}))
        await asyncio.sleep(0.05)
        try:
            await runner.run(lambda: {})
        except ApiError as exc:
            release.set()
            assert (await first) == {"ok": True}
            runner.shutdown()
            return exc.status
        raise AssertionError("the second check was accepted")

    assert asyncio.run(scenario()) == 503


def test_a_busy_server_answers_503_without_reading_the_body(tmp_path: Path) -> None:
    entered, release = threading.Event(), threading.Event()

    def blocking(source: Article, derived: Article) -> dict[str, Any]:
        entered.set()
        release.wait(10)
        return fictional_report()

    limits = Limits(workers=1, max_waiting=1)
    with TestClient(create_app(tmp_path / "r.db", checker=blocking, limits=limits)) as busy:
        first: list[int] = []
        worker = threading.Thread(
            target=lambda: first.append(busy.post("/api/check", json=body()).status_code)
        )
        worker.start()
        try:
            assert entered.wait(10)
            refused = busy.post("/api/check", content=b"not even json")
            assert refused.status_code == 503
            assert refused.headers["retry-after"] == "10"
            assert "busy" in refused.json()["error"]
            page = busy.post("/check", data={"source_text": "a", "derived_text": "b"})
            assert page.status_code == 503 and "text/html" in page.headers["content-type"]
        finally:
            release.set()
            worker.join(10)
    assert first == [200]


def test_check_errors_from_the_pipeline_become_422(tmp_path: Path) -> None:
    from sourcetrace.errors import SourcetraceError

    def refusing(source: Article, derived: Article) -> dict[str, Any]:
        raise SourcetraceError("the derived article has no sentences to check")

    with TestClient(create_app(tmp_path / "r.db", checker=refusing)) as failing:
        response = failing.post("/api/check", json=body())
    assert response.status_code == 422
    assert response.json() == {"error": "the derived article has no sentences to check"}


# --- tokens ----------------------------------------------------------------------------------


@pytest.fixture
def guarded(tmp_path: Path, checker: FakeChecker) -> Iterator[TestClient]:
    with TestClient(create_app(tmp_path / "r.db", token="s3cret", checker=checker)) as test_client:
        yield test_client


def test_token_is_required_everywhere(guarded: TestClient, checker: FakeChecker) -> None:
    missing = guarded.post("/api/check", json=body())
    assert missing.status_code == 401 and "needs a token" in missing.json()["error"]
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = guarded.post("/api/check", json=body(), headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403 and wrong.json() == {
        "error": "the token is not valid for this server"
    }
    for path in ("/", "/reports", "/docs", "/openapi.json", "/healthz"):
        assert guarded.get(path).status_code == 401, path
    page = guarded.get("/", headers={"accept": "text/html"})
    assert "text/html" in page.headers["content-type"] and "needs a token" in page.text
    assert checker.calls == []
    ok = guarded.post("/api/check", json=body(), headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200


def test_query_token_opens_pages_and_sets_a_cookie(guarded: TestClient) -> None:
    assert guarded.get("/?token=wrong").status_code == 403
    first = guarded.get("/?token=s3cret")
    assert first.status_code == 200
    assert "httponly" in first.headers["set-cookie"].lower()
    # From here on the browser's cookie carries the token: links and the form just work.
    assert guarded.get("/reports").status_code == 200
    submitted = guarded.post(
        "/check", data={"source_text": SOURCE_TEXT, "derived_text": DERIVED_TEXT}
    )
    assert submitted.status_code == 200 and "/r/" in str(submitted.url)


def test_serve_refuses_a_public_address_without_a_token() -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--host", "0.0.0.0", "--port", "1"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "without --token" in lines[0]


def test_foreign_host_headers_are_refused_when_asked(tmp_path: Path) -> None:
    """``serve`` on loopback only answers to loopback names (no DNS rebinding)."""
    app = create_app(tmp_path / "r.db", checker=FakeChecker(), allowed_hosts=["127.0.0.1"])
    with TestClient(app, base_url="http://127.0.0.1") as local:
        assert local.get("/healthz").status_code == 200
    with TestClient(app, base_url="http://rebound.example") as foreign:
        assert foreign.get("/healthz").status_code == 400


def test_loopback_hosts() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    assert not is_loopback("example.org")


# --- the real pipeline ------------------------------------------------------------------------


def test_real_check_of_the_demo_pair(tmp_path: Path) -> None:
    from sourcetrace.nlp import _default_models
    from sourcetrace.report.json import report_schema

    source = (EXAMPLES / "source.txt").read_text(encoding="utf-8")
    derived = (EXAMPLES / "derived.txt").read_text(encoding="utf-8")
    with TestClient(create_app(tmp_path / "r.db")) as real:
        first = real.post("/api/check", json=body({"text": source}, {"text": derived}))
        assert first.status_code == 200, first.text
        report = first.json()
        jsonschema.validate(report, report_schema())
        assert report["derived"]["text"].strip() == derived.strip()
        assert report["findings"], "the demo pair has findings"
        again = real.post("/api/check", json=body({"text": source}, {"text": derived}))
        assert again.json()["findings"] == report["findings"]
        page = real.get(f"/r/{first.headers['x-report-id']}")
        assert page.status_code == 200
    # Models were loaded once for the process, not per request (default_models caches them
    # in _default_models, keyed by the encoder directory).
    assert _default_models.cache_info().misses == 1
