"""The faithfulness score: the severity-weighted share of derived claims the source supports.

The rules are tested on hand-made alignments and findings (no models); the pipeline, the
report formats and the corpus database are tested for carrying the same number.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import lxml.html
import pytest

from fictional_report import fictional_report
from sourcetrace.corpus import ScanSettings, scan
from sourcetrace.corpus.engine import result_from_report
from sourcetrace.corpus.report import write_corpus_report
from sourcetrace.corpus.store import Store
from sourcetrace.model import Alignment, Article, Finding, Report, Severity, Span
from sourcetrace.report.html import render_html
from sourcetrace.report.json import report_schema, report_to_dict
from sourcetrace.report.markdown import render_markdown
from sourcetrace.report.terminal import render_terminal, summary_line
from sourcetrace.verify.faithfulness import claim_support, faithfulness
from sourcetrace.verify.severity import FAITHFULNESS_WEIGHTS
from test_corpus_fixtures import corpus_records, fake_audit, no_models, write_jsonl

# Three derived sentences of 40, 60 and 100 characters.
SEGMENTS = [Span(0, 40), Span(41, 101), Span(102, 202)]


def aligned(*unsupported: int) -> list[Alignment]:
    """One alignment per segment, supported except the segments numbered in ``unsupported``."""
    return [
        Alignment(
            span,
            [] if i in unsupported else [Span(i * 100, i * 100 + 50)],
            0.1 if i in unsupported else 0.9,
            0.5,
            0.5,
            "none" if i in unsupported else "both",
        )
        for i, span in enumerate(SEGMENTS)
    ]


def found(severity: Severity, derived: Span | None, kind: str = "number_changed") -> Finding:
    return Finding(kind, severity, "a reason", derived, None)


def test_a_faithful_copy_scores_one() -> None:
    assert faithfulness(aligned(), []) == 1.0


def test_one_critical_finding_lowers_it_more_than_one_major_than_one_minor() -> None:
    inside = Span(45, 55)  # in the second segment
    scores = {s: faithfulness(aligned(), [found(s, inside)]) for s in Severity}
    assert scores[Severity.info] == 1.0
    assert 1.0 > scores[Severity.minor] > scores[Severity.major] > scores[Severity.critical]
    # A critical finding takes its whole sentence: 60 of 200 characters.
    assert scores[Severity.critical] == pytest.approx(140 / 200)


def test_each_further_problem_lowers_it() -> None:
    first = found(Severity.minor, Span(45, 55))
    second = found(Severity.minor, Span(60, 70), kind="hedge_dropped")
    third = found(Severity.major, Span(110, 120))
    one = faithfulness(aligned(), [first])
    two = faithfulness(aligned(), [first, second])
    three = faithfulness(aligned(), [first, second, third])
    assert one is not None and two is not None and three is not None
    assert 1.0 > one > two > three > 0.0


def test_an_unsupported_sentence_counts_as_unsupported_by_its_length() -> None:
    assert faithfulness(aligned(2), []) == pytest.approx(100 / 200)
    assert faithfulness(aligned(0), []) == pytest.approx(160 / 200)
    # Its addition finding cannot take away more than the nothing it already has.
    addition = found(Severity.major, SEGMENTS[0], kind="unsupported_addition")
    assert faithfulness(aligned(0), [addition]) == pytest.approx(160 / 200)
    assert claim_support(aligned(0)[0], []) == 0.0


def test_omissions_do_not_change_it() -> None:
    omission = Finding("omission", Severity.major, "a voice left out", None, Span(0, 30))
    assert faithfulness(aligned(), [omission]) == 1.0


def test_a_finding_across_two_sentences_counts_in_both() -> None:
    across = found(Severity.critical, Span(30, 50))
    assert faithfulness(aligned(), [across]) == pytest.approx(100 / 200)


def test_boilerplate_is_left_out_and_no_claims_means_no_score() -> None:
    # The first sentence is all boilerplate: it no longer counts, supported or not.
    assert faithfulness(aligned(0), [], boilerplate=[Span(0, 40)]) == 1.0
    # Part of the third sentence is a dateline: only the rest weighs.
    critical = found(Severity.critical, Span(150, 160))
    assert faithfulness(aligned(), [critical], boilerplate=[Span(102, 152)]) == pytest.approx(
        100 / 150
    )
    assert faithfulness([], []) is None
    assert faithfulness(aligned(), [], boilerplate=[Span(0, 202)]) is None


def test_the_weights_follow_the_severity_order() -> None:
    ordered = sorted(Severity, key=lambda s: s.rank)
    weights = [FAITHFULNESS_WEIGHTS[s] for s in ordered]
    assert weights == sorted(weights) and weights[0] == 0.0 and weights[-1] == 1.0


# the pipeline ------------------------------------------------------------------------------
TEXT = (
    "The Tollbridge library will close its west wing for repairs in May, the director said.\n"
    "Readers can still borrow books from the main hall during the work.\n"
    "The repairs will cost about 80,000 crowns, according to the town's budget office.\n"
)
ADDED = "The west wing was built by volunteers after a flood destroyed the old reading room.\n"


@pytest.mark.slow
def test_identical_text_scores_one_and_an_addition_lowers_it() -> None:
    from sourcetrace.pipeline import check

    same = check(Article(TEXT), Article(TEXT))
    added = check(Article(TEXT), Article(TEXT + ADDED))
    assert same.faithfulness == 1.0
    assert added.faithfulness is not None and added.faithfulness < 1.0
    assert any(not a.supported for a in added.alignments)


def test_the_json_report_carries_it_and_follows_the_schema(demo_report: Report) -> None:
    data = report_to_dict(demo_report)
    jsonschema.validate(data, report_schema())
    score = demo_report.faithfulness
    assert score is not None and 0.0 <= score < 1.0  # the demo pair is distorted on purpose
    assert data["summary"]["faithfulness"] == round(score, 4)
    assert result_from_report(demo_report, None)["faithfulness"] == score


def test_the_schema_refuses_a_score_out_of_range(demo_report: Report) -> None:
    data = report_to_dict(demo_report)
    data["summary"]["faithfulness"] = 1.5
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, report_schema())


# the report formats ------------------------------------------------------------------------
def test_terminal_markdown_and_html_show_the_score() -> None:
    report = fictional_report()
    report["summary"]["faithfulness"] = 0.4375
    assert summary_line(report).endswith("worst first; faithfulness 0.44")
    assert render_terminal(report, width=100).splitlines()[1] == summary_line(report)
    assert "- **Faithfulness:** 0.44" in render_markdown(report)
    page = lxml.html.fromstring(render_html(report))
    (chip,) = page.xpath('//span[contains(@class, "faithfulness")]')
    assert " ".join(chip.text_content().split()) == "faithfulness 0.44"


def test_a_saved_report_without_a_score_renders_without_it() -> None:
    report = fictional_report()
    del report["summary"]["faithfulness"]
    assert "faithfulness" not in summary_line(report)
    assert "- **Faithfulness:** —" in render_markdown(report)
    assert not lxml.html.fromstring(render_html(report)).xpath(
        '//span[contains(@class, "faithfulness")]'
    )


# the corpus database -----------------------------------------------------------------------
def scored_audit(source: Article, derived: Article, models: Any) -> dict[str, Any]:
    """The fixture's fake auditor with a score: 1 less a tenth per finding (made up, to check
    storage; the real score comes from ``result_from_report``)."""
    result = fake_audit(source, derived, models)
    result["faithfulness"] = max(0.0, 1.0 - 0.1 * len(result["findings"]))
    return result


def _load_encoder():  # type: ignore[no-untyped-def]
    from sourcetrace.nlp import load_encoder

    return load_encoder()


def test_the_scan_stores_each_audited_pairs_score_and_the_report_sorts_by_it(
    tmp_path: Path,
) -> None:
    corpus = write_jsonl(corpus_records(), tmp_path / "corpus.jsonl")
    out = tmp_path / "r.duckdb"
    scan(
        [corpus],
        out,
        ScanSettings(),
        audit=scored_audit,
        load_models=no_models,
        load_encoder=_load_encoder,
    )
    with Store(out, read_only=True) as store:
        rows = store.query(
            "SELECT p.role, p.faithfulness, w.n_findings FROM pairs p "
            "LEFT JOIN work w USING (pair_id) ORDER BY p.pair_id"
        )
    closest = [(score, n) for role, score, n in rows if role == "closest"]
    assert closest and all(score == pytest.approx(max(0.0, 1 - 0.1 * n)) for score, n in closest)
    assert all(score is None for role, score, _ in rows if role != "closest")
    page = tmp_path / "corpus.html"
    write_corpus_report(out, page)
    table = lxml.html.fromstring(page.read_text(encoding="utf-8")).xpath(
        '//h2[.="Worst pairs"]/following::table[1]'
    )[0]
    shown = [float(cell.text) for cell in table.xpath(".//tbody/tr/td[5]")]
    assert shown and shown == sorted(shown)
    assert all(score < 1.0 for score in shown)


def test_a_database_from_before_the_score_gains_the_column_when_opened_for_writing(
    tmp_path: Path,
) -> None:
    import duckdb

    from sourcetrace.corpus.store import SCHEMA
    from sourcetrace.errors import InputError

    old = tmp_path / "old.duckdb"
    with duckdb.connect(str(old)) as db:
        db.execute(SCHEMA.split("-- Filled by the audit")[0])
        db.execute("INSERT INTO pairs (pair_id, source_id, derived_id, role, found_by) "
                   "VALUES (1, 'a', 'b', 'closest', 'lsh')")  # fmt: skip
    with pytest.raises(InputError, match="older sourcetrace"):
        Store(old, read_only=True)
    Store(old).close()  # a rescan opens it for writing
    with Store(old, read_only=True) as store:
        assert store.query("SELECT pair_id, faithfulness FROM pairs") == [(1, None)]
