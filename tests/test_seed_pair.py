"""Acceptance: the seed pair scored against ../shared/seeds/gold.json (read, never copied)."""

from __future__ import annotations

import pytest
from tests.conftest import SHARED

GOLD = SHARED / "seeds" / "gold.json"
pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="../shared is not beside the checkout")


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    from sourcetrace.eval.gold import load_gold
    from sourcetrace.eval.runner import evaluate_pair

    return evaluate_pair(load_gold(GOLD))


def test_every_critical_and_major_gold_item_is_found(result) -> None:  # type: ignore[no-untyped-def]
    for severity in ("critical", "major"):
        counts = result.by_severity[severity]
        assert counts.found == counts.gold, [m.item.id for m in result.missed]


def test_at_least_15_of_17_gold_items(result) -> None:  # type: ignore[no-untyped-def]
    assert result.overall.found >= 15, [m.item.id for m in result.missed]


def test_no_false_alarms(result) -> None:  # type: ignore[no-untyped-def]
    assert result.false_alarms == [], [
        (f.finding.kind, f.derived_text) for f in result.false_alarms
    ]
