"""The optional entailment model: real loading code on a tiny random model built here."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcetrace.errors import ModelError
from sourcetrace.ingest import from_text
from sourcetrace.nli import load_entailment

WORDS = ["the", "mayor", "said", "bridge", "will", "not", "open", "in", "may", "is", "closed", "."]


def tiny_model(directory: Path, labels: dict[int, str]) -> Path:
    """A randomly initialised two-layer BERT classifier with a 20-word vocabulary."""
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    vocab = directory / "vocab.txt"
    vocab.write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]) + "\n")
    tokenizer = BertTokenizerFast(vocab_file=str(vocab), do_lower_case=True)
    config = BertConfig(
        vocab_size=len(WORDS) + 5, hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=32, max_position_embeddings=64, num_labels=len(labels),
        id2label=labels, label2id={v: k for k, v in labels.items()},
    )  # fmt: skip
    BertForSequenceClassification(config).save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


NLI_LABELS = {0: "CONTRADICTION", 1: "NEUTRAL", 2: "ENTAILMENT"}


def test_loads_and_scores_probabilities(tmp_path: Path) -> None:
    model = load_entailment(tiny_model(tmp_path, NLI_LABELS))
    scores = model.scores(["the bridge is closed ."], ["the bridge will open in may ."])
    assert len(scores) == 1
    assert set(scores[0]) == {"entailment", "neutral", "contradiction"}
    assert sum(scores[0].values()) == pytest.approx(1.0, abs=1e-5)
    assert model.label_index == {"contradiction": 0, "neutral": 1, "entailment": 2}


def test_labels_that_name_no_entailment_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="do not name"):
        load_entailment(tiny_model(tmp_path, {0: "POSITIVE", 1: "NEGATIVE"}))


def test_a_folder_without_a_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not a model directory"):
        load_entailment(tmp_path)


def test_check_records_entailment_on_alignments(tmp_path: Path) -> None:
    from sourcetrace.pipeline import check

    directory = tiny_model(tmp_path, NLI_LABELS)
    source = from_text("The mayor said the bridge will open in May after the repairs.")
    derived = from_text("The mayor said the bridge will not open in May after the repairs.")
    report = check(source, derived, nli_model=directory)
    supported = [a for a in report.alignments if a.source]
    assert supported and all(a.entailment is not None for a in supported)
