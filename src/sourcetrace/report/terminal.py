"""The report as compiler-style diagnostics: the default of ``sourcetrace check`` in a terminal.

Like the output of ruff or rustc, every finding is one short block, worst first::

    minor quote_altered (quote)  Idris Pembe  derived 307-335, source 237-294
      derived | …leader Idris Pembe said the new quay “will push small boats out.”
              |                                        ^^^^
       source | The new quay may push small boats out of the inner basin.
          why | 'may push' became 'will push' inside quotation marks.

A block is a header line, the derived excerpt with carets under the changed words, the source
excerpt and the reason (at most two lines): never more than six lines, whatever the width,
because excerpts are cut around the changed words with an ellipsis instead of wrapping. Colour
comes from rich, which leaves it out when the output is not a terminal or ``NO_COLOR`` is set.

Like the HTML renderer, this one reads the report *dict* (``report_to_dict``), so it needs no
models and serves saved reports as well.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from sourcetrace.report.order import span_of as _span
from sourcetrace.report.order import worst_first

SEVERITIES = ("critical", "major", "minor", "info")
STYLES = {"critical": "bold red", "major": "red", "minor": "yellow", "info": "cyan"}
LABEL_WIDTH = 9  # "  derived" / "   source" / "      why"
GUTTER = LABEL_WIDTH + 3  # the label and " | "
ELLIPSIS = "…"
REASON_LINES = 2
MIN_WIDTH = 40  # below this, excerpts would be too short to read: render as if this wide
# Kinds whose point is that the *same* words moved (to another speaker, out of quotation marks):
# a word diff of their two spans would mark incidental differences, so the whole span is marked.
_WHOLE_SPAN_KINDS = frozenset({"misattribution", "quote_unmarked"})
_MIN_DIFF_WORDS = 4  # both spans at least this long before a word diff says more than the spans
_WORD = re.compile(r"\w+(?:['’]\w+)*")

Range = tuple[int, int]


@dataclass(frozen=True)
class Excerpt:
    """A one-line cut of an article around some marked characters.

    ``text`` is what is shown (with ellipses where it was cut); ``marks`` are ``[start, end)``
    character ranges into ``text`` to highlight.
    """

    text: str
    marks: tuple[Range, ...]


def merge(ranges: Iterable[Range]) -> list[Range]:
    """Sorted, non-overlapping ranges covering the same characters (touching ones joined)."""
    merged: list[Range] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def locate_words(text: str, words: Iterable[tuple[str, bool]], offset: int = 0) -> list[Range]:
    """Ranges of the flagged words in ``text``, found in order (words are ``(word, marked)``).

    Diff ops carry words, not offsets: each word is looked up after the previous one, as a
    whole word, so a short word never matches inside a longer one.
    """
    found: list[Range] = []
    cursor = 0
    for word, marked in words:
        match = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)").search(text, cursor)
        if match is None:
            continue
        cursor = match.end()
        if marked:
            found.append((offset + match.start(), offset + match.end()))
    return found


def _join_gaps(text: str, ranges: list[Range]) -> list[Range]:
    """Adjacent marked words joined across the spaces and punctuation between them."""
    joined: list[Range] = []
    for start, end in merge(ranges):
        if joined and not _WORD.search(text, joined[-1][1], start):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _diff_marks(
    ops: list[Any], derived: str, d_span: Range | None, source: str, s_span: Range | None
) -> tuple[list[Range], list[Range]]:
    """Marks from a finding's own word diff (``(op, source_words, derived_words)`` triples)."""
    d_words: list[tuple[str, bool]] = []
    s_words: list[tuple[str, bool]] = []
    for op in ops:
        if not (isinstance(op, list | tuple) and len(op) == 3):
            continue
        changed = op[0] != "equal"
        s_words.extend((w, changed) for w in str(op[1]).split())
        d_words.extend((w, changed) for w in str(op[2]).split())
    d_marks = locate_words(derived[d_span[0] : d_span[1]], d_words, d_span[0]) if d_span else []
    s_marks = locate_words(source[s_span[0] : s_span[1]], s_words, s_span[0]) if s_span else []
    return _join_gaps(derived, d_marks), _join_gaps(source, s_marks)


