"""scope_changed: quantifiers and coordination changed.

- "both A and B" / "A and B at the same time" (together) became "A or B" (either one), or the
  reverse;
- a quantifier on the same word moved to another class (all -> some, never -> sometimes);
- an alternative or a member dropped: "neither approve nor reject" -> "not approve", "both A
  and B" -> "A", "either A or B" -> "A" (a plain list "A, B and C" may be shortened: not
  reported).
"""

from __future__ import annotations

from typing import Any

from sourcetrace.lexical import find_cues, is_content, lemma_key, tokens_in
from sourcetrace.lexicons import categorized
from sourcetrace.model import AlignedPair, Document, Finding, Span
from sourcetrace.verify import severity
from sourcetrace.verify.common import (
    aligned_sentences,
    claim_speaker,
    in_quote,
    is_question,
    partitive_object,
    speaker_name,
    unrendered_near,
)
from sourcetrace.verify.meaning import quantifier_class


def coordinations(document: Document, span: Span) -> list[tuple[str, frozenset[str], Span]]:
    """Each coordination in ``span``: ('joint' | 'and' | 'or' | 'neither', conjunct keys, span)."""
    joint_cues = {"joint": categorized("quantifiers.txt").get("joint", ())}
    clause_joint = bool([c for c in find_cues(document, span, joint_cues) if c.phrase != "both"])
    found = []
    for token in tokens_in(document, span):
        conjuncts = [c for c in token.children if c.dep_ == "conj"]
        if not conjuncts or token.dep_ == "conj":
            continue
        members = [token, *conjuncts]
        for c in conjuncts:  # "A, B and C": later conjuncts hang off the earlier ones
            members.extend(x for x in c.children if x.dep_ == "conj")
        ccs = [x.lower_ for m in members for x in m.children if x.dep_ == "cc"]
        # The parser hangs "both"/"either" on the first conjunct as preconj, det or predet.
        markers = [x for x in token.children if x.lower_ in {"both", "either", "neither"}]
        # ... or elsewhere, when "both" opens the coordination ("both Kestrel Bay and ...").
        before = token.doc[token.left_edge.i - 1] if token.left_edge.i > 0 else None
        if before is not None and before.lower_ in {"both", "either"} and before not in markers:
            markers.append(before)
        preconj = [x.lower_ for x in markers]
        preconj += [x.lower_ for x in token.children if x.dep_ == "preconj"]
        if "nor" in ccs or "neither" in preconj:
            kind = "neither"
        elif "or" in ccs or "either" in preconj:
            kind = "or"
        elif "and" in ccs:
            kind = "joint" if ("both" in preconj or clause_joint) else "and"
        else:
            continue
        keys = frozenset(lemma_key(m) for m in members)
        start = min([token.idx, *(x.idx for x in markers)])
        end = max(m.idx + len(m.text) for m in members)
        found.append((kind, keys, Span(start, end)))
    return found


def _quantifiers(document: Document, span: Span) -> dict[str, tuple[str, Any, str]]:
    """Quantified word key -> (quantifier class, quantifier token, the phrase to show)."""
    found = {}
    for token in tokens_in(document, span):
        category = quantifier_class(token.lower_)
        if not category:
            continue
        if token.dep_ in {"det", "advmod", "amod", "predet", "nummod"}:
            found[lemma_key(token.head)] = (category, token, f"{token.text} {token.head.text}")
            continue
        # Partitive "all of the workers": the quantified word is the object of "of".
        word = partitive_object(token)
        if word is not None:
            found[lemma_key(word)] = (category, token, f"{token.text} of … {word.text}")
        elif token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}:
            # A quantifier standing alone ("All agreed", "scrutiny from some who ..."): key it
            # by its role and governing word so that "Some agreed" in that place compares.
            governor = token.head.head if token.dep_ == "pobj" else token.head
            key = f"{token.dep_}:{lemma_key(token.head)}:{lemma_key(governor)}"
            found[key] = (category, token, token.text)
    return found


# Coordinations whose members all belong to the claim: dropping one changes what is claimed.
CLOSED = frozenset({"joint", "or", "neither"})
MEANING = {"joint": "both together", "or": "either one", "neither": "neither one"}


