"""The data model: one module, plain dataclasses, character offsets everywhere.

Everything in sourcetrace points into an :class:`Article`'s ``text`` through a :class:`Span`;
text is never copied around without the offsets it came from. The pipeline fills these
objects in order::

    Article -> Segment -> Quote / Attribution (in a Document) -> Alignment -> Finding -> Report
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Literal


@dataclass(frozen=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into one article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def of(self, article: Article | str) -> str:
        """The characters this span covers in ``article`` (an Article or its text)."""
        text = article if isinstance(article, str) else article.text
        return text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlap(self, other: Span) -> int:
        """Number of characters shared with ``other``."""
        return max(0, min(self.end, other.end) - max(self.start, other.start))

    def to_list(self) -> list[int]:
        return [self.start, self.end]


def cover(spans: list[Span]) -> Span:
    """The smallest span that covers all of ``spans`` (which must not be empty)."""
    return Span(min(s.start for s in spans), max(s.end for s in spans))


@dataclass
class Article:
    """One news article: its text and what is known about it. Offsets index ``text``."""

    text: str
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    kind: str = "text"  # where it came from: text, html, url, json
    author: str | None = None
    path: str | None = None
    # The declared language code (a corpus record's ``lang``); None when not declared.
    lang: str | None = None

    def meta(self) -> dict[str, Any]:
        """Metadata as plain JSON-ready values (without the text)."""
        return {
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "kind": self.kind,
            "author": self.author,
            "path": self.path,
        }


SegmentKind = Literal["title", "heading", "speaker_line", "sentence", "boilerplate"]


@dataclass(frozen=True)
class Segment:
    """A sentence-sized piece of an article: a sentence, title, heading or boilerplate.

    ``paragraph`` numbers the blank-line/newline separated block the segment lies in.
    ``speaker_line`` is a line that only names a speaker (interview-collection layout).
    """

    span: Span
    kind: SegmentKind
    paragraph: int

    @property
    def is_content(self) -> bool:
        """True for segments that carry claims (sentences and the title)."""
        return self.kind in ("sentence", "title")


SpeakerKind = Literal["person", "organization", "outlet", "unknown"]


@dataclass
class Speaker:
    """Someone whose words an article carries.

    ``aliases`` are the lower-cased forms that refer to the speaker in text: the full name,
    each name part, and role nouns from the introduction ("expert", "chinese expert").
    """

    name: str
    role: str | None = None
    kind: SpeakerKind = "person"
    aliases: set[str] = field(default_factory=set)

    def key(self) -> str:
        return self.name.lower()

    def same_as(self, other: Speaker | None) -> bool:
        """Whether two speakers (possibly from different articles) are the same entity."""
        if other is None:
            return False
        if self.key() == other.key():
            return True
        if self.kind != other.kind and "unknown" not in (self.kind, other.kind):
            return False  # a person is never an organisation; "unknown" may be either
        mine = self.name_parts()
        theirs = other.name_parts()
        # Two names are the same person when one's parts are contained in the other's
        # ("Ivanov" ~ "Oleg Ivanov"), never on a shared first name alone.
        return bool(mine) and bool(theirs) and (mine <= theirs or theirs <= mine)

    def name_parts(self) -> set[str]:
        return {part for part in self.name.lower().replace(".", "").split() if len(part) > 1}


Frame = Literal["narration", "reported", "quoted", "section"]


@dataclass
class Quote:
    """Words inside quotation marks.

    ``span`` includes the marks, ``content_span`` excludes them. ``cue_span`` points at the
    reporting verb or phrase that names the speaker, when there is one. A quote with no cue
    and few words (a scare quote) has ``scare`` set.
    """

    span: Span
    content_span: Span
    speaker: Speaker | None = None
    cue_span: Span | None = None
    speaker_span: Span | None = None
    direct: bool = True
    scare: bool = False


@dataclass
class Attribution:
    """Whose words one content segment carries, and how.

    ``frame`` is ``quoted`` (inside quotation marks), ``reported`` (indirect speech such as
    "X said that ..." or "According to X, ..."), ``section`` (a paragraph under a speaker's
    name line, as in interview collections) or ``narration`` (the outlet's own voice).
    ``content_span`` is the part that carries the claim (without "X said").
    """

    segment: Segment
    frame: Frame
    speaker: Speaker | None = None
    content_span: Span | None = None
    cue_span: Span | None = None
    speaker_span: Span | None = None
    holders: list[Speaker] = field(default_factory=list)

    @property
    def span(self) -> Span:
        return self.segment.span


@dataclass
class Document:
    """An article with its analysis: segments, quotes, attributions and speakers.

    Like a spaCy ``Doc``: it owns the text (through ``article``) and every layer is a list of
    views with offsets into it. ``parsed`` is the spaCy ``Doc`` of
    ``attribute.analysis_text(article.text)`` (typography folded, same length, so its offsets
    are offsets into the text), kept so that checks never re-parse text. ``boilerplate`` lists
    publisher boilerplate inside the text (also inside content segments, such as a dateline
    prefix) that no check reports on.
    """

    article: Article
    segments: list[Segment]
    attributions: list[Attribution]
    quotes: list[Quote]
    speakers: list[Speaker]
    parsed: Any = None
    boilerplate: list[Span] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text

    def attribution_at(self, span: Span) -> Attribution | None:
        """The attribution of the content segment that contains ``span``'s start."""
        for attribution in self.attributions:
            if attribution.span.start <= span.start < attribution.span.end:
                return attribution
        return None

    def quotes_in(self, span: Span) -> list[Quote]:
        return [q for q in self.quotes if q.content_span.overlaps(span)]

    def speaker_named(self, name: str) -> Speaker | None:
        for speaker in self.speakers:
            if speaker.key() == name.lower():
                return speaker
        return None


Evidence = Literal["lexical", "semantic", "both", "none"]


@dataclass
class Alignment:
    """A derived segment and the source segment(s) it comes from.

    ``source`` lists the supporting source segments, best first; it is empty when nothing in
    the source supports the derived segment. ``score`` is the combined support in [0, 1] of the
    best one, ``lexical`` and ``semantic`` its two kinds of evidence. ``candidates`` keeps the
    best few source segments with their scores, supported or not, as evidence for checks
    (is there an equally good match by another speaker?).
    """

    derived: Span
    source: list[Span]
    score: float
    lexical: float
    semantic: float
    evidence: Evidence
    candidates: list[tuple[Span, float]] = field(default_factory=list)
    # Probabilities of entailment/neutral/contradiction of the derived segment given its best
    # source, when an optional NLI model was used (check --nli); None otherwise.
    entailment: dict[str, float] | None = None

    @property
    def supported(self) -> bool:
        return bool(self.source)

    def score_for(self, source: Span) -> float:
        """How well this derived segment matches one source segment (0 when not a candidate)."""
        for span, score in self.candidates:
            if span == source:
                return score
        return self.score if self.source and source == self.source[0] else 0.0


@dataclass
class AlignedPair:
    """A source and a derived document with the alignments between them: what checks read."""

    source: Document
    derived: Document
    alignments: list[Alignment]
    # Results several checks share (quote matches), computed once per pair by the first
    # check that needs them; never part of the pair's identity.
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def alignment_at(self, span: Span) -> Alignment | None:
        """The alignment of the derived segment that contains ``span``'s start."""
        for alignment in self.alignments:
            if alignment.derived.start <= span.start < alignment.derived.end:
                return alignment
        return None

    def renderings_of(self, source_span: Span) -> list[Alignment]:
        """Alignments whose source spans include ``source_span``, most direct rendering first.

        A derived segment whose best match is ``source_span`` renders it more directly than one
        that only draws on it as a secondary source; among equals the closer match wins.
        """
        found = [a for a in self.alignments if source_span in a.source]
        return sorted(
            found,
            key=lambda a: (a.source[0] == source_span, a.score_for(source_span)),
            reverse=True,
        )


class Severity(StrEnum):
    """How much a finding matters to a reader; see ``verify.severity`` for the policy."""

    critical = "critical"
    major = "major"
    minor = "minor"
    info = "info"

    @property
    def rank(self) -> int:
        return {"critical": 3, "major": 2, "minor": 1, "info": 0}[self.value]


FINDING_KINDS = (
    "quote_fabricated",
    "quote_altered",
    "quote_unmarked",
    "misattribution",
    "polarity_flip",
    "hedge_dropped",
    "hedge_added",
    "scope_changed",
    "number_changed",
    "entity_changed",
    "predicate_changed",
    "unsupported_addition",
    "omission",
)


@dataclass
class Finding:
    """One thing that changed between source and derived, with where and why.

    ``derived_span`` is None only for omissions; ``source_span`` is None when the source has
    nothing that corresponds (fabrications, additions). ``diff`` is a word-level diff for
    quote findings: a list of ``(op, source_words, derived_words)`` with op in
    ``equal|replace|delete|insert``.
    """

    kind: str
    severity: Severity
    reason: str
    derived_span: Span | None
    source_span: Span | None
    speaker: str | None = None
    in_quote: bool = False
    diff: list[tuple[str, str, str]] | None = None

    def __post_init__(self) -> None:
        if self.kind not in FINDING_KINDS:
            raise ValueError(f"unknown finding kind {self.kind!r}")


@dataclass
class SpeakerCoverage:
    """How much of one source speaker's material the derived article uses."""

    speaker: str
    sentences: int
    used: int

    @property
    def share(self) -> float:
        return self.used / self.sentences if self.sentences else 0.0


QuoteVerdict = Literal["verbatim", "altered", "fabricated", "scare"]


@dataclass
class QuoteCheck:
    """What became of one derived quotation: where it comes from in the source, and how true."""

    quote: Quote
    verdict: QuoteVerdict
    source_span: Span | None


@dataclass(frozen=True)
class SourceGap:
    """Signs that the source text is incomplete (an excerpt cut off mid-sentence, or much
    shorter than the rewrite), so that what is "not in the source" may lie beyond its end.

    ``reason`` says what was seen; ``source_end`` is where the source's content stops;
    ``derived_from`` is where the derived content that comes after the source's last aligned
    passage starts (None when nothing in the derived text aligns).
    """

    reason: str
    source_end: int
    derived_from: int | None


@dataclass
class Report:
    """The audit of one derived article against its source.

    ``source_gap`` is set when the source looks incomplete (see :class:`SourceGap`)."""

    source: Document
    derived: Document
    alignments: list[Alignment]
    findings: list[Finding]
    coverage: list[SpeakerCoverage]
    quotes: list[QuoteCheck] = field(default_factory=list)
    source_gap: SourceGap | None = None

    def worst(self) -> Severity | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=lambda s: s.rank)

    def at_least(self, severity: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity.rank >= severity.rank]

    @property
    def faithfulness(self) -> float | None:
        """The share of the derived claims the source supports, weighted by the severity of
        the findings on them, in [0, 1]; None when the derived article has no claim segment.
        Computed by :func:`sourcetrace.verify.faithfulness.faithfulness` (docs/faithfulness.md).
        """
        from sourcetrace.verify.faithfulness import faithfulness  # verify imports this module

        return faithfulness(self.alignments, self.findings, self.derived.boilerplate)


