"""Score the attribution layer against PolNeAR (Newell et al., LREC 2018).

PolNeAR annotates attributions in US political news as BRAT standoff: ``text/NAME.txt`` and
``attributions/NAME_ANNOTATOR.ann`` with ``Source``, ``Cue`` and ``Content`` text-bound
annotations tied together by ``Attribution`` events. Articles annotated by several annotators
are scored against the first annotation file (by name).

What is scored, per article and summed per publisher and overall:

* **content exact**: a predicted content span equals a gold content span, after trimming
  whitespace, punctuation and quotation marks at both ends (corpora disagree on whether a
  trailing full stop or closing quote belongs to the content);
* **content overlap**: predicted and gold content spans share at least one character;
  matching is one-to-one (greedy by shared characters), so one long prediction cannot find
  several gold spans;
* **source accuracy**: among gold attributions with a Source whose content was found
  (overlap), the share whose predicted speaker matches the gold Source text: fuzzy
  (rapidfuzz token-set ratio >= :data:`SOURCE_MATCH`) against the speaker mention, the
  resolved speaker's name or any of its aliases; **source recall** is the same count over
  all gold attributions with a Source.

Predictions of sourcetrace are the ``reported`` attributions' content spans plus every direct
quote (not a scare quote) that lies outside them; a peer (textacy's rule-based
``direct_quotations``) is run on the same spaCy parse and scored the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from sourcetrace.errors import InputError
from sourcetrace.model import Article, Document, Span

SOURCE_MATCH = 85.0
# Characters between two quotes of one speaker joined into one attribution ('"A," she said. "B."').
JOIN_MAX_GAP = 80
PEERS = ("textacy",)
_EDGE = " \t\n.,;:!?\"'“”‘’«»—–-()[]"
_LEADING_WORDS = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class GoldAttribution:
    """One PolNeAR attribution: content span (cover of its pieces) and source text."""

    content: Span
    source: str | None


@dataclass(frozen=True)
class Predicted:
    """One predicted attribution: content span and every string naming its speaker."""

    content: Span
    names: tuple[str, ...]


@dataclass
class Scores:
    """Counts behind the figures; add them up to pool articles."""

    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0
    with_source: int = 0
    source_found: int = 0
    source_correct: int = 0

    def add(self, other: Scores) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _f1(hits: int, predicted: int, gold: int) -> float:
        precision = hits / predicted if predicted else 0.0
        recall = hits / gold if gold else 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    @property
    def exact_f1(self) -> float:
        return self._f1(self.exact, self.predicted, self.gold)

    @property
    def overlap_precision(self) -> float:
        return self.overlap / self.predicted if self.predicted else 0.0

    @property
    def overlap_recall(self) -> float:
        return self.overlap / self.gold if self.gold else 0.0

    @property
    def overlap_f1(self) -> float:
        return self._f1(self.overlap, self.predicted, self.gold)

    @property
    def source_accuracy(self) -> float:
        return self.source_correct / self.source_found if self.source_found else 0.0

    @property
    def source_recall(self) -> float:
        return self.source_correct / self.with_source if self.with_source else 0.0


@dataclass
class PolnearResult:
    """Scores per publisher and overall (key ``"all"``) for sourcetrace and an optional peer."""

    split: str
    articles: int
    ours: dict[str, Scores]
    peer_name: str | None = None
    peer: dict[str, Scores] = field(default_factory=dict)
    peer_failures: int = 0  # articles the peer refused (textacy bails out on unbalanced quotes)


# ----- reading BRAT --------------------------------------------------------------------
def _cover(pieces: str) -> Span:
    spans = [tuple(int(x) for x in piece.split()) for piece in pieces.split(";")]
    return Span(min(s[0] for s in spans), max(s[1] for s in spans))


def parse_ann(ann: str, text: str) -> list[GoldAttribution]:
    """Gold attributions of one BRAT ``.ann`` file over ``text``."""
    spans: dict[str, tuple[str, Span]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        ident, body = fields[0], fields[1]
        if ident.startswith("T"):
            label, _, pieces = body.partition(" ")
            try:
                spans[ident] = (label, _cover(pieces))
            except ValueError as exc:
                raise InputError(f"bad BRAT span line: {line!r}") from exc
        elif ident.startswith("E"):
            roles = dict(part.split(":", 1) for part in body.split() if ":" in part)
            events.append(roles)
    gold: list[GoldAttribution] = []
    for roles in events:
        content_id = roles.get("Content")
        if content_id not in spans:
            continue
        content = spans[content_id][1]
        source_id = roles.get("Source")
        source = spans[source_id][1].of(text) if source_id in spans else None
        gold.append(GoldAttribution(content, source))
    return gold


def articles(root: Path, split: str) -> Iterator[tuple[str, str, str]]:
    """(name, text, ann) of each article of ``split`` with its first annotation file."""
    base = root / split
    texts = base / "text"
    annotations = base / "attributions"
    if not texts.is_dir() or not annotations.is_dir():
        raise InputError(f"no PolNeAR split at {base} (expected text/ and attributions/)")
    chosen: dict[str, Path] = {}
    for ann in sorted(annotations.glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(name, ann)
    for name in sorted(chosen):
        text_file = texts / f"{name}.txt"
        if text_file.is_file():
            text = text_file.read_text(encoding="utf-8")
            yield name, text, chosen[name].read_text(encoding="utf-8")


def publisher_of(name: str) -> str:
    """The publisher code PolNeAR file names start with (``nyt_2016-...`` -> ``nyt``)."""
    return name.split("_", 1)[0]


# ----- predictions ---------------------------------------------------------------------
def predictions(document: Document) -> list[Predicted]:
    """sourcetrace's attributions as units: reported contents, then quotes outside them."""
    from sourcetrace.attribute import all_reports

    units: list[Predicted] = []
    reported: list[Span] = []
    for attribution in all_reports(document):
        assert attribution.content_span is not None  # all_reports only returns frames with content
        reported.append(attribution.content_span)
        units.append(Predicted(attribution.content_span, _names(document, attribution)))
    previous: tuple[Any, Predicted, Span | None] | None = None
    for quote in document.quotes:
        if quote.scare or quote.speaker is None:
            continue
        if any(span.overlaps(quote.content_span) for span in reported):
            continue
        names = [quote.speaker.name, *quote.speaker.aliases]
        if quote.speaker_span is not None:
            names.insert(0, quote.speaker_span.of(document.text))
        unit = Predicted(quote.content_span, tuple(names))
        if (
            previous is not None
            and (quote.cue_span is None or quote.cue_span == previous[2])
            and previous[0] is quote.speaker
            and _adjacent(document.text, previous[1].content, quote.content_span)
        ):
            # PolNeAR annotates '"A," she said. "B."' and '"A," she said, "B."' as one
            # attribution: join the continuation to the quote before it.
            joined = Predicted(
                Span(previous[1].content.start, quote.content_span.end), previous[1].names
            )
            units[units.index(previous[1])] = joined
            previous = (quote.speaker, joined, previous[2])
            continue
        units.append(unit)
        previous = (quote.speaker, unit, quote.cue_span)
    return units


