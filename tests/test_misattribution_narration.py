"""Misattribution fires on a change of speaker only, not on narration or on two names for one
speaker (issue: faithful copies stay quiet). Fictional sentences written for these tests."""

from __future__ import annotations

from sourcetrace.ingest import from_text
from sourcetrace.model import Finding, Report, Severity, Speaker
from sourcetrace.pipeline import check
from sourcetrace.verify.misattribution import is_document, same_speaker, spokesperson_of


def audit(source: str, derived: str) -> Report:
    return check(from_text(source), from_text(derived))


def misattributions(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.kind == "misattribution"]


def test_organisation_doing_something_is_narration() -> None:
    report = audit(
        "Revenue fell by a fifth at Acme in the second quarter.",
        "Acme saw revenue fall by a fifth in the second quarter.",
    )
    assert misattributions(report) == []


def test_organisation_posting_results_is_narration() -> None:
    report = audit(
        "The company saw revenue fall by a fifth in the second quarter. Acme made a profit of "
        "two million dollars last year.",
        "The company saw revenue fall by a fifth in the second quarter. Acme posted a profit "
        "of two million dollars last year.",
    )
    assert misattributions(report) == []


def test_organisation_saying_something_is_still_compared() -> None:
    report = audit(
        "Jane Roe, the mayor, spoke on Monday. The mayor said the bridge would reopen in June.",
        "Jane Roe, the mayor, spoke on Monday. The Lisvania Rail Company said the bridge would "
        "reopen in June.",
    )
    found = misattributions(report)
    assert found and found[0].severity is Severity.major


def test_a_report_is_not_a_speaker() -> None:
    report = audit(
        "River levels will fall by a metre this summer, the Lisvania Water Board said in a report.",
        "According to the report, river levels will fall by a metre this summer.",
    )
    assert misattributions(report) == []


def test_is_document() -> None:
    assert is_document(Speaker(name="report", kind="organization"))
    assert is_document(Speaker(name="the new study", kind="organization"))
    assert not is_document(Speaker(name="ministry", kind="organization"))
    assert not is_document(Speaker(name="Jane Report", kind="person"))


def test_institution_and_its_spokesperson_is_at_most_minor() -> None:
    report = audit(
        "The ministry said the bridge would reopen in June.",
        "Its spokesman said the bridge would reopen in June.",
    )
    assert all(f.severity.rank <= Severity.minor.rank for f in misattributions(report))


def test_spokesperson_of() -> None:
    ministry = Speaker(name="ministry", kind="organization")
    assert spokesperson_of(Speaker(name="Its spokesman", kind="person"), ministry)
    assert spokesperson_of(Speaker(name="a ministry spokesman", kind="person"), ministry)
    assert spokesperson_of(Speaker(name="a spokeswoman", kind="person"), ministry)
    assert not spokesperson_of(Speaker(name="Ada Lind", kind="person"), ministry)


def test_another_named_person_for_an_institution_stays_major() -> None:
    report = audit(
        "The ministry said the bridge would reopen in June.",
        "The police chief, Ada Lind, said the bridge would reopen in June.",
    )
    found = misattributions(report)
    assert found and found[0].severity is Severity.major


def test_one_person_with_and_without_middle_initial() -> None:
    report = audit(
        "John Q. Smith, the mayor, spoke on Monday. The library will be rebuilt by spring, "
        "John Q. Smith said.",
        "John Smith, the mayor, spoke on Monday. The library will be rebuilt by spring, "
        "said Smith.",
    )
    assert misattributions(report) == []


def test_same_speaker_across_kinds_and_initials() -> None:
    person = Speaker(name="John Q. Smith", kind="person")
    assert same_speaker(person, Speaker(name="Smith.", kind="organization"))
    assert same_speaker(person, Speaker(name="John Smith", kind="person"))
    who = Speaker(name="World Health Organization", kind="organization")
    assert same_speaker(who, Speaker(name="WHO", kind="organization"))
    assert not same_speaker(who, Speaker(name="WTO", kind="organization"))
    assert not same_speaker(person, Speaker(name="Tom Berg", kind="person"))


def test_another_person_is_still_critical() -> None:
    report = audit(
        "Jane Roe, the mayor, spoke on Monday. The mayor said the bridge would reopen in June.",
        "Jane Roe, the mayor, spoke on Monday. Tom Berg said the bridge would reopen in June.",
    )
    found = misattributions(report)
    assert found and found[0].severity is Severity.critical
