"""entity_changed fires when a new name takes an old name's place, not when a rephrased
sentence moves names around (issue: faithful copies stay quiet). Fictional sentences written
for these tests."""

from __future__ import annotations

from sourcetrace.ingest import from_text
from sourcetrace.model import Finding, Report, Severity
from sourcetrace.pipeline import check
from sourcetrace.verify.entities import misspelled, shortened


def audit(source: str, derived: str) -> Report:
    return check(from_text(source), from_text(derived))


def entity_changes(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.kind == "entity_changed"]


def test_a_name_in_another_slot_of_a_rephrased_sentence_is_no_swap() -> None:
    report = audit(
        "Judge Marta Oyelaran sentenced the Dunmore man to two years in prison on Friday.",
        "A Dunmore man was sentenced on Friday in Kelbridge County Court to two years in prison.",
    )
    assert entity_changes(report) == []


def test_a_name_in_the_same_slot_is_still_a_swap() -> None:
    report = audit(
        "Judge Marta Oyelaran sentenced the Dunmore man to two years in prison on Friday.",
        "Judge Petra Vanleuwen sentenced the Dunmore man to two years in prison on Friday.",
    )
    changes = entity_changes(report)
    assert changes and changes[0].severity is Severity.major
    assert "Vanleuwen" in changes[0].derived_span.of(report.derived.article)


def test_a_misspelled_name_is_a_minor_entity_change() -> None:
    report = audit(
        "The scholarship fund was set up by Halvard Ostby, who taught in Dunmore for years.",
        "The scholarship fund was set up by Halvard Ostbye, who taught in Dunmore for years.",
    )
    changes = entity_changes(report)
    assert changes and changes[0].severity is Severity.minor
    assert "spells" in changes[0].reason


def test_a_shortened_committee_name_is_no_swap() -> None:
    report = audit(
        "The bill was backed by the Lisvanian Senate Select Committee on Fisheries in March.",
        "The bill was backed by the Lisvanian Senate Fisheries Committee in March.",
    )
    assert entity_changes(report) == []


def test_a_description_is_no_swap_for_a_name() -> None:
    report = audit(
        "The Lisvania Department of Health and Social Care confirmed two new cases on Monday.",
        "The state health department confirmed two new cases on Monday.",
    )
    assert entity_changes(report) == []


def test_spelling_and_shortening_helpers() -> None:
    assert misspelled("Karen Larson", "Karin Larson’s")
    assert misspelled("Workers Adjustment Act", "Worker Adjustment Act")
    assert not misspelled("Karin Larson", "Karin Larson")
    assert not misspelled("Oslo", "Bergen")
    assert shortened("Senate Intelligence Committee", "the Senate Select Committee on Intelligence")
    assert not shortened("Senate", "Senate Select Committee")


def test_a_place_named_by_its_adjective_in_the_source_is_no_swap() -> None:
    report = audit(
        "The ministry blamed pressure from the western alliance and from Lisvania.",
        "The ministry blamed pressure from the West.",
    )
    assert entity_changes(report) == []
