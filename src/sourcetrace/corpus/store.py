"""The results database: one embedded DuckDB file holding a whole scan.

Tables
  meta      key/value: the scan's fingerprint and which phases are complete
  articles  every article read (id, metadata, text)
  pairs     every verified match, directed source -> derived, with overlap scores, the
            passage evidence that linked them (sentences of each, aligned sentences of the
            shorter, longest in-order run, coverage, near-verbatim share, and the aligned
            sentence spans as JSON) and the direction's basis and evidence; ``role`` is
            ``closest`` (audited) or ``indirect``;
            ``faithfulness`` is the audited pair's score (docs/faithfulness.md), else NULL
  chains    for every article in a derivation chain: its closest source, root and path
  work      one row per audited pair: ``pending``, ``done`` or ``failed`` (with the error)
  findings  the findings of each audited pair (spans into both texts, kind, severity...)
  features  each article's sentence features (:class:`~sourcetrace.corpus.passages.Sentences`
            as raw little-endian arrays), computed once by discovery and read back by
            ``sourcetrace trace`` and resumed scans

Resumability: phases are committed whole (articles, then pairs+chains+work), and each pair's
findings are written together with its ``done`` mark in one transaction, so a scan killed at
any moment and restarted redoes at most the pairs that were in flight.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from sourcetrace.errors import InputError
from sourcetrace.model import Article

if TYPE_CHECKING:
    from sourcetrace.corpus.passages import Sentences

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, seq INTEGER NOT NULL, title VARCHAR, outlet VARCHAR,
    published DATE, url VARCHAR, kind VARCHAR, author VARCHAR, path VARCHAR,
    n_words INTEGER, text VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS pairs (
    pair_id INTEGER PRIMARY KEY, source_id VARCHAR NOT NULL, derived_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL, found_by VARCHAR NOT NULL,
    shingles_derived_in_source DOUBLE, shingles_source_in_derived DOUBLE,
    terms_derived_in_source DOUBLE, terms_source_in_derived DOUBLE, cosine DOUBLE,
    support DOUBLE, direction_basis VARCHAR, direction_evidence VARCHAR,
    sentences_source INTEGER, sentences_derived INTEGER, aligned_sentences INTEGER,
    longest_run INTEGER, coverage DOUBLE, verbatim DOUBLE, passages VARCHAR);
CREATE TABLE IF NOT EXISTS chains (
    article_id VARCHAR PRIMARY KEY, source_id VARCHAR, root_id VARCHAR NOT NULL,
    depth INTEGER NOT NULL, path VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS work (
    pair_id INTEGER PRIMARY KEY, status VARCHAR NOT NULL, error VARCHAR,
    n_findings INTEGER, worst VARCHAR, report_json VARCHAR, finished_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS features (
    id VARCHAR PRIMARY KEY, ends_open BOOLEAN NOT NULL, spans BLOB, terms BLOB, term_rows BLOB,
    grams BLOB, gram_rows BLOB, quoted BLOB, pairs BLOB, pair_rows BLOB, digits BLOB);
ALTER TABLE articles ADD COLUMN IF NOT EXISTS lang VARCHAR;
ALTER TABLE features ADD COLUMN IF NOT EXISTS prose BLOB;
ALTER TABLE features ADD COLUMN IF NOT EXISTS numbers BLOB;
CREATE TABLE IF NOT EXISTS findings (
    pair_id INTEGER NOT NULL, n INTEGER NOT NULL, kind VARCHAR NOT NULL,
    severity VARCHAR NOT NULL, speaker VARCHAR, in_quote BOOLEAN,
    derived_start INTEGER, derived_end INTEGER, source_start INTEGER, source_end INTEGER,
    derived_text VARCHAR, source_text VARCHAR, reason VARCHAR,
    PRIMARY KEY (pair_id, n));
-- Filled by the audit (record_result), not by discovery; added apart so that databases
-- written before the column existed gain it when opened for writing.
ALTER TABLE pairs ADD COLUMN IF NOT EXISTS faithfulness DOUBLE;
"""

