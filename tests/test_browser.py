"""The web app as a user sees it: real server, real pipeline, Debian's Chromium via Playwright.

The server runs as ``python -m sourcetrace.cli serve`` on a free loopback port with a
temporary database; Chromium is /usr/bin/chromium (never a downloaded browser).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright

from fictional_report import HOSTILE, hostile_report
from sourcetrace.report.html import render_html

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real ``sourcetrace serve`` on loopback; yields its base URL."""
    port = free_port()
    folder = tmp_path_factory.mktemp("server")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    log = (folder / "server.log").open("w")
    command = [sys.executable, "-m", "sourcetrace.cli", "serve", "--port", str(port)]
    command += ["--db", str(folder / "reports.db")]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180  # the models load before the port opens
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited: {(folder / 'server.log').read_text()}")
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start within 180 s")
            time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Watched:
    """A page with every console error, page error and request recorded."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("dialog", self._dialog)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    yield Watched(context.new_page())
    context.close()


def submit_pair(page: Page, base: str, source: str, derived: str) -> None:
    page.goto(f"{base}/")
    page.fill("#source_text", source)
    page.fill("#derived_text", derived)
    with page.expect_navigation(url=f"{base}/r/**", timeout=180_000):
        page.click("#run-check")


def test_demo_pair_from_paste_to_highlighted_source(
    server: str, watched: Watched, tmp_path: Path
) -> None:
    page = watched.page
    source = (EXAMPLES / "source.txt").read_text(encoding="utf-8")
    derived = (EXAMPLES / "derived.txt").read_text(encoding="utf-8")
    submit_pair(page, server, source, derived)

    critical = page.locator('li.finding[data-severity="critical"]').first
    expect(critical).to_be_visible()
    index = critical.get_attribute("data-f")
    critical.click()
    expect(critical).to_have_attribute("aria-expanded", "true")
    expect(critical.locator(".f-more")).to_be_visible()  # reason, source text, diff

    passage = page.locator(f'#source-text mark[data-f~="{index}"]')
    status = page.locator("#source-status")
    if passage.count():
        expect(passage.first).to_have_attribute("data-active", "true")
        expect(passage.first).to_have_class(re.compile(r"\bis-active\b"))
        expect(passage.first).to_be_in_viewport()
        expect(status).to_contain_text("Source passage for")
    else:  # a fabricated quote has no source passage, and the page says so
        expect(status).to_contain_text("No source passage corresponds")
    highlight = page.locator(f'#derived-text mark[data-f~="{index}"]').first
    expect(highlight).to_have_class(re.compile(r"\bis-current\b"))
    expect(highlight).to_be_in_viewport()
    page.screenshot(path=str(tmp_path / "demo-report.png"))

    # Clicking a highlight in the derived text selects its finding in the list.
    other = page.locator("#derived-text mark[data-f]").last
    other.click()
    selected = page.locator("li.finding.is-active")
    expect(selected).to_have_count(1)
    assert selected.get_attribute("data-f") in (other.get_attribute("data-f") or "").split()
    expect(selected).to_be_in_viewport()

    # Clicking a plain sentence shows the source passage it was matched to.
    sentence = page.locator("#derived-text span.al").first
    sentence.click()
    expect(sentence).to_have_class(re.compile(r"\bis-aligned\b"))
    ids = (sentence.get_attribute("data-a") or "").split()
    matched = page.locator(f'#source-text [data-a~="{ids[0]}"]')
    if matched.count():
        expect(matched.first).to_have_class(re.compile(r"\bis-aligned\b"))
        expect(matched.first).to_be_in_viewport()
        expect(status).to_contain_text("Matched source passage")
    else:
        expect(status).to_contain_text("Nothing in the source supports this sentence")

    # Filtering by a kind hides the other findings and their highlights.
    kind = critical.get_attribute("data-kind")
    page.select_option("#filter-kind", kind)
    shown = page.locator("li.finding:visible")
    expect(shown.first).to_be_visible()
    assert all(item.get_attribute("data-kind") == kind for item in shown.all())
    page.click("#filter-reset")
    expect(page.locator("li.finding:visible")).to_have_count(page.locator("li.finding").count())

    # The permalink survives in the recent list, and the page never left the server.
    page.goto(f"{server}/reports")
    expect(page.locator("table.recent a").first).to_be_visible()
    assert all(url.startswith(server) for url in watched.requests), watched.requests
    assert watched.errors == []
    print(f"screenshot: {tmp_path / 'demo-report.png'}")


def test_script_in_an_article_never_runs(server: str, watched: Watched) -> None:
    page = watched.page
    source = (
        "Lowmere council approves harbour plan\n\n"
        "Marta Quell, the deputy mayor, said the expansion could create 400 jobs.\n"
        "The council will vote again in May.\n"
    )
    derived = (
        f"Harbour plan {HOSTILE} approved\n\n"
        f"Marta Quell said the expansion will create 900 jobs. <script>alert('x')</script>\n"
        "The council will vote again in May.\n"
    )
    submit_pair(page, server, source, derived)
    # The markup is shown as text (kind labels may sit between its characters).
    shown = page.locator("#derived-text")
    expect(shown).to_contain_text("<script>alert(")
    expect(shown).to_contain_text('<img src=x onerror="window.__pwned=2">')
    assert page.evaluate("window.__pwned === undefined")
    assert page.title() != "pwned"
    assert watched.dialogs == []
    assert page.locator("script").count() == 1  # the report's own


def test_report_file_is_self_contained_and_inert(watched: Watched, tmp_path: Path) -> None:
    """The HTML report opened from disk: it works offline and planted markup stays text."""
    report_file = tmp_path / "report.html"
    report_file.write_text(render_html(hostile_report()), encoding="utf-8")
    page = watched.page
    page.goto(report_file.as_uri())
    assert page.evaluate("window.__pwned === undefined")
    assert watched.dialogs == []
    first = page.locator("li.finding").first
    first.click()
    expect(first).to_have_attribute("aria-expanded", "true")
    assert all(url.startswith("file://") for url in watched.requests), watched.requests
    assert watched.errors == []


def test_findings_list_sorts_worst_first_or_by_position(watched: Watched, tmp_path: Path) -> None:
    report_file = tmp_path / "report.html"
    report_file.write_text(render_html(hostile_report()), encoding="utf-8")
    page = watched.page
    page.goto(report_file.as_uri())
    rank = {"critical": 3, "major": 2, "minor": 1, "info": 0}
    items = page.locator("#findings > li.finding")

    def listed(attribute: str) -> list[str]:
        return [item.get_attribute(attribute) or "" for item in items.all()]

    worst = [rank[s] for s in listed("data-severity")]
    assert worst == sorted(worst, reverse=True) and worst[0] > worst[-1]
    page.select_option("#sort-order", "position")
    positions = [int(i) for i in listed("data-f")]
    assert positions == sorted(positions) and positions != [int(i) for i in listed("data-worst")]
    page.select_option("#sort-order", "worst")
    assert [int(i) for i in listed("data-worst")] == list(range(items.count()))
    items.first.click()  # moved items keep working
    expect(items.first).to_have_attribute("aria-expanded", "true")
    assert watched.errors == []
