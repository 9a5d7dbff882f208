"""The HTML report: offsets, overlaps, escaping, self-containment, real pipeline output."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fictional_report import DERIVED, HOSTILE, SOURCE, fictional_report, hostile_report
from sourcetrace.report.html import Marked, render_html, split_lines

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def parse(page: str) -> Any:
    return lxml.html.document_fromstring(page)


def marked_text(tree: Any, pane: str, index: int) -> str:
    """The text of every highlight piece of finding ``index`` in ``pane``, in order."""
    pieces = tree.xpath(
        f'//div[@id="{pane}"]//mark[contains(concat(" ", @data-f, " "), " {index} ")]'
    )
    return "".join(p.text_content() for p in pieces)


# --- cutting text into pieces -------------------------------------------------------------


def test_overlapping_spans_become_nested_pieces() -> None:
    text = "alpha beta gamma delta"
    lines = split_lines(text, [Marked(0, 10, 0, "major"), Marked(6, 16, 1, "critical")])
    pieces = [(p.text, p.findings, p.severity) for p in lines[0].pieces]
    assert pieces == [
        ("alpha ", (0,), "major"),
        ("beta", (0, 1), "critical"),
        (" gamma", (1,), "critical"),
        (" delta", (), None),
    ]
    assert lines[0].pieces[0].tags == (0,)
    assert lines[0].pieces[1].tags == (1,)


def test_spans_crossing_lines_mark_every_line_they_touch() -> None:
    text = "one line\nsecond line\nthird"
    lines = split_lines(text, [Marked(4, 15, 7, "minor", "addition")])
    assert [line.start for line in lines] == [0, 9, 21]
    assert [sorted(line.marks) for line in lines] == [["addition"], ["addition"], []]
    assert [p.text for p in lines[1].pieces] == ["second", " line"]
    assert lines[1].pieces[0].findings == (7,)


def test_alignments_are_a_separate_layer() -> None:
    text = "First sentence. Second one here."
    lines = split_lines(
        text, [Marked(6, 14, 0, "minor")], aligned=[Marked(0, 15, 0, "none"), Marked(16, 32, 1, "")]
    )
    assert [(p.text, p.findings, p.alignments) for p in lines[0].pieces] == [
        ("First ", (), (0,)),
        ("sentence", (0,), (0,)),
        (".", (), (0,)),
        (" ", (), ()),
        ("Second one here.", (), (1,)),
    ]
    assert lines[0].pieces[1].tags == (0,)  # only findings get kind labels
    assert not lines[0].marks


def test_offsets_past_the_end_are_clamped() -> None:
    lines = split_lines("short", [Marked(3, 500, 0, "info"), Marked(900, 950, 1, "major")])
    assert [(p.text, p.findings) for p in lines[0].pieces] == [("sho", ()), ("rt", (0,))]


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet="ab \n<&\"'", max_size=60),
    raw=st.lists(st.tuples(st.integers(0, 70), st.integers(0, 70)), max_size=6),
)
def test_pieces_rebuild_the_text_and_know_their_findings(
    text: str, raw: list[tuple[int, int]]
) -> None:
    spans = [Marked(min(a, b), max(a, b), i, "minor") for i, (a, b) in enumerate(raw)]
    lines = split_lines(text, spans)
    rebuilt = "\n".join("".join(p.text for p in line.pieces) for line in lines)
    assert rebuilt == text.removesuffix("\n")
    for line in lines:
        for piece in line.pieces:
            assert text[piece.start : piece.end] == piece.text
            expected = {
                m.index
                for m in spans
                if m.start <= piece.start and piece.end <= m.end and piece.end > piece.start
            }
            if piece.text:
                assert set(piece.findings) == expected


# --- the page --------------------------------------------------------------------------


def test_every_finding_is_listed_and_highlighted_at_its_offsets() -> None:
    report = fictional_report()
    tree = parse(render_html(report))
    items = tree.xpath('//li[contains(@class, "finding")]')
    assert len(items) == len(report["findings"])
    # Match list items to findings by kind (each kind occurs once).
    by_kind = {f["kind"]: f for f in report["findings"]}
    for item in items:
        f = by_kind[item.get("data-kind")]
        index = int(item.get("data-f"))
        assert item.get("data-severity") == f["severity"]
        assert f["reason"] in item.text_content()
        if f["derived_span"]:
            s, e = f["derived_span"]
            assert marked_text(tree, "derived-text", index) == DERIVED[s:e]
        else:
            assert marked_text(tree, "derived-text", index) == ""
        if f["source_span"]:
            s, e = f["source_span"]
            assert marked_text(tree, "source-text", index) == SOURCE[s:e]


def test_list_is_worst_first_and_numbered_in_reading_order() -> None:
    report = fictional_report()
    tree = parse(render_html(report))
    items = tree.xpath('//ol[@id="findings"]/li')
    rank = {"critical": 3, "major": 2, "minor": 1, "info": 0}
    severities = [rank[item.get("data-severity")] for item in items]
    assert severities == sorted(severities, reverse=True)
    assert severities[0] > severities[-1]  # the fictional report is not in that order already
    assert [int(item.get("data-worst")) for item in items] == list(range(len(items)))
    # data-f numbers the findings in reading order: derived offset, omissions last.
    by_position = sorted(items, key=lambda item: int(item.get("data-f")))
    starts = [
        next(f for f in report["findings"] if f["kind"] == item.get("data-kind"))["derived_span"]
        for item in by_position
    ]
    placed = [s[0] for s in starts if s is not None]
    assert placed == sorted(placed) and starts[-1] is None
    options = tree.xpath('//select[@id="sort-order"]/option')
    assert [o.get("value") for o in options] == ["worst", "position"]
    assert options[0].get("selected") is not None


def test_highlights_are_coloured_by_worst_severity_and_labelled_by_kind() -> None:
    tree = parse(render_html(fictional_report()))
    overlap = tree.xpath('//div[@id="derived-text"]//mark[contains(@class, "multi")]')
    assert [m.text_content() for m in overlap] == ["The expansion will create"]
    tags = [
        t.text_content() for t in tree.xpath('//div[@id="derived-text"]//span[@class and @data-f]')
    ]
    assert "polarity flip" in tags and "unsupported addition" in tags
    flip = tree.xpath('//div[@id="derived-text"]//mark[contains(., "We will raise")]')[0]
    assert "sev-critical" in flip.get("class")


def test_texts_keep_their_lines_and_characters() -> None:
    tree = parse(render_html(fictional_report()))
    for pane, text in (("derived-text", DERIVED), ("source-text", SOURCE)):
        for label in tree.xpath(f'//div[@id="{pane}"]//span[contains(@class, "tag")]'):
            label.drop_tree()  # kind labels are not article text
        lines = tree.xpath(f'//div[@id="{pane}"]/div[contains(@class, "ln")]')
        shown = "\n".join(line.text_content() for line in lines)
        assert shown == text.removesuffix("\n")


def test_additions_and_omissions_are_visible_at_a_glance() -> None:
    tree = parse(render_html(fictional_report()))
    addition_lines = tree.xpath('//div[@id="derived-text"]/div[contains(@class, "has-addition")]')
    assert [ln.text_content() for ln in addition_lines] == [
        "Critics fear the project, unsupported additionwhich has already been approved by the "
        "regional court."
    ]
    omission_lines = tree.xpath('//div[@id="source-text"]/div[contains(@class, "has-omission")]')
    assert "Nobody has asked the cooperative" in omission_lines[0].text_content()
    chips = {
        c.get("data-filter-kind"): c.text_content()
        for c in tree.xpath("//button[@data-filter-kind]")
    }
    assert re.sub(r"\s+", " ", chips["unsupported_addition"]).strip() == "1 unsupported addition"
    assert re.sub(r"\s+", " ", chips["omission"]).strip() == "1 omission"


def test_sentences_link_to_the_source_passages_they_were_aligned_to() -> None:
    report = fictional_report()
    tree = parse(render_html(report))
    alignment = report["alignments"][0]
    s, e = alignment["derived_span"]
    derived = tree.xpath('//div[@id="derived-text"]//*[@data-a="0"]')
    assert "".join(p.text_content() for p in derived) == DERIVED[s:e]
    (s, e) = alignment["source_spans"][0]
    source = tree.xpath('//div[@id="source-text"]//*[@data-a="0"]')
    assert "".join(p.text_content() for p in source) == SOURCE[s:e]
    info = tree.xpath('//ul[@id="alignment-info"]/li')
    assert [(i.get("data-score"), i.get("data-evidence")) for i in info] == [("0.71", "both")]


def test_quote_diff_shows_deleted_and_inserted_words() -> None:
    tree = parse(render_html(fictional_report()))
    altered = tree.xpath('//li[@data-kind="quote_altered"]')[0]
    assert [d.text for d in altered.xpath(".//p[@class='diff']/del")] == [
        "may",
        "of the inner basin",
    ]
    assert [i.text for i in altered.xpath(".//p[@class='diff']/ins")] == ["will"]


def test_filters_offer_the_kinds_severities_and_speakers_present() -> None:
    tree = parse(render_html(fictional_report()))
    kinds = tree.xpath('//select[@id="filter-kind"]/option/@value')
    assert kinds[0] == "" and set(kinds[1:]) == {
        "number_changed",
        "hedge_dropped",
        "polarity_flip",
        "unsupported_addition",
        "quote_altered",
        "omission",
    }
    assert tree.xpath('//select[@id="filter-severity"]/option/@value') == [
        "",
        "critical",
        "major",
        "minor",
    ]
    # "" is the filter value of findings with no speaker (the addition).
    assert tree.xpath('//select[@id="filter-speaker"]/option/@value') == [
        "*",
        "",
        "Idris Pembe",
        "Marta Quell",
    ]


def test_quotes_table_and_coverage_bars() -> None:
    tree = parse(render_html(fictional_report()))
    rows = tree.xpath('//table[@class="quotes"]/tbody/tr')
    assert [[c.text_content().strip() for c in row.xpath("./td")] for row in rows] == [
        ["“We will raise harbour fees this year,”", "Marta Quell", "altered"],
        ["“will push small boats out.”", "Idris Pembe", "altered"],
    ]
    # Each quote row jumps to the most severe finding inside the quote.
    flip = tree.xpath('//li[@data-kind="polarity_flip"]/@data-f')[0]
    assert rows[0].get("data-goto") == flip
    bars = tree.xpath('//table[@class="coverage"]//rect[@class="fill"]/@width')
    assert bars == ["100.0", "50.0"]


def test_page_is_self_contained_and_printable() -> None:
    page = render_html(fictional_report())
    tree = parse(page)
    assert not tree.xpath("//script[@src] | //link | //img | //iframe | //object")
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page)
    assert "@import" not in page and "url(" not in page
    assert "@media print" in page
    csp = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    assert "default-src 'none'" in csp
    # Only the report's own script may run: the CSP carries its exact hash.
    script = tree.xpath("//script")[0].text
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp


def test_markup_in_articles_reasons_and_names_is_escaped() -> None:
    page = render_html(hostile_report())
    tree = parse(page)
    assert len(tree.xpath("//script")) == 1
    assert not tree.xpath("//img")
    assert "<script>document" not in page and "<img src=x" not in page
    assert HOSTILE in tree.xpath("//title")[0].text_content()
    assert HOSTILE in tree.xpath('//div[@id="derived-text"]')[0].text_content()
    assert HOSTILE in tree.xpath('//div[@id="source-text"]')[0].text_content()
    assert HOSTILE in tree.xpath('//table[@class="coverage"]')[0].text_content()
    assert (
        f"Reason with {HOSTILE}"
        in tree.xpath('//li[@data-kind="unsupported_addition"]')[0].text_content()
    )


def test_a_report_without_findings_says_so() -> None:
    report = fictional_report()
    report.update(findings=[], quotes=[], summary={"by_severity": {}, "by_kind": {}, "worst": None})
    report["coverage"]["speakers"] = []
    tree = parse(render_html(report))
    assert (
        "No findings" in tree.xpath('//aside[contains(@class, "findings-pane")]')[0].text_content()
    )
    assert not tree.xpath("//mark[@data-f]")
    assert "no findings" in tree.xpath('//span[contains(@class, "verdict")]')[0].text_content()


def test_nav_links_are_added_for_the_web_app() -> None:
    tree = parse(render_html(fictional_report(), nav={"New check": "/", "JSON": "/api/reports/x"}))
    assert tree.xpath("//nav/a/@href") == ["/", "/api/reports/x"]


# --- the real pipeline ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_report() -> dict[str, Any]:
    """The real check() output on the project's demo pair."""
    from sourcetrace.pipeline import check
    from sourcetrace.report.json import report_to_dict

    report = check(EXAMPLES / "source.txt", EXAMPLES / "derived.txt")
    return report_to_dict(report)


def test_real_demo_report_renders_every_finding_at_its_offsets(demo_report: dict[str, Any]) -> None:
    tree = parse(render_html(demo_report))
    items = tree.xpath('//li[contains(@class, "finding")]')
    assert len(items) == len(demo_report["findings"]) > 0
    derived_text = demo_report["derived"]["text"]
    shown = {
        (item.get("data-kind"), marked_text(tree, "derived-text", int(item.get("data-f"))))
        for item in items
    }
    for f in demo_report["findings"]:
        if f["derived_span"]:
            s, e = f["derived_span"]
            assert (f["kind"], derived_text[s:e]) in shown
