"""Check the dev corpus cache against devcorpus/corpus.json and export it for `sourcetrace scan`.

The page texts are not in git: each lives in the cache as ``<doc_id>.txt`` (exactly the excerpt
the `search` tool's `pages` corpus returned, UTF-8, no added newline). corpus.json holds the labels
and a sha256 for every text.

    python devcorpus/check.py status            # missing docs (url + query), bad hashes
    python devcorpus/check.py jsonl OUT.jsonl   # cached texts as JSONL for `sourcetrace scan`

The cache folder is ~/.cache/sourcetrace/devcorpus unless --cache DIR or the environment variable
SOURCETRACE_DEVCORPUS says otherwise. Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from itertools import combinations
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS_JSON = HERE / "corpus.json"
DEFAULT_CACHE = Path.home() / ".cache" / "sourcetrace" / "devcorpus"
MIN_WORDS = 20  # sourcetrace's readers skip shorter records (corpus/readers.py MIN_WORDS)


class CheckError(Exception):
    """A problem with the inputs, reported as one line."""


def load_corpus(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CheckError(f"{path}: cannot read ({exc.strerror})") from exc
    except json.JSONDecodeError as exc:
        raise CheckError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("docs"), list):
        raise CheckError(f"{path}: expected an object with a 'docs' list")
    return data


def read_text(cache: Path, doc_id: str) -> str | None:
    """The cached text of a doc, exactly as stored, or None when it is missing."""
    try:
        return (cache / f"{doc_id}.txt").read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return None


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def label_problems(data: dict[str, Any]) -> list[str]:
    """Inconsistencies in the labels themselves (unknown ids, duplicate pairs, bad relations)."""
    ids = [d["id"] for d in data["docs"]]
    problems = [f"duplicate doc id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    known, seen = set(ids), set()
    for link in data.get("links", []):
        pair = frozenset((link["source"], link["derived"]))
        for end in pair - known:
            problems.append(f"link names unknown doc {end}")
        if link["relation"] not in ("derives", "siblings"):
            problems.append(f"link {sorted(pair)} has relation {link['relation']!r}")
        if pair in seen:
            problems.append(f"pair {sorted(pair)} is linked twice")
        seen.add(pair)
    return problems


def status(data: dict[str, Any], cache: Path) -> int:
    missing, mismatched, short, ok = [], [], [], 0
    for doc in data["docs"]:
        text = read_text(cache, doc["id"])
        if text is None:
            missing.append(doc)
        elif sha256(text) != doc["sha256"]:
            mismatched.append((doc, len(text)))
        else:
            ok += 1
            if len(text.split()) < MIN_WORDS:
                short.append(doc["id"])
    links = data.get("links", [])
    events = sorted({d["event"] for d in data["docs"]})
    pairs = sum(
        1 for e in events for _ in combinations([d for d in data["docs"] if d["event"] == e], 2)
    )
    print(f"cache: {cache}")
    print(
        f"{len(data['docs'])} docs in {len(events)} events, {len(links)} links "
        f"({pairs} same-event pairs); {ok} cached and matching, {len(missing)} missing, "
        f"{len(mismatched)} hash mismatch"
    )
    for doc in missing:
        print(f"MISSING {doc['id']}\n  url:   {doc['url']}\n  query: {doc['query']}")
    for doc, chars in mismatched:
        print(f"HASH MISMATCH {doc['id']} ({chars} chars cached, {doc['chars']} expected)")
    for doc_id in short:
        print(f"SHORT {doc_id}: under {MIN_WORDS} words, `sourcetrace scan` will skip it")
    problems = label_problems(data)
    for problem in problems:
        print(f"LABEL {problem}")
    return 0 if not (missing or mismatched or problems) else 1


def export_jsonl(data: dict[str, Any], cache: Path, out: Path) -> int:
    written, skipped = 0, []
    try:
        handle = out.open("w", encoding="utf-8")
    except OSError as exc:
        raise CheckError(f"{out}: cannot write ({exc.strerror})") from exc
    with handle:
        for doc in data["docs"]:
            text = read_text(cache, doc["id"])
            if text is None or sha256(text) != doc["sha256"]:
                skipped.append(doc["id"])
                continue
            record = {
                "id": doc["id"],
                "text": text,
                "url": doc["url"],
                "outlet": doc["outlet"],
                "published": doc["published"],
                "lang": doc["lang"],
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    print(f"wrote {written} records to {out}", file=sys.stderr)
    if skipped:
        print(
            f"left out {len(skipped)} missing or changed docs (run `status`): {', '.join(skipped)}",
            file=sys.stderr,
        )
    return 0 if written else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, help="folder with the <doc_id>.txt files")
    parser.add_argument("--corpus", type=Path, default=CORPUS_JSON, help="labels file")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("status", help="report missing and changed cached texts")
    jsonl = sub.add_parser("jsonl", help="write the cached texts as JSONL for sourcetrace scan")
    jsonl.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    cache = args.cache or Path(os.environ.get("SOURCETRACE_DEVCORPUS") or DEFAULT_CACHE)
    try:
        data = load_corpus(args.corpus)
        if args.command == "status":
            return status(data, cache)
        return export_jsonl(data, cache, args.out)
    except CheckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
