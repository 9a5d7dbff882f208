"""The interview-collection layout: a name line, then that person's paragraphs.

Some outlets publish views collected from several people without any reporting verb::

    Jane Roe, professor of law at Example University

    The ruling changes little. I think ...

    Richard Moe, a retired judge

    ...

Each name line (a ``speaker_line`` segment, see :mod:`sourcetrace.segment`) opens a section
that runs to the next name line; everything in it is that person's. Text before the first
name line (an editor's note, the lead) is the outlet's.
"""

from __future__ import annotations

from dataclasses import dataclass

from sourcetrace.attribute.speakers import SpeakerRegistry
from sourcetrace.model import Segment, Span, Speaker
from sourcetrace.segment import split_speaker_line


@dataclass(frozen=True)
class Section:
    """The text under one speaker line, and whose it is."""

    speaker: Speaker
    line: Segment
    span: Span  # from the end of the name line to the next name line (or the text's end)


def find_sections(segments: list[Segment], text: str, registry: SpeakerRegistry) -> list[Section]:
    """One section per ``speaker_line`` segment, in text order."""
    lines = [s for s in segments if s.kind == "speaker_line"]
    sections: list[Section] = []
    for index, line in enumerate(lines):
        name, role = split_speaker_line(line.span.of(text))
        speaker = registry.register(name, role, "person", line.span.start, subject=True)
        end = lines[index + 1].span.start if index + 1 < len(lines) else len(text)
        sections.append(Section(speaker, line, Span(line.span.end, end)))
    return sections


def section_at(sections: list[Section], offset: int) -> Section | None:
    """The section that holds ``offset``, if any."""
    for section in sections:
        if section.span.start <= offset < section.span.end:
            return section
    return None
