"""number_changed: numbers, amounts, dates and durations that differ from the source.

Numbers are compared by value ("five" == "5", "2021-2025" holds 2021 and 2025). Dates are
compared as calendar days: weekday names ("on Tuesday") are resolved against the article's
publication date (the most recent such day on or before it), month-day expressions with
dateparser. A derived number with no counterpart in its source sentences is left to the
unsupported-addition check; this check reports numbers that replaced other numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sourcetrace.lexical import parse_number, tokens_in
from sourcetrace.model import AlignedPair, Article, Document, Finding, Span
from sourcetrace.verify import severity
from sourcetrace.verify.common import (
    aligned_sentences,
    claim_speaker,
    in_quote,
    partitive_object,
    speaker_name,
)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
DAY_OF_MONTH = re.compile(
    rf"\b(?P<month>{MONTHS})\.?,?\s+(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|\b(?:the\s+)?(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{MONTHS})\b",
    re.IGNORECASE,
)
RANGE = re.compile(r"(?<=\d)[-–/](?=\d)")


# "one" is mostly a pronoun ("one or both", "no one"), not a count; it counts only as a
# partitive ("one of his meetings") or a number modifier ("one vote").
PRONOMINAL = frozenset({"one"})


@dataclass(frozen=True)
class Mention:
    """A number or date in a text: its value, what it counts, and where it is."""

    value: float | date | tuple[str, int]
    is_date: bool
    span: Span
    text: str
    counts: str = ""  # lemma of the word the number counts ("cruise" in "three cruises")


def numbers(document: Document, span: Span) -> list[Mention]:
    """Cardinal numbers in ``span``; ranges ("2021-2025") give both ends; dates are left out.

    Ordinals ("First," "Third,") organise a text rather than count, so they are skipped too.
    """
    found = []
    for token in tokens_in(document, span):
        if token.ent_type_ in {"DATE", "TIME", "ORDINAL"}:
            continue
        partitive = partitive_object(token)
        if token.lower_ in PRONOMINAL and partitive is None and token.dep_ != "nummod":
            continue
        where = Span(token.idx, token.idx + len(token.text))
        if partitive is not None:  # "two of his meetings" counts meetings
            counts = partitive.lemma_.lower()
        elif token.dep_ in {"nummod", "quantmod"}:
            counts = token.head.lemma_.lower()
        else:
            counts = ""
        for part in RANGE.split(token.text):
            value = parse_number(part)
            if value is not None:
                found.append(Mention(value, False, where, token.text, counts))
    return found


# A year in a date expression: "in 2009", "since 2008", "March 3, 2024", "2021-2025".
YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d|21\d\d)\b")
MONTH_NAMES = MONTHS.split("|")[:12]


def dates(document: Document, span: Span, published: date | None) -> list[Mention]:
    """Time references in ``span``, each with the granularity it can be compared at.

    Calendar days ("November 24", "the 24th of November", "on Tuesday" resolved against the
    publication date) have a ``date`` value; a weekday with no publication date to resolve it
    is kept as ``("weekday", n)``; years inside date expressions as ``("year", y)`` and month
    names as ``("month", m)``. Only references of the same granularity are compared.
    """
    text = span.of(document.article)
    found = []
    taken: list[Span] = []

    def add(value: date | tuple[str, int], start: int, end: int) -> None:
        where = Span(span.start + start, span.start + end)
        taken.append(where)
        found.append(Mention(value, True, where, text[start:end]))

    for match in DAY_OF_MONTH.finditer(text):
        month = match.group("month") or match.group("month2")
        day = match.group("day") or match.group("day2")
        parsed = _parse_day(f"{month} {day}", published)
        if parsed:
            add(parsed, match.start(), match.end())
    for match in re.finditer(r"\b(" + "|".join(WEEKDAYS) + r")\b", text, re.IGNORECASE):
        weekday = WEEKDAYS.index(match.group(1).lower())
        if published is not None:
            add(published - timedelta(days=(published.weekday() - weekday) % 7), *match.span())
        else:
            add(("weekday", weekday), *match.span())
    # Years and bare month names count only inside spaCy DATE entities: "2009 people" and the
    # modal "may" are not dates.
    for token in tokens_in(document, span):
        if token.ent_type_ != "DATE":
            continue
        where = Span(token.idx, token.idx + len(token.text))
        if any(t.overlaps(where) for t in taken):
            continue
        local = token.idx - span.start
        for match in YEAR.finditer(token.text):
            add(("year", int(match.group(1))), local + match.start(), local + match.end())
        name = token.lower_.rstrip(".")
        if name in MONTH_NAMES and token.text[:1].isupper():
            add(("month", MONTH_NAMES.index(name) + 1), local, local + len(token.text))
    return found


def _granularity(mention: Mention) -> str:
    return mention.value[0] if isinstance(mention.value, tuple) else "day"


def _weekday_named(mention: Mention) -> int | None:
    """The weekday a mention names in words ("on Tuesday"), else None."""
    name = mention.text.lower()
    return WEEKDAYS.index(name) if name in WEEKDAYS else None


def _same_time(a: Mention, b: Mention) -> bool | None:
    """Whether two time references name the same time; None when they cannot be compared."""
    first, second = _weekday_named(a), _weekday_named(b)
    if first is not None and first == second:
        # The same weekday word: a copy published days later resolves it to another date, but
        # the rewrite changed nothing the reader sees.
        return True
    if _granularity(a) == _granularity(b):
        return a.value == b.value
    if {_granularity(a), _granularity(b)} == {"day", "weekday"}:
        # One side has no publication date: only weekday names can be compared.
        return None if first is None or second is None else first == second
    return None


def _named_in(pair: AlignedPair, mention: Mention, published: date | None) -> bool:
    """Whether the source's body (not its "Published: ..." line) names the same time."""
    whole = dates(pair.source, Span(0, len(pair.source.text)), published)
    return any(
        _same_time(m, mention) and not any(b.overlaps(m.span) for b in pair.source.boilerplate)
        for m in whole
    )


