"""The corpus report: one self-contained HTML page summarising a scan.

Per outlet: how many of its articles derive from others and what their audits found;
distortions by kind and severity; chains of rewrites; the worst pairs, each linked to its
own side-by-side report (written next to the page, in ``<page>_pairs/``, by the single-pair
HTML renderer from the JSON report the scan stored). Charts are inline SVG bars: no script,
no external file, so the page can be mailed or archived as is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from sourcetrace.corpus.store import Store
from sourcetrace.model import FINDING_KINDS, Severity

SEVERITIES = [s.value for s in sorted(Severity, key=lambda s: -s.rank)]
SEVERITY_COLOURS = {
    "critical": "#b91c1c",
    "major": "#ea580c",
    "minor": "#ca8a04",
    "info": "#6b7280",
}
BAR_COLOUR = "#2563eb"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    colour: str = BAR_COLOUR
    note: str = ""


def svg_bars(bars: list[Bar], width: int = 560, row: int = 22, label_width: int = 190) -> Markup:
    """Horizontal bars as an inline SVG element (labels and values as text)."""
    if not bars:
        return Markup('<p class="empty">nothing to chart</p>')
    top = max(bar.value for bar in bars) or 1.0
    span = width - label_width - 70
    parts = [
        f'<svg class="bars" role="img" width="{width}" height="{row * len(bars) + 4}" '
        f'viewBox="0 0 {width} {row * len(bars) + 4}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for index, bar in enumerate(bars):
        y = index * row + 2
        length = max(1.0, span * bar.value / top) if bar.value else 0.0
        value = f"{bar.value:g}" + (f" {bar.note}" if bar.note else "")
        parts.append(
            f'<text x="{label_width - 6}" y="{y + row * 0.65:.1f}" text-anchor="end">'
            f"{escape(bar.label[:32])}</text>"
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row - 7}" '
            f'fill="{bar.colour}"><title>{escape(bar.label)}: {escape(value)}</title></rect>'
            f'<text x="{label_width + length + 5:.1f}" y="{y + row * 0.65:.1f}">'
            f"{escape(value)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def svg_stacked(rows: list[tuple[str, dict[str, int]]], width: int = 560, row: int = 22) -> Markup:
    """One bar per row, split by severity (most severe first), with a legend."""
    if not rows:
        return Markup('<p class="empty">nothing to chart</p>')
    label_width = 190
    top = max(sum(counts.values()) for _, counts in rows) or 1
    span = width - label_width - 50
    height = row * len(rows) + 26
    parts = [
        f'<svg class="bars" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for index, (label, counts) in enumerate(rows):
        y = index * row + 2
        x = float(label_width)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + row * 0.65:.1f}" text-anchor="end">'
            f"{escape(label[:32])}</text>"
        )
        for severity in SEVERITIES:
            count = counts.get(severity, 0)
            if not count:
                continue
            length = span * count / top
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{length:.1f}" height="{row - 7}" '
                f'fill="{SEVERITY_COLOURS[severity]}"><title>{escape(label)}: {count} '
                f"{severity}</title></rect>"
            )
            x += length
        parts.append(
            f'<text x="{x + 5:.1f}" y="{y + row * 0.65:.1f}">{sum(counts.values())}</text>'
        )
    legend_y = row * len(rows) + 16
    for index, severity in enumerate(SEVERITIES):
        x = label_width + index * 90
        parts.append(
            f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" '
            f'fill="{SEVERITY_COLOURS[severity]}"/>'
            f'<text x="{x + 16}" y="{legend_y}">{severity}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


PAGE = jinja2.Template(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sourcetrace corpus report</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:980px;padding:0 1rem;color:#111}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eee;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.bars text{font:12px system-ui,sans-serif;fill:#222}
.cards{display:flex;gap:1rem;flex-wrap:wrap}
.card{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;min-width:120px}
.card b{display:block;font-size:1.4rem}
.sev{font-weight:600}.critical{color:#b91c1c}.major{color:#ea580c}.minor{color:#ca8a04}
.info{color:#6b7280}.empty{color:#666;font-style:italic}.muted{color:#666;font-size:.9em}
</style></head><body>
<h1>sourcetrace corpus report</h1>
<p class="muted">{{ database }}</p>
<div class="cards">
{% for label, value in cards %}<div class="card"><b>{{ value }}</b>{{ label }}</div>{% endfor %}
</div>

<h2>Outlets: articles derived from others</h2>
{{ outlet_chart }}
<table><thead><tr><th>outlet</th><th class="n">articles</th><th class="n">derived</th>
<th class="n">share</th><th class="n">findings</th>
{% for s in severities %}<th class="n">{{ s }}</th>{% endfor %}</tr></thead><tbody>
{% for o in outlets %}<tr><td>{{ o.outlet }}</td><td class="n">{{ o.articles }}</td>
<td class="n">{{ o.derived }}</td><td class="n">{{ "%.0f"|format(o.share * 100) }}%</td>
<td class="n">{{ o.findings }}</td>
{% for s in severities %}<td class="n">{{ o.by_severity.get(s, 0) }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table>

<h2>Findings per outlet, by severity</h2>
{{ outlet_severity_chart }}

<h2>Distortions by kind</h2>
{{ kind_chart }}

<h2>Distortions by severity</h2>
{{ severity_chart }}

<h2>Worst pairs</h2>
<p class="muted">least faithful first (faithfulness: the share of the derived claims the source
supports, weighted by severity; 1 is a faithful copy)</p>
{% if worst %}<table><thead><tr><th>#</th><th>source</th><th>derived</th><th>worst</th>
<th class="n">faithfulness</th><th class="n">findings</th><th>kinds</th><th>report</th></tr>
</thead><tbody>
{% for p in worst %}<tr><td>{{ p.pair_id }}</td>
<td>{{ p.source_id }}<br><span class="muted">{{ p.source_outlet }}</span></td>
<td>{{ p.derived_id }}<br><span class="muted">{{ p.derived_outlet }}</span></td>
<td class="sev {{ p.worst }}">{{ p.worst or "none" }}</td>
<td class="n">{{ "—" if p.faithfulness is none else "%.2f"|format(p.faithfulness) }}</td>
<td class="n">{{ p.n_findings }}</td>
<td>{{ p.kinds }}</td>
<td>{% if p.link %}<a href="{{ p.link }}">side by side</a>{% else %}<span class="muted">no
stored report</span>{% endif %}</td></tr>{% endfor %}</tbody></table>
{% else %}<p class="empty">no audited pair has findings or unsupported claims</p>{% endif %}

<h2>Chains of rewrites</h2>
{% if chains %}<table><thead><tr><th>chain (source first)</th><th class="n">length</th></tr>
</thead><tbody>{% for c in chains %}<tr><td>{{ c.path | join(" → ") }}</td>
<td class="n">{{ c.path | length }}</td></tr>{% endfor %}</tbody></table>
{% else %}<p class="empty">no chains of three or more articles</p>{% endif %}

<h2>Why articles were linked</h2>
{% if linked is none %}<p class="empty">this scan was made before passage evidence was stored</p>
{% elif linked %}<table><thead><tr><th>source → derived</th><th class="n">aligned</th>
<th class="n">run</th><th class="n">coverage</th><th class="n">verbatim</th><th>direction</th>
<th>shared sentences (derived | source)</th></tr></thead><tbody>
{% for p in linked %}<tr><td>{{ p.source_id }} → {{ p.derived_id }}</td>
<td class="n">{{ p.aligned }} / {{ p.shorter }}</td><td class="n">{{ p.run }}</td>
<td class="n">{{ "%.0f"|format(p.coverage * 100) }}%</td>
<td class="n">{{ "%.0f"|format(p.verbatim * 100) }}%</td>
<td>{{ p.basis }}<br><span class="muted">{{ p.evidence }}</span></td>
<td>{% for d, s in p.examples %}<div class="muted">“{{ d }}” | “{{ s }}”</div>{% endfor %}</td>
</tr>{% endfor %}</tbody></table>
{% else %}<p class="empty">no pairs</p>{% endif %}

<h2>How directions were decided</h2>
{{ basis_chart }}
<p class="muted">published: publication dates; credit: the derived text credits the source's
outlet; excerpt: the derived text stops open where the source goes on; context: the derived text
holds nearly all of the source and adds sentences of its own around it; containment: more of the
derived text's sentences are in the source than the reverse; length: nothing else decided and the
shorter text was taken as derived.</p>
{% if failed %}<h2>Pairs that could not be audited</h2><table><tbody>
{% for f in failed %}<tr><td>{{ f[0] }}</td><td>{{ f[1] }}</td></tr>{% endfor %}
</tbody></table>{% endif %}
</body></html>
""",
    autoescape=True,
)


