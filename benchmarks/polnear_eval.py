"""Score sourcetrace's attribution layer on PolNeAR, beside textacy's direct-quotation rules.

    .venv/bin/python benchmarks/polnear_eval.py [--root DIR] [--split dev|train] [--limit N]
                                                [--no-peer]

Prints a table per publisher and overall: content exact F1, content overlap P/R/F1, source
accuracy (speaker right among gold attributions whose content was found) and source recall
(speaker right among all gold attributions with a source). Thresholds were developed on the
train split only; dev is the reported figure.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sourcetrace.errors import SourcetraceError
from sourcetrace.eval.polnear import evaluate_polnear, format_polnear

DEFAULT_ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="PolNeAR data folder")
    parser.add_argument("--split", default="dev", choices=("train", "dev"))
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument("--no-peer", action="store_true", help="skip textacy")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        result = evaluate_polnear(
            args.root, split=args.split, peer=None if args.no_peer else "textacy", limit=args.limit
        )
    except SourcetraceError as exc:
        print(f"polnear_eval: error: {exc}", file=sys.stderr)
        return 2
    print(format_polnear(result))
    print(f"({time.perf_counter() - started:.1f} s, parse included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
