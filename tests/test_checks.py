"""One behaviour test per check, on short fictional pairs written for these tests."""

from __future__ import annotations

import pytest

from sourcetrace.ingest import from_text
from sourcetrace.model import Report, Severity
from sourcetrace.pipeline import check


def audit(source: str, derived: str, published: str | None = None) -> Report:
    from datetime import date

    when = date.fromisoformat(published) if published else None
    return check(from_text(source, published=when), from_text(derived, published=when))


def kinds(report: Report) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for f in report.findings:
        text = f.derived_span.of(report.derived.article) if f.derived_span else ""
        found.setdefault(f.kind, []).append(text)
    return found


def test_fabricated_quote_is_critical_for_a_named_person() -> None:
    report = audit(
        "The harbour master, Ada Lind, spoke on Monday. "
        '"The new pier is safe for ferries," Lind said.',
        "The harbour master, Ada Lind, spoke on Monday. "
        '"We will close the old lighthouse next spring," Lind said.',
    )
    fabricated = [f for f in report.findings if f.kind == "quote_fabricated"]
    assert fabricated and fabricated[0].severity is Severity.critical
    assert fabricated[0].speaker and "Lind" in fabricated[0].speaker
    assert "lighthouse" in fabricated[0].derived_span.of(report.derived.article)
    # No quoted word is in the source: there is no source passage to point at.
    assert fabricated[0].source_span is None
    assert "appear nowhere" in fabricated[0].reason


def test_altered_quote_has_word_diff_and_minor_severity() -> None:
    report = audit(
        '"The bridge repairs will really take most of the summer," said engineer Tomas Berg.',
        '"The bridge repairs will take most of the summer," said engineer Tomas Berg.',
    )
    altered = [f for f in report.findings if f.kind == "quote_altered"]
    assert altered and altered[0].severity is Severity.minor
    assert altered[0].diff and any(op == "delete" and "really" in s for op, s, _ in altered[0].diff)


def test_denied_claim_asserted_is_polarity_flip() -> None:
    report = audit(
        'Professor Nina Holt spoke to reporters. "It would be an exaggeration to say that the '
        "new dam threatens the valley's drinking water,\" Holt said.",
        "Professor Nina Holt spoke to reporters. \"The new dam threatens the valley's drinking "
        'water," Holt said.',
    )
    flips = [f for f in report.findings if f.kind == "polarity_flip"]
    assert flips and flips[0].severity is Severity.critical


def test_condition_removed_is_hedge_dropped() -> None:
    report = audit(
        "The union said its members are ready to strike at the bottling plant if the talks fail.",
        "The union said its members will strike at the bottling plant.",
    )
    assert "hedge_dropped" in kinds(report)
    dropped = [f for f in report.findings if f.kind == "hedge_dropped"]
    assert all(f.severity is Severity.major for f in dropped)


def test_both_and_becoming_or_is_scope_changed() -> None:
    report = audit(
        "The airline cannot serve both Oslo and Bergen from the small airport, the director said.",
        "The airline cannot serve Oslo or Bergen from the small airport, the director said.",
    )
    scope = [f for f in report.findings if f.kind == "scope_changed"]
    assert scope and "Oslo or Bergen" in scope[0].derived_span.of(report.derived.article)


def test_changed_amount_is_number_changed() -> None:
    report = audit(
        "The council approved a budget of 12 million euros for the new library on the river bank.",
        "The council approved a budget of 21 million euros for the new library on the river bank.",
    )
    numbers = [f for f in report.findings if f.kind == "number_changed"]
    assert numbers and numbers[0].derived_span.of(report.derived.article) == "21"
    assert numbers[0].source_span and numbers[0].source_span.of(report.source.article) == "12"


def test_weekday_resolved_against_publication_date() -> None:
    report = audit(
        "The two ministers signed the fishing accord on Monday in the capital.",
        "The two ministers signed the fishing accord on March 4 in the capital.",
        published="2026-03-04",  # a Wednesday: Monday was March 2
    )
    dates = [f for f in report.findings if f.kind == "number_changed"]
    assert dates and "2026-03-02" in dates[0].reason


