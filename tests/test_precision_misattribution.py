"""Misattribution stays quiet where a rewrite credits a source the way rewrites do (issue:
faithful copies stay quiet). Fictional sentences written for these tests."""

from __future__ import annotations

from sourcetrace.ingest import from_text
from sourcetrace.model import Finding, Report, Severity, Speaker
from sourcetrace.pipeline import check
from sourcetrace.verify.misattribution import described_only, role_only


def audit(source: str, derived: str) -> Report:
    return check(from_text(source), from_text(derived))


def misattributions(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.kind == "misattribution"]


def serious(report: Report) -> list[Finding]:
    return [f for f in misattributions(report) if f.severity.rank >= Severity.major.rank]


def test_a_statement_in_its_authors_voice_credited_to_its_author_is_no_misattribution() -> None:
    report = audit(
        "I want to thank every volunteer who came out this week. We will rebuild the Dunmore "
        "bridge by spring. Our city has never been stronger. I am proud of what we did.",
        "Mayor Lena Brask thanked the volunteers. She said the city will rebuild the Dunmore "
        "bridge by spring. Brask said she is proud of what the city did.",
    )
    assert misattributions(report) == []


def test_reporting_credited_to_unnamed_officials_is_no_misattribution() -> None:
    report = audit(
        "The Dunmore bridge will reopen on Friday after three weeks of repairs. "
        "Crews replaced the deck and the railings.",
        "The Dunmore bridge will reopen on Friday after three weeks of repairs, officials said. "
        "Crews replaced the deck and the railings.",
    )
    assert misattributions(report) == []


def test_reporting_credited_to_a_named_person_is_at_most_minor() -> None:
    report = audit(
        "The Dunmore bridge will reopen on Friday after three weeks of repairs. "
        "Mayor Lena Brask visited the site on Monday.",
        "Mayor Lena Brask said the Dunmore bridge will reopen on Friday after three weeks of "
        "repairs. She visited the site on Monday.",
    )
    assert serious(report) == []


def test_a_memo_is_no_speaker_to_compare() -> None:
    report = audit(
        "Staff at the Dunmore plant will be told of the job cuts on Friday, according to a memo.",
        "Staff at the Dunmore plant will be told of the job cuts on Friday, according to two "
        "people familiar with the plan.",
    )
    assert misattributions(report) == []


def test_a_place_feeling_a_quake_holds_no_view() -> None:
    report = audit(
        "Seismologist Ana Brevik said the quake struck at 10 p.m. near the town of Dunmore.",
        "The quake struck at 10 p.m. near the town of Dunmore, with Lisvania feeling the "
        "shaking, seismologist Ana Brevik said.",
    )
    assert misattributions(report) == []


def test_a_quote_cut_off_at_the_end_of_the_source_has_no_known_speaker() -> None:
    report = audit(
        "Transport minister Ana Brevik announced the grants on Monday. "
        '"The grants will fix our roads," said Brevik.\n\n'
        '"Under the new programme, we are rebuilding the old bridges and',
        "Transport minister Ana Brevik announced the grants on Monday. "
        '"The grants will fix our roads," said Brevik.\n\n'
        '"Under the new programme, we are rebuilding the old bridges and the tunnels," said '
        "Tomas Lind, the highway chief.",
    )
    assert serious(report) == []


def test_descriptions_and_roles() -> None:
    assert described_only(Speaker(name="software company", kind="organization"))
    assert not described_only(Speaker(name="Acme Software", kind="organization"))
    assert role_only(Speaker(name="public health officials", kind="person"))
    assert not role_only(Speaker(name="Ana Brevik", kind="person"))
