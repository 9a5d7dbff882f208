"""Claim strength scoring and the InSciOut evaluation, on sentences written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcetrace.errors import InputError
from sourcetrace.eval.claim_strength import (
    claim_strength,
    compare_strength,
    found_strength,
    strength_cues,
)
from sourcetrace.eval.insciout import (
    classification_scores,
    evaluate_insciout,
    format_insciout,
    read_insciout,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.mark.parametrize(
    ("sentence", "strength"),
    [
        ("Walking to work reduces blood pressure in office staff.", 3),
        ("Daily stretching prevents back pain, the trial shows.", 3),
        ("Loud classrooms lead to poorer reading scores.", 3),
        ("Walking to work may reduce blood pressure in office staff.", 2),
        ("Daily stretching could help prevent back pain.", 2),
        ("These results suggest that loud classrooms lower reading scores.", 2),
        ("Walking to work is associated with lower blood pressure.", 1),
        ("Night-shift nurses were more likely to report poor sleep.", 1),
        ("Tea drinking is linked to a reduced risk of stroke.", 1),
        ("Walking to work was not associated with blood pressure.", 0),
        ("The new diet did not reduce weight in the trial group.", 0),
        ("Three quarters of the volunteers finished the survey.", 0),
        # Effects named by a noun or a predicate adjective, read off their clause.
        ("Morning light has a strong effect on mood in older adults.", 3),
        ("The tutoring scheme had no measurable effects on exam results.", 0),
        ("A short nap could be beneficial for night-shift drivers.", 2),
        ("The new vaccine is effective against the winter strain.", 3),
        # Denials carried by a verb above or beside the causal verb.
        ("The fee cap failed to reduce waiting times.", 0),
        ("The rules did not curb traffic or improve air quality.", 0),
        # A hedging noun that the causal verb completes.
        ("The team showed the potential of the device in preventing falls.", 2),
        # A comparative adjective compares; it does not act.
        ("Waiting times were lower in the northern clinics than in the south.", 0),
        # The causative "X makes Y Z".
        ("Loud music makes diners less willing to stay for dessert.", 3),
    ],
)
def test_claim_strength_scale(sentence: str, strength: int) -> None:
    assert claim_strength(sentence) == strength


def test_adjectival_participle_is_not_a_causal_claim() -> None:
    # "reduced" modifies "risk": the sentence is correlational, not "X reduces".
    cues = strength_cues("Gardeners had a reduced risk of falls.")
    assert {cue.level for cue in cues} == {1}
    text = "Gardeners had a reduced risk of falls."
    assert [cue.span.of(text) for cue in cues] == ["reduced risk"]


def test_no_cue_is_not_a_denial() -> None:
    # A text with no claim cue says nothing about strength; a denial is a cue of strength 0.
    assert found_strength("Three quarters of the volunteers finished the survey.") is None
    assert found_strength("Walking to work was not associated with blood pressure.") == 0


def test_compare_strength() -> None:
    assert compare_strength(None, 3) == "same"
    assert compare_strength(2, None) == "same"
    assert compare_strength(0, 3) == "exaggerates"
    assert compare_strength(1, 3) == "exaggerates"
    assert compare_strength(3, 2) == "downplays"
    assert compare_strength(2, 2) == "same"


def test_classification_scores() -> None:
    gold = ["same", "same", "exaggerates", "downplays"]
    predicted = ["same", "exaggerates", "exaggerates", "same"]
    scores = classification_scores(gold, predicted, ("same", "exaggerates", "downplays"))
    assert scores.confusion["same"] == {"same": 1, "exaggerates": 1, "downplays": 0}
    assert scores.per_class["same"]["f1"] == pytest.approx(0.5)
    assert scores.per_class["exaggerates"]["f1"] == pytest.approx(2 / 3)
    assert scores.per_class["downplays"]["f1"] == 0.0
    assert scores.macro_f1 == pytest.approx((0.5 + 2 / 3) / 3)
    assert scores.accuracy == 0.5


def write_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    return path


def test_evaluate_insciout_on_written_rows(tmp_path: Path) -> None:
    rows = [
        {
            "abstract_conclusion": "Walking to work is associated with lower blood pressure.",
            "press_release_conclusion": "Walking to work lowers your blood pressure.",
            "exaggeration_label": "exaggerates",
        },
        {
            "abstract_conclusion": "Daily stretching prevents back pain.",
            "press_release_conclusion": "Daily stretching might ease back pain, a study suggests.",
            "exaggeration_label": "downplays",
        },
        {
            "abstract_conclusion": "Night-shift nurses were more likely to report poor sleep.",
            "press_release_conclusion": "Nurses on night shifts are more likely to sleep badly.",
            "exaggeration_label": "same",
        },
    ]
    result = evaluate_insciout(write_rows(tmp_path / "rows.jsonl", rows))
    assert [p for _, _, p in result.predictions] == ["exaggerates", "downplays", "same"]
    assert result.scores.macro_f1 == 1.0
    assert result.majority_label in ("exaggerates", "downplays", "same")
    text = format_insciout(result)
    assert "macro-F1" in text and "majority" in text and "confusion" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json\n", "not valid JSON"),
        ('{"abstract_conclusion": "a", "exaggeration_label": "same"}\n', "press_release"),
        (
            '{"abstract_conclusion": "a", "press_release_conclusion": "b", '
            '"exaggeration_label": "louder"}\n',
            "unknown exaggeration_label",
        ),
        ("\n", "no rows"),
    ],
)
def test_bad_insciout_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_insciout(path)


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside the checkout")
def test_insciout_scorer_beats_majority_baseline() -> None:
    result = evaluate_insciout(SHARED / "data" / "insciout" / "insciout_train.jsonl")
    assert result.rows == 100
    assert result.scores.macro_f1 > result.baseline.macro_f1 + 0.1
    # The figure the project promises (docs/evaluation.md): macro-F1 of at least 0.60.
    assert result.scores.macro_f1 >= 0.60
