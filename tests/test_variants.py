"""Meaning-preserving variants (eval --variants) and the typography fixes they led to.

Every text here is a fictional article written for these tests.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcetrace.eval import variants as v
from sourcetrace.ingest import from_text
from sourcetrace.model import Report, Severity
from sourcetrace.textnorm import fold, visible_text

STORY = (
    "Harbor council backs new pier\n\n"
    "The harbor council voted 7 to 2 on Monday to build a new pier, a project that could cost "
    "12% more than planned. “We will not wait another year,” said Lena Varga, who chairs the "
    "council. She said the U.S. grant covers 3 of the 4 phases.\n\n"
    "Critics were unmoved — the fishing guild said the plan “may harm ‘small boats’ first.” "
    "Its spokesman, Tomas Reed, added: “We’ll see…”\n\n"
    "Work could start in March if the state agrees. The council meets again in two weeks, "
    "after a visit to the United States."
)


def rng() -> random.Random:
    return random.Random(7)


# --- the generator --------------------------------------------------------------------------


def test_every_variant_changes_the_story_and_is_deterministic() -> None:
    first = v.make_variants(STORY, seed=3)
    # The story's quotes are curly already: quotes_curly has nothing to change.
    assert set(first) == {v.IDENTITY, *v.VARIANTS, "all"} - {"quotes_curly"}
    assert first[v.IDENTITY] == STORY
    assert first == v.make_variants(STORY, seed=3)
    assert first["all"] != v.make_variants(STORY, seed=4)["all"]


def test_quote_styles() -> None:
    straight = v.quotes_straight(STORY, rng())
    assert "“" not in straight and "’" not in straight and '"We will' in straight
    assert v.quotes_curly(straight, rng()) == STORY.replace("…", "…")
    guillemets = v.quotes_guillemets(STORY, rng())
    assert "«We will not wait another year,»" in guillemets
    assert "«may harm ‹small boats› first.»" in guillemets
    single = v.quotes_single(STORY, rng())
    assert "‘may harm “small boats” first.’" in single
    assert "We’ll" in single  # apostrophes are not quotation marks


def test_number_words_percent_dashes_ellipsis() -> None:
    words = v.number_words(STORY, rng())
    assert "voted seven to two" in words and "three of the four phases" in words
    assert "12%" in words  # only small whole numbers
    assert "12%" not in v.percent(STORY, rng())
    assert "—" not in v.dashes(STORY, rng()) or " — " not in v.dashes(STORY, rng())
    assert "…" not in v.ellipsis(STORY, rng())


def test_countries_swap_nouns_only() -> None:
    text = "The U.S. is a partner. Trade with the United States, and the U.S. military grew."
    swapped = v.countries(text, rng())
    assert "the U.S. military" in swapped
    assert swapped.count("U.S.") < text.count("U.S.") or "United States" not in swapped


def test_layout_variants() -> None:
    merged = v.paragraphs_merged(STORY, random.Random(1))
    assert merged.count("\n\n") < STORY.count("\n\n")
    assert merged.startswith("Harbor council backs new pier\n\n")  # the headline stays apart
    split = v.paragraphs_split(STORY, random.Random(1))
    assert split.count("\n\n") > STORY.count("\n\n")
    assert "“We will not wait\n\n" not in split
    top = v.header(STORY, rng())
    assert top.startswith("Title: Harbor council backs new pier\nURL: https://")
    assert top.endswith(STORY)


def test_whitespace_variant_is_invisible_after_ingest_and_fold() -> None:
    spaced = v.whitespace(STORY, random.Random(2))
    assert spaced != STORY
    cleaned = visible_text(spaced)
    assert " ".join(cleaned.split()) == " ".join(STORY.split())


# --- typographic normalisation --------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_fold_makes_typography_equal() -> None:
    styles = [
        "“Not yet,” she said — twice…",
        '"Not yet," she said -- twice…',
        "«Not yet,» she said – twice…",
    ]
    assert len({fold(s).replace("  ", " ").replace("— ", "—") for s in styles}) == 1
    assert fold("It’s 5 per cent") == "It's 5 percent "
    assert fold("2019–2021") == "2019-2021"
    assert fold("well-known") == "well-known"


def test_ingest_drops_invisible_characters() -> None:
    article = from_text("The coun\u00adcil met\u200b on Mon\u2060day.\u00a0Fine.")
    assert article.text == "The council met on Monday. Fine."


# --- no finding for typography, numbers as words, layout or a header block ------------------


def audit(source: str, derived: str) -> Report:
    from sourcetrace.pipeline import check

    return check(from_text(source), from_text(derived))


def major(report: Report) -> list[str]:
    return [
        f"{f.kind}: {f.derived_span.of(report.derived.article) if f.derived_span else ''}"
        for f in report.at_least(Severity.major)
    ]


@pytest.mark.parametrize(
    "name",
    [
        "quotes_straight",
        "quotes_guillemets",
        "quotes_single",
        "number_words",
        "percent",
        "dashes",
        "paragraphs_merged",
        "paragraphs_split",
        "header",
        "whitespace",
        "ellipsis",
    ],
)
def test_faithful_variant_has_no_major_finding(name: str) -> None:
    copy = v.VARIANTS[name](STORY, random.Random(11))
    assert copy != STORY
    assert major(audit(STORY, copy)) == []


def test_number_as_word_in_a_quote_is_not_an_alteration() -> None:
    source = "“We lost three boats and 40% of the catch,” said Ivo Marsh, a fisherman in Dunmore."
    derived = (
        "“We lost 3 boats and 40 percent of the catch,” said Ivo Marsh, a fisherman in Dunmore."
    )
    report = audit(source, derived)
    assert major(report) == []
    assert [q.verdict for q in report.quotes] == ["verbatim"]


def test_merged_paragraphs_keep_their_hedges() -> None:
    source = (
        "The mayor said the tunnel might open in May.\n\n"
        "Engineers said the cost could rise if the rock is harder than expected."
    )
    derived = source.replace("\n\n", " ")
    kinds = {f.kind for f in audit(source, derived).findings}
    assert not kinds & {"hedge_dropped", "hedge_added"}


def test_eval_variants_command_on_a_folder(tmp_path: Path) -> None:
    from sourcetrace.eval.commands import EvalRequest, run_eval

    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    errors = tmp_path / "errors.md"
    out = run_eval(EvalRequest(variants=str(tmp_path), limit=1, errors=errors))
    assert "Meaning-preserving copies of 1 texts" in out
    for name in set(v.VARIANTS) - {"quotes_curly"}:  # the story's quotes are curly already
        assert name in out
    assert errors.read_text(encoding="utf-8").startswith("# False alarms on meaning-preserving")


def test_quotation_of_function_words_found_in_the_source_is_not_fabricated() -> None:
    text = "Ada Rook said the team can win if it keeps “doing what it’s doing.” Fans agreed."
    report = audit(text, text)
    assert major(report) == []
    assert [q.verdict for q in report.quotes] == ["verbatim"]