def _tokens(text: str, span: Range) -> list[re.Match[str]]:
    return list(_WORD.finditer(text, span[0], span[1]))


def _word_diff_marks(
    derived: str, d_span: Range, source: str, s_span: Range
) -> tuple[list[Range], list[Range]]:
    """Marks from a word diff of the two spans (case-insensitive), for findings without one."""
    d_tokens, s_tokens = _tokens(derived, d_span), _tokens(source, s_span)
    if min(len(d_tokens), len(s_tokens)) < _MIN_DIFF_WORDS:
        return [], []
    matcher = SequenceMatcher(
        a=[t.group().lower() for t in s_tokens],
        b=[t.group().lower() for t in d_tokens],
        autojunk=False,
    )
    opcodes = matcher.get_opcodes()
    # Derived words before the first or after the last shared word lie outside what the source
    # span covers (typically "X said"): they are not a change.
    while opcodes and opcodes[0][0] == "insert":
        opcodes.pop(0)
    while opcodes and opcodes[-1][0] == "insert":
        opcodes.pop()
    d_marks: list[Range] = []
    s_marks: list[Range] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag != "equal":
            s_marks.extend(t.span() for t in s_tokens[i1:i2])
            d_marks.extend(t.span() for t in d_tokens[j1:j2])
    return _join_gaps(derived, d_marks), _join_gaps(source, s_marks)


def changed_words(
    finding: Mapping[str, Any], derived: str, source: str
) -> tuple[list[Range], list[Range]]:
    """Character ranges to mark in the derived and the source text for one finding.

    The finding's own word diff when it has one (quote findings); else a word diff of its two
    spans when both are phrases; else, and for any side where the diff marks nothing (a
    verbatim copy), the whole span.
    """
    d_span = _span(finding.get("derived_span"))
    s_span = _span(finding.get("source_span"))
    d_marks: list[Range] = []
    s_marks: list[Range] = []
    if finding.get("diff"):
        d_marks, s_marks = _diff_marks(list(finding["diff"]), derived, d_span, source, s_span)
    elif d_span and s_span and finding.get("kind") not in _WHOLE_SPAN_KINDS:
        d_marks, s_marks = _word_diff_marks(derived, d_span, source, s_span)
    if d_span and not d_marks:
        d_marks = [d_span]
    if s_span and not s_marks:
        s_marks = [s_span]
    return d_marks, s_marks


def _context(text: str, span: Range) -> Range:
    """The line(s) of ``text`` holding ``span``, without surrounding white space."""
    start = text.rfind("\n", 0, span[0]) + 1
    end = text.find("\n", max(span[0], span[1] - 1))
    end = len(text) if end < 0 else end
    while start < span[0] and text[start].isspace():
        start += 1
    while end > span[1] and text[end - 1].isspace():
        end -= 1
    return start, end


def _word_after(text: str, end: int, limit: int) -> int:
    """Where the word after position ``end`` ends (``limit`` at most)."""
    while end < limit and text[end].isspace():
        end += 1
    while end < limit and not text[end].isspace():
        end += 1
    return end


def _word_before(text: str, start: int, limit: int) -> int:
    """Where the word before position ``start`` begins (``limit`` at least)."""
    while start > limit and text[start - 1].isspace():
        start -= 1
    while start > limit and not text[start - 1].isspace():
        start -= 1
    return start


def _window(text: str, context: Range, focus: Range, budget: int) -> Range:
    """A range of at most ``budget`` characters inside ``context`` around ``focus``.

    Grows from the focus one whole word at a time, after and before in turn, so a cut never
    splits a word; when the focus itself is longer than the budget it starts at the focus.
    """
    lo, hi = context
    if hi - lo <= budget:
        return context
    if focus[1] - focus[0] >= budget:
        return focus[0], focus[0] + budget
    start, end = focus
    grown = True
    while grown:
        grown = False
        after = _word_after(text, end, hi)
        if after > end and after - start <= budget:
            end, grown = after, True
        before = _word_before(text, start, lo)
        if before < start and end - before <= budget:
            start, grown = before, True
    return start, end


