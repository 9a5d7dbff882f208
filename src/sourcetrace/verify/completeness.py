"""Whether the source text is complete, and what that does to findings that rely on it.

Real page excerpts often stop after a couple of thousand characters, mid-word or
mid-sentence. When the source looks incomplete, a quote not found in it may lie beyond its
end and an addition may come from the missing part, so those findings say so in their reason
and lose certainty (:mod:`sourcetrace.verify.severity` caps them):

- a fabricated or altered quote is at most major;
- an addition is at most minor: a rewrite's claim that the excerpt lacks may be in the part
  that is missing, wherever the rewrite puts it (one level down, as for quotes);
- an addition after the derived passage that renders the source's last aligned sentence
  (the point where the source's content ends) is at most info.
"""

from __future__ import annotations

from dataclasses import replace

from sourcetrace.model import AlignedPair, Finding, Segment, Severity, SourceGap
from sourcetrace.verify import severity

# A source with less than this share of the rewrite's content characters is much shorter.
SHORTER_SHARE = 0.5
# Marks that may close a complete sentence after its final punctuation.
_CLOSERS = "\"'”’»)]"
_TERMINAL = ".!?…:"
# A quote whose source match ends this close to the end of an incomplete source may continue
# beyond it.
TAIL_CHARS = 200

QUOTE_NOTE = "the source text looks incomplete, so the quoted words may lie beyond its end"
ADDITION_NOTE = "the source text looks incomplete; this may come from the part that is missing"


def _content(segments: list[Segment]) -> list[Segment]:
    return [s for s in segments if s.is_content]


def _ending(text: str) -> str | None:
    """What is wrong with how the source's last sentence ends, if anything."""
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    if not stripped:
        return None
    if stripped.endswith(("...", "…")):
        return "the source text ends with an ellipsis"
    if stripped[-1] not in _TERMINAL:
        return f"the source text ends mid-sentence (“…{' '.join(stripped.split()[-4:])}”)"
    return None


# A last line of at least this many words, mostly in lower case, that ends without a full
# stop is a sentence cut off (the segmenter may take it for a heading); a shorter one or one
# in title case is a menu item or a caption.
CUT_SENTENCE_WORDS = 6


def _cut_sentence(text: str) -> bool:
    """Whether a last line that is not a sentence is one cut off mid-way ("Any operation that
    channels desperate civilians into militariz")."""
    words = text.split()
    if len(words) < CUT_SENTENCE_WORDS or _ending(text) is None:
        return False
    lower = sum(w[:1].islower() for w in words[1:])
    return 2 * lower > len(words) - 1


def _last_passage(pair: AlignedPair, content: list[Segment]) -> Segment:
    """The source's last sentence, or a sentence cut off after it that the segmenter did not
    count as one."""
    tail = pair.source.segments[-1]
    if not tail.is_content and _cut_sentence(tail.span.of(pair.source.article)):
        return tail
    return content[-1]


def source_gap(pair: AlignedPair) -> SourceGap | None:
    """Whether ``pair.source`` looks incomplete, and where its content ends on both sides."""
    source = _content(pair.source.segments)
    derived = _content(pair.derived.segments)
    if not source:
        return None
    last = _last_passage(pair, source)
    reasons = []
    ending = _ending(last.span.of(pair.source.article))
    if ending is not None:
        reasons.append(ending)
    source_chars = sum(len(s.span) for s in source)
    derived_chars = sum(len(s.span) for s in derived)
    if source_chars < SHORTER_SHARE * derived_chars:
        reasons.append(
            f"it is much shorter than the rewrite ({source_chars} vs {derived_chars} characters)"
        )
    if not reasons:
        return None
    supported = [a for a in pair.alignments if a.source]
    derived_from = None
    if supported:
        furthest = max(supported, key=lambda a: (max(s.start for s in a.source), a.derived.end))
        derived_from = furthest.derived.end
    return SourceGap("; ".join(reasons), last.span.end, derived_from)


def _with_note(finding: Finding, note: str, cap: Severity) -> Finding:
    capped = severity.cap(finding.severity, cap)
    return replace(finding, severity=capped, reason=f"{finding.reason}; {note}")


def _quote_may_go_on(finding: Finding, gap: SourceGap) -> bool:
    """A quote not found (it may lie beyond the end), or altered where the source stops (its
    rest may be cut off)."""
    if finding.kind == "quote_fabricated":
        return True
    return (
        finding.kind == "quote_altered"
        and finding.source_span is not None
        and finding.source_span.end >= gap.source_end - TAIL_CHARS
    )


def qualify(findings: list[Finding], gap: SourceGap | None) -> list[Finding]:
    """The findings with the incomplete source taken into account (unchanged when complete)."""
    if gap is None:
        return findings
    qualified = []
    for finding in findings:
        if _quote_may_go_on(finding, gap):
            finding = _with_note(finding, QUOTE_NOTE, severity.quote_beyond_incomplete_source())
        elif finding.kind == "unsupported_addition":
            span = finding.derived_span
            beyond = gap.derived_from is None or (
                span is not None and span.start >= gap.derived_from
            )
            cap = (
                severity.beyond_incomplete_source()
                if beyond
                else severity.addition_in_incomplete_source()
            )
            finding = _with_note(finding, ADDITION_NOTE, cap)
        qualified.append(finding)
    return qualified
