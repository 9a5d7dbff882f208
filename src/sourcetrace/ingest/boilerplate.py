"""Find publisher boilerplate inside an article's plain text.

Boilerplate is what a newsroom's template or an aggregator adds around the article: photo
credits, "Published:" lines, bylines, repeated captions, follow-us and newsletter footers,
wire datelines and currency notes. It stays in ``Article.text`` (offsets must not move); this
module only reports where it is, so later stages can skip it.

The patterns are data (``lexicons/boilerplate.txt``); this module applies them per line:

* ``line`` patterns mark a whole short line;
* ``sentence`` / ``weak`` / ``social`` patterns mark sentences, and a line (paragraph) with
  two or more boilerplate sentences is boilerplate as a whole;
* ``inline`` patterns mark exactly what they match, anywhere;
* ``dateline`` patterns mark a prefix at the start of a line (``lead`` ones only near the top);
* a ``Key: value`` metadata block on top (Title:, URL:, Source:, Author:, Published:;
  :func:`sourcetrace.ingest.text.header_block`) is boilerplate as a whole;
* a short line repeated right after itself (only blank lines between), or repeated among the
  first lines of the text, is a caption printed twice: every copy is boilerplate except a
  first-line copy (the title).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sourcetrace.ingest.text import header_block
from sourcetrace.model import Span

LEXICON = "boilerplate.txt"
SCOPES = ("line", "sentence", "weak", "social", "inline", "dateline", "lead")
# Line patterns only apply to lines this short: boilerplate lines are labels, not paragraphs.
LINE_MAX_WORDS = 40
# Captions, credits and a story's own dateline sit above the body; a short line repeated among
# the first lines is a caption printed twice (image alt text + caption), not a speaker or
# heading used twice.
HEADER_LINES = 8
# Social networks named in one sentence that make it a weak boilerplate sentence; political
# news names several in ordinary sentences, so alone they never make a footer.
SOCIAL_WEAK = 2
# A sharing widget: a line of at most this many words that, once the network names are
# removed, holds only these words and punctuation.
WIDGET_MAX_WORDS = 12
_WIDGET_CUE = re.compile(r"(?i)[|•·/]|\b(?:share|follow)\b")
_WIDGET_REST = re.compile(r"(?i)^(?:[\W\d_]|share|follow|us|on|via|and|or|email|print)*$")
# Quotation marks: a sentence quoting someone is content, whatever words it contains.
_QUOTE_MARKS = re.compile("[\"“”„«»]|''|``")
# A paragraph with this many boilerplate sentences is boilerplate as a whole (aggregator
# footers mix in sentences no single pattern recognises).
PARAGRAPH_SENTENCES = 2

# Rough sentence boundaries: a full stop/question/exclamation mark (optionally followed by a
# closing quote or bracket) and whitespace. Hand-written rather than spaCy because boilerplate
# detection runs at ingest time, before (and without) any model, and only needs rough
# boundaries inside one line.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")


@dataclass(frozen=True)
class Patterns:
    """The compiled boilerplate lexicon, grouped by scope."""

    line: tuple[re.Pattern[str], ...]
    sentence: tuple[re.Pattern[str], ...]
    weak: tuple[re.Pattern[str], ...]
    social: tuple[re.Pattern[str], ...]
    inline: tuple[re.Pattern[str], ...]
    dateline: tuple[re.Pattern[str], ...]
    lead: tuple[re.Pattern[str], ...]


def parse_lexicon(content: str) -> Patterns:
    """Parse ``SCOPE NAME REGEX`` lines (``#`` comments and blank lines ignored)."""
    grouped: dict[str, list[re.Pattern[str]]] = {scope: [] for scope in SCOPES}
    for number, raw in enumerate(content.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.strip().split(maxsplit=2)
        if len(parts) != 3 or parts[0] not in grouped:
            raise ValueError(f"{LEXICON} line {number}: expected 'SCOPE NAME REGEX'")
        grouped[parts[0]].append(re.compile(parts[2]))
    return Patterns(**{scope: tuple(found) for scope, found in grouped.items()})


@lru_cache(maxsize=1)
def load_patterns() -> Patterns:
    """The packaged boilerplate lexicon, compiled once."""
    content = resources.files("sourcetrace.lexicons").joinpath(LEXICON).read_text("utf-8")
    return parse_lexicon(content)


def boilerplate_spans(text: str) -> list[Span]:
    """Sorted, non-overlapping character spans of publisher boilerplate in ``text``."""
    patterns = load_patterns()
    spans: list[Span] = []
    lines = _content_lines(text)
    for index, (start, end) in enumerate(lines):
        spans.extend(_line_spans(text, start, end, patterns, at_top=index < HEADER_LINES))
    spans.extend(_repeated_line_spans(text, lines))
    block = header_block(text)
    if block is not None:
        spans.append(block.span)  # the article's metadata, never its body
    for pattern in patterns.inline:
        matches = pattern.finditer(text)
        spans.extend(Span(m.start(), m.end()) for m in matches if m.end() > m.start())
    return merge_spans(spans)


def merge_spans(spans: list[Span]) -> list[Span]:
    """Sort spans and merge those that overlap or touch."""
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end))
        else:
            merged.append(span)
    return merged


