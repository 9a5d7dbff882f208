"""Score corpus discovery on a labelled dev corpus (``sourcetrace eval --devcorpus FILE``).

The labels file (``devcorpus/corpus.json`` of the project) lists ``docs`` (id, event, url,
outlet, published, lang, ...) and ``links`` (source, derived, relation ``derives`` or
``siblings``, style, note); every pair of documents that no link joins is a labelled
non-copy. The texts live in a cache folder as ``<doc id>.txt`` (by default
``~/.cache/sourcetrace/devcorpus``, or ``$SOURCETRACE_DEVCORPUS``).

The English documents whose texts are cached are scanned (discovery and direction only, no
audit) and scored: discovery precision and recall (a found pair counts when a link joins it,
either way round), per link style, and direction accuracy on the ``derives`` links found.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sourcetrace.corpus.readers import is_english
from sourcetrace.errors import InputError

DEFAULT_CACHE = Path.home() / ".cache" / "sourcetrace" / "devcorpus"


@dataclass
class DevScore:
    """What ``eval --devcorpus`` measured."""

    docs: int
    missing: list[str]
    linked: int
    found: int
    true_found: int
    by_style: dict[str, tuple[int, int]] = field(default_factory=dict)
    direction: tuple[int, int] = (0, 0)
    false_pairs: list[tuple[str, str, str]] = field(default_factory=list)
    missed: list[tuple[str, str, str]] = field(default_factory=list)
    wrong_direction: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_found / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.true_found / self.linked if self.linked else 1.0


def load_labels(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("docs"), list):
        raise InputError(f"{path}: expected an object with a 'docs' list")
    for doc in data["docs"]:
        if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
            raise InputError(f"{path}: every doc needs a string 'id'")
    return data


def cache_folder(cache: Path | None) -> Path:
    if cache is not None:
        return cache
    return Path(os.environ.get("SOURCETRACE_DEVCORPUS") or DEFAULT_CACHE)


def write_jsonl(data: dict[str, Any], cache: Path, out: Path) -> tuple[list[str], list[str]]:
    """The cached English docs as scan input; returns (written ids, missing ids)."""
    written, missing = [], []
    with out.open("w", encoding="utf-8") as handle:
        for doc in data["docs"]:
            if not is_english(doc.get("lang")):
                continue
            path = cache / f"{doc['id']}.txt"
            if not path.is_file():
                missing.append(doc["id"])
                continue
            record = {
                "id": doc["id"],
                "text": path.read_text(encoding="utf-8"),
                "outlet": doc.get("outlet"),
                "published": doc.get("published"),
                "url": doc.get("url"),
            }
            handle.write(json.dumps(record) + "\n")
            written.append(doc["id"])
    return written, missing


def score(
    data: dict[str, Any], present: set[str], pairs: list[tuple[str, str, str]]
) -> tuple[DevScore, list[str]]:
    """Score found ``(source, derived, basis)`` pairs against the labels, over ``present``."""
    links = [
        link
        for link in data.get("links", [])
        if link.get("source") in present and link.get("derived") in present
    ]
    labelled = {frozenset((x["source"], x["derived"])): x for x in links}
    found = {frozenset((s, d)): (s, d, basis) for s, d, basis in pairs}
    by_style: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    result = DevScore(
        docs=len(present),
        missing=[],
        linked=len(labelled),
        found=len(found),
        true_found=len(set(found) & set(labelled)),
    )
    right = total = 0
    for key, link in sorted(labelled.items(), key=lambda kv: sorted(kv[0])):
        style = f"{link.get('relation')}/{link.get('style')}"
        by_style[style][1] += 1
        hit = found.get(key)
        if hit is None:
            result.missed.append((link["source"], link["derived"], style))
            continue
        by_style[style][0] += 1
        if link.get("relation") == "derives":
            total += 1
            if (hit[0], hit[1]) == (link["source"], link["derived"]):
                right += 1
            else:
                result.wrong_direction.append((hit[0], hit[1], hit[2]))
    result.false_pairs = sorted(v for k, v in found.items() if k not in labelled)
    result.by_style = {k: (v[0], v[1]) for k, v in sorted(by_style.items())}
    result.direction = (right, total)
    return result, []


def evaluate_devcorpus(labels: Path, cache: Path | None = None) -> DevScore:
    """Scan the cached English texts of a dev corpus and score discovery and direction."""
    from sourcetrace.corpus.scan import ScanSettings, scan
    from sourcetrace.corpus.store import Store

    data = load_labels(labels)
    folder = cache_folder(cache)
    with tempfile.TemporaryDirectory(prefix="sourcetrace-devcorpus-") as work:
        corpus = Path(work) / "devcorpus.jsonl"
        written, missing = write_jsonl(data, folder, corpus)
        if len(written) < 2:
            raise InputError(
                f"fewer than two cached English texts of {labels} in {folder}; "
                "collect them first (devcorpus/check.py status)"
            )
        out = Path(work) / "scan.duckdb"
        scan([corpus], out, ScanSettings(audit_limit=0))
        with Store(out, read_only=True) as store:
            pairs = [
                (str(s), str(d), str(b))
                for s, d, b in store.query(
                    "SELECT source_id, derived_id, direction_basis FROM pairs"
                )
            ]
            read = {str(row[0]) for row in store.query("SELECT id FROM articles")}
    result, _ = score(data, read, pairs)
    result.missing = missing
    return result


def format_score(result: DevScore) -> str:
    """The report ``eval --devcorpus`` prints."""
    right, total = result.direction
    lines = [
        f"dev corpus: {result.docs} English texts scanned"
        + (f" ({len(result.missing)} not cached)" if result.missing else ""),
        f"discovery: precision {result.precision:.3f} ({result.true_found}/{result.found} "
        f"found pairs are linked), recall {result.recall:.3f} "
        f"({result.true_found}/{result.linked} linked pairs found)",
        f"direction on 'derives' links found: {right}/{total}"
        + (f" ({right / total:.3f})" if total else ""),
        "recall by relation/style:",
    ]
    lines += [f"  {style}: {hit}/{count}" for style, (hit, count) in result.by_style.items()]
    lines += [f"missed: {s} ~ {d} ({style})" for s, d, style in result.missed]
    lines += [f"false pair: {s} -> {d} ({basis})" for s, d, basis in result.false_pairs]
    lines += [f"wrong direction: {s} -> {d} ({basis})" for s, d, basis in result.wrong_direction]
    return "\n".join(lines)
