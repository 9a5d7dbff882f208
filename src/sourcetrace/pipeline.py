"""The whole audit: ``check(source, derived) -> Report``.

load -> analyze (segment, attribute) -> align -> verify -> Report
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any

from sourcetrace.align import align
from sourcetrace.attribute import analysis_text, analyze
from sourcetrace.ingest import load
from sourcetrace.model import AlignedPair, Article, Document, Report
from sourcetrace.nlp import Models, default_models
from sourcetrace.verify import verify
from sourcetrace.verify.additions import ENCODER
from sourcetrace.verify.completeness import qualify, source_gap
from sourcetrace.verify.omission import coverage
from sourcetrace.verify.quote_match import quote_checks


def _article(value: Article | str | Path) -> Article:
    return value if isinstance(value, Article) else load(value)


class ParseCache:
    """spaCy parses by (pipeline, text sha256), least recently used dropped past ``size``.

    Parsing is the costliest step of a check on new texts; in corpus scans and the web app
    the same article meets many partners, so it is parsed once per process. Only the
    read-only spaCy Doc is kept: every check builds its own Document from it.
    """

    def __init__(self, size: int = 64) -> None:
        self.size = size
        # (id of the pipeline, text sha256) -> (the pipeline itself, its Doc): the pipeline is
        # kept and compared, so a freed pipeline's reused id never returns a stale Doc.
        self._docs: OrderedDict[tuple[int, str], tuple[Any, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def parse(self, nlp: Any, texts: list[str]) -> list[Any]:
        """One Doc per text; the texts not cached are parsed together with ``nlp.pipe``."""
        keys = [(id(nlp), hashlib.sha256(t.encode("utf-8")).hexdigest()) for t in texts]
        with self._lock:
            found = {
                k: self._docs[k][1] for k in keys if k in self._docs and self._docs[k][0] is nlp
            }
        missing = list(dict.fromkeys(k for k in keys if k not in found))
        if missing:
            todo = [texts[keys.index(k)] for k in missing]
            found.update(zip(missing, nlp.pipe(todo, batch_size=len(todo)), strict=True))
        with self._lock:
            for key in keys:
                self._docs[key] = (nlp, found[key])
                self._docs.move_to_end(key)
            while len(self._docs) > self.size:
                self._docs.popitem(last=False)
        return [found[k] for k in keys]

    def clear(self) -> None:
        with self._lock:
            self._docs.clear()


PARSES = ParseCache()


def _document(article: Article, models: Models, parsed: Any = None) -> Document:
    document = analyze(article, nlp=models.nlp, parsed=parsed)
    if not document.boilerplate:
        from sourcetrace.ingest.boilerplate import boilerplate_spans

        document.boilerplate = boilerplate_spans(article.text)
    return document


@lru_cache(maxsize=2)
def _entailment_model(model_dir: str) -> Any:
    from sourcetrace.nli import load_entailment

    return load_entailment(model_dir)


def _add_entailment(pair: AlignedPair, nli: Any) -> None:
    """Score each supported derived segment against its best source with the NLI model."""
    supported = [a for a in pair.alignments if a.source]
    premises = [a.source[0].of(pair.source.article) for a in supported]
    hypotheses = [a.derived.of(pair.derived.article) for a in supported]
    for alignment, scores in zip(supported, nli.scores(premises, hypotheses), strict=True):
        alignment.entailment = scores


def check(
    source: Article | str | Path,
    derived: Article | str | Path,
    *,
    models: Models | None = None,
    nli_model: str | Path | None = None,
    encoder: str | Path | None = None,
) -> Report:
    """Audit ``derived`` against ``source``: where each passage came from and what changed.

    ``source`` and ``derived`` are Articles, or paths/URLs that :func:`sourcetrace.load`
    reads. ``models`` defaults to the process-wide cached spaCy and MiniLM models.
    ``nli_model`` is an optional local NLI cross-encoder directory (see :mod:`sourcetrace.nli`)
    whose contradiction scores become extra evidence; ``models.nli`` may carry one loaded.
    ``encoder`` is a local sentence-transformers directory replacing MiniLM (when ``models``
    is not given).
    """
    models = models or default_models(encoder)
    nli = _entailment_model(str(nli_model)) if nli_model is not None else models.nli
    source_article, derived_article = _article(source), _article(derived)
    source_doc, derived_doc = _documents([source_article, derived_article], models)
    return check_documents(source_doc, derived_doc, models=models, nli=nli)


def _documents(articles: list[Article], models: Models) -> list[Document]:
    """Analysed Documents of ``articles``, their texts parsed together (and cached)."""
    texts = [analysis_text(article.text) for article in articles]
    parsed = PARSES.parse(models.nlp, texts)
    return [_document(a, models, doc) for a, doc in zip(articles, parsed, strict=True)]


def analyze_article(article: Article, models: Models | None = None) -> Document:
    """The analysed Document of one article, boilerplate included, ready for
    :func:`check_documents` (lets a caller analyse a source once for many derived texts)."""
    return _documents([article], models or default_models())[0]


def check_documents(
    source_doc: Document, derived_doc: Document, *, models: Models | None = None, nli: Any = None
) -> Report:
    """:func:`check` on two analysed documents (see :func:`analyze_article`)."""
    models = models or default_models()
    pair = AlignedPair(source_doc, derived_doc, align(source_doc, derived_doc, models.encoder))
    # The addition check compares single words with the encoder (verify/related.py).
    pair.memo[ENCODER] = models.encoder
    if nli is not None:
        _add_entailment(pair, nli)
    gap = source_gap(pair)
    return Report(
        source=source_doc,
        derived=derived_doc,
        alignments=pair.alignments,
        findings=qualify(verify(pair), gap),
        coverage=coverage(pair),
        quotes=quote_checks(pair),
        source_gap=gap,
    )
