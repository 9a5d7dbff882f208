"""The terminal report: short blocks, worst first, cut not wrapped, plain unless a terminal."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console

from fictional_report import DERIVED, fictional_report
from sourcetrace.report.order import RANK
from sourcetrace.report.terminal import (
    carets,
    changed_words,
    excerpt,
    print_terminal,
    reason_lines,
    render_terminal,
)

ROOT = Path(__file__).resolve().parents[1]
HEADER = re.compile(r"^(critical|major|minor|info) (\w+)")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def blocks(output: str) -> list[list[str]]:
    """The output's finding blocks: a header line and the indented lines under it."""
    found: list[list[str]] = []
    for line in output.splitlines():
        if HEADER.match(line):
            found.append([line])
        elif found and line.startswith(" "):
            found[-1].append(line)
        elif found and found[-1] and not line.strip():
            found.append([])  # a blank line ends the findings
    return [b for b in found if b]


def positions(report: dict[str, Any]) -> dict[tuple[str, str], tuple[int, ...]]:
    return {
        (f["kind"], f["severity"]): tuple(f["derived_span"] or f["source_span"])
        for f in report["findings"]
    }


# --- layout -------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_every_finding_is_at_most_six_lines_none_wider_than_the_terminal(width: int) -> None:
    report = fictional_report()
    output = render_terminal(report, width=width)
    found = blocks(output)
    assert len(found) == len(report["findings"])
    for block in found:
        assert len(block) <= 6, "\n".join(block)
    for line in output.splitlines():
        assert cell_len(line) <= width, line


def test_findings_come_worst_first_then_by_position() -> None:
    report = fictional_report()
    output = render_terminal(report, width=80)
    headers = [HEADER.match(b[0]) for b in blocks(output)]
    shown = [(m.group(1), m.group(2)) for m in headers if m]
    ranks = [RANK[severity] for severity, _ in shown]
    assert ranks == sorted(ranks, reverse=True)
    assert shown[0] == ("critical", "polarity_flip")
    majors = [kind for severity, kind in shown if severity == "major"]
    # Same severity: by derived offset; the hedge span starts where the number span does but
    # both precede the addition.
    starts = positions(report)
    assert [starts[(k, "major")][0] for k in majors] == sorted(
        starts[(k, "major")][0] for k in majors
    )
    minors = [kind for severity, kind in shown if severity == "minor"]
    assert minors == ["quote_altered", "omission"]  # no derived offset: last


def test_long_lines_are_cut_around_the_changed_words_with_an_ellipsis() -> None:
    before = " ".join(f"filler{i}" for i in range(40))
    text = f"{before} the council will approve the plan {before}."
    start = text.index("approve")
    shown = excerpt(text, (start, start + len("approve")), [(start, start + 7)], 50)
    assert shown.text.startswith("…") and shown.text.endswith("…")
    assert cell_len(shown.text) <= 50
    (mark,) = shown.marks
    assert shown.text[mark[0] : mark[1]] == "approve"
    assert carets(shown) == " " * mark[0] + "^" * len("approve")
    # Cuts fall between words, never inside one.
    inner = shown.text.strip("…")
    assert all(word.startswith(("filler", "the", "council", "will", "approve", "plan"))
               for word in inner.split())  # fmt: skip


def test_changed_words_come_from_the_quote_diff() -> None:
    report = fictional_report()
    altered = next(f for f in report["findings"] if f["kind"] == "quote_altered")
    derived_marks, source_marks = changed_words(
        altered, report["derived"]["text"], report["source"]["text"]
    )
    assert [DERIVED[s:e] for s, e in derived_marks] == ["will"]
    assert [report["source"]["text"][s:e] for s, e in source_marks] == [
        "may",
        "of the inner basin",
    ]


def test_changed_words_of_a_reworded_sentence_come_from_a_word_diff() -> None:
    source = "The minister said the bridge will reopen in the spring."
    derived = "The bridge might reopen in the spring, the minister said."
    finding = {
        "kind": "hedge_added",
        "severity": "major",
        "derived_span": [0, derived.index(",")],
        "source_span": [source.index("the bridge"), len(source) - 1],
        "reason": "a hedge was added",
        "diff": None,
    }
    derived_marks, source_marks = changed_words(finding, derived, source)
    assert [derived[s:e] for s, e in derived_marks] == ["might"]
    assert [source[s:e] for s, e in source_marks] == ["will"]


def test_a_long_reason_takes_two_lines_at_most() -> None:
    lines = reason_lines("word " * 100, 30)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(cell_len(line) <= 30 for line in lines)
    assert reason_lines("short reason", 30) == ["short reason"]


def test_a_long_speaker_name_is_shortened_not_the_offsets() -> None:
    report = fictional_report()
    report["findings"][0]["speaker"] = "A Very Long Speaker Name " * 6
    output = render_terminal(report, width=80)
    header = next(b[0] for b in blocks(output) if "number_changed" in b[0])
    assert header.endswith(f"derived {report['findings'][0]['derived_span'][0]}-"
                           f"{report['findings'][0]['derived_span'][1]}, "
                           f"source {report['findings'][0]['source_span'][0]}-"
                           f"{report['findings'][0]['source_span'][1]}")  # fmt: skip
    assert "…" in header and cell_len(header) <= 80


def test_no_findings_says_so() -> None:
    report = fictional_report()
    report["findings"] = []
    assert "No findings" in render_terminal(report, width=80)


# --- colour ------------------------------------------------------------------------------


def test_colour_on_a_terminal_none_when_piped_or_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)

    def printed(**options: Any) -> str:
        out = io.StringIO()
        print_terminal(fictional_report(), Console(file=out, width=80, **options))
        return out.getvalue()

    assert "\x1b[" not in printed()  # not a terminal: plain text
    coloured = printed(force_terminal=True, color_system="standard")
    assert re.search(r"\x1b\[[0-9;]*31m", coloured)  # red for critical and major
    monkeypatch.setenv("NO_COLOR", "1")
    no_color = printed(force_terminal=True, color_system="standard")
    assert not re.search(r"\x1b\[[0-9;]*3[0-7]m", no_color)
    assert ANSI.sub("", coloured) == ANSI.sub("", no_color) == printed()


# --- the command line, with the real pipeline -------------------------------------------------


def test_check_at_80_columns_prints_short_plain_blocks_worst_first() -> None:
    env = {**os.environ, "COLUMNS": "80"}
    env.pop("FORCE_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-m", "sourcetrace", "check", "examples/source.txt",
         "examples/derived.txt"],
        capture_output=True, text=True, cwd=ROOT, timeout=300, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "\x1b[" not in done.stdout  # piped: no colour codes
    found = blocks(done.stdout)
    assert found, done.stdout
    assert all(len(block) <= 6 for block in found)
    assert all(cell_len(line) <= 80 for line in done.stdout.splitlines())
    severities = [RANK[HEADER.match(b[0]).group(1)] for b in found]  # type: ignore[union-attr]
    assert severities == sorted(severities, reverse=True)
    summary = done.stdout.splitlines()[1]
    assert summary.startswith(f"{len(found)} findings")
