"""The real-pair dev set: annotated pairs of real web pages, kept in git without their text.

Each pair lives in two places:

* the **cache** (outside the repository; ``~/.cache/sourcetrace/devset`` or
  ``$SOURCETRACE_DEVSET_CACHE``): one folder per pair with ``source.txt``, ``derived.txt``,
  ``meta.json`` (where the pages came from) and ``gold.json`` (the annotation, in the gold
  format of ``docs/gold-format.md``);
* a **record** in the repository (``devset/pairs/<pair_id>.json``, schema
  ``schemas/devset_record.schema.json``): the metadata, a SHA-256 and length of each text, and
  every gold passage as offsets, a SHA-256 of the passage and its first and last few words
  (``head`` / ``tail``, at most :data:`ANCHOR_WORDS` words and :data:`ANCHOR_CHARS` characters);
  a headline in the gold meta is kept the same way. Never the article text itself.

:func:`freeze` makes records from complete cache folders (after validating their gold),
:func:`pair_statuses` says which texts are present, missing or changed, :func:`materialize`
turns records plus re-collected texts back into ``gold.json`` (re-locating every passage by its
anchors and hash when a re-collected text differs a little), and :func:`evaluate_devset`
scores the pipeline on every pair whose texts are present (``sourcetrace eval --devset``).

Offsets, lengths and hashes are taken on the text as sourcetrace reads the file
(:func:`sourcetrace.ingest.load`: line endings become ``\\n``, no-break spaces plain spaces), the
same text gold offsets index.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from sourcetrace.errors import InputError
from sourcetrace.eval.gold import GoldPair, gold_from_dict, load_gold, read_article
from sourcetrace.eval.matching import EvalResult, merge_results, same_place
from sourcetrace.model import Article, Severity, Span

RECORD_FORMAT = 1
CACHE_ENV = "SOURCETRACE_DEVSET_CACHE"
DEFAULT_RECORDS = Path("devset/pairs")
SIDES = ("source", "derived")
TEXT_FILES = {"source": "source.txt", "derived": "derived.txt"}
META_FILE = "meta.json"
GOLD_FILE = "gold.json"
ANCHOR_WORDS = 3
ANCHOR_CHARS = 24
META_KEYS = ("topic", "style", "source_url", "derived_url", "source_query", "derived_query")
_WORD = re.compile(r"\S+")


# --- paths and small helpers -----------------------------------------------------------------


def cache_root(environ: Mapping[str, str] | None = None) -> Path:
    """The cache folder: ``$SOURCETRACE_DEVSET_CACHE`` or ``~/.cache/sourcetrace/devset``."""
    env = os.environ if environ is None else environ
    value = env.get(CACHE_ENV)
    if value:
        return Path(value).expanduser()
    return Path.home() / ".cache" / "sourcetrace" / "devset"


def sha256_text(text: str) -> str:
    """SHA-256 of ``text`` encoded as UTF-8, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def head_anchor(passage: str) -> str:
    """The passage's start up to its third word, cut to :data:`ANCHOR_CHARS` characters."""
    words = list(_WORD.finditer(passage))
    end = words[min(ANCHOR_WORDS, len(words)) - 1].end() if words else len(passage)
    return passage[:end][:ANCHOR_CHARS]


def tail_anchor(passage: str) -> str:
    """The passage's end from its third-last word, cut to :data:`ANCHOR_CHARS` characters."""
    words = list(_WORD.finditer(passage))
    start = words[-min(ANCHOR_WORDS, len(words))].start() if words else 0
    return passage[start:][-ANCHOR_CHARS:]


def make_anchor(text: str, span: Span | None) -> dict[str, Any] | None:
    """How a record points at a passage: offsets, hash and head/tail words, never the text."""
    if span is None:
        return None
    passage = span.of(text)
    return {
        "start": span.start,
        "end": span.end,
        "sha256": sha256_text(passage),
        "head": head_anchor(passage),
        "tail": tail_anchor(passage),
    }


