"""`sourcetrace eval` and `sourcetrace synth` end to end, on fictional articles written here."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.test_eval_matching import gold_dict, write_pair
from tests.test_synth import SOURCE
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.synth import TYPED_KINDS

SCRIPT = Path(sys.executable).parent / "sourcetrace"
runner = CliRunner()


def test_eval_gold_file_json_and_error_list(tmp_path: Path) -> None:
    gold_path = write_pair(tmp_path / "pair")
    errors = tmp_path / "out" / "errors.md"
    result = runner.invoke(app, ["eval", str(gold_path), "--json", "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)["gold"]
    overall = payload["overall"]
    assert overall["gold"] == 4
    assert 0 <= overall["found"] <= 4
    assert len(payload["missed"]) == 4 - overall["found"]
    assert set(payload["recall_by_severity"]) == {"critical", "major", "minor"}
    markdown = errors.read_text(encoding="utf-8")
    assert f"## Missed gold items ({len(payload['missed'])})" in markdown
    assert f"## False alarms ({len(payload['false_alarms'])})" in markdown
    for missed in payload["missed"]:
        assert f"{missed['pair_id']} {missed['id']}:" in markdown
        shown = missed["derived_text"] or missed["source_text"]
        assert f"> {shown}" in markdown


def test_eval_table_output(tmp_path: Path) -> None:
    gold_path = write_pair(tmp_path)
    result = runner.invoke(app, ["eval", str(gold_path)])
    assert result.exit_code == 0, result.output
    assert "Findings against gold: fiction-reservoir" in result.stdout
    assert "overall" in result.stdout and "Recall by gold severity" in result.stdout


def test_synth_then_eval_round_trip(tmp_path: Path) -> None:
    source = tmp_path / "articles" / "source.txt"
    source.parent.mkdir()
    source.write_text(SOURCE, encoding="utf-8")
    derived = tmp_path / "made" / "derived.txt"
    gold = tmp_path / "gold" / "pair.json"
    made = runner.invoke(
        app,
        [
            "synth",
            str(source),
            "--kinds",
            "negation,speaker_swap,number_change",
            "--seed",
            "4",
            "-o",
            str(derived),
            "--gold",
            str(gold),
        ],
    )
    assert made.exit_code == 0, made.output
    data = json.loads(gold.read_text(encoding="utf-8"))
    assert data["source"] == "../articles/source.txt"
    assert data["derived"] == "../made/derived.txt"
    assert data["source_meta"]["title"] == "Lenwick council delays reservoir plan"
    assert sorted(item["id"].split("-", 1)[1] for item in data["findings"]) == [
        "negation",
        "number_change",
        "speaker_swap",
    ]
    again = tmp_path / "again.txt"
    runner.invoke(
        app,
        [
            "synth",
            str(source),
            "--kinds",
            "negation,speaker_swap,number_change",
            "--seed",
            "4",
            "-o",
            str(again),
            "--gold",
            str(tmp_path / "again.json"),
        ],
    )
    assert again.read_text(encoding="utf-8") == derived.read_text(encoding="utf-8")
    scored = runner.invoke(app, ["eval", str(gold), "--json"])
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.stdout)["gold"]["overall"]["gold"] == 3


def test_eval_insciout_option(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        json.dumps(
            {
                "abstract_conclusion": "Walking to work is associated with lower blood pressure.",
                "press_release_conclusion": "Walking to work lowers your blood pressure.",
                "exaggeration_label": "exaggerates",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["eval", "--insciout", str(rows), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)["insciout"]
    assert payload["rows"] == 1
    assert payload["scorer"]["per_class"]["exaggerates"]["f1"] == 1.0


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: (d / "gold.json").write_text("{oops", encoding="utf-8"), "not valid JSON"),
        (
            lambda d: (d / "gold.json").write_text(
                json.dumps({**gold_dict(), "findings": [{"id": "G1"}]}), encoding="utf-8"
            ),
            "invalid gold file at findings/0",
        ),
        (lambda d: (d / "source.txt").unlink(), "article file 'source.txt' not found"),
    ],
)
def test_bad_gold_is_one_line_exit_2(
    tmp_path: Path, setup: Callable[[Path], object], message: str
) -> None:
    write_pair(tmp_path)
    setup(tmp_path)
    completed = run_script("eval", str(tmp_path / "gold.json"))
    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1 and message in completed.stderr
    assert "Traceback" not in completed.stderr


def test_eval_without_anything_to_do_is_one_line_exit_2() -> None:
    completed = run_script("eval")
    assert completed.returncode == 2
    assert "nothing to evaluate" in completed.stderr and completed.stderr.count("\n") == 1


@pytest.mark.slow
def test_summary_table_with_a_fictional_shared_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    seeds = shared / "seeds"
    write_pair(seeds)
    monkeypatch.setenv("SOURCETRACE_SHARED", str(shared))
    result = runner.invoke(
        app, ["eval", "--summary", "--synth-pairs", "2", "--typed-pairs", "2", "--seed", "1"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["benchmark", "measure", "sourcetrace", "baseline", "/", "peer"]
    measures = [line.split("  ")[0].strip() for line in lines[2:]]
    assert measures.count("seed pair") == 4
    assert any(m.startswith("synthetic (2 pairs)") for m in measures)
    typed_rows = [line for line in lines[2:] if line.startswith("synthetic typed (2 pairs)")]
    assert any("recall, all typed changes" in line for line in typed_rows)
    # per-type rows name only typed changes, each with found/total
    per_type = [line for line in typed_rows if "recall, all" not in line]
    assert per_type and all(
        any(f"recall {name} (" in line for name in TYPED_KINDS) for line in per_type
    )
    assert not any(m.startswith(("PolNeAR", "InSciOut")) for m in measures)
