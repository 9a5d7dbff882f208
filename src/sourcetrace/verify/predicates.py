"""predicate_changed: the reported action changed in strength or kind.

lexicons/predicates.txt orders verbs of one family by force ("suggest" < "ask" < "demand";
"consider" < "agree" < "sign"). A derived verb of a family whose source sentences hold a verb
of the same family at another strength, and not the derived verb itself, changed the action.
A shift of one level is minor, of more major (severity.predicate_changed).
"""

from __future__ import annotations

from typing import Any

from sourcetrace.lexical import tokens_in
from sourcetrace.lexicons import predicate_scales
from sourcetrace.model import AlignedPair, Document, Finding, Span
from sourcetrace.verify import severity
from sourcetrace.verify.common import aligned_sentences, claim_speaker, in_quote, speaker_name


def scaled_predicates(document: Document, span: Span) -> list[tuple[str, str, int, Any]]:
    """(lemma, family, strength, token) for every scaled verb or light-verb phrase."""
    scales = predicate_scales()
    found = []
    for token in tokens_in(document, span):
        if token.pos_ not in {"VERB", "NOUN"}:
            continue
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB":
            objects = [c.lemma_.lower() for c in token.children if c.dep_ == "dobj"]
            phrases = [f"{lemma} {o}" for o in objects if f"{lemma} {o}" in scales]
            key = phrases[0] if phrases else lemma
            if key in scales:
                found.append((key, *scales[key], token))
    return found


def check(pair: AlignedPair) -> list[Finding]:
    findings = []
    for sentence in aligned_sentences(pair):
        source = [p for s in sentence.sources for p in scaled_predicates(pair.source, s)]
        if not source:
            continue
        source_lemmas = {p[0] for p in source}
        derived = scaled_predicates(pair.derived, sentence.span)
        derived_lemmas = {p[0] for p in derived}
        for lemma, family, strength, token in derived:
            if lemma in source_lemmas:
                continue
            rivals = [
                p
                for p in source
                if p[1] == family and p[2] != strength and p[0] not in derived_lemmas
            ]
            if not rivals:
                continue
            _other_lemma, _, other_strength, other = rivals[0]
            direction = "stronger" if strength > other_strength else "weaker"
            findings.append(
                Finding(
                    kind="predicate_changed",
                    severity=severity.predicate_changed(abs(strength - other_strength)),
                    reason=(
                        f"the source says ‘{other.text}’, the rewrite ‘{token.text}’: "
                        f"a {direction} {family} verb"
                    ),
                    derived_span=Span(token.idx, token.idx + len(token.text)),
                    source_span=Span(other.idx, other.idx + len(other.text)),
                    speaker=speaker_name(claim_speaker(pair.derived, sentence.span)),
                    in_quote=in_quote(pair.derived, sentence.span),
                )
            )
    return findings
