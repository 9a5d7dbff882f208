"""entity_changed: a person, place, organisation or object swapped for another.

A derived entity that its source sentence does not mention, while that sentence carries an
entity that the derived sentence dropped, is a swap when the new name takes the old one's
place: the same role at the same word ("X will meet" for "Y will meet", "in A and X" for
"in A and Y"), and, when both are labelled, the same family of names. A rewrite that
rephrases a sentence moves its names around; a name in another slot is new detail, not a
swap (additions judge it). A name spelled a little differently ("Karen" for "Karin",
"Papillion" for "Papillon") is a misspelling, reported in any slot and at most minor.
Two names for one thing are not a swap. Entities are compared through their canonical names
(:func:`sourcetrace.lexicons.canonical_entity`: ISO 3166 names and codes from pycountry plus
lexicons/entity_aliases.txt, so "US", "U.S.", "the United States" and "America" are one), by
name parts ("Quint" == "Mara Quint"), by capital for country ("Moscow" for "Russia"), and by
initials: an acronym names whatever multi-word name has those initials ("WHO" for "the World
Health Organization", "OECD" for "the Organisation for Economic Co-operation and Development").
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz

from sourcetrace.lexicons import canonical_entity, capitals
from sourcetrace.model import AlignedPair, Document, Finding, Span
from sourcetrace.verify import severity
from sourcetrace.verify.common import aligned_sentences, claim_speaker, in_quote, speaker_name

COMPARED = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW"})
# Countries and regions swap for each other ("Europe" for "Germany"); groups (NORP) do not.
# The small English model confuses people, organisations and facilities ("Brandt" as ORG,
# a bank as FAC), so those three form one family; countries and regions form another.
FAMILY = {
    "GPE": "place", "LOC": "place", "ORG": "agent", "FAC": "agent", "PERSON": "agent",
}  # fmt: skip


def entities(document: Document, span: Span) -> list[Any]:
    return [
        e
        for e in document.parsed.ents
        if e.label_ in COMPARED
        and span.start <= e.start_char
        and e.end_char <= span.end
        and not any(b.overlaps(Span(e.start_char, e.end_char)) for b in document.boilerplate)
    ]


def proper_names(document: Document, span: Span) -> list[Any]:
    """Runs of proper nouns in ``span`` that the entity recogniser left unlabelled.

    The small English model misses a name in one sentence that it labels in the next ("The
    West Calder Wildlife Trust"); such a run is kept as a spaCy span with an empty label and
    compared only by its place in the sentence (see :func:`_replaces`).
    """
    parsed = document.parsed
    labelled = [Span(e.start_char, e.end_char) for e in parsed.ents]
    found = []
    for token in parsed.char_span(span.start, span.end, alignment_mode="expand") or []:
        if token.pos_ != "PROPN" or token.dep_ == "compound":
            continue
        start = token.i
        while (
            start > 0 and parsed[start - 1].pos_ == "PROPN" and parsed[start - 1].dep_ == "compound"
        ):
            start -= 1
        name = parsed[start : token.i + 1]
        where = Span(name.start_char, name.end_char)
        if any(where.overlaps(other) for other in labelled):
            continue
        if any(b.overlaps(where) for b in document.boilerplate):
            continue
        found.append(name)
    return found


def _role(entity: Any) -> tuple[str, str]:
    return entity.root.dep_, entity.root.head.lemma_.lower()


def _same_family(new: Any, old: Any) -> bool:
    """Whether two names are of one family; a name the recogniser left unlabelled may be of
    any."""
    if not (new.label_ and old.label_):
        return True
    return FAMILY.get(new.label_, new.label_) == FAMILY.get(old.label_, old.label_)


def _replaces(new: Any, old: Any) -> bool:
    """Whether ``new`` takes the place of ``old``: the same role at the same word ("X will
    meet" for "Y will meet", "in A and X" for "in A and Y") and a family the labels allow."""
    return _same_family(new, old) and _role(new) == _role(old)


# Two spellings of one word at least this similar (rapidfuzz ratio, 0-100) are one word
# misspelled ("Karen"/"Karin", "Papillion"/"Papillon", "Worker"/"Workers").
SPELLING_SIMILARITY = 80
_NAME_SKIP = frozenset({"the", "of", "for", "and", "&", "a", "an"})


def name_words(text: str) -> list[str]:
    """The words of a name, lower-cased, without "the", "of" and a possessive ending."""
    bare = text.removesuffix("'s").removesuffix("’s")
    return [w.lower() for w in _WORD.findall(bare) if w.lower() not in _NAME_SKIP]


def misspelled(new: str, old: str) -> bool:
    """Whether ``new`` is ``old`` spelled differently: each word of the shorter name is a word
    of the longer one or a near spelling of it, and at least one is spelled differently."""
    mine, theirs = name_words(new), name_words(old)
    if not mine or not theirs:
        return False
    short, long_ = (mine, theirs) if len(mine) <= len(theirs) else (theirs, mine)
    changed = False
    for word in short:
        if word in long_:
            continue
        if not any(
            len(word) > 2 and fuzz.ratio(word, other) >= SPELLING_SIMILARITY for other in long_
        ):
            return False
        changed = True
    return changed


def shortened(new: str, old: str) -> bool:
    """Whether one name is the other with words left out ("Senate Intelligence Committee" for
    "the Senate Select Committee on Intelligence"): two or more words, all in the other."""
    mine, theirs = set(name_words(new)), set(name_words(old))
    smaller = min(mine, theirs, key=len)
    return len(smaller) >= 2 and (mine <= theirs or theirs <= mine)


def is_description(entity: Any) -> bool:
    """A phrase the recogniser labelled but that names nothing in capitals ("the state health
    department"): a description of something, which any name may fit."""
    return not any(t.text[:1].isupper() for t in entity if t.lower_ not in _NAME_SKIP)


def _parts(entity: Any) -> set[str]:
    """Ways to name the entity: canonical name, shorter forms, and its country for a capital.

    A person is named by any part of the name but the first ("Quint" for "Mara Quint").
    Other names shorten from the left and keep at least two words ("Wetlands Trust" for "Riverside
    Wetlands Trust"): a single word of an organisation's name ("Upper" in "Upper Fenland
    Teachers Union") does not name it.
    """
    canonical = canonical_entity(entity.text)
    parts = {canonical}
    names = [t for t in entity if t.pos_ == "PROPN" or t.text[:1].isupper()]
    if entity.label_ == "PERSON" and len(names) > 1:
        # A shared first name does not name the same person ("Halvard Ostby", "Halvard
        # Ostbye"); the surname does.
        parts |= {canonical_entity(t.text) for t in names[1:]}
    elif entity.label_ == "PERSON" or len(names) == 1:
        parts |= {canonical_entity(t.text) for t in names}
    else:
        parts |= {
            canonical_entity(" ".join(t.text for t in names[i:])) for i in range(len(names) - 1)
        }
    return parts | {capitals()[p] for p in parts if p in capitals()}


# Endings that make a place's adjective or demonym ("western", "Utahns", "Lisvanian",
# "Maltese", "Scottish", "Iraqi") or a plural; any other ending makes another word.
_NAME_ENDINGS = r"(?:ern|ians?|ans?|ns?|ese|ish|is?|s|'s|’s)?"


def _has_words(text: str, name: str) -> bool:
    """Whether ``text`` has ``name`` as whole words or with an adjective's or demonym's ending
    ("west" in "western"; "ostby" is not in "ostbye")."""
    pattern = rf"(?<!\w){re.escape(name)}{_NAME_ENDINGS}(?!\w)"
    return bool(name) and re.search(pattern, text) is not None


def mentioned(entity: Any, parts_seen: set[str], text: str) -> bool:
    """Whether a text (given its entity parts and its words) mentions ``entity``: by one of
    its names, or, for anything but a person, by its acronym or the name the acronym stands
    for."""
    parts = _parts(entity)
    if parts & parts_seen or _has_words(text.lower(), canonical_entity(entity.text)):
        return True
    return entity.label_ != "PERSON" and named_by_initials(entity.text, text)


# Words an acronym skips ("the World Health Organization", "Bank of England", "Food and Drug
# Administration").
INITIALS_SKIP = frozenset({"the", "of", "for", "and", "&"})
# An acronym is 2 to 8 capitals, with or without full stops ("WHO", "U.N.").
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,8}")
_WORD = re.compile(r"[^\W\d_][\w'’-]*|&")


def acronym(name: str) -> str | None:
    """The capitals of ``name`` when it is written as an acronym ("the U.N." -> "UN")."""
    bare = re.sub(r"^(?:the|The)\s+", "", name.strip()).removesuffix("'s").removesuffix("’s")
    return bare.replace(".", "") if _ACRONYM.fullmatch(bare) else None


def initials(name: str) -> str:
    """The initials of a multi-word name, skipping "the", "of", "for", "and" ("" when the name
    has fewer than two other words, or a word in lower case: "the peace talks")."""
    words = [w for w in _WORD.findall(name) if w.lower() not in INITIALS_SKIP]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words)


