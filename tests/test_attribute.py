"""Attribution on fictional articles: quote styles, frames, speaker resolution, sections."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from sourcetrace.attribute import all_reports, analyze
from sourcetrace.attribute.speakers import normalise_name, role_aliases
from sourcetrace.errors import InputError
from sourcetrace.model import Article, Attribution, Document, Quote
from sourcetrace.report.quotes import print_quotes, quotes_json


def _doc(text: str, outlet: str | None = "The Daily Example") -> Document:
    return analyze(Article(text=text, outlet=outlet))


def _attribution(document: Document, passage: str) -> Attribution:
    start = document.text.index(passage)
    found = [a for a in document.attributions if a.span.start <= start < a.span.end]
    assert len(found) == 1, passage
    return found[0]


def _quote(document: Document, passage: str) -> Quote:
    start = document.text.index(passage)
    found = [q for q in document.quotes if q.content_span.start <= start < q.content_span.end]
    assert found, passage
    return found[0]


NEWS = (
    "Harbour plan divides the town council\n\n"
    "Maria Keller, a Swiss trade economist and author, said the new harbour plan would double "
    "freight traffic. “The numbers do not lie,” Keller said.\n\n"
    '“It will take ten years,” she added. "Nobody has costed the dredging," '
    "the Swiss economist warned.\n\n"
    "According to the port authority, supported by the fishermen's union, the dredging starts "
    "in May.\n\n"
    "Ministry spokesman Tom Brandt told reporters that the budget was already approved. "
    "The spokesman also said that « the tender is open ». ‘We are ready,’ Brandt said.\n"
    "\nOn the radio the plan became a “vanity project” overnight.\n\n"
    "It’s the town’s biggest project since the ’90s, and the council's vote is due on Friday.\n"
)


@pytest.fixture(scope="module")
def news() -> Document:
    return _doc(NEWS)


def test_quote_styles_get_speaker_and_cue(news: Document) -> None:
    for passage, speaker, cue in [
        ("The numbers do not lie", "Maria Keller", "said"),
        ("It will take ten years", "Maria Keller", "added"),
        ("Nobody has costed", "Maria Keller", "warned"),
        ("We are ready", "Tom Brandt", "said"),
    ]:
        quote = _quote(news, passage)
        assert quote.speaker is not None and quote.speaker.name == speaker, passage
        assert quote.cue_span is not None and quote.cue_span.of(news.text) == cue
        assert not quote.scare
        assert news.text[quote.span.start] in '“"‘«' and news.text[quote.span.end - 1] in '”"’»'
        assert quote.span.contains(quote.content_span)


def test_quoted_sentences_are_attributed_to_the_quote_speaker(news: Document) -> None:
    attribution = _attribution(news, "“It will take ten years")
    assert attribution.frame == "quoted"
    assert attribution.speaker is not None and attribution.speaker.name == "Maria Keller"
    assert attribution.speaker_span is not None
    assert attribution.speaker_span.of(news.text) == "she"


def test_reported_speech_content_excludes_the_frame(news: Document) -> None:
    attribution = _attribution(news, "Maria Keller, a Swiss")
    assert attribution.frame == "reported"
    assert attribution.content_span is not None
    assert (
        attribution.content_span.of(news.text)
        == "the new harbour plan would double freight traffic"
    )
    assert attribution.speaker_span is not None
    assert attribution.speaker_span.of(news.text) == "Maria Keller"


def test_according_to_with_a_supporting_holder(news: Document) -> None:
    attribution = _attribution(news, "According to the port authority")
    assert attribution.frame == "reported"
    assert attribution.speaker is not None and attribution.speaker.kind == "organization"
    assert len(attribution.holders) == 2
    assert attribution.content_span is not None
    assert attribution.content_span.of(news.text) == "the dredging starts in May."


def test_role_nouns_and_surnames_resolve(news: Document) -> None:
    spokesman = _attribution(news, "The spokesman also said")
    assert spokesman.speaker is not None and spokesman.speaker.name == "Tom Brandt"
    keller = next(s for s in news.speakers if s.name == "Maria Keller")
    assert {"keller", "maria", "economist", "swiss economist", "author"} <= keller.aliases
    assert keller.role is not None and "economist" in keller.role


def test_scare_quotes_and_apostrophes(news: Document) -> None:
    # "vanity project" sits in a sentence with no reporting frame: a scare quote.
    vanity = _quote(news, "vanity project")
    assert vanity.scare and vanity.cue_span is None
    last = news.text.index("It’s the town’s")
    assert not [q for q in news.quotes if q.span.start >= last]


def test_narration_is_the_outlets_never_a_persons(news: Document) -> None:
    for passage in ("Harbour plan divides", "It’s the town’s biggest"):
        attribution = _attribution(news, passage)
        assert attribution.frame == "narration"
        assert attribution.speaker is not None and attribution.speaker.kind == "outlet"
        assert attribution.speaker.name == "The Daily Example"
    assert news.speakers[0].kind == "outlet"


def test_every_content_segment_gets_exactly_one_attribution(news: Document) -> None:
    content = [s for s in news.segments if s.is_content]
    assert [a.segment for a in news.attributions] == content
    assert news.segments[0].kind == "title"


def test_organizations_and_pronouns() -> None:
    text = (
        "The Kremlin said that the talks would resume.\n\n"
        "Anna Petrova, a historian, believes that the archive was moved. "
        "She said it happened in winter.\n"
    )
    document = _doc(text)
    kremlin = _attribution(document, "The Kremlin")
    assert kremlin.frame == "reported"
    assert kremlin.speaker is not None and kremlin.speaker.kind == "organization"
    believes = _attribution(document, "Anna Petrova")
    assert believes.frame == "reported" and believes.speaker is not None
    assert believes.speaker.name == "Anna Petrova"
    pronoun = _attribution(document, "She said")
    assert pronoun.speaker is believes.speaker


def test_quote_over_several_paragraphs() -> None:
    text = (
        "Jonas Berg, the club's coach, spoke after the match.\n\n"
        "“We played with courage and we defended well for ninety minutes.\n\n"
        "“Next week is another story, and we will be ready for it,” Berg said.\n"
    )
    document = _doc(text)
    outer = [q for q in document.quotes if q.content_span.of(text).startswith("We played")]
    assert len(outer) == 1
    quote = outer[0]
    assert "Next week is another story" in quote.content_span.of(text)
    assert quote.speaker is not None and quote.speaker.name == "Jonas Berg"
    first = _attribution(document, "“We played")
    assert first.frame == "quoted" and first.speaker is quote.speaker


def test_name_line_layout() -> None:
    text = (
        "Three views on the new canal\n\n"
        "Editor's Note:\n\n"
        "We asked two engineers what the canal will change.\n\n"
        "Lena Vogt, professor of hydraulics at Example Polytechnic\n\n"
        "The canal shortens the route by a day. I think the locks are too small, "
        "though the design is sound overall.\n\n"
        "Karl Moreau, a retired harbour pilot\n\n"
        "Pilots will need new training. As the minister said, “the money is there.”\n"
    )
    document = _doc(text, outlet=None)
    lines = [s for s in document.segments if s.kind == "speaker_line"]
    assert lines[0].span.of(text).startswith("Lena Vogt")
    assert len(lines) == 2
    note = _attribution(document, "We asked two engineers")
    assert note.frame == "narration" and note.speaker is not None and note.speaker.kind == "outlet"
    assert note.speaker.name == "the outlet"
    think = _attribution(document, "I think the locks")
    assert (
        think.frame == "section" and think.speaker is not None and think.speaker.name == "Lena Vogt"
    )
    assert think.speaker.role == "professor of hydraulics at Example Polytechnic"
    pilots = _attribution(document, "Pilots will need")
    assert pilots.speaker is not None and pilots.speaker.name == "Karl Moreau"
    headings = [s for s in document.segments if s.kind == "heading"]
    assert any(s.span.of(text) == "Editor's Note:" for s in headings)


def test_single_name_line_over_third_person_text_is_not_a_section() -> None:
    text = (
        "Storm closes the ferry line\n\n"
        "Peter Lund, Staff Reporter\n\n"
        "The ferry line closed on Monday after waves damaged the pier in the night.\n"
    )
    document = _doc(text)
    assert not [s for s in document.segments if s.kind == "speaker_line"]
    assert _attribution(document, "The ferry line closed").frame == "narration"


def test_all_reports_lists_several_frames_per_sentence() -> None:
    text = "Ola Nord said the bridge was safe, but Eva Sand argued that it needed repairs.\n"
    document = _doc(text)
    speakers = {r.speaker.name for r in all_reports(document) if r.speaker}
    assert {"Ola Nord", "Eva Sand"} <= speakers


def test_role_aliases() -> None:
    aliases = role_aliases("a second French trade economist and columnist")
    assert {"economist", "columnist", "french economist", "trade economist"} <= aliases
    assert "second economist" not in aliases
    assert "vice-rector" in role_aliases("vice-rector of research") and "rector" in role_aliases(
        "vice-rector of research"
    )


def test_bad_input_is_an_input_error() -> None:
    with pytest.raises(InputError):
        analyze("just a string")  # type: ignore[arg-type]


def test_short_tagged_quotes_make_quoted_sentences() -> None:
    text = "Ola Berg said: “Yes.”\n“No,” Eva Sand replied.\n"
    document = _doc(text)
    frames = [(a.frame, a.speaker.name if a.speaker else None) for a in document.attributions]
    assert frames == [("quoted", "Ola Berg"), ("quoted", "Eva Sand")]
    assert document.attributions[1].content_span is not None
    assert document.attributions[1].content_span.of(text) == "No,"


def test_quote_takes_the_nearest_frame_that_reports_it() -> None:
    text = "Ann Lee said the plan, which critics call “a mess,” would pass.\n"
    document = _doc(text)
    (quote,) = document.quotes
    assert quote.speaker is not None and quote.speaker.name == "critics"
    (attribution,) = document.attributions
    assert attribution.frame == "reported"
    assert attribution.speaker is not None and attribution.speaker.name == "Ann Lee"


def test_noun_cues_with_that_clauses() -> None:
    text = "Lina Holm repeated her warning that the dam could fail. Nobody listened.\n"
    document = _doc(text)
    first, second = document.attributions
    assert first.frame == "reported" and first.speaker is not None
    assert first.speaker.name == "Lina Holm"
    assert first.content_span is not None and "the dam could fail" in first.content_span.of(text)
    assert second.frame == "narration"


def test_names_are_normalised() -> None:
    assert normalise_name(["President", "Jane", "Roe", "'s"]) == "Jane Roe"
    assert normalise_name(["Dr.", "Ali", "Khan"]) == "Ali Khan"
    assert normalise_name(["Roe’s"]) == "Roe"


def test_quotes_report_json_and_table(news: Document) -> None:
    payload = json.loads(quotes_json(news))
    assert len(payload["quotes"]) == len(news.quotes)
    assert len(payload["attributions"]) == len(news.attributions)
    for item in payload["quotes"]:
        start, end = item["content_span"]
        assert news.text[start:end] == item["text"]
    assert payload["speakers"][0]["kind"] == "outlet"
    console = Console(record=True, width=160)
    print_quotes(news, console=console)
    rendered = console.export_text()
    assert "Maria Keller" in rendered and "Quotes" in rendered and "Attributions" in rendered


def test_partial_quote_inside_a_report_keeps_the_report() -> None:
    text = "According to Ines Vale, the council cannot pay, so it is sending “mixed signals.”\n"
    document = _doc(text)
    (attribution,) = document.attributions
    assert attribution.frame == "reported"
    assert attribution.speaker is not None and attribution.speaker.name == "Ines Vale"
    assert attribution.content_span is not None
    assert attribution.content_span.of(text).startswith("the council cannot pay")
    (quote,) = document.quotes
    assert quote.speaker is attribution.speaker and not quote.scare
