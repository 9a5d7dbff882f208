"""Scoring a report against a gold pair: span matching, P/R/F1, recall by severity, false alarms.

The rule (also in ``docs/evaluation.md``):

* A finding **matches** a gold item when their spans overlap by at least
  :data:`MIN_OVERLAP_SHARE` of the shorter span and the finding's kind is one of the item's
  ``kinds``. Derived spans are compared; when either side has no derived span (omissions),
  source spans are compared instead.
* **Precision** counts findings: a finding that matches no gold item is a false positive.
  **Recall** counts gold items, each found at most once however many findings match it.
  Per kind, precision is bucketed by the finding's kind and recall by the item's first
  (primary) kind; a gold item listing several kinds is found by any of them.
* A **false alarm** is a major or critical finding that matches no gold item and either lies
  outside every gold item's span or overlaps a ``faithful`` / ``no_finding`` passage.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sourcetrace.errors import InputError
from sourcetrace.eval.gold import GoldItem, GoldPair, GoldRegion
from sourcetrace.model import Finding, Report, Severity, Span

# Generous on purpose: gold spans are a reader's phrase, findings are often whole clauses or
# sentences; 30% of the shorter span means "about the same passage" without demanding that
# both sides cut the passage at the same words.
MIN_OVERLAP_SHARE = 0.3

SEVERITY_ORDER = ("critical", "major", "minor", "info")


def overlap_share(a: Span, b: Span) -> float:
    """Characters shared by ``a`` and ``b`` as a share of the shorter one (0 for empty spans)."""
    shorter = min(len(a), len(b))
    if shorter == 0:
        return 0.0
    return a.overlap(b) / shorter


def spans_agree(a: Span | None, b: Span | None) -> bool:
    """Whether two spans cover about the same passage (see :data:`MIN_OVERLAP_SHARE`)."""
    if a is None or b is None:
        return False
    return overlap_share(a, b) >= MIN_OVERLAP_SHARE


def same_place(finding: Finding, derived: Span | None, source: Span | None) -> bool:
    """Whether ``finding`` points at the passage given by ``derived`` / ``source`` spans.

    Derived spans decide when both sides have one; otherwise (omissions) source spans do.
    """
    if finding.derived_span is not None and derived is not None:
        return spans_agree(finding.derived_span, derived)
    return spans_agree(finding.source_span, source)


def finding_matches(finding: Finding, item: GoldItem) -> bool:
    """The matching rule: same passage and an accepted kind."""
    return finding.kind in item.kinds and same_place(finding, item.derived_span, item.source_span)


@dataclass
class Counts:
    """Counts behind precision and recall; they add up across pairs."""

    predicted: int = 0  # findings
    correct: int = 0  # findings that match a gold item
    gold: int = 0  # gold items
    found: int = 0  # gold items matched by at least one finding

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        precision, recall = self.precision, self.recall
        if precision is None or recall is None:
            return None
        if precision + recall == 0:
            return 0.0
        return 2 * precision * recall / (precision + recall)

    def add(self, other: Counts) -> None:
        self.predicted += other.predicted
        self.correct += other.correct
        self.gold += other.gold
        self.found += other.found

    def to_dict(self) -> dict[str, Any]:
        return {
            "predicted": self.predicted,
            "correct": self.correct,
            "gold": self.gold,
            "found": self.found,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class Missed:
    """A gold item no finding matched."""

    pair_id: str
    item: GoldItem

    def to_dict(self) -> dict[str, Any]:
        return {
            "pair_id": self.pair_id,
            "id": self.item.id,
            "kinds": list(self.item.kinds),
            "severity": self.item.severity.value,
            "speaker": self.item.speaker,
            "derived_text": self.item.derived_text,
            "source_text": self.item.source_text,
            "note": self.item.note,
        }


@dataclass
class FalseAlarm:
    """A major or critical finding where the gold expects none."""

    pair_id: str
    finding: Finding
    derived_text: str | None
    source_text: str | None
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "pair_id": self.pair_id,
            "kind": self.finding.kind,
            "severity": self.finding.severity.value,
            "speaker": self.finding.speaker,
            "reason": self.finding.reason,
            "derived_span": _span_list(self.finding.derived_span),
            "source_span": _span_list(self.finding.source_span),
            "derived_text": self.derived_text,
            "source_text": self.source_text,
            "why": self.why,
        }


@dataclass
class EvalResult:
    """The score of one report (or, merged, of several) against gold."""

    pair_id: str
    overall: Counts = field(default_factory=Counts)
    per_kind: dict[str, Counts] = field(default_factory=dict)
    by_severity: dict[str, Counts] = field(default_factory=dict)
    missed: list[Missed] = field(default_factory=list)
    false_alarms: list[FalseAlarm] = field(default_factory=list)
    # (pair_id, gold item id, index of the matching finding in report.findings)
    matches: list[tuple[str, str, int]] = field(default_factory=list)
    pairs: int = 1

    def kind(self, name: str) -> Counts:
        return self.per_kind.setdefault(name, Counts())

    def severity(self, name: str) -> Counts:
        return self.by_severity.setdefault(name, Counts())

    def to_dict(self) -> dict[str, Any]:
        return {
            "pair_id": self.pair_id,
            "pairs": self.pairs,
            "overall": self.overall.to_dict(),
            "per_kind": {k: c.to_dict() for k, c in sorted(self.per_kind.items())},
            "recall_by_severity": {
                s: self.by_severity[s].to_dict() for s in SEVERITY_ORDER if s in self.by_severity
            },
            "false_alarms": [alarm.to_dict() for alarm in self.false_alarms],
            "missed": [missed.to_dict() for missed in self.missed],
            "matches": [
                {"pair_id": p, "gold_id": g, "finding": index} for p, g, index in self.matches
            ],
        }


def _span_list(span: Span | None) -> list[int] | None:
    return span.to_list() if span is not None else None


def _text(text: str, span: Span | None) -> str | None:
    return span.of(text) if span is not None else None


def _in_region(finding: Finding, regions: Iterable[GoldRegion]) -> GoldRegion | None:
    for region in regions:
        if same_place(finding, region.derived_span, region.source_span):
            return region
    return None


def check_same_texts(report: Report, gold: GoldPair) -> None:
    """Offsets only compare when the report was made from the gold pair's exact texts."""
    if report.source.text != gold.source.text or report.derived.text != gold.derived.text:
        raise InputError(
            f"gold pair {gold.pair_id}: the report was made from other texts than the gold "
            "pair's articles, so their offsets cannot be compared"
        )


