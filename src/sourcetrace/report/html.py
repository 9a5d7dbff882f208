"""The HTML report: one self-contained page a fact-checker can read, click and print.

:func:`render_html` takes the report *dict* (``sourcetrace.report.json.report_to_dict``), so the
same renderer serves the CLI (``--format html``) and the web app. The page loads nothing from
the network: CSS and JS are inlined and a Content-Security-Policy forbids every other load.
Every piece of article text, reason and speaker name goes through Jinja2's autoescaping; the
small script only toggles classes and never writes HTML, so article text cannot become markup.

The texts are cut into non-overlapping *pieces* at every finding boundary and line break:
each piece knows which findings cover it, so overlapping findings render as nested colours
without ever producing overlapping ``<mark>`` elements.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from sourcetrace.model import FINDING_KINDS, Severity
from sourcetrace.report.order import worst_first

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

SEVERITIES = ("critical", "major", "minor", "info")
_SEVERITY_RANK = {s.value: s.rank for s in Severity}


@dataclass(frozen=True)
class Piece:
    """A run of text ``[start, end)`` covered by exactly the findings in ``findings``."""

    start: int
    end: int
    text: str
    findings: tuple[int, ...]
    severity: str | None  # the worst severity among ``findings``
    tags: tuple[int, ...] = ()  # findings whose span starts here (their kind label goes here)
    margins: tuple[str, ...] = ()  # margin kinds of the covering spans ("addition", "omission")
    alignments: tuple[int, ...] = ()  # alignments (derived sentence <-> source) covering it


@dataclass
class Line:
    """One line of an article (the text between two line breaks), cut into pieces."""

    start: int
    pieces: list[Piece] = field(default_factory=list)
    marks: set[str] = field(default_factory=set)  # margin marks: "addition", "omission"

    @property
    def blank(self) -> bool:
        return not any(p.text.strip() for p in self.pieces)


@dataclass(frozen=True)
class Marked:
    """A span of one text to highlight, belonging to finding number ``index``."""

    start: int
    end: int
    index: int
    severity: str
    margin: str | None = None  # margin mark for the lines this span touches


def worst_severity(severities: Iterable[str]) -> str | None:
    """The most severe of ``severities`` (None for none)."""
    ranked = [s for s in severities if s in _SEVERITY_RANK]
    return max(ranked, key=_SEVERITY_RANK.__getitem__) if ranked else None


def _clamped(marked: Iterable[Marked], length: int) -> list[Marked]:
    """``marked`` clamped to a text of ``length`` characters, empty spans dropped."""
    spans = [
        Marked(
            max(0, min(m.start, length)), max(0, min(m.end, length)), m.index, m.severity, m.margin
        )
        for m in marked
    ]
    return [m for m in spans if m.end > m.start]


def split_lines(text: str, marked: list[Marked], aligned: Iterable[Marked] = ()) -> list[Line]:
    """Cut ``text`` into lines of non-overlapping pieces at every span boundary.

    ``marked`` are findings (coloured, labelled); ``aligned`` are alignment spans (a layer
    that only records which alignments cover each piece). Spans are clamped to the text, so a
    report with stale offsets still renders.
    """
    length = len(text)
    spans = _clamped(marked, length)
    alignments = _clamped(aligned, length)
    cuts = {0, length}
    for m in (*spans, *alignments):
        cuts.update((m.start, m.end))
    cuts.update(i + 1 for i, char in enumerate(text) if char == "\n")
    bounds = sorted(cuts)
    severity_of = {m.index: m.severity for m in spans}
    starts_at: dict[int, list[int]] = {}
    for m in sorted(spans, key=lambda m: (m.start, -m.end, m.index)):
        starts_at.setdefault(m.start, []).append(m.index)

    lines = [Line(start=0)]
    for start, end in itertools.pairwise(bounds):
        covering = tuple(m.index for m in spans if m.start <= start and end <= m.end)
        chunk = text[start:end]
        visible = chunk[:-1] if chunk.endswith("\n") else chunk
        line = lines[-1]
        if visible or start in starts_at:
            line.pieces.append(
                Piece(
                    start=start,
                    end=start + len(visible),
                    text=visible,
                    findings=covering,
                    severity=worst_severity(severity_of[i] for i in covering),
                    tags=tuple(starts_at.get(start, ())),
                    margins=tuple(
                        sorted({m.margin for m in spans if m.margin and m.index in covering})
                    ),
                    alignments=tuple(
                        a.index for a in alignments if a.start <= start and end <= a.end
                    ),
                )
            )
        line.marks.update(m.margin for m in spans if m.margin and m.start < end and start < m.end)
        if chunk.endswith("\n"):
            lines.append(Line(start=end))
    if len(lines) > 1 and not lines[-1].pieces:
        lines.pop()  # the text ended with a line break: no empty line after it
    return lines


def _span(value: Any) -> tuple[int, int] | None:
    """A ``[start, end]`` pair from the JSON, or None."""
    if isinstance(value, list | tuple) and len(value) == 2:
        start, end = value
        if isinstance(start, int) and isinstance(end, int) and end >= start:
            return start, end
    return None


def kind_label(kind: str) -> str:
    """``quote_fabricated`` -> ``quote fabricated``."""
    return kind.replace("_", " ")


def _prepare_findings(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Findings in reading order (by derived offset, omissions last), with display fields.

    ``index`` numbers them in that order: it is their id in the page (``#f-3``) and their
    position when the reader sorts the list by position.
    """

    def order(item: tuple[int, dict[str, Any]]) -> tuple[int, int, int]:
        _, f = item
        derived = _span(f.get("derived_span"))
        source = _span(f.get("source_span"))
        position = derived[0] if derived else 10**12 + (source[0] if source else 0)
        return (position, -_SEVERITY_RANK.get(str(f.get("severity")), 0), item[0])

    prepared = []
    for index, (_, f) in enumerate(sorted(enumerate(findings), key=order)):
        severity = str(f.get("severity") or "info")
        prepared.append(
            {
                **f,
                "index": index,
                "severity": severity if severity in _SEVERITY_RANK else "info",
                "kind_label": kind_label(str(f.get("kind", ""))),
                "derived": _span(f.get("derived_span")),
                "source": _span(f.get("source_span")),
                "speaker_key": f.get("speaker") or "",
                "diff": [tuple(op) for op in (f.get("diff") or []) if len(op) == 3],
            }
        )
    return prepared


