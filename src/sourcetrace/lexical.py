"""Token-level helpers over the spaCy parse a :class:`~sourcetrace.model.Document` carries.

The aligner and every check read words through these functions, so that "which words count"
(content words, lemmas, entity aliases) is decided in one place.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sourcetrace.lexicons import canonical_entities, canonical_entity
from sourcetrace.model import Document, Span

# Words that carry no content for alignment even though spaCy does not mark them as stop
# words: reporting verbs and discourse glue that rewrites add or drop freely.
GLUE_LEMMAS = frozenset(
    {
        "say", "tell", "add", "note", "according", "accord", "also", "however", "first", "second",
        "third", "finally", "mr", "ms", "mrs", "dr", "s", "'s", "’s", "-", "–", "—",
    }
)  # fmt: skip

# Negative adjectives compare by their positive stem ("unable" ~ "not able"); the negation
# itself is judged by the polarity check, which reads the tokens, not these keys.
NEGATIVE_STEMS = {"unable": "able", "incapable": "capable", "impossible": "possible"}

# Number words and their values: "five" and "5" are the same number wherever words compare.
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
}  # fmt: skip
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# A percent sign and the words for it compare as one word.
PERCENT_WORDS = frozenset({"%", "percent", "pct"})


def parse_number(text: str) -> float | None:
    """The value of a number written in digits ("1,200", "3.5") or as one word ("five")."""
    word = text.lower()
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    if NUMBER.fullmatch(text):
        try:
            return float(text.replace(",", ""))
        except ValueError:
            return None
    return None


def number_key(token: Any) -> str | None:
    """The comparison key of a number token (its value: "five" and "5" share "#5"), or None.

    "one" counts only when tagged a number (it is often a pronoun).
    """
    if token.lower_ in PERCENT_WORDS:
        return "percent"
    if not token.like_num or (token.lower_ == "one" and token.pos_ != "NUM"):
        return None
    value = parse_number(token.text)
    if value is None:
        return None
    return f"#{int(value)}" if value.is_integer() else f"#{value}"


CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})


def tokens_in(document: Document, span: Span) -> list[Any]:
    """The spaCy tokens of ``document`` that lie inside ``span``."""
    parsed = document.parsed
    chars = parsed.char_span(span.start, span.end, alignment_mode="contract")
    if chars is None:
        return [t for t in parsed if span.start <= t.idx < span.end]
    return list(chars)


def _entity_text(token: Any) -> str:
    """The whole named-entity mention a token belongs to ("United States" for "States")."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return str(doc[start:end].text)


def lemma_key(token: Any) -> str:
    """The comparison key of a token: its entity-normalised lower-case lemma.

    Tokens of a place or group name share the key of the whole name, through the alias
    lexicon, so that "United States", "US" and "American" compare equal; numbers compare by
    value ("five" == "5") and "%" == "percent".
    """
    number = number_key(token)
    if number is not None:
        return number
    if token.ent_type_ in {"GPE", "NORP", "ORG", "LOC"}:
        whole = _entity_text(token)
        if canonical_entity(whole) in canonical_entities():
            return canonical_entity(whole)
        return canonical_entity(token.text)
    lemma: str = token.lemma_.lower()
    lemma = NEGATIVE_STEMS.get(lemma, lemma)
    return canonical_entity(lemma) if token.pos_ == "PROPN" else lemma


def is_content(token: Any) -> bool:
    """True for tokens that carry meaning: not stop words, punctuation or reporting glue."""
    if token.lower_ in PERCENT_WORDS:
        return True
    if token.is_punct or token.is_space or token.is_quote or token.is_bracket:
        return False
    if token.like_num:
        return True
    if token.is_stop or token.pos_ not in CONTENT_POS:
        return False
    return token.lemma_.lower() not in GLUE_LEMMAS and len(token.text) > 1


def content_keys(document: Document, span: Span) -> list[str]:
    """Comparison keys of the content tokens inside ``span``, in order.

    Noun compounds also give their closed spelling ("health care" -> "healthcare"), since
    rewrites switch between the two.

    The keys depend only on the parse and the span, and alignment and the checks ask for the
    same spans again and again (about four times each on a news pair), so they are kept with
    the spaCy Doc (in its ``user_data``), which lives as long as the parse.
    """
    memo = _memo(document.parsed, "sourcetrace.content_keys")
    if memo is None:
        return keys_of(t for t in tokens_in(document, span) if is_content(t))
    key = (span.start, span.end)
    found = memo.get(key)
    if found is None:
        found = memo[key] = tuple(keys_of(t for t in tokens_in(document, span) if is_content(t)))
    return list(found)