def _outlets(store: Store) -> list[dict[str, Any]]:
    rows = store.query(
        """
        WITH derived AS (
            SELECT DISTINCT derived_id FROM pairs WHERE role = 'closest'),
        sev AS (
            SELECT a.outlet, f.severity, count(*) AS n FROM findings f
            JOIN pairs p USING (pair_id) JOIN articles a ON a.id = p.derived_id
            GROUP BY a.outlet, f.severity)
        SELECT coalesce(a.outlet, '(unknown)') AS outlet, count(*) AS articles,
               count(d.derived_id) AS derived,
               (SELECT list(struct_pack(s := sev.severity, n := sev.n)) FROM sev
                WHERE sev.outlet IS NOT DISTINCT FROM a.outlet) AS by_severity
        FROM articles a LEFT JOIN derived d ON d.derived_id = a.id
        GROUP BY a.outlet ORDER BY derived DESC, articles DESC, outlet
        """
    )
    outlets = []
    for outlet, articles, derived, by_severity in rows:
        counts = {item["s"]: int(item["n"]) for item in by_severity or []}
        outlets.append(
            {
                "outlet": outlet,
                "articles": int(articles),
                "derived": int(derived),
                "share": derived / articles if articles else 0.0,
                "findings": sum(counts.values()),
                "by_severity": counts,
            }
        )
    return outlets


