"""entity_changed: a person, place, organisation or object swapped for another.

A derived entity that neither its source sentences nor the whole source mention, while the
source sentences carry an entity of the same type that the rewrite dropped, is a swap.
Entities are compared through lexicons/entity_aliases.txt ("US" == "United States") and by
name parts ("Ivanov" == "Oleg Ivanov").
"""

from __future__ import annotations

from typing import Any

from sourcetrace.lexicons import canonical_entity
from sourcetrace.model import AlignedPair, Document, Finding, Span
from sourcetrace.verify import severity
from sourcetrace.verify.common import aligned_sentences, claim_speaker, in_quote, speaker_name

COMPARED = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW"})
# Countries and regions swap for each other ("Europe" for "Germany"); groups (NORP) do not.
# The small English model often tags named institutions as FAC, so ORG and FAC go together.
FAMILY = {"GPE": "place", "LOC": "place", "ORG": "body", "FAC": "body"}


def entities(document: Document, span: Span) -> list[Any]:
    return [
        e
        for e in document.parsed.ents
        if e.label_ in COMPARED
        and span.start <= e.start_char
        and e.end_char <= span.end
        and not any(b.overlaps(Span(e.start_char, e.end_char)) for b in document.boilerplate)
    ]


def _parts(entity: Any) -> set[str]:
    canonical = canonical_entity(entity.text)
    return {canonical} | {canonical_entity(t.text) for t in entity if t.pos_ == "PROPN"}


def mentioned(entity: Any, parts_seen: set[str], text: str) -> bool:
    """Whether a text (given its entity parts and lower-cased text) mentions ``entity``."""
    parts = _parts(entity)
    return bool(parts & parts_seen) or canonical_entity(entity.text) in text


def check(pair: AlignedPair) -> list[Finding]:
    findings = []
    whole_source = pair.source.text.lower()
    source_parts = {p for e in pair.source.parsed.ents for p in _parts(e)}
    derived_parts = {p for e in pair.derived.parsed.ents for p in _parts(e)}
    derived_text = pair.derived.text.lower()
    for sentence in aligned_sentences(pair):
        source_entities = [e for s in sentence.sources for e in entities(pair.source, s)]
        dropped = [e for e in source_entities if not mentioned(e, derived_parts, derived_text)]
        if not dropped:
            continue
        for entity in entities(pair.derived, sentence.span):
            if mentioned(entity, source_parts, whole_source):
                continue
            family = FAMILY.get(entity.label_, entity.label_)
            replaced = [e for e in dropped if FAMILY.get(e.label_, e.label_) == family]
            if not replaced:
                continue
            other = replaced[0]
            findings.append(
                Finding(
                    kind="entity_changed",
                    severity=severity.entity_changed(),
                    reason=(
                        f"the source names ‘{other.text}’ here; the rewrite names "
                        f"‘{entity.text}’, which the source never mentions"
                    ),
                    derived_span=Span(entity.start_char, entity.end_char),
                    source_span=Span(other.start_char, other.end_char),
                    speaker=speaker_name(claim_speaker(pair.derived, sentence.span)),
                    in_quote=in_quote(pair.derived, sentence.span),
                )
            )
    return findings
