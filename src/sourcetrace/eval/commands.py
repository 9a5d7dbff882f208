"""What ``sourcetrace eval`` does, kept out of the CLI so that the CLI stays a thin layer.

:func:`run_eval` evaluates any mix of gold files, PolNeAR, InSciOut and the one-table summary
(``make eval``) and the real-pair dev set (``--devset``, :mod:`.devset`), and returns the
text (or JSON) to print; ``--errors`` writes the Markdown
error list of the gold pairs.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sourcetrace.errors import InputError
from sourcetrace.eval.shared import shared_dir

SUMMARY_SYNTH_PAIRS = 22  # two rounds of the 11 distortions at 4 edits a pair
# The typed changes (measure, period, sourcing, ...) need material an article offers less
# often: every pair tries all seven, and 40 pairs give each about 15 instances or more.
SUMMARY_TYPED_PAIRS = 40


@dataclass
class EvalRequest:
    """The options of one ``sourcetrace eval`` run."""

    gold: Sequence[Path] = ()
    texts: Path | None = None
    errors: Path | None = None
    as_json: bool = False
    polnear: Path | None = None
    peer: str | None = None
    split: str = "dev"
    limit: int | None = None
    insciout: Path | None = None
    summary: bool = False
    synth_pairs: int = SUMMARY_SYNTH_PAIRS
    typed_pairs: int = SUMMARY_TYPED_PAIRS
    seed: int = 0
    devset: Path | None = None
    devset_cache: Path | None = None
    variants: str | None = None  # a folder of .txt texts, a PolNeAR folder, or "polnear"


def polnear_dict(result: Any) -> dict[str, Any]:
    """PolNeAR scores as plain JSON values."""

    def figures(scores: Any) -> dict[str, Any]:
        return {
            "gold": scores.gold,
            "predicted": scores.predicted,
            "exact_f1": scores.exact_f1,
            "overlap_precision": scores.overlap_precision,
            "overlap_recall": scores.overlap_recall,
            "overlap_f1": scores.overlap_f1,
            "source_accuracy": scores.source_accuracy,
            "source_recall": scores.source_recall,
        }

    return {
        "split": result.split,
        "articles": result.articles,
        "ours": {key: figures(s) for key, s in sorted(result.ours.items())},
        "peer": result.peer_name,
        "peer_scores": {key: figures(s) for key, s in sorted(result.peer.items())},
        "peer_failures": result.peer_failures,
    }


def write_text(path: Path, content: str) -> None:
    """Write a file whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(content, encoding="utf-8")
    partial.replace(path)


def _gold_section(request: EvalRequest, output: dict[str, Any], texts: list[str]) -> None:
    from sourcetrace.eval.runner import combined, errors_markdown, evaluate_gold, format_scores

    results = evaluate_gold(list(request.gold), request.texts)
    total = combined(results)
    output["gold"] = total.to_dict()
    if len(results) > 1:
        output["gold"]["by_pair"] = [r.to_dict() for r in results]
    texts.append(format_scores(total))
    if request.errors is not None:
        write_text(request.errors, errors_markdown(total))


def _devset_section(request: EvalRequest, output: dict[str, Any], texts: list[str]) -> None:
    from sourcetrace.eval.devset import cache_root, evaluate_devset, format_devset

    assert request.devset is not None
    result = evaluate_devset(request.devset, request.devset_cache or cache_root())
    output["devset"] = result.to_dict()
    texts.append(format_devset(result))


def _polnear_section(request: EvalRequest, output: dict[str, Any], texts: list[str]) -> None:
    from sourcetrace.eval.polnear import evaluate_polnear, format_polnear

    assert request.polnear is not None
    result = evaluate_polnear(
        request.polnear, split=request.split, peer=request.peer, limit=request.limit
    )
    output["polnear"] = polnear_dict(result)
    texts.append(format_polnear(result))


def _insciout_section(request: EvalRequest, output: dict[str, Any], texts: list[str]) -> None:
    from sourcetrace.eval.insciout import evaluate_insciout, format_insciout

    assert request.insciout is not None
    result = evaluate_insciout(request.insciout)
    output["insciout"] = result.to_dict()
    texts.append(format_insciout(result))


