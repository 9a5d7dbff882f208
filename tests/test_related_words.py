"""Related words (verify/related.py) and what the addition check makes of them.

The calibration lists below are general English written for this test (nothing taken from any
article): 40 synonym pairs and 40 pairs that must never count as related, antonyms among them
(embeddings put antonyms close together). SYNONYM_SIMILARITY is set so that no pair of the
second list passes; the first list shows how many near-synonyms that threshold still catches.
"""

from __future__ import annotations

import pytest

from sourcetrace.ingest import from_text
from sourcetrace.nlp import default_models
from sourcetrace.pipeline import check
from sourcetrace.verify import related

SYNONYMS = [
    ("buy", "purchase"), ("big", "large"), ("begin", "start"), ("end", "finish"),
    ("help", "assist"), ("show", "demonstrate"), ("try", "attempt"), ("answer", "reply"),
    ("quick", "fast"), ("small", "little"), ("rich", "wealthy"), ("car", "automobile"),
    ("job", "occupation"), ("country", "nation"), ("result", "outcome"), ("notice", "observe"),
    ("humanity", "mankind"), ("defend", "protect"), ("mistake", "error"), ("replace", "substitute"),
    ("strengthen", "reinforce"), ("danger", "threat"), ("attack", "assault"), ("grow", "expand"),
    ("shut", "close"), ("choose", "select"), ("hide", "conceal"), ("fix", "repair"),
    ("enough", "sufficient"), ("maybe", "perhaps"), ("often", "frequently"), ("house", "home"),
    ("child", "kid"), ("doctor", "physician"), ("allow", "permit"), ("need", "require"),
    ("colour", "color"), ("centre", "center"), ("defending", "defence"), ("west", "western"),
]  # fmt: skip

NOT_RELATED = [
    # antonyms and converses
    ("cheap", "expensive"), ("buy", "sell"), ("win", "lose"), ("big", "small"),
    ("agree", "disagree"), ("success", "failure"), ("early", "late"), ("strengthen", "weaken"),
    ("allow", "forbid"), ("include", "exclude"), ("accept", "reject"), ("increase", "decrease"),
    ("open", "close"), ("rich", "poor"), ("rise", "fall"), ("true", "false"),
    ("attack", "defend"), ("support", "oppose"), ("love", "hate"), ("begin", "end"),
    ("able", "unable"), ("legal", "illegal"), ("likely", "unlikely"), ("suggest", "order"),
    ("consider", "approve"), ("ask", "demand"),
    # unrelated words
    ("buy", "sleep"), ("big", "green"), ("begin", "table"), ("help", "river"),
    ("quick", "legal"), ("car", "theory"), ("job", "banana"), ("country", "pencil"),
    ("result", "weather"), ("military", "cooking"), ("threat", "bicycle"), ("part", "particular"),
    ("state", "statement"), ("port", "portrait"),
]  # fmt: skip


@pytest.fixture(scope="module")
def encoder():  # type: ignore[no-untyped-def]
    return default_models().encoder


def test_calibration_lists_have_forty_pairs_each() -> None:
    assert len(SYNONYMS) == 40 and len(NOT_RELATED) == 40


def test_no_antonym_or_unrelated_pair_counts_as_related(encoder) -> None:  # type: ignore[no-untyped-def]
    passed = [(a, b) for a, b in NOT_RELATED if related.related_word(encoder, a, [b])]
    assert passed == []


def test_threshold_keeps_a_share_of_synonyms(encoder) -> None:  # type: ignore[no-untyped-def]
    caught = [(a, b) for a, b in SYNONYMS if related.related_word(encoder, a, [b])]
    # The threshold trades recall for safety: about a third of the list, spelling variants
    # and derivational relatives always among them.
    assert len(caught) >= 12, caught
    for pair in [("colour", "color"), ("defending", "defence"), ("west", "western")]:
        assert pair in caught


def test_opposites_by_prefix_and_by_predicate_scale() -> None:
    assert related.opposite("able", "unable") and related.opposite("disagree", "agree")
    assert related.opposite("suggest", "order")  # one family, different strength
    assert not related.opposite("ask", "request")  # one family, same strength
    assert not related.opposite("buy", "purchase")


def test_snowball_stems_relate_without_an_encoder() -> None:
    assert related.related_word(None, "national", ["nation"]) == "nation"
    assert related.related_word(None, "purchase", ["buy"]) is None


def _additions(source: str, derived: str) -> list[str]:
    report = check(from_text(source), from_text(derived))
    return [
        f.derived_span.of(report.derived.article)
        for f in report.findings
        if f.kind == "unsupported_addition" and f.derived_span is not None
    ]


def test_paraphrase_by_relatives_and_synonyms_is_not_an_addition() -> None:
    found = _additions(
        "The town council will defend its decision to purchase the old mill. "
        "The mill will begin a new life as a library.",
        "The town council is defending its choice to buy the old mill. "
        "The mill will start a new life as a library.",
    )
    assert not any("buy" in text or "defending" in text for text in found), found


def test_new_words_beside_synonyms_are_still_reported() -> None:
    found = _additions(
        "The town council will purchase the old mill next to the river.",
        "The town council will buy the old mill next to the river, "
        "despite furious protests from angry fishermen.",
    )
    assert any("furious protests" in text or "angry fishermen" in text for text in found), found


def test_pronoun_one_and_fixed_phrases_carry_no_claim() -> None:
    found = _additions(
        "The ferry company said the storm was a reason for the delay on the island route.",
        "The ferry company said the storm, in particular, was one of the reasons for the "
        "delay on the island route.",
    )
    assert found == [], found


def test_time_reference_repeated_in_fuller_form_is_reported_once() -> None:
    found = _additions(
        "The two museums signed an agreement on shared exhibitions on Monday.",
        "Museums agree on exhibitions until 2031\n\n"
        "The two museums signed an agreement on shared exhibitions for the period 2027-2031.",
    )
    assert any("2027-2031" in text for text in found), found
    assert "2031" not in found, found
