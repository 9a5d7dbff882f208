"""Corpus mode: find which articles of a corpus derive from which, and audit every rewrite.

Command line::

    sourcetrace scan articles.jsonl --out results.duckdb [--workers 2]
    sourcetrace scan pages/ crawl.warc.gz --out results.duckdb --engine ray [--ray-address ADDR]
    sourcetrace scan articles.jsonl --out results.duckdb --parquet results-parquet/
    sourcetrace corpus-report results.duckdb -o report.html

Inputs: folders of .txt/.html files (the sub-folder names the outlet), JSONL files (one
object per line: ``id``, ``text`` and optionally ``url``, ``outlet``, ``published``,
``title``, ``lang``) and WARC files of news pages. The results file is an embedded DuckDB
database (tables: articles, pairs, chains, work, findings; see :mod:`.store`); ``--parquet
DIR`` also writes each table to ``DIR/<table>.parquet`` when the scan ends. A scan that is
interrupted (even killed) is resumed by running the same command again.

From Python::

    >>> from sourcetrace.corpus import scan
    >>> summary = scan([Path("articles.jsonl")], Path("results.duckdb"))

Modules: :mod:`.readers` (folders, JSONL, WARC), :mod:`.discover` (MinHash LSH and embedding
neighbours, verified by containment), :mod:`.direction` (source vs derived, chains),
:mod:`.store` (the DuckDB results file), :mod:`.engine` (local processes or Ray),
:mod:`.scan` (the resumable pipeline), :mod:`.console` (progress bars) and :mod:`.report`
(the corpus HTML report).
"""

from __future__ import annotations

from sourcetrace.corpus.scan import ScanSettings, ScanSummary, scan

__all__ = ["ScanSettings", "ScanSummary", "scan"]