def _prepare_alignments(alignments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Alignments with valid spans, numbered, with what the page says about each."""
    prepared: list[dict[str, Any]] = []
    for raw in alignments:
        derived = _span(raw.get("derived_span"))
        if derived is None:
            continue
        sources = [s for s in (_span(v) for v in raw.get("source_spans") or []) if s]
        prepared.append(
            {
                "index": len(prepared),
                "derived": derived,
                "sources": sources,
                # Shown as "support"; the contract's range is [0, 1].
                "score": max(0.0, min(1.0, float(raw.get("score") or 0.0))),
                "evidence": str(raw.get("evidence") or "none"),
            }
        )
    return prepared


def _quote_rows(report: Mapping[str, Any], findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The derived article's quotes, each with its text and the most severe finding inside it."""
    text = str(report.get("derived", {}).get("text") or "")
    rows = []
    for quote in report.get("quotes") or []:
        span = _span(quote.get("span"))
        if span is None:
            continue
        related = [
            f
            for f in findings
            if f["derived"] and f["derived"][0] < span[1] and span[0] < f["derived"][1]
        ]
        related.sort(key=lambda f: -_SEVERITY_RANK[f["severity"]])
        rows.append(
            {
                "text": text[span[0] : span[1]],
                "speaker": quote.get("speaker"),
                "verdict": str(quote.get("verdict") or "unknown"),
                "scare": bool(quote.get("scare")),
                "finding": related[0]["index"] if related else None,
            }
        )
    return rows


def _coverage_rows(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for row in (report.get("coverage") or {}).get("speakers") or []:
        share = float(row.get("share") or 0.0)
        rows.append(
            {
                "speaker": row.get("speaker") or "(unnamed)",
                "sentences": int(row.get("sentences") or 0),
                "used": int(row.get("used") or 0),
                "share": max(0.0, min(1.0, share)),
            }
        )
    return rows


def _options(values: Iterable[str], order: Iterable[str] = ()) -> list[str]:
    """Distinct values, those in ``order`` first in that order, then the rest sorted."""
    present = set(values)
    ordered = [v for v in order if v in present]
    return ordered + sorted(present - set(ordered))


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # every template, whatever its extension: article text is hostile
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["kind_label"] = kind_label
    env.filters["pct"] = lambda value: f"{100 * float(value):.0f}%"
    return env


def _csp_hash(content: str) -> str:
    digest = base64.b64encode(hashlib.sha256(content.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


@lru_cache(maxsize=1)
def _assets() -> dict[str, Any]:
    """The inline CSS and script with their CSP hashes: only these exact blocks may apply/run."""
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    script = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    # Our own files, trusted: inlined unescaped so the page needs no network.
    return {
        "css": Markup(css),
        "css_hash": _csp_hash(css),
        "script": Markup(script),
        "script_hash": _csp_hash(script),
    }


def render_html(
    report: Mapping[str, Any],
    *,
    nav: Mapping[str, str] | None = None,
    preface: Markup | None = None,
) -> str:
    """The report dict as one self-contained HTML page.

    ``nav`` adds links to the page header (label -> URL), as the web app does for "new check"
    and the JSON permalink. ``preface`` is trusted, already escaped HTML shown under the
    header (``sourcetrace trace`` puts the ranked corpus sources there).
    """
    source = report.get("source") or {}
    derived = report.get("derived") or {}
    source_text = str(source.get("text") or "")
    derived_text = str(derived.get("text") or "")
    findings = _prepare_findings(list(report.get("findings") or []))

    derived_marks = [
        Marked(
            f["derived"][0],
            f["derived"][1],
            f["index"],
            f["severity"],
            "addition" if f["kind"] == "unsupported_addition" else None,
        )
        for f in findings
        if f["derived"]
    ]
    source_marks = [
        Marked(
            f["source"][0],
            f["source"][1],
            f["index"],
            f["severity"],
            "omission" if f["kind"] == "omission" else None,
        )
        for f in findings
        if f["source"]
    ]
    alignments = _prepare_alignments(list(report.get("alignments") or []))
    derived_aligned = [
        Marked(a["derived"][0], a["derived"][1], a["index"], "none") for a in alignments
    ]
    source_aligned = [Marked(s, e, a["index"], "none") for a in alignments for s, e in a["sources"]]
    kind_counts = Counter(f["kind"] for f in findings)
    severity_counts = Counter(f["severity"] for f in findings)
    coverage = report.get("coverage") or {}
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            source=source,
            derived=derived,
            source_lines=split_lines(source_text, source_marks, source_aligned),
            derived_lines=split_lines(derived_text, derived_marks, derived_aligned),
            alignments=alignments,
            findings=findings,
            listed=worst_first(findings),  # the list's default order; the page can re-sort
            quotes=_quote_rows(report, findings),
            coverage=_coverage_rows(report),
            derived_supported=coverage.get("derived_supported"),
            source_gap=report.get("source_gap"),
            faithfulness=(report.get("summary") or {}).get("faithfulness"),
            severities=SEVERITIES,
            severity_counts=severity_counts,
            kind_counts=kind_counts,
            kinds=_options((f["kind"] for f in findings), FINDING_KINDS),
            speakers=_options(f["speaker_key"] for f in findings),
            worst=worst_severity(severity_counts),
            nav=dict(nav or {}),
            preface=preface,
            **_assets(),
        )
    )
