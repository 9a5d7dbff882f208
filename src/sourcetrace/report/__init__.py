"""Report renderers: JSON (with a published schema), terminal text, rich table, Markdown, HTML.

``render(report, fmt)`` is the one entry point the CLI, the web app and the corpus use.
"""

from __future__ import annotations

from sourcetrace.model import Report

FORMATS = ("json", "md", "html", "text", "table")


def render(report: Report, fmt: str) -> str:
    """The report as text in format ``fmt`` (one of :data:`FORMATS`)."""
    from sourcetrace.report.json import report_to_dict, report_to_json

    if fmt == "json":
        return report_to_json(report)
    if fmt == "md":
        from sourcetrace.report.markdown import render_markdown

        return render_markdown(report_to_dict(report))
    if fmt == "html":
        from sourcetrace.report.html import render_html

        return render_html(report_to_dict(report))
    if fmt == "text":
        from sourcetrace.report.terminal import render_terminal

        return render_terminal(report_to_dict(report))
    if fmt == "table":
        from sourcetrace.report.table import render_table

        return render_table(report)
    raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
