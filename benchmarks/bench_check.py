"""`make bench`: seconds per pair (cold CLI process, warm new pair, warm cached) and memory.

Pairs: the project's demo pair, and the seed pair in ../shared/seeds when present. A "new
pair" is one this process has never seen: each run appends a fresh random (fictional)
sentence to both texts and empties the parse and embedding caches, so nothing is reused.
Per-stage times split a warm check into load, parse (spaCy), attribute, encode (the sentence
encoder), align and verify, in wall and CPU seconds. On a shared machine wall times swell with
the load, so an estimate of the wall time on an idle 2-core machine is printed as well: the CPU
seconds of each stage, the encoder's divided by two (ONNX Runtime runs it on both cores,
spending about the same CPU as on one), the rest on one core (spaCy and Python hold the GIL).
Targets (issue 13): under 0.3 s warm for a new pair and under 4 s cold, on the 2-core machine.
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
RUNS = 7

SUBJECTS = ["A spokesperson", "The regional office", "An analyst", "The committee chair"]
ENDINGS = ["weeks", "months", "board meetings", "site visits"]


def pairs() -> list[tuple[str, Path, Path]]:
    found = [("demo", ROOT / "examples" / "source.txt", ROOT / "examples" / "derived.txt")]
    if (SEEDS / "000_229fa39127546c3a.txt").exists():
        found.append(
            ("seed", SEEDS / "000_229fa39127546c3a.txt", SEEDS / "002_2818d438f6899523.txt")
        )
    return found


def fresh_sentence(rng: random.Random) -> str:
    """A fictional sentence no run has used before (a random number makes it unique)."""
    return (
        f"\n\n{rng.choice(SUBJECTS)} said the review would take {rng.randint(2, 99_999)} "
        f"{rng.choice(ENDINGS)}."
    )


def perturbed(article: Any, rng: random.Random) -> Any:
    from dataclasses import replace

    return replace(article, text=article.text + fresh_sentence(rng))


def cold_cli(source: Path, derived: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of `sourcetrace check` in a new process."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sourcetrace", "check", str(source), str(derived), "-f", "json",
         "-o", os.devnull],
        check=True,
    )  # fmt: skip
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    return wall, cpu, max(usage.ru_maxrss, before) / 1024


STAGES = ("parse", "attribute", "encode", "align", "verify")


def staged_check(source: Any, derived: Any, models: Any) -> dict[str, tuple[float, float]]:
    """One check, stage by stage (the same calls as sourcetrace.pipeline.check): for each
    stage its (wall, CPU) seconds. "encode" fills the embedding cache that align then reads."""
    from sourcetrace.align import EMBEDDINGS, _units, align
    from sourcetrace.model import AlignedPair, Report
    from sourcetrace.pipeline import PARSES, _document
    from sourcetrace.verify import verify
    from sourcetrace.verify.omission import coverage
    from sourcetrace.verify.quote_match import quote_checks

    times: dict[str, tuple[float, float]] = {}

    def timed(name: str, step: Callable[[], Any]) -> Any:
        start, start_cpu = time.perf_counter(), time.process_time()
        value = step()
        times[name] = (time.perf_counter() - start, time.process_time() - start_cpu)
        return value

    parsed = timed("parse", lambda: PARSES.parse(models.nlp, [source.text, derived.text]))
    documents = timed(
        "attribute",
        lambda: (_document(source, models, parsed[0]), _document(derived, models, parsed[1])),
    )
    timed(
        "encode",
        lambda: EMBEDDINGS.encode(
            models.encoder, _units(documents[1]).texts + _units(documents[0]).texts
        ),
    )
    alignments = timed("align", lambda: align(documents[0], documents[1], models.encoder))
    pair = AlignedPair(documents[0], documents[1], alignments)
    timed(
        "verify",
        lambda: Report(
            source=documents[0],
            derived=documents[1],
            alignments=alignments,
            findings=verify(pair),
            coverage=coverage(pair),
            quotes=quote_checks(pair),
        ),
    )
    return times


def main() -> None:
    from sourcetrace.align import EMBEDDINGS
    from sourcetrace.ingest import load
    from sourcetrace.pipeline import PARSES, check

    rng = random.Random()
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for name, source, derived in pairs():
        cold, cold_cpu, cold_peak = cold_cli(source, derived)
        print(f"[{name}] cold CLI `sourcetrace check` (new process): {cold:.2f} s "
              f"(CPU {cold_cpu:.2f} s), peak RSS {cold_peak:.0f} MiB (target < 4 s)")  # fmt: skip

    start = time.perf_counter()
    from sourcetrace.nlp import default_models

    models = default_models()
    print(f"model load in this process: {time.perf_counter() - start:.2f} s "
          f"(encoder: {type(models.encoder).__name__})")  # fmt: skip
    for name, source_path, derived_path in pairs():
        start = time.perf_counter()
        base = load(source_path), load(derived_path)
        load_s = time.perf_counter() - start
        check(*base, models=models)  # first-call caches (lexicons, dateparser)
        walls, cpus, stages = [], [], []
        for _ in range(RUNS):
            source, derived = perturbed(base[0], rng), perturbed(base[1], rng)
            PARSES.clear()
            EMBEDDINGS.clear()
            start, start_cpu = time.perf_counter(), time.process_time()
            stages.append(staged_check(source, derived, models))
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - start_cpu)
        cached = []
        for _ in range(RUNS):  # the same articles again, as in corpus scans and the web app
            start = time.perf_counter()
            check(*base, models=models)
            cached.append(time.perf_counter() - start)
        wall = {stage: statistics.median(s[stage][0] for s in stages) for stage in STAGES}
        cpu = {stage: statistics.median(s[stage][1] for s in stages) for stage in STAGES}
        idle = sum(cpu.values()) - cpu["encode"] / 2
        print(
            f"[{name}] warm check, new pair: median {statistics.median(walls):.3f} s, "
            f"best {min(walls):.3f} s, CPU {statistics.median(cpus):.3f} s (target < 0.3 s); "
            f"on an idle 2-core machine about {idle:.2f} s"
        )
        print(f"[{name}]   stages, median wall s: load {load_s:.3f}, "
              + ", ".join(f"{k} {v:.3f}" for k, v in wall.items()))  # fmt: skip
        print(f"[{name}]   stages, median CPU s:  "
              + ", ".join(f"{k} {v:.3f}" for k, v in cpu.items()))  # fmt: skip
        print(f"[{name}] warm check, texts already parsed and encoded: "
              f"median {statistics.median(cached):.3f} s")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this (warm) process: {peak:.0f} MiB (target < 1024 MiB)")
    print(f"load average at end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(a shared machine inflates wall times; CPU times are steadier)")  # fmt: skip


if __name__ == "__main__":
    main()
