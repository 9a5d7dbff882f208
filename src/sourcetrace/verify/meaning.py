"""Which words carry meaning a rewrite must keep: negation, modality, numbers, names, scope."""

from __future__ import annotations

from typing import Any

from sourcetrace.lexicons import categorized

STRONG_MODALS = frozenset({"will", "must", "shall", "definitely", "certainly", "surely"})
# "can" and "would" are no hedges (lexicons/hedges.txt) but sit with the possibility modals
# when two modals are compared: "may" -> "can" keeps the claim's strength, "may" -> "will" not.
WEAK_EXTRA = frozenset({"can", "would", "ca"})


def negation_words() -> frozenset[str]:
    table = categorized("negation.txt")
    single = [p for c in ("cue", "lexical") for p in table.get(c, ()) if " " not in p]
    return frozenset(single)


def weak_modals() -> frozenset[str]:
    return frozenset(p for p in categorized("hedges.txt").get("modal", ()) if " " not in p)


def quantifier_class(word: str) -> str | None:
    for category, phrases in categorized("quantifiers.txt").items():
        if word in phrases and category != "disjunct":
            return category
    return None


def modal_tier(token: Any) -> str | None:
    """'weak' for possibility modals (may, could, can), 'strong' for will/must, else None."""
    word = token.lower_.replace("’", "'")
    if word in {"'ll", "wo"}:
        return "strong"
    if word in STRONG_MODALS:
        return "strong"
    if word in weak_modals() or word in WEAK_EXTRA:
        return "weak"
    return None


def meaning_change(source_tokens: list[Any], derived_tokens: list[Any]) -> str | None:
    """Why replacing ``source_tokens`` with ``derived_tokens`` changes meaning, or None.

    Synonyms and function words are wording; negation, modality strength, numbers, names
    and quantifiers are meaning.
    """
    negations = negation_words()
    src_neg = any(t.lower_ in negations or t.dep_ == "neg" for t in source_tokens)
    der_neg = any(t.lower_ in negations or t.dep_ == "neg" for t in derived_tokens)
    if src_neg != der_neg:
        return "negation " + ("removed" if src_neg else "added")
    src_tiers = {modal_tier(t) for t in source_tokens} - {None}
    der_tiers = {modal_tier(t) for t in derived_tokens} - {None}
    if src_tiers != der_tiers and (src_tiers or der_tiers):
        return f"modality changed ({_words(source_tokens)} -> {_words(derived_tokens)})"
    src_nums = {t.text for t in source_tokens if t.like_num}
    der_nums = {t.text for t in derived_tokens if t.like_num}
    if src_nums != der_nums and (src_nums or der_nums):
        return f"number changed ({_words(source_tokens)} -> {_words(derived_tokens)})"
    src_names = {t.lemma_.lower() for t in source_tokens if t.pos_ == "PROPN"}
    der_names = {t.lemma_.lower() for t in derived_tokens if t.pos_ == "PROPN"}
    if der_names - src_names:  # a name dropped is wording; a name brought in is not
        return f"name changed ({_words(source_tokens)} -> {_words(derived_tokens)})"
    src_q = {_quantifier(t) for t in source_tokens} - {None}
    der_q = {_quantifier(t) for t in derived_tokens} - {None}
    if src_q != der_q and (src_q or der_q):
        return f"quantifier changed ({_words(source_tokens)} -> {_words(derived_tokens)})"
    return None


# "some sort of", "to some extent": degree hedges built on a quantifier word.
DEGREE_HEADS = frozenset({"sort", "kind", "extent", "degree", "way"})


def _quantifier(token: Any) -> str | None:
    if token.head.lemma_.lower() in DEGREE_HEADS:
        return None
    return quantifier_class(token.lower_)


def _words(tokens: list[Any]) -> str:
    return "'" + " ".join(t.text for t in tokens) + "'" if tokens else "nothing"
