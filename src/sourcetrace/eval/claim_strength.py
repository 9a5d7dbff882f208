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
# Links by which a verb completes a noun or adjective ("potential to prevent", "potential in
# preventing"); a hedging noun or adjective there makes the claim conditional.
_COMPLEMENT_DEPS = frozenset({"acl", "xcomp", "pcomp", "pobj", "prep"})
# Penn tags of comparative and superlative adjectives and adverbs.
_COMPARATIVE_TAGS = frozenset({"JJR", "JJS", "RBR", "RBS"})


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
    causal_nouns: tuple[str, ...]
    causal_adjectives: frozenset[str]
    # Verbs that deny their complement ("failed to improve", "unable to reduce"), from the
    # lexical negation cues of negation.txt.
    negating_verbs: frozenset[str]


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
        causal_nouns=table["causal_noun"],
        causal_adjectives=frozenset(table["causal_adj"]),
        negating_verbs=frozenset(lexicons.categorized("negation.txt").get("lexical", ())),
    )


def _phrase_spans(text: str, phrases: Iterable[str]) -> list[tuple[str, Span]]:
    lowered = text.lower()
    found = []
    for phrase in phrases:
        for match in re.finditer(rf"\b{re.escape(phrase)}\b", lowered):
            found.append((phrase, Span(match.start(), match.end())))
    return found


def _is_negated(token: Any, lexicon: StrengthLexicon) -> bool:
    """A 'not' on the verb, a denying verb above it ("failed to improve"), or 'without'."""
    if any(child.dep_ == "neg" or child.lower_ == "no" for child in token.children):
        return True
    head = token.head
    # "did not curb demand or improve throughput": a coordinated verb shares the denial.
    if token.dep_ == "conj" and head.i != token.i and _is_negated(head, lexicon):
        return True
    if token.dep_ == "xcomp" and head.lemma_.lower() in lexicon.negating_verbs:
        return True
    return token.dep_ == "pcomp" and head.lower_ == "without"


def _is_conditional(token: Any, lexicon: StrengthLexicon) -> bool:
    """A modal/hedge adverb on the verb, or a hedging verb or modal up its clausal chain."""
    current = token
    for _ in range(6):  # clause chains in one sentence are short; bound the walk anyway
        for child in current.children:
            if child.dep_ in ("aux", "advmod") and child.lower_ in lexicon.conditional:
                return True
        if current.i != token.i and current.lemma_.lower() in lexicon.hedge_verbs:
            return True
        # "the potential to prevent", "likely to reduce", "the potential of X in preventing":
        # a hedging word that the verb completes.
        if current.dep_ in _COMPLEMENT_DEPS and current.head.lower_ in lexicon.conditional:
            return True
        if current.dep_ not in _CLAUSAL_DEPS | _COMPLEMENT_DEPS or current.head.i == current.i:
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
    # "hard to treat", "measures known to improve survival": the verb completes a word that
    # describes a noun; it is background, not the finding.
    if token.dep_ == "xcomp" and (
        token.head.pos_ == "ADJ" or token.head.dep_ in _NON_PREDICATE_DEPS
    ):
        return False
    # A comparative in an adjective's slot ("rates were lower than ...") compares, it does not
    # act; the tagger also tags the verb "lower" as a comparative, which keeps a verb's slot.
    if token.tag_ in _COMPARATIVE_TAGS and (
        token.dep_ in ("acomp", "attr", "oprd")
        or any(child.lower_ == "than" for child in token.children)
    ):
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
            cues.append(StrengthCue(_causal_level(token, lexicon), span, " ".join(phrase)))
            break
    return cues


def _causal_level(predicate: Any, lexicon: StrengthLexicon) -> int:
    """Direct causal, or conditional under a hedge, or no relationship when denied."""
    if _is_negated(predicate, lexicon):
        return NO_RELATIONSHIP
    if _is_conditional(predicate, lexicon):
        return CONDITIONAL_CAUSAL
    return DIRECT_CAUSAL