def meta_for_record(meta: Mapping[str, Any]) -> dict[str, Any]:
    """An article's gold meta for a record: a headline is page text, so only its anchor is kept."""
    kept = dict(meta)
    title = kept.get("title")
    if isinstance(title, str) and title:
        kept["title"] = {
            "sha256": sha256_text(title),
            "chars": len(title),
            "head": head_anchor(title),
            "tail": tail_anchor(title),
        }
    return kept


def meta_from_record(meta: Mapping[str, Any], text: str) -> dict[str, Any]:
    """Undo :func:`meta_for_record`: the headline is found again in the article text by its
    anchor and hash, or left out when the text does not contain it."""
    restored = dict(meta)
    title = restored.get("title")
    if isinstance(title, dict):
        span = relocate(text, {**title, "start": 0, "end": int(title["chars"])})
        restored["title"] = span.of(text) if span is not None else None
    return restored


def write_json(path: Path, data: Any) -> None:
    """Write JSON whole or not at all (UTF-8, indented, trailing newline)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    partial.replace(path)


def read_json(path: Path) -> Any:
    """Parse a JSON file; a one-line InputError when it is missing or malformed."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc


# --- records -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    """The JSON Schema of dev-set records."""
    text = (
        resources.files("sourcetrace")
        .joinpath("schemas/devset_record.schema.json")
        .read_text("utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_record(data: Any, origin: str) -> None:
    """Raise InputError (one line, naming the field) unless ``data`` is a valid record."""
    validator = jsonschema.Draft202012Validator(record_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "top level"
        raise InputError(f"{origin}: invalid dev-set record at {where}: {error.message}")


def read_records(records_dir: Path) -> list[dict[str, Any]]:
    """Every record in ``records_dir`` (``*.json``), validated, sorted by pair id."""
    if not records_dir.is_dir():
        raise InputError(f"dev-set records folder not found: {records_dir}")
    records = []
    for path in sorted(records_dir.glob("*.json")):
        data = read_json(path)
        validate_record(data, str(path))
        if data["pair_id"] != path.stem:
            raise InputError(f"{path}: pair_id {data['pair_id']!r} differs from the file name")
        records.append(data)
    return records


def read_meta(path: Path) -> dict[str, Any]:
    """A pair's meta.json, checked for the keys the spec requires."""
    data = read_json(path)
    if not isinstance(data, dict):
        raise InputError(f"{path}: meta.json must be a JSON object")
    absent = [key for key in META_KEYS if not isinstance(data.get(key), str) or not data[key]]
    if absent:
        raise InputError(f"{path}: meta.json lacks {', '.join(absent)}")
    return data


def record_from_gold(gold: GoldPair, meta: Mapping[str, Any]) -> dict[str, Any]:
    """The committed record of a validated gold pair: anchors and hashes, no article text."""
    source, derived = gold.source.text, gold.derived.text
    return {
        "format": RECORD_FORMAT,
        "pair_id": gold.pair_id,
        "topic": meta["topic"],
        "style": meta["style"],
        "notes": meta.get("notes"),
        "source": {
            "url": meta["source_url"],
            "query": meta["source_query"],
            "sha256": sha256_text(source),
            "chars": len(source),
        },
        "derived": {
            "url": meta["derived_url"],
            "query": meta["derived_query"],
            "sha256": sha256_text(derived),
            "chars": len(derived),
        },
        "source_meta": meta_for_record(gold.source_meta),
        "derived_meta": meta_for_record(gold.derived_meta),
        "source_speakers": gold.source_speakers,
        "findings": [
            {
                "id": item.id,
                "kinds": list(item.kinds),
                "severity": item.severity.value,
                "speaker": item.speaker,
                "in_quote": item.in_quote,
                "note": item.note,
                "derived": make_anchor(derived, item.derived_span),
                "source": make_anchor(source, item.source_span),
            }
            for item in gold.items
        ],
        "faithful": [
            {
                "speaker": region.speaker,
                "note": region.note,
                "derived": make_anchor(derived, region.derived_span),
                "source": make_anchor(source, region.source_span),
            }
            for region in gold.faithful
        ],
        "no_finding": [
            {"note": region.note, "derived": make_anchor(derived, region.derived_span)}
            for region in gold.no_finding
        ],
    }


def freeze_folder(folder: Path) -> dict[str, Any]:
    """Validate one complete cache folder (texts, meta.json, gold.json) and make its record."""
    pair_id = folder.name
    for name in (*TEXT_FILES.values(), META_FILE, GOLD_FILE):
        if not (folder / name).is_file():
            raise InputError(f"{pair_id}: {name} is missing")
    gold_data = read_json(folder / GOLD_FILE)
    for side, name in TEXT_FILES.items():
        if isinstance(gold_data, dict) and gold_data.get(side) != name:
            raise InputError(f"{pair_id}: gold.json must name {name!r} as its {side}")
    gold = load_gold(folder / GOLD_FILE)
    if gold.pair_id != pair_id:
        raise InputError(f"{pair_id}: gold.json pair_id {gold.pair_id!r} differs from the folder")
    record = record_from_gold(gold, read_meta(folder / META_FILE))
    validate_record(record, pair_id)
    return record


@dataclass
class FreezeResult:
    """What :func:`freeze` wrote and what it left out (pair id, why)."""

    frozen: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def freeze(cache: Path, records_dir: Path, pair_ids: Sequence[str] = ()) -> FreezeResult:
    """Write a record for each named cache folder (all folders when none are named).

    A named folder that is incomplete or invalid is an InputError; when freezing every folder,
    such folders are skipped and listed instead (another collector may still be writing them).
    """
    if not cache.is_dir():
        raise InputError(f"dev-set cache folder not found: {cache}")
    folders = [cache / pair_id for pair_id in pair_ids] or sorted(
        path for path in cache.iterdir() if path.is_dir()
    )
    result = FreezeResult()
    for folder in folders:
        try:
            record = freeze_folder(folder)
        except InputError as exc:
            if pair_ids:
                raise
            result.skipped.append((folder.name, str(exc)))
            continue
        path = records_dir / f"{record['pair_id']}.json"
        write_json(path, record)
        result.frozen.append(path)
    return result


# --- status ------------------------------------------------------------------------------------


class TextState(StrEnum):
    """Whether a record's text is in the cache as it was annotated."""

    present = "present"
    missing = "missing"
    changed = "hash mismatch"


def text_state(expected: Mapping[str, Any], path: Path) -> TextState:
    """Compare a cached text file with the hash its record keeps."""
    if not path.is_file():
        return TextState.missing
    text = read_article(path).text
    return TextState.present if sha256_text(text) == expected["sha256"] else TextState.changed


@dataclass
class PairStatus:
    """The cache state of one record's two texts."""

    record: dict[str, Any]
    states: dict[str, TextState]

    @property
    def pair_id(self) -> str:
        return str(self.record["pair_id"])

    @property
    def complete(self) -> bool:
        return all(state is not TextState.missing for state in self.states.values())


def pair_status(record: dict[str, Any], cache: Path) -> PairStatus:
    """Which of a record's texts the cache holds, and whether they match."""
    folder = cache / record["pair_id"]
    states = {side: text_state(record[side], folder / TEXT_FILES[side]) for side in SIDES}
    return PairStatus(record=record, states=states)


def pair_statuses(records_dir: Path, cache: Path) -> list[PairStatus]:
    """The cache state of every record."""
    return [pair_status(record, cache) for record in read_records(records_dir)]


def unrecorded_folders(statuses: Iterable[PairStatus], cache: Path) -> list[str]:
    """Cache folders that have no record (not frozen yet)."""
    known = {status.pair_id for status in statuses}
    if not cache.is_dir():
        return []
    return sorted(p.name for p in cache.iterdir() if p.is_dir() and p.name not in known)


def format_status(statuses: Sequence[PairStatus], cache: Path) -> str:
    """One block per pair; for a missing text, the url and the query to re-collect it with."""
    lines = [f"cache: {cache}"]
    for status in statuses:
        shown = ", ".join(f"{side} {state.value}" for side, state in status.states.items())
        lines.append(f"{status.pair_id}: {shown}")
        for side, state in status.states.items():
            if state is TextState.present:
                continue
            text = status.record[side]
            lines.append(f"  {side}.txt url:   {text['url']}")
            lines.append(f"  {side}.txt query: {text['query']}")
            if state is TextState.changed:
                lines.append("  (a different copy: `scripts/devset.py materialize` re-locates)")
    ready = sum(all(s is TextState.present for s in st.states.values()) for st in statuses)
    missing = sum(not st.complete for st in statuses)
    lines.append(f"{len(statuses)} pairs: {ready} ready, {missing} with a missing text")
    extra = unrecorded_folders(statuses, cache)
    if extra:
        lines.append(f"cache folders without a record (run freeze): {', '.join(extra)}")
    return "\n".join(lines)


# --- materialize: records + texts -> gold ------------------------------------------------------


@dataclass(frozen=True)
class Unlocated:
    """A gold passage that could not be found again in a re-collected text."""

    pair_id: str
    where: str  # e.g. "findings[G2].derived"
    reason: str


def relocate(text: str, anchor: Mapping[str, Any]) -> Span | None:
    """Find a recorded passage in ``text``: at its offsets, or where its head starts nearby.

    Candidates are every occurrence of the head anchor, nearest to the recorded start first;
    the one whose next ``end - start`` characters end with the tail anchor and hash to the
    recorded SHA-256 is the passage. None when no candidate does.
    """
    start, end = int(anchor["start"]), int(anchor["end"])
    length = end - start

    def fits(position: int) -> bool:
        piece = text[position : position + length]
        return (
            len(piece) == length
            and piece.startswith(anchor["head"])
            and piece.endswith(anchor["tail"])
            and sha256_text(piece) == anchor["sha256"]
        )

    if fits(start):
        return Span(start, end)
    head = anchor["head"]
    positions: list[int] = []
    found = text.find(head)
    while found >= 0:
        positions.append(found)
        found = text.find(head, found + 1)
    for position in sorted(positions, key=lambda p: abs(p - start)):
        if fits(position):
            return Span(position, position + length)
    return None


def _place(
    text: str, anchor: Mapping[str, Any] | None, where: str, pair_id: str
) -> tuple[str | None, Unlocated | None]:
    """The passage text for an anchor, or why it cannot be given."""
    if anchor is None:
        return None, None
    span = relocate(text, anchor)
    if span is None:
        return None, Unlocated(pair_id, where, "not found by its anchors and hash")
    passage = span.of(text)
    first = text.find(passage)
    if first != span.start:
        # Gold texts are located by their first occurrence (docs/gold-format.md).
        reason = f"an identical passage occurs earlier (at {first}), gold would point there"
        return None, Unlocated(pair_id, where, reason)
    return passage, None


def gold_from_record(
    record: Mapping[str, Any], texts: Mapping[str, str]
) -> tuple[dict[str, Any], list[Unlocated]]:
    """Rebuild a gold file's data from a record and the two texts.

    Items with a passage that cannot be re-located are left out and returned as Unlocated.
    """
    pair_id = str(record["pair_id"])
    unlocated: list[Unlocated] = []

    def passages(entry: Mapping[str, Any], label: str) -> dict[str, str | None] | None:
        placed: dict[str, str | None] = {}
        for side in SIDES:
            if side not in entry:
                continue
            passage, problem = _place(texts[side], entry[side], f"{label}.{side}", pair_id)
            if problem is not None:
                unlocated.append(problem)
                return None
            placed[f"{side}_text"] = passage
        return placed

    findings = []
    for item in record["findings"]:
        placed = passages(item, f"findings[{item['id']}]")
        if placed is not None:
            fields = ("id", "kinds", "severity", "speaker", "in_quote")
            findings.append(
                {**{k: item[k] for k in fields if k in item}, **placed, "note": item.get("note")}
            )
    faithful = []
    for index, entry in enumerate(record.get("faithful") or []):
        placed = passages(entry, f"faithful[{index}]")
        if placed is not None:
            faithful.append({**placed, "speaker": entry.get("speaker"), "note": entry.get("note")})
    no_finding = []
    for index, entry in enumerate(record.get("no_finding") or []):
        placed = passages(entry, f"no_finding[{index}]")
        if placed is not None:
            no_finding.append({"derived_text": placed["derived_text"], "note": entry.get("note")})
    gold = {
        "pair_id": pair_id,
        "source": TEXT_FILES["source"],
        "derived": TEXT_FILES["derived"],
        "source_meta": meta_from_record(record.get("source_meta") or {}, texts["source"]),
        "derived_meta": meta_from_record(record.get("derived_meta") or {}, texts["derived"]),
        "source_speakers": record.get("source_speakers") or {},
        "findings": findings,
        "faithful": faithful,
        "no_finding": no_finding,
    }
    return gold, unlocated


@dataclass
class Materialized:
    """The outcome of materializing one record."""

    pair_id: str
    states: dict[str, TextState]
    gold_path: Path | None = None
    unlocated: list[Unlocated] = field(default_factory=list)


def load_texts(folder: Path) -> dict[str, Article]:
    """Both cached articles of a pair folder, read as sourcetrace reads them."""
    return {side: read_article(folder / TEXT_FILES[side]) for side in SIDES}


def materialize_pair(status: PairStatus, cache: Path) -> Materialized:
    """Write ``gold.json`` for one record whose two texts are in the cache."""
    outcome = Materialized(pair_id=status.pair_id, states=status.states)
    if not status.complete:
        return outcome
    folder = cache / status.pair_id
    articles = load_texts(folder)
    gold, outcome.unlocated = gold_from_record(
        status.record, {side: article.text for side, article in articles.items()}
    )
    # Check the rebuilt gold the way `sourcetrace eval` will read it before writing it.
    gold_from_dict(gold, articles["source"], articles["derived"], origin=status.pair_id)
    outcome.gold_path = folder / GOLD_FILE
    write_json(outcome.gold_path, gold)
    return outcome


def materialize(records_dir: Path, cache: Path, pair_ids: Sequence[str] = ()) -> list[Materialized]:
    """Rebuild ``gold.json`` in the cache for every record (or the named ones)."""
    statuses = pair_statuses(records_dir, cache)
    if pair_ids:
        unknown = sorted(set(pair_ids) - {status.pair_id for status in statuses})
        if unknown:
            raise InputError(f"no record for {', '.join(unknown)} in {records_dir}")
        statuses = [status for status in statuses if status.pair_id in pair_ids]
    return [materialize_pair(status, cache) for status in statuses]


def format_materialized(outcomes: Sequence[Materialized]) -> str:
    """One line per pair, then one per passage that could not be re-located."""
    lines = []
    for outcome in outcomes:
        if outcome.gold_path is None:
            absent = [side for side, s in outcome.states.items() if s is TextState.missing]
            lines.append(f"{outcome.pair_id}: not written, {' and '.join(absent)} missing")
            continue
        changed = [side for side, s in outcome.states.items() if s is TextState.changed]
        how = f" (re-located in the changed {' and '.join(changed)})" if changed else ""
        lines.append(f"{outcome.pair_id}: wrote {outcome.gold_path}{how}")
        for problem in outcome.unlocated:
            lines.append(f"  cannot re-locate {problem.where}: {problem.reason}; item left out")
    return "\n".join(lines)


# --- scoring -----------------------------------------------------------------------------------


@dataclass
class DevsetPair:
    """A record whose texts are present, as a gold pair ready to score."""

    record: dict[str, Any]
    gold: GoldPair


def load_devset(records_dir: Path, cache: Path) -> tuple[list[DevsetPair], list[tuple[str, str]]]:
    """The pairs that can be scored, and (pair id, why) for those that cannot."""
    ready: list[DevsetPair] = []
    missing: list[tuple[str, str]] = []
    for status in pair_statuses(records_dir, cache):
        if not status.complete:
            absent = [f"{s}.txt" for s, st in status.states.items() if st is TextState.missing]
            missing.append((status.pair_id, f"{' and '.join(absent)} missing"))
            continue
        articles = load_texts(cache / status.pair_id)
        data, unlocated = gold_from_record(
            status.record, {side: article.text for side, article in articles.items()}
        )
        if unlocated:
            missing.append((status.pair_id, f"{len(unlocated)} gold passages cannot be re-located"))
            continue
        gold = gold_from_dict(data, articles["source"], articles["derived"], origin=status.pair_id)
        ready.append(DevsetPair(record=status.record, gold=gold))
    return ready, missing


def critical_on_faithful(result: EvalResult, gold: GoldPair) -> int:
    """Critical false alarms lying on a passage the gold marks as faithfully rendered."""
    return sum(
        alarm.finding.severity is Severity.critical
        and any(same_place(alarm.finding, r.derived_span, r.source_span) for r in gold.faithful)
        for alarm in result.false_alarms
    )


@dataclass
class DevsetResult:
    """Scores of every present pair, their sum, and the pairs that could not be scored."""

    pairs: list[tuple[DevsetPair, EvalResult]]
    missing: list[tuple[str, str]]

    @property
    def total(self) -> EvalResult:
        return merge_results([result for _, result in self.pairs], pair_id="devset")

    def to_dict(self) -> dict[str, Any]:
        return {
            "scored": len(self.pairs),
            "missing": [{"pair_id": p, "why": why} for p, why in self.missing],
            "overall": self.total.to_dict(),
            "by_pair": [
                {
                    "pair_id": pair.gold.pair_id,
                    "topic": pair.record["topic"],
                    "style": pair.record["style"],
                    "critical_on_faithful": critical_on_faithful(result, pair.gold),
                    **result.to_dict(),
                }
                for pair, result in self.pairs
            ],
        }


def evaluate_devset(records_dir: Path, cache: Path, models: Any = None) -> DevsetResult:
    """Run the pipeline on every pair whose texts are present and score it against gold."""
    from sourcetrace.eval.runner import evaluate_pair

    ready, missing = load_devset(records_dir, cache)
    return DevsetResult(
        pairs=[(pair, evaluate_pair(pair.gold, models)) for pair in ready], missing=missing
    )


def format_devset(result: DevsetResult) -> str:
    """The per-pair table, then the summed scores (per kind, by severity, false alarms)."""
    from sourcetrace.eval.runner import format_scores

    lines = [f"Real-pair dev set: {len(result.pairs)} pairs scored, {len(result.missing)} missing"]
    lines += [f"  missing {pair_id}: {why}" for pair_id, why in result.missing]
    if not result.pairs:
        return "\n".join(lines)
    header = f"{'pair':34}{'topic':10}{'style':24}{'found':>8}{'correct':>9}{'FA':>4}{'crit/F':>7}"
    lines += ["", header]
    crit_total = 0
    for pair, scores in result.pairs:
        crit = critical_on_faithful(scores, pair.gold)
        crit_total += crit
        overall = scores.overall
        lines.append(
            f"{pair.gold.pair_id[:33]:34}{pair.record['topic'][:9]:10}"
            f"{pair.record['style'][:23]:24}{overall.found:>4}/{overall.gold:<3}"
            f"{overall.correct:>5}/{overall.predicted:<3}{len(scores.false_alarms):>4}{crit:>7}"
        )
    lines += [
        "found = gold items found / gold items; correct = findings matching gold / findings;",
        "FA = major/critical false alarms; crit/F = critical false alarms on faithful passages",
        "",
        format_scores(result.total),
        "",
        f"Critical false alarms on faithful passages: {crit_total}",
    ]
    return "\n".join(lines)
