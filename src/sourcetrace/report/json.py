"""The report as JSON, following ``schemas/report.schema.json`` (published in the package)."""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Any

from sourcetrace.model import FINDING_KINDS, Document, Report, Severity, Span
from sourcetrace.verify.common import claim_speaker

SCHEMA_VERSION = "1"


def _span(span: Span | None) -> list[int] | None:
    return span.to_list() if span is not None else None


def _article(document: Document) -> dict[str, Any]:
    return {**document.article.meta(), "text": document.text}


def _quotes(report: Report) -> list[dict[str, Any]]:
    rows = []
    for checked in report.quotes:
        quote = checked.quote
        speaker = quote.speaker or claim_speaker(report.derived, quote.content_span)
        rows.append(
            {
                "span": _span(quote.span),
                "content_span": _span(quote.content_span),
                "speaker": speaker.name if speaker else None,
                "cue_span": _span(quote.cue_span),
                "scare": quote.scare,
                "verdict": checked.verdict,
                "source_span": _span(checked.source_span),
            }
        )
    return rows


def _source_gap(report: Report) -> dict[str, Any] | None:
    gap = report.source_gap
    if gap is None:
        return None
    return {"reason": gap.reason, "source_end": gap.source_end, "derived_from": gap.derived_from}


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data (spans are character offsets into each text)."""
    findings = []
    for f in report.findings:
        findings.append(
            {
                "kind": f.kind,
                "severity": f.severity.value,
                "speaker": f.speaker,
                "in_quote": f.in_quote,
                "derived_span": _span(f.derived_span),
                "source_span": _span(f.source_span),
                "derived_text": f.derived_span.of(report.derived.article)
                if f.derived_span
                else None,
                "source_text": f.source_span.of(report.source.article) if f.source_span else None,
                "reason": f.reason,
                "diff": [list(op) for op in f.diff] if f.diff else None,
            }
        )
    derived_total = len(report.alignments)
    supported = sum(1 for a in report.alignments if a.source)
    worst = report.worst()
    faithfulness = report.faithfulness
    return {
        "schema_version": SCHEMA_VERSION,
        "source": _article(report.source),
        "derived": _article(report.derived),
        "alignments": [
            {
                "derived_span": _span(a.derived),
                "source_spans": [s.to_list() for s in a.source],
                "score": round(a.score, 4),
                "lexical": round(a.lexical, 4),
                "semantic": round(a.semantic, 4),
                "evidence": a.evidence,
            }
            for a in report.alignments
        ],
        "quotes": _quotes(report),
        "coverage": {
            "speakers": [
                {
                    "speaker": c.speaker,
                    "sentences": c.sentences,
                    "used": c.used,
                    "share": round(c.share, 4),
                }
                for c in report.coverage
            ],
            "derived_supported": round(supported / derived_total, 4) if derived_total else 0.0,
        },
        "source_gap": _source_gap(report),
        "findings": findings,
        "summary": {
            "by_severity": dict(Counter(f.severity.value for f in report.findings)),
            "by_kind": dict(Counter(f.kind for f in report.findings)),
            "worst": worst.value if worst else None,
            "faithfulness": round(faithfulness, 4) if faithfulness is not None else None,
        },
    }


def report_to_json(report: Report) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


@lru_cache(maxsize=1)
def report_schema() -> dict[str, Any]:
    """The published JSON Schema of :func:`report_to_dict`'s output."""
    text = resources.files("sourcetrace").joinpath("schemas/report.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


__all__ = ["FINDING_KINDS", "Severity", "report_schema", "report_to_dict", "report_to_json"]
