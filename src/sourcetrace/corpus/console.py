"""What ``sourcetrace scan`` shows on the terminal: rich progress bars and a summary.

On a terminal each phase gets a progress bar with counts, rate and elapsed time. When
stderr is not a terminal (logs, CI, a parent process reading the pipe) the same events are
printed as plain lines, one per audited pair, so progress can be followed and parsed.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from sourcetrace.corpus.scan import ScanSummary


class RateColumn(ProgressColumn):
    """Items per second of a task (rich's speed columns are for bytes)."""

    def render(self, task: Any) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f}/s" if speed else "-/s", style="progress.data.speed")


class RichProgress:
    """A :class:`~sourcetrace.corpus.scan.ScanProgress` on a rich console (stderr)."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.live = self.console.is_terminal
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description:<12}"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            RateColumn(),
            TimeElapsedColumn(),
            console=self.console,
            disable=not self.live,
        )
        self.task: Any = None
        self.name = ""
        self.done = 0
        self.total: int | None = None

    def __enter__(self) -> RichProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def phase(self, name: str, total: int | None) -> None:
        if self.task is not None:
            self.progress.update(self.task, completed=self.done, total=self.total or self.done)
        self.name, self.done, self.total = name, 0, total
        self.task = self.progress.add_task(name, total=total)
        if not self.live:
            self.console.print(f"{name}..." + (f" ({total})" if total is not None else ""))

    def advance(self, count: int = 1) -> None:
        if count <= 0:
            return
        self.done += count
        self.progress.advance(self.task, count)
        if not self.live and self.name == "auditing":
            self.console.print(f"audited {self.done}/{self.total} pairs")

    def note(self, message: str) -> None:
        self.console.print(message, highlight=False, markup=False)


def summary_lines(summary: ScanSummary) -> list[str]:
    """The scan's outcome in a few plain lines."""
    lines = [
        f"articles: {summary.articles} (skipped {summary.skipped.total} records)",
        f"pairs: {summary.pairs} verified derivations, {summary.chains} chains of 3 or more",
        f"audited: {summary.audited} pairs, {summary.failed} failed, {summary.findings} findings",
        "time: " + ", ".join(f"{k} {v:.1f}s" for k, v in summary.timings.items()),
    ]
    if summary.resumed:
        lines.insert(0, "resumed an earlier scan")
    return lines
