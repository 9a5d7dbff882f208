"""hedge_dropped for sourcing: a reported or anonymously sourced claim stated as fact.

"The newspaper reported, citing unnamed officials, that X" and "According to a report, X"
tell the reader that X is someone's report, with its uncertainty. A rewrite that says "X" in
its own voice (narration, no sourcing cue, no reporting frame) drops the claim's source and
its uncertainty together. Cues are in lexicons/sourcing.txt. A source sentence is judged at
every derived sentence that renders it; it is reported once, at the best rendering, when no
rendering keeps a source: another sourcing cue or a reporting frame with a named holder.
"""

from __future__ import annotations

from sourcetrace.lexical import Cue, find_cues, is_content, lemma_key, tokens_in
from sourcetrace.lexicons import categorized
from sourcetrace.model import AlignedPair, Alignment, Document, Finding, Span
from sourcetrace.verify import severity
from sourcetrace.verify.common import (
    claim_speaker,
    in_quote,
    is_question,
    speaker_name,
    unrendered_near,
)

# The cue named in the reason: who the claim rests on is the most telling.
PRIORITY = {"anonymous": 0, "report": 1, "hearsay": 2}


def sourcing_cues(document: Document, span: Span) -> list[Cue]:
    """Sourcing cues in ``span`` outside quotation marks (a quote's words are its speaker's)."""
    return [
        cue
        for cue in find_cues(document, span, categorized("sourcing.txt"))
        if not in_quote(document, cue.span)
    ]


def _keeps_source(document: Document, span: Span) -> bool:
    """Whether a derived sentence still presents its claim as someone's report."""
    if sourcing_cues(document, span):
        return True
    attribution = document.attribution_at(span)
    return attribution is not None and attribution.frame != "narration"


def _claim_keys(document: Document, span: Span, cues: list[Cue]) -> set[str]:
    """Content words of the sourced claim: the sentence without its frame and sourcing cues."""
    attribution = document.attribution_at(span)
    content = attribution.content_span if attribution and attribution.content_span else span
    return {
        lemma_key(t)
        for t in tokens_in(document, content)
        if is_content(t) and not any(c.span.start <= t.idx < c.span.end for c in cues)
    }


def _states_as_fact(document: Document, span: Span, claim: set[str]) -> bool:
    """Whether a source sentence states the whole claim in the outlet's own voice."""
    attribution = document.attribution_at(span)
    if sourcing_cues(document, span) or (attribution and attribution.frame != "narration"):
        return False
    return claim <= {lemma_key(t) for t in tokens_in(document, span)}


def _near_renderings(pair: AlignedPair, source_span: Span, cues: list[Cue]) -> list[Alignment]:
    """Derived sentences that render an otherwise unrendered sourced sentence, though the
    aligner matched them, by a hair, to a near-twin: one that carries the whole claim, where
    the near-twin does not already state the claim as fact in the source."""
    claim = _claim_keys(pair.source, source_span, cues)
    if not claim:
        return []
    found = []
    for alignment in pair.alignments:
        if source_span not in unrendered_near(pair, alignment):
            continue
        words = {lemma_key(t) for t in tokens_in(pair.derived, alignment.derived)}
        if claim <= words and not _states_as_fact(pair.source, alignment.source[0], claim):
            found.append(alignment)
    return sorted(found, key=lambda a: a.score_for(source_span), reverse=True)


def check(pair: AlignedPair) -> list[Finding]:
    findings = []
    source_spans = sorted(
        {span for a in pair.alignments for span in (*a.source, *unrendered_near(pair, a))}
    )
    for source_span in source_spans:
        cues = sourcing_cues(pair.source, source_span)
        if not cues or is_question(pair.source, source_span):
            continue
        # Sentences that render this one first; one that only borrows from it as a secondary
        # source (another claim, with its own frame) neither keeps nor drops its sourcing.
        renderings = [r for r in pair.renderings_of(source_span) if r.source[0] == source_span]
        if not renderings and not pair.renderings_of(source_span):
            renderings = _near_renderings(pair, source_span, cues)
        if not renderings or any(_keeps_source(pair.derived, r.derived) for r in renderings):
            continue
        best = renderings[0].derived
        if is_question(pair.derived, best):
            continue
        cue = min(cues, key=lambda c: PRIORITY.get(c.category, len(PRIORITY)))
        speaker = claim_speaker(pair.source, source_span)
        findings.append(
            Finding(
                kind="hedge_dropped",
                severity=severity.hedge_changed("sourcing"),
                reason=(
                    f"the source presents this as a report (‘{cue.span.of(pair.source.article)}’, "
                    f"{cue.category} sourcing); the rewrite states it as fact"
                ),
                derived_span=best,
                source_span=cue.span,
                speaker=speaker_name(speaker),
                in_quote=in_quote(pair.derived, best),
            )
        )
    return findings