def score_findings(
    findings: Sequence[Finding],
    gold: GoldPair,
) -> EvalResult:
    """Score ``findings`` (with offsets into the gold pair's articles) against ``gold``."""
    result = EvalResult(pair_id=gold.pair_id)
    source_text, derived_text = gold.source.text, gold.derived.text

    found_items: set[str] = set()
    for index, finding in enumerate(findings):
        hits = [item for item in gold.items if finding_matches(finding, item)]
        correct = bool(hits)
        for bucket in (result.overall, result.kind(finding.kind)):
            bucket.predicted += 1
            bucket.correct += int(correct)
        for item in hits:
            result.matches.append((gold.pair_id, item.id, index))
            found_items.add(item.id)
        if correct or finding.severity.rank < Severity.major.rank:
            continue
        region = _in_region(finding, gold.faithful)
        why = "overlaps a faithful rendering" if region else ""
        if region is None:
            region = _in_region(finding, gold.no_finding)
            why = "overlaps a passage where no finding belongs" if region else ""
        if region is None and not any(
            same_place(finding, item.derived_span, item.source_span) for item in gold.items
        ):
            why = "outside every gold span"
        if why:
            result.false_alarms.append(
                FalseAlarm(
                    pair_id=gold.pair_id,
                    finding=finding,
                    derived_text=_text(derived_text, finding.derived_span),
                    source_text=_text(source_text, finding.source_span),
                    why=why,
                )
            )

    for item in gold.items:
        found = item.id in found_items
        for bucket in (
            result.overall,
            result.kind(item.primary_kind),
            result.severity(item.severity.value),
        ):
            bucket.gold += 1
            bucket.found += int(found)
        if not found:
            result.missed.append(Missed(pair_id=gold.pair_id, item=item))
    return result


def score_report(report: Report, gold: GoldPair) -> EvalResult:
    """Score a pipeline report against its gold pair (see the module docstring for the rule)."""
    check_same_texts(report, gold)
    return score_findings(report.findings, gold)


def merge_results(results: Sequence[EvalResult], pair_id: str = "all") -> EvalResult:
    """Add up several pairs' scores (micro-averaged: counts are summed, then divided)."""
    merged = EvalResult(pair_id=pair_id, pairs=0)
    for result in results:
        merged.pairs += result.pairs
        merged.overall.add(result.overall)
        for name, counts in result.per_kind.items():
            merged.kind(name).add(counts)
        for name, counts in result.by_severity.items():
            merged.severity(name).add(counts)
        merged.missed.extend(result.missed)
        merged.false_alarms.extend(result.false_alarms)
        merged.matches.extend(result.matches)
    return merged
