"""A text checked against itself, or against a copy that only changes its typography or
layout, raises nothing major (eval --variants: the identity control and parse-sensitivity).

Every text here is a fictional article written for these tests.
"""

from __future__ import annotations

import numpy as np

from sourcetrace.align import best_match
from sourcetrace.ingest import from_text
from sourcetrace.model import Report, Severity
from sourcetrace.pipeline import check


def audit(source: str, derived: str) -> Report:
    return check(from_text(source), from_text(derived))


def major(report: Report) -> list[str]:
    return [
        f"{f.kind}: {f.derived_span.of(report.derived.article) if f.derived_span else ''}"
        for f in report.at_least(Severity.major)
    ]


# --- alignment: the same sentence twice ------------------------------------------------------


def test_best_match_breaks_ties_by_expected_position() -> None:
    scores = np.array([0.2, 1.0, 0.3, 1.0, 0.1])
    assert best_match(scores, expected=3.0) == 3
    assert best_match(scores, expected=0.0) == 1
    assert best_match(np.array([0.2, 0.9, 0.95]), expected=1.0) == 2  # no tie: the best


def test_a_repeated_sentence_aligns_to_its_own_copy() -> None:
    text = (
        "Dunmore opens its harbor bridge\n\n"
        "The bridge will open in May. Mayor Ada Rook cut a ribbon on the old quay on Monday.\n\n"
        "Councillor Ben Ivers, who opposed the project, said traffic would suffer for years. "
        "The bridge will open in May. He added that the budget had doubled since 2019."
    )
    report = audit(text, text)
    for alignment in report.alignments:
        assert alignment.source and alignment.source[0] == alignment.derived
    assert major(report) == []


# --- quotes: the same words quoted twice ------------------------------------------------------


def test_a_quote_repeated_in_the_body_is_matched_where_its_sentence_is() -> None:
    text = (
        "Ferry plan is “a costly mistake,” Rook says\n\n"
        "Mayor Ada Rook on Monday said in a speech at the harbor that the ferry plan was “a "
        "costly mistake” that the town could not afford.\n\n"
        "Councillor Ben Ivers answered on Tuesday that Rook’s own bridge, which is two years "
        "late, was “a costly mistake” as well."
    )
    report = audit(text, text)
    assert [f for f in report.findings if f.kind == "misattribution"] == []
    assert major(report) == []


def test_a_quote_inside_a_report_keeps_its_own_speaker() -> None:
    text = (
        "According to pool reports, Mayor Ada Rook said “there is hope” in Dunmore after the "
        "storm, which she called “a cruel night.” Crews cleared the quay on Sunday."
    )
    report = audit(text, text)
    assert [f for f in report.findings if f.kind == "misattribution"] == []


def test_a_quote_given_to_another_speaker_is_still_found() -> None:
    source = "Mayor Ada Rook said the ferry plan was “a costly mistake for the town.”"
    derived = "Councillor Ben Ivers said the ferry plan was “a costly mistake for the town.”"
    report = audit(source, derived)
    assert any(f.kind == "misattribution" for f in report.at_least(Severity.major))


# --- headlines ------------------------------------------------------------------------------


STANDFIRST = (
    "Rook and Ivers clash over the harbor in a heated debate\n\n"
    "The debate in Dunmore on Thursday opened with a clash when Ada Rook and Ben Ivers were "
    "asked about the personal attacks each has traded during the campaign.\n\n"
    "Rook said she would talk about the harbor. Her promise not to trade personal attacks "
    "during the debate did not last long, however."
)


def test_a_standfirst_the_source_asserts_is_no_headline_flip() -> None:
    report = audit(STANDFIRST, STANDFIRST)
    assert [f for f in report.findings if f.kind == "polarity_flip"] == []


def test_a_headline_asserting_what_the_source_denies_is_still_a_flip() -> None:
    source = (
        "Dunmore council meets\n\n"
        "The council met on Monday. The council did not approve the harbor budget, the mayor "
        "said after the vote."
    )
    derived = "Council approves the harbor budget\n\nThe council met on Monday."
    report = audit(source, derived)
    assert any(f.kind == "polarity_flip" for f in report.at_least(Severity.major))


# --- typewriter quotation marks ('') --------------------------------------------------------

TYPEWRITER_STORY = (
    "Dunmore harbor deal draws praise\n\n"
    "Officials in Dunmore were pleased on Monday. ''Now they are saying that the harbor deal "
    "is the best one we ever signed,'' Mayor Ada Rook told a news briefing. She said it was "
    "''one of the best opportunities'' for the town. ''We agree with her.'' Then the briefing "
    "ended."
)


