"""Split an article into typed segments: title, headings, speaker lines, sentences, boilerplate.

Paragraphs are the text's non-blank lines (news text scraped to plain text puts one
paragraph per line). Sentences come from the spaCy parse of the whole text (parsed once;
``sourcetrace.nlp.load_spacy`` makes every line break a sentence boundary), so a segment
never crosses a line. Line types:

* ``title``: the first line, when short and without final punctuation;
* ``heading``: a short line without final punctuation ("Published: ...", "Editor's Note:"),
  or a short question standing alone on its line ("What did the board decide?");
* ``speaker_line``: a line that only names a person, often with a role after a comma
  ("Jane Roe, professor of law at Example University"), followed by that person's
  paragraphs (the interview-collection layout; see :mod:`sourcetrace.attribute.sections`);
* ``boilerplate``: a segment mostly covered by ``ingest.boilerplate.boilerplate_spans``;
* ``sentence``: everything else.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from sourcetrace.model import Article, Segment, SegmentKind, Span

# A title or heading is a label, not a paragraph: at most this many words.
TITLE_MAX_WORDS = 25
HEADING_MAX_WORDS = 12
# A speaker line holds a name and a role, never a paragraph.
SPEAKER_LINE_MAX_WORDS = 30
NAME_MAX_WORDS = 5
# A segment is boilerplate when at least this share of its characters is boilerplate; an
# inline currency note inside a real sentence must not hide the sentence.
BOILERPLATE_SHARE = 0.5

SENTENCE_FINAL = frozenset(".!?…\"”’'»)]")
NAME_PARTICLES = frozenset(
    {"de", "van", "von", "der", "den", "bin", "al", "da", "le", "la", "del", "di", "du", "ibn"}
)
_NAME_WORD = re.compile(r"^[A-Z][\w.'’-]*$|^[A-Z]\.$")
_SPEAKER_SEPARATOR = re.compile(r"\s*(?:,|\s[–—-]\s|:\s*$)\s*")


@dataclass(frozen=True)
class Line:
    """One non-blank line of the text (a paragraph), trimmed of surrounding whitespace."""

    span: Span
    paragraph: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def has_final_punctuation(self) -> bool:
        return self.text[-1] in SENTENCE_FINAL


def lines_of(text: str) -> list[Line]:
    """The non-blank lines of ``text`` with their trimmed spans and paragraph numbers."""
    result: list[Line] = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + (len(raw) - len(raw.lstrip()))
            result.append(Line(Span(start, start + len(stripped)), len(result), stripped))
        offset += len(raw) + 1
    return result


def split_speaker_line(line: str) -> tuple[str, str | None]:
    """A speaker line's name and role.

    "Jane Roe, professor of law" -> ("Jane Roe", "professor of law").
    """
    parts = _SPEAKER_SEPARATOR.split(line.strip(), maxsplit=1)
    name = parts[0].strip().rstrip(":")
    role = parts[1].strip().rstrip(":").strip() if len(parts) > 1 else ""
    return name, (role or None)


def _looks_like_name(name: str) -> bool:
    words = name.split()
    if not 2 <= len(words) <= NAME_MAX_WORDS:
        return False
    return all(_NAME_WORD.match(w) or w.lower() in NAME_PARTICLES for w in words)


def _role_has_role_noun(role: str | None) -> bool:
    if not role:
        return False
    # Imported here: the attribute package imports this module.
    from sourcetrace.attribute.lexicon import role_nouns

    nouns = role_nouns()
    for word in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", role):
        lower = word.lower()
        if lower in nouns or lower.rsplit("-", 1)[-1] in nouns:
            return True
    return False


def _is_person_span(parsed: Any, line: Line, name: str) -> bool:
    """Whether spaCy tags the line's leading name as a person."""
    span = parsed.char_span(line.span.start, line.span.start + len(name), alignment_mode="expand")
    if span is None:
        return False
    for ent in span.ents:
        if ent.label_ == "PERSON" and ent.start == span.start and len(ent) * 2 >= len(span):
            return True
    return False


def speaker_line_candidate(parsed: Any, line: Line) -> bool:
    """A line that only names a person (optionally with a role), with no final punctuation."""
    if line.has_final_punctuation or line.words > SPEAKER_LINE_MAX_WORDS:
        return False
    name, role = split_speaker_line(line.text)
    if not _looks_like_name(name):
        return False
    first = parsed.char_span(
        line.span.start, line.span.start + len(name.split()[0]), alignment_mode="expand"
    )
    if first is not None and (first[0].is_stop or first[0].pos_ in ("ADP", "DET", "VERB", "AUX")):
        return False  # "By Jane Roe", "The Editorial Board"
    # A role that reads as a description ("an urban planner at ...") marks a person too.
    described = role is not None and role.split()[0].lower() in ("a", "an", "the")
    return _is_person_span(parsed, line, name) or _role_has_role_noun(role) or described


def _first_person(parsed: Any, start: int, end: int) -> bool:
    span = parsed.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.lower_ in ("i", "we", "my", "our", "me", "us") for t in span)


