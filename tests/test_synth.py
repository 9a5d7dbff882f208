"""The distortion generator: every kind changes what it claims to, and the gold says where."""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sourcetrace.errors import InputError
from sourcetrace.eval.gold import gold_from_dict, validate_gold
from sourcetrace.model import Article
from sourcetrace.synth import ALL_DISTORTIONS, DISTORTION_KINDS, derive, parse_kinds
from sourcetrace.synth.articles import generate_articles
from sourcetrace.synth.recall import format_synth_recall, synth_recall

SOURCE = "\n".join(
    [
        "Lenwick council delays reservoir plan",
        "",
        "The Greyfen Water Board said on Tuesday that the reservoir may reach full capacity by "
        "4 March.",
        "Mara Quint, a hydrologist at the Lenwick Institute, said both the north dam and the "
        "south dam need urgent repairs.",
        '"Nobody expects a flood this year, but we cannot rule it out completely," Quint said.',
        "Quint said the board will cut supply to farms in Harrowgate if the rains continue.",
        "",
        "Tomas Eberle, the finance chief of the Greyfen Water Board, said all of the 12 "
        "proposals would cost more than $3.5 million.",
        '"I think we should not rush this very expensive decision," Eberle said.',
        "According to Eberle, the Ostravel Rail Company has not paid its share since 2029.",
        "The council will meet in Lenwick and Corran next week to discuss the plan.",
        "",
    ]
)

NEGATIONS = re.compile(r"\b(?:not|never)\b|n't")
HEDGES = re.compile(
    r"\b(?:may|might|could|if|unless|i think|largely|partly|perhaps|possibly)\b", re.I
)


def words(text: str) -> list[str]:
    return re.findall(r"[\w$']+(?:[.,]\d+)*|[“”\"]", text.lower())


def items_of(pair_gold: dict[str, Any], op: str) -> list[dict[str, Any]]:
    findings = pair_gold["findings"]
    assert isinstance(findings, list)
    return [item for item in findings if item["id"].split("-", 1)[1] == op]


@pytest.fixture(scope="module")
def pairs() -> dict[str, object]:
    """One single-distortion pair per kind (noise off, so only the distortion changes)."""
    return {
        op: derive(SOURCE, kinds=[op], rng=random.Random(7), n_edits=1, noise=False)
        for op in ALL_DISTORTIONS
    }


@pytest.mark.parametrize("op", ALL_DISTORTIONS)
def test_each_distortion_is_recorded_where_it_happened(pairs: dict, op: str) -> None:
    pair = pairs[op]
    assert pair.derived_text != SOURCE
    validate_gold(pair.gold)
    (item,) = items_of(pair.gold, op)
    assert DISTORTION_KINDS[op] == item["kinds"][0]
    derived_text, source_text = item["derived_text"], item["source_text"]
    if derived_text is not None:
        assert pair.derived_text.count(derived_text) == 1
        assert derived_text not in SOURCE
    if source_text is not None:
        assert SOURCE.count(source_text) == 1
    # the loader finds every recorded text at the place the generator wrote it
    gold = gold_from_dict(pair.gold, Article(text=SOURCE), Article(text=pair.derived_text))
    assert gold.items[0].id == item["id"]


def test_negation_flips_polarity(pairs: dict) -> None:
    (item,) = items_of(pairs["negation"].gold, "negation")
    before = len(NEGATIONS.findall(item["source_text"]))
    after = len(NEGATIONS.findall(item["derived_text"]))
    assert abs(before - after) == 1
    assert item["severity"] in ("critical", "major")


def test_hedge_removal_drops_a_hedge(pairs: dict) -> None:
    (item,) = items_of(pairs["hedge_removal"].gold, "hedge_removal")
    assert len(HEDGES.findall(item["derived_text"])) < len(HEDGES.findall(item["source_text"]))


def test_quantifier_swap_changes_scope_words(pairs: dict) -> None:
    (item,) = items_of(pairs["quantifier_swap"].gold, "quantifier_swap")
    quantifiers = {"all", "some", "both", "or", "and", "every", "always", "sometimes", "most"}
    changed = set(words(item["source_text"])) ^ set(words(item["derived_text"]))
    assert changed & quantifiers


def test_number_change_changes_a_number(pairs: dict) -> None:
    (item,) = items_of(pairs["number_change"].gold, "number_change")
    numbers = re.compile(r"\d[\d,.]*\d|\d|\b(?:one|two|three|four|five|six|ten|twelve|million)\b")
    assert numbers.findall(item["source_text"]) != numbers.findall(item["derived_text"])
    assert item["kinds"] == ["number_changed"]


def test_date_change_changes_a_date(pairs: dict) -> None:
    (item,) = items_of(pairs["date_change"].gold, "date_change")
    calendar_words = re.compile(
        r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
        r"April|May|June|July|August|September|October|November|December|\d{1,4})\b"
    )
    assert calendar_words.findall(item["source_text"]) != calendar_words.findall(
        item["derived_text"]
    )
    assert item["severity"] == "minor"


def test_entity_swap_uses_an_entity_of_the_article(pairs: dict) -> None:
    (item,) = items_of(pairs["entity_swap"].gold, "entity_swap")
    added = set(words(item["derived_text"])) - set(words(item["source_text"]))
    assert added
    assert all(word in SOURCE.lower() for word in added)