def _worst_pairs(store: Store, limit: int) -> list[dict[str, Any]]:
    # Least faithful first (docs/faithfulness.md); among equal scores, or without one, most
    # critical findings first, then most major, and so on. A pair with no finding is listed
    # only when its score says that part of it is unsupported.
    rank = ", ".join(
        f"count(f.n) FILTER (WHERE f.severity = '{severity}') DESC" for severity in SEVERITIES
    )
    rows = store.query(
        f"""
        SELECT p.pair_id, p.source_id, p.derived_id, sa.outlet, da.outlet, w.worst,
               count(f.n) AS n, string_agg(DISTINCT f.kind, ', ' ORDER BY f.kind),
               w.report_json IS NOT NULL, p.faithfulness
        FROM work w JOIN pairs p USING (pair_id) LEFT JOIN findings f USING (pair_id)
        JOIN articles sa ON sa.id = p.source_id JOIN articles da ON da.id = p.derived_id
        WHERE w.status = 'done'
        GROUP BY ALL HAVING count(f.n) > 0 OR p.faithfulness < 1
        ORDER BY p.faithfulness ASC NULLS LAST, {rank}, n DESC, p.pair_id LIMIT ?
        """,
        [limit],
    )
    return [
        {
            "pair_id": r[0],
            "source_id": r[1],
            "derived_id": r[2],
            "source_outlet": r[3] or "",
            "derived_outlet": r[4] or "",
            "worst": r[5],
            "n_findings": int(r[6]),
            "kinds": r[7] or "",
            "has_report": bool(r[8]),
            "link": None,
            "faithfulness": r[9],
        }
        for r in rows
    ]


def _write_pair_reports(store: Store, worst: list[dict[str, Any]], output: Path) -> list[Path]:
    """Each worst pair's side-by-side report, rendered from its stored JSON report."""
    from sourcetrace.report.html import render_html

    folder = output.with_name(output.stem + "_pairs")
    written = []
    for pair in worst:
        if not pair["has_report"]:
            continue
        (report_json,) = store.query(
            "SELECT report_json FROM work WHERE pair_id = ?", [pair["pair_id"]]
        )[0]
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"pair-{pair['pair_id']}.html"
        html = render_html(json.loads(report_json), nav={"corpus report": f"../{output.name}"})
        target.write_text(html, encoding="utf-8")
        pair["link"] = f"{folder.name}/{target.name}"
        written.append(target)
    return written