def _shown(mention: Mention) -> str:
    """The mention as written, with the calendar day it resolves to when it was resolved."""
    if isinstance(mention.value, date) and mention.value.isoformat() != mention.text:
        return f"‘{mention.text}’ ({mention.value.isoformat()})"
    return f"‘{mention.text}’"


def _parse_day(text: str, published: date | None) -> date | None:
    import dateparser  # slow to import: only when a date is seen

    base = datetime.combine(published, datetime.min.time()) if published else None
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _published(article: Article, fallback: date | None) -> date | None:
    return article.published or fallback


def check(pair: AlignedPair) -> list[Finding]:
    findings = []
    source_published = pair.source.article.published
    derived_published = _published(pair.derived.article, source_published)
    for sentence in aligned_sentences(pair):
        speaker = speaker_name(claim_speaker(pair.derived, sentence.span))
        quoted = in_quote(pair.derived, sentence.span)
        source_numbers = [m for s in sentence.sources for m in numbers(pair.source, s)]
        source_values = {m.value for m in source_numbers}
        for mention in numbers(pair.derived, sentence.span):
            if mention.value in source_values:
                continue
            # Only a number that counts the same thing as a source number replaced it; others
            # are new details, left to the unsupported-addition check.
            rivals = [m for m in source_numbers if m.counts == mention.counts]
            if not rivals:
                continue
            other = rivals[0]
            findings.append(
                Finding(
                    kind="number_changed",
                    severity=severity.number_changed(is_date=False),
                    reason=f"the source says ‘{other.text}’, the rewrite ‘{mention.text}’",
                    derived_span=mention.span,
                    source_span=other.span,
                    speaker=speaker,
                    in_quote=quoted,
                )
            )
        source_dates = [
            m for s in sentence.sources for m in dates(pair.source, s, source_published)
        ]
        if not source_dates:
            continue
        derived_dates = dates(pair.derived, sentence.span, derived_published)
        for mention in derived_dates:
            comparable = [m for m in source_dates if _same_time(m, mention) is not None]
            if not comparable or any(_same_time(m, mention) for m in comparable):
                continue
            # When the sentence keeps every source time as well, the extra one was merged in
            # from elsewhere ("the council, which met on Tuesday, votes on Friday"): if the
            # source names it somewhere, nothing was changed.
            kept = all(any(_same_time(m, d) for d in derived_dates) for m in comparable)
            if kept and _named_in(pair, mention, source_published):
                continue
            other = comparable[0]
            when = f", published {source_published.isoformat()}," if source_published else ""
            findings.append(
                Finding(
                    kind="number_changed",
                    severity=severity.number_changed(is_date=True),
                    reason=(
                        f"the source{when} says {_shown(other)}; the rewrite says {_shown(mention)}"
                    ),
                    derived_span=mention.span,
                    source_span=other.span,
                    speaker=speaker,
                    in_quote=quoted,
                )
            )
    return findings
