"""quote_fabricated: words inside quotation marks that the source does not contain."""

from __future__ import annotations

from sourcetrace.model import AlignedPair, Finding
from sourcetrace.verify import severity
from sourcetrace.verify.common import claim_speaker, is_person, quoted_text, speaker_name
from sourcetrace.verify.quote_match import match_quotes


def check(pair: AlignedPair) -> list[Finding]:
    findings = []
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
