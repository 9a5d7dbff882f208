"""Corpus mode, unit level: readers, discovery, direction, chains, store, report.

These run without the pipeline's models: the scan is driven by the fixture's fake auditor.
The end-to-end tests with the real ``check()`` are in test_corpus_scan.py.
"""

from __future__ import annotations

import gzip
import io
import json
import random
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from sourcetrace.corpus import ScanSettings, scan
from sourcetrace.corpus.direction import chain_path, closest_sources, decide
from sourcetrace.corpus.discover import (
    DiscoveryParams,
    Match,
    containment,
    discover,
    fingerprints,
    lsh_candidates,
    neighbour_candidates,
)
from sourcetrace.corpus.readers import Skips, parse_date, read_inputs
from sourcetrace.corpus.report import write_corpus_report
from sourcetrace.corpus.store import Store
from sourcetrace.errors import InputError
from test_corpus_fixtures import (
    EXPECTED_CLOSEST,
    audit_failing_on_chains,
    copy_edit,
    corpus_records,
    fake_audit,
    make_source,
    no_models,
    write_jsonl,
)

LEXICAL = DiscoveryParams(embedding="none")


# readers -----------------------------------------------------------------------------------
def test_jsonl_reader_skips_bad_records_with_counted_reasons(tmp_path: Path) -> None:
    good = make_source(random.Random(1))
    lines = [
        json.dumps({"id": "a", "text": good, "published": "2030-01-05T10:00:00Z", "lang": "en"}),
        "{not json",
        json.dumps({"id": "b", "text": "too short"}),
        json.dumps({"text": good}),
        json.dumps({"id": "c", "text": good, "lang": "de"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "a", "text": good}),
        "",
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    skips = Skips()
    entries = list(read_inputs([path], skips))
    assert [e.id for e in entries] == ["a"]
    assert entries[0].article.published == date(2030, 1, 5)
    assert skips.total == 6
    assert skips.reasons["line is not JSON"] == 1
    assert skips.reasons["language is not English"] == 1
    assert skips.reasons["duplicate id"] == 1
    assert all(line.startswith("skipped ") for line in skips.lines())


def test_folder_reader_reads_txt_and_html_with_outlet_from_subfolder(tmp_path: Path) -> None:
    text = make_source(random.Random(2))
    (tmp_path / "herald").mkdir()
    (tmp_path / "herald" / "one.txt").write_text(text, encoding="utf-8")
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n")[1:])
    html = (
        "<html><head><title>Council vote</title></head><body><nav>Home | Sport</nav>"
        f"<article><h1>Council vote</h1>{paragraphs}</article></body></html>"
    )
    (tmp_path / "two.html").write_text(html, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    skips = Skips()
    entries = {e.id: e.article for e in read_inputs([tmp_path], skips)}
    assert set(entries) == {"herald/one.txt", "two.html"}
    assert entries["herald/one.txt"].outlet == "herald"
    assert entries["two.html"].kind == "html"
    assert "Home | Sport" not in entries["two.html"].text
    assert skips.total == 1


def test_warc_reader_extracts_html_responses(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    text = make_source(random.Random(3))
    body = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    page = f"<html><head><title>T</title></head><body><article>{body}</article></body></html>"
    path = tmp_path / "news.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, content_type, payload in [
            ("https://example.org/news/1", "text/html; charset=utf-8", page.encode()),
            ("https://example.org/logo.png", "image/png", b"\x89PNG...."),
        ]:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=headers
            )
            writer.write_record(record)
    skips = Skips()
    entries = list(read_inputs([path], skips))
    assert [e.id for e in entries] == ["https://example.org/news/1"]
    assert entries[0].article.url == "https://example.org/news/1"
    assert "decision" in entries[0].article.text
    assert skips.reasons["WARC response is not HTML"] == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.jsonl", None, "no such file"),
        ("data.csv", b"a,b\n", "unknown input type"),
        ("broken.warc.gz", gzip.compress(b"this is not a warc record"), "not a WARC file"),
    ],
)
def test_bad_whole_input_is_one_input_error(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        list(read_inputs([path], Skips()))


def test_empty_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no \.txt or \.html"):
        list(read_inputs([tmp_path], Skips()))


def test_parse_date_accepts_iso_and_rejects_garbage() -> None:
    assert parse_date("2031-03-02") == date(2031, 3, 2)
    assert parse_date("2031-03-02T09:30:00+02:00") == date(2031, 3, 2)
    assert parse_date("not a date at all") is None
    assert parse_date(None) is None


# discovery ---------------------------------------------------------------------------------
def test_containment_is_asymmetric_for_a_summary() -> None:
    rng = random.Random(4)
    source = make_source(rng, sentences=20)
    summary = "\n\n".join(source.split("\n\n")[:3])
    prints = fingerprints([source, summary], 3)
    assert containment(prints[1].shingles, prints[0].shingles) == pytest.approx(1.0)
    assert containment(prints[0].shingles, prints[1].shingles) < 0.5


def test_lsh_finds_copies_and_not_unrelated_articles() -> None:
    rng = random.Random(5)
    sources = [make_source(rng) for _ in range(12)]
    copies = [copy_edit(sources[0], rng), copy_edit(sources[5], rng)]
    prints = fingerprints(sources + copies, 3)
    pairs = lsh_candidates(prints, threshold=0.3, num_perm=128)
    assert (0, 12) in pairs
    assert (5, 13) in pairs
    # The fixture's articles share sentence templates, yet few unrelated pairs collide.
    assert len(pairs - {(0, 12), (5, 13)}) <= 3


def test_neighbours_are_top_k_by_cosine_in_blocks() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(50, 16)).astype(np.float32)
    vectors[7] = vectors[3] + 0.01
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    small_blocks = neighbour_candidates(vectors, k=1, min_cosine=0.9, block=8)
    assert (3, 7) in small_blocks
    assert small_blocks == neighbour_candidates(vectors, k=1, min_cosine=0.9, block=1024)
    assert all(float(vectors[a] @ vectors[b]) >= 0.9 for a, b in small_blocks)


