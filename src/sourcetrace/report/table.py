"""The report in the terminal (rich): findings grouped by severity, each with both texts."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sourcetrace.model import Report, Severity

STYLES = {"critical": "bold red", "major": "red", "minor": "yellow", "info": "cyan"}


def _summary(report: Report) -> Table:
    table = Table.grid(padding=(0, 2))
    supported = sum(1 for a in report.alignments if a.source)
    table.add_row("Source", report.source.article.title or report.source.article.path or "(text)")
    table.add_row(
        "Derived", report.derived.article.title or report.derived.article.path or "(text)"
    )
    table.add_row("Aligned", f"{supported} of {len(report.alignments)} derived sentences")
    counts = ", ".join(
        f"{sum(1 for f in report.findings if f.severity is s)} {s.value}" for s in Severity
    )
    table.add_row("Findings", counts)
    if report.source_gap is not None:
        table.add_row("Source", f"looks incomplete: {report.source_gap.reason}")
    score = report.faithfulness
    table.add_row("Faithfulness", "—" if score is None else f"{score:.2f}")
    for c in report.coverage:
        table.add_row("Coverage", f"{c.speaker}: {c.used}/{c.sentences} sentences ({c.share:.0%})")
    return table


def build(report: Report) -> Group:
    """The renderable report: a summary, then one table per severity."""
    parts: list[Panel | Table] = [Panel(_summary(report), title="sourcetrace", expand=False)]
    for severity in Severity:
        findings = [f for f in report.findings if f.severity is severity]
        if not findings:
            continue
        table = Table(
            title=f"{severity.value} ({len(findings)})",
            title_style=STYLES[severity.value],
            show_lines=True,
            expand=True,
        )
        table.add_column("kind", style=STYLES[severity.value], no_wrap=True)
        table.add_column("speaker")
        table.add_column("derived", ratio=3)
        table.add_column("source", ratio=3)
        table.add_column("why", ratio=3)
        for f in findings:
            derived = f.derived_span.of(report.derived.article) if f.derived_span else "—"
            source = f.source_span.of(report.source.article) if f.source_span else "—"
            where = lambda s: f"[{s.start}:{s.end}]" if s else ""  # noqa: E731
            table.add_row(
                f.kind + (" (quote)" if f.in_quote else ""),
                f.speaker or "—",
                Text(f"{derived}\n{where(f.derived_span)}"),
                Text(f"{source}\n{where(f.source_span)}"),
                Text(f.reason),
            )
        parts.append(table)
    if not report.findings:
        parts.append(Panel("No findings: every derived passage matches its source."))
    return Group(*parts)


def print_report(report: Report, console: Console | None = None) -> None:
    (console or Console()).print(build(report))


def render_table(report: Report, width: int = 160) -> str:
    """The table as plain text (for ``-o FILE --format table``)."""
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(build(report))
    return console.export_text()
