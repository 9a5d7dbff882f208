"""An incomplete source (an excerpt cut off mid-sentence, or much shorter than the rewrite)
makes findings that rest on its missing part less certain. Fictional texts."""

from __future__ import annotations

from sourcetrace.ingest import from_text
from sourcetrace.model import Finding, Report, Severity
from sourcetrace.pipeline import check
from sourcetrace.report.json import report_schema, report_to_dict

OPENING = (
    "The harbour master, Ada Lind, spoke on Monday about the new pier. "
    "The pier will open to ferries in April, Lind said. "
    "Work on the breakwater is two weeks behind schedule, the port authority said. "
)
LATER = (
    '"We will close the old lighthouse next spring and move the museum," Lind said. '
    "The town council will vote on the museum's new site in the autumn."
)


def audit(source: str, derived: str) -> Report:
    return check(from_text(source), from_text(derived))


def of_kind(report: Report, kind: str) -> list[Finding]:
    return [f for f in report.findings if f.kind == kind]


def test_complete_source_has_no_gap_and_keeps_critical_quote() -> None:
    report = audit(OPENING + "The ferry company welcomed the plan.", OPENING + LATER)
    assert report.source_gap is None
    fabricated = of_kind(report, "quote_fabricated")
    assert fabricated and fabricated[0].severity is Severity.critical


def test_source_cut_mid_sentence_is_reported_once() -> None:
    report = audit(OPENING + "The ferry company welcomed the pl", OPENING + LATER)
    gap = report.source_gap
    assert gap is not None and "mid-sentence" in gap.reason
    assert gap.source_end == len(report.source.text.rstrip())
    data = report_to_dict(report)
    assert data["source_gap"]["reason"] == gap.reason
    import jsonschema

    from sourcetrace.report.html import render_html
    from sourcetrace.report.markdown import render_markdown

    jsonschema.validate(data, report_schema())
    assert render_markdown(data).count("Source looks incomplete") == 1
    assert render_html(data).count("source looks incomplete") == 1


def test_quote_beyond_an_incomplete_source_is_at_most_major() -> None:
    report = audit(OPENING + "The ferry company welcomed the pl", OPENING + LATER)
    fabricated = of_kind(report, "quote_fabricated")
    assert fabricated
    assert all(f.severity is Severity.major for f in fabricated)
    assert all("incomplete" in f.reason for f in fabricated)


def test_addition_after_the_end_of_an_incomplete_source_is_info() -> None:
    report = audit(OPENING + "The ferry company welcomed the pl", OPENING + LATER)
    gap = report.source_gap
    assert gap is not None and gap.derived_from is not None
    late = [
        f
        for f in of_kind(report, "unsupported_addition")
        if f.derived_span is not None and f.derived_span.start >= gap.derived_from
    ]
    assert late and all(f.severity is Severity.info for f in late)
    assert all("missing" in f.reason for f in late)


def test_much_shorter_source_is_incomplete() -> None:
    report = audit(
        "The pier will open to ferries in April, Lind said.",
        OPENING + LATER + " The museum has drawn more visitors every year since it opened.",
    )
    assert report.source_gap is not None and "shorter" in report.source_gap.reason