def test_typewriter_quotes_are_one_mark_for_the_parser() -> None:
    from sourcetrace.attribute import analysis_text
    from sourcetrace.pipeline import analyze_article

    folded = analysis_text(TYPEWRITER_STORY)
    assert len(folded) == len(TYPEWRITER_STORY)
    assert ' "Now they' in folded and 'signed," ' in folded
    document = analyze_article(from_text(TYPEWRITER_STORY))
    for seg in document.segments:
        words = seg.span.of(document.article)
        # No sentence holds half of a typewriter mark at either end.
        assert not (words.startswith("'") and not words.startswith("''"))
        assert not (words.endswith("'") and not words.endswith("''"))
    speakers = {q.content_span.of(document.article)[:8]: q.speaker for q in document.quotes}
    rook = speakers["Now they"]
    assert rook is not None and "Rook" in rook.name


def test_typewriter_quotes_restyled_by_the_variants() -> None:
    import random

    from sourcetrace.eval import variants as v

    curly = v.quotes_curly(TYPEWRITER_STORY, random.Random(1))
    assert "“Now they are" in curly and "signed,” Mayor" in curly and "''" not in curly
    guillemets = v.quotes_guillemets(TYPEWRITER_STORY, random.Random(1))
    assert "«one of the best opportunities»" in guillemets
    for seed in range(5):
        split = v.paragraphs_split(TYPEWRITER_STORY, random.Random(seed))
        assert "''We agree with her.''" in split  # never split inside a quotation
        assert "''Now they are saying that the harbor deal is" in split


def test_typewriter_quotes_against_curly_copy_raise_nothing() -> None:
    import random

    from sourcetrace.eval import variants as v

    copy = v.quotes_curly(TYPEWRITER_STORY, random.Random(1))
    assert major(audit(TYPEWRITER_STORY, copy)) == []
    assert major(audit(copy, TYPEWRITER_STORY)) == []


# --- a Key: value header block -----------------------------------------------------------------

HEADLINED = (
    "Rook Just Answered Ivers Biggest Attack With One Line\n\n"
    "The debate in Dunmore on Thursday opened with a clash when Ada Rook and Ben Ivers were "
    "asked about the attacks each has traded during the campaign.\n\n"
    "Ivers responded that Rook had been mocking him for the entire campaign. Rook responded "
    "by saying he should not have called Ivers a lightweight.\n\n"
    "“He referred to my boats,” Rook said. “I guarantee you, there’s no problem.”"
)


def test_a_header_block_is_blank_for_the_parser() -> None:
    from sourcetrace.attribute import analysis_text

    block = "Title: Rook Says Yes\nURL: https://news.example.org/a\nAuthor: Jane Roe\n\n"
    folded = analysis_text(block + "Rook said yes.")
    assert len(folded) == len(block) + len("Rook said yes.")
    assert folded.endswith("Rook said yes.") and not folded[: len(block)].strip()
    assert folded.count("\n") == block.count("\n")


def test_a_header_block_changes_no_speaker() -> None:
    import random

    from sourcetrace.eval import variants as v

    copy = v.header(HEADLINED, random.Random(2))
    assert copy.startswith("Title: Rook Just Answered")
    report = audit(HEADLINED, copy)
    assert [f for f in report.findings if f.kind == "misattribution"] == []
    assert major(report) == []


# --- speakers: a title-case headline is not a name ---------------------------------------------


def test_a_title_case_headline_is_no_personal_name() -> None:
    from spacy.tokens import Span as TokenSpan

    from sourcetrace.attribute.speakers import SpeakerRegistry, plausible_name
    from sourcetrace.nlp import load_spacy

    nlp = load_spacy()
    doc = nlp("Leonardo da Vinci met Osama bin Laden and Jane Roe in Dunmore.")
    assert all(plausible_name(e) for e in doc.ents if e.label_ == "PERSON")
    headline = nlp("Rook Just Responded To Ivers’s Biggest Attack Yet With One Line")
    # As the tagger reads it in some contexts: the headline's start as one entity.
    headline.ents = [TokenSpan(headline, 0, 8, label="WORK_OF_ART")]
    assert not plausible_name(headline.ents[0])
    registry = SpeakerRegistry(headline)
    speaker, where = registry.resolve(headline[0])
    assert speaker is not None and speaker.name == "Rook"
    assert where.end - where.start == len("Rook")


def test_variant_generator_leaves_heights_and_speech_tags_alone() -> None:
    import random

    from sourcetrace.eval import variants as v

    straight = '"Say, \'Well done,\' " said Rook. "Yes."'
    assert v.quotes_curly(straight, random.Random(1)) == "“Say, ‘Well done,’ ” said Rook. “Yes.”"
    text = "“He is like 6’2”,” Rook said. “We won the vote!” Ivers said. Then 3 aides left."
    assert "6’2”" in v.number_words(text, random.Random(1))
    assert "three aides" in v.number_words(text, random.Random(1))
    for seed in range(8):
        split = v.paragraphs_split(text, random.Random(seed))
        assert "” Ivers said" in split and "” Rook said" in split