def _clause_verb(token: Any) -> Any:
    """The verb (or copula) whose clause a noun or adjective belongs to."""
    current = token
    for _ in range(8):  # bounded: heads form a tree, but a parse can be deep
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return current


def _effect_cues(doc: Any, text: str, lexicon: StrengthLexicon) -> list[StrengthCue]:
    """Effects named by a noun ("an effect on Y") or a predicate adjective ("X is effective").

    Their strength is read off the clause they sit in: "may have an effect on" and "could be
    effective" are conditional, "has no effect" is a denial (the ``none`` phrases).
    """
    cues = []
    for phrase, span in _phrase_spans(text, lexicon.causal_nouns):
        token = next((t for t in doc if t.idx == span.start), None)
        if token is not None:
            phrase_tokens = [t for t in doc if span.start <= t.idx < span.end]
            # "no discernible effects on": the noun itself is denied.
            denied = any(
                child.lower_ == "no" or child.dep_ == "neg"
                for t in phrase_tokens
                for child in t.children
            )
            level = NO_RELATIONSHIP if denied else _causal_level(_clause_verb(token), lexicon)
            cues.append(StrengthCue(level, span, phrase))
    for token in doc:
        # The causative "X makes Y Z" ("makes people less willing", "make happy adults").
        if (
            token.lemma_.lower() == "make"
            and token.pos_ == "VERB"
            and any(child.dep_ in ("ccomp", "xcomp", "oprd") for child in token.children)
        ):
            span = Span(token.idx, token.idx + len(token.text))
            cues.append(StrengthCue(_causal_level(token, lexicon), span, "make"))
        if (
            token.pos_ == "ADJ"
            and token.dep_ in ("acomp", "ROOT", "conj")
            and (token.lemma_.lower() in lexicon.causal_adjectives)
        ):
            verb = token.head if token.dep_ == "acomp" else token
            span = Span(token.idx, token.idx + len(token.text))
            cues.append(StrengthCue(_causal_level(verb, lexicon), span, token.lower_))
    return cues


def strength_cues(text: str, nlp: Any = None) -> list[StrengthCue]:
    """Every strength cue in ``text``, in text order."""
    if nlp is None:
        from sourcetrace.nlp import load_spacy

        nlp = load_spacy()
    lexicon = strength_lexicon()
    denials = [StrengthCue(NO_RELATIONSHIP, s, p) for p, s in _phrase_spans(text, lexicon.none)]
    doc = nlp(text)
    cues = _causal_cues(doc, lexicon) + _effect_cues(doc, text, lexicon)
    cues += [
        StrengthCue(CORRELATIONAL, s, p) for p, s in _phrase_spans(text, lexicon.correlational)
    ]
    # "not associated with" denies the association its words also spell.
    cues = [c for c in cues if not any(c.span.overlaps(d.span) for d in denials)]
    return sorted(cues + denials, key=lambda cue: (cue.span.start, -cue.level))


def found_strength(text: str, nlp: Any = None) -> int | None:
    """The strength (0-3) of the strongest claim cue in ``text``; None when it has no cue.

    None is "no evidence either way", unlike 0, which a denial ("no association") earns.
    """
    return max((cue.level for cue in strength_cues(text, nlp)), default=None)


def claim_strength(text: str, nlp: Any = None) -> int:
    """The strength (0-3) of the strongest claim in ``text``; 0 when it makes none."""
    found = found_strength(text, nlp)
    return NO_RELATIONSHIP if found is None else found


def compare_strength(source: int | None, derived: int | None) -> StrengthChange:
    """How a derived text's claim strength relates to its source's.

    When either text carries no strength cue at all, nothing shows a change: "same".
    """
    if source is None or derived is None:
        return "same"
    if derived > source:
        return "exaggerates"
    if derived < source:
        return "downplays"
    return "same"