def test_discover_verifies_planted_pairs_only() -> None:
    records = corpus_records()
    ids = [r["id"] for r in records]
    found = discover([r["text"] for r in records], DiscoveryParams(), load_encoder=_encoder)
    pairs = {frozenset((ids[m.a], ids[m.b])) for m in found.matches}
    expected = {frozenset(p) for p in EXPECTED_CLOSEST} | {frozenset(("s1", "d2"))}
    assert pairs == expected
    by_pair = {frozenset((ids[m.a], ids[m.b])): m for m in found.matches}
    paraphrase = by_pair[frozenset(("s2", "p2"))]
    # The paraphrase shares few word triples but nearly all its content words.
    assert max(paraphrase.shingle_ab, paraphrase.shingle_ba) < 0.5
    assert max(paraphrase.terms_ab, paraphrase.terms_ba) > 0.9


@pytest.mark.parametrize("embedding", ["transformer", "none"])
def test_paraphrases_are_proposed_by_embeddings_or_rare_shingles(embedding: str) -> None:
    records = corpus_records()
    ids = [r["id"] for r in records]
    params = DiscoveryParams(embedding=embedding)  # type: ignore[arg-type]
    found = discover([r["text"] for r in records], params, load_encoder=_encoder)
    by_pair = {frozenset((ids[m.a], ids[m.b])): m for m in found.matches}
    assert frozenset(("s1", "d1")) in by_pair and frozenset(("d1", "d2")) in by_pair
    # The paraphrase shares few word triples, yet a few rare ones: the rare-shingle index
    # proposes it even without embeddings; with them, the neighbours do too.
    paraphrase = by_pair[frozenset(("s2", "p2"))]
    assert ("embedding" in paraphrase.via) == (embedding != "none")
    assert "shingles" in paraphrase.via


def _encoder():  # type: ignore[no-untyped-def]
    from sourcetrace.nlp import load_encoder

    return load_encoder()


# direction and chains ----------------------------------------------------------------------
def _match(a: int, b: int, ab: float, ba: float) -> Match:
    return Match(a, b, ab, ba, ab, ba, None, "lsh")


