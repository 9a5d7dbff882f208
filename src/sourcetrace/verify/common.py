"""What several checks need to read from an aligned pair: speakers, quotes, aligned spans."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sourcetrace.lexical import tokens_in
from sourcetrace.model import AlignedPair, Alignment, Attribution, Document, Span, Speaker


@dataclass(frozen=True)
class AlignedSentence:
    """One derived content segment with its attribution and its supporting source segments."""

    alignment: Alignment
    attribution: Attribution | None
    sources: list[Span]
    source_attributions: list[Attribution | None]

    @property
    def span(self) -> Span:
        return self.alignment.derived

    @property
    def speaker(self) -> Speaker | None:
        return self.attribution.speaker if self.attribution else None


def aligned_sentences(pair: AlignedPair) -> Iterator[AlignedSentence]:
    """Every derived content segment that has source support, with attributions on both sides."""
    for alignment in pair.alignments:
        if not alignment.source:
            continue
        yield AlignedSentence(
            alignment,
            pair.derived.attribution_at(alignment.derived),
            alignment.source,
            [pair.source.attribution_at(s) for s in alignment.source],
        )


def speaker_name(speaker: Speaker | None) -> str | None:
    return speaker.name if speaker else None


def is_person(speaker: Speaker | None) -> bool:
    return speaker is not None and speaker.kind == "person"


def in_quote(document: Document, span: Span) -> bool:
    """Whether ``span`` lies mostly inside quotation marks in ``document``."""
    inside = sum(q.content_span.overlap(span) for q in document.quotes if not q.scare)
    return inside * 2 >= len(span) > 0


def claim_speaker(document: Document, span: Span) -> Speaker | None:
    """Who the text presents as holding the words at ``span``: quote speaker, else attribution."""
    for quote in document.quotes:
        if quote.content_span.overlaps(span) and quote.speaker and not quote.scare:
            return quote.speaker
    attribution = document.attribution_at(span)
    return attribution.speaker if attribution else None


def is_question(document: Document, span: Span) -> bool:
    return span.of(document.article).rstrip().rstrip("”\"’'").endswith("?")


def tokens(document: Document, span: Span) -> list[Any]:
    return tokens_in(document, span)


def quoted_text(text: str, limit: int = 80) -> str:
    """A short, single-line rendering of ``text`` for reasons."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def negated(token: Any) -> bool:
    """Whether a predicate token is negated in its own clause ("not", "never", "n't")."""
    head = token
    if _neither_nor(head):
        return True
    candidates = [head, *(c for c in head.children if c.dep_ in {"aux", "auxpass"})]
    if head.dep_ in {"acomp", "attr", "xcomp"}:
        candidates.append(head.head)
    for candidate in candidates:
        for child in candidate.children:
            if child.dep_ == "neg" and not _focus_negation(child):
                return True
    return False


def _neither_nor(token: Any) -> bool:
    """'neither approve nor reject': both members are negated ("neither" hangs on the first as
    preconj, "nor" as its cc)."""
    first = token.head if token.dep_ == "conj" else token
    return any(
        (c.dep_ == "preconj" and c.lower_ == "neither") or (c.dep_ == "cc" and c.lower_ == "nor")
        for c in first.children
    )


def _focus_negation(token: Any) -> bool:
    """'not only X but also Y' negates nothing."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is not None and following.lower_ in {"only", "just", "merely"}


def partitive_object(token: Any) -> Any:
    """The word a partitive counts or quantifies ("two of his meetings", "all of the
    workers"): the object of its "of", else None."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


# A derived sentence's candidate this close to its best match (combined alignment score) is
# as likely what it renders: articles repeat a claim in near-identical sentences.
NEAR_MATCH = 0.03


def unrendered_near(pair: AlignedPair, alignment: Alignment) -> list[Span]:
    """Source sentences nothing in the rewrite renders that match ``alignment``'s derived
    sentence almost as well as its best source: the aligner may have picked a near-twin.

    Checks that compare a derived sentence with its sources look at these too, so a change
    is not hidden by the source repeating the claim elsewhere in other words.
    """
    if not alignment.source:
        return []
    rendered = pair.memo.get("common.rendered")
    if rendered is None:
        rendered = {span for a in pair.alignments for span in a.source}
        pair.memo["common.rendered"] = rendered
    return [
        span
        for span, score in alignment.candidates
        if span not in rendered and score > 0 and score >= alignment.score - NEAR_MATCH
    ]
