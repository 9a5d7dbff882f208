"""The real-pair dev set tooling (freeze, status, materialize, eval --devset) on fictional pairs."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.errors import InputError
from sourcetrace.eval import load_gold
from sourcetrace.eval.devset import (
    ANCHOR_CHARS,
    CACHE_ENV,
    TextState,
    cache_root,
    format_status,
    freeze,
    head_anchor,
    load_devset,
    materialize,
    pair_statuses,
    read_records,
    relocate,
    tail_anchor,
)

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "devset.py"

SOURCE = (
    "Harbour board delays the Kelton ferry contract\n\n"
    "KELTON - The Kelton harbour board postponed a vote on the new ferry contract on Monday, "
    "saying the two bids were still being assessed.\n\n"
    "Board chair Ines Morrow said the board might decide in April if the engineers finish "
    "their report on time.\n\n"
    "The contract covers three vessels and a new ticket office at the east pier.\n\n"
    "Local traders have asked for a decision before the summer season begins."
)

DERIVED = (
    "Share this story | Print\n\n"
    "Kelton ferry deal pushed back\n\n"
    "The Kelton harbour board put off its vote on a new ferry contract on Monday because the "
    "two bids were still being assessed.\n\n"
    "Board chair Ines Morrow said the board will decide in April.\n\n"
    "The contract covers four vessels and a new ticket office at the east pier.\n\n"
    "Local traders have asked for a decision before the summer season begins."
)


def gold() -> dict[str, Any]:
    return {
        "pair_id": "business-kelton-ferry",
        "source": "source.txt",
        "derived": "derived.txt",
        "source_meta": {"title": "Harbour board delays the Kelton ferry contract"},
        "derived_meta": {"title": "Kelton ferry deal pushed back"},
        "source_speakers": {"Ines Morrow": "board chair"},
        "findings": [
            {
                "id": "G1",
                "kinds": ["hedge_dropped"],
                "severity": "major",
                "speaker": "Ines Morrow",
                "in_quote": False,
                "derived_text": "the board will decide in April",
                "source_text": "the board might decide in April if the engineers finish their "
                "report on time",
                "note": "might + condition became will",
            },
            {
                "id": "G2",
                "kinds": ["number_changed"],
                "severity": "major",
                "speaker": None,
                "in_quote": False,
                "derived_text": "four vessels",
                "source_text": "three vessels",
            },
        ],
        "faithful": [
            {
                "derived_text": "The Kelton harbour board put off its vote on a new ferry contract "
                "on Monday because the two bids were still being assessed.",
                "source_text": "The Kelton harbour board postponed a vote on the new ferry "
                "contract on Monday, saying the two bids were still being assessed.",
                "speaker": None,
            },
            {
                "derived_text": "Local traders have asked for a decision before the summer "
                "season begins.",
                "source_text": "Local traders have asked for a decision before the summer "
                "season begins.",
            },
        ],
        "no_finding": [{"derived_text": "Share this story | Print", "note": "share buttons"}],
    }


def meta() -> dict[str, Any]:
    return {
        "pair_id": "business-kelton-ferry",
        "topic": "business",
        "style": "paraphrase",
        "source_url": "https://example.org/kelton-ferry",
        "derived_url": "https://example.net/ferry-deal",
        "source_query": "Kelton harbour board ferry contract vote",
        "derived_query": "harbour board ferry vote postponed",
        "notes": "fictional test pair",
    }


def write_folder(cache: Path, name: str = "business-kelton-ferry") -> Path:
    folder = cache / name
    folder.mkdir(parents=True)
    (folder / "source.txt").write_text(SOURCE, encoding="utf-8")
    (folder / "derived.txt").write_text(DERIVED, encoding="utf-8")
    data = gold()
    data["pair_id"] = name
    (folder / "gold.json").write_text(json.dumps(data), encoding="utf-8")
    (folder / "meta.json").write_text(json.dumps(meta()), encoding="utf-8")
    return folder


def gold_texts(data: dict[str, Any]) -> list[str]:
    texts = []
    for key in ("findings", "faithful", "no_finding"):
        for entry in data.get(key) or []:
            texts += [entry.get(name) for name in ("derived_text", "source_text")]
    return [text for text in texts if text]


@pytest.fixture
def frozen(tmp_path: Path) -> tuple[Path, Path]:
    """A cache with one annotated pair, frozen into a records folder."""
    cache, records = tmp_path / "cache", tmp_path / "records"
    write_folder(cache)
    result = freeze(cache, records)
    assert [path.name for path in result.frozen] == ["business-kelton-ferry.json"]
    return cache, records


def rebuilt_cache(frozen_cache: Path, tmp_path: Path, derived: str | None = DERIVED) -> Path:
    """A fresh cache holding only re-collected texts (no gold.json, no meta.json)."""
    cache = tmp_path / "rebuilt"
    folder = cache / "business-kelton-ferry"
    folder.mkdir(parents=True)
    shutil.copy(frozen_cache / "business-kelton-ferry" / "source.txt", folder / "source.txt")
    if derived is not None:
        (folder / "derived.txt").write_text(derived, encoding="utf-8")
    return cache


def test_anchors_are_short_prefixes_and_suffixes() -> None:
    passage = "Board chair Ines Morrow said the board will decide"
    assert head_anchor(passage) == "Board chair Ines"
    assert tail_anchor(passage) == "board will decide"
    long_words = "Extraordinarily-long-compound-word and more words here"
    assert head_anchor(long_words) == long_words[:ANCHOR_CHARS]
    assert len(tail_anchor("x " + "y" * 40)) == ANCHOR_CHARS
    assert head_anchor("four vessels") == tail_anchor("four vessels") == "four vessels"


def test_freeze_then_materialize_round_trip(frozen: tuple[Path, Path], tmp_path: Path) -> None:
    cache, records = frozen
    cache2 = rebuilt_cache(cache, tmp_path)
    outcomes = materialize(records, cache2)
    assert [o.unlocated for o in outcomes] == [[]]
    rebuilt = json.loads((cache2 / "business-kelton-ferry" / "gold.json").read_text("utf-8"))
    original = gold()
    for key in ("pair_id", "source", "derived", "source_meta", "derived_meta", "source_speakers"):
        assert rebuilt[key] == original[key]
    assert gold_texts(rebuilt) == gold_texts(original)
    kinds = [item["kinds"] for item in rebuilt["findings"]]
    assert kinds == [["hedge_dropped"], ["number_changed"]]
    assert rebuilt["findings"][0]["note"] == "might + condition became will"
    assert load_gold(cache2 / "business-kelton-ferry" / "gold.json").items[1].derived_text == (
        "four vessels"
    )


def test_record_holds_no_article_text(frozen: tuple[Path, Path]) -> None:
    _, records = frozen
    raw = (records / "business-kelton-ferry.json").read_text(encoding="utf-8")
    record = json.loads(raw)
    assert record["source"]["url"] == "https://example.org/kelton-ferry"
    assert record["derived"]["query"] == "harbour board ferry vote postponed"
    assert record["source"]["chars"] == len(SOURCE)
    for meta_key in ("source_meta", "derived_meta"):
        title = gold()[meta_key]["title"]
        assert title not in raw
        assert record[meta_key]["title"]["head"] == head_anchor(title)
    longer_than_anchors = [t for t in gold_texts(gold()) if len(t) > 2 * ANCHOR_CHARS]
    assert len(longer_than_anchors) >= 4
    for text in longer_than_anchors:
        assert text not in raw
        assert json.dumps(text, ensure_ascii=False)[1:-1] not in raw
    for anchor in (record["findings"][0]["derived"], record["faithful"][0]["source"]):
        assert len(anchor["head"]) <= ANCHOR_CHARS and len(anchor["tail"]) <= ANCHOR_CHARS
        assert len(anchor["head"].split()) <= 3 and len(anchor["tail"].split()) <= 3


def test_recollected_copy_with_an_extra_line_is_relocated(
    frozen: tuple[Path, Path], tmp_path: Path
) -> None:
    cache, records = frozen
    extra = "Skip to main content\n"
    cache2 = rebuilt_cache(cache, tmp_path, derived=extra + DERIVED)
    [status] = pair_statuses(records, cache2)
    assert status.states == {"source": TextState.present, "derived": TextState.changed}
    assert "derived hash mismatch" in format_status([status], cache2)
    [outcome] = materialize(records, cache2)
    assert outcome.unlocated == []
    rebuilt = load_gold(cache2 / "business-kelton-ferry" / "gold.json")
    original = load_gold(cache / "business-kelton-ferry" / "gold.json")
    for new, old in zip(rebuilt.items, original.items, strict=True):
        assert new.derived_text == old.derived_text
        assert new.derived_span is not None and old.derived_span is not None
        assert new.derived_span.start == old.derived_span.start + len(extra)
        assert new.source_span == old.source_span
    ready, missing = load_devset(records, cache2)
    assert [pair.gold.pair_id for pair in ready] == ["business-kelton-ferry"] and missing == []


def test_changed_passage_is_reported_not_relocated(
    frozen: tuple[Path, Path], tmp_path: Path
) -> None:
    cache, records = frozen
    cache2 = rebuilt_cache(cache, tmp_path, derived=DERIVED.replace("four vessels", "4 vessels"))
    [outcome] = materialize(records, cache2)
    assert [problem.where for problem in outcome.unlocated] == ["findings[G2].derived"]
    written = json.loads((cache2 / "business-kelton-ferry" / "gold.json").read_text("utf-8"))
    assert [item["id"] for item in written["findings"]] == ["G1"]
    _, missing = load_devset(records, cache2)
    assert missing == [("business-kelton-ferry", "1 gold passages cannot be re-located")]
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "materialize", "--records", str(records)],
        env={**os.environ, CACHE_ENV: str(cache2)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "cannot re-locate findings[G2].derived" in done.stdout


def test_relocate_prefers_the_copy_nearest_the_recorded_offset() -> None:
    text = "alpha beta gamma. " * 3
    passage = "beta gamma"
    anchor = {
        "start": 24,
        "end": 34,
        "head": head_anchor(passage),
        "tail": tail_anchor(passage),
        "sha256": hashlib.sha256(passage.encode()).hexdigest(),
    }
    span = relocate(text, anchor)
    assert span is not None and span.start == 24
    shifted = relocate("xx" + text, anchor)
    assert shifted is not None and shifted.start == 26
    assert relocate(text.replace("beta", "delta"), anchor) is None


def test_missing_text_is_reported_with_url_and_query(
    frozen: tuple[Path, Path], tmp_path: Path
) -> None:
    cache, records = frozen
    cache2 = rebuilt_cache(cache, tmp_path, derived=None)
    [status] = pair_statuses(records, cache2)
    assert status.states["derived"] is TextState.missing and not status.complete
    shown = format_status([status], cache2)
    assert "https://example.net/ferry-deal" in shown
    assert "harbour board ferry vote postponed" in shown
    [outcome] = materialize(records, cache2)
    assert outcome.gold_path is None
    assert not (cache2 / "business-kelton-ferry" / "gold.json").exists()
    _, missing = load_devset(records, cache2)
    assert missing == [("business-kelton-ferry", "derived.txt missing")]


def test_freeze_all_skips_incomplete_folders_named_one_fails(tmp_path: Path) -> None:
    cache, records = tmp_path / "cache", tmp_path / "records"
    write_folder(cache)
    half = write_folder(cache, "science-half-done")
    (half / "gold.json").unlink()
    bad = write_folder(cache, "science-bad-gold")
    data = gold()
    data["pair_id"] = "science-bad-gold"
    data["findings"][0]["derived_text"] = "words that are nowhere in the derived text"
    (bad / "gold.json").write_text(json.dumps(data), encoding="utf-8")
    result = freeze(cache, records)
    assert [path.stem for path in result.frozen] == ["business-kelton-ferry"]
    assert sorted(pair_id for pair_id, _ in result.skipped) == [
        "science-bad-gold",
        "science-half-done",
    ]
    assert [record["pair_id"] for record in read_records(records)] == ["business-kelton-ferry"]
    with pytest.raises(InputError, match=r"gold\.json is missing"):
        freeze(cache, records, ["science-half-done"])


def test_cache_root_from_environment(tmp_path: Path) -> None:
    assert cache_root({CACHE_ENV: str(tmp_path)}) == tmp_path
    assert cache_root({}).parts[-3:] == (".cache", "sourcetrace", "devset")


def test_script_status_and_bad_records_folder(frozen: tuple[Path, Path], tmp_path: Path) -> None:
    cache, records = frozen
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "status", "--records", str(records), "--cache", str(cache)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "business-kelton-ferry: source present, derived present" in done.stdout
    bad = subprocess.run(
        [sys.executable, str(SCRIPT), "status", "--records", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "records folder not found" in bad.stderr


def test_eval_devset_scores_present_pairs_and_names_missing(
    frozen: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache, records = frozen
    write_folder(cache, "science-gone")
    freeze(cache, records, ["science-gone"])
    (cache / "science-gone" / "source.txt").unlink()
    monkeypatch.setenv(CACHE_ENV, str(cache))
    result = CliRunner().invoke(app, ["eval", "--devset", str(records)])
    assert result.exit_code == 0, result.output
    assert "1 pairs scored, 1 missing" in result.stdout
    assert "missing science-gone: source.txt missing" in result.stdout
    assert "Recall by gold severity" in result.stdout
    assert "Critical false alarms on faithful passages:" in result.stdout
    as_json = CliRunner().invoke(app, ["eval", "--devset", str(records), "--json"])
    payload = json.loads(as_json.stdout)["devset"]
    assert payload["scored"] == 1 and payload["overall"]["overall"]["gold"] == 2
    assert payload["by_pair"][0]["topic"] == "business"
