"""Distortions for the typed changes a careful reader marks on real rewrites.

Each takes the parsed article, one sentence unit and a random generator and returns an
:class:`~sourcetrace.synth.edits.Edit` or None, like the distortions in :mod:`.edits`:

- ``measure_swap``: the figure stays, what it measures changes ("sales" -> "profit");
- ``period_swap``: the period changes ("fourth quarter" -> "first quarter", "before" -> "after");
- ``alternative_dropped``: "neither approve nor reject" -> "not approve", "both A and B" -> "A";
- ``headline_negation``: the headline asserts what a body sentence denies;
- ``sourcing_dropped``: "X reported, citing unnamed officials, that Y" -> "Y";
- ``actor_added``: "a repair crew" -> "a Lenwick-led repair crew";
- ``fragment_quote``: a speaker's quoted phrases joined into one invented quotation.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from typing import Any

from sourcetrace import lexicons
from sourcetrace.attribute.lexicon import institution_nouns
from sourcetrace.lexical import is_content, lemma_key
from sourcetrace.lexicons import canonical_entity, categorized
from sourcetrace.model import Span
from sourcetrace.synth.context import Context, Unit, reporting_verbs
from sourcetrace.synth.edits import Edit, _changed, _local, same_case, splice, tidy
from sourcetrace.verify import severity as policy
from sourcetrace.verify.measures import (
    PERIOD,
    _generic,
    _groups,
    _measure_noun,
    _root,
    _unit,
    _value,
)

OTHER_MEASURES = {
    "money": ("profit", "debt", "spending", "revenue", "losses", "reserves"),
    "%": ("contracts", "votes", "applications", "complaints", "grants"),
    "": ("households", "jobs", "homes", "patients", "visitors", "contracts"),
}
ORDINAL_WORDS = ("first", "second", "third", "fourth")
QUALIFIERS = frozenset(categorized("measures.txt").get("qualifier", ()))
RELATION_SWAPS = {"before": "after", "after": "before", "during": "after", "since": "before"}


def measure_swap(context: Context, unit: Unit, rng: random.Random) -> Edit | None:
    """Keep a figure, change the noun it measures (or drop the measure's qualifier)."""
    candidates: list[tuple[int, int, str, str]] = []
    for group in _groups(list(unit.sent)):
        if _value(group) is None:
            continue
        kind = _unit(group)
        noun = _measure_noun(_root(group), kind)
        # Amounts and shares only: a count may name what it counts freely ("11 residents",
        # "11 Utahns"), which is no change of measure.
        if kind == "" or noun is None or noun.pos_ != "NOUN" or noun.i < unit.sent.start:
            continue
        inside = {t.i for t in group}
        if _generic(noun) or any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
            continue  # "a quarter of that", "the number of jobs": the measure is the "of" object
        if _root(group).dep_ == "appos" or any(
            c.like_num and c.i not in inside for c in noun.children
        ):
            continue  # "the question is, 'ninety percent'", "ages 16 to 24": no measure
        if noun.lower_ in {"percent", "point", "points", "%"} or noun.i in {
            t.head.i for t in group
        }:
            continue  # "15 percent threshold": the figure modifies the noun, it does not measure
        start, end = _local(unit, noun)
        if unit.in_quote(start, end) or start < 0:
            continue
        modifiers = [
            c
            for c in noun.children
            if c.dep_ in {"amod", "compound"} and c.i not in inside and not c.like_num
        ]
        defining = [c for c in modifiers if c.lower_ in QUALIFIERS]
        if defining and rng.random() < 0.5:
            first = min(defining, key=lambda t: t.i)
            q_start, q_end = _local(unit, first)
            candidates.append((q_start, q_end, "", f"qualifier {first.text!r} dropped"))
            continue
        q_start = min([start, *(_local(unit, c)[0] for c in modifiers)])
        options = [m for m in OTHER_MEASURES[kind] if m != noun.lower_]
        other = rng.choice(options)
        candidates.append((q_start, end, same_case(unit.text[q_start:end], other), f"-> {other!r}"))
    if not candidates:
        return None
    start, end, replacement, what = rng.choice(sorted(candidates))
    return _changed(
        "measure_swap",
        unit,
        splice(unit.text, start, end, replacement),
        (start, end),
        ("predicate_changed", "number_changed"),
        policy.number_changed(is_date=False),
        f"the figure's measure changed: {unit.text[start:end]!r} {what}",
    )


def period_swap(context: Context, unit: Unit, rng: random.Random) -> Edit | None:
    """Change the period of a claim: another quarter or half, or before <-> after an event."""
    text = unit.text
    candidates: list[tuple[int, int, str, str]] = []
    for match in PERIOD.finditer(text):
        if match["ord"]:
            start, end = match.span("ord")
            current = match["ord"].lower()
            options = [o for o in ORDINAL_WORDS if o != current]
            other = same_case(match["ord"], rng.choice(options))
            candidates.append((start, end, other, f"{match['ord']!r} -> {other!r}"))
        elif match["same"]:
            start, end = match.start(), match.end()
            # Another quarter than the one the sentence is about: a year alone cannot be
            # told apart when the article has no date.
            named = {m["ord"].lower() for m in PERIOD.finditer(text) if m["ord"]}
            ordinal = rng.choice([o for o in ORDINAL_WORDS if o not in named] or ORDINAL_WORDS)
            other = f"{ordinal} {match['what2']} of {rng.randint(2015, 2025)}"
            candidates.append((start, end, other, f"{match.group(0)!r} -> {other!r}"))
    for token in unit.sent:
        swapped = RELATION_SWAPS.get(token.lower_)
        if swapped is None or token.dep_ not in {"prep", "mark"}:
            continue
        if token.i > unit.sent.start and token.nbor(-1).lower_ in {"until", "till", "not"}:
            continue  # "not until after": the pair is one expression
        if token.dep_ == "prep":
            # An event or a time ("after the vote"), not a phrasal verb's object ("go after
            # Trump", "named after her"): the object is a common noun.
            objects = [c for c in token.children if c.dep_ == "pobj"]
            if not objects or objects[0].pos_ != "NOUN" or objects[0].ent_type_ == "PERSON":
                continue
        elif not any(t.pos_ == "NOUN" for t in token.head.subtree):
            continue
        start, end = _local(unit, token)
        candidates.append(
            (start, end, same_case(token.text, swapped), f"{token.text} -> {swapped}")
        )
    if not candidates:
        return None
    start, end, replacement, what = rng.choice(sorted(candidates))
    return _changed(
        "period_swap",
        unit,
        splice(text, start, end, replacement),
        (start, end),
        ("number_changed",),
        policy.number_changed(is_date=False),
        f"period changed: {what}",
    )


NEITHER = re.compile(r"\bneither\s+(\w+)\s+nor\s+\w+", re.IGNORECASE)
BOTH = re.compile(r"\b([Bb])oth\s+((?:[A-Z][\w'-]*\s+){0,3}?[A-Z][\w'-]*)\s+and\s+", re.UNICODE)


def alternative_dropped(context: Context, unit: Unit, rng: random.Random) -> Edit | None:
    """Drop one alternative or member: "neither A nor B" -> "not A", "both A and B" -> "B"."""
    text = unit.text
    candidates: list[tuple[int, int, str, str]] = []
    for match in NEITHER.finditer(text):
        candidates.append((match.start(), match.end(), f"not {match[1]}", "neither/nor -> not"))
    for match in BOTH.finditer(text):
        candidates.append((match.start(), match.end(), "", f"both {match[2]} and -> (dropped)"))
    if not candidates:
        return None
    start, end, replacement, what = rng.choice(sorted(candidates))
    new_text = splice(text, start, end, replacement)
    # "Both A and B want" -> "B want": keep the verb agreeing with one member.
    new_text = re.sub(r"^(\S+(?: [A-Z]\w+)*) (want|need) ", r"\1 \2s ", tidy(new_text))
    return _changed(
        "alternative_dropped",
        unit,
        new_text,
        (start, end),
        ("scope_changed",),
        policy.scope_changed(),
        f"alternative or member dropped: {what}",
    )


def _is_title(context: Context) -> bool:
    return bool(context.units) and not context.units[0].editable and "\n" in context.gaps[1]


def headline_negation(context: Context, unit: Unit, rng: random.Random) -> Edit | None:
    """Replace the headline with a body sentence's denied claim, asserted."""
    if not _is_title(context) or unit.index == 0 or unit.quotes:
        return None
    negations = [t for t in unit.sent if t.dep_ == "neg" and t.lower_ in {"not", "never"}]
    if len(negations) != 1:
        return None
    verb = negations[0].head
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if verb.dep_ not in {"ROOT", "ccomp"} or not subjects:
        return None  # a main claim with its subject, not "that they would not have to repay"
    marks = [c for c in verb.children if c.dep_ == "mark"]
    if any(m.lower_ != "that" for m in marks):
        return None  # "if ...", "because ...": a condition or a reason, not a claim
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if verb.pos_ != "VERB" or not auxiliaries or any(a.lemma_ == "do" for a in auxiliaries):
        return None  # "did not cut" -> "cut" would need the verb re-inflected
    # The denied clause itself, asserted: a headline is short and drops "X said".
    dropped = {negations[0].i, *(m.i for m in marks)}
    words = [t for t in verb.subtree if t.i not in dropped and not t.is_quote]
    if not 4 <= len(words) <= 14 or any(t.dep_ == "neg" or t.is_punct for t in words[:-1]):
        return None
    headline = "".join(t.text_with_ws for t in words).strip().rstrip(".,;")
    headline = headline[:1].upper() + headline[1:]
    title = context.units[0]
    return Edit(
        op="headline_negation",
        unit=title.index,
        kinds=("polarity_flip",),
        severity=policy.headline_flip(),
        note=f"the headline asserts what the body denies: {unit.text!r}",
        new_text=headline,
        speaker=None,
    )


SOURCING = re.compile(
    r"^(?:According to (?:a|the) reports? (?:in|by) [^,]+, |"
    r"[^,]+? reported, citing [^,]+, that )",
)


def _states_as_fact(unit: Unit, claim: set[str]) -> bool:
    """Whether a sentence carries all of a claim's words with no speaker or sourcing of its own."""
    if not claim or unit.quotes or unit.quoted:
        return False
    lemmas = {t.lemma_.lower() for t in unit.sent}
    if lemmas & reporting_verbs() or SOURCE_WORDS & lemmas:
        return False
    return claim <= {lemma_key(t) for t in unit.sent}


# Words that present a claim as someone's (the sourcing lexicon's single words and "according").
SOURCE_WORDS = frozenset(
    {"according", *(p for ps in categorized("sourcing.txt").values() for p in ps if " " not in p)}
)


def sourcing_dropped(context: Context, unit: Unit, rng: random.Random) -> Edit | None:
    """State a reported or anonymously sourced claim as fact."""
    match = SOURCING.match(unit.text)
    if match is None:
        return None
    new_text = unit.text[match.end() :]
    claim = {lemma_key(t) for t in unit.sent if is_content(t) and _local(unit, t)[0] >= match.end()}
    if any(_states_as_fact(other, claim) for other in context.units if other is not unit):
        return None  # the article says it in its own voice too: no sourcing is lost
    return _changed(
        "sourcing_dropped",
        unit,
        new_text[:1].upper() + new_text[1:],
        (0, match.end()),
        ("hedge_dropped",),
        policy.hedge_changed("sourcing"),
        f"sourcing dropped: {match.group(0).strip()!r}",
    )


@lru_cache(maxsize=1)
def actor_nouns() -> frozenset[str]:
    """Nouns a party can lead, back or fund: bodies (institution_nouns.txt) and undertakings."""
    # A country or a document is named, not led: "a UN-led country" is no plausible rewrite.
    unlikely = {"state", "states", "country", "nation", "statement", "inc", "corp", "paper"}
    bodies = {n for n in institution_nouns() if n not in unlikely}
    return frozenset(bodies | {line.strip().lower() for line in lexicons.lines(ACTOR_NOUNS)})


ACTOR_NOUNS = "synth_actor_nouns.txt"
# A party's name as a reader would write it before "-led": a word ("Lenwick", "Kurdish") or an
# initialism ("U.N."), not a stray abbreviation ("Wis.", "I.").
PARTY_NAME = re.compile(r"^(?:[A-Z][\w'’]+|(?:[A-Z]\.){2,})$")
PARTY_LABELS = ("GPE", "ORG", "NORP")


def _names_party(text: str, name: str) -> bool:
    """Whether ``text`` already names the party ``name`` (an alias or a word of its stem)."""
    lowered = text.lower()
    if name.lower() in lowered or canonical_entity(name) in lowered:
        return True
    stem = name.lower()[:5]  # "Democratic" and "Democrats", "American" and "America"
    return len(stem) == 5 and re.search(rf"\b{re.escape(stem)}", lowered) is not None


def _parties(context: Context, unit: Unit) -> list[str]:
    """Organisations, places and groups of the article a unit does not name already."""
    surnames = {p.split()[-1].lower() for p in context.persons}
    mentioned = {canonical_entity(e.text) for e in unit.sent.ents}
    return [
        name
        for label in PARTY_LABELS
        for name in context.entities.get(label, [])
        if PARTY_NAME.match(name)
        and not (label == "NORP" and name.endswith("s"))  # "Democrat-led", not "Democrats-led"
        and name.lower() not in surnames  # a person's name the tagger took for a group
        and canonical_entity(name) not in mentioned
        and not _names_party(unit.text, name)
    ]


def _in_attribution(token: Any) -> bool:
    """Whether a token is in who says the sentence: "the agency said", "according to the book"."""
    verbs = reporting_verbs()
    while token.head.i != token.i:
        head = token.head
        if token.dep_ in {"nsubj", "nsubjpass"} and head.lemma_.lower() in verbs:
            return True
        if token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
            return True
        token = head
    return False


def _in_speaker(context: Context, noun: Any) -> bool:
    """Whether a noun's phrase overlaps a speaker span the checker's attribution finds."""
    phrase = list(noun.subtree)
    where = Span(phrase[0].idx, phrase[-1].idx + len(phrase[-1].text))
    return any(where.overlaps(s) for s in context.speaker_spans)


def actor_added(context: Context, unit: Unit, rng: random.Random) -> Edit | None:
    """Name a party inside a noun phrase: "a repair crew" -> "a Lenwick-led repair crew".

    Only in the sentence's own claim: never inside a quotation (the speaker's words), in the
    speaker's description (misattribution's business) or in a question, and only with a party
    the sentence does not name already, before a noun a party can lead, back or fund.
    """
    if unit.text.rstrip().endswith("?"):
        return None
    parties = _parties(context, unit)
    if not parties:
        return None
    candidates: list[tuple[Any, Any]] = []
    for token in unit.sent:
        if token.pos_ != "NOUN" or token.dep_ not in {"dobj", "pobj", "nsubj", "nsubjpass"}:
            continue
        if token.lemma_.lower() not in actor_nouns() and token.lower_ not in actor_nouns():
            continue
        det = [c for c in token.children if c.dep_ == "det" and c.lower_ in {"a", "an", "the"}]
        names = [t for t in token.subtree if t.pos_ == "PROPN" or t.ent_type_]
        if not det or names or _in_attribution(token) or _in_speaker(context, token):
            continue
        between = unit.sent.doc[det[0].i + 1 : token.i]
        if any(t.dep_ not in {"compound", "amod"} or t.is_punct or t.is_stop for t in between):
            continue  # only plain modifiers: "the Lenwick-led repair crew", not "a while"
        after = _local(unit, det[0])[1]
        if unit.in_quote(after, after + 1):
            continue
        candidates.append((det[0], token))
    if not candidates:
        return None
    det, noun = rng.choice(candidates)
    party = rng.choice(parties)
    verb = rng.choice(("led", "backed", "funded"))
    start, after = _local(unit, det)
    article = _article_for(det.text, party)
    new_text = splice(unit.text, start, after, f"{article} {party}-{verb}")
    return _changed(
        "actor_added",
        unit,
        new_text,
        (start + len(article) + 1, start + len(article) + len(party) + len(verb) + 2),
        ("entity_changed",),
        policy.entity_changed(),
        f"party named inside the phrase: {party}-{verb} {noun.text}",
    )


def _article_for(determiner: str, party: str) -> str:
    """ "a"/"an" agreeing with the name now after it ("an Arden-led", "a Ukrainian-backed")."""
    if determiner.lower() not in {"a", "an"}:
        return determiner
    return same_case(determiner, "an" if party[:1] in "AEIO" else "a")


FRAGMENTED = re.compile(
    r"^(?P<who>[A-Z][\w'-]*(?: [A-Z][\w'-]*)+) called (?P<a>.+?) “(?P<qa>[^”]+)” and said "
    r"(?P<b>.+?) (?P<be>was|were|is|are) “(?P<qb>[^”]+)”\.$"
)


def fragment_quote(context: Context, unit: Unit, rng: random.Random) -> Edit | None:
    """Join a speaker's two quoted phrases and the narration around them into one quotation."""
    match = FRAGMENTED.match(unit.text)
    if match is None:
        return None
    opening, closing = context.quote_marks()
    subject = match["a"][:1].upper() + match["a"][1:]
    be = "are" if match["a"].endswith("s") else "is"
    content = f"{subject} {be} {match['qa']}, and {match['b']} is {match['qa'] and match['qb']}"
    surname = context.surname(match["who"])
    return Edit(
        op="fragment_quote",
        unit=unit.index,
        kinds=("quote_fabricated", "quote_altered"),
        severity=policy.quote_fabricated(len(content.split()), speaker_is_person=True),
        note="the speaker's quoted phrases joined into one quotation with narration's words",
        new_text=f"{opening}{content},{closing} {surname} said.",
        speaker=unit.speaker or context.full_name(match["who"]),
        in_quote=True,
    )


TYPED_DISTORTIONS = {
    "measure_swap": measure_swap,
    "period_swap": period_swap,
    "alternative_dropped": alternative_dropped,
    "headline_negation": headline_negation,
    "sourcing_dropped": sourcing_dropped,
    "actor_added": actor_added,
    "fragment_quote": fragment_quote,
}
