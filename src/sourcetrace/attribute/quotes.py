"""Find quotations: spans between quotation marks, in every common style.

Handles curly “ ” and ‘ ’, straight " and ', guillemets « » (and the German » «), German
„ “, nesting, and the newspaper convention for quotes over several paragraphs: a paragraph
that ends inside an open quote continues in the next paragraph when that one opens with a
quotation mark. Apostrophes (it’s, Russia’s, ’90s, rock ’n’ roll) are not quotation marks.

Hand-written (a character scanner) because no maintained library pairs quotation marks
with offsets across these styles; spaCy's tokenizer marks quote characters but does not pair
them or tell an apostrophe from a closing single quote.
"""

from __future__ import annotations

from dataclasses import dataclass

from sourcetrace.model import Span

DOUBLE = "double"
SINGLE = "single"

# opener -> closers that end it
_CLOSERS: dict[str, str] = {
    "“": '”“"',  # English “…”; a stray “ or " closes too (common typing/scraping error)
    "”": '”"“',  # a quote opened with the closing mark (seen in scraped text)
    "„": "“”",  # German „…“ (and Polish „…”)
    "«": "»",
    "»": "«",  # German/Danish »…«
    "‹": "›",
    "›": "‹",
    '"': '"”',
    "‘": "’‘",
    "‚": "‘’",
    "'": "'",
}
_FAMILY: dict[str, str] = {
    "“": DOUBLE,
    "”": DOUBLE,
    "„": DOUBLE,
    "«": DOUBLE,
    "»": DOUBLE,
    '"': DOUBLE,
    "‘": SINGLE,
    "’": SINGLE,
    "‚": SINGLE,
    "‹": SINGLE,
    "›": SINGLE,
    "'": SINGLE,
}
MARKS = frozenset(_FAMILY)
_OPEN_CONTEXT = frozenset("([{—–-/:")


@dataclass(frozen=True)
class QuoteSpan:
    """A pair of quotation marks: ``span`` includes them, ``content`` excludes them."""

    span: Span
    content: Span
    family: str
    depth: int  # 0 for an outermost quote, 1 for a quote inside it, ...


