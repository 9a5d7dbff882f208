"""Reporting frames added for corpus recall: passives and unnamed sources, questions put to
someone, gerunds after prepositions, "for X to Y" requests, one-word answers, questions in
quotes and speech tags written as their own sentence. Fictional sentences only."""

from __future__ import annotations

from sourcetrace.attribute import all_reports, analyze
from sourcetrace.model import Article, Attribution, Document


def _doc(text: str) -> Document:
    return analyze(Article(text=text, outlet="The Daily Example"))


def _report(document: Document, content: str) -> Attribution:
    found = [
        a
        for a in all_reports(document)
        if a.content_span is not None and a.content_span.of(document.text) == content
    ]
    assert found, [
        a.content_span.of(document.text) for a in all_reports(document) if a.content_span
    ]
    return found[0]


def test_passive_without_agent_is_an_unnamed_report() -> None:
    document = _doc("It was reported that the harbour deal had collapsed.")
    report = _report(document, "that the harbour deal had collapsed")
    assert report.speaker is None
    assert report.cue_span is not None and "reported" in report.cue_span.of(document.text)


def test_raising_passive_reports_subject_and_infinitive() -> None:
    document = _doc("The mayor is expected to resign on Friday.")
    report = _report(document, "The mayor is expected to resign on Friday")
    assert report.speaker is None


def test_passive_with_agent_names_the_agent() -> None:
    document = _doc("Mayor Ann Roe was asked by a local reporter whether she would run again.")
    report = _report(document, "whether she would run again")
    assert report.speaker is not None and "reporter" in report.speaker.name


def test_passive_question_to_addressee_reports_only_the_infinitive() -> None:
    document = _doc("The councillor was asked to explain the delay.")
    _report(document, "to explain the delay")


def test_question_put_to_the_subject_is_an_unnamed_report() -> None:
    document = _doc("Asked if she was worried, the mayor said no.")
    assert _report(document, "if she was worried").speaker is None
    answer = _report(document, "no")
    assert answer.speaker is not None and answer.speaker.name == "mayor"


def test_passive_of_an_ordinary_verb_reports_nothing() -> None:
    document = _doc("The bridge was built in 1990 and was painted last year.")
    assert all_reports(document) == []


def test_gerund_after_preposition_reports_for_the_verbs_subject() -> None:
    document = _doc("Tom Brandt began by saying the budget was approved.")
    report = _report(document, "the budget was approved")
    assert report.speaker is not None and report.speaker.name == "Tom Brandt"


def test_call_for_clause_is_the_content() -> None:
    document = _doc("Maria Keller is calling for the council to delay the vote.")
    report = _report(document, "the council to delay the vote")
    assert report.speaker is not None and report.speaker.name == "Maria Keller"


def test_one_word_answer_is_the_content() -> None:
    document = _doc("Maria Keller said so on Tuesday.")
    _report(document, "so")


def test_quoted_question_after_a_tag_is_reported() -> None:
    document = _doc("Maria Keller asked, “Who will pay for the dredging?”")
    quote = next(q for q in document.quotes if "dredging" in q.content_span.of(document.text))
    assert quote.speaker is not None and quote.speaker.name == "Maria Keller"


def test_question_about_a_view_still_reports_nothing() -> None:
    document = _doc("Why did the council say no to the harbour plan?")
    assert all_reports(document) == []


def test_speech_tag_as_its_own_sentence_gives_the_quote_a_speaker() -> None:
    document = _doc(
        "Maria Keller spoke at the harbour.\n\n"
        "“We will not pay for a dredging plan that nobody has costed.” Keller said."
    )
    quote = next(q for q in document.quotes if "dredging" in q.content_span.of(document.text))
    assert quote.speaker is not None and quote.speaker.name == "Maria Keller"


def test_writer_frames_are_reports_without_a_speaker() -> None:
    document = _doc("I told the editor that the numbers were wrong.")
    report = _report(document, "that the numbers were wrong")
    assert report.speaker is None
    assert report.speaker_span is not None and report.speaker_span.of(document.text) == "I"


def test_agentive_passive_of_a_stance_verb_reports_the_subject() -> None:
    document = _doc("The harbour plan was backed by the fishermen's union.")
    report = _report(document, "The harbour plan")
    assert report.speaker is not None and "union" in report.speaker.name


