"""quote_fabricated: words inside quotation marks that the source does not contain.

Also a quotation built from fragments: the source quotes a few phrases of a speaker inside its
own narration ("called the repairs “long overdue” and said ..."), the rewrite prints one
sentence in quotation marks that joins them with the narration's words or new ones. The
speaker never said that sentence: the share of its words the speaker did not say decides
between quote_fabricated (most of it) and a major quote_altered.
"""

from __future__ import annotations

from sourcetrace.lexical import is_content, lemma_key, tokens_in
from sourcetrace.model import AlignedPair, Finding, Span
from sourcetrace.verify import severity
from sourcetrace.verify.common import claim_speaker, is_person, quoted_text, speaker_name
from sourcetrace.verify.quote_match import QuoteMatch, match_quotes

# A quotation is built from fragments when at least this share of its content words lie
# outside the source's quotation marks, in the narration around the quoted phrases.
UNSAID_SHARE = 0.3
# ... and it is fabricated rather than altered when most of it was never said.
FABRICATED_SHARE = 0.5


def unsaid_share(pair: AlignedPair, match: QuoteMatch) -> float | None:
    """Share of the quotation's content words the speaker never said in the source.

    None unless the best source window holds two quoted phrases and narration:
    a window wholly inside one quotation is the quote checks' usual business, one wholly in
    narration may be a paraphrase the rewrite chose to quote.
    """
    if match.window is None:
        return None
    quoted = [q.content_span for q in pair.source.quotes]
    # Fragments: at least two quoted phrases with narration between them. One quotation and
    # text beside it is more often a quotation the parser did not close (multi-paragraph
    # quotes leave the mark open).
    if sum(q.overlaps(match.window) for q in quoted) < 2:
        return None
    window = [t for t in tokens_in(pair.source, match.window) if is_content(t)]
    said = {lemma_key(t) for t in window if any(q.start <= t.idx < q.end for q in quoted)}
    narration = [t for t in window if not any(q.start <= t.idx < q.end for q in quoted)]
    if not said or not narration:
        return None
    words = [lemma_key(t) for t in tokens_in(pair.derived, match.piece) if is_content(t)]
    if not words:
        return None
    # A word the source quotes anywhere was said: only narration's and new words count.
    anywhere = said | _quoted_vocabulary(pair)
    return sum(w not in anywhere for w in words) / len(words)


def _quoted_vocabulary(pair: AlignedPair) -> set[str]:
    cached = pair.memo.get("quote_fabricated.quoted")
    if cached is None:
        cached = {
            lemma_key(t)
            for q in pair.source.quotes
            for t in tokens_in(pair.source, q.content_span)
            if is_content(t)
        }
        pair.memo["quote_fabricated.quoted"] = cached
    return set(cached)


def fragments(pair: AlignedPair) -> list[Finding]:
    """Quotations joined from the speaker's quoted fragments and other words."""
    findings = []
    for match in match_quotes(pair):
        if match.fabricated:
            continue
        share = unsaid_share(pair, match)
        if share is None or share < UNSAID_SHARE:
            continue
        assert match.window is not None
        speaker = match.quote.speaker or claim_speaker(pair.derived, match.piece)
        kind = "quote_fabricated" if share >= FABRICATED_SHARE else "quote_altered"
        findings.append(
            Finding(
                kind=kind,
                severity=(
                    severity.quote_fabricated(match.words, is_person(speaker))
                    if kind == "quote_fabricated"
                    else severity.quote_altered(meaning_changed=True)
                ),
                reason=(
                    f"a quotation built from fragments: {share:.0%} of its words are not the "
                    "speaker's quoted words in the source, which quotes only phrases of "
                    f"“{quoted_text(match.window.of(pair.source.article))}”"
                ),
                derived_span=match.piece,
                source_span=Span(match.window.start, match.window.end),
                speaker=speaker_name(speaker),
                in_quote=True,
                diff=match.ops or None,
            )
        )
    return findings


def check(pair: AlignedPair) -> list[Finding]:
    findings = fragments(pair)
    for match in match_quotes(pair):
        if not match.fabricated:
            continue
        speaker = match.quote.speaker or claim_speaker(pair.derived, match.piece)
        piece = match.piece.of(pair.derived.article)
        # With no quoted content word found, the best character window is a coincidence of
        # glue words: pointing at it would send a reader to an unrelated passage.
        closest = match.window if match.coverage > 0 else None
        if closest is None:
            reason = f"quoted words “{quoted_text(piece)}” appear nowhere in the source"
        else:
            reason = (
                f"only {match.coverage:.0%} of the quoted words appear in the source; "
                f"closest passage: “{quoted_text(closest.of(pair.source.article))}”"
            )
        findings.append(
            Finding(
                kind="quote_fabricated",
                severity=severity.quote_fabricated(match.words, is_person(speaker)),
                reason=reason,
                derived_span=match.piece,
                source_span=closest,
                speaker=speaker_name(speaker),
                in_quote=True,
                diff=match.ops or None,
            )
        )
    return findings