def excerpt(text: str, span: Range, marks: list[Range], width: int) -> Excerpt:
    """The line around ``span`` cut to ``width`` cells around ``marks``, with ellipses."""
    context = _context(text, span)
    inside = merge(
        (max(s, context[0]), min(e, context[1]))
        for s, e in marks
        if s < context[1] and e > context[0]
    ) or [(max(span[0], context[0]), min(max(span[1], span[0] + 1), context[1]))]
    focus = (inside[0][0], inside[-1][1])
    budget = max(1, width - 2)  # room for an ellipsis at each end
    if cell_len(text[context[0] : context[1]]) <= width:
        start, end = context
    else:
        start, end = _window(text, context, focus, budget)
        while end > start and cell_len(text[start:end]) > budget:
            end -= 1  # wide (CJK) characters take two cells
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    lead = ELLIPSIS if start > context[0] else ""
    tail = ELLIPSIS if end < context[1] else ""
    shown = re.sub(r"\s", " ", text[start:end])
    shift = len(lead) - start
    visible = [
        (max(s, start) + shift, min(e, end) + shift) for s, e in inside if s < end and e > start
    ]
    return Excerpt(lead + shown + tail, tuple(visible))


def carets(excerpt: Excerpt) -> str:
    """A line with ``^`` under each marked range of ``excerpt`` (columns counted in cells)."""
    line = ""
    for start, end in excerpt.marks:
        column = cell_len(excerpt.text[:start])
        line += " " * (column - cell_len(line)) + "^" * max(1, cell_len(excerpt.text[start:end]))
    return line


def _fit(text: str, width: int) -> str:
    """``text`` shortened with an ellipsis to at most ``width`` cells."""
    if cell_len(text) <= width:
        return text
    while text and cell_len(text) > width - 1:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def reason_lines(reason: str, width: int, limit: int = REASON_LINES) -> list[str]:
    """The reason folded at spaces onto at most ``limit`` lines, the last cut with an ellipsis."""
    words = " ".join(reason.split())
    lines = textwrap.wrap(words, width=max(1, width), break_long_words=True) or [""]
    if len(lines) > limit:
        rest = " ".join(lines[limit - 1 :])
        lines = [*lines[: limit - 1], _fit(rest, width)]
    return lines


def _where(span: Range | None) -> str:
    return f"{span[0]}-{span[1]}" if span else ""


def header(finding: Mapping[str, Any], width: int) -> Text:
    """``severity kind  speaker  derived A-B, source C-D`` in at most ``width`` cells.

    When it does not fit, the speaker's name is shortened first: offsets and kind stay whole.
    """
    severity = str(finding.get("severity") or "info")
    kind = str(finding.get("kind") or "")
    if finding.get("in_quote"):
        kind += " (quote)"
    d_span = _span(finding.get("derived_span"))
    s_span = _span(finding.get("source_span"))
    places = [f"derived {_where(d_span)}" if d_span else "", f"source {_where(s_span)}"]
    where = ", ".join(p for p in places if p) if s_span else f"{places[0]}, no source"
    speaker = str(finding.get("speaker") or "")
    fixed = f"{severity} {kind}    {where}"
    if speaker:
        speaker = _fit(speaker, max(1, width - cell_len(fixed)))
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(severity, style=STYLES.get(severity, ""))
    line.append(f" {kind}", style="bold")
    line.append(f"  {speaker}  " if speaker else "  ")
    line.append(where, style="dim")
    line.truncate(width, overflow="ellipsis")
    return line


def _gutter(label: str) -> Text:
    line = Text()
    line.append(f"{label:>{LABEL_WIDTH}} | ", style="dim")  # a span: the text after stays plain
    return line


def _excerpt_text(shown: Excerpt, style: str) -> Text:
    line = Text(shown.text, no_wrap=True, overflow="ellipsis")
    for start, end in shown.marks:
        line.stylize(style, start, end)
    return line


