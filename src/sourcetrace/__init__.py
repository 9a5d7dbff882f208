"""sourcetrace: audit a news article written from another one.

    >>> import sourcetrace
    >>> report = sourcetrace.check("source.txt", "derived.txt")
    >>> for finding in report.findings: print(finding.kind, finding.reason)

The public API is small: :func:`load` reads an article, :func:`analyze` finds its segments,
quotes and speakers, :func:`check` audits a derived article against its source.
Heavy modules are imported on first use so that ``sourcetrace --help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Alignment",
    "Article",
    "Attribution",
    "Document",
    "Finding",
    "Quote",
    "Report",
    "Segment",
    "Severity",
    "Span",
    "Speaker",
    "analyze",
    "check",
    "load",
]

if TYPE_CHECKING:
    from sourcetrace.attribute import analyze
    from sourcetrace.ingest import load
    from sourcetrace.model import (
        Alignment,
        Article,
        Attribution,
        Document,
        Finding,
        Quote,
        Report,
        Segment,
        Severity,
        Span,
        Speaker,
    )
    from sourcetrace.pipeline import check

_LAZY = {
    "analyze": "sourcetrace.attribute",
    "load": "sourcetrace.ingest",
    "check": "sourcetrace.pipeline",
}


def __getattr__(name: str) -> Any:
    import importlib

    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    if name in __all__:
        return getattr(importlib.import_module("sourcetrace.model"), name)
    raise AttributeError(f"module 'sourcetrace' has no attribute {name!r}")
