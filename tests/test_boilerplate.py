"""Publisher boilerplate detection on fictional articles (and the shared seeds when present)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcetrace.ingest.boilerplate import boilerplate_spans, load_patterns, parse_lexicon
from sourcetrace.model import Span

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def marked(text: str) -> list[str]:
    """The boilerplate passages of ``text``, as strings."""
    return [span.of(text) for span in boilerplate_spans(text)]


def is_marked(text: str, passage: str) -> bool:
    """Whether ``passage`` (which occurs once in ``text``) lies inside a boilerplate span."""
    start = text.index(passage)
    target = Span(start, start + len(passage))
    return any(span.contains(target) for span in boilerplate_spans(text))


def touches(text: str, passage: str) -> bool:
    """Whether any boilerplate span overlaps ``passage``."""
    start = text.index(passage)
    target = Span(start, start + len(passage))
    return any(span.overlaps(target) for span in boilerplate_spans(text))


FOOTER = (
    "Follow us everywhere. The site works on every screen and from any computer. "
    "For the latest news, follow our Facebook, Instagram and Telegram pages. "
    "Subscribe to our newsletter."
)
ARTICLE = f"""Harbor town votes to rebuild its old pier
Published: Mar 5, 2023 10:12 AM
Pier at dawn Photo:Harbor Archive

Pier at dawn Photo:Harbor Archive

By Mara Quell and Tom Birch

Editor's Note:

The council met on Tuesday to settle a question that has split the town for a decade.

BAYVILLE, (Coastal Wire) – The council voted 5-2 to rebuild the pier. The work starts in May.

Advertisement

"We cannot wait another winter," said council member Ada Lind.

Read more: Fishermen fear a second bad season

{FOOTER}

