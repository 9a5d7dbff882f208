"""Finding the read-only ``shared/`` folder (seed pair, PolNeAR, InSciOut) beside the checkout.

The evaluation data is never copied into the repository; it is read where it lies: ``shared``
next to the repository (``../shared`` from the repository root) or next to the working
directory. ``SOURCETRACE_SHARED`` overrides both.
"""

from __future__ import annotations

import os
from pathlib import Path

# src/sourcetrace/eval/shared.py -> parents[3] is the repository root
REPOSITORY_ROOT = Path(__file__).resolve().parents[3]


def shared_dir() -> Path | None:
    """The first existing shared folder, or None."""
    candidates = []
    override = os.environ.get("SOURCETRACE_SHARED")
    if override:
        candidates.append(Path(override))
    candidates += [
        Path.cwd().parent / "shared",
        Path.cwd() / "shared",
        REPOSITORY_ROOT.parent / "shared",
    ]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate.resolve()
    return None


def polnear_texts(shared: Path | None, split: str = "dev") -> list[Path]:
    """PolNeAR article text files of ``split`` (sorted), or none when the corpus is absent."""
    if shared is None:
        return []
    folder = shared / "data" / "polnear" / split / "text"
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []
