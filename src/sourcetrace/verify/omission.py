"""omission: source material the rewrite leaves out.

Coverage is the share of a speaker's source sentences that some derived sentence aligns to;
every report shows it per speaker (Report.coverage), so thin coverage is not repeated as a
finding. What readers mark as omissions (the real-pair dev set's gold) is what a finding
reports:

- a **dropped voice**: a named person or organisation none of whose sentences the rewrite
  uses (major from three sentences on, else minor; severity.omission). Generic nouns that the
  attribution step took for a speaker ("experts", "the company") are not voices;
- a **dropped sentence** of a rewrite that keeps most of its source (at least
  :data:`NEAR_COMPLETE` of the sentences): such a rewrite is not a summary, so each sentence
  it leaves out was chosen;
- a **gap**: sentences left out of a passage the rewrite otherwise keeps: inside a paragraph
  more than half of which it renders, or one whole paragraph between two such paragraphs.
  A question is not reported: it asserts nothing.

Sentences too short to hold a claim (fewer than :data:`MIN_CLAIM_WORDS` content words: a
dateline, a bullet) are not reported.
"""

from __future__ import annotations

from sourcetrace.lexical import content_keys, tokens_in
from sourcetrace.model import (
    AlignedPair,
    Finding,
    Segment,
    Span,
    SpeakerCoverage,
    cover,
)
from sourcetrace.verify import severity
from sourcetrace.verify.common import quoted_text

NEAR_COMPLETE = 0.7
# A left-out sentence needs this many content words to be reported.
MIN_CLAIM_WORDS = 3


def speaker_sentences(pair: AlignedPair) -> dict[str, list[Span]]:
    """Source content sentences per speaker name (the outlet's narration included)."""
    table: dict[str, list[Span]] = {}
    speakers = {id(a.speaker): a.speaker for a in pair.source.attributions if a.speaker}
    # "Reyes" and "Daniel Reyes" are one voice: count under the fullest name.
    fullest = {
        key: max((s.name for s in speakers.values() if speaker.same_as(s)), key=len)
        for key, speaker in speakers.items()
    }
    for attribution in pair.source.attributions:
        if attribution.speaker is None or not attribution.segment.is_content:
            continue
        if attribution.segment.kind == "title":
            continue
        table.setdefault(fullest[id(attribution.speaker)], []).append(attribution.span)
    return table


def coverage(pair: AlignedPair) -> list[SpeakerCoverage]:
    used = {span for a in pair.alignments for span in a.source}
    return [
        SpeakerCoverage(name, len(spans), sum(1 for s in spans if s in used))
        for name, spans in speaker_sentences(pair).items()
    ]


def _holds_claim(pair: AlignedPair, span: Span) -> bool:
    """Enough content words for a claim, and not a question (a question asserts nothing)."""
    if span.of(pair.source.text).rstrip().endswith("?"):
        return False
    return len(content_keys(pair.source, span)) >= MIN_CLAIM_WORDS


def _sentence_finding(pair: AlignedPair, name: str, span: Span, why: str) -> Finding:
    return Finding(
        kind="omission",
        severity=severity.Severity.minor,
        reason=f"{why} by {name}: “{quoted_text(span.of(pair.source.article), 70)}”",
        derived_span=None,
        source_span=span,
        speaker=name,
        in_quote=False,
    )


def dropped_sentences(pair: AlignedPair, table: dict[str, list[Span]]) -> list[Finding]:
    """Each left-out sentence of a near-complete rewrite, as its own minor finding."""
    used = {span for a in pair.alignments for span in a.source}
    total = sum(len(spans) for spans in table.values())
    if (
        not total
        or sum(s in used for spans in table.values() for s in spans) < NEAR_COMPLETE * total
    ):
        return []
    return [
        _sentence_finding(
            pair, name, span, "the rewrite keeps most of the source but leaves out this sentence"
        )
        for name, spans in table.items()
        for span in spans
        if span not in used and _holds_claim(pair, span)
    ]