def test_direction_prefers_publication_dates_then_containment_then_length() -> None:
    params = DiscoveryParams()
    ids = ["x", "y"]
    dated = decide(
        _match(0, 1, 0.9, 0.4), [date(2030, 1, 2), date(2030, 1, 1)], [100, 300], ids, params
    )
    assert (dated.source, dated.derived, dated.basis) == (1, 0, "published")
    assert "2030-01-01 before 2030-01-02" in dated.evidence

    contained = decide(_match(0, 1, 0.9, 0.4), [None, None], [100, 300], ids, params)
    assert (contained.source, contained.derived, contained.basis) == (1, 0, "containment")
    assert "90%" in contained.evidence and "40%" in contained.evidence

    reverse = decide(_match(0, 1, 0.3, 0.95), [None, None], [300, 100], ids, params)
    assert (reverse.source, reverse.derived) == (0, 1)

    tie = decide(_match(0, 1, 0.8, 0.8), [None, None], [200, 200], ids, params)
    assert (tie.source, tie.derived, tie.basis) == (0, 1, "length")
    assert "undecided" in tie.evidence

    same_day = decide(_match(0, 1, 0.8, 0.8), [date(2030, 1, 1)] * 2, [300, 200], ids, params)
    assert (same_day.source, same_day.derived, same_day.basis) == (0, 1, "length")


def test_chains_pick_the_closest_source_and_never_cycle() -> None:
    params = DiscoveryParams()
    ids = ["a", "b", "c"]
    n_words = [300, 200, 150]
    edges = [
        decide(_match(0, 1, 0.6, 0.95), [None] * 3, n_words, ids, params),  # a -> b
        decide(_match(1, 2, 0.8, 0.97), [None] * 3, n_words, ids, params),  # b -> c
        decide(_match(0, 2, 0.5, 0.90), [None] * 3, n_words, ids, params),  # a -> c
    ]
    assert [(e.source, e.derived) for e in edges] == [(0, 1), (1, 2), (0, 2)]
    closest = closest_sources(edges)
    assert {d: e.source for d, e in closest.items()} == {1: 0, 2: 1}
    assert chain_path(2, closest) == [0, 1, 2]
    # A cycle a -> b -> c -> a: the weakest edge is left out.
    cyclic = [
        decide(_match(0, 1, 0.1, 0.9), [None] * 3, n_words, ids, params),
        decide(_match(1, 2, 0.1, 0.9), [None] * 3, n_words, ids, params),
        decide(_match(0, 2, 0.8, 0.1), [None] * 3, n_words, ids, params),  # c -> a
    ]
    assert [(e.source, e.derived) for e in cyclic] == [(0, 1), (1, 2), (2, 0)]
    chosen = closest_sources(cyclic)
    assert len(chosen) == 2
    for article in range(3):
        assert len(chain_path(article, chosen)) <= 3


# scan with a fake auditor ------------------------------------------------------------------
def _scan(tmp_path: Path, workers: int = 1, name: str = "r.duckdb") -> Path:
    source = tmp_path / "corpus.jsonl"
    if not source.exists():  # rewriting it would change the scan's fingerprint
        write_jsonl(corpus_records(), source)
    out = tmp_path / name
    scan(
        [source],
        out,
        ScanSettings(workers=workers),
        audit=fake_audit,
        load_models=no_models,
        load_encoder=_encoder,
    )
    return out


def _results(out: Path) -> tuple[set[tuple[str, str, str]], list[tuple[object, ...]]]:
    with Store(out, read_only=True) as store:
        pairs = {
            (s, d, role)
            for s, d, role in store.query("SELECT source_id, derived_id, role FROM pairs")
        }
        findings = store.query(
            "SELECT p.source_id, p.derived_id, f.n, f.kind, f.derived_start, f.derived_end "
            "FROM findings f JOIN pairs p USING (pair_id) ORDER BY ALL"
        )
    return pairs, findings


