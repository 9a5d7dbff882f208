"""The report as Markdown, from the JSON report dict (so every format shows the same data)."""

from __future__ import annotations

from typing import Any

ORDER = ("critical", "major", "minor", "info")


def _cell(text: str | None) -> str:
    if not text:
        return "—"
    return " ".join(text.split()).replace("|", "\\|")


def _score(value: float | None) -> str:
    """The faithfulness score with two decimals, or a dash when there is none."""
    return "—" if value is None else f"{value:.2f}"


def render_markdown(data: dict[str, Any]) -> str:
    source, derived = data["source"], data["derived"]
    lines = [
        "# sourcetrace report",
        "",
        f"- **Source:** {_cell(source.get('title') or source.get('path'))}",
        f"- **Derived:** {_cell(derived.get('title') or derived.get('path'))}",
        f"- **Derived sentences with a source:** {data['coverage']['derived_supported']:.0%}",
        f"- **Faithfulness:** {_score(data['summary'].get('faithfulness'))}",
        "- **Findings:** "
        + ", ".join(f"{data['summary']['by_severity'].get(s, 0)} {s}" for s in ORDER),
    ]
    gap = data.get("source_gap")
    if gap:
        lines.append(f"- **Source looks incomplete:** {_cell(gap['reason'])}")
    lines += [
        "",
        "## Coverage by speaker",
        "",
        "| speaker | sentences | used | share |",
        "|---|---:|---:|---:|",
    ]
    for row in data["coverage"]["speakers"]:
        lines.append(
            f"| {_cell(row['speaker'])} | {row['sentences']} | {row['used']} | {row['share']:.0%} |"
        )
    for severity in ORDER:
        findings = [f for f in data["findings"] if f["severity"] == severity]
        if not findings:
            continue
        lines += [
            "",
            f"## {severity.capitalize()} ({len(findings)})",
            "",
            "| kind | speaker | derived | source | why |",
            "|---|---|---|---|---|",
        ]
        for f in findings:
            d = f"{_cell(f['derived_text'])} `{f['derived_span']}`" if f["derived_span"] else "—"
            s = f"{_cell(f['source_text'])} `{f['source_span']}`" if f["source_span"] else "—"
            kind = f["kind"] + (" (quote)" if f["in_quote"] else "")
            lines.append(f"| {kind} | {_cell(f['speaker'])} | {d} | {s} | {_cell(f['reason'])} |")
    return "\n".join(lines) + "\n"