@dataclass(frozen=True)
class PassageLink:
    """One sentence of a text aligned to a sentence of another: spans into both, and how
    well they match (``score``: idf-weighted share of the sentence's content words found in
    the other; ``verbatim``: share of its word triples found there)."""

    a: Span
    b: Span
    score: float
    verbatim: float


@dataclass(frozen=True)
class PassageEvidence:
    """Why two texts of a corpus are linked: the sentences they share, in order.

    ``a`` and ``b`` are the two texts in the order they were compared. ``sentences_*`` count
    each text's content sentences (lines of fewer than a few words, such as menus,
    "Advertisement" or bylines, are not sentences here); ``aligned_*`` how many of them align
    to a sentence of the other text. ``longest_run`` is the longest run of the shorter text's
    sentences aligned in the same order in the other (the mark of a copied passage), and
    ``coverage`` the aligned share of the shorter text's sentences. ``verbatim`` is the share
    of aligned sentences that are near-verbatim. ``links`` are the shorter text's aligned
    sentences in its text order, each with its best match in the other. ``truncated_*``
    says a text stops mid-sentence or with a "read more" tail (an excerpt).
    """

    sentences_a: int
    sentences_b: int
    aligned_a: int
    aligned_b: int
    longest_run: int
    coverage: float
    verbatim: float
    links: tuple[PassageLink, ...] = ()
    truncated_a: bool = False
    truncated_b: bool = False
    # How many sentences of the longest run are strong alignments (not just in-order matches).
    run_strong: int = 0
    # The longest block of each text's sentences that match nothing of the other and lie
    # before or inside the shared passage (not after it): context a copy added.
    inner_gap_a: int = 0
    inner_gap_b: int = 0
    # Sentences of the shorter text that are strong alignments to distinct sentences of the
    # other, in any order, and how many of those are near-verbatim: passages a blend or a
    # later write-through took over out of order.
    strong_any_order: int = 0
    verbatim_any_order: int = 0
    # Sentences of each text with no counterpart in the other: prose (ending like a
    # sentence) and other lines (headings, teasers, captions, menus); -1 when unknown.
    unmatched_prose_a: int = -1
    unmatched_prose_b: int = -1
    unmatched_lines_a: int = -1
    unmatched_lines_b: int = -1
    # Where each text's end lies in the other: how many sentences of prose the other text
    # has after the match of this text's last sentences, when those sentences align at the
    # far end of the shared passage; -1 when they align nowhere there (the text's end lies
    # outside the shared passage) or it is unknown. A true excerpt stops inside the shared
    # passage and the other text goes on.
    after_end_a: int = -1
    after_end_b: int = -1

    @property
    def shorter_is_a(self) -> bool:
        return self.sentences_a <= self.sentences_b

    def flipped(self) -> PassageEvidence:
        """The same evidence with ``a`` and ``b`` swapped."""
        return PassageEvidence(
            self.sentences_b,
            self.sentences_a,
            self.aligned_b,
            self.aligned_a,
            self.longest_run,
            self.coverage,
            self.verbatim,
            tuple(PassageLink(x.b, x.a, x.score, x.verbatim) for x in self.links),
            self.truncated_b,
            self.truncated_a,
            self.run_strong,
            self.inner_gap_b,
            self.inner_gap_a,
            self.strong_any_order,
            self.verbatim_any_order,
            self.unmatched_prose_b,
            self.unmatched_prose_a,
            self.unmatched_lines_b,
            self.unmatched_lines_a,
            self.after_end_b,
            self.after_end_a,
        )
