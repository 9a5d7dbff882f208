"""The faithfulness score of a derived article: one number in [0, 1] per audited pair.

It is the share of the derived article's claims that its source supports, weighted by how
badly the findings on each claim change it (docs/faithfulness.md has the worked rules)::

    faithfulness = sum(length_i * support_i) / sum(length_i)

over the derived claim segments ``i`` (the report's alignments: sentences and the title;
headings and boilerplate are never aligned, and characters of in-text boilerplate such as a
dateline are left out of ``length_i``), where

- ``support_i = 0`` when nothing in the source supports segment ``i`` (it has no source);
- otherwise ``support_i`` is the product of ``1 - weight(severity)`` over the findings whose
  derived span touches the segment, with the weights of
  :data:`sourcetrace.verify.severity.FAITHFULNESS_WEIGHTS`.

Omissions (findings with no derived span) do not enter it: the score is about what the
derived article says, and what it leaves out is reported as per-speaker coverage. A derived
article with no claim segment has no score (``None``).
"""

from __future__ import annotations

from collections.abc import Iterable

from sourcetrace.model import Alignment, Finding, Span
from sourcetrace.verify.severity import FAITHFULNESS_WEIGHTS


def touches(finding_span: Span, segment: Span) -> bool:
    """Whether a finding's derived span lies (at least partly) in a segment.

    An empty span (an insertion point) touches the segment it sits in.
    """
    if len(finding_span) == 0:
        return segment.start <= finding_span.start < segment.end
    return finding_span.overlaps(segment)


def claim_support(alignment: Alignment, findings: Iterable[Finding]) -> float:
    """How much of one derived segment the source supports, in [0, 1].

    0 without a source; else each finding on the segment keeps ``1 - weight`` of it, so every
    further problem lowers it and one critical finding takes it to 0.
    """
    if not alignment.supported:
        return 0.0
    support = 1.0
    for finding in findings:
        if finding.derived_span is not None and touches(finding.derived_span, alignment.derived):
            support *= 1.0 - FAITHFULNESS_WEIGHTS[finding.severity]
    return support


def claim_length(segment: Span, boilerplate: Iterable[Span]) -> int:
    """The segment's length in characters, without those inside boilerplate spans."""
    covered: set[int] = set()
    for span in boilerplate:
        start, end = max(span.start, segment.start), min(span.end, segment.end)
        covered.update(range(start, end))
    return len(segment) - len(covered)


def faithfulness(
    alignments: Iterable[Alignment],
    findings: Iterable[Finding],
    boilerplate: Iterable[Span] = (),
) -> float | None:
    """The length-weighted mean of :func:`claim_support` over the derived claim segments.

    ``boilerplate`` lists the derived text's boilerplate spans (excluded from the lengths).
    None when no segment has any length left (an empty derived article claims nothing).
    """
    on_derived = [f for f in findings if f.derived_span is not None]
    excluded = list(boilerplate)
    total = 0.0
    supported = 0.0
    for alignment in alignments:
        length = claim_length(alignment.derived, excluded)
        if length <= 0:
            continue
        total += length
        supported += length * claim_support(alignment, on_derived)
    if total == 0:
        return None
    return supported / total