def expands(short: str, text: str) -> bool:
    """Whether ``text`` has a run of capitalised words whose initials spell ``short``."""
    words = _WORD.findall(text)
    for start, first in enumerate(words):
        if not first[0].isupper() or first.lower() in INITIALS_SKIP:
            continue
        spelled = ""
        for word in words[start:]:
            if word.lower() in INITIALS_SKIP:
                continue
            if not word[0].isupper():
                break
            spelled += word[0]
            if spelled == short:
                return True
            if not short.startswith(spelled):
                break
    return False


def abbreviated(name: str, text: str) -> bool:
    """Whether ``text`` writes the multi-word ``name`` as its acronym ("WHO", "W.H.O.")."""
    short = initials(name)
    if len(short) < 2:
        return False
    pattern = r"(?<![\w.])" + r"\.?".join(short) + r"\.?(?!\w)"
    return re.search(pattern, text) is not None


def named_by_initials(name: str, text: str) -> bool:
    """Whether ``text`` names ``name`` through initials: the acronym's long form, or the long
    name's acronym."""
    short = acronym(name)
    if short is not None:
        return expands(short, text)
    return abbreviated(name, text)


def same_name(one: str, other: str) -> bool:
    """Whether two names, as written, name one thing: the same canonical name or one the
    acronym of the other ("WHO" and "the World Health Organization")."""
    if canonical_entity(one) == canonical_entity(other):
        return True
    return named_by_initials(one, other) or named_by_initials(other, one)


