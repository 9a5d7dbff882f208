"""The sentence encoder: ONNX Runtime against sentence-transformers/torch, and ``--encoder DIR``.

The MiniLM tests use the user's ONNX cache (the export is made once, as in real use); the
tiny-model tests build a two-layer BERT with a WordPiece vocabulary trained here on fictional
sentences, save it as a sentence-transformers directory and export it into a temporary cache.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from sourcetrace.encoder import describe, is_multilingual, open_encoder
from sourcetrace.errors import ModelError

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

SUBJECTS = ["The mayor", "A council spokesman", "The research team", "Local farmers", "The court"]
VERBS = ["said", "denied", "warned", "announced", "suggested"]
CLAIMS = [
    "that the new bridge over the Varn river would open in spring",
    "the water levels had fallen by nearly a third since March",
    "that the clinic may close two wards next winter",
    "a plan to double the number of night buses",
    "that the harvest was the worst in twenty years",
]
TAILS = ["", " on Tuesday.", ", according to a statement.", " after a long meeting.", "."]


def generated_sentences(count: int, seed: int = 7) -> list[str]:
    """Fictional news sentences from a small grammar, shuffled reproducibly."""
    every = [f"{s} {v} {c}{t}" for s, v, c, t in itertools.product(SUBJECTS, VERBS, CLAIMS, TAILS)]
    random.Random(seed).shuffle(every)
    return every[:count]


@pytest.fixture(scope="module")
def minilm_pair() -> tuple[Any, Any]:
    from sourcetrace.nlp import minilm_path, verify_weights

    path = minilm_path()
    onnx = open_encoder(path, "onnx", verify=verify_weights, quiet=True)
    torch = open_encoder(path, "torch", verify=verify_weights)
    return onnx, torch


@pytest.mark.slow
@pytest.mark.parametrize("precision", ["fp32", "int8"])
def test_onnx_minilm_agrees_with_torch_on_100_sentences(
    minilm_pair: tuple[Any, Any], precision: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sourcetrace.nlp import minilm_path

    monkeypatch.setenv("SOURCETRACE_ONNX_PRECISION", precision)
    onnx = open_encoder(minilm_path(), "onnx", quiet=True)
    torch = minilm_pair[1]
    assert type(onnx).__name__ == "OnnxEncoder" and onnx.precision == precision
    sentences = generated_sentences(100)
    a, b = onnx.encode(sentences), torch.encode(sentences)
    assert a.shape == b.shape == (100, 384)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    cosine = (a * b).sum(axis=1)
    if precision == "fp32":
        assert cosine.min() >= 0.9999, cosine.min()
    else:  # int8 weights and activations: the mean is >= 0.99, every sentence >= 0.98
        assert cosine.mean() >= 0.99, cosine.mean()
        assert cosine.min() >= 0.98, cosine.min()
    # Batching and padding do not change a sentence's vector.
    one_by_one = np.stack([onnx.encode([s])[0] for s in sentences[:10]])
    assert np.allclose(one_by_one, a[:10], atol=1e-4)
    # Truncation follows sentence-transformers' max_tokens the same way.
    short_a, short_b = onnx.encode(sentences, max_tokens=8), torch.encode(sentences, max_tokens=8)
    assert ((short_a * short_b).sum(axis=1)).mean() >= 0.99
    # Corpus discovery's static embeddings read the same tokens and table from both.
    assert onnx.token_ids(sentences[:20]) == torch.token_ids(sentences[:20])
    assert onnx.special_ids() == torch.special_ids()
    assert np.array_equal(onnx.input_embeddings(), torch.input_embeddings())


def _findings(report: Any) -> list[tuple[str, str, Any, Any]]:
    return sorted(
        (f.kind, f.severity.value, f.derived_span, f.source_span) for f in report.findings
    )


@pytest.mark.slow
def test_findings_are_the_same_with_onnx_and_torch(minilm_pair: tuple[Any, Any]) -> None:
    from sourcetrace.nlp import Models, load_spacy
    from sourcetrace.pipeline import check

    onnx, torch = minilm_pair
    pairs = [(ROOT / "examples" / "source.txt", ROOT / "examples" / "derived.txt")]
    seeds = SHARED / "seeds"
    if (seeds / "000_229fa39127546c3a.txt").exists():
        pairs.append((seeds / "000_229fa39127546c3a.txt", seeds / "002_2818d438f6899523.txt"))
    nlp = load_spacy()
    for source, derived in pairs:
        with_onnx = check(source, derived, models=Models(nlp=nlp, encoder=onnx))
        with_torch = check(source, derived, models=Models(nlp=nlp, encoder=torch))
        assert with_onnx.findings, source
        assert _findings(with_onnx) == _findings(with_torch), source
        assert [a.source for a in with_onnx.alignments] == [a.source for a in with_torch.alignments]


def test_check_imports_no_torch(tmp_path: Path) -> None:
    """A check in a fresh process (ONNX export already cached) never imports torch."""
    import subprocess
    import sys

    from sourcetrace.nlp import load_encoder

    load_encoder()  # make sure the export exists, so the child only loads it
    script = (
        "import sys\n"
        "from sourcetrace.pipeline import check\n"
        f"check({str(ROOT / 'examples' / 'source.txt')!r}, "
        f"{str(ROOT / 'examples' / 'derived.txt')!r})\n"
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=600
    )
    assert done.stdout.split() == ["False", "False"], done.stderr


# --- a tiny model built here ----------------------------------------------------------------

TRAINING = [
    *generated_sentences(60, seed=3),
    "Le maire a dit que le nouveau pont ouvrirait au printemps.",
    "Les agriculteurs ont averti que la récolte était la pire depuis vingt ans.",
]


def build_tiny_model(folder: Path, languages: list[str]) -> Path:
    """A two-layer BERT with a trained WordPiece vocabulary, saved by sentence-transformers."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tokenizer = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.train_from_iterator(
        TRAINING, trainers.WordPieceTrainer(vocab_size=400, special_tokens=specials)
    )
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls), ("[SEP]", sep)],
    )
    raw = folder / "raw"
    config = BertConfig(
        vocab_size=tokenizer.get_vocab_size(),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
    )
    BertModel(config).save_pretrained(raw)
    PreTrainedTokenizerFast(
        tokenizer_object=tokenizer,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
        model_max_length=128,
    ).save_pretrained(raw)
    model = SentenceTransformer(
        modules=[Transformer(str(raw)), Pooling(32, "mean"), Normalize()], device="cpu"
    )
    out = folder / "model"
    model.save(str(out))
    card = "---\nlanguage:\n" + "".join(f"- {code}\n" for code in languages) + "---\n# Tiny\n"
    (out / "README.md").write_text(card, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("encoders")
    return {
        "multilingual": build_tiny_model(base / "multi", ["multilingual"]),
        "english": build_tiny_model(base / "english", ["en"]),
    }


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty ONNX cache for this test, and no encoder loaded by an earlier one."""
    from sourcetrace import nlp

    folder = tmp_path / "cache"
    monkeypatch.setenv("SOURCETRACE_CACHE_DIR", str(folder))
    nlp._load_encoder.cache_clear()
    nlp._default_models.cache_clear()
    return folder / "onnx"


def test_model_card_languages_decide_multilingual(tiny_models: dict[str, Path]) -> None:
    assert describe(tiny_models["multilingual"]).multilingual
    assert not describe(tiny_models["english"]).multilingual
    assert describe(tiny_models["english"]).languages == ("en",)
    assert is_multilingual(["en", "fr"]) and not is_multilingual([])


def test_tiny_model_on_onnx_matches_torch_and_cache_is_checked(
    tiny_models: dict[str, Path], cache: Path
) -> None:
    path = tiny_models["english"]
    onnx = open_encoder(path, "onnx", quiet=True)
    torch = open_encoder(path, "torch")
    sentences = generated_sentences(20, seed=11)
    assert ((onnx.encode(sentences) * torch.encode(sentences)).sum(axis=1)).min() >= 0.99
    (folder,) = list(cache.iterdir())
    model_file = folder / "model.onnx"
    first = model_file.read_bytes()
    model_file.write_bytes(first[: len(first) // 2])  # a truncated cache file...
    again = open_encoder(path, "onnx", quiet=True)  # ...fails its sha256 and is made again
    manifest = json.loads((folder / "manifest.json").read_text())
    assert hashlib.sha256(model_file.read_bytes()).hexdigest() == manifest["model.onnx"]
    assert np.allclose(again.encode(sentences), onnx.encode(sentences), atol=1e-5)


def test_encoder_option_is_used_by_check(
    tiny_models: dict[str, Path], cache: Path, tmp_path: Path
) -> None:
    from sourcetrace.cli import app

    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        app,
        [
            "check",
            str(ROOT / "examples" / "source.txt"),
            str(ROOT / "examples" / "derived.txt"),
            "--encoder",
            str(tiny_models["english"]),
            "-f",
            "json",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["findings"]
    assert len(list(cache.iterdir())) == 1  # the tiny model was exported and used


def test_encoder_option_rejects_a_folder_that_is_no_model(tmp_path: Path) -> None:
    from sourcetrace.cli import app

    with pytest.raises(ModelError):
        describe(tmp_path)
    result = CliRunner().invoke(
        app,
        [
            "check",
            str(ROOT / "examples" / "source.txt"),
            str(ROOT / "examples" / "derived.txt"),
            "--encoder",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def _corpus(path: Path) -> Path:
    records = [
        {"id": "a", "lang": "en", "text": " ".join(generated_sentences(12, seed=1))},
        {"id": "b", "lang": "en", "text": " ".join(generated_sentences(12, seed=1)[:10])},
        {"id": "c", "lang": "fr", "text": " ".join([TRAINING[-2], TRAINING[-1]] * 6)},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    return path


@pytest.mark.parametrize(("model", "kept"), [("multilingual", 3), ("english", 2)])
def test_scan_keeps_other_languages_only_with_a_multilingual_encoder(
    tiny_models: dict[str, Path], cache: Path, tmp_path: Path, model: str, kept: int
) -> None:
    from sourcetrace.corpus import ScanSettings, scan
    from test_corpus_fixtures import fake_audit, no_models

    settings = ScanSettings(encoder=tiny_models[model])
    summary = scan(
        [_corpus(tmp_path / "corpus.jsonl")],
        tmp_path / "scan.duckdb",
        settings,
        audit=fake_audit,
        load_models=no_models,
    )
    assert summary.articles == kept
    assert summary.pairs >= 1  # a and b: b is a's first ten sentences
    assert len(list(cache.iterdir())) == 1  # discovery embedded with the tiny model
