"""What the distortions need to know about a source article: sentences, quotes, speakers, entities.

One spaCy parse of the source gives everything: sentence units (with the whitespace between
them, so the derived text keeps the article's layout), quotation spans, the people who speak
(subjects of reporting verbs, "according to X", interview-style name lines) and the named
entities by type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sourcetrace import lexicons
from sourcetrace.attribute.quotes import find_quotes, outermost
from sourcetrace.model import Span

# Quotation spans: curly pairs, and straight pairs that stay on one line.
QUOTE_PATTERN = re.compile(r"“[^”]{2,}”|\"[^\"\n]{2,}\"")
# Entity types an entity swap may exchange (people are the speaker swap's business).
SWAPPABLE_ENTITY_TYPES = ("GPE", "ORG", "NORP", "LOC", "FAC", "EVENT", "PRODUCT")
# Fewer tokens than this is a heading, a name line or a fragment, not a sentence to distort.
MIN_SENTENCE_TOKENS = 5


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Lemmas of communication verbs ("say", "tell", "add"...), from the shared lexicon."""
    return frozenset(lexicons.categorized("reporting_verbs.txt").get("speech", ()))


@lru_cache(maxsize=1)
def swap_table() -> dict[str, dict[str, str]]:
    """``synth_swaps.txt`` as category -> {from: to}."""
    table: dict[str, dict[str, str]] = {}
    for line in lexicons.lines("synth_swaps.txt"):
        category, source, target = (part.strip() for part in line.split("\t"))
        table.setdefault(category, {})[source] = target
    return table


@dataclass
class Unit:
    """One source sentence: its span (whitespace trimmed) and parse."""

    index: int
    span: Span
    text: str
    sent: Any  # the spaCy sentence Span
    editable: bool
    speaker: str | None = None  # full name of the person whose words the sentence carries
    quotes: list[Span] = field(default_factory=list)  # quotation spans, relative to the unit
    # The parts of the article's quotations that fall in this unit, relative to it: a quote
    # over several sentences or paragraphs covers sentences with no quotation mark of their own.
    quoted: list[Span] = field(default_factory=list)

    def local(self, start: int, end: int) -> tuple[int, int]:
        """Document offsets -> offsets inside this unit's text."""
        return start - self.span.start, end - self.span.start

    def in_quote(self, start: int, end: int) -> bool:
        """Whether the unit-relative range lies inside a quotation."""
        return any(q.start <= start and end <= q.end for q in (*self.quotes, *self.quoted))


@dataclass
class Context:
    """A parsed source article, ready to be distorted."""

    text: str
    doc: Any
    units: list[Unit]
    gaps: list[str]  # gaps[i] is the text between unit i-1 and unit i; gaps[-1] trails
    persons: list[str]  # full names of people mentioned, longest form of each
    speakers: list[str]  # the persons who speak in the article
    entities: dict[str, list[str]]  # entity type -> distinct entity texts
    curly_quotes: bool
    # Where the checker's attribution finds who speaks ("the agency said", "according to X"),
    # in document offsets: a change there is to the speaker's description, not to the claim.
    speaker_spans: list[Span] = field(default_factory=list)

    def full_name(self, name: str) -> str:
        """The longest mention of the person ``name`` refers to (a surname -> full name)."""
        last = name.split()[-1].lower() if name.split() else ""
        for person in self.persons:
            if person.split()[-1].lower() == last:
                return person
        return name

    def surname(self, name: str) -> str:
        return name.split()[-1]

    def quote_marks(self) -> tuple[str, str]:
        return ("“", "”") if self.curly_quotes else ('"', '"')


def _person_of(token: Any, doc: Any) -> str | None:
    """The PERSON entity a token belongs to, if any."""
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start <= token.i < ent.end:
            return str(ent.text)
    return None


def _sentence_speaker(sent: Any, doc: Any) -> str | None:
    """The person a sentence attributes its words to: "X said", "said X", "according to X"."""
    for token in sent:
        if token.lemma_.lower() in reporting_verbs() and token.pos_ == "VERB":
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    person = _person_of(child, doc)
                    if person:
                        return person
        if (
            token.lower_ == "according"
            and token.i + 2 < sent.end
            and doc[token.i + 1].lower_ == "to"
        ):
            person = _person_of(doc[token.i + 2], doc)
            if person:
                return person
    return None