def _speaker_mention(document: Document, span: Span, entity: Any) -> bool:
    """Whether the entity is the speaker's name in an attribution frame (misattribution's
    business). An organisation in the speaker's description ("chief engineer at the Port
    Water Board") is compared like any other name."""
    attribution = document.attribution_at(span)
    where = Span(entity.start_char, entity.end_char)
    if attribution is None or attribution.speaker_span is None:
        return False
    if not attribution.speaker_span.overlaps(where):
        return False
    speaker = attribution.speaker
    if speaker is None:
        return True
    words = {t.lower_.replace(".", "") for t in entity}
    return bool(words & speaker.name_parts()) or speaker.key() in entity.text.lower()


def _sentence_parts(document: Document, spans: list[Span]) -> tuple[set[str], str]:
    found = [e for s in spans for e in entities(document, s)]
    text = " ".join(s.of(document.article) for s in spans)
    return {p for e in found for p in _parts(e)}, text


def check(pair: AlignedPair) -> list[Finding]:
    """Compare entities sentence by sentence: a name the source sentence does not have, where
    a name of the same family that it does have is gone, is a swap, even when the new name
    appears elsewhere in the source (a rewrite may borrow another name from the article)."""
    findings = []
    for sentence in aligned_sentences(pair):
        # Compare with the best source only: a merged secondary sentence may be where a
        # borrowed name comes from, which is exactly how swaps happen.
        primary = sentence.sources[:1]
        source_entities = [e for s in primary for e in entities(pair.source, s)]
        if not source_entities:
            continue
        derived_entities = [
            e
            for e in entities(pair.derived, sentence.span)
            + proper_names(pair.derived, sentence.span)
            if not _speaker_mention(pair.derived, sentence.span, e)
        ]
        derived_parts, derived_text = _sentence_parts(pair.derived, [sentence.span])
        source_parts, source_text = _sentence_parts(pair.source, primary)
        dropped = [
            e
            for e in source_entities
            if not _speaker_mention(pair.source, e_span(e), e)
            and not mentioned(e, derived_parts, derived_text)
        ]
        for entity in derived_entities:
            if not dropped or mentioned(entity, source_parts, source_text):
                continue
            if is_description(entity):
                continue
            respelled = [
                e for e in dropped if _same_family(entity, e) and misspelled(entity.text, e.text)
            ]
            replaced = respelled or [
                e for e in dropped if _replaces(entity, e) and not shortened(entity.text, e.text)
            ]
            if not replaced:
                continue
            other = replaced[0]
            dropped.remove(other)
            how = "spells it" if respelled else "names"
            findings.append(
                Finding(
                    kind="entity_changed",
                    severity=severity.entity_changed(misspelled=bool(respelled)),
                    reason=(
                        f"the source names ‘{other.text}’ here; the rewrite {how} "
                        f"‘{entity.text}’ instead"
                    ),
                    derived_span=Span(entity.start_char, entity.end_char),
                    source_span=e_span(other),
                    speaker=speaker_name(claim_speaker(pair.derived, sentence.span)),
                    in_quote=in_quote(pair.derived, sentence.span),
                )
            )
    return findings


def e_span(entity: Any) -> Span:
    return Span(entity.start_char, entity.end_char)