def test_silent_e_lemma_and_intention_verb_report_the_infinitive() -> None:
    document = _doc("Maria Keller is hoping to win the harbour vote.")
    report = _report(document, "to win the harbour vote")
    assert report.speaker is not None and report.speaker.name == "Maria Keller"


def test_evidence_verb_reports_its_object() -> None:
    document = _doc("A new survey shows Maria Keller leading the race.")
    _report(document, "Maria Keller leading the race")


def test_thanks_report_addressee_and_reason() -> None:
    document = _doc("Maria Keller thanked the voters for their support.")
    _report(document, "the voters for their support")


def test_participle_on_a_group_reports_for_the_group() -> None:
    document = _doc("The firm gave money to a group backing the mayor.")
    report = _report(document, "the mayor")
    assert report.speaker is not None and report.speaker.name == "group"


def test_headline_label_read_as_common_noun_is_a_speaker() -> None:
    document = _doc("Keller: Harbour Plan Will Double Freight.\n\nThe council meets on Friday.")
    report = _report(document, "Harbour Plan Will Double Freight.")
    assert report.speaker is not None and "Keller" in report.speaker.name


def test_capitalised_phrase_inside_a_clause_is_not_a_label() -> None:
    document = _doc("The vote in Harbour Town: a narrow win for the mayor and her plan.")
    assert all_reports(document) == []


def test_a_thing_that_shows_something_reports_nothing() -> None:
    document = _doc("The new harbour map shows two piers and a lighthouse.")
    assert all_reports(document) == []


def test_speech_tag_of_a_quotation_is_left_to_the_quote() -> None:
    document = _doc(
        "“The numbers do not lie,” Maria Keller said. “Nobody has costed the dredging.”"
    )
    assert all_reports(document) == []
    spoken = [q for q in document.quotes if not q.scare]
    assert len(spoken) == 2
    assert all(q.speaker is not None and q.speaker.name == "Maria Keller" for q in spoken)


def test_indirect_report_with_a_partial_quote_stays_a_report() -> None:
    document = _doc("Maria Keller said the harbour plan was “a vanity project” for the mayor.")
    report = _report(document, "the harbour plan was “a vanity project” for the mayor")
    assert report.speaker is not None and report.speaker.name == "Maria Keller"


def test_title_in_quotes_after_a_preposition_is_a_name_not_speech() -> None:
    document = _doc("Maria Keller said the plan was dead, speaking on “Harbour Week Tonight.”")
    title = next(q for q in document.quotes if "Harbour Week" in q.content_span.of(document.text))
    assert title.speaker is None and title.scare


def test_short_quoted_answer_keeps_its_speaker() -> None:
    document = _doc("“Yes,” Maria Keller said. “We Will Build It.”")
    answer = next(q for q in document.quotes if q.content_span.of(document.text) == "Yes,")
    assert answer.speaker is not None and answer.speaker.name == "Maria Keller"


def test_audience_of_a_talk_is_not_its_content() -> None:
    document = _doc("Maria Keller spoke to the fishermen for an hour on Tuesday.")
    assert all_reports(document) == []
    document = _doc("Maria Keller spoke about the dredging costs.")
    _report(document, "the dredging costs")


def test_quote_only_verb_introduces_a_quotation_after_it() -> None:
    document = _doc("Maria Keller spoke first. She continued, “We will finish the harbour by May.”")
    quote = next(q for q in document.quotes if "harbour" in q.content_span.of(document.text))
    assert quote.speaker is not None and quote.speaker.name == "Maria Keller"
    assert all_reports(_doc("The town continued to grow.")) == []


def test_impression_is_an_unnamed_report() -> None:
    document = _doc("The council appeared divided. Voters seem to be moving behind the mayor.")
    assert _report(document, "The council appeared divided").speaker is None
    assert _report(document, "Voters seem to be moving behind the mayor").speaker is None
    assert all_reports(_doc("Maria Keller appeared on the radio on Friday.")) == []