def _adjacent(text: str, before: Span, after: Span) -> bool:
    """Two quotes close enough to be one attribution: at most a short tag and one paragraph break
    between them."""
    gap = text[before.end : after.start]
    return len(gap) <= JOIN_MAX_GAP and gap.count("\n\n") + gap.count("\r\n\r\n") <= 1


def _names(document: Document, attribution: Any) -> tuple[str, ...]:
    names: list[str] = []
    if attribution.speaker_span is not None:
        names.append(attribution.speaker_span.of(document.text))
    if attribution.speaker is not None:
        names.append(attribution.speaker.name)
        names.extend(attribution.speaker.aliases)
    return tuple(names)


def textacy_predictions(parsed: Any) -> list[Predicted]:
    """textacy's direct quotations on the same parse; raises ValueError where textacy bails out."""
    from textacy.extract.triples import direct_quotations

    units: list[Predicted] = []
    for triple in direct_quotations(parsed):
        content = triple.content
        speaker = " ".join(token.text for token in triple.speaker)
        units.append(Predicted(Span(content.start_char, content.end_char), (speaker,)))
    return units


# ----- scoring -------------------------------------------------------------------------
def _normalised(text: str, span: Span) -> tuple[int, int]:
    start, end = span.start, span.end
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _one_to_one(gold: list[Span], predicted: list[Span]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of overlapping spans, most shared characters first."""
    pairs = [
        (g.overlap(p), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(predicted)
        if g.overlap(p) > 0
    ]
    pairs.sort(reverse=True)
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    matched: list[tuple[int, int]] = []
    for _, gi, pi in pairs:
        if gi in used_gold or pi in used_predicted:
            continue
        used_gold.add(gi)
        used_predicted.add(pi)
        matched.append((gi, pi))
    return matched


def source_matches(gold_source: str, names: Iterable[str]) -> bool:
    """Whether a predicted speaker (any of its names) is the gold Source text."""
    target = _LEADING_WORDS.sub("", gold_source.strip()).lower()
    for name in names:
        candidate = _LEADING_WORDS.sub("", name.strip()).lower()
        if candidate and target and fuzz.token_set_ratio(target, candidate) >= SOURCE_MATCH:
            return True
    return False


def score_article(text: str, gold: list[GoldAttribution], predicted: list[Predicted]) -> Scores:
    """Counts for one article."""
    scores = Scores(gold=len(gold), predicted=len(predicted))
    gold_exact = {_normalised(text, g.content) for g in gold}
    predicted_exact = {_normalised(text, p.content) for p in predicted}
    scores.exact = len(gold_exact & predicted_exact)
    matched = dict(_one_to_one([g.content for g in gold], [p.content for p in predicted]))
    scores.overlap = len(matched)
    for gi, item in enumerate(gold):
        if item.source is None:
            continue
        scores.with_source += 1
        if gi in matched:
            scores.source_found += 1
            if source_matches(item.source, predicted[matched[gi]].names):
                scores.source_correct += 1
    return scores


def _bump(table: dict[str, Scores], publisher: str, scores: Scores) -> None:
    for key in (publisher, "all"):
        table.setdefault(key, Scores()).add(scores)


def evaluate_polnear(
    root: Path, split: str = "dev", peer: str | None = None, limit: int | None = None
) -> PolnearResult:
    """Run :func:`sourcetrace.attribute.analyze` (and ``peer``) over a PolNeAR split; score it."""
    from sourcetrace.attribute import analysis_text, analyze
    from sourcetrace.nlp import load_spacy

    if peer is not None and peer not in PEERS:
        raise InputError(f"unknown peer {peer!r}; known: {', '.join(PEERS)}")
    root = Path(root)
    items = list(articles(root, split))
    if limit is not None:
        items = items[:limit]
    if not items:
        raise InputError(f"no PolNeAR articles found under {root / split}")
    nlp = load_spacy()
    result = PolnearResult(split=split, articles=len(items), ours={}, peer_name=peer)
    texts = [text for _, text, _ in items]
    for (name, text, ann), parsed in zip(
        items, nlp.pipe([analysis_text(t) for t in texts], batch_size=16), strict=True
    ):
        gold = parse_ann(ann, text)
        document = analyze(Article(text=text), parsed=parsed)
        _bump(result.ours, publisher_of(name), score_article(text, gold, predictions(document)))
        if peer == "textacy":
            try:
                peer_units = textacy_predictions(parsed)
            except ValueError:
                peer_units = []
                result.peer_failures += 1
            _bump(result.peer, publisher_of(name), score_article(text, gold, peer_units))
    return result


def format_polnear(result: PolnearResult) -> str:
    """A plain-text table: content exact/overlap F1 and source accuracy, ours beside the peer's."""
    columns = ["exact F1", "overlap P", "overlap R", "overlap F1", "source acc", "source rec"]

    def cells(scores: Scores | None) -> list[str]:
        if scores is None:
            return ["-"] * len(columns)
        values = [
            scores.exact_f1,
            scores.overlap_precision,
            scores.overlap_recall,
            scores.overlap_f1,
            scores.source_accuracy,
            scores.source_recall,
        ]
        return [f"{v:.3f}" for v in values]

    header = ["publisher", "gold", *[f"ours {c}" for c in columns]]
    if result.peer_name:
        header += [f"{result.peer_name} {c}" for c in columns]
    rows = [header]
    keys = [*sorted(k for k in result.ours if k != "all"), "all"]
    for key in keys:
        row = [key, str(result.ours[key].gold), *cells(result.ours[key])]
        if result.peer_name:
            row += cells(result.peer.get(key))
        rows.append(row)
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = [
        f"PolNeAR {result.split}: {result.articles} articles"
        + (f"; {result.peer_name} refused {result.peer_failures}" if result.peer_name else "")
    ]
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)