def test_stronger_request_verb_is_predicate_changed() -> None:
    report = audit(
        "The mayor suggested that the festival move to the northern park this year.",
        "The mayor demanded that the festival move to the northern park this year.",
    )
    changed = [f for f in report.findings if f.kind == "predicate_changed"]
    assert changed and changed[0].severity is Severity.major  # two levels: suggest -> demand


def test_neighbouring_verbs_of_a_scale_are_a_minor_change() -> None:
    report = audit(
        "The school board approved a new timetable for the autumn term on Monday.",
        "The school board agreed to a new timetable for the autumn term on Monday.",
    )
    changed = [f for f in report.findings if f.kind == "predicate_changed"]
    assert changed and changed[0].severity is Severity.minor


def test_swapped_speaker_is_misattribution() -> None:
    source = (
        'Council member Ruth Adler opposed the tower. "The tower will block the light of the old '
        'square," Adler said. Developer Sam Okoye defended it. "The tower brings four hundred '
        'homes to the district," Okoye said.'
    )
    derived = (
        'Council member Ruth Adler opposed the tower. "The tower will block the light of the old '
        'square," Okoye said.'
    )
    report = audit(source, derived)
    wrong = [f for f in report.findings if f.kind == "misattribution"]
    assert wrong and wrong[0].severity is Severity.critical
    assert wrong[0].speaker and "Adler" in wrong[0].speaker


def test_sentence_without_source_is_unsupported_addition() -> None:
    report = audit(
        "The museum reopened its east wing after two years of repairs. Visitors queued at dawn.",
        "The museum reopened its east wing after two years of repairs. The roof was paid for "
        "by a secret donor from abroad who owns three shipyards.",
    )
    added = [f for f in report.findings if f.kind == "unsupported_addition"]
    assert any("secret donor" in f.derived_span.of(report.derived.article) for f in added)


def test_faithful_copy_has_no_major_findings() -> None:
    text = (
        'The regional court ruled on Thursday that the quarry may stay open. "We respect the '
        "decision,\" said Mara Quist, who leads the residents' group."
    )
    report = audit(text, text)
    assert not report.at_least(Severity.major)


def test_speaker_left_out_is_omission() -> None:
    source = (
        'The zoo opened a new elephant house. Keeper Jon Ek was pleased. "The elephants have '
        'more room now. They can bathe every day. The calves play in the sand," Ek said.'
    )
    derived = "The zoo opened a new elephant house."
    report = audit(source, derived)
    omitted = [f for f in report.findings if f.kind == "omission"]
    assert omitted and omitted[0].derived_span is None and omitted[0].source_span is not None


@pytest.mark.parametrize("kind", ["quote_unmarked", "entity_changed", "hedge_added"])
def test_demo_pair_shows_kind(kind: str, demo_report: Report) -> None:
    assert kind in kinds(demo_report)


def test_swapped_organisation_is_entity_changed() -> None:
    report = audit(
        "The Harbour Trust will meet on Monday to discuss the ferry timetable. "
        "The Coastal Rail Company runs the trains.",
        "The Coastal Rail Company will meet on Monday to discuss the ferry timetable.",
    )
    changed = [f for f in report.findings if f.kind == "entity_changed"]
    assert changed and "Coastal Rail Company" in changed[0].derived_span.of(report.derived.article)


def test_capital_for_country_is_not_a_swap() -> None:
    report = audit(
        "Officials in Norway said the fishing quota would stay the same next year.",
        "Officials in Oslo said the fishing quota would stay the same next year.",
    )
    assert not [f for f in report.findings if f.kind == "entity_changed"]


def test_sentence_left_out_of_a_near_complete_rewrite_is_omission() -> None:
    sentences = [
        "The county opened a new clinic in Arden on Friday.",
        "The clinic has twelve beds and a small laboratory.",
        "Nurses from the old hospital will staff it.",
        "The clinic may close in winter if heating costs keep rising.",
        "Patients can book visits by telephone.",
    ]
    report = audit(" ".join(sentences), " ".join(sentences[:3] + sentences[4:]))
    omitted = [f for f in report.findings if f.kind == "omission"]
    assert any(
        f.source_span and "heating costs" in f.source_span.of(report.source.article)
        for f in omitted
    )