© 2023 Bayville Daily. All rights reserved.
"""


def test_metadata_credit_and_byline_lines_are_boilerplate() -> None:
    found = marked(ARTICLE)
    assert "Published: Mar 5, 2023 10:12 AM" in found
    assert found.count("Pier at dawn Photo:Harbor Archive") == 2
    assert "By Mara Quell and Tom Birch" in found
    assert "Advertisement" in found
    assert "Read more: Fishermen fear a second bad season" in found
    assert "© 2023 Bayville Daily. All rights reserved." in found


def test_title_editors_note_and_content_are_not_boilerplate() -> None:
    assert not touches(ARTICLE, "Harbor town votes to rebuild its old pier")
    assert not touches(ARTICLE, "Editor's Note:")
    assert not touches(ARTICLE, "The council met on Tuesday")
    assert not touches(ARTICLE, '"We cannot wait another winter," said council member Ada Lind.')


def test_dateline_prefix_only() -> None:
    prefix = "BAYVILLE, (Coastal Wire) – "
    assert prefix in marked(ARTICLE)
    assert not touches(ARTICLE, "The council voted 5-2 to rebuild the pier.")


def test_footer_paragraph_with_several_boilerplate_sentences_is_boilerplate_whole() -> None:
    assert FOOTER in marked(ARTICLE)


CLOSING = "The mayor spoke to residents on Friday evening."


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Lena Ruiz",
        "Image: City council archive",
        "Photo by Kim Adler",
        "Credit: Office of the Mayor",
        "File photo: the old pier in 2019",
        "Updated: 14:05 GMT",
        "Last modified on 4 June 2022",
        "Posted on Monday, June 6",
        "5 min read",
        "Reporting by Ana Silva; Editing by Joe Park",
        "Related: The long fight over the harbor",
        "See also",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Share this article",
        "Copyright 2021 Example Media Group",
        "Residents gather at the pier. CITYWIRE/Jan Holm",
        "Share: Facebook | Twitter | Email",
        "Follow us on Instagram, TikTok and YouTube",
    ],
)
def test_line_patterns(line: str) -> None:
    text = f"A short fictional headline\n\n{line}\n\n{CLOSING}\n"
    assert line in marked(text)


@pytest.mark.parametrize(
    "line",
    [
        "Updated guidance on school meals splits parents",
        "Related to this, the minister said the plan would fail.",
        "By Tuesday evening, the river had risen by two meters.",
        "Copyright law is changing across the region, lawyers say.",
        "We will follow our own principles, the governor said.",
        "The singer posted on Facebook and Instagram that the tour was over.",
        "US-China trade talks resumed in Geneva on Monday.",
        "NASA – the space agency – delayed the launch again.",
        "Millions of people subscribe to streaming services each year.",
        "Editor's Note:",
        "Voters said the rest of the world would not follow us.",
        "Instagram and Facebook.",
        "Sen. Jo Park (NY) — a longtime critic — voted against the bill.",
        "Because Twitter, Facebook and YouTube host so much video, moderation is hard.",
        '"Follow us on the march," the organizer told the crowd.',
        "“We need help from Facebook and from YouTube and from Twitter,” she said.",
    ],
)
def test_content_lines_are_not_boilerplate(line: str) -> None:
    text = f"A short fictional headline\n\n{line}\n\n{CLOSING}\n"
    assert not touches(text, line)


@pytest.mark.parametrize(
    "note",
    ["($1 = 0.92 euros)", "($1=1.38 Canadian dollars)", "(1 euro = $1.08)"],
)
def test_currency_notes_inline(note: str) -> None:
    text = f"Headline here\n\nThe deal is worth 40 million euros {note}, the firm said on Monday.\n"
    assert note in marked(text)
    assert not touches(text, "the firm said on Monday.")


def test_parenthesised_photo_credit_inline() -> None:
    text = "Headline\n\nThe crowd (Photo by Ivo Lark/Wire) cheered as the mayor arrived late.\n"
    assert "(Photo by Ivo Lark/Wire)" in marked(text)
    assert not touches(text, "cheered as the mayor arrived late.")


@pytest.mark.parametrize(
    "dateline",
    [
        "WASHINGTON (Wire) — ",
        "LONDON, March 3 (Agency) - ",
        "PORT ELLEN, Scotland -- ",
        "SAN JOSE, Calif., Jan. 9, 2024 – ",
        "Lisbon (Reuters) - ",
        "MIDWAY ATOLL — ",
    ],
)
def test_wire_datelines(dateline: str) -> None:
    text = f"Headline here\n\n{dateline}Officials said the bridge would reopen next week.\n"
    assert dateline in marked(text)
    assert not touches(text, "Officials said the bridge would reopen next week.")


def test_bare_caps_dateline_only_at_the_top() -> None:
    filler = "".join(f"Paragraph {n} of the story says something new.\n\n" for n in range(10))
    text = f"Headline\n\n{filler}QUESTIONS REMAIN — the inquiry has not reported yet.\n"
    assert not touches(text, "QUESTIONS REMAIN — ")
    lead = "Headline\n\nHARBORVILLE — The ferry strike ended after nine days.\n"
    assert "HARBORVILLE — " in marked(lead)


def test_single_follow_sentence_in_content_paragraph_marks_only_that_sentence() -> None:
    text = (
        "Headline here\n\nThe festival opens on Friday and runs for three days. "
        "Follow us on Mastodon for live updates.\n"
    )
    assert "Follow us on Mastodon for live updates." in marked(text)
    assert not touches(text, "The festival opens on Friday and runs for three days.")


def test_repeated_caption_adjacent_but_not_distant_repeated_speaker_line() -> None:
    speaker = "Dana Holt, a harbor engineer"
    body = "The pier rests on timber piles that rot from the inside out."
    text = (
        "Headline here\n\nIntro paragraph about the pier and the vote on it.\n\n"
        f"{speaker}\n\n{body}\n\n"
        "Sam Reed, a fisherman\n\nI have fished here for thirty years and seen it decline.\n\n"
        "Nina Vale, a shop owner\n\nVisitors come for the pier and then spend money in town.\n\n"
        "Another caption line\nAnother caption line\n\n"
        f"{speaker}\n\nThe repairs will take two summers if the weather holds.\n"
    )
    assert marked(text).count("Another caption line") == 2
    assert not touches(text, speaker)


def test_title_repeated_as_second_line_keeps_the_title() -> None:
    text = "Storm closes the harbor\nStorm closes the harbor\n\nBoats stayed in port all day.\n"
    spans = boilerplate_spans(text)
    assert spans == [Span(24, 47)]


def test_empty_and_plain_text_have_no_boilerplate() -> None:
    assert boilerplate_spans("") == []
    assert boilerplate_spans("Just one ordinary sentence about the weather.") == []


def test_lexicon_parses_and_rejects_malformed_lines() -> None:
    patterns = load_patterns()
    assert patterns.line and patterns.sentence and patterns.social and patterns.dateline
    with pytest.raises(ValueError, match="SCOPE NAME REGEX"):
        parse_lexicon("nonsense_scope name .*\n")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Photo: Ann Lee",
                "Published: May 1, 2020",
                "Follow us on Telegram. Subscribe to our newsletter.",
                "The mayor said the vote was close.",
                "($1 = 0.9 euros)",
                "ROME, (Wire) – The talks ended.",
                "Caption twice",
                "",
                " ",
                "Advertisement",
            ]
        ),
        max_size=12,
    ),
    st.sampled_from(["\n", "\n\n", " "]),
)
def test_spans_sorted_disjoint_and_in_bounds(parts: list[str], joiner: str) -> None:
    text = joiner.join(parts)
    spans = boilerplate_spans(text)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
    for left, right in itertools.pairwise(spans):
        assert left.end < right.start


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_gives_valid_spans(text: str) -> None:
    spans = boilerplate_spans(text)
    assert all(0 <= span.start < span.end <= len(text) for span in spans)
    assert all(left.end < right.start for left, right in itertools.pairwise(spans))


@pytest.mark.skipif(not SHARED.exists(), reason="shared seed folder not present")
def test_seed_pair_boilerplate() -> None:
    seeds = SHARED / "seeds"
    source = next(seeds.glob("000_*.txt")).read_text(encoding="utf-8")
    derived = next(seeds.glob("002_*.txt")).read_text(encoding="utf-8")
    source_found = marked(source)
    assert any(found.startswith("Published:") for found in source_found)
    assert sum("Photo:" in found for found in source_found) == 2
    assert not touches(source, "Editor's Note:")
    first_line = source.split("\n", 1)[0]
    assert not touches(source, first_line)
    derived_found = marked(derived)
    footer = derived.rstrip().rsplit("\n", 1)[-1]
    assert footer.strip() in derived_found
    dateline = next(found for found in derived_found if found.rstrip().endswith("–"))
    after = derived[derived.index(dateline) + len(dateline) :]
    assert after.startswith("At the end")
