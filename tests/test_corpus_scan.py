"""Corpus mode end to end: the real `sourcetrace scan` command with the real ``check()``.

* a clean scan stores the planted derivations, their findings and a corpus report with
  side-by-side pair pages;
* a scan killed with SIGKILL (during discovery, and again after some pairs are done) and
  rerun with the same command ends with exactly the clean scan's pairs and findings;
* the Ray engine (a local 2-CPU cluster) gives the same results as the local engine.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sourcetrace.corpus.store import Store
from test_corpus_fixtures import EXPECTED_CLOSEST, corpus_records, write_jsonl

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

Results = tuple[list[tuple[object, ...]], list[tuple[object, ...]]]


def _command(corpus: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "sourcetrace.cli", "scan", str(corpus), "--out", str(out), *extra]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    return env


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, capture_output=True, text=True, env=_env(), timeout=500)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def _results(out: Path) -> Results:
    """Pairs and findings in a form independent of timing (sorted, no timestamps)."""
    with Store(out, read_only=True) as store:
        pairs = store.query(
            "SELECT p.source_id, p.derived_id, p.role, p.direction_basis, w.status, w.n_findings "
            "FROM pairs p LEFT JOIN work w USING (pair_id) ORDER BY ALL"
        )
        findings = store.query(
            "SELECT p.source_id, p.derived_id, f.n, f.kind, f.severity, f.derived_start, "
            "f.derived_end, f.source_start, f.source_end, f.reason "
            "FROM findings f JOIN pairs p USING (pair_id) ORDER BY ALL"
        )
    return pairs, findings


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_jsonl(corpus_records(), tmp_path_factory.mktemp("corpus") / "corpus.jsonl")


@pytest.fixture(scope="module")
def clean(corpus: Path) -> tuple[Path, Results]:
    out = corpus.parent / "clean.duckdb"
    done = _run(_command(corpus, out))
    assert "audited: 3 pairs, 0 failed" in done.stdout
    return out, _results(out)


def test_clean_scan_audits_each_derived_article_against_its_closest_source(
    clean: tuple[Path, Results],
) -> None:
    _, (pairs, findings) = clean
    audited = {(s, d) for s, d, role, _b, status, _n in pairs if role == "closest"}
    assert audited == EXPECTED_CLOSEST
    assert all(status == "done" for *_, status, _n in pairs if status is not None)
    # d1 changes numbers of s1 (the fixture's copy edit), which check() reports.
    kinds_d1 = {kind for s, d, _n, kind, *_ in findings if (s, d) == ("s1", "d1")}
    assert "number_changed" in kinds_d1
    assert len(findings) == sum(n for *_, n in pairs if n is not None)


def test_corpus_report_links_side_by_side_reports(
    clean: tuple[Path, Results], tmp_path: Path
) -> None:
    out, _ = clean
    page = tmp_path / "report.html"
    done = subprocess.run(
        [sys.executable, "-m", "sourcetrace.cli", "corpus-report", str(out), "-o", str(page)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    html = page.read_text(encoding="utf-8")
    pair_pages = sorted((tmp_path / "report_pairs").glob("pair-*.html"))
    assert pair_pages
    for pair_page in pair_pages:
        assert f'href="report_pairs/{pair_page.name}"' in html
        assert 'href="../report.html"' in pair_page.read_text(encoding="utf-8")
    assert "<svg" in html


def _kill_when(command: list[str], marker: str) -> str:
    """Start a scan, SIGKILL it as soon as ``marker`` appears on its stderr; its stderr."""
    process = subprocess.Popen(
        command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=_env()
    )
    assert process.stderr is not None
    seen = []
    deadline = time.monotonic() + 400
    for line in process.stderr:
        seen.append(line)
        if marker in line:
            process.send_signal(signal.SIGKILL)
            break
        assert time.monotonic() < deadline, "scan did not reach the kill point"
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "".join(seen)[-2000:]
    return "".join(seen)


def test_killed_scan_resumes_to_the_clean_result(clean: tuple[Path, Results], corpus: Path) -> None:
    _, expected = clean
    out = corpus.parent / "killed.duckdb"
    command = _command(corpus, out)
    _kill_when(command, "discovering")
    _kill_when(command, "audited 1/3 pairs")
    with Store(out, read_only=True) as store:
        counts = store.counts()
    assert counts.get("work_done", 0) >= 1
    assert counts.get("work_pending", 0) >= 1, "the kill came too late to test resuming"
    # The rerun uses two worker processes: resuming must not depend on the engine's shape.
    done = _run([*command, "--workers", "2"])
    assert "resumed an earlier scan" in done.stdout
    assert _results(out) == expected


def test_ray_engine_gives_the_same_results_as_the_local_engine(
    clean: tuple[Path, Results], corpus: Path
) -> None:
    _, expected = clean
    out = corpus.parent / "ray.duckdb"
    _run([*_command(corpus, out), "--engine", "ray", "--workers", "2"])
    assert _results(out) == expected


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = subprocess.run(
        _command(tmp_path / "missing.jsonl", tmp_path / "out.duckdb"),
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert "no such file" in done.stderr