# Columns added to ``pairs`` after the first release: databases written before get them
# (empty) when opened for writing; readers check for them (see :meth:`Store.has_passages`).
PASSAGE_COLUMNS = {
    "sentences_source": "INTEGER",
    "sentences_derived": "INTEGER",
    "aligned_sentences": "INTEGER",
    "longest_run": "INTEGER",
    "coverage": "DOUBLE",
    "verbatim": "DOUBLE",
    "passages": "VARCHAR",
}

TABLES = ("articles", "pairs", "chains", "work", "findings")
# The arrays of a stored Sentences, with their dtypes (little-endian, as numpy writes them
# on every platform sourcetrace runs on).
FEATURE_ARRAYS: dict[str, str] = {
    "spans": "<i8",
    "terms": "<u4",
    "term_rows": "<i4",
    "grams": "<u4",
    "gram_rows": "<i4",
    "quoted": "?",
    "pairs": "<u4",
    "pair_rows": "<i4",
    "digits": "?",
    "prose": "?",
    "numbers": "?",
}
FINDING_COLUMNS = (
    "kind",
    "severity",
    "speaker",
    "in_quote",
    "derived_start",
    "derived_end",
    "source_start",
    "source_end",
    "derived_text",
    "source_text",
    "reason",
)

ARTICLE_COLUMNS = (
    "id",
    "seq",
    "title",
    "outlet",
    "published",
    "url",
    "kind",
    "author",
    "path",
    "n_words",
    "text",
    "lang",
)
PAIR_COLUMNS = (
    "pair_id",
    "source_id",
    "derived_id",
    "role",
    "found_by",
    "shingles_derived_in_source",
    "shingles_source_in_derived",
    "terms_derived_in_source",
    "terms_source_in_derived",
    "cosine",
    "support",
    "direction_basis",
    "direction_evidence",
    *PASSAGE_COLUMNS,
)
CHAIN_COLUMNS = ("article_id", "source_id", "root_id", "depth", "path")
FINDING_PLACEHOLDERS = ", ".join("?" for _ in FINDING_COLUMNS)


@dataclass(frozen=True)
class PairRow:
    """One directed pair as stored (what the audit step and reports need)."""

    pair_id: int
    source_id: str
    derived_id: str
    role: str
    found_by: str
    shingles_derived_in_source: float
    shingles_source_in_derived: float
    terms_derived_in_source: float
    terms_source_in_derived: float
    cosine: float | None
    support: float
    direction_basis: str
    direction_evidence: str
    sentences_source: int | None = None
    sentences_derived: int | None = None
    aligned_sentences: int | None = None
    longest_run: int | None = None
    coverage: float | None = None
    verbatim: float | None = None
    # JSON: [[derived_start, derived_end, source_start, source_end, score, verbatim], ...]
    passages: str | None = None


@dataclass(frozen=True)
class ChainRow:
    article_id: str
    source_id: str | None
    root_id: str
    depth: int
    path: list[str]


