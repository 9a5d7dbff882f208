"""misattribution: words whose source speaker differs from the speaker the rewrite names.

Three forms:
- one person's words given to another person (critical);
- the outlet's own narration given to a person, or a person's words to an institution (major);
- one person's view presented as the position of a government or institution ("Moscow
  views ...", "the ministry believes ...") when the source holds it as that person's own.
"""

from __future__ import annotations

from typing import Any

from sourcetrace.lexical import lemma_key, tokens_in
from sourcetrace.model import AlignedPair, Finding, Span, Speaker, cover
from sourcetrace.verify import severity
from sourcetrace.verify.common import (
    AlignedSentence,
    aligned_sentences,
    claim_speaker,
    in_quote,
    is_person,
)
from sourcetrace.verify.meaning import quantifier_class
from sourcetrace.verify.quote_match import match_quotes

# Verbs that present a stance as someone's view.
STANCE_VERBS = frozenset(
    {"view", "see", "believe", "consider", "think", "regard", "expect", "fear", "doubt",
     "hope", "feel", "want", "argue", "insist", "maintain", "assess", "judge"}
)  # fmt: skip
INSTITUTION_LABELS = frozenset({"GPE", "ORG", "NORP"})


def _holder_span(sentence: AlignedSentence) -> Span:
    attribution = sentence.attribution
    if attribution is not None:
        parts = [s for s in (attribution.cue_span, attribution.speaker_span) if s is not None]
        if parts:
            return cover(parts)
    return sentence.span


def _describe(speaker: Speaker) -> str:
    return speaker.name if speaker.kind != "outlet" else f"the outlet's narration ({speaker.name})"


# A candidate by the named speaker this close to the best match is as likely the origin.
ALTERNATIVE_MARGIN = 0.08


def _named_speaker_matches_too(
    pair: AlignedPair, sentence: AlignedSentence, speaker: Speaker
) -> bool:
    best = sentence.alignment.score
    for span, score in sentence.alignment.candidates:
        if score >= best - ALTERNATIVE_MARGIN and speaker.same_as(claim_speaker(pair.source, span)):
            return True
    return False


def _speaker_swaps(pair: AlignedPair) -> list[Finding]:
    findings = []
    for sentence in aligned_sentences(pair):
        attribution = sentence.attribution
        if attribution is None or attribution.frame not in {"reported", "quoted"}:
            continue
        derived_speaker = claim_speaker(pair.derived, sentence.span)
        if derived_speaker is None or derived_speaker.kind == "outlet":
            continue
        source_speakers = [claim_speaker(pair.source, s) for s in sentence.sources]
        known = [s for s in source_speakers if s is not None]
        if not known or any(derived_speaker.same_as(s) for s in known):
            continue
        if _named_speaker_matches_too(pair, sentence, derived_speaker):
            continue
        original = known[0]
        if quantifier_class(original.name.lower()) and quantifier_class(
            derived_speaker.name.lower()
        ):
            continue  # "some" became "all": who holds the view is the same; scope judges it
        holders = ", ".join(h.name for h in attribution.holders if h is not derived_speaker)
        also = f" (with {holders})" if holders else ""
        findings.append(
            Finding(
                kind="misattribution",
                severity=severity.misattribution(is_person(derived_speaker), is_person(original)),
                reason=(
                    f"the source gives these words to {_describe(original)}; the rewrite "
                    f"attributes them to {derived_speaker.name}{also}"
                ),
                derived_span=_holder_span(sentence),
                source_span=sentence.sources[0],
                speaker=original.name,
                in_quote=in_quote(pair.derived, sentence.span),
            )
        )
    return findings


def _quote_swaps(pair: AlignedPair) -> list[Finding]:
    findings = []
    for match in match_quotes(pair):
        if match.fabricated or match.window is None or match.quote.speaker is None:
            continue
        original = claim_speaker(pair.source, match.window)
        if original is None or original.kind == "outlet" or match.quote.speaker.same_as(original):
            continue
        findings.append(
            Finding(
                kind="misattribution",
                severity=severity.misattribution(
                    is_person(match.quote.speaker), is_person(original)
                ),
                reason=(
                    f"the source quotes {original.name} here; the rewrite puts these words in "
                    f"the mouth of {match.quote.speaker.name}"
                ),
                derived_span=match.quote.speaker_span or match.piece,
                source_span=match.window,
                speaker=original.name,
                in_quote=True,
            )
        )
    return findings


def _institution_holder(token: Any) -> Any | None:
    """The institution a stance verb gives the view to ("Moscow views ..."), if any."""
    if token.lemma_.lower() not in STANCE_VERBS:
        return None
    for child in token.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.ent_type_ in INSTITUTION_LABELS:
            return child
    return None


def _view_to_institution(pair: AlignedPair) -> list[Finding]:
    findings = []
    for sentence in aligned_sentences(pair):
        originals = [claim_speaker(pair.source, s) for s in sentence.sources]
        person = next((s for s in originals if is_person(s)), None)
        if person is None:
            continue
        # Holders of a view in the best source: subjects of its clauses ("I doubt", "Russia sees").
        source_holders = {
            lemma_key(t)
            for t in tokens_in(pair.source, sentence.sources[0])
            if t.dep_ in {"nsubj", "nsubjpass"}
        }
        for token in tokens_in(pair.derived, sentence.span):
            holder = _institution_holder(token)
            if holder is None or lemma_key(holder) in source_holders:
                continue
            subject = cover([Span(t.idx, t.idx + len(t.text)) for t in (*holder.subtree, token)])
            findings.append(
                Finding(
                    kind="misattribution",
                    severity=severity.misattribution(False, True),
                    reason=(
                        f"the source gives this as {person.name}'s own view; the rewrite presents "
                        f"it as the position of ‘{holder.text}’"
                    ),
                    derived_span=subject,
                    source_span=sentence.sources[0],
                    speaker=person.name,
                    in_quote=in_quote(pair.derived, sentence.span),
                )
            )
    return findings


def check(pair: AlignedPair) -> list[Finding]:
    return _speaker_swaps(pair) + _quote_swaps(pair) + _view_to_institution(pair)