def dropped_members(pair: AlignedPair) -> list[Finding]:
    """A closed coordination (both/either/neither) rendered with some members left out."""
    findings = []
    for sentence in aligned_sentences(pair):
        if is_question(pair.derived, sentence.span):
            continue
        # Heads only: "Marrowdale" inside "the Marrowdale General Hospital" is not the member
        # "Marrowdale" of "both Kestrel Bay and Marrowdale". A common noun before a name is
        # a member's title, though: "nominee" in "the nominee Jane Roe" (parsed a compound).
        derived_keys = {
            lemma_key(t)
            for t in tokens_in(pair.derived, sentence.span)
            if is_content(t)
            and (t.dep_ != "compound" or (t.pos_ == "NOUN" and t.head.pos_ == "PROPN"))
        }
        derived_coords = coordinations(pair.derived, sentence.span)
        # A near-twin of the best source that nothing else renders may be the one rendered.
        for source_span in [*sentence.sources, *unrendered_near(pair, sentence.alignment)]:
            for kind, keys, where in coordinations(pair.source, source_span):
                if kind not in CLOSED or len(keys) < 2:
                    continue
                kept, gone = keys & derived_keys, keys - derived_keys
                if not kept or not gone:
                    continue
                # The kept member coordinated with something else is a swap, not a drop.
                if any(kept & d_keys for _, d_keys, _ in derived_coords):
                    continue
                anchor = _member_span(pair.derived, sentence.span, kept)
                if anchor is None:
                    continue
                speaker = claim_speaker(pair.derived, sentence.span)
                findings.append(
                    Finding(
                        kind="scope_changed",
                        severity=severity.scope_changed(),
                        reason=(
                            f"‘{where.of(pair.source.article)}’ ({MEANING[kind]}) became "
                            f"‘{anchor.of(pair.derived.article)}’ alone: "
                            f"{', '.join(sorted(gone))} dropped"
                        ),
                        derived_span=anchor,
                        source_span=where,
                        speaker=speaker_name(speaker),
                        in_quote=in_quote(pair.derived, sentence.span),
                    )
                )
    return findings


def _member_span(document: Document, span: Span, kept: frozenset[str]) -> Span | None:
    """The kept member's phrase in the derived sentence, with its negation or preconjunction."""
    for token in tokens_in(document, span):
        if lemma_key(token) in kept:
            words = [
                token,
                *(c for c in token.children if c.dep_ in {"neg", "aux", "det", "compound"}),
            ]
            start = min(t.idx for t in words)
            end = max(t.idx + len(t.text) for t in words)
            return Span(start, end)
    return None


def check(pair: AlignedPair) -> list[Finding]:
    findings: list[Finding] = dropped_members(pair)
    for sentence in aligned_sentences(pair):
        if is_question(pair.derived, sentence.span):
            continue
        derived_coords = coordinations(pair.derived, sentence.span)
        derived_quants = _quantifiers(pair.derived, sentence.span)
        speaker = claim_speaker(pair.derived, sentence.span)
        for source_span in sentence.sources:
            if is_question(pair.source, source_span):
                continue
            for s_kind, s_keys, s_span in coordinations(pair.source, source_span):
                for d_kind, d_keys, d_span in derived_coords:
                    if d_keys != s_keys or len(s_keys) < 2:
                        continue
                    if {s_kind, d_kind} != {"joint", "or"}:
                        continue
                    before = s_span.of(pair.source.article)
                    after = d_span.of(pair.derived.article)
                    meaning = "together" if s_kind == "joint" else "either one"
                    findings.append(
                        Finding(
                            kind="scope_changed",
                            severity=severity.scope_changed(),
                            reason=(
                                f"‘{before}’ ({meaning}) became ‘{after}’ "
                                f"({'either one' if d_kind == 'or' else 'together'})"
                            ),
                            derived_span=d_span,
                            source_span=s_span,
                            speaker=speaker_name(speaker),
                            in_quote=in_quote(pair.derived, sentence.span),
                        )
                    )
            for head, (s_class, s_token, s_shown) in _quantifiers(pair.source, source_span).items():
                if head not in derived_quants:
                    continue
                d_class, d_token, d_shown = derived_quants[head]
                if d_class == s_class:
                    continue
                findings.append(
                    Finding(
                        kind="scope_changed",
                        severity=severity.scope_changed(),
                        reason=(
                            f"quantifier ‘{s_shown}’ ({s_class}) became ‘{d_shown}’ ({d_class})"
                        ),
                        derived_span=Span(d_token.idx, d_token.idx + len(d_token.text)),
                        source_span=Span(s_token.idx, s_token.idx + len(s_token.text)),
                        speaker=speaker_name(speaker),
                        in_quote=in_quote(pair.derived, sentence.span),
                    )
                )
    return findings