def _is_name_line(sent: Any, doc: Any) -> str | None:
    """An interview-layout line that only names a speaker (and a role): no finite verb."""
    has_verb = any(t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBN", "VBG") for t in sent)
    if has_verb:
        return None
    first = next((t for t in sent if not t.is_space), None)
    return _person_of(first, doc) if first is not None else None


def build_context(text: str, nlp: Any) -> Context:
    """Parse ``text`` once and collect what the distortions need."""
    doc = nlp(text)
    persons: list[str] = []
    entities: dict[str, list[str]] = {}
    for ent in doc.ents:
        name = ent.text.strip().removesuffix("’s").removesuffix("'s")
        if not name or "\n" in name:
            continue
        if ent.label_ == "PERSON":
            if len(name.split()) >= 2 and name not in persons:
                persons.append(name)
        elif ent.label_ in SWAPPABLE_ENTITY_TYPES:
            known = entities.setdefault(ent.label_, [])
            if name not in known:
                known.append(name)
    persons.sort(key=len, reverse=True)
    quote_spans = [Span(m.start(), m.end()) for m in QUOTE_PATTERN.finditer(text)]
    article_quotes = [q.span for q in outermost(find_quotes(text))]

    units: list[Unit] = []
    gaps: list[str] = []
    previous_end = 0
    section_speaker: str | None = None
    speaker_by_paragraph: dict[int, str] = {}
    paragraph = 0
    for sent in doc.sents:
        raw = sent.text
        stripped = raw.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        gap = text[previous_end:start]
        if "\n" in gap:
            paragraph += 1
        gaps.append(gap)
        previous_end = end
        tokens = [t for t in sent if not t.is_space and not t.is_punct]
        name_line = _is_name_line(sent, doc)
        if name_line:
            section_speaker = name_line
        speaker = _sentence_speaker(sent, doc)
        if speaker:
            speaker_by_paragraph[paragraph] = speaker
        else:
            speaker = speaker_by_paragraph.get(paragraph) or (
                section_speaker if not name_line else None
            )
        unit_quotes = [
            Span(q.start - start, q.end - start)
            for q in quote_spans
            if start <= q.start and q.end <= end
        ]
        quoted = [
            Span(max(q.start, start) - start, min(q.end, end) - start)
            for q in article_quotes
            if q.start < end and start < q.end
        ]
        units.append(
            Unit(
                index=len(units),
                span=Span(start, end),
                text=stripped,
                sent=sent,
                editable=len(tokens) >= MIN_SENTENCE_TOKENS and not name_line,
                speaker=speaker,
                quotes=unit_quotes,
                quoted=quoted,
            )
        )
    gaps.append(text[previous_end:])
    if len(units) > 1 and "\n" in gaps[1]:
        units[0].editable = False  # a first line of its own is the title: it stays as it is

    context = Context(
        text=text,
        doc=doc,
        units=units,
        gaps=gaps,
        persons=persons,
        speakers=[],
        entities=entities,
        curly_quotes="“" in text or '"' not in text,
    )
    speakers: list[str] = []
    for unit in units:
        if unit.speaker:
            unit.speaker = context.full_name(unit.speaker)
            if unit.speaker not in speakers:
                speakers.append(unit.speaker)
    context.speakers = speakers
    document = _analysis(text, doc)
    if document is not None:
        context.speaker_spans = [
            a.speaker_span for a in document.attributions if a.speaker_span is not None
        ]
        # A line the checker reads as a heading or boilerplate is not a claim it audits.
        labels = [s.span for s in document.segments if not s.is_content]
        for unit in units[1:]:
            if any(label.contains(unit.span) for label in labels):
                unit.editable = False
    return context


def _analysis(text: str, doc: Any) -> Any:
    """The product's own analysis of the article (segments, attributions), or None when the
    text is not in the normalised form an Article holds."""
    from sourcetrace.attribute import analyze
    from sourcetrace.ingest import from_text

    article = from_text(text)
    if article.text != text:
        return None
    return analyze(article, parsed=doc)
