"""Claim strength: how strongly a sentence asserts that one thing affects another.

The scale follows the claim-strength categories of Sumner et al. (2014) and Yu et al. (2019):

====  ==================  ======================================================
0     no relationship     "X was not associated with Y", or no claim at all
1     correlational       "X is linked to Y", "X were more likely to ..."
2     conditional causal  "X may reduce Y", "results suggest that X reduces Y"
3     direct causal       "X reduces Y", "X leads to Y"
====  ==================  ======================================================

Cues come from ``lexicons/causal_strength.txt`` (and the modal hedges of ``hedges.txt``);
the parse decides whether a causal verb is really a predicate (not an adjective such as
"reduced risk"), whether it is negated, and whether a modal or a hedging verb governs it.
The strength of a text is its strongest cue. Comparing a source's strength with a derived
text's gives same / exaggerates / downplays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from sourcetrace import lexicons
from sourcetrace.model import Span

NO_RELATIONSHIP, CORRELATIONAL, CONDITIONAL_CAUSAL, DIRECT_CAUSAL = 0, 1, 2, 3
StrengthChange = Literal["same", "exaggerates", "downplays"]
CHANGES: tuple[StrengthChange, ...] = ("same", "exaggerates", "downplays")

# Participles that modify a noun ("a reduced risk", "patients treated with X") describe, they
# do not claim; the causal reading needs the verb as a predicate.
_NON_PREDICATE_DEPS = frozenset({"amod", "acl", "compound", "nmod"})
# Slots a noun fills; a causal word there is a noun ("an increase", "the cut").
_NOUN_SLOT_DEPS = frozenset({"nsubj", "nsubjpass", "pobj", "attr", "appos", "npadvmod"})
# Clausal links through which a hedging verb or modal governs a causal verb.
_CLAUSAL_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "relcl", "csubj"})


@dataclass(frozen=True)
class StrengthCue:
    """One piece of evidence for a strength level, with where it is in the text."""

    level: int
    span: Span
    cue: str


@dataclass(frozen=True)
class StrengthLexicon:
    causal: tuple[tuple[str, ...], ...]  # lemma sequences
    correlational: tuple[str, ...]
    conditional: frozenset[str]
    hedge_verbs: frozenset[str]
    none: tuple[str, ...]


@lru_cache(maxsize=1)
def strength_lexicon() -> StrengthLexicon:
    """The cue lists, with the modal hedges of ``hedges.txt`` merged into the conditional cues."""
    table = lexicons.categorized("causal_strength.txt")
    conditional = set(table["conditional"])
    conditional.update(lexicons.categorized("hedges.txt").get("modal", ()))
    return StrengthLexicon(
        causal=tuple(tuple(phrase.split()) for phrase in table["causal"]),
        correlational=table["correlational"],
        conditional=frozenset(conditional),
        hedge_verbs=frozenset(table["hedge_verb"]),
        none=table["none"],
    )


def _phrase_spans(text: str, phrases: Iterable[str]) -> list[tuple[str, Span]]:
    lowered = text.lower()
    found = []
    for phrase in phrases:
        for match in re.finditer(rf"\b{re.escape(phrase)}\b", lowered):
            found.append((phrase, Span(match.start(), match.end())))
    return found


def _is_negated(token: Any) -> bool:
    return any(child.dep_ == "neg" for child in token.children)


def _is_conditional(token: Any, lexicon: StrengthLexicon) -> bool:
    """A modal/hedge adverb on the verb, or a hedging verb or modal up its clausal chain."""
    current = token
    for _ in range(6):  # clause chains in one sentence are short; bound the walk anyway
        for child in current.children:
            if child.dep_ in ("aux", "advmod") and child.lower_ in lexicon.conditional:
                return True
        if current.i != token.i and current.lemma_.lower() in lexicon.hedge_verbs:
            return True
        if current.dep_ not in _CLAUSAL_DEPS or current.head.i == current.i:
            return False
        current = current.head
    return False


def _is_predicate(token: Any) -> bool:
    """Whether a token can be the verb of a claim.

    The small English model often tags a sentence's causal verb as a noun or adjective
    ("stretching prevents pain", "X lowers Y"); such a token still reads as a verb when
    no determiner introduces it and it does not sit in a noun's slot.
    """
    if token.dep_ in _NON_PREDICATE_DEPS:
        return False
    if token.pos_ == "VERB":
        return True
    if token.pos_ not in ("NOUN", "ADJ") or token.dep_ in _NOUN_SLOT_DEPS:
        return False
    return not any(child.dep_ in ("det", "poss") for child in token.children)


def _causal_cues(doc: Any, lexicon: StrengthLexicon) -> list[StrengthCue]:
    # A word matches by lemma or by its own form: the tagger may lemmatise a mis-tagged verb
    # as an adjective ("lower" -> "low").
    forms = [{token.lemma_.lower(), token.lower_} for token in doc]
    cues = []
    for i, token in enumerate(doc):
        if not _is_predicate(token):
            continue
        for phrase in lexicon.causal:
            window = forms[i : i + len(phrase)]
            if len(window) < len(phrase) or any(
                word not in form for word, form in zip(phrase, window, strict=True)
            ):
                continue
            end = doc[i + len(phrase) - 1].idx + len(doc[i + len(phrase) - 1].text)
            span = Span(token.idx, end)
            if _is_negated(token):
                level = NO_RELATIONSHIP
            elif _is_conditional(token, lexicon):
                level = CONDITIONAL_CAUSAL
            else:
                level = DIRECT_CAUSAL
            cues.append(StrengthCue(level, span, " ".join(phrase)))
            break
    return cues


def strength_cues(text: str, nlp: Any = None) -> list[StrengthCue]:
    """Every strength cue in ``text``, in text order."""
    if nlp is None:
        from sourcetrace.nlp import load_spacy

        nlp = load_spacy()
    lexicon = strength_lexicon()
    denials = [StrengthCue(NO_RELATIONSHIP, s, p) for p, s in _phrase_spans(text, lexicon.none)]
    cues = _causal_cues(nlp(text), lexicon)
    cues += [
        StrengthCue(CORRELATIONAL, s, p) for p, s in _phrase_spans(text, lexicon.correlational)
    ]
    # "not associated with" denies the association its words also spell.
    cues = [c for c in cues if not any(c.span.overlaps(d.span) for d in denials)]
    return sorted(cues + denials, key=lambda cue: (cue.span.start, -cue.level))


def claim_strength(text: str, nlp: Any = None) -> int:
    """The strength (0-3) of the strongest claim in ``text``; 0 when it makes none."""
    return max((cue.level for cue in strength_cues(text, nlp)), default=NO_RELATIONSHIP)


def compare_strength(source: int, derived: int) -> StrengthChange:
    """How a derived text's claim strength relates to its source's."""
    if derived > source:
        return "exaggerates"
    if derived < source:
        return "downplays"
    return "same"
