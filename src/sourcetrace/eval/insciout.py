"""InSciOut: does a press release state its paper's conclusion more strongly, or less?

Each row pairs a paper's conclusion (the source) with its press release's (the derived
text). The prediction compares the two texts' claim strengths
(:mod:`sourcetrace.eval.claim_strength`); the score is macro-F1 over same / exaggerates /
downplays, beside the majority-class baseline. The rows are read from the user's file at run
time; nothing from the corpus is stored in the package.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sourcetrace.errors import InputError
from sourcetrace.eval.claim_strength import (
    CHANGES,
    NO_RELATIONSHIP,
    compare_strength,
    found_strength,
)

REQUIRED_FIELDS = ("abstract_conclusion", "press_release_conclusion", "exaggeration_label")


@dataclass(frozen=True)
class InSciOutRow:
    id: str
    source: str
    derived: str
    label: str
    source_strength: int | None = None
    derived_strength: int | None = None


def read_insciout(path: Path) -> list[InSciOutRow]:
    """Read an InSciOut JSON-lines file; a malformed line is a one-line InputError."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise InputError(f"InSciOut file not found: {path}") from exc
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(raw, dict):
            raise InputError(f"{path}:{number}: expected a JSON object")
        missing = [name for name in REQUIRED_FIELDS if not isinstance(raw.get(name), str)]
        if missing:
            raise InputError(f"{path}:{number}: missing field {missing[0]!r}")
        if raw["exaggeration_label"] not in CHANGES:
            raise InputError(
                f"{path}:{number}: unknown exaggeration_label {raw['exaggeration_label']!r}"
            )
        rows.append(
            InSciOutRow(
                id=str(raw.get("original_file_id", number)),
                source=raw["abstract_conclusion"],
                derived=raw["press_release_conclusion"],
                label=raw["exaggeration_label"],
                source_strength=raw.get("abstract_strength"),
                derived_strength=raw.get("press_release_strength"),
            )
        )
    if not rows:
        raise InputError(f"{path}: no rows")
    return rows


@dataclass
class ClassScores:
    """Per-class precision/recall/F1, macro-F1 and the confusion matrix (gold x predicted).

    Hand-written because scikit-learn is not a dependency and this is a dozen lines.
    """

    labels: tuple[str, ...]
    confusion: dict[str, dict[str, int]]
    per_class: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def macro_f1(self) -> float:
        return sum(scores["f1"] for scores in self.per_class.values()) / len(self.labels)

    @property
    def accuracy(self) -> float:
        total = sum(sum(row.values()) for row in self.confusion.values())
        right = sum(self.confusion[label][label] for label in self.labels)
        return right / total if total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "macro_f1": self.macro_f1,
            "accuracy": self.accuracy,
            "per_class": self.per_class,
            "confusion": self.confusion,
        }


def classification_scores(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]
) -> ClassScores:
    """Score predictions against gold labels over ``labels``."""
    confusion = {g: {p: 0 for p in labels} for g in labels}
    for g, p in zip(gold, predicted, strict=True):
        confusion[g][p] += 1
    scores = ClassScores(labels=tuple(labels), confusion=confusion)
    for label in labels:
        true_positive = confusion[label][label]
        predicted_n = sum(confusion[g][label] for g in labels)
        gold_n = sum(confusion[label].values())
        precision = true_positive / predicted_n if predicted_n else 0.0
        recall = true_positive / gold_n if gold_n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores.per_class[label] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "support": gold_n,
        }
    return scores


@dataclass
class InSciOutResult:
    rows: int
    scores: ClassScores
    baseline: ClassScores
    majority_label: str
    strength_accuracy: float | None
    predictions: list[tuple[str, str, str]]  # (row id, gold, predicted)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "scorer": self.scores.to_dict(),
            "majority_baseline": {"label": self.majority_label, **self.baseline.to_dict()},
            "strength_accuracy": self.strength_accuracy,
        }


def evaluate_insciout(path: Path, nlp: Any = None) -> InSciOutResult:
    """Predict same / exaggerates / downplays for every row and score it."""
    if nlp is None:
        from sourcetrace.nlp import load_spacy

        nlp = load_spacy()
    rows = read_insciout(path)
    gold = [row.label for row in rows]
    predicted = []
    strength_hits = strength_total = 0
    for row in rows:
        source_strength = found_strength(row.source, nlp)
        derived_strength = found_strength(row.derived, nlp)
        predicted.append(compare_strength(source_strength, derived_strength))
        for mine, annotated in (
            (source_strength, row.source_strength),
            (derived_strength, row.derived_strength),
        ):
            if isinstance(annotated, int):
                strength_total += 1
                strength_hits += int((mine or NO_RELATIONSHIP) == annotated)
    majority = Counter(gold).most_common(1)[0][0]
    return InSciOutResult(
        rows=len(rows),
        scores=classification_scores(gold, predicted, CHANGES),
        baseline=classification_scores(gold, [majority] * len(gold), CHANGES),
        majority_label=majority,
        strength_accuracy=strength_hits / strength_total if strength_total else None,
        predictions=[(row.id, g, p) for row, g, p in zip(rows, gold, predicted, strict=True)],
    )


def format_insciout(result: InSciOutResult) -> str:
    """Macro-F1, per-class F1 and the confusion matrix, baseline beside the scorer."""
    lines = [
        f"InSciOut claim-strength change ({result.rows} pairs)",
        f"{'':14}{'scorer':>10}{'majority':>10}",
        f"{'macro-F1':14}{result.scores.macro_f1:>10.3f}{result.baseline.macro_f1:>10.3f}",
        f"{'accuracy':14}{result.scores.accuracy:>10.3f}{result.baseline.accuracy:>10.3f}",
    ]
    for label in CHANGES:
        lines.append(
            f"{'F1 ' + label:14}{result.scores.per_class[label]['f1']:>10.3f}"
            f"{result.baseline.per_class[label]['f1']:>10.3f}"
        )
    if result.strength_accuracy is not None:
        lines.append(
            f"claim strength exact agreement with annotation: {result.strength_accuracy:.3f}"
        )
    lines.append(f"majority class: {result.majority_label}")
    lines.append("confusion (rows gold, columns predicted):")
    lines.append(f"{'':14}" + "".join(f"{label:>13}" for label in CHANGES))
    for gold_label in CHANGES:
        counts = result.scores.confusion[gold_label]
        lines.append(f"{gold_label:14}" + "".join(f"{counts[p]:>13}" for p in CHANGES))
    return "\n".join(lines)
