"""The whole audit: ``check(source, derived) -> Report``.

load -> analyze (segment, attribute) -> align -> verify -> Report
"""

from __future__ import annotations

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


def check(
    source: Article | str | Path,
    derived: Article | str | Path,
    *,
    models: Models | None = None,
    nli_model: Any = None,
) -> Report:
    """Audit ``derived`` against ``source``: where each passage came from and what changed.

    ``source`` and ``derived`` are Articles, or paths/URLs that :func:`sourcetrace.load`
    reads. ``models`` defaults to the process-wide cached spaCy and MiniLM models.
    ``nli_model`` (a local entailment model directory) is accepted for interface stability
    and must be None: no entailment model ships with sourcetrace.
    """
    if nli_model is not None:
        from sourcetrace.errors import ModelError

        raise ModelError("--nli is not available: no entailment model ships with sourcetrace")
    models = models or default_models()
    source_doc = _document(_article(source), models)
    derived_doc = _document(_article(derived), models)
    pair = AlignedPair(source_doc, derived_doc, align(source_doc, derived_doc, models.encoder))
    return Report(
        source=source_doc,
        derived=derived_doc,
        alignments=pair.alignments,
        findings=verify(pair),
        coverage=coverage(pair),
        quotes=quote_checks(pair),
    )
