"""Verify: one small, pure check per kind of change, registered in :data:`CHECKS`.

Each check is a function ``check(pair: AlignedPair) -> list[Finding]`` that reads the
documents' quotes, attributions and parses and the alignments; none re-parses text.
:func:`verify` runs them all and merges duplicates (the same kind on the same derived
span, an addition that a change finding already explains, or a minor finding inside a
critical one on the same passage).
"""

from __future__ import annotations

from collections.abc import Callable

from sourcetrace.model import AlignedPair, Finding, Severity
from sourcetrace.verify import (
    actors,
    additions,
    contradiction,
    entities,
    hedges,
    measures,
    misattribution,
    numbers,
    omission,
    polarity,
    predicates,
    quote_altered,
    quote_fabricated,
    quote_unmarked,
    scope,
    sourcing,
)

Check = Callable[[AlignedPair], list[Finding]]

CHECKS: tuple[Check, ...] = (
    quote_fabricated.check,
    quote_altered.check,
    quote_unmarked.check,
    misattribution.check,
    polarity.check,
    contradiction.check,
    hedges.check,
    sourcing.check,
    scope.check,
    numbers.check,
    measures.check,
    entities.check,
    actors.check,
    predicates.check,
    additions.check,
    omission.check,
)


def _merge(findings: list[Finding]) -> list[Finding]:
    """One finding per kind and derived span: the most severe, with the other reasons added."""
    merged: dict[tuple[str, int | None, int | None], Finding] = {}
    for finding in findings:
        span = finding.derived_span
        key = (finding.kind, span.start if span else None, span.end if span else None)
        if span is None and finding.source_span is not None:
            key = (finding.kind, -finding.source_span.start, -finding.source_span.end)
        kept = merged.get(key)
        if kept is None:
            merged[key] = finding
            continue
        if finding.severity.rank > kept.severity.rank:
            finding.reason = f"{finding.reason}; {kept.reason}"
            merged[key] = finding
        elif finding.reason not in kept.reason:
            kept.reason = f"{kept.reason}; {finding.reason}"
    return list(merged.values())


# Findings that name a changed detail with its source counterpart. An unsupported addition
# that lies mostly inside one of these is the same change told twice (a date that was changed
# is also "not in the source"), so the addition is dropped.
CHANGE_KINDS = frozenset({"number_changed", "entity_changed", "predicate_changed"})


def _drop_explained_additions(findings: list[Finding]) -> list[Finding]:
    changes = [
        f.derived_span
        for f in findings
        if f.kind in CHANGE_KINDS and f.derived_span is not None and f.source_span is not None
    ]
    return [
        f
        for f in findings
        if not (
            f.kind == "unsupported_addition"
            and f.derived_span is not None
            and any(2 * change.overlap(f.derived_span) >= len(f.derived_span) for change in changes)
        )
    ]


def _same_passage(minor: Finding, critical: Finding) -> bool:
    """``minor`` lies inside ``critical``'s derived span and draws on the same source."""
    inner, outer = minor.derived_span, critical.derived_span
    if inner is None or outer is None or not outer.contains(inner):
        return False
    if minor.source_span is None or critical.source_span is None:
        return True
    return minor.source_span.overlaps(critical.source_span)


def _drop_restated_minor(findings: list[Finding]) -> list[Finding]:
    """A minor or info finding inside a critical one on the same passage says it twice.

    A quote whose claim the source denied (critical polarity flip) also has "altered" words;
    the reader needs the critical finding, whose span already covers the minor one's.
    """
    critical = [f for f in findings if f.severity is Severity.critical]
    return [
        f
        for f in findings
        if f.severity.rank > Severity.minor.rank
        or not any(c is not f and _same_passage(f, c) for c in critical)
    ]


def _in_boilerplate(pair: AlignedPair, finding: Finding) -> bool:
    span = finding.derived_span
    return span is not None and any(b.contains(span) for b in pair.derived.boilerplate)


def _drop_nested_same_kind(findings: list[Finding]) -> list[Finding]:
    """One finding per change: a finding whose derived and source spans both lie inside
    those of another finding of the same kind and severity (two checks of one kind reporting
    the quote and its speaker tag, say) is the same change told twice."""

    def nested(inner: Finding, outer: Finding) -> bool:
        return (
            inner is not outer
            and inner.kind == outer.kind
            and inner.severity is outer.severity
            and inner.derived_span is not None
            and outer.derived_span is not None
            and inner.source_span is not None
            and outer.source_span is not None
            and outer.derived_span.contains(inner.derived_span)
            and outer.source_span.contains(inner.source_span)
            and (inner.derived_span, inner.source_span) != (outer.derived_span, outer.source_span)
        )

    return [f for f in findings if not any(nested(f, other) for other in findings)]


def verify(pair: AlignedPair, checks: tuple[Check, ...] = CHECKS) -> list[Finding]:
    """Every finding of every check, merged, in derived-text order (omissions last)."""
    found = [f for check in checks for f in check(pair) if not _in_boilerplate(pair, f)]
    return sorted(
        _drop_nested_same_kind(_drop_restated_minor(_drop_explained_additions(_merge(found)))),
        key=lambda f: (
            f.derived_span is None,
            f.derived_span.start if f.derived_span else 0,
            -f.severity.rank,
            f.source_span.start if f.source_span else 0,
        ),
    )