def test_make_with_a_noun_of_saying_reports_for_the_subject() -> None:
    document = _doc(
        "Maria Keller made the case that the harbour needs dredging. "
        "Tom Brandt made no mention of the budget. "
        "The fishermen made clear that they oppose the plan."
    )
    for content, speaker in [
        ("that the harbour needs dredging", "Maria Keller"),
        ("the budget", "Tom Brandt"),
        ("that they oppose the plan", "fishermen"),
    ]:
        report = _report(document, content)
        assert report.speaker is not None and report.speaker.name == speaker
    assert all_reports(_doc("Maria Keller made a cake for the fishermen.")) == []


def test_noun_of_saying_after_make_is_reported_once() -> None:
    document = _doc("Maria Keller spoke. She made her claim that the port was losing money.")
    contents = [a.content_span.of(document.text) for a in all_reports(document) if a.content_span]
    assert contents.count("that the port was losing money") == 1, contents


def test_possessive_pronoun_resolves_to_the_last_person() -> None:
    document = _doc("Maria Keller spoke. She made her claim that the port was losing money.")
    report = _report(document, "that the port was losing money")
    assert report.speaker is not None and report.speaker.name == "Maria Keller"


def test_more_communication_and_evaluation_verbs_report() -> None:
    document = _doc(
        "Maria Keller reminded voters that the port lost money. "
        "Tom Brandt apologized for the delay. "
        "The union lambasted the harbour plan."
    )
    for content in ["that the port lost money", "the delay", "the harbour plan"]:
        assert _report(document, content).speaker is not None


def test_the_latest_is_a_label_not_a_speaker() -> None:
    document = _doc("The Latest: Maria Keller tells voters she will win.")
    report = _report(document, "she will win")
    assert report.speaker is not None and report.speaker.name == "Maria Keller"


def test_noun_of_saying_without_a_holder_is_an_unnamed_report() -> None:
    document = _doc("The vote came amid claims that the harbour deal was rigged.")
    assert _report(document, "that the harbour deal was rigged").speaker is None
    assert all_reports(_doc("The claim form is on the council website.")) == []


def test_coordinated_clauses_stay_in_the_report() -> None:
    document = _doc(
        "Maria Keller said that the port had lost money and that the dredging could wait. "
        "Tom Brandt said the plan was acting as a brake and showing the limits of the budget."
    )
    _report(document, "that the port had lost money and that the dredging could wait")
    _report(document, "the plan was acting as a brake and showing the limits of the budget")


def test_a_coordinated_verb_of_saying_starts_its_own_report() -> None:
    document = _doc("Maria Keller said the port lost money and warned that jobs would go.")
    _report(document, "the port lost money")
    _report(document, "that jobs would go")


def test_report_opening_before_its_quotation_keeps_its_own_words() -> None:
    document = _doc("Maria Keller said that “the port is losing money every week.”")
    contents = [a.content_span.of(document.text) for a in all_reports(document) if a.content_span]
    assert any(c.startswith("that “the port") for c in contents), contents


def test_any_verb_before_a_colon_and_a_quote_introduces_it() -> None:
    document = _doc("Maria Keller stood up and boomed: “We will build the harbour this year.”")
    quote = next(q for q in document.quotes if "harbour" in q.content_span.of(document.text))
    assert quote.speaker is not None and quote.speaker.name == "Maria Keller"


def test_stance_noun_reports_its_object_without_the_preposition() -> None:
    document = _doc("Maria Keller repeated her support for the harbour plan.")
    report = _report(document, "the harbour plan")
    assert report.speaker is not None and report.speaker.name == "Maria Keller"


def test_stance_noun_without_a_holder_is_an_unnamed_report() -> None:
    document = _doc("The vote came amid growing calls for a new harbour.")
    assert _report(document, "a new harbour").speaker is None


def test_that_clause_hung_on_the_setting_belongs_to_the_verb_of_saying() -> None:
    document = _doc("Tom Brandt says in a statement that the harbour will open in May.")
    report = _report(document, "that the harbour will open in May")
    assert report.speaker is not None and report.speaker.name == "Tom Brandt"
    assert len(all_reports(document)) == 1


def test_claims_around_a_speech_are_not_the_speakers() -> None:
    document = _doc("Maria Keller spoke at a rally amid claims that the vote was rigged.")
    assert _report(document, "that the vote was rigged").speaker is None
