"""The report formats: JSON follows the published schema; Markdown and table show findings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
from tests.conftest import ROOT

from sourcetrace.model import Report
from sourcetrace.report import render
from sourcetrace.report.json import report_schema, report_to_dict


def test_json_follows_schema_and_spans_point_at_text(demo_report: Report) -> None:
    data = report_to_dict(demo_report)
    jsonschema.validate(data, report_schema())
    for finding in data["findings"]:
        if finding["derived_span"]:
            start, end = finding["derived_span"]
            assert data["derived"]["text"][start:end] == finding["derived_text"]
        if finding["source_span"]:
            start, end = finding["source_span"]
            assert data["source"]["text"][start:end] == finding["source_text"]
        assert finding["reason"]


def test_markdown_table_and_text_list_every_finding_kind(demo_report: Report) -> None:
    markdown = render(demo_report, "md")
    table = render(demo_report, "table")
    text = render(demo_report, "text")
    for finding in demo_report.findings:
        assert finding.kind in markdown
        assert finding.kind in table
        assert f"{finding.severity.value} {finding.kind}" in text


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sourcetrace.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def test_cli_check_writes_json_and_fails_on_critical(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    done = run_cli(
        "check", "examples/source.txt", "examples/derived.txt",
        "--format", "json", "-o", str(out), "--fail-on", "critical",
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    data = json.loads(out.read_text())
    assert data["summary"]["worst"] == "critical"


def test_cli_check_identical_files_pass(tmp_path: Path) -> None:
    done = run_cli(
        "check",
        "examples/source.txt",
        "examples/source.txt",
        "--format",
        "md",
        "--fail-on",
        "major",
    )
    assert done.returncode == 0, done.stderr
    assert "# sourcetrace report" in done.stdout