def _content_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, trimmed of surrounding whitespace."""
    bounds: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        bounds.append((start, start + len(stripped)))
    return bounds


def _line_spans(text: str, start: int, end: int, patterns: Patterns, *, at_top: bool) -> list[Span]:
    """Boilerplate inside one trimmed line: the whole line, a dateline prefix, or sentences."""
    line = text[start:end]
    if len(line.split()) <= LINE_MAX_WORDS and any(p.match(line) for p in patterns.line):
        return [Span(start, end)]
    if _is_share_widget(line, patterns):
        return [Span(start, end)]
    spans: list[Span] = []
    body_start = start
    datelines = patterns.dateline + patterns.lead if at_top else patterns.dateline
    for pattern in datelines:
        match = pattern.match(line)
        if match and match.end() < len(line):
            spans.append(Span(start, start + match.end()))
            body_start = start + match.end()
            break
    sentences = _sentences(text, body_start, end)
    strong: list[Span] = []
    weak_count = 0
    for sentence in sentences:
        grade = _sentence_grade(sentence.of(text), patterns)
        if grade == "strong":
            strong.append(sentence)
        elif grade == "weak":
            weak_count += 1
    if len(strong) + weak_count >= PARAGRAPH_SENTENCES:
        return [Span(start, end)]
    return spans + strong


def _sentences(text: str, start: int, end: int) -> list[Span]:
    """Rough sentence spans within ``text[start:end]`` (see ``_SENTENCE_END``)."""
    spans: list[Span] = []
    position = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if match.start() > position:
            spans.append(Span(position, match.start()))
        position = match.end()
    if position < end:
        spans.append(Span(position, end))
    return spans


def _sentence_grade(sentence: str, patterns: Patterns) -> str | None:
    """``strong`` (boilerplate on its own), ``weak`` (counts towards a paragraph) or None."""
    if _QUOTE_MARKS.search(sentence):
        return None
    if any(p.search(sentence) for p in patterns.sentence):
        return "strong"
    networks = sum(1 for p in patterns.social if p.search(sentence))
    if networks >= SOCIAL_WEAK or any(p.search(sentence) for p in patterns.weak):
        return "weak"
    return None


def _is_share_widget(line: str, patterns: Patterns) -> bool:
    """A short line of social-network names and sharing words ("Share: Facebook | X | Email").

    A sentence-like line ("Instagram and Facebook.", a list item in an article about them) is
    not a widget: widgets have no final full stop, and show a separator or a sharing verb.
    """
    if len(line.split()) > WIDGET_MAX_WORDS or line.endswith((".", "!", "?")):
        return False
    if not _WIDGET_CUE.search(line):
        return False
    rest = line
    networks = 0
    for pattern in patterns.social:
        rest, found = pattern.subn(" ", rest)
        networks += found
    return networks >= SOCIAL_WEAK and bool(_WIDGET_REST.match(rest))


def _repeated_line_spans(text: str, lines: list[tuple[int, int]]) -> list[Span]:
    """Copies of a short line printed twice: adjacent copies, or copies near the top."""
    keyed = [text[s:e] for s, e in lines]
    counts = Counter(keyed)
    spans: list[Span] = []
    for index, (start, end) in enumerate(lines):
        line = keyed[index]
        if counts[line] < 2 or len(line.split()) > LINE_MAX_WORDS or index == 0:
            continue
        adjacent = keyed[index - 1] == line or (index + 1 < len(keyed) and keyed[index + 1] == line)
        in_header = index < HEADER_LINES and keyed[:HEADER_LINES].count(line) >= 2
        if adjacent or in_header:
            spans.append(Span(start, end))
    return spans