def test_changed_date_is_not_also_reported_as_an_addition() -> None:
    report = audit(
        "The city council met on Tuesday and approved the new library budget.",
        "The city council met on Wednesday and approved the new library budget.",
        published="2026-03-11",
    )
    found = kinds(report)
    assert "Wednesday" in found.get("number_changed", [])
    assert "Wednesday" not in found.get("unsupported_addition", [])


def test_changed_year_is_number_changed() -> None:
    report = audit(
        "The dispute began in 2009, when the mill closed its northern gate.",
        "The dispute began in 2008, when the mill closed its northern gate.",
    )
    changed = [f for f in report.findings if f.kind == "number_changed"]
    assert [f.derived_span.of(report.derived.article) for f in changed] == ["2008"]
    assert changed[0].source_span.of(report.source.article) == "2009"


def test_changed_weekday_without_publication_date_is_number_changed() -> None:
    report = audit(
        "The growers association said on Sunday that the harvest would start early.",
        "The growers association said on Saturday that the harvest would start early.",
    )
    assert "Saturday" in kinds(report).get("number_changed", [])


def test_year_borrowed_from_another_sentence_is_a_change() -> None:
    report = audit(
        "The council elected a new mayor in 1998. "
        "The mill closed its northern gate in 2009 after a flood.",
        "The mill closed its northern gate in 1998 after a flood.",
    )
    assert kinds(report).get("number_changed") == ["1998"]


def test_time_merged_in_beside_the_kept_one_is_not_a_change() -> None:
    report = audit(
        "The harbour council met on Tuesday to discuss the ferry timetable. "
        "The council will vote on the new ferry timetable on Friday.",
        "The council, which met on Tuesday, will vote on the new ferry timetable on Friday.",
    )
    assert "number_changed" not in kinds(report)


def test_partitive_all_becoming_some_is_scope_changed() -> None:
    report = audit(
        "The growers association said that all of the farm workers support the new contract.",
        "The growers association said that some of the farm workers support the new contract.",
    )
    scope = [f for f in report.findings if f.kind == "scope_changed"]
    assert scope and scope[0].derived_span.of(report.derived.article) == "some"
    assert scope[0].source_span.of(report.source.article) == "all"


@pytest.mark.parametrize(
    ("source", "derived", "hedge"),
    [
        # a degree hedge is kept only by a hedge on the same word, not one later in the sentence
        (
            "Anders largely agreed with the mayor and thought the plan was somewhat rushed.",
            "Anders agreed with the mayor and thought the plan was somewhat rushed.",
            "largely",
        ),
        # the source's own modal does not stand in for its condition
        (
            "The engineer said the new dam could protect the old town if the funding holds.",
            "The engineer said the new dam could protect the old town.",
            "if",
        ),
        # a hedged clause of one content word
        (
            "The senator will probably use the hearing to make some kind of news, an aide said.",
            "The senator will probably use the hearing to make news, an aide said.",
            "some kind of",
        ),
    ],
)
def test_source_hedge_dropped(source: str, derived: str, hedge: str) -> None:
    report = audit(source, derived)
    dropped = [f for f in report.findings if f.kind == "hedge_dropped"]
    assert [f.source_span.of(report.source.article) for f in dropped] == [hedge]


def test_swap_to_a_name_the_recogniser_left_unlabelled() -> None:
    report = audit(
        "The West Calder Wildlife Trust opposed the plan. "
        "The Lenwick Flood Agency will meet in 2032 to discuss the flood wall.",
        "The West Calder Wildlife Trust opposed the plan. "
        "The West Calder Wildlife Trust will meet in 2032 to discuss the flood wall.",
    )
    swaps = [f for f in report.findings if f.kind == "entity_changed"]
    assert swaps and "Lenwick Flood Agency" in swaps[0].source_span.of(report.source.article)
    assert swaps[0].derived_span.start > 50


def test_partitive_count_changed_is_number_changed() -> None:
    report = audit(
        "Fowler said that at one of his first party meetings he backed the nominee.",
        "Fowler said that at two of his first party meetings he backed the nominee.",
    )
    assert kinds(report).get("number_changed") == ["two"]


def test_both_before_a_subject_coordination_is_scope_changed() -> None:
    report = audit(
        "The health economist said that both Marrowdale and Kestrel Bay want the new clinic.",
        "The health economist said that Marrowdale or Kestrel Bay want the new clinic.",
    )
    assert "scope_changed" in kinds(report)


