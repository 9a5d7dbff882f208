"""Property tests: the quote finder never crashes and its offsets always lie inside the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sourcetrace.attribute.quotes import MARKS, find_quotes

ALPHABET = st.sampled_from(list("ab c.,:\n") + sorted(MARKS) + ["''", "``", "’s", "I'm", "’90s"])
TEXTS = st.lists(ALPHABET, max_size=80).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_offsets_lie_inside_the_text(text: str) -> None:
    for quote in find_quotes(text):
        assert 0 <= quote.span.start <= quote.content.start
        assert quote.content.start < quote.content.end <= quote.span.end <= len(text)
        assert (
            text[quote.span.start] in MARKS or text[quote.span.start : quote.span.start + 2] == "``"
        )
        assert quote.content.of(text).strip()
        assert quote.depth >= 0


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_quotes_are_sorted_and_nest_properly(text: str) -> None:
    quotes = find_quotes(text)
    starts = [q.span.start for q in quotes]
    assert starts == sorted(starts)
    for a in quotes:
        for b in quotes:
            if a is b:
                continue
            # two quotes are either disjoint or one lies inside the other
            disjoint = a.span.end <= b.span.start or b.span.end <= a.span.start
            assert disjoint or a.span.contains(b.span) or b.span.contains(a.span)


@given(
    st.sampled_from(
        ["it’s", "Russia’s", "the ’90s", "don't", "rock ’n’ roll", "the countries’ leaders"]
    )
)
def test_apostrophes_are_not_quotes(word: str) -> None:
    assert find_quotes(f"She said {word} matter.") == []


def test_balanced_styles() -> None:
    text = "“a” \"b\" ‘c’ «d» „e“ »f« ''g''"
    contents = [q.content.of(text) for q in find_quotes(text)]
    assert contents == ["a", "b", "c", "d", "e", "f", "g"]


def test_unclosed_quote_runs_to_paragraph_end() -> None:
    text = "He said “this never ends\nNext paragraph."
    (quote,) = find_quotes(text)
    assert quote.content.of(text) == "this never ends"


WORDS = st.sampled_from(
    [
        "Ana",
        "Roe",
        "said",
        "says",
        "according",
        "to",
        "the",
        "plan",
        "fails",
        ",",
        ".",
        ":",
        "\n",
        "\n\n",
        "he",
        "she",
        "added",
        "that",
        "It’s",
        "“",
        "”",
        '"',
        "‘",
        "’",
        "«",
        "»",
        "''",
        "?",
    ]
)
ARTICLES = st.lists(WORDS, max_size=40).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(ARTICLES)
def test_analyze_never_crashes_and_keeps_offsets_inside(text: str) -> None:
    from sourcetrace.attribute import analyze
    from sourcetrace.model import Article

    document = analyze(Article(text=text))
    content = [s for s in document.segments if s.is_content]
    assert [a.segment for a in document.attributions] == content
    for attribution in document.attributions:
        for span in (attribution.content_span, attribution.cue_span, attribution.speaker_span):
            assert span is None or 0 <= span.start <= span.end <= len(text)
        if attribution.frame == "narration":
            assert attribution.speaker is not None and attribution.speaker.kind == "outlet"
    for quote in document.quotes:
        assert quote.span.contains(quote.content_span) and quote.span.end <= len(text)