def _variants_section(request: EvalRequest, output: dict[str, Any], texts: list[str]) -> None:
    import sys

    from sourcetrace.eval.metamorphic import (
        evaluate_variants,
        format_variants,
        spread,
        variant_sources,
        variants_markdown,
    )

    assert request.variants is not None
    paths = spread(variant_sources(request.variants), request.limit)
    result = evaluate_variants(
        paths, seed=request.seed, progress=lambda line: print(line, file=sys.stderr)
    )
    output["variants"] = result.to_dict()
    texts.append(format_variants(result))
    if request.errors is not None:
        write_text(request.errors, variants_markdown(result))


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def summary(request: EvalRequest) -> tuple[dict[str, Any], str]:
    """Seed pair, PolNeAR dev, InSciOut and synthetic recall, in one table."""
    from sourcetrace.eval.gold import load_gold
    from sourcetrace.eval.insciout import evaluate_insciout
    from sourcetrace.eval.polnear import evaluate_polnear
    from sourcetrace.eval.runner import evaluate_pair
    from sourcetrace.synth import TYPED_KINDS
    from sourcetrace.synth.recall import synth_recall

    shared = shared_dir()
    rows: list[tuple[str, str, str, str]] = []  # benchmark, measure, sourcetrace, baseline
    output: dict[str, Any] = {"shared": str(shared) if shared else None}
    if shared is None:
        rows.append(("seed pair, PolNeAR, InSciOut", "not run: no ../shared folder", "", ""))
    else:
        seed_gold = shared / "seeds" / "gold.json"
        if seed_gold.is_file():
            result = evaluate_pair(load_gold(seed_gold))
            output["seed_pair"] = result.to_dict()
            overall = result.overall
            rows += [
                ("seed pair", "precision", _figure(overall.precision), ""),
                ("seed pair", "recall", _figure(overall.recall), ""),
                ("seed pair", "F1", _figure(overall.f1), ""),
                ("seed pair", "false alarms", str(len(result.false_alarms)), ""),
            ]
        polnear_root = shared / "data" / "polnear"
        if polnear_root.is_dir():
            peer = "textacy" if importlib.util.find_spec("textacy") else None
            polnear = evaluate_polnear(polnear_root, split="dev", peer=peer)
            output["polnear"] = polnear_dict(polnear)
            ours, theirs = polnear.ours["all"], polnear.peer.get("all")
            label = f"PolNeAR dev ({polnear.articles})"
            rows += [
                (
                    label,
                    "content overlap F1",
                    _figure(ours.overlap_f1),
                    f"{peer} {_figure(theirs.overlap_f1)}" if theirs else "",
                ),
                (
                    label,
                    "content exact F1",
                    _figure(ours.exact_f1),
                    f"{peer} {_figure(theirs.exact_f1)}" if theirs else "",
                ),
                (label, "source accuracy", _figure(ours.source_accuracy), ""),
            ]
        insciout_file = shared / "data" / "insciout" / "insciout_train.jsonl"
        if insciout_file.is_file():
            insciout = evaluate_insciout(insciout_file)
            output["insciout"] = insciout.to_dict()
            rows.append(
                (
                    f"InSciOut ({insciout.rows})",
                    "macro-F1 same/exaggerates/downplays",
                    _figure(insciout.scores.macro_f1),
                    f"majority {_figure(insciout.baseline.macro_f1)}",
                )
            )
    synth = synth_recall(request.synth_pairs, request.seed, shared=shared)
    output["synth"] = synth.to_dict()
    label = f"synthetic ({synth.pairs} pairs)"
    rows.append((label, "recall, all distortions", _figure(synth.recall), ""))
    for name, counts in sorted(synth.by_distortion.items()):
        rows.append(
            (label, f"recall {name} ({counts.found}/{counts.gold})", _figure(counts.recall), "")
        )
    if request.typed_pairs > 0:
        typed = synth_recall(
            request.typed_pairs,
            request.seed,
            shared=shared,
            kinds=TYPED_KINDS,
            n_edits=len(TYPED_KINDS),
        )
        output["synth_typed"] = typed.to_dict()
        label = f"synthetic typed ({typed.pairs} pairs)"
        rows.append((label, "recall, all typed changes", _figure(typed.recall), ""))
        for name in TYPED_KINDS:
            kind_counts = typed.by_distortion.get(name)
            if kind_counts is not None and kind_counts.gold:
                rows.append(
                    (
                        label,
                        f"recall {name} ({kind_counts.found}/{kind_counts.gold})",
                        _figure(kind_counts.recall),
                        "",
                    )
                )
    return output, _table(("benchmark", "measure", "sourcetrace", "baseline / peer"), rows)


def _table(header: tuple[str, ...], rows: list[tuple[str, str, str, str]]) -> str:
    all_rows = [header, *rows]
    widths = [max(len(row[i]) for row in all_rows) for i in range(len(header))]
    lines = []
    for index, row in enumerate(all_rows):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def run_eval(request: EvalRequest) -> str:
    """Run every evaluation the request asks for; return what to print."""
    if not (
        request.gold
        or request.polnear
        or request.insciout
        or request.summary
        or request.devset
        or request.variants
    ):
        raise InputError(
            "nothing to evaluate: give gold files, --devset DIR, --polnear DIR, --insciout FILE,"
            " --variants DIR or --summary"
        )
    if request.errors is not None and not (request.gold or request.variants):
        raise InputError("--errors needs gold files or --variants to list the errors of")
    if request.errors is not None and request.gold and request.variants:
        raise InputError("--errors lists the errors of gold files or of --variants, not both")
    output: dict[str, Any] = {}
    texts: list[str] = []
    if request.gold:
        _gold_section(request, output, texts)
    if request.devset is not None:
        _devset_section(request, output, texts)
    if request.polnear is not None:
        _polnear_section(request, output, texts)
    if request.insciout is not None:
        _insciout_section(request, output, texts)
    if request.variants is not None:
        _variants_section(request, output, texts)
    if request.summary:
        output["summary"], table = summary(request)
        texts.append(table)
    if request.as_json:
        return json.dumps(output, indent=2, ensure_ascii=False)
    return "\n\n".join(texts)