def _gaps(pair: AlignedPair, used: set[Span]) -> list[list[Segment]]:
    """Runs of left-out sentences in a passage that the rewrite otherwise keeps.

    Either the run lies inside a paragraph the rewrite keeps (renders more than half of), or
    the run is one whole paragraph and the paragraphs just before and after it are kept: the
    rewrite follows the source there and skips just this.
    """
    content = [s for s in pair.source.segments if s.kind == "sentence"]
    by_paragraph: dict[int, list[Segment]] = {}
    for segment in content:
        by_paragraph.setdefault(segment.paragraph, []).append(segment)

    def kept(paragraph: int) -> bool:
        """Most of the paragraph's sentences (more than half) are rendered."""
        sentences = by_paragraph[paragraph]
        return 2 * sum(s.span in used for s in sentences) > len(sentences)

    gaps: list[list[Segment]] = []
    i = 1
    while i < len(content) - 1:
        if content[i].span in used or content[i - 1].span not in used:
            i += 1
            continue
        j = i
        while j < len(content) and content[j].span not in used:
            j += 1
        if j == len(content):
            break
        run, before, after = content[i:j], content[i - 1], content[j]
        paragraphs = {s.paragraph for s in run}
        if len(paragraphs) == 1:
            (paragraph,) = paragraphs
            inside = before.paragraph == paragraph == after.paragraph and kept(paragraph)
            whole = (
                len(run) == len(by_paragraph[paragraph])
                and before.paragraph != paragraph != after.paragraph
                and kept(before.paragraph)
                and kept(after.paragraph)
            )
            if inside or whole:
                gaps.append(run)
        i = j
    return gaps


def skipped_sentences(pair: AlignedPair, table: dict[str, list[Span]]) -> list[Finding]:
    """Left-out sentences of a paragraph the rewrite keeps, or a paragraph between kept ones."""
    used = {span for a in pair.alignments for span in a.source}
    speaker_of = {span: name for name, spans in table.items() for span in spans}
    return [
        _sentence_finding(
            pair,
            speaker_of[segment.span],
            segment.span,
            "the rewrite renders the passage around it but leaves out this sentence",
        )
        for run in _gaps(pair, used)
        for segment in run
        if segment.span in speaker_of and _holds_claim(pair, segment.span)
    ]


def named_voices(pair: AlignedPair) -> set[str]:
    """Speakers that are named persons or organisations: the outlet itself is not a voice,
    nor a common noun that the attribution step took for a speaker ("experts", "the
    company"); a name has a proper noun where the source names the speaker."""
    named = [
        a.speaker
        for a in pair.source.attributions
        if a.speaker is not None
        and a.speaker_span is not None
        and a.speaker.kind in {"person", "organization"}
        and any(t.pos_ == "PROPN" for t in tokens_in(pair.source, a.speaker_span))
    ]
    # "Reyes" and "Daniel Reyes" are one voice, whichever form the sentence table uses.
    return {
        a.speaker.name
        for a in pair.source.attributions
        if a.speaker is not None and any(a.speaker.same_as(n) for n in named)
    }


def dropped_voices(pair: AlignedPair, table: dict[str, list[Span]]) -> list[Finding]:
    """Named voices none of whose sentences the rewrite uses."""
    used = {span for a in pair.alignments for span in a.source}
    voices = named_voices(pair)
    findings = []
    for name, spans in table.items():
        if name not in voices or any(s in used for s in spans):
            continue
        points = "; ".join(f"“{quoted_text(s.of(pair.source.article), 60)}”" for s in spans[:2])
        findings.append(
            Finding(
                kind="omission",
                severity=severity.omission(len(spans), 0),
                reason=(
                    f"{name}: none of {len(spans)} sentence{'s' if len(spans) > 1 else ''} "
                    f"used; left out e.g. {points}"
                ),
                derived_span=None,
                source_span=cover(spans),
                speaker=name,
                in_quote=False,
            )
        )
    return findings


def check(pair: AlignedPair) -> list[Finding]:
    table = speaker_sentences(pair)
    findings = dropped_sentences(pair, table)
    reported = {f.source_span for f in findings}
    findings += [f for f in skipped_sentences(pair, table) if f.source_span not in reported]
    return findings + dropped_voices(pair, table)
