"""``sourcetrace trace ARTICLE --corpus results.duckdb``: find an article's sources in a scan.

The corpus is the fictional one of test_corpus_fixtures, scanned in tmp_path with the fake
auditor; the traced articles are new texts written from its articles here.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.corpus import ScanSettings, scan
from sourcetrace.corpus.discover import DiscoveryParams
from sourcetrace.corpus.store import Store
from sourcetrace.corpus.trace import best_source, find_sources, load_corpus
from sourcetrace.model import Article
from test_corpus_fixtures import (
    copy_edit,
    corpus_records,
    fake_audit,
    make_source,
    no_models,
    write_jsonl,
)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("trace")
    records = corpus_records()
    corpus = write_jsonl(records, folder / "corpus.jsonl")
    out = folder / "scan.duckdb"
    scan(
        [corpus],
        out,
        ScanSettings(discovery=DiscoveryParams(embedding="none")),
        audit=fake_audit,
        load_models=no_models,
    )
    return out, {r["id"]: r["text"] for r in records}


def test_scan_stores_every_articles_sentence_features(scanned: tuple[Path, dict[str, str]]) -> None:
    out, texts = scanned
    from sourcetrace.corpus.passages import sentences

    with Store(out, read_only=True) as store:
        assert store.has_features()
        stored = store.features()
    assert set(stored) == set(texts)
    fresh = sentences(texts["s1"])
    assert (stored["s1"].spans == fresh.spans).all()
    assert (stored["s1"].pairs == fresh.pairs).all() and stored["s1"].count == fresh.count


def test_a_copy_is_traced_to_its_source_with_passage_evidence(
    scanned: tuple[Path, dict[str, str]],
) -> None:
    out, texts = scanned
    corpus = load_corpus(out)
    copy = copy_edit(texts["s2"], random.Random(3), keep=0.9)
    candidates, identical = find_sources(Article(text=copy), corpus, top=3)
    best = best_source(candidates)
    assert best is not None and best.id == "s2" and identical == []
    assert best.linked and best.derives
    assert best.evidence.longest_run >= 4 and best.evidence.links
    link = best.evidence.links[0]
    # The evidence points into both texts.
    assert copy[link.a.start : link.a.end].strip()
    assert texts["s2"][link.b.start : link.b.end].strip()


def test_an_excerpt_derives_from_the_longer_text_and_says_why(
    scanned: tuple[Path, dict[str, str]],
) -> None:
    out, texts = scanned
    source = texts["u1"]
    cut = source.rfind(" ", 0, int(len(source) * 0.6))
    candidates, _ = find_sources(Article(text=source[:cut] + "\n\nRead more"), load_corpus(out))
    best = best_source(candidates)
    assert best is not None and best.id == "u1"
    assert best.basis == "excerpt"


def test_an_unrelated_article_has_no_source(scanned: tuple[Path, dict[str, str]]) -> None:
    out, _ = scanned
    other = make_source(random.Random(99))
    candidates, _ = find_sources(Article(text=other), load_corpus(out))
    assert best_source(candidates) is None
    assert not any(c.linked for c in candidates)


def test_an_article_of_the_corpus_is_not_its_own_source(
    scanned: tuple[Path, dict[str, str]],
) -> None:
    out, texts = scanned
    candidates, identical = find_sources(Article(text=texts["u2"]), load_corpus(out))
    assert identical == ["u2"]
    assert all(c.id != "u2" for c in candidates)


def test_trace_cli_bad_corpus_is_one_line(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Some words here that make a sentence of enough length.\n")
    result = CliRunner().invoke(app, ["trace", str(article), "--corpus", str(tmp_path / "no.db")])
    assert result.exit_code == 2
    assert "no such results database" in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_trace_cli_ranks_sources_and_audits_the_best(
    scanned: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    out, texts = scanned
    article = tmp_path / "copy.txt"
    article.write_text(copy_edit(texts["s2"], random.Random(5), keep=0.9), encoding="utf-8")
    runner = CliRunner()
    as_json = runner.invoke(app, ["trace", str(article), "--corpus", str(out), "-f", "json"])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.output)
    assert data["source"] == "s2"
    first = data["candidates"][0]
    assert first["id"] == "s2" and first["linked"] and first["derives"]
    assert first["longest_run"] >= 4 and first["passages"][0]["candidate_text"]
    assert data["report"]["source"]["text"] == texts["s2"]
    text_file = tmp_path / "trace.txt"
    as_text = runner.invoke(
        app, ["trace", str(article), "--corpus", str(out), "--top", "2", "-o", str(text_file)]
    )
    assert as_text.exit_code == 0, as_text.output
    written = text_file.read_text(encoding="utf-8")
    assert "source: s2" in written and "longest run in order" in written
    assert "sourcetrace:" in written  # the audit's terminal report follows
    page = tmp_path / "trace.html"
    as_html = runner.invoke(
        app, ["trace", str(article), "--corpus", str(out), "-f", "html", "-o", str(page)]
    )
    assert as_html.exit_code == 0, as_html.output
    assert "Sources in the corpus" in page.read_text(encoding="utf-8")


# --- the web app: serve --corpus ------------------------------------------------------------


def _traced_app(tmp_path: Path, corpus: Path | None) -> tuple[Any, list[tuple[Article, Article]]]:
    from fastapi.testclient import TestClient

    from fictional_report import fictional_report
    from sourcetrace.server import create_app

    calls: list[tuple[Article, Article]] = []

    def checker(source: Article, derived: Article) -> dict[str, Any]:
        calls.append((source, derived))
        return fictional_report()

    app = create_app(tmp_path / "reports.db", checker=checker, corpus=corpus)
    return TestClient(app), calls


def test_the_app_finds_a_source_in_its_corpus_and_links_the_audit(
    scanned: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    out, texts = scanned
    copy = copy_edit(texts["s2"], random.Random(5), keep=0.9)
    client, calls = _traced_app(tmp_path, out)
    with client:
        assert "/trace" in client.get("/").text
        assert client.get("/trace").status_code == 200
        page = client.post("/trace", data={"article_text": copy})
        assert page.status_code == 200
        link = re.search(r'id="audit-link" href="(/r/[\w-]+)"', page.text)
        assert link and "Source: s2" in page.text and "longest run in order" in page.text
        assert client.get(link.group(1)).status_code == 200
        api = client.post("/api/trace", json={"article": copy, "top": 2})
        assert api.status_code == 200
        data = api.json()
        assert data["source"] == "s2" and len(data["candidates"]) <= 2
        assert data["candidates"][0]["passages"]
        assert client.get(f"/api/reports/{data['report_id']}").status_code == 200
        unrelated = client.post("/api/trace", json={"article": make_source(random.Random(99))})
        assert unrelated.json()["source"] is None and unrelated.json()["report_id"] is None
        empty = client.post("/trace", data={"article_text": "  "})
        assert empty.status_code == 400 and "empty" in empty.text
    # The audit compared the pasted article (derived) with the corpus source.
    assert calls[0][0].text == texts["s2"] and calls[0][1].text == copy


def test_without_a_corpus_trace_is_not_found(tmp_path: Path) -> None:
    client, _ = _traced_app(tmp_path, None)
    with client:
        assert client.get("/trace").status_code == 404
        answer = client.post("/api/trace", json={"article": "Some text."})
        assert answer.status_code == 404 and "no corpus" in answer.json()["error"]
        assert "/trace" not in client.get("/").text
