"""polarity_flip from entailment evidence: an NLI model says the rewrite contradicts its source.

Only runs when ``check --nli MODEL_DIR`` supplied a model (Alignment.entailment is set).
"""

from __future__ import annotations

from sourcetrace.model import AlignedPair, Finding
from sourcetrace.verify import severity
from sourcetrace.verify.common import claim_speaker, in_quote, is_person, speaker_name

# Contradiction must be both likely and far likelier than entailment.
CONTRADICTION = 0.8
ENTAILMENT_CEILING = 0.1


def check(pair: AlignedPair) -> list[Finding]:
    findings = []
    for alignment in pair.alignments:
        scores = alignment.entailment
        if not scores or not alignment.source:
            continue
        if scores["contradiction"] < CONTRADICTION or scores["entailment"] > ENTAILMENT_CEILING:
            continue
        speaker = claim_speaker(pair.derived, alignment.derived)
        findings.append(
            Finding(
                kind="polarity_flip",
                severity=severity.polarity_flip(is_person(speaker)),
                reason=(
                    "the entailment model reads this as contradicting its source "
                    f"(contradiction {scores['contradiction']:.2f})"
                ),
                derived_span=alignment.derived,
                source_span=alignment.source[0],
                speaker=speaker_name(speaker),
                in_quote=in_quote(pair.derived, alignment.derived),
            )
        )
    return findings