def test_scan_stores_pairs_chains_and_findings(tmp_path: Path) -> None:
    out = _scan(tmp_path)
    pairs, findings = _results(out)
    closest = {(s, d) for s, d, role in pairs if role == "closest"}
    assert closest == EXPECTED_CLOSEST
    assert ("s1", "d2", "indirect") in pairs
    with Store(out, read_only=True) as store:
        assert store.query("SELECT path FROM chains WHERE article_id = 'd2'") == [
            ('["s1", "d1", "d2"]',)
        ]
        assert store.counts()["work_done"] == len(EXPECTED_CLOSEST)
        evidence = dict(
            store.query("SELECT derived_id, direction_basis FROM pairs WHERE role = 'closest'")
        )
        assert evidence["d1"] == "published"
        assert evidence["p2"] in ("containment", "length")
    # The fake auditor flags every number of d1 and d2 that their source lacks.
    assert findings
    assert {kind for *_, kind, _s, _e in findings} == {"number_changed"}


def test_a_failing_pair_is_recorded_and_the_scan_goes_on(tmp_path: Path) -> None:
    corpus = write_jsonl(corpus_records(), tmp_path / "corpus.jsonl")
    out = tmp_path / "r.duckdb"
    summary = scan(
        [corpus], out, audit=audit_failing_on_chains, load_models=no_models, load_encoder=_encoder
    )
    assert (summary.audited, summary.failed) == (2, 1)
    with Store(out, read_only=True) as store:
        failed = store.query(
            "SELECT p.source_id, p.derived_id, w.error FROM work w JOIN pairs p USING (pair_id) "
            "WHERE w.status = 'failed'"
        )
    assert failed == [("d1", "d2", "RuntimeError: cannot audit this pair")]


def test_audit_limit_leaves_pairs_pending_for_the_next_run(tmp_path: Path) -> None:
    corpus = write_jsonl(corpus_records(), tmp_path / "corpus.jsonl")
    out = tmp_path / "r.duckdb"
    first = scan(
        [corpus],
        out,
        ScanSettings(audit_limit=1),
        audit=fake_audit,
        load_models=no_models,
        load_encoder=_encoder,
    )
    assert (first.audited, first.resumed) == (1, False)
    second = scan([corpus], out, audit=fake_audit, load_models=no_models, load_encoder=_encoder)
    assert (second.audited, second.resumed) == (len(EXPECTED_CLOSEST), True)
    assert _results(out) == _results(_scan(tmp_path, name="clean.duckdb"))


def test_local_processes_give_the_same_results_as_one_process(tmp_path: Path) -> None:
    one = _results(_scan(tmp_path, workers=1, name="one.duckdb"))
    two = _results(_scan(tmp_path, workers=2, name="two.duckdb"))
    assert one == two


def test_rescanning_a_finished_database_adds_nothing(tmp_path: Path) -> None:
    out = _scan(tmp_path)
    before = _results(out)
    _scan(tmp_path)
    assert _results(out) == before


def test_other_inputs_on_an_existing_database_are_refused(tmp_path: Path) -> None:
    out = _scan(tmp_path)
    other = write_jsonl(corpus_records(seed=99), tmp_path / "other.jsonl")
    with pytest.raises(InputError, match="holds a scan of other inputs"):
        scan([other], out, audit=fake_audit, load_models=no_models, load_encoder=_encoder)


def test_parquet_export_writes_every_table(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = _scan(tmp_path)
    with Store(out) as store:
        written = store.export_parquet(tmp_path / "pq")
        counts = store.counts()
    assert {p.stem for p in written} == {"articles", "pairs", "chains", "work", "findings"}
    for path in written:
        assert pq.read_table(path).num_rows == counts[path.stem]


def test_corpus_report_has_charts_tables_and_no_external_resources(tmp_path: Path) -> None:
    out = _scan(tmp_path)
    page = tmp_path / "site" / "corpus.html"
    written = write_corpus_report(out, page, worst=5)
    html = page.read_text(encoding="utf-8")
    assert written[0] == page
    assert html.count("<svg") >= 4
    assert "Quick Wire" in html and "Daily Relay" in html
    assert "s1 → d1 → d2" in html
    assert "number_changed" in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<script src" not in html
    # The fake auditor stores no JSON report, so no pair page is linked.
    assert len(written) == 1 and "no\nstored report" in html


def test_corpus_report_refuses_a_file_that_is_not_a_scan(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        write_corpus_report(tmp_path / "absent.duckdb", tmp_path / "r.html")
    import duckdb

    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    with pytest.raises(InputError, match="not a sourcetrace scan"):
        write_corpus_report(other, tmp_path / "r.html")
