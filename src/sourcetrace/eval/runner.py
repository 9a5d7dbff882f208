"""Running the pipeline over gold pairs, and showing the scores.

:func:`evaluate_gold` is what ``sourcetrace eval GOLD.json...`` does: load each gold pair,
run :func:`sourcetrace.pipeline.check` on its two articles, score the report and add the
scores up. :func:`format_scores` and :func:`errors_markdown` turn the result into the table
and the error list a person reads; :meth:`EvalResult.to_dict` is the machine form.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sourcetrace.eval.gold import GoldPair, load_gold
from sourcetrace.eval.matching import (
    SEVERITY_ORDER,
    Counts,
    EvalResult,
    merge_results,
    score_report,
)
from sourcetrace.model import FINDING_KINDS


def evaluate_pair(gold: GoldPair, models: Any = None) -> EvalResult:
    """Run the pipeline on one gold pair's articles and score the report."""
    from sourcetrace.pipeline import check

    return score_report(check(gold.source, gold.derived, models=models), gold)


def evaluate_gold(
    paths: Sequence[Path], texts_dir: Path | None = None, models: Any = None
) -> list[EvalResult]:
    """Score the pipeline on every gold file (each file loaded and checked in turn)."""
    return [evaluate_pair(load_gold(Path(path), texts_dir), models) for path in paths]


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _counts_row(name: str, counts: Counts) -> str:
    return (
        f"{name:22}{counts.correct:>4}/{counts.predicted:<4}{_figure(counts.precision):>7}"
        f"{counts.found:>6}/{counts.gold:<4}{_figure(counts.recall):>7}{_figure(counts.f1):>7}"
    )


def format_scores(result: EvalResult) -> str:
    """Per-kind and overall P/R/F1, recall by severity and the false alarms, as plain text."""
    title = f"{result.pair_id}" if result.pairs == 1 else f"{result.pairs} gold pairs"
    lines = [
        f"Findings against gold: {title}",
        f"{'kind':22}{'correct':>9}{'P':>7}{'found':>11}{'R':>7}{'F1':>7}",
    ]
    for kind in FINDING_KINDS:
        counts = result.per_kind.get(kind)
        if counts is not None and (counts.predicted or counts.gold):
            lines.append(_counts_row(kind, counts))
    lines.append(_counts_row("overall", result.overall))
    lines.append("")
    lines.append("Recall by gold severity")
    for severity in SEVERITY_ORDER:
        counts = result.by_severity.get(severity)
        if counts is not None and counts.gold:
            lines.append(
                f"{severity:22}{counts.found:>4}/{counts.gold:<4}{_figure(counts.recall):>7}"
            )
    lines.append("")
    lines.append(
        f"False alarms (major/critical findings where gold expects none): "
        f"{len(result.false_alarms)}"
    )
    for alarm in result.false_alarms:
        shown = (alarm.derived_text or alarm.source_text or "").replace("\n", " ")
        if len(shown) > 90:
            shown = shown[:87] + "..."
        lines.append(
            f"  [{alarm.pair_id}] {alarm.finding.severity.value} {alarm.finding.kind}: "
            f"{shown!r} ({alarm.why})"
        )
    return "\n".join(lines)


def _quoted(text: str | None) -> str:
    if text is None:
        return "_(none)_"
    return "\n".join("> " + line for line in text.splitlines() or [""])


def errors_markdown(result: EvalResult) -> str:
    """The missed gold items and the false alarms, each with both texts, as Markdown."""
    parts = [
        f"# Evaluation errors ({result.pairs} pair{'s' if result.pairs != 1 else ''})",
        "",
        f"## Missed gold items ({len(result.missed)})",
        "",
    ]
    for missed in result.missed:
        item = missed.item
        parts += [
            f"### {missed.pair_id} {item.id}: {', '.join(item.kinds)} ({item.severity.value})",
            "",
            f"Speaker: {item.speaker or '-'}; in quote: {'yes' if item.in_quote else 'no'}",
            "",
            "Derived:",
            "",
            _quoted(item.derived_text),
            "",
            "Source:",
            "",
            _quoted(item.source_text),
            "",
        ]
        if item.note:
            parts += [f"Note: {item.note}", ""]
    parts += [f"## False alarms ({len(result.false_alarms)})", ""]
    for number, alarm in enumerate(result.false_alarms, start=1):
        finding = alarm.finding
        parts += [
            f"### {alarm.pair_id} #{number}: {finding.kind} ({finding.severity.value}), "
            f"{alarm.why}",
            "",
            f"Reason given: {finding.reason}",
            "",
            "Derived:",
            "",
            _quoted(alarm.derived_text),
            "",
            "Source:",
            "",
            _quoted(alarm.source_text),
            "",
        ]
    return "\n".join(parts).rstrip() + "\n"


def combined(results: Sequence[EvalResult]) -> EvalResult:
    """One result for all pairs (a single pair is returned as it is)."""
    return results[0] if len(results) == 1 else merge_results(results)
