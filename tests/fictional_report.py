"""A hand-made report dict for a fictional article pair (shape: CONTRACTS.md, report_to_dict).

The renderer and the web app are tested against this before and besides the real pipeline:
it has every display feature (overlapping findings, an omission, an addition, a quote diff,
a finding with no speaker, coverage for two speakers). All text is invented for these tests.
"""

from __future__ import annotations

import copy
from typing import Any

SOURCE = """Harbour plan divides Lowmere council

Marta Quell
Deputy mayor of Lowmere
The expansion could create around 400 jobs if the state grant arrives.
We will not raise harbour fees this year.

Idris Pembe
Chair of the fishermen's cooperative
The new quay may push small boats out of the inner basin.
Nobody has asked the cooperative what it needs.
"""

DERIVED = """Lowmere harbour expansion will create 900 jobs

The expansion will create 900 jobs, deputy mayor Marta Quell said.
“We will raise harbour fees this year,” Quell told reporters.
Critics fear the project, which has already been approved by the regional court.
Fishermen's leader Idris Pembe said the new quay “will push small boats out.”
"""


def span(text: str, part: str, start: int = 0) -> list[int]:
    """The ``[start, end]`` of ``part`` in ``text`` (which must contain it)."""
    at = text.index(part, start)
    return [at, at + len(part)]


def finding(
    kind: str,
    severity: str,
    reason: str,
    derived_part: str | None,
    source_part: str | None,
    *,
    speaker: str | None = None,
    in_quote: bool = False,
    diff: list[list[str]] | None = None,
    derived: str = DERIVED,
    source: str = SOURCE,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "severity": severity,
        "speaker": speaker,
        "in_quote": in_quote,
        "derived_span": span(derived, derived_part) if derived_part else None,
        "source_span": span(source, source_part) if source_part else None,
        "derived_text": derived_part,
        "source_text": source_part,
        "reason": reason,
        "diff": diff,
    }


def article(text: str, title: str, outlet: str | None) -> dict[str, Any]:
    return {
        "title": title,
        "outlet": outlet,
        "published": "2031-03-02",
        "url": None,
        "kind": "text",
        "author": None,
        "path": None,
        "text": text,
    }


def fictional_report() -> dict[str, Any]:
    """A fresh copy of the fictional report (tests may mutate it)."""
    findings = [
        finding(
            "number_changed",
            "major",
            "The source says around 400 jobs; the derived text says 900.",
            "The expansion will create 900 jobs",
            "The expansion could create around 400 jobs if the state grant arrives.",
            speaker="Marta Quell",
        ),
        finding(
            "hedge_dropped",
            "major",
            "'could ... if the state grant arrives' became a plain 'will'.",
            "The expansion will create",
            "The expansion could create around 400 jobs if the state grant arrives.",
            speaker="Marta Quell",
        ),
        finding(
            "polarity_flip",
            "critical",
            "The source says fees will NOT rise; the quote says they will.",
            "“We will raise harbour fees this year,”",
            "We will not raise harbour fees this year.",
            speaker="Marta Quell",
            in_quote=True,
            diff=[
                ["equal", "We will", "We will"],
                ["delete", "not", ""],
                ["equal", "raise harbour fees this year", "raise harbour fees this year"],
            ],
        ),
        finding(
            "unsupported_addition",
            "major",
            "Nothing in the source mentions a court approval.",
            "which has already been approved by the regional court",
            None,
        ),
        finding(
            "quote_altered",
            "minor",
            "'may push' became 'will push' inside quotation marks.",
            "“will push small boats out.”",
            "The new quay may push small boats out of the inner basin.",
            speaker="Idris Pembe",
            in_quote=True,
            diff=[
                ["replace", "may", "will"],
                ["equal", "push small boats out", "push small boats out"],
                ["delete", "of the inner basin", ""],
            ],
        ),
        finding(
            "omission",
            "minor",
            "The cooperative's complaint that nobody consulted it is left out.",
            None,
            "Nobody has asked the cooperative what it needs.",
            speaker="Idris Pembe",
        ),
    ]
    quotes = [
        {
            "span": span(DERIVED, "“We will raise harbour fees this year,”"),
            "content_span": span(DERIVED, "We will raise harbour fees this year,"),
            "speaker": "Marta Quell",
            "cue_span": span(DERIVED, "told"),
            "scare": False,
            "verdict": "altered",
            "source_span": span(SOURCE, "We will not raise harbour fees this year."),
        },
        {
            "span": span(DERIVED, "“will push small boats out.”"),
            "content_span": span(DERIVED, "will push small boats out."),
            "speaker": "Idris Pembe",
            "cue_span": span(DERIVED, "said"),
            "scare": False,
            "verdict": "altered",
            "source_span": span(
                SOURCE, "The new quay may push small boats out of the inner basin."
            ),
        },
    ]
    by_severity: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    for f in findings:
        by_severity[f["severity"]] = by_severity.get(f["severity"], 0) + 1
        by_kind[f["kind"]] = by_kind.get(f["kind"], 0) + 1
    report = {
        "schema_version": "1",
        "source": article(SOURCE, "Harbour plan divides Lowmere council", "The Lowmere Ledger"),
        "derived": article(DERIVED, "Lowmere harbour expansion will create 900 jobs", None),
        "alignments": [
            {
                "derived_span": span(DERIVED, "The expansion will create 900 jobs"),
                "source_spans": [
                    span(SOURCE, "The expansion could create around 400 jobs if the state grant")
                ],
                "score": 0.71,
                "lexical": 0.62,
                "semantic": 0.8,
                "evidence": "both",
            }
        ],
        "quotes": quotes,
        "coverage": {
            "speakers": [
                {"speaker": "Marta Quell", "sentences": 2, "used": 2, "share": 1.0},
                {"speaker": "Idris Pembe", "sentences": 2, "used": 1, "share": 0.5},
            ],
            "derived_supported": 0.6,
        },
        "findings": findings,
        "summary": {
            "by_severity": by_severity,
            "by_kind": by_kind,
            "worst": "critical",
            "faithfulness": 0.3125,  # any score in [0, 1]: renderers show it, never recompute it
        },
    }
    return copy.deepcopy(report)


HOSTILE = (
    '<script>document.title="pwned";window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
)


def hostile_report() -> dict[str, Any]:
    """The fictional report with markup planted in both texts, a reason, a speaker and a title."""
    report = fictional_report()
    derived = report["derived"]["text"].replace("Critics fear", f"Critics {HOSTILE} fear")
    source = HOSTILE + "\n" + report["source"]["text"]
    shift = len(HOSTILE) + 1
    for f in report["findings"]:
        if f["source_span"]:
            f["source_span"] = [f["source_span"][0] + shift, f["source_span"][1] + shift]
        if f["derived_text"]:
            f["derived_span"] = span(derived, f["derived_text"])
    for q in report["quotes"]:
        for key in ("span", "content_span", "cue_span"):
            q[key] = span(derived, report["derived"]["text"][q[key][0] : q[key][1]])
    report["derived"]["text"] = derived
    report["source"]["text"] = source
    report["derived"]["title"] = HOSTILE
    report["findings"][3]["reason"] = f"Reason with {HOSTILE}"
    report["findings"][3]["speaker"] = HOSTILE
    report["findings"][3]["derived_span"] = span(derived, f"Critics {HOSTILE} fear")
    report["findings"][3]["derived_text"] = f"Critics {HOSTILE} fear"
    report["coverage"]["speakers"][0]["speaker"] = HOSTILE
    return report
