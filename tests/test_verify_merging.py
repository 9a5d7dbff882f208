"""How verify() merges findings that restate one another (fictional spans, no texts needed)."""

from __future__ import annotations

from sourcetrace.model import Finding, Severity, Span
from sourcetrace.verify import _drop_nested_same_kind, _drop_restated_minor


def finding(
    kind: str, severity: Severity, derived: tuple[int, int], source: tuple[int, int] | None
) -> Finding:
    return Finding(
        kind=kind,
        severity=severity,
        reason=kind,
        derived_span=Span(*derived),
        source_span=Span(*source) if source else None,
    )


def test_minor_inside_a_critical_on_the_same_passage_is_dropped() -> None:
    flip = finding("polarity_flip", Severity.critical, (100, 160), (10, 90))
    altered = finding("quote_altered", Severity.minor, (101, 140), (40, 80))
    assert _drop_restated_minor([flip, altered]) == [flip]


def test_minor_from_another_source_passage_is_kept() -> None:
    flip = finding("polarity_flip", Severity.critical, (100, 160), (10, 90))
    elsewhere = finding("hedge_dropped", Severity.minor, (110, 150), (300, 360))
    assert _drop_restated_minor([flip, elsewhere]) == [flip, elsewhere]


def test_minor_reaching_outside_the_critical_span_is_kept() -> None:
    flip = finding("polarity_flip", Severity.critical, (100, 160), (10, 90))
    wider = finding("quote_altered", Severity.minor, (90, 170), (10, 90))
    assert _drop_restated_minor([flip, wider]) == [flip, wider]


def test_major_inside_a_critical_is_kept() -> None:
    flip = finding("polarity_flip", Severity.critical, (100, 160), (10, 90))
    major = finding("scope_changed", Severity.major, (120, 130), (20, 30))
    assert _drop_restated_minor([flip, major]) == [flip, major]


def test_same_kind_nested_in_both_texts_is_one_finding() -> None:
    # "X said" and "X" on one quote, both pointing into the same source quotation.
    tag = finding("misattribution", Severity.critical, (802, 813), (695, 767))
    name = finding("misattribution", Severity.critical, (802, 808), (704, 753))
    assert _drop_nested_same_kind([tag, name]) == [tag]


def test_same_kind_elsewhere_or_another_severity_is_kept() -> None:
    tag = finding("misattribution", Severity.critical, (802, 813), (695, 767))
    other_source = finding("misattribution", Severity.critical, (802, 808), (900, 950))
    milder = finding("misattribution", Severity.minor, (802, 808), (704, 753))
    kept = [tag, other_source, milder]
    assert _drop_nested_same_kind(kept) == kept
