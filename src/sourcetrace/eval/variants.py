"""Meaning-preserving copies of an article: the metamorphic test behind ``eval --variants``.

A copy that differs from its source only in typography, layout or editorial conventions says
exactly what the source says, so every major or critical finding sourcetrace reports on it is
a false alarm. Each variant type is one small pure function ``(text, rng) -> text``; the
random generator only picks among equivalent styles, so a seed makes every copy reproducible.

Variant types (see :data:`VARIANTS`):

- ``quotes_straight`` / ``quotes_curly``: curly quotation marks and apostrophes become
  straight ones, and the other way round;
- ``quotes_guillemets``: double quotes become « », single quotes inside them ‹ ›;
- ``quotes_single``: double quotes become single ones, single quotes inside them double
  (the British convention);
- ``countries``: US / U.S. / the United States / America, UK / Britain / the United Kingdom;
- ``number_words``: small numbers (zero to ten) written as words, and the other way round;
- ``percent``: ``%`` / `` percent`` / `` per cent``;
- ``dashes``: -, –, — between words, with or without spaces;
- ``paragraphs_merged`` / ``paragraphs_split``: paragraph breaks removed or added;
- ``header``: a ``Key: value`` block on top (Title, URL, Source, Author, Published);
- ``whitespace``: double spaces, no-break spaces, trailing spaces, zero-width spaces and soft
  hyphens;
- ``ellipsis``: ``...`` / ``…`` / ``. . .``;
- ``all``: every one of the above in turn;
- ``identity``: the text itself, a control (a finding there is not the variants' doing).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

Variant = Callable[[str, random.Random], str]

# --- quotation marks and apostrophes -------------------------------------------------------

_CURLY_TO_STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "„": '"'})
# A straight double quote opens after a space, a line start or an opening bracket/dash.
_OPENS_AFTER = " \t\n([{—–-/"


def quotes_straight(text: str, rng: random.Random) -> str:
    """Curly quotation marks and apostrophes become straight ones."""
    return text.translate(_CURLY_TO_STRAIGHT)


def _curl(text: str, mark: str, opening: str, closing: str) -> str:
    """Straight ``mark`` characters turned into ``opening``/``closing`` by their position."""
    out = []
    for index, char in enumerate(text):
        if char != mark:
            out.append(char)
            continue
        before = text[index - 1] if index else "\n"
        after = text[index + 1] if index + 1 < len(text) else "\n"
        # A mark between two spaces closes ('say, \'Well done,\' " said'): nothing follows it.
        opens = before in _OPENS_AFTER and not after.isspace()
        out.append(opening if opens else closing)
    return "".join(out)


# Typewriter double quotes: two apostrophes (''Yes,'' she said), as some archives write them.
TYPEWRITER = "''"


def _directed(text: str) -> str:
    """``text`` with every straight mark curled by position, the same length (a typewriter
    pair counts as one double mark followed by a NUL filler)."""
    text = _curl(text.replace(TYPEWRITER, '"\x00'), '"', "“", "”")
    return _curl(text, "'", "‘", "’")


def quotes_curly(text: str, rng: random.Random) -> str:
    """Straight quotation marks and apostrophes become curly ones (apostrophes as ’); a
    typewriter pair '' becomes one curly double mark."""
    return _directed(text).replace("\x00", "")


def _double_quote_spans(text: str) -> list[tuple[int, int]]:
    """``(open, close)`` positions of double-quoted passages, curly, straight or typewriter
    (the position of a pair's first apostrophe), in order."""
    spans: list[tuple[int, int]] = []
    straight = _directed(text)  # same length, every mark directed
    opened: int | None = None
    for index, char in enumerate(straight):
        if char == "“":
            opened = index
        elif char == "”" and opened is not None:
            spans.append((opened, index))
            opened = None
    return spans


_INNER_SINGLE = re.compile(r"(?<![\w])[‘'](?=\w)(?P<inner>[^‘’'\n]{1,200}?)(?<=[\w.,!?])[’'](?!\w)")


def _restyle_quotes(text: str, outer: tuple[str, str], inner: tuple[str, str]) -> str:
    """Double-quoted passages re-marked with ``outer``; single quotes inside them with ``inner``."""
    chars = list(text)
    for start, end in _double_quote_spans(text):
        chars[start], chars[end] = outer
        for mark in (start, end):
            if text[mark : mark + 2] == TYPEWRITER:
                chars[mark + 1] = ""  # the pair's second apostrophe
        body = text[start + 1 : end]
        for found in _INNER_SINGLE.finditer(body):
            chars[start + 1 + found.start()] = inner[0]
            chars[start + 1 + found.end() - 1] = inner[1]
    return "".join(chars)


def quotes_guillemets(text: str, rng: random.Random) -> str:
    """Double quotes become « », single quotes inside them ‹ ›."""
    return _restyle_quotes(text, ("«", "»"), ("‹", "›"))


def quotes_single(text: str, rng: random.Random) -> str:
    """Double quotes become single ones and single quotes inside them double (British style)."""
    return _restyle_quotes(text, ("‘", "’"), ("“", "”"))


# --- country names -------------------------------------------------------------------------

_US_FORMS = ("the US", "the U.S.", "the United States", "America")
_UK_FORMS = ("the UK", "the U.K.", "Britain", "the United Kingdom")
# The country as a noun: "the U.S." / "the US" / "the United States" followed by punctuation,
# a line end or a lower-case function word, never an adjective ("the U.S. military") nor a
# name part ("Bank of America"); "America" and "Britain" after a preposition.
_NEXT = (
    r"(?=[,;:.!?)]|\s*$|\s+(?:and|or|to|in|on|is|was|has|had|will|would|for|of|with|as|but"
    r"|from|by|that|which|are|have|should|could|can|may|must|since|after|before|when|where"
    r"|over|than)\b)"
)
_LEAD = r"(?P<lead>\b(?:in|to|from|across|for|of|against|with|into|than) )"
_US = re.compile(rf"(?:\b[Tt]he (?:U\.S\.|US|United States)|{_LEAD}America){_NEXT}", re.MULTILINE)
_UK = re.compile(rf"(?:\b[Tt]he (?:U\.K\.|UK|United Kingdom)|{_LEAD}Britain){_NEXT}", re.MULTILINE)


def _country_forms(
    text: str, pattern: re.Pattern[str], forms: tuple[str, ...], rng: random.Random
) -> str:
    def swap(match: re.Match[str]) -> str:
        lead = match.group("lead") or ""
        found = match.group()[len(lead) :]
        before = text[: match.start()].split()
        if lead and before and before[-1][:1].isupper():
            return match.group()  # a name part: "Bank of America", "Voice of America"
        chosen = rng.choice([f for f in forms if f.lower() != found.lower()])
        if found[0] == "T" and chosen.startswith("the "):
            chosen = "T" + chosen[1:]  # a sentence opening "The U.S." stays upper-case
        if chosen.endswith(".") and text[match.end() : match.end() + 1] == ".":
            chosen = chosen[:-1]  # "in America." -> "in the U.S." (one full stop)
        return lead + chosen

    return pattern.sub(swap, text)


def countries(text: str, rng: random.Random) -> str:
    """US / U.S. / the United States / America and UK / U.K. / Britain / the United Kingdom
    swapped for each other where they name the country (not as adjectives)."""
    text = _country_forms(text, _US, _US_FORMS, rng)
    return _country_forms(text, _UK, _UK_FORMS, rng)


# --- numbers -------------------------------------------------------------------------------

_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
# A lone small whole number, not part of a date, time, amount, decimal, range, percentage or
# a height in feet and inches (6’2”); or a small number word (not "one", a pronoun too), not
# part of a bigger number or compound.
_SMALL_NUMBER = re.compile(
    r"(?<![\w$£€.,:/’'′-])(?P<digit>10|[2-9])(?![\w%.,:/’'′″”\"-]|\.\d| ?(?:percent|per cent))"
    r"|\b(?P<word>two|three|four|five|six|seven|eight|nine)\b"
    r"(?![- ](?:percent|per cent|hundred|thousand|million|billion|trillion|dozen)\b)(?!-)"
)


def number_words(text: str, rng: random.Random) -> str:
    """Small numbers written as words ("3" -> "three") and words as digits ("three" -> "3").

    A number word opening a sentence keeps its form, as style guides want.
    """

    def swap(match: re.Match[str]) -> str:
        if match.group("digit"):
            return _WORDS[int(match.group("digit"))]
        before = text[: match.start()].rstrip(" \"'“‘")
        if not before or before[-1] in ".!?\n" or rng.random() < 0.5:
            return match.group()
        return str(_WORDS.index(match.group("word")))

    return _SMALL_NUMBER.sub(swap, text)


_PERCENT = re.compile(r"(?<=\d)(?:%| percent\b| per cent\b)")


def percent(text: str, rng: random.Random) -> str:
    """``%`` / `` percent`` / `` per cent`` swapped for each other after a number."""

    def swap(match: re.Match[str]) -> str:
        forms = [f for f in ("%", " percent", " per cent") if f != match.group()]
        return rng.choice(forms)

    return _PERCENT.sub(swap, text)


# --- dashes --------------------------------------------------------------------------------

# A dash between words used as punctuation: spaced hyphen/en/em dash, or an unspaced em dash.
_DASH = re.compile(r"(?<=\S) ?(?: [-–—]{1,2} |—|--)(?=\S)| (?:[-–—]) (?=\S)")
_DASH_STYLES = (" - ", " – ", " — ", "—", " -- ")


def dashes(text: str, rng: random.Random) -> str:
    """A parenthetical dash restyled: -, –, —, --, with or without spaces."""

    def swap(match: re.Match[str]) -> str:
        current = match.group()
        return rng.choice([s for s in _DASH_STYLES if s != current])

    return _DASH.sub(swap, text)


# --- layout --------------------------------------------------------------------------------

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")


def paragraphs_merged(text: str, rng: random.Random) -> str:
    """About half of the breaks between two prose paragraphs (at least one) become a space.

    A break after a line with no final punctuation (a headline) is kept.
    """
    breaks = [
        m
        for m in _PARAGRAPH_BREAK.finditer(text)
        if text[: m.start()].rstrip()[-1:] in tuple(".!?\"'”’)")
    ]
    if not breaks:
        return text
    chosen = {m.start() for m in breaks if rng.random() < 0.5} or {rng.choice(breaks).start()}
    out, last = [], 0
    for found in breaks:
        if found.start() in chosen:
            out += [text[last : found.start()], " "]
            last = found.end()
    return "".join(out) + text[last:]


# A sentence end: a final mark after three lower-case letters (so not "Mr.") or a digit, one
# space, then a capital (maybe after an opening quote). Never right after a closing quotation
# mark: what follows may be its speech tag ('“We won!” Rook said.'), which a break would
# move into the next paragraph, to the next quotation.
_SENTENCE_END = re.compile(r"(?:(?<=[a-z]{3}[.!?])|(?<=\d[.!?])) (?=[“\"‘]?[A-Z])")


def paragraphs_split(text: str, rng: random.Random) -> str:
    """Paragraphs of several sentences split in two at a sentence end (outside quotation)."""
    out: list[str] = []
    for paragraph in re.split(r"(\n[ \t]*\n+)", text):
        cuts = [
            m.start()
            for m in _SENTENCE_END.finditer(paragraph)
            if _outside_quotes(paragraph, m.start())
        ]
        if cuts and rng.random() < 0.7:
            cut = rng.choice(cuts)
            paragraph = paragraph[:cut] + "\n\n" + paragraph[cut + 1 :]
        out.append(paragraph)
    return "".join(out)


def _outside_quotes(paragraph: str, index: int) -> bool:
    """True when ``index`` is not inside a double-quoted passage of ``paragraph``."""
    return all(not (start < index < end) for start, end in _double_quote_spans(paragraph))


_HEADLINE_LINE = re.compile(r"^[^\n]{1,200}\n[ \t]*\n")


def header(text: str, rng: random.Random) -> str:
    """A scraper's ``Key: value`` block on top: Title, URL, Source, Author, Published.

    The title is the article's first line when it reads as a headline (it stays in the text
    too, as exported pages keep it), else a neutral one.
    """
    first = _HEADLINE_LINE.match(text)
    title = first.group().strip() if first else "Untitled story"
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "story"
    day = rng.randint(1, 28)
    month = rng.choice(("January", "March", "June", "September", "November"))
    lines = [
        f"Title: {title}",
        f"URL: https://news.example.org/{rng.randint(2000, 2023)}/{slug}",
        f"Source: {rng.choice(('Example Daily', 'The Example Times', 'Example Wire'))}",
        f"Author: {rng.choice(('Jane Roe', 'Alex Example', 'Staff reporter'))}",
        f"Published: {month} {day}, {rng.randint(2015, 2023)}",
    ]
    return "\n".join(lines) + "\n\n" + text


def whitespace(text: str, rng: random.Random) -> str:
    """Double spaces, no-break spaces, trailing spaces, zero-width spaces and soft hyphens.

    Zero-width spaces and soft hyphens go inside long words, where they are invisible.
    """
    out: list[str] = []
    for line in text.split("\n"):
        words = line.split(" ")
        rebuilt: list[str] = []
        for index, word in enumerate(words):
            if len(word) > 7 and word.isalpha() and rng.random() < 0.15:
                middle = len(word) // 2
                word = word[:middle] + rng.choice(("\u00ad", "\u200b")) + word[middle:]
            rebuilt.append(word)
            if index < len(words) - 1:
                roll = rng.random()
                rebuilt.append("  " if roll < 0.05 else "\u00a0" if roll < 0.1 else " ")
        joined = "".join(rebuilt)
        if joined and rng.random() < 0.3:
            joined += rng.choice((" ", "  ", "\t"))
        out.append(joined)
    return "\n".join(out)


_ELLIPSIS = re.compile(r"\.\.\.|…|\. \. \.")


def ellipsis(text: str, rng: random.Random) -> str:
    """``...`` / ``…`` / ``. . .`` swapped for each other."""

    def swap(match: re.Match[str]) -> str:
        return rng.choice([f for f in ("...", "…", ". . .") if f != match.group()])

    return _ELLIPSIS.sub(swap, text)


# The direction of the quote variants depends on the text: a straight-quoted text gets curly
# quotes and the other way round.
VARIANTS: dict[str, Variant] = {
    "quotes_straight": quotes_straight,
    "quotes_curly": quotes_curly,
    "quotes_guillemets": quotes_guillemets,
    "quotes_single": quotes_single,
    "countries": countries,
    "number_words": number_words,
    "percent": percent,
    "dashes": dashes,
    "paragraphs_merged": paragraphs_merged,
    "paragraphs_split": paragraphs_split,
    "header": header,
    "whitespace": whitespace,
    "ellipsis": ellipsis,
}

# The control: the text checked against itself.
IDENTITY = "identity"

# Types that change names, not typography; fixed by entity equivalence, reported apart.
ENTITY_VARIANTS = frozenset({"countries"})

# ``all`` applies these in order: the layout steps read double quotes (a paragraph is never
# split inside one), so the quote style changes after them; the header goes on last.
ALL_ORDER = (
    "countries",
    "number_words",
    "percent",
    "dashes",
    "ellipsis",
    "paragraphs_split",
    "paragraphs_merged",
    "quotes_curly",
    "quotes_single",
    "whitespace",
    "header",
)


def all_variants(text: str, rng: random.Random) -> str:
    """Every variant type in turn (one quote style: single quotes, British convention)."""
    for name in ALL_ORDER:
        text = VARIANTS[name](text, rng)
    return text


def make_variants(text: str, seed: int = 0, names: tuple[str, ...] | None = None) -> dict[str, str]:
    """Each named variant type (default: ``identity``, every type and ``all``) applied to
    ``text``; ``identity`` is the text itself, the control.

    Every type gets its own generator seeded from ``seed`` and its name, so adding a type never
    changes the copies of the others. Copies equal to the text are left out.
    """
    chosen = names or (IDENTITY, *VARIANTS, "all")
    out: dict[str, str] = {}
    for name in chosen:
        if name == IDENTITY:
            out[name] = text  # the control: alarms here are not caused by any variant
            continue
        rng = random.Random(f"{seed}:{name}")
        function = all_variants if name == "all" else VARIANTS[name]
        copy = function(text, rng)
        if copy != text:
            out[name] = copy
    return out
