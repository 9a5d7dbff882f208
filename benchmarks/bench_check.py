"""`make bench`: seconds per pair (cold process and warm) and peak memory on one pair.

Uses the seed pair in ../shared/seeds when present, else the project's demo pair.
Targets (issue 3): under 0.3 s warm and under 1 GiB on the 2-core machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def pair() -> tuple[Path, Path]:
    if (SEEDS / "000_229fa39127546c3a.txt").exists():
        return SEEDS / "000_229fa39127546c3a.txt", SEEDS / "002_2818d438f6899523.txt"
    return ROOT / "examples" / "source.txt", ROOT / "examples" / "derived.txt"


def main() -> None:
    source, derived = pair()
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sourcetrace.cli", "check", str(source), str(derived), "-f", "json",
         "-o", "/dev/null"],
        check=True,
    )  # fmt: skip
    cold = time.perf_counter() - start

    from sourcetrace.ingest import load
    from sourcetrace.nlp import default_models
    from sourcetrace.pipeline import check

    models = default_models()
    articles = load(source), load(derived)
    check(*articles, models=models)  # warm-up: first-call caches (lexicons, dateparser)
    from sourcetrace.align import EMBEDDINGS

    runs, cpu, cached = [], [], []
    for _ in range(5):
        EMBEDDINGS.clear()  # a new pair: nothing encoded yet
        start, start_cpu = time.perf_counter(), time.process_time()
        check(*articles, models=models)
        runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    for _ in range(5):  # the same articles again, as in corpus scans and the web app
        start = time.perf_counter()
        check(*articles, models=models)
        cached.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pair: {source.name} -> {derived.name}")
    print(f"cold process (load models + check): {cold:.2f} s")
    print(f"warm check: median {sorted(runs)[2]:.3f} s, best {min(runs):.3f} s (target < 0.3 s)")
    print(f"warm check, sentences already encoded: median {sorted(cached)[2]:.3f} s")
    # CPU seconds (all threads) are steadier than wall time on a shared machine.
    print(f"warm check CPU time: median {sorted(cpu)[2]:.3f} s over all threads")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"peak memory: {peak:.0f} MiB (target < 1024 MiB)")


if __name__ == "__main__":
    main()
