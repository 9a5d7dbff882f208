"""The quotes and attributions of one analysed article, as a rich table or JSON.

Used by ``sourcetrace quotes FILE``: every quotation (text, offsets, speaker, cue, scare)
and every content segment's attribution (frame, speaker, holders, content offsets).
"""

from __future__ import annotations

import json
from typing import Any

from sourcetrace.model import Attribution, Document, Quote, Span, Speaker

# Long passages are cut in the table (the JSON always carries the full text).
TABLE_TEXT_CHARS = 90


def _span(span: Span | None) -> list[int] | None:
    return span.to_list() if span is not None else None


def _text(document: Document, span: Span | None) -> str | None:
    return span.of(document.text) if span is not None else None


def _speaker(speaker: Speaker | None) -> dict[str, Any] | None:
    if speaker is None:
        return None
    return {
        "name": speaker.name,
        "role": speaker.role,
        "kind": speaker.kind,
        "aliases": sorted(speaker.aliases),
    }


def quote_to_dict(document: Document, quote: Quote) -> dict[str, Any]:
    """One quote as plain JSON-ready values."""
    return {
        "span": quote.span.to_list(),
        "content_span": quote.content_span.to_list(),
        "text": quote.content_span.of(document.text),
        "speaker": quote.speaker.name if quote.speaker else None,
        "speaker_span": _span(quote.speaker_span),
        "cue": _text(document, quote.cue_span),
        "cue_span": _span(quote.cue_span),
        "scare": quote.scare,
        "direct": quote.direct,
    }


def attribution_to_dict(document: Document, attribution: Attribution) -> dict[str, Any]:
    """One attribution as plain JSON-ready values."""
    return {
        "span": attribution.span.to_list(),
        "segment_kind": attribution.segment.kind,
        "paragraph": attribution.segment.paragraph,
        "text": attribution.span.of(document.text),
        "frame": attribution.frame,
        "speaker": attribution.speaker.name if attribution.speaker else None,
        "speaker_kind": attribution.speaker.kind if attribution.speaker else None,
        "speaker_span": _span(attribution.speaker_span),
        "cue": _text(document, attribution.cue_span),
        "cue_span": _span(attribution.cue_span),
        "content_span": _span(attribution.content_span),
        "holders": [h.name for h in attribution.holders],
    }


def quotes_json(document: Document) -> str:
    """Quotes, attributions and speakers of ``document`` as a JSON object (text offsets)."""
    payload = {
        "quotes": [quote_to_dict(document, q) for q in document.quotes],
        "attributions": [attribution_to_dict(document, a) for a in document.attributions],
        "speakers": [_speaker(s) for s in document.speakers],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _cut(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= TABLE_TEXT_CHARS else flat[: TABLE_TEXT_CHARS - 1] + "…"


def print_quotes(document: Document, console: Any = None) -> None:
    """Print the quotes and the attributions of ``document`` as two rich tables."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    quotes = Table(title="Quotes", show_lines=False)
    for column in ("#", "quote", "offsets", "speaker", "cue", "frame"):
        quotes.add_column(column, overflow="fold")
    for number, quote in enumerate(document.quotes, 1):
        frame = "scare" if quote.scare else ("direct" if quote.cue_span else "uncued")
        quotes.add_row(
            str(number),
            _cut(quote.content_span.of(document.text)),
            f"{quote.span.start}-{quote.span.end}",
            quote.speaker.name if quote.speaker else "-",
            _text(document, quote.cue_span) or "-",
            frame,
        )
    console.print(quotes)
    attributions = Table(title="Attributions", show_lines=False)
    for column in ("offsets", "frame", "speaker", "cue", "text"):
        attributions.add_column(column, overflow="fold")
    for attribution in document.attributions:
        speaker = attribution.speaker.name if attribution.speaker else "-"
        extra = [h.name for h in attribution.holders if h is not attribution.speaker]
        if extra:
            speaker += " (+ " + ", ".join(extra) + ")"
        attributions.add_row(
            f"{attribution.span.start}-{attribution.span.end}",
            attribution.frame,
            speaker,
            _text(document, attribution.cue_span) or "-",
            _cut(attribution.span.of(document.text)),
        )
    console.print(attributions)
