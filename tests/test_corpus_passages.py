"""Passage evidence: real copies share runs of sentences, independent reports do not.

The texts are fictional (written here), except in the seed-pair test, which reads the seed
pair and PolNeAR texts from ../shared (never copied) and skips when it is absent.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from sourcetrace.corpus import ScanSettings, scan
from sourcetrace.corpus.direction import decide, outlet_name
from sourcetrace.corpus.discover import DiscoveryParams, Match
from sourcetrace.corpus.passages import Idf, evidence, linked, sentences
from sourcetrace.corpus.store import Store
from test_corpus_fixtures import fake_audit, no_models

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
POLNEAR = SHARED / "data" / "polnear" / "dev" / "text"

STORY = [
    "The Velmora harbour board voted on Tuesday to close the northern ferry pier for repairs.",
    "Engineers found cracks in 14 of the pier's 40 concrete pillars during a spring survey.",
    "Board chair Anselm Ostrander said the closure would last until the end of October.",
    "Ferry passengers will board at the temporary landing beside the old fish market instead.",
    "The repairs are expected to cost 3.2 million crowns, paid from the harbour reserve fund.",
    "Local traders fear the move will cut visitor numbers during the busy summer season.",
    "A petition against the closure has gathered more than 2,000 signatures since May.",
    "The board will publish a timetable for the temporary landing next week.",
]
# The same event told independently: same names, numbers and places, other sentences.
INDEPENDENT = [
    "Velmora's northern ferry pier is shutting for months after a survey found damage.",
    "Anselm Ostrander, who chairs the harbour board, defended Tuesday's decision to residents.",
    "Of 40 pillars checked, 14 showed cracks, according to a report seen by this paper.",
    "Traders near the fish market welcomed the temporary landing as good for business.",
    "More than 2,000 people signed a petition opposing the plan, organisers said in May.",
    "The 3.2 million crown bill will come out of reserves, leaving little for other works.",
    "Opposition councillors called for an independent inquiry into the pier's upkeep.",
]
SPIN = {
    "voted": "decided",
    "close": "shut",
    "repairs": "fixes",
    "found": "discovered",
    "said": "stated",
    "expected": "predicted",
    "fear": "worry",
    "cut": "reduce",
    "gathered": "collected",
    "publish": "release",
    "instead": "meanwhile",
    "busy": "hectic",
}


def _spun(text: str) -> str:
    return " ".join(SPIN.get(word, word) for word in text.split(" "))


def _evidence(a: str, b: str):  # type: ignore[no-untyped-def]
    first, second = sentences(a), sentences(b)
    others = [sentences(" ".join(random.Random(n).sample(STORY, 3))) for n in range(5)]
    return evidence(first, second, Idf.of([first, second, *others]))


def test_copies_share_a_run_of_sentences_and_independent_reports_do_not() -> None:
    source = " ".join(STORY)
    clutter = "\n".join(
        [
            "Home | News | Sport | Weather",
            "Advertisement",
            *STORY[:4],
            "Advertisement",
            "Photo: the northern pier at dusk, seen from the fish market quay.",
            *STORY[4:],
            "Related: Tram fares rise again in Port Ansel",
            "Share this story",
        ]
    )
    excerpt = " ".join(STORY[:4]) + " The repairs are expected to cost"
    spun = _spun(source)
    for copy in (clutter, excerpt, spun):
        found = _evidence(source, copy)
        assert linked(found), found
        assert found.longest_run >= 3
    independent = _evidence(source, " ".join(INDEPENDENT))
    assert not linked(independent), independent
    # Shared facts give weak in-order matches at most, never strongly aligned sentences.
    assert independent.run_strong < 2


def test_menus_and_captions_are_not_sentences_and_quotes_are_never_strong_links() -> None:
    text = "Home | News | Sport\nAdvertisement\n" + STORY[0]
    assert sentences(text).count == 1
    quoted = '"We will not reopen the pier before October," Ostrander told the meeting.'
    speech = " ".join([quoted] * 5)
    found = _evidence(speech, speech.replace("meeting", "board"))
    assert found.run_strong == 0 and not linked(found)


# Another story by the same desk: its own sentences, except that a blend or a later
# write-through takes two of STORY's sentences over nearly verbatim, out of order.
OTHER = [
    "Velmora's fishing fleet landed its smallest summer catch in a decade, the guild said.",
    "Skippers blamed warmer water for driving the herring shoals further north.",
    "Guild secretary Mirela Achterberg asked the council for help with fuel costs.",
    "The council has set aside money for a study of the harbour's future.",
    "Prices at the fish market rose by a fifth over the same weeks.",
    "Some crews have already sold their boats to buyers in Port Ansel.",
]


def test_two_sentences_taken_over_out_of_order_link_and_pattern_sentences_do_not() -> None:
    blend = " ".join([*OTHER[:2], STORY[4], *OTHER[2:4], STORY[1], *OTHER[4:]])
    found = _evidence(" ".join(STORY), blend)
    assert found.longest_run < 4  # no run: the run rule alone would miss it
    assert found.verbatim_any_order >= 1 and linked(found), found
    # One sentence taken over is not enough (a stock line shared by many reports).
    single = _evidence(" ".join(STORY), " ".join([*OTHER[:3], STORY[1], *OTHER[3:]]))
    assert not linked(single), single
    # Sentences written to one pattern about one board in one town, with other figures and
    # other objects, are no copies even when their wording is the same.
    pattern = [
        "Critics in Velmora argued that the harbour board ignored the {} for years.",
        "The harbour board decision on the {} divides Velmora.",
        "Residents of Velmora had waited {} days for a decision on the {}.",
    ]
    first = [pattern[0].format("lighthouse"), pattern[1].format("quay"), pattern[2]]
    second = [pattern[0].format("boatyard"), pattern[1].format("ferry"), pattern[2]]
    a = " ".join([*first[:2], first[2].format(41, "slipway"), *OTHER[:3]])
    b = " ".join([second[2].format(230, "seawall"), *INDEPENDENT[:3], *second[:2]])
    assert not linked(_evidence(a, b))


def test_a_page_copy_with_teasers_and_captions_is_the_derived_one() -> None:
    story = "\n\n".join(STORY)
    page = "\n\n".join(
        [
            "Home | News | Local | Sport | Weather | Contact",
            *STORY[:4],
            "Advertisement",
            "Photo: the northern pier at dusk",
            *STORY[4:],
            "Related: Tram fares rise again in Port Ansel next spring",
            "Most read: Storm warning issued for the whole coast this weekend",
            "Sign up for our daily newsletter",
        ]
    )
    for first, second in ((story, page), (page, story)):
        match, texts = _match(first, second)
        edge = decide(
            match, [None, None], [200, 230], ["x", "y"], DiscoveryParams(), [None, None], texts
        )
        assert texts[edge.derived] == page and edge.basis == "page", edge.evidence


def _match(a: str, b: str) -> tuple[Match, list[str]]:
    found = _evidence(a, b)
    return Match(0, 1, 0.0, 0.0, 0.0, 0.0, None, "shingles", found), [a, b]


def test_direction_without_dates_from_excerpt_context_and_credit() -> None:
    params = DiscoveryParams()
    ids = ["x", "y"]
    full = " ".join(STORY)
    cut = " ".join(STORY[:5]) + " Traders fear the move will cut"
    match, texts = _match(full, cut)
    edge = decide(match, [None, None], [200, 120], ids, params, [None, None], texts)
    assert (edge.source, edge.derived, edge.basis) == (0, 1, "excerpt")

    context = [
        "The ferry has been the town's main link to the islands since 1911.",
        "Its timetable was last changed after a storm damaged the southern pier in 2019.",
        "Island councils have long asked for a second landing on the northern shore.",
    ]
    added = " ".join(STORY[:3] + context + STORY[3:])
    match, texts = _match(full, added)
    edge = decide(match, [None, None], [200, 260], ids, params, [None, None], texts)
    assert (edge.source, edge.derived, edge.basis) == (0, 1, "context")

    credited = "According to the Velmora Courier, " + full[0].lower() + full[1:]
    match, texts = _match(full, credited)
    outlets = ["Velmora Courier", "Coastal Digest"]
    edge = decide(match, [None, None], [200, 205], ids, params, outlets, texts)
    assert (edge.source, edge.derived, edge.basis) == (0, 1, "credit")
    assert outlet_name("https://www.velmora-courier.com/") == "velmora courier"


def test_an_excerpt_ends_inside_the_shared_passage_and_a_cut_alone_says_nothing() -> None:
    params = DiscoveryParams()
    ids = ["x", "y"]
    full = " ".join(STORY)
    # (a) a true excerpt: its cut sentence matches inside the story, which goes on.
    excerpt = " ".join(STORY[:4]) + " The repairs are expected to cost"
    match, texts = _match(excerpt, full)
    found = match.passages
    assert found is not None and found.after_end_a >= 2 and found.after_end_b < 2
    edge = decide(match, [None, None], [60, 200], ids, params, [None, None], texts)
    assert (edge.source, edge.derived, edge.basis) == (1, 0, "excerpt"), edge.evidence

    # (b) both pages cut at a fixed length: the source, cut mid-sentence, covers more of
    # the story than its spun copy, lines of its own and then the story up to a full stop. The
    # source's last sentences match nothing of the copy: it is no excerpt of it.
    cut_source = " ".join(STORY[:6]) + "\nA petition against the closure has gathered more than"
    copy = "\n".join(
        [
            "Related: Tram fares rise again in Port Ansel this spring",
            "Watch: the harbour board meeting in full with our reporter",
            "More from Velmora and the islands in our weekly newsletter",
            "Read our guide to the ferry timetables for this summer",
            _spun(" ".join(STORY[:4])),
        ]
    )
    match, texts = _match(cut_source, copy)
    found = match.passages
    assert found is not None and found.truncated_a and not found.truncated_b
    assert found.after_end_a == -1
    edge = decide(match, [None, None], [130, 110], ids, params, [None, None], texts)
    # Which one is the copy is then left to the later bases (a guess for a spun copy).
    assert edge.basis != "excerpt", edge.evidence

    # Both texts cut mid-sentence: being cut tells nothing of direction.
    both = " ".join(STORY[:6]) + " A petition against the closure has gathered"
    match, texts = _match(excerpt, both)
    edge = decide(match, [None, None], [60, 120], ids, params, [None, None], texts)
    assert edge.basis != "excerpt", edge.evidence


CONDENSED = [
    "The Velmora harbour board voted Tuesday to close the northern ferry pier.",
    "Engineers found cracks in 14 of its 40 concrete pillars.",
    "Board chair Anselm Ostrander said it would stay closed until October.",
    "Ferry passengers will use a temporary landing by the fish market.",
    "Repairs will cost 3.2 million crowns from the harbour reserve fund.",
    "Local traders fear fewer visitors in the summer season.",
]


def test_when_a_page_is_cut_the_shorter_telling_of_the_shared_passage_is_derived() -> None:
    params = DiscoveryParams()
    ids = ["x", "y"]
    # Both pages cut mid-sentence: the copy condenses every sentence, its page is longer
    # (a longer whole text: more of it after the cut). Containment is even.
    source = " ".join(STORY[:6]) + " A petition against the closure has gathered more than"
    copy = " ".join(CONDENSED) + " A petition against the closure has"
    match, texts = _match(source, copy)
    edge = decide(match, [None, None], [100, 140], ids, params, [None, None], texts)
    assert (edge.source, edge.derived, edge.basis) == (0, 1, "length"), edge.evidence
    assert "shared passage" in edge.evidence
    # Neither cut: the whole lengths compare (here the other way round).
    match, texts = _match(" ".join(STORY[:6]), " ".join(CONDENSED))
    edge = decide(match, [None, None], [100, 140], ids, params, [None, None], texts)
    assert (edge.source, edge.derived) == (1, 0) and "words" in edge.evidence, edge.evidence


def test_old_results_database_gets_the_passage_columns(tmp_path: Path) -> None:
    import duckdb

    old = tmp_path / "old.duckdb"
    db = duckdb.connect(str(old))
    db.execute(
        "CREATE TABLE pairs (pair_id INTEGER PRIMARY KEY, source_id VARCHAR NOT NULL, "
        "derived_id VARCHAR NOT NULL, role VARCHAR NOT NULL, found_by VARCHAR NOT NULL, "
        "shingles_derived_in_source DOUBLE, shingles_source_in_derived DOUBLE, "
        "terms_derived_in_source DOUBLE, terms_source_in_derived DOUBLE, cosine DOUBLE, "
        "support DOUBLE, direction_basis VARCHAR, direction_evidence VARCHAR)"
    )
    db.close()
    with Store(old) as store:
        assert store.has_passages()
    with Store(old, read_only=True) as store:
        assert store.has_passages()


@pytest.mark.slow
@pytest.mark.skipif(not (SEEDS.is_dir() and POLNEAR.is_dir()), reason="../shared is absent")
def test_seed_pair_is_found_among_unrelated_texts_with_000_as_source(tmp_path: Path) -> None:
    (source,) = SEEDS.glob("000_*.txt")
    (derived,) = SEEDS.glob("002_*.txt")
    unrelated = sorted(POLNEAR.glob("*.txt"))[:24]
    records = [
        {"id": path.stem, "text": path.read_text(encoding="utf-8")}
        for path in [derived, *unrelated, source]
    ]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "scan.duckdb"
    scan([corpus], out, ScanSettings(audit_limit=0), audit=fake_audit, load_models=no_models)
    with Store(out, read_only=True) as store:
        pairs = store.query("SELECT source_id, derived_id, direction_basis FROM pairs")
        run = store.query("SELECT longest_run, aligned_sentences, passages FROM pairs")
    assert [(s, d) for s, d, _ in pairs] == [(source.stem, derived.stem)], pairs
    assert run[0][0] >= 4 and json.loads(run[0][2])["links"]


def test_corpus_report_shows_why_articles_were_linked(tmp_path: Path) -> None:
    from sourcetrace.corpus.report import write_corpus_report
    from test_corpus_fixtures import corpus_records, write_jsonl

    corpus = write_jsonl(corpus_records(), tmp_path / "corpus.jsonl")
    out = tmp_path / "r.duckdb"
    scan(
        [corpus],
        out,
        ScanSettings(discovery=DiscoveryParams(embedding="none")),
        audit=fake_audit,
        load_models=no_models,
    )
    page = tmp_path / "report.html"
    write_corpus_report(out, page)
    html = page.read_text(encoding="utf-8")
    assert "Why articles were linked" in html
    assert "s1 → d1" in html and "run" in html


@pytest.mark.slow
def test_eval_devcorpus_scores_discovery_and_direction(tmp_path: Path) -> None:
    from sourcetrace.corpus.devcorpus import evaluate_devcorpus, format_score
    from test_corpus_fixtures import make_source

    cache = tmp_path / "cache"
    cache.mkdir()
    texts = {
        "courier": "Pier to close for repairs\n\n" + " ".join(STORY),
        "digest": "Pier closure\n\n" + _spun(" ".join(STORY[:6])) + " Traders fear the move",
        "post": "What Velmora makes of the pier\n\n" + " ".join(INDEPENDENT),
        "other": make_source(random.Random(3)),
    }
    for doc_id, text in texts.items():
        (cache / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    labels = {
        "docs": [
            {"id": doc_id, "lang": "en", "outlet": doc_id.title(), "published": None}
            for doc_id in texts
        ]
        + [{"id": "absent", "lang": "en"}, {"id": "german", "lang": "de"}],
        "links": [{"source": "courier", "derived": "digest", "relation": "derives"}],
    }
    corpus = tmp_path / "corpus.json"
    corpus.write_text(json.dumps(labels), encoding="utf-8")
    result = evaluate_devcorpus(corpus, cache)
    assert (result.precision, result.recall, result.direction) == (1.0, 1.0, (1, 1))
    assert result.missing == ["absent"]
    assert "precision 1.000" in format_score(result)
