"""An incomplete source makes every addition less certain, and a sentence cut off on the
last line counts even when it is not segmented as a sentence (issue: faithful copies stay
quiet). Fictional texts."""

from __future__ import annotations

from sourcetrace.ingest import from_text
from sourcetrace.model import Report, Severity
from sourcetrace.pipeline import check
from sourcetrace.verify.completeness import _cut_sentence

SOURCE = (
    "The harbour master, Ada Lind, spoke on Monday about the new pier. "
    "The pier will open to ferries in April, Lind said. "
    "Work on the breakwater is two weeks behind schedule, the port authority said. "
    "The ferry company welcomed the pl"
)
DERIVED = (
    "The harbour master, Ada Lind, spoke on Monday about the new pier. "
    "Lind said the old lighthouse keepers will train volunteer guides for the summer season. "
    "The pier will open to ferries in April, Lind said. "
    "Work on the breakwater is two weeks behind schedule, the port authority said."
)


def audit(source: str, derived: str) -> Report:
    return check(from_text(source), from_text(derived))


def test_an_addition_in_the_middle_of_an_incomplete_source_is_at_most_minor() -> None:
    report = audit(SOURCE, DERIVED)
    assert report.source_gap is not None
    additions = [f for f in report.findings if f.kind == "unsupported_addition"]
    assert additions
    assert all(f.severity.rank <= Severity.minor.rank for f in additions)
    assert any("lighthouse" in f.derived_span.of(report.derived.article) for f in additions)


def test_the_same_addition_against_a_complete_source_stays_major() -> None:
    complete = SOURCE.removesuffix("The ferry company welcomed the pl")
    report = audit(complete, DERIVED)
    assert report.source_gap is None
    additions = [f for f in report.findings if f.kind == "unsupported_addition"]
    assert any(f.severity is Severity.major for f in additions)


def test_a_cut_off_sentence_on_the_last_line() -> None:
    assert _cut_sentence("Any plan that sends the ferries into the narrow channel witho")
    assert not _cut_sentence("Privacy Policy Terms Of Use Contact Us About")
    assert not _cut_sentence("Report a bug")
    assert not _cut_sentence("The ferry company welcomed the plan for the new pier.")


def test_even_if_sets_no_condition() -> None:
    report = check(
        from_text("Moving stolen money for someone else is a crime, the prosecutor said."),
        from_text(
            "Moving stolen money for someone else is a crime even if you do not know it is "
            "stolen, the prosecutor said."
        ),
    )
    assert not [f for f in report.findings if f.kind == "hedge_added"]
