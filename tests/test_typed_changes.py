"""Typed changes on fictional sentences: what differs between two aligned clauses decides the
kind (measure, period, figure, dropped alternative, headline, sourcing, actor, fragment quote),
and the faithful version of each sentence raises nothing major."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from sourcetrace.model import Article, Finding, Report, Severity
from sourcetrace.pipeline import check

PUBLISHED = date(2031, 2, 5)


def audit(source: str, derived: str) -> Report:
    return check(Article(source, published=PUBLISHED), Article(derived, published=PUBLISHED))


def found(report: Report, kind: str) -> list[Finding]:
    return [f for f in report.findings if f.kind == kind]


def at(report: Report, finding: Finding) -> str:
    assert finding.derived_span is not None
    return finding.derived_span.of(report.derived.article)


def major(report: Report) -> list[Finding]:
    return report.at_least(Severity.major)


FIGURES = (
    "Harrowgate Digital Works reported its results on Tuesday. Sales rose to $415 million in "
    "the fourth quarter, the company said. It posted a loss of $58 million in the same quarter "
    "a year earlier. Adjusted operating income was $96 million."
)


def test_same_figure_other_measure_is_predicate_changed() -> None:
    derived = FIGURES.replace("Sales rose", "Profit rose").replace(
        "Adjusted operating", "Operating"
    )
    report = audit(FIGURES, derived)
    changes = found(report, "predicate_changed")
    assert {at(report, f) for f in changes} >= {"415", "96"}
    assert all(f.severity is Severity.major for f in changes)
    assert not any(
        f.kind == "unsupported_addition" and "Profit" in at(report, f) for f in report.findings
    )


def test_faithful_figures_raise_nothing_major() -> None:
    derived = FIGURES.replace("Sales rose to $415 million", "Sales climbed to $415 million")
    assert major(audit(FIGURES, derived)) == []


def test_quarter_changed_is_number_changed() -> None:
    derived = FIGURES.replace("in the fourth quarter", "in the first quarter")
    report = audit(FIGURES, derived)
    assert "first quarter" in {at(report, f) for f in found(report, "number_changed")}


def test_relative_period_resolved_against_the_articles_own_period() -> None:
    # Published in February 2031: "the fourth quarter" is that of 2030, "the same quarter a
    # year earlier" the fourth quarter of 2029.
    kept = FIGURES.replace("the same quarter a year earlier", "the fourth quarter of 2029")
    assert not found(audit(FIGURES, kept), "number_changed")
    moved = FIGURES.replace("the same quarter a year earlier", "the first quarter of 2029")
    report = audit(FIGURES, moved)
    assert "first quarter of 2029" in {at(report, f) for f in found(report, "number_changed")}


def test_event_relative_period_changed() -> None:
    source = (
        "The mayor Edda Varga cut the budget deficit by half before she took office, aides said."
    )
    derived = source.replace("before she took office", "during her first year in office")
    report = audit(source, derived)
    assert any("during" in at(report, f) for f in found(report, "number_changed"))


def test_same_measure_other_figure_through_a_rewording() -> None:
    source = "The survey found that 61% of the new jobs in Corran went to women last year."
    derived = "Women took 51 percent of the new jobs in Corran last year, the survey found."
    report = audit(source, derived)
    assert "51" in {at(report, f) for f in found(report, "number_changed")}
    same = "Women took 61 percent of the new jobs in Corran last year, the survey found."
    assert not found(audit(source, same), "number_changed")


def test_dropped_alternative_is_scope_changed_not_a_flip() -> None:
    source = "The council said on Monday it would neither approve nor reject the harbour plan."
    derived = "The council said on Monday it would not approve the harbour plan."
    report = audit(source, derived)
    assert found(report, "scope_changed")
    assert not found(report, "polarity_flip")


def test_dropped_member_of_both_is_scope_changed() -> None:
    source = "Both Lenwick and Corran will pay for the new bridge over the river, officials said."
    derived = "Lenwick will pay for the new bridge over the river, officials said."
    assert found(audit(source, derived), "scope_changed")
    assert not found(audit(source, source), "scope_changed")


def test_headline_reversing_the_body_is_critical_polarity_flip() -> None:
    source = (
        "Water limits lifted in Lenwick\n\nThe Lenwick Water Board lifted the water limits on "
        "Monday. Lifting the water limits does not mean the drought has ended, the board said."
    )
    derived = "Drought is over, officials say\n\nThe Lenwick Water Board lifted the water limits."
    flips = found(audit(source, derived), "polarity_flip")
    assert flips and flips[0].severity is Severity.critical
    faithful = "Drought not over, officials say\n\nThe Lenwick Water Board lifted the water limits."
    assert not found(audit(source, faithful), "polarity_flip")


@pytest.mark.parametrize(
    "source",
    [
        "The Kestrel Gazette reported, citing unnamed officials, that the council has decided "
        "to close the old depot next year.",
        "According to a report in the Kestrel Gazette, the council will close the old depot "
        "next year.",
    ],
)
def test_sourcing_dropped_is_hedge_dropped(source: str) -> None:
    derived = "The council will close the old depot next year."
    dropped = found(audit(source, derived), "hedge_dropped")
    assert dropped and dropped[0].severity is Severity.major
    kept = "The council will close the old depot next year, the Kestrel Gazette reported."
    assert not found(audit(source, kept), "hedge_dropped")


def test_actor_added_inside_a_phrase_is_entity_changed() -> None:
    source = "The ministers agreed to send a peacekeeping force to the border region in spring."
    derived = source.replace("a peacekeeping force", "a Brackwater-led peacekeeping force")
    report = audit(source, derived)
    assert "Brackwater-led" in {at(report, f) for f in found(report, "entity_changed")}
    assert not found(audit(source, source), "entity_changed")


def test_quote_built_from_fragments() -> None:
    source = (
        "Mara Quint, the chief engineer, called the repairs “long overdue” and said the "
        "reservoir was “in no danger at all” this winter."
    )
    derived = (
        "“The repairs are long overdue, but the reservoir is in no danger at all,” Quint said."
    )
    report = audit(source, derived)
    quotes = found(report, "quote_fabricated") + found(report, "quote_altered")
    assert any(f.severity.rank >= Severity.major.rank and "fragments" in f.reason for f in quotes)
    verbatim = "Quint said the reservoir was “in no danger at all” this winter."
    assert not [f for f in major(audit(source, verbatim)) if f.kind.startswith("quote")]


@pytest.mark.parametrize(
    "kind",
    [
        "measure_swap",
        "period_swap",
        "alternative_dropped",
        "headline_negation",
        "sourcing_dropped",
        "actor_added",
        "fragment_quote",
    ],
)
def test_synth_writes_gold_for_each_typed_change(kind: str) -> None:
    from sourcetrace.synth import derive
    from sourcetrace.synth.articles import generate_articles

    for article in generate_articles(6, 11):
        pair = derive(article["text"], kinds=[kind], rng=random.Random(3), n_edits=1)
        items = pair.gold["findings"]
        if items:
            assert items[0]["id"].endswith(kind)
            assert items[0]["derived_text"] in pair.derived_text
            assert pair.derived_text != article["text"]
            return
    pytest.fail(f"no article offered material for {kind}")


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("the U.N.-brokered talks", "U.N.-brokered"),  # one token for name and participle
        ("the Quorravel-backed talks", "Quorravel-backed"),  # a name the tagger does not know
    ],
)
def test_actor_added_in_any_spelling(phrase: str, name: str) -> None:
    source = "The talks between the two port unions will resume on Monday after a pause."
    derived = source.replace("The talks", phrase[:1].upper() + phrase[1:])
    report = audit(source, derived)
    assert name in {at(report, f) for f in found(report, "entity_changed")}


def test_actor_added_where_the_parser_heads_the_phrase_elsewhere() -> None:
    # "campaign plans" may be parsed as one noun phrase headed by "plans"
    source = "In addition, the campaign plans to publish the full records soon, an aide said."
    derived = source.replace("the campaign", "the Orrinford-funded campaign")
    assert found(audit(source, derived), "entity_changed")


def test_period_inside_an_event_clause_is_its_own() -> None:
    source = (
        "The coach drew criticism after he praised the referee and skipped the interview "
        "during the final match last spring."
    )
    derived = source.replace("during the final match", "after the final match")
    report = audit(source, derived)
    assert any("after the final match" in at(report, f) for f in found(report, "number_changed"))
    assert not found(audit(source, source), "number_changed")


def test_figure_measure_with_in_hung_on_the_verb() -> None:
    source = "The plan would hand out more than $4 billion in tax credits over ten years."
    derived = source.replace("tax credits", "grants")
    assert found(audit(source, derived), "predicate_changed")
    assert not found(audit(source, source), "predicate_changed")


def test_dropped_member_with_a_title_before_the_name() -> None:
    source = (
        "The reform passed after a hard push from both Mayor Ilse Brand and council leader "
        "Tomas Weir over the budget."
    )
    derived = "The reform passed after a hard push from council leader Tomas Weir over the budget."
    assert found(audit(source, derived), "scope_changed")


def test_sourcing_dropped_where_a_near_twin_took_the_alignment() -> None:
    source = (
        "Wolcott said the old theatre has already moved to a larger site if the funding holds. "
        "The Orrin Post reported, citing unnamed officials, that the old theatre will move to a "
        "larger site."
    )
    derived = (
        "Wolcott said the old theatre has already moved to a larger site if the funding holds. "
        "The old theatre will move to a larger site."
    )
    assert found(audit(source, derived), "hedge_dropped")


def test_synth_actor_added_only_in_the_claim() -> None:
    """Never inside a quotation, in the speaker's description or with a party already named."""
    from sourcetrace.nlp import load_spacy
    from sourcetrace.synth.context import build_context
    from sourcetrace.synth.typed_edits import actor_added

    text = (
        "Repair plan agreed in Lenwick\n\n"
        "The Lenwick Water Board said on Monday that a repair crew will arrive in March. "
        "“The repair crew will need a week,” the agency said. "
        "The Corran Council approved the plan for the repair crew on Friday. "
        "The committee said the Corran work was done."
    )
    context = build_context(text, load_spacy())
    made = []
    for unit in context.units[1:]:
        for seed in range(8):
            edit = actor_added(context, unit, random.Random(seed))
            if edit is None:
                continue
            assert edit.new_text is not None and not edit.in_quote
            assert "“" not in unit.text  # the quoted sentence offers only its speaker: nothing
            added = edit.note.split(": ", 1)[1].split("-")[0]
            assert added.lower() not in unit.text.lower()  # not a party the sentence names
            # the speaker's description stays as it is
            assert not re.search(r"-(led|backed|funded) (agency|committee)", edit.new_text)
            made.append(edit.new_text)
    assert any("-led repair crew" in t or "-backed repair crew" in t for t in made) or any(
        "-funded repair crew" in t for t in made
    )


def test_actor_mentioned_by_each_part_of_a_joined_name() -> None:
    # The tagger may read two names joined by "by" as one entity; each is in the source.
    from sourcetrace.verify.actors import _mentioned

    source = "the campaign against islamic state was backed by the united states"
    assert _mentioned("Islamic State by America", source)
    assert not _mentioned("Islamic State by France", source)