def speaker_lines(parsed: Any, lines: list[Line]) -> set[int]:
    """Paragraph numbers of the name lines of an interview-collection layout.

    A candidate counts only when a content paragraph follows it, and the layout only when
    there are at least two such lines or the one section speaks in the first person: a
    single name line over third-person text is a byline, not a speaker.
    """
    found: list[int] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if following is None or not following.has_final_punctuation or following.words < 8:
            continue
        if speaker_line_candidate(parsed, line):
            found.append(index)
    if len(found) >= 2:
        return set(found)
    if len(found) == 1:
        start = lines[found[0]].span.end
        if _first_person(parsed, start, len(parsed.text)):
            return set(found)
    return set()


def _line_kind(
    line: Line, index: int, lines: list[Line], article: Article, *, first: bool
) -> SegmentKind | None:
    """The kind of a whole-line segment (title/heading), or None for a line of sentences.

    ``first`` is true for the first line that is not boilerplate (a metadata block on top
    comes before the headline).
    """
    if first and (
        (not line.has_final_punctuation and line.words <= TITLE_MAX_WORDS)
        or (article.title and line.text.strip().lower() == article.title.strip().lower())
    ):
        return "title"
    if not line.has_final_punctuation and line.words <= HEADING_MAX_WORDS:
        return "heading"
    if line.text.endswith(":") and line.words <= HEADING_MAX_WORDS:
        return "heading"
    following = lines[index + 1] if index + 1 < len(lines) else None
    if (
        line.text.endswith("?")
        and line.words <= HEADING_MAX_WORDS
        and line.text.count("?") == 1
        and following is not None
        and not following.text.endswith("?")
    ):
        return "heading"
    return None


def _boilerplate(text: str) -> list[Span]:
    from sourcetrace.ingest.boilerplate import boilerplate_spans

    return boilerplate_spans(text)


def _mostly_boilerplate(span: Span, boilerplate: list[Span]) -> bool:
    covered = sum(span.overlap(b) for b in boilerplate)
    return covered > 0 and covered >= BOILERPLATE_SHARE * len(span)


def _trimmed(text: str, start: int, end: int) -> Span | None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return None
    left = start + (len(chunk) - len(chunk.lstrip()))
    return Span(left, left + len(stripped))


# Two-character typewriter quotation marks; the analysis text writes each as a space and
# one mark (see :func:`sourcetrace.attribute.analysis_text`).
_TYPEWRITER_MARKS = ("''", "``")


def _whole_marks(text: str, analysed: str, span: Span) -> Span | None:
    """``span`` holding both halves of a typewriter mark at its edges, or neither: the half
    the parser read as a space goes with the half it read as the mark."""
    start, end = span.start, span.end
    if start > 0 and text[start - 1 : start + 1] in _TYPEWRITER_MARKS:
        # The span starts inside a pair: with the mark half, take the pair; else drop it.
        start = start - 1 if analysed[start] != " " else start + 1
    if end < len(text) and text[end - 1 : end + 1] in _TYPEWRITER_MARKS:
        end = end + 1 if analysed[end - 1] != " " else end - 1
    return _trimmed(text, start, end)


def sentence_spans(
    text: str, sentences: list[tuple[int, int]], line: Line, analysed: str | None = None
) -> list[Span]:
    """The parsed sentences (``(start_char, end_char)``, sorted) inside one line, trimmed.

    ``analysed`` is the text the parser read (the same length), where a typewriter mark
    ('') is a space and one mark: a sentence keeps both halves of such a mark or neither.
    """
    first = bisect.bisect_right(sentences, (line.span.start, len(text) + 1)) - 1
    spans: list[Span] = []
    for start, end in sentences[max(first, 0) :]:
        if start >= line.span.end:
            break
        if end <= line.span.start:
            continue
        span = _trimmed(text, max(start, line.span.start), min(end, line.span.end))
        if span is not None and analysed is not None:
            span = _whole_marks(text, analysed, span)
        if span is not None:
            spans.append(span)
    return spans or [line.span]


def segment(article: Article, parsed: Any) -> list[Segment]:
    """Typed segments of ``article`` in text order; ``parsed`` is the spaCy Doc of its text."""
    text = article.text
    lines = lines_of(text)
    boilerplate = _boilerplate(text)
    names = speaker_lines(parsed, lines)
    # Sentence offsets read once: Token.sent walks the document on every call.
    sentences = [(sent.start_char, sent.end_char) for sent in parsed.sents]
    segments: list[Segment] = []
    body_lines = 0
    for index, line in enumerate(lines):
        if _mostly_boilerplate(line.span, boilerplate):
            segments.append(Segment(line.span, "boilerplate", line.paragraph))
            continue
        body_lines += 1
        if index in names:
            segments.append(Segment(line.span, "speaker_line", line.paragraph))
            continue
        kind = _line_kind(line, index, lines, article, first=body_lines == 1)
        if kind is not None:
            segments.append(Segment(line.span, kind, line.paragraph))
            continue
        analysed = parsed.text if len(parsed.text) == len(text) else None
        for span in sentence_spans(text, sentences, line, analysed):
            sentence_kind: SegmentKind = (
                "boilerplate" if _mostly_boilerplate(span, boilerplate) else "sentence"
            )
            segments.append(Segment(span, sentence_kind, line.paragraph))
    return segments
