"""Attribution: who said what in an article.

:func:`analyze` parses the article once and fills a :class:`~sourcetrace.model.Document`:

* ``segments``: title, headings, speaker lines, sentences, boilerplate (:mod:`sourcetrace.segment`);
* ``quotes``: every quotation-mark span (:mod:`.quotes`), with the speaker and cue of its
  reporting frame when there is one, and ``scare`` for a few cue-less words in quotes;
* ``attributions``: exactly one per content segment (sentence or title), with frame
  ``quoted`` (the segment is mostly inside quotation marks), ``section`` (under a speaker's
  name line, :mod:`.sections`), ``reported`` (indirect speech, :mod:`.frames`) or
  ``narration``;
* ``speakers``: the outlet and everyone the attributions and quotes name, with aliases
  (:mod:`.speakers`).

Convention for narration: its speaker is the outlet's own voice,
``Speaker(name=article.outlet or "the outlet", kind="outlet")`` (one object per document,
also listed first in ``Document.speakers``); narration is never given to a person.
A quote whose speaker cannot be found keeps ``speaker=None``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sourcetrace.attribute.frames import ReportingFrame, find_frames, main_frames
from sourcetrace.attribute.lexicon import continuers
from sourcetrace.attribute.quotes import (
    MARKS,
    TYPEWRITER,
    TYPEWRITER_OPEN,
    QuoteSpan,
    find_quotes,
)
from sourcetrace.attribute.sections import Section, find_sections, section_at
from sourcetrace.attribute.speakers import SpeakerRegistry, outlet_speaker
from sourcetrace.errors import InputError
from sourcetrace.model import Article, Attribution, Document, Quote, Segment, Span, Speaker
from sourcetrace.segment import segment
from sourcetrace.textnorm import fold

__all__ = ["all_reports", "analyze"]

# A segment is "quoted" when at least this share of its characters lies inside quotes.
QUOTED_SHARE = 0.5
# A frame whose reported words lie this much inside its quotation reports the quotation
# ('“No,” she replied.'); less, and the quotation is a partial quote inside a report.
TAGGED_SHARE = 0.8
# A cue-less quote of at most this many words inside a sentence is a scare quote.
SCARE_MAX_WORDS = 4
# A cue-less full-sentence quote opening a paragraph continues the previous speaker's
# quotation (newspaper convention) when it has at least this many words.
CONTINUATION_MIN_WORDS = 5
# A title-cased quotation after one of these words (or a possessive) names a show, book or
# film ('appeared on “Meet the Press”'); small words a title leaves in lower case.
TITLE_LEADS = frozenset({"on", "to", "of", "in", "at", "with", "from", "for", "about", "by"})
TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "&"}
)


@dataclass
class _ResolvedFrame:
    """A reporting frame with its speaker and holders resolved."""

    frame: ReportingFrame
    segment: Segment
    speaker: Speaker | None
    speaker_span: Span | None
    holders: list[Speaker]
    main: bool = True  # False for a frame nested in another's content ("A said B believes ...")


def _resolve_frames(
    content: list[Segment], parsed: Any, quoted: list[Span], registry: SpeakerRegistry
) -> dict[int, list[_ResolvedFrame]]:
    """Frames of every content segment, speakers resolved in text order.

    Nested frames are kept (flagged ``main=False``): a quotation takes its nearest frame
    ("A said the plan, which critics call “a mess,” ..."), an attribution the main one.
    """
    text = parsed.text
    by_segment: dict[int, list[_ResolvedFrame]] = {}
    for index, seg in enumerate(content):
        sent = parsed.char_span(seg.span.start, seg.span.end, alignment_mode="expand")
        if sent is None:
            continue
        resolved: list[_ResolvedFrame] = []
        found = find_frames(sent, text, quoted)
        outer = main_frames(found)
        for frame in found:
            if frame.speaker is None:  # an unnamed source ("it was reported that ...")
                speaker, span = None, None
            else:
                speaker, span = registry.resolve(frame.speaker)
            holders: list[Speaker] = []
            for head in frame.holders:
                holder, _ = registry.resolve(head)
                if holder is not None and all(holder is not h for h in holders):
                    holders.append(holder)
            main = any(frame is m for m in outer)
            resolved.append(_ResolvedFrame(frame, seg, speaker, span, holders, main))
        if resolved:
            by_segment[index] = resolved
    return by_segment


def _words(text: str, span: Span) -> int:
    return len(span.of(text).split())


def _paragraph_of(segments: list[Segment], offset: int) -> int:
    for seg in segments:
        if seg.span.start <= offset < seg.span.end or seg.span.start >= offset:
            return seg.paragraph
    return segments[-1].paragraph if segments else 0


def _quote_frame(
    quote: QuoteSpan, text: str, content: list[Segment], frames: dict[int, list[_ResolvedFrame]]
) -> _ResolvedFrame | None:
    """The frame that introduces ``quote``: the nearest one outside it in the sentences it touches,
    or a frame ending with a colon just before it."""
    best: tuple[int, _ResolvedFrame] | None = None
    for index, seg in enumerate(content):
        if not seg.span.overlaps(quote.span):
            continue
        for resolved in frames.get(index, []):
            cue = resolved.frame.cue
            if quote.content.contains(cue) or resolved.frame.kind in ("evidential", "noun"):
                continue  # an impression or an unnamed "claim that" introduces no quotation
            content_of = resolved.frame.content
            if not resolved.main and (content_of is None or not content_of.overlaps(quote.content)):
                continue  # a nested frame speaks only for the words it reports
            distance = (
                cue.start - quote.span.end
                if cue.start >= quote.span.end
                else quote.span.start - cue.end
            )
            if best is None or abs(distance) < best[0]:
                best = (abs(distance), resolved)
    if best is not None:
        return best[1]
    # '“... the emails that are missing.” Trump said.': a bare speech tag written as a sentence
    # of its own right after the quotation (same paragraph) introduces it.
    following = next((i for i, seg in enumerate(content) if seg.span.start >= quote.span.end), None)
    if following is not None and not text[quote.span.end : content[following].span.start].strip():
        tags = [
            r
            for r in frames.get(following, [])
            if r.main and r.frame.content is None and _bare_tag(r)
        ]
        if tags and content[following].paragraph == _paragraph_of(content, quote.span.start):
            return tags[0]
    previous = [i for i, seg in enumerate(content) if seg.span.end <= quote.span.start]
    if previous:
        last = previous[-1]
        seg = content[last]
        if seg.span.of(text).rstrip().endswith(":") and frames.get(last):
            return frames[last][-1]
    return None


def _bare_tag(resolved: _ResolvedFrame) -> bool:
    """Whether a sentence is a speech tag: its reporting verb is the sentence's own main verb
    ("Trump tweeted.", "Rep. Jane Roe said at a rally on Sunday."), not a verb inside a
    clause about someone ("... is Donald J. Trump, who in 2012 added to his portfolio")."""
    speaker = resolved.frame.speaker
    if speaker is None:
        return True
    cue = speaker.doc.char_span(
        resolved.frame.cue.start, resolved.frame.cue.end, alignment_mode="expand"
    )
    return cue is None or cue.root.dep_ == "ROOT"


def _continued_speaker(
    quote: QuoteSpan,
    text: str,
    segments: list[Segment],
    frames: dict[int, list[_ResolvedFrame]],
    content: list[Segment],
) -> Speaker | None:
    """The speaker of the last frame before a cue-less quote of a full clause.

    Newspaper convention: ``“A,” she said. “B.”`` and a paragraph opening with a quotation
    after a paragraph that named the speaker continue that speaker's words.
    """
    line_start = text.rfind("\n", 0, quote.span.start) + 1
    at_line = not text[line_start : quote.span.start].strip()
    at_sentence = any(seg.span.start == quote.span.start for seg in content)
    if _words(text, quote.content) < CONTINUATION_MIN_WORDS:
        return None
    paragraph = _paragraph_of(segments, quote.span.start)
    # Inside a sentence the quote continues this paragraph's speaker; opening a paragraph
    # (or a sentence) it may continue the previous paragraph's.
    lowest = paragraph - 1 if (at_line or at_sentence) else paragraph
    candidates = [
        resolved
        for index, items in frames.items()
        for resolved in items
        if resolved.frame.cue.end <= quote.span.start
        and lowest <= content[index].paragraph <= paragraph
    ]
    if not candidates:
        return None
    last = max(candidates, key=lambda r: r.frame.cue.start)
    return last.speaker


def _title_quote(text: str, quote: QuoteSpan) -> bool:
    """A short title-cased quotation after a preposition or a possessive ('told CNN’s “State of
    the Union”', 'a star of “Thelma and Louise”'): the name of a show, book or film, not words
    anyone is quoted as saying."""
    words = quote.content.of(text).strip(" ,.;:!?").split()
    if not words or len(words) > SCARE_MAX_WORDS:
        return False
    before = text[: quote.span.start].rstrip()
    last = before.split()[-1].lower() if before.split() else ""
    if not (last in TITLE_LEADS or last.endswith(("’s", "'s"))):
        return False
    return words[0][:1].isupper() and all(
        w[:1].isupper() or not w[:1].isalpha() or w.lower() in TITLE_SMALL_WORDS for w in words
    )


def _build_quotes(
    text: str,
    raw: list[QuoteSpan],
    segments: list[Segment],
    content: list[Segment],
    frames: dict[int, list[_ResolvedFrame]],
    sections: list[Section],
) -> list[Quote]:
    quotes: list[Quote] = []
    for quote in raw:
        speaker: Speaker | None = None
        cue: Span | None = None
        speaker_span: Span | None = None
        if quote.depth == 0:
            resolved = _quote_frame(quote, text, content, frames)
            if resolved is not None and resolved.speaker is not None:
                speaker, cue, speaker_span = (
                    resolved.speaker,
                    resolved.frame.cue,
                    resolved.speaker_span,
                )
            else:
                section = section_at(sections, quote.span.start)
                speaker = (
                    section.speaker
                    if section
                    else _continued_speaker(quote, text, segments, frames, content)
                )
        if _title_quote(text, quote):
            speaker, cue, speaker_span = None, None, None  # 'on “Meet the Press”': a name
        scare = cue is None and _words(text, quote.content) <= SCARE_MAX_WORDS
        if scare:
            speaker = None if quote.depth > 0 else speaker
        quotes.append(
            Quote(quote.span, quote.content, speaker, cue, speaker_span, direct=True, scare=scare)
        )
    return quotes


def _dominant_quote(seg: Segment, quotes: list[Quote], text: str) -> Quote | None:
    """The quote covering most of ``seg``, when quotes cover at least QUOTED_SHARE of it."""
    outer = [q for q in quotes if not q.scare and q.content_span.overlaps(seg.span)]
    if not outer:
        return None
    covered = sum(q.content_span.overlap(seg.span) for q in outer)
    length = len(seg.span.of(text).strip())
    if length == 0 or covered < QUOTED_SHARE * length:
        return None
    return max(outer, key=lambda q: q.content_span.overlap(seg.span))


def _quoted(seg: Segment, quote: Quote) -> Attribution:
    """The attribution of a segment that carries ``quote``: its words inside the segment."""
    inside = Span(
        max(seg.span.start, quote.content_span.start), min(seg.span.end, quote.content_span.end)
    )
    holders = [quote.speaker] if quote.speaker else []
    return Attribution(
        seg, "quoted", quote.speaker, inside, quote.cue_span, quote.speaker_span, holders
    )


def _mostly_inside(content: Span, quote: Span) -> bool:
    """Whether a frame's reported words are (mostly) the quotation itself."""
    return content.overlap(quote) >= TAGGED_SHARE * len(content)


def _tagged_quote(seg: Segment, quotes: list[Quote]) -> Quote | None:
    """A short quote whose speech tag sits in this segment ('He said: “Yes.”', '“No,” she
    replied.'): the segment carries that quote even though the tag is most of its text."""
    for quote in quotes:
        if quote.scare or quote.cue_span is None or not quote.content_span.overlaps(seg.span):
            continue
        if seg.span.contains(quote.cue_span):
            return quote
    return None


def _continues_report(seg: Segment, previous: Attribution | None, text: str) -> bool:
    """A sentence opening with an enumeration/addition connective continues the previous report."""
    if (
        previous is None
        or previous.frame != "reported"
        or previous.segment.paragraph != seg.paragraph
    ):
        return False
    opening = seg.span.of(text).lower()
    return any(
        opening.startswith(marker + ",") or opening.startswith(marker + " ")
        for marker in continuers()
    )


def _attribute_segment(
    seg: Segment,
    index: int,
    text: str,
    quotes: list[Quote],
    frames: dict[int, list[_ResolvedFrame]],
    sections: list[Section],
    outlet: Speaker,
    previous: Attribution | None,
) -> Attribution:
    section = section_at(sections, seg.span.start)
    quote = _dominant_quote(seg, quotes, text)
    if quote is not None and not (
        section is not None and (quote.speaker is None or quote.speaker is section.speaker)
    ):
        return _quoted(seg, quote)
    if section is not None:
        return Attribution(seg, "section", section.speaker, seg.span, None, None, [section.speaker])
    tagged = _tagged_quote(seg, quotes)
    for resolved in frames.get(index, []):
        if not resolved.main or resolved.speaker is None or resolved.frame.content is None:
            continue
        if (
            tagged is not None
            and tagged.cue_span == resolved.frame.cue
            and _mostly_inside(resolved.frame.content, tagged.content_span)
        ):
            break  # '“No,” she replied.': the reported words are the quotation
        holders = resolved.holders or [resolved.speaker]
        return Attribution(
            seg,
            "reported",
            resolved.speaker,
            resolved.frame.content,
            resolved.frame.cue,
            resolved.speaker_span,
            holders,
        )
    if tagged is not None:
        return _quoted(seg, tagged)
    if _continues_report(seg, previous, text) and previous is not None:
        return Attribution(
            seg, "reported", previous.speaker, seg.span, None, None, list(previous.holders)
        )
    return Attribution(seg, "narration", outlet, seg.span, None, None, [])


def _used_speakers(
    outlet: Speaker, sections: list[Section], attributions: list[Attribution], quotes: list[Quote]
) -> list[Speaker]:
    ordered: list[Speaker] = [outlet]
    candidates: list[Speaker | None] = [s.speaker for s in sections]
    for attribution in attributions:
        candidates.append(attribution.speaker)
        candidates.extend(attribution.holders)
    candidates.extend(q.speaker for q in quotes)
    for speaker in candidates:
        if speaker is not None and all(speaker is not s for s in ordered):
            ordered.append(speaker)
    return ordered


def _tags_a_quote(resolved: _ResolvedFrame, quotes: list[Quote]) -> bool:
    """Whether a frame is only the speech tag of a quotation that carries its speaker ('“No,”
    she replied.'): the quotation reports the words, with its continuations ('“A,” she said.
    “B.”')."""
    content = resolved.frame.content
    if content is None:
        return False
    return any(
        not quote.scare
        and quote.speaker is not None
        and quote.cue_span == resolved.frame.cue
        and _mostly_inside(content, quote.content_span)
        # 'said that “...”': the report's own words ("that") come before the quotation
        and content.start >= quote.span.start
        for quote in quotes
    )


def all_reports(document: Document) -> list[Attribution]:
    """Every outermost reporting frame of the document, several per sentence where there are;
    a frame that only tags a quotation is left to ``document.quotes``.

    ``Document.attributions`` keeps one attribution per sentence (its main frame); corpus
    evaluation (PolNeAR annotates every frame) needs them all. Uses ``document.parsed``:
    nothing is parsed again.
    """
    parsed = document.parsed
    if parsed is None:
        raise InputError("the document carries no parse")
    registry = SpeakerRegistry(parsed)
    find_sections(document.segments, document.text, registry)
    quoted = [q.content for q in find_quotes(document.text) if q.depth == 0]
    content = [s for s in document.segments if s.is_content]
    reports: list[Attribution] = []
    for items in _resolve_frames(content, parsed, quoted, registry).values():
        for resolved in items:
            # A frame without a resolved speaker still reports: an unnamed source ("it was
            # reported that ...") or the writer ("I said ...").
            if not resolved.main or resolved.frame.content is None:
                continue
            if _tags_a_quote(resolved, document.quotes):
                continue  # '“A,” she said.': the quotation itself is the report (in quotes)
            holders = resolved.holders or ([resolved.speaker] if resolved.speaker else [])
            reports.append(
                Attribution(
                    resolved.segment,
                    "reported",
                    resolved.speaker,
                    resolved.frame.content,
                    resolved.frame.cue,
                    resolved.speaker_span,
                    holders,
                )
            )
    return reports


def analysis_text(text: str) -> str:
    """The text spaCy parses: ``text`` with its typography folded
    (:func:`sourcetrace.textnorm.fold`) and every pair of quotation marks, whatever its style,
    made ``"..."`` (outermost) or ``'...'`` (nested). The same length as ``text``, so token
    offsets are offsets into ``text``; only quotation marks that :func:`find_quotes` pairs are
    touched, never an apostrophe. A ``Key: value`` metadata block on top is blanked.
    """
    chars = list(fold(text))
    for quote in find_quotes(text):
        mark = '"' if quote.depth == 0 else "'"
        start, end = quote.span.start, quote.span.end
        opening = text[start : start + 2] in (TYPEWRITER, TYPEWRITER_OPEN)
        closing = end - start >= 4 and text[end - 2 : end] == TYPEWRITER
        # A typewriter pair ('') becomes a space and one mark next to the quotation's words
        # ("''Now ...,'' he" -> ' "Now ...,"  he'): the parser reads one quotation mark, as
        # for every other style (a mark away from the words is read with the sentence before).
        if opening:
            chars[start], chars[start + 1] = " ", mark
        elif text[start] in MARKS:
            chars[start] = mark
        if closing:
            chars[end - 2], chars[end - 1] = mark, " "
        elif text[end - 1] in MARKS:
            chars[end - 1] = mark
    return _blank_header("".join(chars), text)


def _blank_header(folded: str, text: str) -> str:
    """``folded`` with a ``Key: value`` metadata block on top of ``text`` (a scraper's Title,
    URL, Author, Published lines: :func:`sourcetrace.ingest.text.header_block`) made spaces,
    its line breaks kept. The block is metadata, never prose: parsed, its title line named
    people ("Title: Smith Says ...") and changed the parse of the lines after it."""
    from sourcetrace.ingest.text import header_block

    block = header_block(text)
    if block is None:
        return folded
    start, end = block.span.start, block.span.end
    inside = "".join(c if c == "\n" else " " for c in folded[start:end])
    return folded[:start] + inside + folded[end:]


def analyze(article: Article, nlp: Any = None, *, parsed: Any = None) -> Document:
    """Segments, quotes, attributions and speakers of ``article`` (parsed once).

    ``nlp`` defaults to :func:`sourcetrace.nlp.load_spacy`; ``parsed`` may pass a spaCy Doc of
    ``article.text`` made already (batch evaluation parses with ``nlp.pipe``).
    """
    if not isinstance(article, Article):
        raise InputError(f"analyze() needs an Article, got {type(article).__name__}")
    if parsed is None:
        if nlp is None:
            from sourcetrace.nlp import load_spacy

            nlp = load_spacy()
        parsed = nlp(analysis_text(article.text))
    elif len(parsed.text) != len(article.text) or parsed.text not in (
        article.text,
        analysis_text(article.text),
    ):
        raise InputError("the parsed document does not match the article text")
    text = article.text
    segments = segment(article, parsed)
    registry = SpeakerRegistry(parsed)
    outlet = outlet_speaker(article)
    sections = find_sections(segments, text, registry)
    raw_quotes = find_quotes(text)
    quoted = [q.content for q in raw_quotes if q.depth == 0]
    content = [s for s in segments if s.is_content]
    frames = _resolve_frames(content, parsed, quoted, registry)
    quotes = _build_quotes(text, raw_quotes, segments, content, frames, sections)
    attributions: list[Attribution] = []
    previous: Attribution | None = None
    for index, seg in enumerate(content):
        attribution = _attribute_segment(
            seg, index, text, quotes, frames, sections, outlet, previous
        )
        attributions.append(attribution)
        previous = attribution
    speakers = _used_speakers(outlet, sections, attributions, quotes)
    return Document(article, segments, attributions, quotes, speakers, parsed)
