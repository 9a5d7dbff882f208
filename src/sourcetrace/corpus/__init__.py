"""Corpus mode: find which articles of a corpus derive from which, and audit every rewrite.

    >>> from sourcetrace.corpus import scan
    >>> summary = scan([Path("articles.jsonl")], Path("results.duckdb"))

Modules: :mod:`readers` (folders, JSONL, WARC), :mod:`discover` (MinHash LSH and embedding
neighbours, verified by containment), :mod:`direction` (source vs derived, chains),
:mod:`store` (the DuckDB results file), :mod:`engine` (local processes or Ray),
:mod:`scan` (the resumable pipeline) and :mod:`report` (the corpus HTML report).
"""

from __future__ import annotations

from sourcetrace.corpus.scan import ScanSettings, ScanSummary, scan

__all__ = ["ScanSettings", "ScanSummary", "scan"]