class Store:
    """A scan's DuckDB database (single writer: the scanning process)."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        import duckdb

        self.path = path
        if read_only and not path.is_file():
            raise InputError(f"{path}: no such results database")
        try:
            self.db = duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            raise InputError(f"{path}: cannot open results database ({exc})") from exc
        except duckdb.Error as exc:
            raise InputError(f"{path}: not a DuckDB results database ({exc})") from exc
        if not read_only:
            self.db.execute(SCHEMA)
            for name, kind in PASSAGE_COLUMNS.items():
                self.db.execute(f"ALTER TABLE pairs ADD COLUMN IF NOT EXISTS {name} {kind}")
        elif not self._has_tables():
            raise InputError(f"{path}: not a sourcetrace scan database (no scan tables)")
        elif not self._scalar(
            "SELECT count(*) FROM information_schema.columns "
            "WHERE table_name = 'pairs' AND column_name = 'faithfulness'"
        ):
            raise InputError(f"{path}: written by an older sourcetrace; run its scan again")

    def _has_tables(self) -> bool:
        names = {
            row[0]
            for row in self.db.execute(
                "SELECT table_name FROM information_schema.tables"
            ).fetchall()
        }
        return set(TABLES) <= names

    def has_passages(self) -> bool:
        """Whether the pairs table has the passage-evidence columns (scans before them not)."""
        columns = {
            row[0]
            for row in self.db.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'pairs'"
            ).fetchall()
        }
        return set(PASSAGE_COLUMNS) <= columns

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # meta ---------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    # articles -----------------------------------------------------------------------
    def add_articles(self, rows: Iterable[tuple[int, str, Article, int]]) -> None:
        """Insert ``(seq, id, article, n_words)`` rows; ids already stored are kept as they are
        (a resumed scan re-reads its inputs)."""
        batch = [
            (
                a_id,
                seq,
                a.title,
                a.outlet,
                a.published,
                a.url,
                a.kind,
                a.author,
                a.path,
                n_words,
                a.text,
                a.lang,
            )
            for seq, a_id, a, n_words in rows
        ]
        self._insert("articles", ARTICLE_COLUMNS, batch, or_ignore=True)

    def _insert(
        self,
        table: str,
        columns: tuple[str, ...],
        rows: list[tuple[Any, ...]],
        or_ignore: bool = False,
    ) -> None:
        """Insert many rows at once through an Arrow table (DuckDB's executemany runs one
        statement per row, which takes minutes for a large corpus)."""
        if not rows:
            return
        import pyarrow as pa

        incoming = pa.table({name: [row[i] for row in rows] for i, name in enumerate(columns)})
        self.db.register("incoming_rows", incoming)
        try:
            names = ", ".join(columns)
            verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
            self.db.execute(f"{verb} INTO {table} ({names}) SELECT {names} FROM incoming_rows")
        finally:
            self.db.unregister("incoming_rows")

    def _has_column(self, table: str, column: str) -> bool:
        return bool(
            self._scalar(
                "SELECT count(*) FROM information_schema.columns "
                "WHERE table_name = ? AND column_name = ?",
                [table, column],
            )
        )

    def article_count(self) -> int:
        return int(self._scalar("SELECT count(*) FROM articles"))

    def articles(self) -> list[tuple[str, Article, int]]:
        """All articles in reading order: ``(id, article, n_words)``."""
        # A database written before the lang column existed, opened read-only, lacks it.
        lang = "lang" if self._has_column("articles", "lang") else "NULL"
        rows = self.db.execute(
            "SELECT id, title, outlet, published, url, kind, author, path, n_words, text, "
            f"{lang} FROM articles ORDER BY seq"
        ).fetchall()
        return [
            (
                row[0],
                Article(
                    text=row[9],
                    title=row[1],
                    outlet=row[2],
                    published=row[3],
                    url=row[4],
                    kind=row[5] or "text",
                    author=row[6],
                    path=row[7],
                    lang=row[10],
                ),
                int(row[8] or 0),
            )
            for row in rows
        ]

    # sentence features ----------------------------------------------------------------
    def has_features(self) -> bool:
        """Whether every article's sentence features are stored (scans before them not)."""
        names = {
            row[0]
            for row in self.db.execute(
                "SELECT table_name FROM information_schema.tables"
            ).fetchall()
        }
        if "features" not in names:
            return False
        missing = self._scalar(
            "SELECT count(*) FROM articles a LEFT JOIN features f USING (id) WHERE f.id IS NULL"
        )
        return int(missing) == 0

    def save_features(self, rows: Iterable[tuple[str, Sentences]]) -> None:
        """Store sentence features (ids already stored are kept)."""
        batch = [
            (
                a_id,
                units.ends_open,
                *(
                    np.ascontiguousarray(getattr(units, name), dtype=dtype).tobytes()
                    for name, dtype in FEATURE_ARRAYS.items()
                ),
            )
            for a_id, units in rows
        ]
        self._insert("features", ("id", "ends_open", *FEATURE_ARRAYS), batch, or_ignore=True)

    def features(self) -> dict[str, Sentences]:
        """Every stored article's sentence features, by article id."""
        from sourcetrace.corpus.passages import Sentences

        names = ", ".join(FEATURE_ARRAYS)
        result = {}
        for row in self.db.execute(f"SELECT id, ends_open, {names} FROM features").fetchall():
            arrays = {
                name: np.frombuffer(blob or b"", dtype=dtype)
                for (name, dtype), blob in zip(FEATURE_ARRAYS.items(), row[2:], strict=True)
            }
            arrays["spans"] = arrays["spans"].reshape(-1, 2)
            result[str(row[0])] = Sentences(ends_open=bool(row[1]), **arrays)
        return result

    # discovery ----------------------------------------------------------------------
    def save_discovery(
        self,
        pairs: list[PairRow],
        chains: list[ChainRow],
        audit: list[int],
        not_audited: list[tuple[int, str]] | None = None,
    ) -> None:
        """Store pairs, chains and the work list in one transaction, replacing any partial
        earlier attempt (discovery is all-or-nothing). ``not_audited`` pairs are recorded in
        the work list with status ``not_audited`` and the reason as their error."""
        self.db.execute("BEGIN TRANSACTION")
        try:
            for table in ("pairs", "chains", "work", "findings"):
                self.db.execute(f"DELETE FROM {table}")
            self._insert("pairs", PAIR_COLUMNS, [astuple(p) for p in pairs])
            self._insert(
                "chains",
                CHAIN_COLUMNS,
                [
                    (c.article_id, c.source_id, c.root_id, c.depth, json.dumps(c.path))
                    for c in chains
                ],
            )
            self._insert("work", ("pair_id", "status"), [(p, "pending") for p in audit])
            self._insert(
                "work",
                ("pair_id", "status", "error"),
                [(p, "not_audited", why) for p, why in not_audited or []],
            )
            self.set_meta("discovered", "1")
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def pending(self) -> list[tuple[int, str, str]]:
        """Pairs still to audit: ``(pair_id, source_id, derived_id)`` in pair order."""
        rows = self.db.execute(
            "SELECT w.pair_id, p.source_id, p.derived_id FROM work w JOIN pairs p USING (pair_id) "
            "WHERE w.status = 'pending' ORDER BY w.pair_id"
        ).fetchall()
        return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]

    # audit results ------------------------------------------------------------------
    def record_result(self, pair_id: int, result: dict[str, Any]) -> None:
        """A pair's findings and its ``done`` mark, in one transaction."""
        findings = result.get("findings", [])
        self.db.execute("BEGIN TRANSACTION")
        try:
            # A pair is written once, but clearing first keeps the table duplicate-free even
            # if a caller retries after an error between these statements.
            self.db.execute("DELETE FROM findings WHERE pair_id = ?", [pair_id])
            if findings:
                self.db.executemany(
                    f"INSERT INTO findings VALUES (?, ?, {FINDING_PLACEHOLDERS})",
                    [
                        (pair_id, n, *(f.get(c) for c in FINDING_COLUMNS))
                        for n, f in enumerate(findings)
                    ],
                )
            self.db.execute(
                "UPDATE work SET status = 'done', error = NULL, n_findings = ?, worst = ?, "
                "report_json = ?, finished_at = now() WHERE pair_id = ?",
                [len(findings), result.get("worst"), result.get("report_json"), pair_id],
            )
            self.db.execute(
                "UPDATE pairs SET faithfulness = ? WHERE pair_id = ?",
                [result.get("faithfulness"), pair_id],
            )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def record_failure(self, pair_id: int, error: str) -> None:
        self.db.execute(
            "UPDATE work SET status = 'failed', error = ?, finished_at = now() WHERE pair_id = ?",
            [error[:2000], pair_id],
        )

    # reading back -------------------------------------------------------------------
    def _scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        row = self.db.execute(sql, params or []).fetchone()
        return row[0] if row else None

    def counts(self) -> dict[str, int]:
        """Row counts of every table and of work by status."""
        result = {table: int(self._scalar(f"SELECT count(*) FROM {table}")) for table in TABLES}
        for status, count in self.db.execute(
            "SELECT status, count(*) FROM work GROUP BY status"
        ).fetchall():
            result[f"work_{status}"] = int(count)
        return result

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        return self.db.execute(sql, params or []).fetchall()

    def export_parquet(self, folder: Path) -> list[Path]:
        """Write every table to ``folder/<table>.parquet``."""
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for table in TABLES:
            target = folder / f"{table}.parquet"
            self.db.execute(f"COPY {table} TO '{_sql_string(str(target))}' (FORMAT parquet)")
            written.append(target)
        return written


def _sql_string(value: str) -> str:
    return value.replace("'", "''")
