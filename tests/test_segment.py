"""Segmentation: title, headings, speaker lines, sentences, boilerplate, paragraphs."""

from __future__ import annotations

from itertools import pairwise

import pytest

from sourcetrace.model import Article, Segment
from sourcetrace.nlp import load_spacy
from sourcetrace.segment import lines_of, segment, split_speaker_line

TEXT = """Valley farmers count the cost of the dry summer

Published: Aug 2, 2023 10:15 AM

What happens to the harvest now?

The wheat yield fell by a third. Farmers blame the late rain.

Irrigation costs doubled in two years, the cooperative said.

Follow us on Twitter, Facebook, LinkedIn and YouTube for more news.
"""


@pytest.fixture(scope="module")
def segments() -> list[Segment]:
    nlp = load_spacy()
    return segment(Article(text=TEXT), nlp(TEXT))


def _kind_of(segments: list[Segment], passage: str) -> str:
    start = TEXT.index(passage)
    found = [s for s in segments if s.span.start <= start < s.span.end]
    assert len(found) == 1, passage
    return found[0].kind


def test_line_kinds(segments: list[Segment]) -> None:
    assert _kind_of(segments, "Valley farmers") == "title"
    assert _kind_of(segments, "What happens to the harvest") == "heading"
    assert _kind_of(segments, "Follow us on Twitter") == "boilerplate"
    assert _kind_of(segments, "Published:") in ("heading", "boilerplate")
    assert _kind_of(segments, "Farmers blame") == "sentence"


def test_sentences_split_and_trimmed(segments: list[Segment]) -> None:
    sentences = [s.span.of(TEXT) for s in segments if s.kind == "sentence"]
    assert sentences[:2] == ["The wheat yield fell by a third.", "Farmers blame the late rain."]
    for seg in segments:
        chunk = seg.span.of(TEXT)
        assert chunk == chunk.strip() and chunk
        assert "\n" not in chunk


def test_paragraph_numbers_follow_lines(segments: list[Segment]) -> None:
    lines = lines_of(TEXT)
    for seg in segments:
        line = lines[seg.paragraph]
        assert line.span.contains(seg.span)
    wheat = [s for s in segments if s.span.of(TEXT).startswith(("The wheat", "Farmers blame"))]
    assert len({s.paragraph for s in wheat}) == 1


def test_segments_are_ordered_and_disjoint(segments: list[Segment]) -> None:
    for before, after in pairwise(segments):
        assert before.span.end <= after.span.start


def test_speaker_lines_need_a_layout() -> None:
    text = (
        "Two views on the tram\n\n"
        "Ines Duarte, an urban planner at Example City Council\n\n"
        "The tram will cut car traffic in the centre by a fifth within two years.\n\n"
        "Tomas Brenner, a shop owner\n\n"
        "Our customers come by car, and they will simply go elsewhere to shop.\n"
    )
    result = segment(Article(text=text), load_spacy()(text))
    names = [s.span.of(text) for s in result if s.kind == "speaker_line"]
    assert names == [
        "Ines Duarte, an urban planner at Example City Council",
        "Tomas Brenner, a shop owner",
    ]


def test_split_speaker_line() -> None:
    assert split_speaker_line("Ines Duarte, an urban planner") == (
        "Ines Duarte",
        "an urban planner",
    )
    assert split_speaker_line("Ines Duarte") == ("Ines Duarte", None)
    assert split_speaker_line("Ines Duarte – planner") == ("Ines Duarte", "planner")


def test_empty_text() -> None:
    assert segment(Article(text=""), load_spacy()("")) == []