def test_a_quotation_with_a_long_speech_tag_is_not_unmarked() -> None:
    typewriter = (
        "''The race for the harbor seat is in the home stretch, and victory is in sight,'' "
        "Mayor Ada Rook added on Tuesday, reflecting the large and growing lead she has held "
        "over her rival in every poll taken in Dunmore since the spring."
    )
    curly = typewriter.replace("''The", "“The").replace("sight,''", "sight,”")
    for source, derived in ((typewriter, curly), (curly, typewriter), (typewriter, typewriter)):
        report = audit(source, derived)
        assert [f for f in report.findings if f.kind == "quote_unmarked"] == []
    unquoted = "The race for the harbor seat is in the home stretch, and victory is in sight."
    assert any(f.kind == "quote_unmarked" for f in audit(curly, unquoted).findings)


# --- one country, several names, inside a quotation ----------------------------------------


def test_a_quoted_country_under_another_name_is_the_same_quotation() -> None:
    source = "“We live in America, and we vote in America,” Mayor Ada Rook told reporters."
    for name in ("the United States", "the US", "the U.S."):
        derived = source.replace("America", name)
        report = audit(source, derived)
        assert major(report) == [], name
        assert [q.verdict for q in report.quotes] == ["verbatim"], name
    changed = audit(source, source.replace("America,", "France,", 1))
    assert [q.verdict for q in changed.quotes] == ["altered"]


def test_a_name_with_a_persons_role_is_a_person_whatever_its_label() -> None:
    from spacy.tokens import Span as TokenSpan

    from sourcetrace.attribute.speakers import SpeakerRegistry
    from sourcetrace.nlp import load_spacy

    doc = load_spacy()("Ivo Marsh, a professor of economics in Dunmore, said the plan works.")
    doc.ents = [TokenSpan(doc, 0, 2, label="ORG")]  # as the tagger reads it in some contexts
    head = doc[1]
    assert head.text == "Marsh" and any(c.dep_ == "appos" for c in head.children)
    speaker, _ = SpeakerRegistry(doc).resolve(head)
    assert speaker is not None and speaker.kind == "person" and speaker.name == "Ivo Marsh"


def test_a_possessive_pronoun_names_a_speaker_as_the_source_does() -> None:
    from sourcetrace.model import Span
    from sourcetrace.pipeline import analyze_article
    from sourcetrace.verify.misattribution import _pronoun

    document = analyze_article(from_text("Ivers won support from his stance on the harbor."))
    start = document.text.index("his")
    assert _pronoun(document, Span(start, start + 3)) == "his"


# --- the same words, parsed differently ------------------------------------------------------


def test_sentences_with_the_same_words_align_whatever_their_parse() -> None:
    from sourcetrace.align import align, same_words, word_key
    from sourcetrace.pipeline import analyze_article

    assert word_key("“We won,” Rook said — again…") == word_key("''We won,'' Rook said -- again...")
    source = analyze_article(
        from_text("Rook met the leaders.\n\nThe leaders announced they would call the vote.")
    )
    derived = analyze_article(
        from_text("Rook met the leaders. The leaders announced they would call the vote.")
    )
    from sourcetrace.align import _units

    pairs = same_words(source, derived, _units(source), _units(derived))
    assert (1, 1) in pairs and (0, 0) in pairs
    for alignment in align(source, derived):
        assert alignment.score == 1.0


def test_a_quotation_carried_over_to_another_speaker_is_still_misattributed() -> None:
    source = "Ada Rook said the vote was close.\n\n“We will build the new pier before the winter.”"
    derived = source.replace("Ada Rook", "Ben Ivers")
    report = audit(source, derived)
    assert any(f.kind == "misattribution" for f in report.at_least(Severity.major))


def test_an_unresolved_relative_pronoun_is_nobody_to_compare_with() -> None:
    from sourcetrace.model import Speaker
    from sourcetrace.verify.misattribution import unresolved_pronoun

    assert unresolved_pronoun(Speaker(name="who", kind="unknown"))
    assert not unresolved_pronoun(Speaker(name="Ada Rook", kind="person"))
    source = (
        "Mayor Ada Rook tells voters who wonder why she cannot match her rival's fury that she "
        "“was not brought up that way.” She struggles with bragging."
    )
    derived = "Mayor Ada Rook said she “was not brought up that way.” She struggles with bragging."
    report = audit(source, derived)
    assert [f for f in report.at_least(Severity.major) if f.kind == "misattribution"] == []


def test_only_a_bare_speech_tag_after_a_quotation_gives_it_a_speaker() -> None:
    from sourcetrace.pipeline import analyze_article

    text = (
        "Golf clubs are barely profitable, Ivo Marsh said from his office in Dunmore. “Golf is "
        "a thin business for an investor. You need a sharp pencil to get there.” A developer "
        "known to be bullish on golf is Ada Rook, who in 2012 added to her portfolio of "
        "courses by buying two more in Kessel.\n\n"
        "“We will buy more courses in the north.” Rook said at a rally in the old harbor hall "
        "on Sunday night."
    )
    document = analyze_article(from_text(text))
    speakers = {q.content_span.of(document.article)[:7]: q.speaker for q in document.quotes}
    golf = speakers["Golf is"]
    assert golf is None or "Rook" not in golf.name
    buy = speakers["We will"]
    assert buy is not None and "Rook" in buy.name
