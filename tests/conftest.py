"""Shared fixtures: the project's own demo pair, audited once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def demo_report():  # type: ignore[no-untyped-def]
    from sourcetrace.pipeline import check

    return check(ROOT / "examples" / "source.txt", ROOT / "examples" / "derived.txt")
