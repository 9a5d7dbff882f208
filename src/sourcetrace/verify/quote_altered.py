"""quote_altered: quoted words that differ from the source's wording, with a word-level diff."""

from __future__ import annotations

from sourcetrace.lexical import tokens_in
from sourcetrace.model import AlignedPair, Finding
from sourcetrace.verify import severity
from sourcetrace.verify.common import claim_speaker, speaker_name
from sourcetrace.verify.meaning import meaning_change
from sourcetrace.verify.quote_match import QuoteMatch, match_quotes


def describe(match: QuoteMatch, limit: int = 4) -> str:
    """'may' -> 'can', 'really' dropped, ... for the first few changes."""
    parts = []
    for op, source_words, derived_words in match.ops:
        if op == "replace":
            parts.append(f"‘{source_words}’ → ‘{derived_words}’")
        elif op == "delete":
            parts.append(f"‘{source_words}’ dropped")
        elif op == "insert":
            parts.append(f"‘{derived_words}’ added")
    more = f" and {len(parts) - limit} more" if len(parts) > limit else ""
    return ", ".join(parts[:limit]) + more


def check(pair: AlignedPair) -> list[Finding]:
    findings = []
    for match in match_quotes(pair):
        if match.fabricated or match.verbatim or match.window is None:
            continue
        # Judge the quotation as a whole: a word moved or repeated within it changes nothing.
        why = meaning_change(
            tokens_in(pair.source, match.window), tokens_in(pair.derived, match.piece)
        )
        reasons = [why] if why else []
        speaker = match.quote.speaker or claim_speaker(pair.derived, match.piece)
        reason = "quoted words differ from the source: " + describe(match)
        if reasons:
            reason += f" ({reasons[0]})"
        findings.append(
            Finding(
                kind="quote_altered",
                severity=severity.quote_altered(bool(reasons)),
                reason=reason,
                derived_span=match.piece,
                source_span=match.window,
                speaker=speaker_name(speaker),
                in_quote=True,
                diff=match.ops,
            )
        )
    return findings
