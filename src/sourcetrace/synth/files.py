"""``sourcetrace synth``: distort an article file and write the derived text and its gold file."""

from __future__ import annotations

import json
import os
import random
from collections.abc import Sequence
from pathlib import Path

from sourcetrace.errors import InputError
from sourcetrace.synth import SynthPair, derive, parse_kinds


def _write(path: Path, content: str) -> None:
    """Write a file whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(content, encoding="utf-8")
    partial.replace(path)


def synthesize(
    source: Path,
    *,
    kinds: str | Sequence[str],
    seed: int,
    derived_path: Path,
    gold_path: Path,
    n_edits: int = 3,
    noise: bool = True,
) -> SynthPair:
    """Distort the article in ``source``; write the derived text and a gold file naming both.

    The gold file names the two texts relative to its own folder, so ``sourcetrace eval
    GOLD.json`` finds them; the source's title, outlet and date go into ``source_meta``.
    """
    from sourcetrace.eval.gold import validate_gold
    from sourcetrace.ingest import load

    if not source.is_file():
        raise InputError(f"synth needs a source file, not {str(source)!r}")
    names = parse_kinds(kinds)
    article = load(source)
    pair = derive(
        article.text,
        kinds=names,
        rng=random.Random(seed),
        n_edits=n_edits,
        noise=noise,
        pair_id=derived_path.stem,
        source_name=os.path.relpath(source.resolve(), gold_path.resolve().parent),
        derived_name=os.path.relpath(derived_path.resolve(), gold_path.resolve().parent),
    )
    meta = article.meta()
    pair.gold["source_meta"] = {
        key: meta[key] for key in ("title", "outlet", "published") if meta.get(key)
    }
    validate_gold(pair.gold, origin="synth")
    _write(derived_path, pair.derived_text)
    _write(gold_path, json.dumps(pair.gold, indent=1, ensure_ascii=False) + "\n")
    return pair