def _shorten(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def linked_pairs(store: Store, limit: int = 50, examples: int = 3) -> list[dict[str, Any]] | None:
    """The closest-source pairs with the passage evidence that linked them (None for a scan
    made before that evidence was stored)."""
    if not store.has_passages():
        return None
    rows = store.query(
        """
        SELECT p.source_id, p.derived_id, p.aligned_sentences,
               least(p.sentences_source, p.sentences_derived), p.longest_run, p.coverage,
               p.verbatim, p.direction_basis, p.direction_evidence, p.passages, s.text, d.text
        FROM pairs p JOIN articles s ON s.id = p.source_id JOIN articles d ON d.id = p.derived_id
        WHERE p.role = 'closest' ORDER BY p.longest_run DESC NULLS LAST, p.pair_id LIMIT ?
        """,
        [limit],
    )
    result = []
    for (
        source_id,
        derived_id,
        aligned,
        shorter,
        run,
        coverage,
        verbatim,
        basis,
        why,
        links,
        s,
        d,
    ) in rows:
        spans = json.loads(links)["links"] if links else []
        result.append(
            {
                "source_id": source_id,
                "derived_id": derived_id,
                "aligned": aligned or 0,
                "shorter": shorter or 0,
                "run": run or 0,
                "coverage": coverage or 0.0,
                "verbatim": verbatim or 0.0,
                "basis": basis,
                "evidence": why,
                "examples": [
                    (_shorten(d[ds:de]), _shorten(s[ss:se]))
                    for ds, de, ss, se, *_ in spans[:examples]
                ],
            }
        )
    return result


def build_page(store: Store, worst: list[dict[str, Any]], database: str) -> str:
    """The corpus page's HTML (``worst`` already carries links to pair reports)."""
    counts = store.counts()
    outlets = _outlets(store)
    by_kind = dict(store.query("SELECT kind, count(*) FROM findings GROUP BY kind"))
    by_severity = dict(store.query("SELECT severity, count(*) FROM findings GROUP BY severity"))
    basis = store.query("SELECT direction_basis, count(*) FROM pairs GROUP BY 1 ORDER BY 2 DESC, 1")
    chains = [
        {"path": json.loads(path)}
        for (path,) in store.query(
            "SELECT path FROM chains c WHERE depth >= 2 AND NOT EXISTS "
            "(SELECT 1 FROM chains d WHERE d.source_id = c.article_id) ORDER BY depth DESC, path"
        )
    ]
    failed = store.query("SELECT pair_id, error FROM work WHERE status = 'failed' ORDER BY 1")
    cards = [
        ("articles", counts["articles"]),
        ("derived pairs", counts["pairs"]),
        ("audited", counts.get("work_done", 0)),
        ("findings", counts["findings"]),
        ("chains (3+)", len(chains)),
    ]
    return PAGE.render(
        database=database,
        cards=cards,
        outlets=outlets,
        severities=SEVERITIES,
        outlet_chart=svg_bars(
            [
                Bar(o["outlet"], o["derived"], note=f"of {o['articles']}")
                for o in outlets
                if o["derived"]
            ]
        ),
        outlet_severity_chart=svg_stacked(
            [(o["outlet"], o["by_severity"]) for o in outlets if o["findings"]]
        ),
        kind_chart=svg_bars(
            [Bar(kind, by_kind[kind]) for kind in FINDING_KINDS if by_kind.get(kind)]
        ),
        severity_chart=svg_bars(
            [Bar(s, by_severity[s], SEVERITY_COLOURS[s]) for s in SEVERITIES if by_severity.get(s)]
        ),
        basis_chart=svg_bars([Bar(str(b), int(n)) for b, n in basis]),
        worst=worst,
        linked=linked_pairs(store),
        chains=chains,
        failed=failed,
    )


def write_corpus_report(results: Path, output: Path, worst: int = 10) -> list[Path]:
    """Write the corpus page to ``output`` and the worst pairs' reports next to it.

    Returns the written paths, the page first.
    """
    with Store(results, read_only=True) as store:
        worst_pairs = _worst_pairs(store, worst)
        output.parent.mkdir(parents=True, exist_ok=True)
        pair_pages = _write_pair_reports(store, worst_pairs, output)
        page = build_page(store, worst_pairs, str(results))
    partial = output.with_name(output.name + ".partial")
    partial.write_text(page, encoding="utf-8")
    partial.replace(output)
    return [output, *pair_pages]