@dataclass
class _Open:
    mark: str
    start: int  # offset of the opening mark


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _before(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else " "


def _after(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else " "


def _opens_context(ch: str) -> bool:
    return ch.isspace() or ch in _OPEN_CONTEXT or ch in MARKS


def _closes_context(ch: str) -> bool:
    return not _is_word(ch)


def _role(text: str, i: int, stack: list[_Open]) -> str:
    """``open``, ``close`` or ``none`` (an apostrophe or stray mark) for the mark at ``i``."""
    ch = text[i]
    prev, nxt = _before(text, i), _after(text, i)
    open_marks = [o.mark for o in stack]
    can_close = any(ch in _CLOSERS[m] for m in open_marks)
    if ch in "’'":
        if _is_word(prev) and _is_word(nxt):
            return "none"  # it’s, don't
        if nxt.isdigit() and not _is_word(prev):
            return "none"  # ’90s
        if can_close and not prev.isspace() and _closes_context(nxt):
            return "close"
        if ch == "'" and _opens_context(prev) and _is_word(nxt):
            return "open"
        return "none"  # possessive plural (countries’), elision ('em)
    if ch in "‘‚":
        if nxt.isdigit():
            return "none"  # ‘90s typed with the wrong mark
        if can_close and not prev.isspace() and _closes_context(nxt):
            return "close"
        if _is_word(prev) and _is_word(nxt):
            return "none"
        return "open"
    if ch == '"':
        if can_close and not prev.isspace():
            return "close"
        if _opens_context(prev) and not nxt.isspace():
            return "open"
        return "close" if can_close else "none"
    if ch == "”":
        if can_close:
            return "close"
        if _opens_context(prev) and _is_word(nxt):
            return "open"  # a quote opened with the wrong curly mark
        return "none"
    if ch in "»›":
        if can_close and (not prev.isspace() or _closes_context(nxt)):
            return "close"
        return "open"
    if ch == "“":
        if stack and stack[-1].mark == "„":
            return "close"
        if can_close and not prev.isspace() and _closes_context(nxt):
            return "close"
        return "open"
    if ch in "«‹":
        if can_close and not prev.isspace():
            return "close"
        return "open"
    return "open"  # „


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, trimmed."""
    result: list[tuple[int, int]] = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + (len(raw) - len(raw.lstrip()))
            result.append((start, start + len(stripped)))
        offset += len(raw) + 1
    return result


def _make(
    text: str, start: int, end: int, open_len: int, close_len: int, family: str, depth: int
) -> QuoteSpan | None:
    content = Span(start + open_len, end - close_len)
    if not text[content.start : content.end].strip():
        return None
    return QuoteSpan(Span(start, end), content, family, depth)


# Typewriter double quotes: two apostrophes (''Yes,'' she said) or two backticks to open.
TYPEWRITER = "''"
TYPEWRITER_OPEN = "``"


def _mark_length(text: str, i: int) -> int:
    """2 for the two-character marks ``''`` and ````` (typewriter style), else 1."""
    return 2 if text[i : i + 2] in (TYPEWRITER, TYPEWRITER_OPEN) else 1


def _scan_paragraph(
    text: str, original: str, start: int, end: int, carried: _Open | None
) -> tuple[list[QuoteSpan], _Open | None]:
    """Pair the marks of one paragraph; return the quotes and an outer quote left open."""
    quotes: list[QuoteSpan] = []
    stack: list[_Open] = [carried] if carried is not None else []
    i = start
    if carried is not None:
        # The continuation mark that opens this paragraph is not a new quote.
        while i < end and text[i].isspace():
            i += 1
        if i < end and text[i] in MARKS:
            i += 1
    while i < end:
        ch = text[i]
        if ch not in MARKS:
            i += 1
            continue
        role = _role(text, i, stack)
        if role == "open":
            stack.append(_Open(ch, i))
        elif role == "close":
            for depth in range(len(stack) - 1, -1, -1):
                if ch in _CLOSERS[stack[depth].mark]:
                    opened = stack[depth]
                    del stack[depth:]
                    close_len = _mark_length(original, i)
                    quote = _make(
                        original,
                        opened.start,
                        i + close_len,
                        _mark_length(original, opened.start),
                        close_len,
                        _FAMILY[opened.mark],
                        depth,
                    )
                    if quote is not None:
                        quotes.append(quote)
                    break
        i += 1
    outer = next((o for o in stack if _FAMILY[o.mark] == DOUBLE), None)
    return quotes, outer


def _continues(text: str, paragraph_start: int, opened: _Open) -> bool:
    """Whether a paragraph opens with a quotation mark of the open quote's family."""
    ch = text[paragraph_start]
    if ch == opened.mark:
        return True
    return ch in MARKS and _FAMILY[ch] == _FAMILY[opened.mark] and ch not in "”»"


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every quotation in ``text`` (outer and nested), sorted by start offset.

    An opening double mark left open at the end of a paragraph continues into the next
    paragraph when that one opens with a quotation mark; otherwise the quote ends with its
    paragraph (the closing mark was lost). Single marks left open are dropped: they are far
    more often apostrophes than unclosed quotes.
    """
    quotes: list[QuoteSpan] = []
    original = text
    # Typewriter quotes ('' and ``) scan as one straight double mark plus a filler that is
    # no mark, so offsets stay those of the original text.
    text = text.replace("''", '"\x00').replace("``", '"\x00')
    paragraphs = _paragraphs(text)
    carried: _Open | None = None
    for index, (start, end) in enumerate(paragraphs):
        found, still_open = _scan_paragraph(text, original, start, end, carried)
        quotes.extend(found)
        carried = None
        if still_open is None:
            continue
        following = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
        if following is not None and _continues(text, following, still_open):
            carried = still_open
            continue
        quote = _make(
            original, still_open.start, end, _mark_length(original, still_open.start), 0, DOUBLE, 0
        )
        if quote is not None:
            quotes.append(quote)
    return sorted(quotes, key=lambda q: (q.span.start, -q.span.end))


def outermost(quotes: list[QuoteSpan]) -> list[QuoteSpan]:
    """The quotes not nested inside another."""
    return [q for q in quotes if q.depth == 0]
