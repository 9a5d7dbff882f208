"""Two names for one thing are not an entity change (issue: faithful copies stay quiet).

Fictional sentences; "Lisvania" is a made-up country so that only the names under test vary.
"""

from __future__ import annotations

import pytest

from sourcetrace.ingest import from_text
from sourcetrace.lexicons import canonical_entity
from sourcetrace.model import Report
from sourcetrace.pipeline import check
from sourcetrace.verify.entities import acronym, expands, initials, same_name


def audit(source: str, derived: str) -> Report:
    return check(from_text(source), from_text(derived))


def entity_changes(report: Report) -> list[str]:
    return [
        f.derived_span.of(report.derived.article)
        for f in report.findings
        if f.kind == "entity_changed" and f.derived_span is not None
    ]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("US", "U.S."),
        ("U.S.", "the United States"),
        ("the United States", "America"),
        ("USA", "United States of America"),
        ("Britain", "the UK"),
        ("U.K.", "United Kingdom"),
        ("Europeans", "European"),
        ("Russian Federation", "Russia"),
        ("Viet Nam", "Vietnam"),
        ("Türkiye", "Turkey"),
        ("Americans", "American"),
    ],
)
def test_names_of_one_country_share_a_canonical_name(one: str, other: str) -> None:
    assert canonical_entity(one) == canonical_entity(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("US", "UK"), ("Germany", "France"), ("Austria", "Australia"), ("it", "Italy")],
)
def test_different_countries_stay_different(one: str, other: str) -> None:
    assert canonical_entity(one) != canonical_entity(other)


def test_iso_codes_count_only_in_capitals() -> None:
    assert canonical_entity("DEU") == canonical_entity("Germany")
    assert canonical_entity("it") == "it"


def test_acronyms_and_initials() -> None:
    assert acronym("the U.N.") == "UN"
    assert acronym("Lisvania") is None
    assert initials("the World Health Organization") == "WHO"
    assert initials("Bank of Lisvania") == "BL"
    assert initials("the peace talks") == ""
    assert expands("OECD", "The Organisation for Economic Co-operation and Development said")
    assert not expands("WHO", "The World Trade Organization said")


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("WHO", "the World Health Organization", True),
        ("the Lisvania Farmers Union", "LFU", True),
        ("W.H.O.", "World Health Organization", True),
        ("WTO", "the World Health Organization", False),
        ("Acme", "Apex", False),
    ],
)
def test_same_name(one: str, other: str, same: bool) -> None:
    assert same_name(one, other) is same
    assert same_name(other, one) is same


@pytest.mark.parametrize(
    ("source_name", "derived_name"),
    [
        ("the US", "the U.S."),
        ("the U.S.", "the United States"),
        ("the U.K.", "Britain"),
        ("the United Kingdom", "the UK"),
    ],
)
def test_another_name_for_the_same_country_is_no_entity_change(
    source_name: str, derived_name: str
) -> None:
    template = "Lisvania will buy wheat from {} next year, the trade minister said on Tuesday."
    report = audit(template.format(source_name), template.format(derived_name))
    assert entity_changes(report) == []


def test_america_for_the_united_states_is_no_entity_change() -> None:
    report = audit(
        "Sanctions imposed by the U.S. have hurt exports, Lisvanian officials said.",
        "Sanctions imposed by America have hurt exports, Lisvanian officials said.",
    )
    assert entity_changes(report) == []


def test_demonym_plural_and_singular_is_no_entity_change() -> None:
    report = audit(
        "Europeans are buying fewer cars this year, the trade group said.",
        "European buyers are buying fewer cars this year, the trade group said.",
    )
    assert entity_changes(report) == []


def test_acronym_for_its_long_name_is_no_entity_change() -> None:
    report = audit(
        "The Organisation for Economic Co-operation and Development cut its growth forecast "
        "for Lisvania.",
        "The OECD cut its growth forecast for Lisvania.",
    )
    assert entity_changes(report) == []


def test_long_name_for_its_acronym_is_no_misattribution() -> None:
    report = audit(
        "The World Health Organization warned that measles cases rose sharply in Lisvania.",
        "The WHO warned that measles cases rose sharply in Lisvania.",
    )
    assert not [f for f in report.findings if f.kind in {"entity_changed", "misattribution"}]


def test_another_country_is_still_an_entity_change() -> None:
    report = audit(
        "Germany will send two frigates to the strait next month, the navy said.",
        "France will send two frigates to the strait next month, the navy said.",
    )
    assert entity_changes(report) == ["France"]


def test_another_organisation_with_other_initials_is_still_an_entity_change() -> None:
    report = audit(
        "The World Health Organization warned that measles cases rose sharply in Lisvania.",
        "The International Monetary Fund warned that measles cases rose sharply in Lisvania.",
    )
    kinds = {f.kind for f in report.findings}
    assert kinds & {"entity_changed", "misattribution"}
