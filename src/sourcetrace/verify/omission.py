"""omission: source material the rewrite leaves out, reported per speaker with coverage.

Coverage is the share of a speaker's source sentences that some derived sentence aligns to.
A voice dropped entirely is major; thin coverage is minor (severity.omission). The reason
names the first points left out so that a reader can check them.

A rewrite that keeps most of its source (at least :data:`NEAR_COMPLETE` of the sentences) is
not a summary: there, each sentence it leaves out was chosen, and is reported on its own.
"""

from __future__ import annotations

from sourcetrace.model import AlignedPair, Finding, Span, SpeakerCoverage, cover
from sourcetrace.verify import severity
from sourcetrace.verify.common import quoted_text

NEAR_COMPLETE = 0.7


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
        Finding(
            kind="omission",
            severity=severity.Severity.minor,
            reason=(
                f"the rewrite keeps most of the source but leaves out this sentence by {name}: "
                f"“{quoted_text(span.of(pair.source.article), 70)}”"
            ),
            derived_span=None,
            source_span=span,
            speaker=name,
            in_quote=False,
        )
        for name, spans in table.items()
        for span in spans
        if span not in used
    ]


def check(pair: AlignedPair) -> list[Finding]:
    used = {span for a in pair.alignments for span in a.source}
    table = speaker_sentences(pair)
    findings = dropped_sentences(pair, table)
    for name, spans in table.items():
        missing = [s for s in spans if s not in used]
        level = severity.omission(len(spans), len(spans) - len(missing))
        if level.rank <= severity.Severity.info.rank or not missing:
            continue
        points = "; ".join(f"“{quoted_text(s.of(pair.source.article), 60)}”" for s in missing[:2])
        findings.append(
            Finding(
                kind="omission",
                severity=level,
                reason=(
                    f"{name}: {len(spans) - len(missing)} of {len(spans)} sentences used "
                    f"({(len(spans) - len(missing)) / len(spans):.0%}); left out e.g. {points}"
                ),
                derived_span=None,
                source_span=cover(missing),
                speaker=name,
                in_quote=False,
            )
        )
    return findings