def test_organisation_in_the_speakers_description_swapped() -> None:
    report = audit(
        "Nadia Kaczmar, chief engineer at the Port Sellery Water Board, said the dam is safe.",
        "Nadia Kaczmar, chief engineer at the Upper Fenland Hydrology Institute, said the dam "
        "is safe.",
    )
    swaps = [f for f in report.findings if f.kind == "entity_changed"]
    assert swaps and "Port Sellery Water Board" in swaps[0].source_span.of(report.source.article)
    assert "misattribution" not in kinds(report)


def test_one_word_of_a_longer_name_does_not_name_it() -> None:
    report = audit(
        "The school merger affects pupils in Lenwick and Bexmoor, and officials in Upper Fenland "
        "have not commented.",
        "The school merger affects pupils in Lenwick and the Upper Fenland Teachers Union, and "
        "officials in Upper Fenland have not commented.",
    )
    swaps = [f for f in report.findings if f.kind == "entity_changed"]
    assert swaps and swaps[0].source_span.of(report.source.article) == "Bexmoor"


def test_some_becoming_all_as_a_holder_is_scope_not_misattribution() -> None:
    report = audit(
        "The mayor's comments have drawn scrutiny from some who saw them as a dig at the army.",
        "The mayor's comments have drawn scrutiny from all who saw them as a dig at the army.",
    )
    found = kinds(report)
    assert found.get("scope_changed") == ["all"]
    assert "misattribution" not in found


def test_same_words_read_as_a_name_on_one_side_are_not_a_quote_change() -> None:
    report = audit(
        'The singer performed "American Skin" for the crowd, a spokesman said. '
        '"The American spirit is alive," she told them.',
        'The singer performed "American Skin" for the crowd, a spokesman said. '
        '"The American spirit is alive," she told them.',
    )
    assert "quote_altered" not in kinds(report)


def test_same_weekday_in_a_copy_published_later_is_not_a_change() -> None:
    from datetime import date

    source = from_text(
        "The museum said on Saturday that the theatre will reopen in spring.",
        published=date(2032, 6, 25),
    )
    derived = from_text(
        "The museum said on Saturday that the theatre will reopen in spring.",
        published=date(2032, 6, 28),
    )
    assert not [f for f in check(source, derived).findings if f.kind == "number_changed"]


def test_degree_hedge_with_no_verb_above_it_ends() -> None:
    # A verbless sentence: the walk up from the hedge to its clause verb reaches the root.
    report = audit(
        "Largely a success, the festival. The council met on Monday.",
        "A success, the festival. The council met on Monday.",
    )
    assert report.alignments


def test_modal_hedge_kept_on_a_second_occurrence_of_its_verb() -> None:
    # The hedged verb occurs twice in the rendering; the occurrence that carries the modal
    # keeps the hedge (an identical copy must never lose its "may").
    text = (
        "The ferry company raised fares in spring. "
        "The ferry company raised fares once and may raise them again in the autumn."
    )
    report = audit(text, text)
    assert "hedge_dropped" not in kinds(report)
    dropped = audit(
        "The ferry company may raise fares in the autumn.",
        "The ferry company raised fares once and will raise them again in the autumn.",
    )
    assert "hedge_dropped" in kinds(dropped)


def test_same_hedge_word_on_the_same_words_is_kept_whatever_the_parse() -> None:
    # A moved paragraph break can change how the parser hangs "unlikely" or "if"; the same
    # hedge word followed by the same words is the same hedge.
    from sourcetrace.lexical import Cue
    from sourcetrace.model import Span
    from sourcetrace.nlp import load_spacy
    from sourcetrace.verify.hedges import _same_words_follow

    nlp = load_spacy()
    source = nlp("The vote is unlikely to settle the race.")
    cue = Cue("modal", "unlikely", Span(12, 20), source[3])
    assert _same_words_follow(cue, list(nlp("Polls: the vote is unlikely to settle the race.")))
    assert not _same_words_follow(cue, list(nlp("The vote will settle the race.")))
    assert not _same_words_follow(cue, list(nlp("A deal is unlikely, but the vote may settle it.")))
