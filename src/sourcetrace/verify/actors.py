"""entity_changed for an actor added: a claim now names a party its source did not.

"a peacekeeping force" -> "a UN-led peacekeeping force", "the talks" -> "the Kestrel-brokered
talks", "a force led by the UN": the noun is the source's, but a modifier inside its phrase
says that an organisation, country, group or person the source sentence never mentions acts
on it (a name joined to a participle, or a participle clause). The claim now says who leads,
funds or backs something, which the source did not say. A name that only says which one
("the state health department") is how rewrites resolve references, and is left alone. A
name that replaced another is :mod:`.entities`' swap; a whole new clause is an addition.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from sourcetrace.lexical import lemma_key, tokens_in
from sourcetrace.lexicons import canonical_entity
from sourcetrace.model import AlignedPair, Document, Finding, Span
from sourcetrace.verify import severity
from sourcetrace.verify.common import (
    aligned_sentences,
    claim_speaker,
    in_quote,
    is_question,
    speaker_name,
)

ACTOR_TYPES = frozenset({"ORG", "GPE", "NORP", "PERSON"})
# Children of a noun that modify it inside its own phrase.
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "poss", "acl"})


# Entity types of figures: a "PROPN" with one of them names no party. Dates are not among them
# (the tagger takes unfamiliar place names for dates), but month and day names are.
NOT_PARTIES = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
CALENDAR_NAMES = frozenset(
    name.lower() for name in (*calendar.month_name, *calendar.day_name) if name
)


def _misattached_determiner(noun: Any, modifier: Any) -> bool:
    """ "the Americans-led plan" parsed with "the" under "Americans": the noun's own article."""
    words = list(modifier.subtree)
    own = any(c.dep_ == "det" for c in noun.children)
    return not own and words[0].dep_ == "det" and words[0].i < noun.i


def _capitalised_agent(token: Any) -> bool:
    """A capitalised word mid-sentence right before "-" and a participle ("Hermosillo-backed"):
    a name, even when the tagger does not know it."""
    doc = token.doc
    if token.i == token.sent.start or not token.text[:1].isupper() or token.i + 2 >= len(doc):
        return False
    hyphen, participle = doc[token.i + 1], doc[token.i + 2]
    return hyphen.text == "-" and not token.whitespace_ and participle.tag_ == "VBN"


def _actor_tokens(noun: Any) -> list[tuple[Any, Any]]:
    """(modifier child, named token inside it) for each named party in the noun's modifiers."""
    found = []
    for child in noun.children:
        if child.dep_ not in MODIFIER_DEPS and not _joined_name(child):
            continue  # ("U.S.-led" is sometimes parsed as a number's modifier)
        words = list(child.subtree)
        if _misattached_determiner(noun, child):
            words = words[1:]
        if any(
            t.dep_ == "det" or t.pos_ == "DET" or (t.is_punct and (t.text != "-" or t.whitespace_))
            for t in words
        ):
            continue  # a dateline or an apposition, not a modifier inside the phrase
        if child.dep_ == "amod" and child.ent_type_ == "NORP" and not list(child.children):
            continue  # "Asian countries", "a French team": a description, not a party acting
        for token in words:
            if (
                token.ent_type_ in ACTOR_TYPES
                or (
                    token.pos_ == "PROPN"
                    and token.ent_type_ not in NOT_PARTIES
                    and token.lower_ not in CALENDAR_NAMES
                )
                or _joined_name(token)
                or _capitalised_agent(token)
            ):
                found.append((child, token))
                break
    return found


# A name and a participle the tokenizer keeps as one token: "U.S.-backed", "U.N.-led".
JOINED = re.compile(r"^(?P<name>(?:[A-Z]\.){2,}|[A-Z][\w'’]*)-(?P<participle>[a-z]+)$")
# Past participles not ending in -ed/-en ("U.S.-run", "EU-built"), from English grammar.
IRREGULAR_PARTICIPLES = frozenset({"run", "built", "made", "held", "bought", "brought", "sought"})