def test_speaker_swap_names_another_speaker(pairs: dict) -> None:
    (item,) = items_of(pairs["speaker_swap"].gold, "speaker_swap")
    names = {"quint", "eberle"}
    before = names & set(words(item["source_text"]))
    after = names & set(words(item["derived_text"]))
    assert before and after and before != after
    assert item["severity"] == "critical"
    assert item["speaker"] in ("Mara Quint", "Tomas Eberle")


def test_quote_edit_changes_words_inside_quotes(pairs: dict) -> None:
    (item,) = items_of(pairs["quote_edit"].gold, "quote_edit")
    assert item["in_quote"] is True
    quoted = re.compile(r"[\"“]([^\"”]+)[\"”]")
    assert quoted.findall(item["source_text"]) != quoted.findall(item["derived_text"])


def test_quote_fabrication_invents_a_quote(pairs: dict) -> None:
    (item,) = items_of(pairs["quote_fabrication"].gold, "quote_fabrication")
    assert item["source_text"] is None and item["in_quote"] is True
    assert re.search(r"[\"“].+[\"”]", item["derived_text"])
    assert item["derived_text"] not in SOURCE


def test_added_sentence_is_unsupported(pairs: dict) -> None:
    (item,) = items_of(pairs["added_sentence"].gold, "added_sentence")
    assert item["source_text"] is None
    assert item["derived_text"] in pairs["added_sentence"].derived_text


def test_dropped_sentence_is_gone(pairs: dict) -> None:
    pair = pairs["dropped_sentence"]
    (item,) = items_of(pair.gold, "dropped_sentence")
    assert item["derived_text"] is None
    assert item["source_text"] not in pair.derived_text
    assert "\n\n" in pair.derived_text  # the article's paragraph layout survives


def test_edits_inside_quotes_also_alter_the_quote() -> None:
    for seed in range(12):
        pair = derive(SOURCE, kinds=["negation", "hedge_removal"], rng=random.Random(seed))
        for item in pair.gold["findings"]:
            if item["in_quote"]:
                assert "quote_altered" in item["kinds"]


def test_same_seed_same_pair_and_seeds_differ() -> None:
    def make(seed: int) -> tuple[str, object]:
        pair = derive(SOURCE, kinds=ALL_DISTORTIONS, rng=random.Random(seed), n_edits=4)
        return pair.derived_text, pair.gold

    assert make(3) == make(3)
    assert len({make(seed)[0] for seed in range(4)}) > 1


def test_mixed_kinds_edit_distinct_sentences_and_paraphrase_faithfully() -> None:
    pair = derive(SOURCE, kinds=ALL_DISTORTIONS, rng=random.Random(11), n_edits=5)
    findings = pair.gold["findings"]
    assert len(findings) == 5
    assert len({item["id"].split("-", 1)[1] for item in findings}) == 5
    sources = [item["source_text"] for item in findings if item["source_text"]]
    assert len(sources) == len(set(sources))
    for region in pair.gold["faithful"]:
        assert region["derived_text"] in pair.derived_text
        assert region["source_text"] in SOURCE
        assert region["derived_text"] != region["source_text"]
    gold_from_dict(pair.gold, Article(text=SOURCE), Article(text=pair.derived_text))


def test_kind_names_are_checked() -> None:
    assert parse_kinds("negation, quote_edit") == ["negation", "quote_edit"]
    assert parse_kinds("all") == list(ALL_DISTORTIONS)
    with pytest.raises(InputError, match="unknown distortion 'sarcasm'"):
        parse_kinds("negation,sarcasm")
    with pytest.raises(InputError, match="no sentence"):
        derive("Too short.", kinds=["negation"], rng=random.Random(0))


def test_generated_articles_vary_and_are_reproducible() -> None:
    articles = generate_articles(30, seed=5)
    assert articles == generate_articles(30, seed=5)
    assert articles != generate_articles(30, seed=6)
    assert len({a["id"] for a in articles}) == 30
    assert len({a["outlet"] for a in articles}) >= 6
    assert len({a["title"] for a in articles}) >= 20
    for article in articles:
        date.fromisoformat(article["published"])
        assert article["text"].startswith(article["title"] + "\n")
        assert re.search(r"\d", article["text"])
    news = [a for a in articles if " said" in a["text"] and "“" in a["text"]]
    interviews = [a for a in articles if "Editor's Note" in a["text"]]
    assert news and interviews
    hedged = [a for a in articles if re.search(r"\b(?:may|might|could|if)\b", a["text"])]
    assert len(hedged) >= 20


def test_every_distortion_applies_to_generated_articles() -> None:
    applied: set[str] = set()
    for number, article in enumerate(generate_articles(8, seed=2)):
        pair = derive(article["text"], kinds=ALL_DISTORTIONS, rng=random.Random(number), n_edits=11)
        gold_from_dict(pair.gold, Article(text=article["text"]), Article(text=pair.derived_text))
        applied |= {item["id"].split("-", 1)[1] for item in pair.gold["findings"]}
    assert applied == set(ALL_DISTORTIONS)


@pytest.mark.slow
def test_synth_recall_counts_every_recorded_distortion(tmp_path: Path) -> None:
    outcome = synth_recall(2, seed=3, shared=tmp_path, n_edits=3)  # no PolNeAR here
    assert outcome.sources == {"fiction": 2}
    assert sum(c.gold for c in outcome.by_distortion.values()) == outcome.result.overall.gold
    assert sum(c.found for c in outcome.by_distortion.values()) == outcome.result.overall.found
    assert outcome.result.overall.gold >= 4
    assert set(outcome.by_distortion) <= set(ALL_DISTORTIONS)
    assert "all" in format_synth_recall(outcome)
