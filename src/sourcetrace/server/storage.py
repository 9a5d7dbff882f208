"""Saved reports: one embedded SQLite database (stdlib sqlite3), so a restart loses nothing.

Each report is stored whole as its JSON (the same dict the API returns), with a few columns
copied out for the recent-reports list. Report ids are random and unguessable: a permalink
is only known to whoever ran the check or was given the link.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sourcetrace.errors import InputError

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    source_title TEXT,
    derived_title TEXT,
    worst TEXT,
    findings INTEGER NOT NULL,
    report TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_created_at ON reports (created_at);
"""


def default_db_path() -> Path:
    """``$SOURCETRACE_DB``, else ``$XDG_DATA_HOME/sourcetrace/reports.db`` (~/.local/share)."""
    configured = os.environ.get("SOURCETRACE_DB")
    if configured:
        return Path(configured).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "sourcetrace" / "reports.db"


def new_report_id() -> str:
    """A random, URL-safe id (96 bits): permalinks cannot be enumerated."""
    return secrets.token_urlsafe(12)


@dataclass(frozen=True)
class ReportSummary:
    """One line of the recent-reports list."""

    id: str
    created_at: str
    source_title: str | None
    derived_title: str | None
    worst: str | None
    findings: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "created_at": self.created_at,
            "source_title": self.source_title,
            "derived_title": self.derived_title,
            "worst": self.worst,
            "findings": self.findings,
        }


class ReportStore:
    """Reports in a SQLite file; safe to use from several threads (one connection per call)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path).expanduser()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as db:
                # WAL lets readers (permalinks, the list) proceed while a report is written.
                db.execute("PRAGMA journal_mode=WAL")
                db.executescript(_SCHEMA)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except (OSError, sqlite3.Error) as exc:
            raise InputError(f"cannot open the report database {self.path}: {exc}") from exc
        # sqlite serialises writers itself; the lock only avoids "database is locked" retries
        # between this process's own threads.
        self._write_lock = threading.Lock()

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=30)) as connection, connection:
            yield connection

    def save(self, report: dict[str, Any]) -> str:
        """Store ``report`` (a report_to_dict dict) and return its new id."""
        report_id = new_report_id()
        summary = report.get("summary") or {}
        row = (
            report_id,
            datetime.now(UTC).isoformat(timespec="seconds"),
            (report.get("source") or {}).get("title"),
            (report.get("derived") or {}).get("title"),
            summary.get("worst"),
            len(report.get("findings") or []),
            json.dumps(report, ensure_ascii=False),
        )
        with self._write_lock, self._connect() as db:
            db.execute("INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?)", row)
        return report_id

    def get(self, report_id: str) -> dict[str, Any] | None:
        """The stored report, or None when there is no report with this id."""
        with self._connect() as db:
            found = db.execute("SELECT report FROM reports WHERE id = ?", (report_id,)).fetchone()
        return json.loads(found[0]) if found else None

    def recent(self, limit: int = 20) -> list[ReportSummary]:
        """The newest ``limit`` reports, newest first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT id, created_at, source_title, derived_title, worst, findings "
                "FROM reports ORDER BY created_at DESC, rowid DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [ReportSummary(*row) for row in rows]

    def count(self) -> int:
        with self._connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM reports").fetchone()[0])