def _joined_name(token: Any) -> str | None:
    """The name in a one-token "U.S.-led" modifier, else None."""
    match = JOINED.match(token.text)
    if match is None:
        return None
    participle = match["participle"]
    if participle.endswith(("ed", "en")) or participle in IRREGULAR_PARTICIPLES:
        return match["name"]
    return None


def _agentive(modifier: Any) -> bool:
    """A name joined to a participle ("UN-led", "U.S.-backed"): it says who acts."""
    doc = modifier.doc
    if any(_joined_name(t) for t in modifier.subtree):
        return True
    for token in modifier.subtree:
        if token.i + 2 >= len(doc) or token.whitespace_:
            continue
        hyphen, participle = doc[token.i + 1], doc[token.i + 2]
        if hyphen.text == "-" and not hyphen.whitespace_ and participle.tag_ == "VBN":
            return True
    return False


def _entity_text(token: Any) -> str:
    for entity in token.doc.ents:
        if entity.start <= token.i < entity.end:
            return str(entity.text)
    return str(token.text)


# Lower-case words inside a tagged name that join two names ("Islamic State by America" read
# as one entity): each joined name is looked for on its own.
_NAME_JOINERS = re.compile(r"\s+(?:by|of|and|for|in|on|at|from|with)\s+")


def _mentioned(name: str, text: str) -> bool:
    key = canonical_entity(name)
    if key in text or name.lower() in text:
        return True
    parts = _NAME_JOINERS.split(name)
    return len(parts) > 1 and all(_mentioned(part, text) for part in parts)


def _source_text(pair: AlignedPair, spans: list[Span]) -> str:
    """The source sentences' text, lower-cased, with aliases of their entities added."""
    words = [s.of(pair.source.article).lower() for s in spans]
    for span in spans:
        for entity in pair.source.parsed.ents:
            if span.start <= entity.start_char < span.end:
                words.append(canonical_entity(entity.text))
    return " ".join(words)


def _nouns(document: Document, spans: list[Span]) -> set[str]:
    return {
        lemma_key(t) for s in spans for t in tokens_in(document, s) if t.pos_ in {"NOUN", "PROPN"}
    }


def _source_noun(noun: Any, source_nouns: set[str]) -> bool:
    """Whether the noun's phrase is the source's: its head, or a noun compounded with it
    ("the campaign plans" parsed with "plans" as the head noun)."""
    compounds = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
    return any(lemma_key(t) in source_nouns for t in (noun, *compounds))


def check(pair: AlignedPair) -> list[Finding]:
    findings = []
    for sentence in aligned_sentences(pair):
        if is_question(pair.derived, sentence.span):
            continue
        source_nouns = _nouns(pair.source, sentence.sources)
        source_text = _source_text(pair, sentence.sources)
        attribution = pair.derived.attribution_at(sentence.span)
        for noun in tokens_in(pair.derived, sentence.span):
            if noun.pos_ != "NOUN" or not _source_noun(noun, source_nouns):
                continue
            for modifier, named in _actor_tokens(noun):
                # Only a party said to act on the thing ("UN-led", "a force led by the UN"):
                # a name that only says which one ("state health department", "Mission
                # Control") is how rewrites resolve references.
                if not (_agentive(modifier) or modifier.dep_ == "acl"):
                    continue
                name = _joined_name(named) or _entity_text(named)
                if _mentioned(name, source_text):
                    continue
                words = [t for t in modifier.subtree if t.dep_ != "det"]
                where = Span(min(t.idx for t in words), max(t.idx + len(t.text) for t in words))
                speaker_at = attribution.speaker_span if attribution is not None else None
                if speaker_at is not None and speaker_at.overlaps(where):
                    continue  # the speaker's description: misattribution's business
                findings.append(
                    Finding(
                        kind="entity_changed",
                        severity=severity.entity_changed(),
                        reason=(
                            f"the rewrite says ‘{where.of(pair.derived.article)} {noun.text}’: "
                            f"the source does not name ‘{name}’ here"
                        ),
                        derived_span=where,
                        source_span=sentence.sources[0],
                        speaker=speaker_name(claim_speaker(pair.derived, sentence.span)),
                        in_quote=in_quote(pair.derived, sentence.span),
                    )
                )
    return findings
