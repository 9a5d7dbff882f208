"""Synthetic recall: distort articles on purpose and count how many distortions the checker finds.

Sources alternate between fictional articles (:mod:`.articles`) and, when the shared corpus
is present, PolNeAR development articles read in place. Each derived text carries the next
``n_edits`` kinds of distortion in turn, so all kinds are tried about equally often; the
report is scored against the recorded gold with the same matching rule as hand-made gold
(:mod:`sourcetrace.eval.matching`).
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sourcetrace.eval.gold import gold_from_dict
from sourcetrace.eval.matching import Counts, EvalResult, merge_results, score_report
from sourcetrace.eval.shared import polnear_texts, shared_dir
from sourcetrace.synth import ALL_DISTORTIONS, TYPED_KINDS, derive
from sourcetrace.synth.articles import generate_articles


@dataclass
class SynthRecall:
    """Recall per distortion, and the full scores (precision is a lower bound: see docs)."""

    pairs: int
    result: EvalResult
    by_distortion: dict[str, Counts] = field(default_factory=dict)
    sources: Counter[str] = field(default_factory=Counter)

    @property
    def recall(self) -> float | None:
        return self.result.overall.recall

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs": self.pairs,
            "sources": dict(self.sources),
            "recall": self.recall,
            "by_distortion": {
                name: {"gold": c.gold, "found": c.found, "recall": c.recall}
                for name, c in sorted(self.by_distortion.items())
            },
            "scores": self.result.to_dict(),
        }


def distortion_of(item_id: str) -> str:
    """Synth gold ids are "S<n>-<distortion>"."""
    return item_id.split("-", 1)[1] if "-" in item_id else item_id


def synth_recall(
    n_pairs: int,
    seed: int,
    *,
    models: Any = None,
    shared: Path | None = None,
    n_edits: int = 4,
    kinds: tuple[str, ...] = ALL_DISTORTIONS,
) -> SynthRecall:
    """Derive ``n_pairs`` distorted articles, check each, and measure recall per distortion.

    ``kinds`` limits the distortions tried (all of them by default), taken in turn.
    """
    from sourcetrace.ingest import from_text
    from sourcetrace.nlp import default_models
    from sourcetrace.pipeline import check

    models = models or default_models()
    polnear = polnear_texts(shared if shared is not None else shared_dir())
    fiction = generate_articles(n_pairs, seed)
    results: list[EvalResult] = []
    outcome = SynthRecall(pairs=n_pairs, result=EvalResult(pair_id="synth", pairs=0))
    for number in range(n_pairs):
        rng = random.Random(seed * 100_003 + number)
        if polnear and number % 2 == 1:
            path = rng.choice(polnear)
            source = from_text(path.read_text(encoding="utf-8"), shown=path.name)
            origin = "polnear"
        else:
            article = fiction[number]
            source = from_text(article["text"], title=article["title"], outlet=article["outlet"])
            origin = "fiction"
        # each pair gets the next n_edits distortions in turn, so every kind is tried equally often
        chosen = [
            kinds[(number * n_edits + offset) % len(kinds)]
            for offset in range(min(n_edits, len(kinds)))
        ]
        pair = derive(
            source.text,
            kinds=chosen,
            rng=rng,
            n_edits=n_edits,
            nlp=models.nlp,
            pair_id=f"synth-{seed}-{number}-{origin}",
        )
        derived = from_text(pair.derived_text)
        gold = gold_from_dict(pair.gold, source, derived, origin=pair.gold["pair_id"])
        result = score_report(check(source, derived, models=models), gold)
        results.append(result)
        outcome.sources[origin] += 1
        found = {item_id for _, item_id, _ in result.matches}
        for item in gold.items:
            counts = outcome.by_distortion.setdefault(distortion_of(item.id), Counts())
            counts.gold += 1
            counts.found += int(item.id in found)
    outcome.result = merge_results(results, pair_id="synth")
    return outcome


def format_synth_recall(outcome: SynthRecall) -> str:
    """Recall per distortion as a plain-text table."""
    sources = ", ".join(f"{n} {name}" for name, n in sorted(outcome.sources.items()))
    lines = [
        f"Synthetic distortions: {outcome.pairs} pairs ({sources})",
        f"{'distortion':20}{'found':>11}{'recall':>8}",
    ]
    for name in ALL_DISTORTIONS + TYPED_KINDS:
        counts = outcome.by_distortion.get(name)
        if counts is None or not counts.gold:
            continue
        recall = counts.recall or 0.0
        lines.append(f"{name:20}{counts.found:>6}/{counts.gold:<4}{recall:>8.2f}")
    overall = outcome.result.overall
    lines.append(f"{'all':20}{overall.found:>6}/{overall.gold:<4}{(overall.recall or 0):>8.2f}")
    precision = overall.precision
    lines.append(
        "findings matching a recorded distortion: "
        + ("-" if precision is None else f"{precision:.2f}")
        + f" of {overall.predicted} (a lower bound on precision)"
    )
    return "\n".join(lines)