def _memo(parsed: Any, name: str) -> dict[Any, Any] | None:
    """A dictionary kept in a spaCy Doc's ``user_data`` under ``name`` (None for other
    objects). It holds plain values only (no tokens, so no reference cycle through the Doc)."""
    data = getattr(parsed, "user_data", None)
    if not isinstance(data, dict):
        return None
    memo = data.get(name)
    if memo is None:
        memo = data[name] = {}
    return memo


def keys_of(tokens: Iterable[Any]) -> list[str]:
    """Comparison keys of content ``tokens``, with closed compound spellings added."""
    tokens = list(tokens)
    keys = [lemma_key(t) for t in tokens]
    for first, second in itertools.pairwise(tokens):
        if first.pos_ == "NOUN" and second.pos_ == "NOUN" and second.i == first.i + 1:
            keys.append(first.lower_ + second.lemma_.lower())
    return keys


@dataclass(frozen=True)
class Cue:
    """A lexicon phrase found in a text: its category, phrase and character span."""

    category: str
    phrase: str
    span: Span
    head: Any  # the spaCy token the cue's first word is


def find_cues(document: Document, span: Span, lexicon: dict[str, tuple[str, ...]]) -> list[Cue]:
    """Every lexicon phrase inside ``span``, matched on whole lower-cased tokens.

    Longer phrases win over the shorter ones they contain ("if necessary" over "if").
    """
    tokens = tokens_in(document, span)
    words = [_normal(t.text) for t in tokens]
    by_first = _phrase_index(tuple(lexicon.items()))
    found: list[Cue] = []
    i = 0
    while i < len(tokens):
        match = None
        for category, parts in by_first.get(words[i], ()):
            if words[i : i + len(parts)] == parts:
                match = (category, parts)
                break
        if match is None:
            i += 1
            continue
        category, parts = match
        first, last = tokens[i], tokens[i + len(parts) - 1]
        found.append(
            Cue(category, " ".join(parts), Span(first.idx, last.idx + len(last.text)), first)
        )
        i += len(parts)
    return found


@lru_cache(maxsize=64)
def _phrase_index(
    lexicon: tuple[tuple[str, tuple[str, ...]], ...],
) -> dict[str, list[tuple[str, list[str]]]]:
    """Lexicon phrases split into tokens and indexed by first token, longest first."""
    by_first: dict[str, list[tuple[str, list[str]]]] = {}
    for category, phrases in lexicon:
        for phrase in phrases:
            parts = _split_phrase(phrase)
            by_first.setdefault(parts[0], []).append((category, parts))
    for candidates in by_first.values():
        candidates.sort(key=lambda item: len(item[1]), reverse=True)
    return by_first


def _normal(word: str) -> str:
    return word.lower().replace("’", "'")


def _split_phrase(phrase: str) -> list[str]:
    """Split a lexicon phrase the way spaCy tokenises it ("don't" -> "do", "n't")."""
    parts: list[str] = []
    for word in phrase.replace("’", "'").split():
        if word.endswith("n't") and len(word) > 3:
            parts.extend([word[:-3], "n't"])  # spaCy: "don't" -> "do n't", "can't" -> "ca n't"
        elif word.endswith("'s") and len(word) > 2:
            parts.extend([word[:-2], "'s"])
        elif word.startswith("i'm"):
            parts.extend(["i", "'m"])
        else:
            parts.append(word)
    return parts


def subtree_span(token: Any, exclude: Iterable[Any] = ()) -> Span:
    """Character span of ``token``'s syntactic subtree (minus the subtrees in ``exclude``)."""
    skip = {t.i for ex in exclude for t in ex.subtree}
    kept = [t for t in token.subtree if t.i not in skip]
    if not kept:
        return Span(token.idx, token.idx + len(token.text))
    return Span(min(t.idx for t in kept), max(t.idx + len(t.text) for t in kept))


def content_tokens(tokens: Iterable[Any]) -> Iterator[Any]:
    return (t for t in tokens if is_content(t))
