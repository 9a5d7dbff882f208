"""Omission findings: dropped voices and gaps in kept passages; thin coverage stays a table."""

from __future__ import annotations

from sourcetrace.ingest import from_text
from sourcetrace.model import Report
from sourcetrace.pipeline import check

KEPT = (
    "The city opened a new tram line on Monday. The line links the harbour with the airport. "
    "Trams will run every ten minutes during the day. Tickets cost the same as bus fares. "
    "The old ferry service to the airport will end in March. Engineers tested the brakes "
    "for six months before the opening."
)


def omissions(source: str, derived: str) -> tuple[Report, list[str]]:
    report = check(from_text(source), from_text(derived))
    return report, [
        f.source_span.of(report.source.article)
        for f in report.findings
        if f.kind == "omission" and f.source_span is not None
    ]


def test_sentence_skipped_inside_a_kept_paragraph_is_an_omission() -> None:
    derived = (
        "A new tram line opened in the city on Monday. The line links the harbour with the "
        "airport. Trams will run every ten minutes during the day. Tickets cost the same as "
        "bus fares. Engineers tested the brakes for six months before the opening."
    )
    _, found = omissions(KEPT, derived)
    assert any("ferry service" in text for text in found), found


def test_skipped_question_is_not_an_omission() -> None:
    source = KEPT.replace(
        "The old ferry service to the airport will end in March.",
        "Will the old ferry service to the airport survive the competition?",
    )
    derived = (
        "A new tram line opened in the city on Monday. The line links the harbour with the "
        "airport. Trams will run every ten minutes during the day. Tickets cost the same as "
        "bus fares. Engineers tested the brakes for six months before the opening."
    )
    _, found = omissions(source, derived)
    assert not any("ferry" in text for text in found), found


def test_thin_coverage_is_shown_in_the_table_not_reported_as_a_finding() -> None:
    source = (
        "Mayor Lena Ortiz spoke at the opening. "
        '"The tram will change how people cross the city," Ortiz said. '
        '"It took four years of planning," Ortiz said. '
        '"The harbour district will grow," Ortiz said. '
        '"We thank the engineers," Ortiz said. '
        '"Fares will stay low," Ortiz said.'
    )
    derived = (
        "Mayor Lena Ortiz spoke at the opening. "
        '"The tram will change how people cross the city," Ortiz said.'
    )
    report, found = omissions(source, derived)
    assert any(c.used < c.sentences for c in report.coverage)
    assert found == [], found


def test_dropped_named_voice_is_reported_but_a_generic_noun_is_not() -> None:
    source = (
        "The council approved the budget on Tuesday. "
        '"The budget protects the libraries," said councillor Marta Quist. '
        "Experts say the tax base is shrinking."
    )
    derived = "The council approved the budget on Tuesday."
    report, _ = omissions(source, derived)
    reasons = [f.reason for f in report.findings if f.kind == "omission"]
    assert any("Quist" in r and "none of" in r for r in reasons), reasons
    assert not any(r.lower().startswith("experts") for r in reasons), reasons
