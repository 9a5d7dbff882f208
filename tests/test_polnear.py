"""The PolNeAR scorer: BRAT parsing and scoring on hand-written snippets, and a small real run."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcetrace.errors import InputError
from sourcetrace.eval.polnear import (
    GoldAttribution,
    Predicted,
    evaluate_polnear,
    format_polnear,
    parse_ann,
    publisher_of,
    score_article,
    source_matches,
)
from sourcetrace.model import Span

POLNEAR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear"

TEXT = 'Mayor Ana Ruiz said the bridge is safe. "It will stand," she added, and left.'
ANN = "\n".join(
    [
        "T1\tSource 0 14\tMayor Ana Ruiz",
        "T2\tCue 15 19\tsaid",
        "T3\tContent 20 38\tthe bridge is safe",
        "T4\tAttribution 15 19\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        'T5\tContent 40 50;50 56\t"It will stand,"',
        "T6\tSource 57 60\tshe",
        "T7\tCue 61 66\tadded",
        "T8\tAttribution 61 66\tadded",
        "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6",
        "T9\tDiscard 72 77\tleft.",
    ]
)


def test_parse_ann_reads_events_and_discontinuous_spans() -> None:
    gold = parse_ann(ANN, TEXT)
    assert gold == [
        GoldAttribution(Span(20, 38), "Mayor Ana Ruiz"),
        GoldAttribution(Span(40, 56), "she"),
    ]


def test_parse_ann_rejects_bad_offsets() -> None:
    with pytest.raises(InputError):
        parse_ann("T1\tContent x y\tword\n", TEXT)


def test_exact_overlap_and_source() -> None:
    gold = parse_ann(ANN, TEXT)
    predicted = [
        Predicted(Span(20, 39), ("Ana Ruiz",)),  # trailing full stop: still exact
        Predicted(Span(41, 55), ("Tom Vidal",)),  # right quote, wrong speaker
        Predicted(Span(68, 77), ("nobody",)),  # false positive
    ]
    scores = score_article(TEXT, gold, predicted)
    assert (scores.gold, scores.predicted) == (2, 3)
    assert scores.exact == 2
    assert scores.overlap == 2
    assert scores.source_found == 2 and scores.source_correct == 1
    assert scores.overlap_precision == pytest.approx(2 / 3)
    assert scores.overlap_recall == 1.0
    assert scores.source_accuracy == 0.5


def test_overlap_matching_is_one_to_one() -> None:
    gold = [GoldAttribution(Span(0, 10), None), GoldAttribution(Span(12, 20), None)]
    scores = score_article("x" * 30, gold, [Predicted(Span(0, 20), ("a",))])
    assert scores.overlap == 1 and scores.with_source == 0


def test_empty_prediction_scores_zero() -> None:
    scores = score_article(TEXT, parse_ann(ANN, TEXT), [])
    assert scores.overlap_f1 == 0.0 and scores.exact_f1 == 0.0 and scores.source_recall == 0.0


def test_source_matching_is_fuzzy_on_names() -> None:
    assert source_matches("Sen. Jane Roe", ["Jane Roe"])
    assert source_matches("the campaign", ["campaign"])
    assert not source_matches("Jane Roe", ["Tom Vidal", "vidal"])


def test_publisher_of() -> None:
    assert publisher_of("nyt_2016-01-02_some-title_ab12") == "nyt"


def test_missing_split_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        evaluate_polnear(tmp_path, split="dev")


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="shared PolNeAR folder absent")
def test_small_dev_run_with_textacy_peer() -> None:
    result = evaluate_polnear(POLNEAR, split="dev", peer="textacy", limit=3)
    assert result.articles == 3
    overall = result.ours["all"]
    assert overall.gold > 0 and overall.predicted > 0
    for scores in (overall, result.peer["all"]):
        for value in (
            scores.exact_f1,
            scores.overlap_f1,
            scores.overlap_precision,
            scores.overlap_recall,
            scores.source_accuracy,
            scores.source_recall,
        ):
            assert 0.0 <= value <= 1.0
    assert overall.overlap > 0
    table = format_polnear(result)
    assert "all" in table and "textacy" in table
