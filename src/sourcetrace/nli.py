"""Optional entailment evidence: a local NLI cross-encoder (``check --nli MODEL_DIR``).

No entailment model ships with sourcetrace and none is ever downloaded: the user points at a
directory holding a transformers sequence-classification model (config, weights, tokenizer)
whose labels name entailment, neutral and contradiction. Its contradiction probability for an
aligned (source, derived) sentence pair is extra evidence for a reversed meaning.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sourcetrace.errors import ModelError

LABELS = ("entailment", "neutral", "contradiction")


@dataclass
class EntailmentModel:
    """A loaded cross-encoder and the index of each of :data:`LABELS` in its output."""

    model: Any
    tokenizer: Any
    label_index: dict[str, int]

    def scores(self, premises: list[str], hypotheses: list[str]) -> list[dict[str, float]]:
        """Probabilities of entailment/neutral/contradiction for each (premise, hypothesis)."""
        if not premises:
            return []
        import torch

        batch = self.tokenizer(
            premises, hypotheses, padding=True, truncation=True, max_length=256,
            return_tensors="pt",
        )  # fmt: skip
        with torch.inference_mode():
            probabilities = torch.softmax(self.model(**batch).logits, dim=-1).tolist()
        return [
            {label: float(row[index]) for label, index in self.label_index.items()}
            for row in probabilities
        ]


def _label_index(id2label: dict[Any, str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in id2label.items():
        for label in LABELS:
            if name.lower().startswith(label[:6]):  # "ENTAILMENT", "contradiction", "neutral"
                found[label] = int(index)
    missing = [label for label in LABELS if label not in found]
    if missing:
        raise ModelError(
            f"the NLI model's labels {sorted(id2label.values())} do not name {', '.join(missing)}"
        )
    return found


def load_entailment(model_dir: str | Path) -> EntailmentModel:
    """Load a local NLI cross-encoder; raise ModelError with one clear line if it is unusable."""
    path = Path(model_dir)
    if not (path / "config.json").is_file():
        raise ModelError(f"{path} is not a model directory (no config.json)")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        model = AutoModelForSequenceClassification.from_pretrained(str(path), local_files_only=True)
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load the NLI model in {path}: {exc}".splitlines()[0]) from exc
    model.eval()
    return EntailmentModel(model, tokenizer, _label_index(dict(model.config.id2label)))
