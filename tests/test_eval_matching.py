"""Gold loading and span matching, on a small fictional pair and hand-built findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sourcetrace.errors import InputError
from sourcetrace.eval.gold import GoldPair, load_gold
from sourcetrace.eval.matching import (
    merge_results,
    overlap_share,
    score_findings,
    score_report,
)
from sourcetrace.model import Article, Document, Finding, Report, Severity, Span

SOURCE = (
    "Mara Quint, a hydrologist at the Lenwick Institute, said the reservoir may reach capacity "
    "by June if the rains continue.\n"
    "She said both the north dam and the south dam need repairs.\n"
    '"Nobody expects a flood this year," Quint said.\n'
    "The council will meet on 4 March to discuss 12 proposals.\n"
)
DERIVED = (
    "The reservoir will reach capacity by June, hydrologist Mara Quint said.\n"
    "Quint said the north dam or the south dam needs repairs.\n"
    '"Everybody expects a flood this year," Quint said.\n'
    "The council meets on 4 March.\n"
    "Subscribe to our newsletter for more.\n"
)


def gold_dict() -> dict[str, Any]:
    return {
        "pair_id": "fiction-reservoir",
        "source": "source.txt",
        "derived": "derived.txt",
        "source_meta": {"title": "Reservoir", "outlet": "Lenwick Post", "published": "2031-02-03"},
        "derived_meta": {"title": "Flood ahead"},
        "source_speakers": {"Mara Quint": "hydrologist"},
        "findings": [
            {
                "id": "G1",
                "kinds": ["hedge_dropped"],
                "severity": "major",
                "speaker": "Mara Quint",
                "in_quote": False,
                "derived_text": "The reservoir will reach capacity by June",
                "source_text": "the reservoir may reach capacity by June if the rains continue",
            },
            {
                "id": "G2",
                "kinds": ["scope_changed"],
                "severity": "major",
                "speaker": "Mara Quint",
                "in_quote": False,
                "derived_text": "the north dam or the south dam needs repairs",
                "source_text": "both the north dam and the south dam need repairs",
            },
            {
                "id": "G3",
                "kinds": ["polarity_flip", "quote_altered"],
                "severity": "critical",
                "speaker": "Mara Quint",
                "in_quote": True,
                "derived_text": '"Everybody expects a flood this year,"',
                "source_text": '"Nobody expects a flood this year,"',
            },
            {
                "id": "G4",
                "kinds": ["omission"],
                "severity": "minor",
                "speaker": None,
                "in_quote": False,
                "derived_text": None,
                "source_text": "to discuss 12 proposals",
            },
        ],
        "faithful": [
            {
                "derived_text": "The council meets on 4 March.",
                "source_text": "The council will meet on 4 March",
            }
        ],
        "no_finding": [{"derived_text": "Subscribe to our newsletter for more."}],
    }


def write_pair(folder: Path, gold: dict[str, Any] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "source.txt").write_text(SOURCE, encoding="utf-8")
    (folder / "derived.txt").write_text(DERIVED, encoding="utf-8")
    path = folder / "gold.json"
    path.write_text(json.dumps(gold if gold is not None else gold_dict()), encoding="utf-8")
    return path


@pytest.fixture
def gold(tmp_path: Path) -> GoldPair:
    return load_gold(write_pair(tmp_path))


def at(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase))


def finding(
    kind: str,
    derived: str | None,
    source: str | None = None,
    severity: Severity = Severity.major,
) -> Finding:
    return Finding(
        kind=kind,
        severity=severity,
        reason="test",
        derived_span=at(DERIVED, derived) if derived else None,
        source_span=at(SOURCE, source) if source else None,
    )


def report_for(gold: GoldPair, findings: list[Finding]) -> Report:
    def document(article: Article) -> Document:
        return Document(article=article, segments=[], attributions=[], quotes=[], speakers=[])

    return Report(
        source=document(gold.source),
        derived=document(gold.derived),
        alignments=[],
        findings=findings,
        coverage=[],
    )


# ---------------------------------------------------------------- loading


def test_load_gold_locates_every_text(gold: GoldPair) -> None:
    assert [item.id for item in gold.items] == ["G1", "G2", "G3", "G4"]
    for item in gold.items:
        if item.derived_text is not None:
            assert item.derived_span is not None
            assert item.derived_span.of(gold.derived) == item.derived_text
        if item.source_text is not None:
            assert item.source_span is not None
            assert item.source_span.of(gold.source) == item.source_text
    omission = gold.items[3]
    assert omission.derived_span is None and omission.primary_kind == "omission"
    assert gold.faithful[0].derived_span.of(gold.derived) == "The council meets on 4 March."
    assert gold.no_finding[0].derived_span.of(gold.derived).startswith("Subscribe")
    assert gold.items[2].severity is Severity.critical and gold.items[2].in_quote


def test_load_gold_applies_metadata(gold: GoldPair) -> None:
    assert gold.source.title == "Reservoir"
    assert gold.source.outlet == "Lenwick Post"
    assert gold.source.published is not None
    assert gold.source.published.isoformat() == "2031-02-03"
    assert gold.derived.title == "Flood ahead"
    assert gold.source_speakers == {"Mara Quint": "hydrologist"}


def test_load_gold_finds_texts_under_texts_dir(tmp_path: Path) -> None:
    write_pair(tmp_path / "texts")
    gold_path = tmp_path / "gold" / "pair.json"
    gold_path.parent.mkdir()
    gold_path.write_text(json.dumps(gold_dict()), encoding="utf-8")
    with pytest.raises(InputError, match="not found"):
        load_gold(gold_path)
    pair = load_gold(gold_path, texts_dir=tmp_path / "texts")
    assert pair.derived.text == DERIVED


def test_text_not_in_article_names_the_item(tmp_path: Path) -> None:
    data = gold_dict()
    data["findings"][1]["derived_text"] = "the east dam needs repairs"
    with pytest.raises(InputError, match="item G2 derived_text"):
        load_gold(write_pair(tmp_path, data))


def test_malformed_json_is_one_line_input_error(tmp_path: Path) -> None:
    path = write_pair(tmp_path)
    path.write_text('{"pair_id": "x",', encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON") as caught:
        load_gold(path)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["findings"][0].update(kinds=["made_up"]), "findings/0/kinds/0"),
        (lambda d: d["findings"][1].update(severity="huge"), "findings/1/severity"),
        (lambda d: d.pop("derived"), "top level"),
        (lambda d: d["findings"][2].update(derived_text=None, source_text=None), "findings/2"),
        (lambda d: d["source_meta"].update(published="3 Feb 2031"), "source_meta/published"),
    ],
)
def test_schema_violations_are_input_errors(tmp_path: Path, change: Any, where: str) -> None:
    data = gold_dict()
    change(data)
    with pytest.raises(InputError, match="invalid gold file") as caught:
        load_gold(write_pair(tmp_path, data))
    assert where in str(caught.value)
    assert "\n" not in str(caught.value)


def test_duplicate_item_ids_are_rejected(tmp_path: Path) -> None:
    data = gold_dict()
    data["findings"][1]["id"] = "G1"
    with pytest.raises(InputError, match="used twice"):
        load_gold(write_pair(tmp_path, data))


# ---------------------------------------------------------------- matching


def test_overlap_share_uses_the_shorter_span() -> None:
    assert overlap_share(Span(0, 100), Span(10, 20)) == 1.0
    assert overlap_share(Span(0, 10), Span(5, 25)) == 0.5
    assert overlap_share(Span(0, 10), Span(10, 20)) == 0.0
    assert overlap_share(Span(3, 3), Span(0, 10)) == 0.0


def test_perfect_findings_score_one(gold: GoldPair) -> None:
    findings = [
        finding("hedge_dropped", "The reservoir will reach capacity by June, hydrologist"),
        finding("scope_changed", "Quint said the north dam or the south dam needs repairs."),
        finding("quote_altered", '"Everybody expects a flood this year,"', None, Severity.critical),
        finding("omission", None, "The council will meet on 4 March to discuss 12 proposals."),
    ]
    result = score_report(report_for(gold, findings), gold)
    assert (result.overall.precision, result.overall.recall, result.overall.f1) == (1.0, 1.0, 1.0)
    assert not result.missed and not result.false_alarms
    assert {(g, i) for _, g, i in result.matches} == {("G1", 0), ("G2", 1), ("G3", 2), ("G4", 3)}


def test_wrong_kind_in_the_right_place_is_a_false_positive_not_a_false_alarm(
    gold: GoldPair,
) -> None:
    findings = [finding("number_changed", "The reservoir will reach capacity by June")]
    result = score_findings(findings, gold)
    assert result.overall.predicted == 1 and result.overall.correct == 0
    assert result.per_kind["number_changed"].precision == 0.0
    assert result.per_kind["hedge_dropped"].recall == 0.0
    assert [m.item.id for m in result.missed] == ["G1", "G2", "G3", "G4"]
    assert result.false_alarms == []


def minor_finding(kind: str, span: Span) -> Finding:
    return Finding(
        kind=kind, severity=Severity.minor, reason="test", derived_span=span, source_span=None
    )


def test_overlap_threshold_is_thirty_percent_of_the_shorter_span(gold: GoldPair) -> None:
    g1 = gold.items[0].derived_span
    assert g1 is not None and len(g1) == 41
    # A short finding entirely inside G1 matches.
    assert (
        score_findings(
            [minor_finding("hedge_dropped", Span(g1.end - 9, g1.end))], gold
        ).overall.found
        == 1
    )
    # 40 characters sharing 13 with G1 (32.5%) match; sharing 11 (27.5%) do not.
    assert (
        score_findings(
            [minor_finding("hedge_dropped", Span(g1.end - 13, g1.end + 27))], gold
        ).overall.found
        == 1
    )
    assert (
        score_findings(
            [minor_finding("hedge_dropped", Span(g1.end - 11, g1.end + 29))], gold
        ).overall.found
        == 0
    )


def test_each_gold_item_counts_once_for_recall(gold: GoldPair) -> None:
    findings = [
        finding("polarity_flip", '"Everybody expects a flood this year,"'),
        finding("quote_altered", "Everybody expects a flood"),
    ]
    result = score_findings(findings, gold)
    assert result.overall.predicted == 2 and result.overall.correct == 2
    assert result.overall.found == 1 and result.overall.gold == 4
    assert result.overall.recall == 0.25
    # G3's primary kind is polarity_flip: its recall is reported there, found by either kind.
    assert result.per_kind["polarity_flip"].found == 1
    assert result.per_kind["quote_altered"].gold == 0
    assert result.per_kind["quote_altered"].precision == 1.0


def test_false_alarms(gold: GoldPair) -> None:
    findings = [
        finding("number_changed", "The council meets on 4 March.", None, Severity.major),
        finding("predicate_changed", "Subscribe to our newsletter", None, Severity.critical),
        finding("entity_changed", "hydrologist Mara Quint said.", None, Severity.major),
        finding("number_changed", "The council meets on 4 March.", None, Severity.minor),
        finding("entity_changed", "The reservoir will reach capacity", None, Severity.major),
    ]
    result = score_findings(findings, gold)
    whys = [(a.finding.kind, a.why) for a in result.false_alarms]
    assert whys == [
        ("number_changed", "overlaps a faithful rendering"),
        ("predicate_changed", "overlaps a passage where no finding belongs"),
        ("entity_changed", "outside every gold span"),
    ]
    alarm = result.false_alarms[0]
    assert alarm.derived_text == "The council meets on 4 March."
    assert alarm.to_dict()["derived_span"] == at(DERIVED, "The council meets on 4 March.").to_list()


def test_recall_by_severity_and_merge(gold: GoldPair) -> None:
    one = score_findings([finding("hedge_dropped", "The reservoir will reach")], gold)
    assert one.by_severity["major"].recall == 0.5
    assert one.by_severity["critical"].recall == 0.0
    assert one.by_severity["minor"].recall == 0.0
    two = score_findings([finding("omission", None, "discuss 12 proposals")], gold)
    merged = merge_results([one, two])
    assert merged.pairs == 2
    assert merged.overall.gold == 8 and merged.overall.found == 2
    assert merged.by_severity["minor"].found == 1
    assert len(merged.missed) == 6
    payload = merged.to_dict()
    assert payload["overall"]["recall"] == 0.25
    assert list(payload["recall_by_severity"]) == ["critical", "major", "minor"]


def test_no_findings_has_no_precision(gold: GoldPair) -> None:
    result = score_findings([], gold)
    assert result.overall.precision is None
    assert result.overall.recall == 0.0
    assert result.overall.f1 is None


def test_report_from_other_texts_is_rejected(gold: GoldPair) -> None:
    report = report_for(gold, [])
    report.derived.article = Article(text=DERIVED + "More text.\n")
    with pytest.raises(InputError, match="other texts"):
        score_report(report, gold)
