"""Find where each derived quotation comes from in the whole source, word by word.

Quotes are searched in the whole source, not only in the aligned sentence: rewrites move
quotes around. rapidfuzz's ``partial_ratio_alignment`` finds the best-matching window of
characters; the window is then compared word by word (spaCy lemmas from both parses, through
difflib's SequenceMatcher) to tell verbatim, altered and fabricated quotes apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from rapidfuzz import fuzz

from sourcetrace.lexical import PERCENT_WORDS, is_content, lemma_key, tokens_in
from sourcetrace.model import AlignedPair, Document, Quote, QuoteCheck, QuoteVerdict, Span
from sourcetrace.textnorm import fold
from sourcetrace.verify import severity

# A quotation is fabricated when less than this share of its content words appear, in
# order, in the best-matching source window.
FABRICATION_COVERAGE = 0.5


@dataclass
class QuoteMatch:
    """One quoted piece (a quote's part inside one derived sentence) and its source window."""

    quote: Quote
    piece: Span
    window: Span | None
    coverage: float  # share of the piece's content words found in the window, in order
    ops: list[tuple[str, str, str]]  # (op, source words, derived words), as in Finding.diff
    changed: list[tuple[list[Any], list[Any]]]  # (source tokens, derived tokens) per change
    words: int

    @property
    def verbatim(self) -> bool:
        return self.window is not None and all(op == "equal" for op, _, _ in self.ops)

    @property
    def fabricated(self) -> bool:
        return self.window is None or self.coverage < FABRICATION_COVERAGE


def _fold(text: str) -> str:
    """Typography folded (:func:`sourcetrace.textnorm.fold`) and lower-cased, every offset in
    place."""
    folded = fold(text)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    # A few characters grow when lower-cased ("İ"): keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)


def quote_pieces(document: Document, quote: Quote) -> list[Span]:
    """A quote's content split at the derived document's sentence boundaries."""
    pieces = []
    for segment in document.segments:
        start = max(segment.span.start, quote.content_span.start)
        end = min(segment.span.end, quote.content_span.end)
        if end <= start:
            continue
        text = document.text[start:end]
        stripped = text.strip(' \n\t,.;:!?"“”‘’«»„')
        if not stripped:
            continue
        offset = text.index(stripped)
        pieces.append(Span(start + offset, start + offset + len(stripped)))
    return pieces


def _scored_window(source_folded: str, piece_folded: str) -> tuple[Span, float] | None:
    """The best-matching window of ``source_folded`` for ``piece_folded``, with its score."""
    if not piece_folded.strip() or not source_folded.strip():
        return None
    found = fuzz.partial_ratio_alignment(piece_folded, source_folded)
    if found is None or found.score == 0:
        return None
    # partial_ratio swaps its arguments when the first is longer; the source is the longer one.
    if len(piece_folded) <= len(source_folded):
        start, end = found.dest_start, found.dest_end
    else:  # a quote longer than the searched text: the whole text is the window
        start, end = 0, len(source_folded)
    return Span(start, end), found.score


def _aligned_sources(pair: AlignedPair, piece: Span) -> list[Span]:
    """The source segments the derived sentence holding ``piece`` is aligned to, best first."""
    for alignment in pair.alignments:
        if alignment.derived.start <= piece.start < alignment.derived.end:
            return list(alignment.source)
    return []


def _best_window(pair: AlignedPair, folded: str, piece: Span) -> Span | None:
    """Where a quoted piece comes from: the best-matching window of the whole source, or
    the one in the source sentences its derived sentence is aligned to when that matches as
    well (the same words quoted twice, in a headline and in the body, come from the copy
    the sentence renders, not from whichever comes first)."""
    piece_folded = _fold(piece.of(pair.derived.article))
    found = _scored_window(folded, piece_folded)
    if found is None:
        return None
    window, score = found
    for span in _aligned_sources(pair, piece):
        if len(span) < len(piece_folded):
            continue  # the piece runs past this sentence: the whole-source window stands
        local = _scored_window(folded[span.start : span.end], piece_folded)
        if local is not None and local[1] >= score:
            return Span(span.start + local[0].start, span.start + local[0].end)
    return window


def _widen(text: str, window: Span, extra: int) -> Span:
    """Grow a character window by ``extra`` characters each side, to whole words."""
    start = max(0, window.start - extra)
    end = min(len(text), window.end + extra)
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return Span(start, end)


# Entity types whose names have several equivalent forms ("the United States", "the US",
# "America"): each mention compares as one word, its canonical name (lexical.lemma_key).
NAMED_PLACES = frozenset({"GPE", "NORP", "ORG", "LOC"})


def _words(tokens: list[Any]) -> list[Any]:
    """The words among ``tokens``: no punctuation, except a percent sign ("5%" == "5 percent");
    a place or organisation name counts once, by its first word, with no article before it
    ("in the United States" and "in America" are the same three words to a reader: the same
    two here)."""
    words = [
        t
        for t in tokens
        if not (t.is_space or t.is_quote or (t.is_punct and t.lower_ not in PERCENT_WORDS))
    ]
    return [
        t
        for index, t in enumerate(words)
        if not (t.ent_type_ in NAMED_PLACES and t.ent_iob_ == "I" and index > 0)
        and not _article_of_name(t)
    ]


def _article_of_name(token: Any) -> bool:
    """Whether ``token`` is "the" opening a place or organisation name ("the US")."""
    if token.lower_ != "the" or token.i + 1 >= len(token.doc):
        return False
    following = token.doc[token.i + 1]
    return following.ent_type_ in NAMED_PLACES and following.ent_iob_ == "B"


def compare_words(
    source_tokens: list[Any], derived_tokens: list[Any]
) -> tuple[list[tuple[str, str, str]], list[tuple[list[Any], list[Any]]], float, Span | None]:
    """Word-level diff of a derived piece against a source window.

    Returns the diff ops (leading and trailing source words outside the quote dropped), the
    changed token groups, the share of the derived content words matched (of all its words when
    it has no content word), and the source span
    the matched words cover.
    """
    src = _words(source_tokens)
    der = _words(derived_tokens)
    matcher = SequenceMatcher(
        a=[lemma_key(t) for t in src], b=[lemma_key(t) for t in der], autojunk=False
    )
    opcodes = matcher.get_opcodes()
    # Source words before the first and after the last match lie outside the quotation.
    while opcodes and opcodes[0][0] == "delete":
        opcodes.pop(0)
    while opcodes and opcodes[-1][0] == "delete":
        opcodes.pop()
    # At the edges a replace may run on past the quotation: keep as many source words as the
    # derived side has there.
    if opcodes and opcodes[0][0] == "replace":
        tag, i1, i2, j1, j2 = opcodes[0]
        opcodes[0] = (tag, max(i1, i2 - (j2 - j1)), i2, j1, j2)
    if opcodes and opcodes[-1][0] == "replace":
        tag, i1, i2, j1, j2 = opcodes[-1]
        opcodes[-1] = (tag, i1, min(i2, i1 + (j2 - j1)), j1, j2)
    ops: list[tuple[str, str, str]] = []
    changed: list[tuple[list[Any], list[Any]]] = []
    matched_content = 0
    matched_words = 0
    used_source: list[Any] = []
    for tag, i1, i2, j1, j2 in opcodes:
        s_words, d_words = src[i1:i2], der[j1:j2]
        if tag == "replace" and [t.lower_ for t in s_words] == [t.lower_ for t in d_words]:
            # The same words, keyed apart only because the tagger read one side as a name
            # ("American" alone vs. inside "American Skin").
            tag = "equal"
        ops.append((tag, " ".join(t.text for t in s_words), " ".join(t.text for t in d_words)))
        if tag == "equal":
            matched_content += sum(1 for t in d_words if is_content(t))
            matched_words += len(d_words)
            used_source.extend(s_words)
        else:
            changed.append((s_words, d_words))
            if tag == "replace":
                used_source.extend(s_words)
    content = sum(1 for t in der if is_content(t))
    # A quotation of function words only ("doing what he's doing"): the share of all its words.
    coverage = matched_content / content if content else matched_words / (len(der) or 1)
    span = (
        Span(used_source[0].idx, used_source[-1].idx + len(used_source[-1].text))
        if used_source
        else None
    )
    return ops, changed, coverage, span


def match_quote(
    pair: AlignedPair, quote: Quote, piece: Span, folded_source: str | None = None
) -> QuoteMatch:
    """Where ``piece`` of a derived quote comes from in the whole source."""
    source, derived = pair.source, pair.derived
    derived_tokens = _words(tokens_in(derived, piece))
    folded = folded_source if folded_source is not None else _fold(source.text)
    window = _best_window(pair, folded, piece)
    if window is None:
        return QuoteMatch(quote, piece, None, 0.0, [], [], len(derived_tokens))
    wide = _widen(source.text, window, extra=len(piece) // 3 + 10)
    ops, changed, coverage, used = compare_words(tokens_in(source, wide), derived_tokens)
    return QuoteMatch(quote, piece, used, coverage, ops, changed, len(derived_tokens))


def quote_checks(pair: AlignedPair) -> list[QuoteCheck]:
    """One verdict per derived quotation, from its worst-matching piece."""
    by_quote: dict[int, list[QuoteMatch]] = {}
    for match in match_quotes(pair):
        by_quote.setdefault(id(match.quote), []).append(match)
    checks = []
    for quote in pair.derived.quotes:
        found = by_quote.get(id(quote), [])
        worst = min(found, key=lambda m: m.coverage) if found else None
        verdict: QuoteVerdict
        if worst is None or worst.fabricated:
            short = worst is None or worst.words < severity.STATEMENT_WORDS
            verdict = "scare" if quote.scare and short else "fabricated"
        else:
            verdict = "verbatim" if worst.verbatim else "altered"
        checks.append(QuoteCheck(quote, verdict, worst.window if worst else None))
    return checks


def match_quotes(pair: AlignedPair) -> list[QuoteMatch]:
    """Every quoted piece of the derived document, matched against the source.

    Several checks and the report read the same matches; they are computed once per pair.
    """
    cached = pair.memo.get("quote_matches")
    if cached is None:
        folded = _fold(pair.source.text)
        cached = [
            match_quote(pair, quote, piece, folded)
            for quote in pair.derived.quotes
            for piece in quote_pieces(pair.derived, quote)
        ]
        pair.memo["quote_matches"] = cached
    return list(cached)