def finding_block(finding: Mapping[str, Any], derived: str, source: str, width: int) -> list[Text]:
    """The lines of one finding (at most six) for a terminal ``width`` cells wide."""
    width = max(width, MIN_WIDTH)
    room = width - GUTTER
    severity = str(finding.get("severity") or "info")
    colour = STYLES.get(severity, "")
    d_marks, s_marks = changed_words(finding, derived, source)
    lines = [header(finding, width)]
    d_span = _span(finding.get("derived_span"))
    if d_span and d_span[1] <= len(derived):
        shown = excerpt(derived, d_span, d_marks, room)
        lines.append(_gutter("derived") + _excerpt_text(shown, f"bold underline {colour}"))
        lines.append(_gutter("") + Text(carets(shown), style=colour))
    s_span = _span(finding.get("source_span"))
    if s_span and s_span[1] <= len(source):
        shown = excerpt(source, s_span, s_marks, room)
        lines.append(_gutter("source") + _excerpt_text(shown, "bold"))
    for i, part in enumerate(reason_lines(str(finding.get("reason") or ""), room)):
        lines.append(_gutter("why" if i == 0 else "") + Text(part))
    for line in lines:
        line.no_wrap = True
        line.overflow = "ellipsis"
    return lines


def _name(article: Mapping[str, Any]) -> str:
    return str(article.get("path") or article.get("url") or article.get("title") or "(text)")


def summary_line(report: Mapping[str, Any]) -> str:
    """``4 findings: 1 critical, 3 major, worst first; faithfulness 0.72``.

    Severities present, worst first; the faithfulness score (docs/faithfulness.md) when the
    report has one (saved reports from before it existed do not).
    """
    counts = Counter(str(f.get("severity")) for f in report.get("findings") or [])
    total = sum(counts.values())
    parts = [f"{counts[s]} {s}" for s in SEVERITIES if counts[s]]
    noun = "finding" if total == 1 else "findings"
    line = f"{total} {noun}" + (f": {', '.join(parts)}" if parts else "")
    line += ", worst first" if total > 1 else ""
    score = (report.get("summary") or {}).get("faithfulness")
    return line + (f"; faithfulness {score:.2f}" if isinstance(score, int | float) else "")


def footer_lines(report: Mapping[str, Any], width: int) -> list[str]:
    """Faithfulness and coverage, one line each."""
    alignments = report.get("alignments") or []
    supported = sum(1 for a in alignments if a.get("source_spans"))
    lines = []
    if alignments:
        share = supported / len(alignments)
        lines.append(f"supported: {supported} of {len(alignments)} derived sentences ({share:.0%})")
    partial = [
        f"{row.get('speaker') or '(unnamed)'} {row.get('used', 0)}/{row.get('sentences', 0)}"
        for row in (report.get("coverage") or {}).get("speakers") or []
        if float(row.get("share") or 0.0) < 1.0
    ]
    if partial:
        lines.append("coverage below 100%: " + ", ".join(partial))
    return [_fit(line, width) for line in lines]


def build(report: Mapping[str, Any], width: int) -> list[Text]:
    """Every line of the terminal report for a terminal ``width`` cells wide."""
    derived = str((report.get("derived") or {}).get("text") or "")
    source = str((report.get("source") or {}).get("text") or "")
    findings = worst_first(report.get("findings") or [])
    lines = [
        Text(
            _fit(
                f"sourcetrace: {_name(report.get('derived') or {})} "
                f"against {_name(report.get('source') or {})}",
                width,
            ),
            style="bold",
        ),
        Text(summary_line(report)),
        Text(""),
    ]
    for finding in findings:
        lines.extend(finding_block(finding, derived, source, width))
    if not findings:
        lines.append(Text("No findings: every derived passage matches its source."))
    lines.append(Text(""))
    lines.extend(Text(line, style="dim") for line in footer_lines(report, width))
    return lines


def print_terminal(report: Mapping[str, Any], console: Console | None = None) -> None:
    """Print the report to ``console`` (default: stdout, its width, colour only on a terminal)."""
    console = console or Console(highlight=False, soft_wrap=False)
    for line in build(report, console.width):
        console.print(line, no_wrap=True, overflow="ellipsis", crop=True)


def render_terminal(report: Mapping[str, Any], width: int = 100) -> str:
    """The terminal report as plain text ``width`` cells wide (for ``-o FILE``)."""
    console = Console(width=width, file=io.StringIO(), color_system=None, highlight=False)
    for line in build(report, width):
        console.print(line, no_wrap=True, overflow="ellipsis", crop=True)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()
