"""The whole audit: ``check(source, derived) -> Report``.

load -> analyze (segment, attribute) -> align -> verify -> Report
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from sourcetrace.align import align
from sourcetrace.attribute import analyze
from sourcetrace.ingest import load
from sourcetrace.model import AlignedPair, Article, Document, Report
from sourcetrace.nlp import Models, default_models
from sourcetrace.verify import verify
from sourcetrace.verify.omission import coverage
from sourcetrace.verify.quote_match import quote_checks


def _article(value: Article | str | Path) -> Article:
    return value if isinstance(value, Article) else load(value)


def _document(article: Article, models: Models) -> Document:
    document = analyze(article, nlp=models.nlp)
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
) -> Report:
    """Audit ``derived`` against ``source``: where each passage came from and what changed.

    ``source`` and ``derived`` are Articles, or paths/URLs that :func:`sourcetrace.load`
    reads. ``models`` defaults to the process-wide cached spaCy and MiniLM models.
    ``nli_model`` is an optional local NLI cross-encoder directory (see :mod:`sourcetrace.nli`)
    whose contradiction scores become extra evidence; ``models.nli`` may carry one loaded.
    """
    models = models or default_models()
    nli = _entailment_model(str(nli_model)) if nli_model is not None else models.nli
    source_doc = _document(_article(source), models)
    derived_doc = _document(_article(derived), models)
    return check_documents(source_doc, derived_doc, models=models, nli=nli)


def analyze_article(article: Article, models: Models | None = None) -> Document:
    """The analysed Document of one article, boilerplate included, ready for
    :func:`check_documents` (lets a caller analyse a source once for many derived texts)."""
    return _document(article, models or default_models())


def check_documents(
    source_doc: Document, derived_doc: Document, *, models: Models | None = None, nli: Any = None
) -> Report:
    """:func:`check` on two analysed documents (see :func:`analyze_article`)."""
    models = models or default_models()
    pair = AlignedPair(source_doc, derived_doc, align(source_doc, derived_doc, models.encoder))
    if nli is not None:
        _add_entailment(pair, nli)
    return Report(
        source=source_doc,
        derived=derived_doc,
        alignments=pair.alignments,
        findings=verify(pair),
        coverage=coverage(pair),
        quotes=quote_checks(pair),
    )
