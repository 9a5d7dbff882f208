"""number_changed, typed by structure: the measure, the period or the figure of a claim changed.

A figure in a clause is read with what it measures and when (from the parse, not from a bag of
words):

- its **measure**: the noun it counts or quantifies ("415 jobs", "61% of the new jobs"), the
  noun it is "of" ("a loss of $58 million"), or the subject of the verb it completes ("sales
  rose to $415 million", "adjusted operating income was $96 million"), with that noun's
  restrictive modifiers ("adjusted", "operating");
- its **period**: quarters and halves ("the fourth quarter", "Q1", "the same quarter a year
  earlier"), relative years ("last year", "a year earlier"), and times relative to an event
  ("before she took office", "during her first year in office").

Three changes follow, each reported on the derived figure or period:

1. ``predicate_changed``: the same figure now measures something else ("sales" -> "profit",
   "adjusted operating income" -> "operating income"); for amounts and shares only, since
   counts name what they count freely (see :func:`same_measure`);
2. ``number_changed``: the period changed ("the fourth quarter" -> "the first quarter");
   relative periods are resolved against each article's own period (the first quarter it
   names) and publication date, so "the same quarter a year earlier" and "the fourth quarter
   of 2018" compare;
3. ``number_changed``: the same measure carries another figure ("61% of the new jobs" -> "51
   percent of the new jobs"), also when the words around it were rewritten.

A figure whose measure cannot be read, or whose derived form is found with the same measure
anywhere in the source, is left alone: precision first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sourcetrace.lexical import NUMBER, NUMBER_WORDS, lemma_key, tokens_in
from sourcetrace.lexicons import categorized
from sourcetrace.model import AlignedPair, Document, Finding, Span
from sourcetrace.verify import severity
from sourcetrace.verify.common import (
    aligned_sentences,
    claim_speaker,
    in_quote,
    is_question,
    speaker_name,
)

SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6}
# Number words that are a figure themselves ("five"); scale words multiply the figure before.
WORD_VALUES = {word: value for word, value in NUMBER_WORDS.items() if word not in SCALES}
# "pound" is left out: in US news it is mostly a weight.
CURRENCY = frozenset({"$", "€", "£", "¥", "dollar", "euro", "yen", "usd", "eur", "gbp"})
PERCENT = frozenset({"%", "percent", "per cent", "pct"})
# Two figures within this relative distance are one figure rounded ("$415.3 million", "$415m").
ROUNDING = 0.02
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _lexicon() -> dict[str, tuple[str, ...]]:
    return categorized("measures.txt")


@dataclass(frozen=True)
class Amount:
    """A figure in a text: value, unit, the measure it quantifies and where it is."""

    value: float
    unit: str  # "money", "%" or "" (a count)
    span: Span  # the figure's first numeric token (where number_changed points too)
    text: str  # the figure as written ("$415 million")
    measure: str  # comparison key of the measured noun; "" when it cannot be read
    modifiers: frozenset[str]  # restrictive modifiers of the measured noun
    shown: str  # the measure phrase as written


# ---------------------------------------------------------------------------- figures


def _figure_token(token: Any) -> bool:
    lower = token.lower_
    return bool(
        token.like_num
        or lower in SCALES
        or lower in CURRENCY
        or token.text in {"$", "€", "£", "¥", "%"}
        or lower in {"percent", "pct"}
    )


def _groups(tokens: list[Any]) -> list[list[Any]]:
    """Runs of figure tokens ("$ 415 million", "51 percent"); dates and ordinals are not."""
    groups: list[list[Any]] = []
    current: list[Any] = []
    for token in tokens:
        if _figure_token(token) and token.ent_type_ not in {"DATE", "TIME", "ORDINAL"}:
            current.append(token)
            continue
        if current:
            groups.append(current)
        current = []
    if current:
        groups.append(current)
    return [g for g in groups if any(t.like_num for t in g)]


def _value(group: list[Any]) -> float | None:
    value: float | None = None
    for token in group:
        lower = token.lower_
        if value is None and token.like_num:
            if lower in WORD_VALUES:
                value = float(WORD_VALUES[lower])
            elif NUMBER.fullmatch(token.text):
                try:
                    value = float(token.text.replace(",", ""))
                except ValueError:
                    return None
            else:
                return None
        elif value is not None and lower in SCALES:
            value *= SCALES[lower]
    return value


def _unit(group: list[Any]) -> str:
    words = {t.lower_ for t in group}
    nxt = group[-1].nbor(1) if group[-1].i + 1 < len(group[-1].doc) else None
    if words & PERCENT or (nxt is not None and nxt.lower_ in {"percent", "%"}):
        return "%"
    if words & CURRENCY or (nxt is not None and nxt.lemma_.lower() in CURRENCY):
        return "money"
    return ""


def _root(group: list[Any]) -> Any:
    inside = {t.i for t in group}
    for token in group:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return group[-1]


# ---------------------------------------------------------------------------- measures


def _subject(verb: Any) -> Any:
    """The subject noun of ``verb``, following xcomp/conj up to a verb that has one."""
    node = verb
    for _ in range(4):
        for child in node.children:
            if child.dep_ in SUBJECTS:
                return child
        if node.dep_ in {"xcomp", "conj", "advcl"} and node.head.i != node.i:
            node = node.head
        else:
            break
    return None


def _of_object(token: Any) -> Any:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "in"}:
            for obj in prep.children:
                named = obj.pos_ in {"NOUN", "PROPN"}
                if obj.dep_ == "pobj" and named and obj.ent_type_ not in {"DATE", "TIME"}:
                    return obj
    return None


def _adjacent_partitive(root: Any) -> Any:
    """The object of an "of"/"in" right after the figure that the parser hung on its verb."""
    if root.i + 1 >= len(root.doc) or root.dep_ not in {"dobj", "attr"}:
        return None
    prep = root.doc[root.i + 1]
    if prep.dep_ != "prep" or prep.lower_ not in {"of", "in"} or prep.head.i != root.head.i:
        return None
    for obj in prep.children:
        named = obj.pos_ in {"NOUN", "PROPN"}
        if obj.dep_ == "pobj" and named and obj.ent_type_ not in {"DATE", "TIME"}:
            return obj
    return None


def _measure_noun(root: Any, unit: str) -> Any:
    """The noun a figure quantifies (see the module docstring), else None."""
    partitive = _of_object(root)
    if partitive is not None:  # "61% of the new jobs", "$415 million in sales"
        return partitive
    following = _adjacent_partitive(root)
    if following is not None:  # "dole out $4 trillion in tax cuts", "in" parsed on the verb
        return following
    dep = root.dep_
    if dep in {"nummod", "quantmod", "compound", "amod"} and root.head.pos_ in {"NOUN", "PROPN"}:
        head = root.head
        if head.lower_ in PERCENT:  # "51 percent" as a group already ends there
            return _measure_noun(head, unit)
        return head
    verbs = _lexicon().get("verb", ())
    if dep == "pobj":
        prep = root.head
        holder = prep.head
        if holder.pos_ in {"NOUN", "PROPN"} and prep.lower_ in {"of", "at", "to", "by", "from"}:
            return holder
        if holder.pos_ in {"VERB", "AUX"} and holder.lemma_.lower() in verbs:
            return _subject(holder)
        return None
    if dep in {"attr", "acomp", "dobj", "npadvmod", "advmod", "nsubj"} and root.head.pos_ in {
        "VERB",
        "AUX",
    }:
        verb = root.head
        if verb.lemma_.lower() in verbs and dep != "nsubj":
            return _subject(verb)
    return None


def _generic(noun: Any) -> bool:
    return noun.lemma_.lower() in _lexicon().get("generic", ())


def _measure(root: Any, unit: str) -> tuple[str, frozenset[str], str]:
    noun = _measure_noun(root, unit)
    if noun is not None and _generic(noun):  # "the number of jobs", "the share of women"
        noun = _of_object(noun) or noun
    if noun is None or noun.pos_ not in {"NOUN", "PROPN"} or noun.ent_type_ in {"DATE", "TIME"}:
        return "", frozenset(), ""
    if _generic(noun):
        return "", frozenset(), ""
    skip = set(_lexicon().get("nonrestrictive", ()))
    modifiers = set()
    shown = [noun]
    for child in noun.children:
        if child.dep_ not in {"amod", "compound"}:
            continue
        # Numbers and times are the figure's and the period's; names and demonyms ("Asian
        # countries") say whose, which the entity checks judge.
        if child.like_num or child.ent_type_ or child.pos_ == "PROPN":
            continue
        if child.lemma_.lower() in skip or child.lower_ in PERCENT:
            continue
        modifiers.add(_synonym(lemma_key(child)))
        shown.append(child)
    phrase = " ".join(t.text for t in sorted(shown, key=lambda t: t.i))
    return _synonym(lemma_key(noun)), frozenset(modifiers), phrase


def _synonym(key: str) -> str:
    """Measures a rewrite may name either way ("earnings" for "profit"), lexicon measures.txt."""
    for line in _lexicon().get("same", ()):
        words = line.split("|")
        if key in words:
            return words[0]
    return key


def amounts(document: Document, span: Span) -> list[Amount]:
    """Every figure in ``span`` with its value, unit and measure."""
    found = []
    for group in _groups(tokens_in(document, span)):
        value = _value(group)
        if value is None:
            continue
        numeric = next(t for t in group if t.like_num)
        if re.fullmatch(r"(1[6-9]|20|21)\d\d", numeric.text) and len(group) == 1:
            continue  # a bare year
        unit = _unit(group)
        measure, modifiers, shown = _measure(_root(group), unit)
        start, end = group[0].idx, group[-1].idx + len(group[-1].text)
        found.append(
            Amount(
                value=value,
                unit=unit,
                span=Span(numeric.idx, numeric.idx + len(numeric.text)),
                text=document.text[start:end],
                measure=measure,
                modifiers=modifiers,
                shown=shown,
            )
        )
    return found


def same_value(a: Amount, b: Amount) -> bool:
    if a.unit != b.unit:
        return False
    top = max(abs(a.value), abs(b.value))
    return top == 0 or abs(a.value - b.value) / top <= ROUNDING


def same_measure(a: Amount, b: Amount) -> bool:
    """Whether two figures measure the same thing, as a careful reader would judge it.

    Counts name what they count freely ("11 residents" = "11 Utahns", "one death" = "one
    person"), so only amounts and shares compare their nouns; a rewrite may shorten a compound
    to one of its words ("trap sites" -> "traps"). Modifiers matter only when they define a
    different measure (lexicon measures.txt, category qualifier: "adjusted", "net", ...).
    """
    qualifiers = set(_lexicon().get("qualifier", ()))
    if a.modifiers & qualifiers != b.modifiers & qualifiers:
        return False
    if a.unit == "" or a.measure == b.measure:
        return True
    return a.measure in b.modifiers or b.measure in a.modifiers


def _source_amounts(pair: AlignedPair) -> list[Amount]:
    cached = pair.memo.get("measures.source_amounts")
    if cached is None:
        cached = amounts(pair.source, Span(0, len(pair.source.text)))
        pair.memo["measures.source_amounts"] = cached
    return list(cached)


def _measure_changes(pair: AlignedPair, derived: list[Amount], source: list[Amount]) -> list[Any]:
    """(derived amount, source amount, why) for figures whose measure or value changed."""
    whole = _source_amounts(pair)
    changes = []
    for d in derived:
        if not d.measure:
            continue
        twins = [s for s in source if same_value(s, d)]
        if twins:
            known = [s for s in twins if s.measure]
            if not known or any(same_measure(s, d) for s in twins):
                continue
            if any(same_value(s, d) and same_measure(s, d) for s in whole):
                continue  # the source gives this figure for this measure elsewhere
            changes.append((d, known[0], "measure"))
            continue
        rivals = [
            s for s in source if s.unit == d.unit and s.measure == d.measure and same_measure(s, d)
        ]
        if not rivals:
            continue
        if any(same_value(s, d) and (not s.measure or s.measure == d.measure) for s in whole):
            continue  # the figure is the source's, for this measure or an unread one
        changes.append((d, rivals[0], "value"))
    return changes


# ---------------------------------------------------------------------------- periods


ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
PERIOD = re.compile(
    r"\b(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ](?P<what>quarter|half)"
    r"|(?P<q>Q[1-4])|(?P<h>H[12])"
    r"|(?P<same>same|year-ago|year-earlier|prior-year|year-before|comparable|corresponding)"
    r"\s+(?P<what2>quarter|period|half))"
    r"(?:,?\s+(?:of\s+|in\s+)?(?:fiscal\s+)?(?P<year>(?:19|20)\d\d)\b)?"
    r"(?P<rel>\s+(?:a|one|the)\s+year\s+(?:earlier|ago|before)|\s+last\s+year)?",
    re.IGNORECASE,
)
RELATIVE_YEAR = re.compile(
    r"\b(?:(?P<word>last|previous|prior|this|next)\s+year|(?:a|one)\s+year\s+(?:earlier|ago))\b",
    re.IGNORECASE,
)
YEAR_OFFSET = {"last": -1, "previous": -1, "prior": -1, "this": 0, "next": 1}
QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


@dataclass(frozen=True)
class Period:
    """A resolved period: ('quarter' | 'half' | 'year', year or None, number or None)."""

    kind: str
    year: int | None
    number: int | None
    span: Span
    text: str

    def agrees(self, other: Period) -> bool | None:
        """Whether two periods are the same; None when they cannot be compared."""
        if self.kind != other.kind:
            return None
        if self.number != other.number and None not in (self.number, other.number):
            return False
        if self.year is not None and other.year is not None:
            return self.year == other.year
        return True if self.number is not None else None


def _last_ended(kind: str, number: int, published: date | None) -> int | None:
    """The year of the most recent quarter/half ``number`` that ended on or before publication."""
    if published is None:
        return None
    quarter = number if kind == "quarter" else number * 2
    month, day = QUARTER_END[quarter]
    return published.year if date(published.year, month, day) <= published else published.year - 1


def _raw_periods(text: str, offset: int) -> list[tuple[re.Match[str], Span]]:
    return [(m, Span(offset + m.start(), offset + m.end())) for m in PERIOD.finditer(text)]


def article_period(document: Document, published: date | None) -> Period | None:
    """The article's own period: the first explicit quarter or half it names, resolved."""
    for match, where in _raw_periods(document.text, 0):
        if match["same"] or match["rel"]:
            continue
        resolved = _resolve(match, where, None, published)
        if resolved is not None:
            return resolved
    return None


def _resolve(
    match: re.Match[str], where: Span, reference: Period | None, published: date | None
) -> Period | None:
    if match["ord"]:
        kind, number = match["what"].lower(), ORDINALS[match["ord"].lower()]
    elif match["q"]:
        kind, number = "quarter", int(match["q"][1])
    elif match["h"]:
        kind, number = "half", int(match["h"][1])
    else:  # "the same quarter": the article's own
        if reference is None:
            return None
        kind, number = reference.kind, reference.number or 0
    shift = -1 if match["rel"] else 0
    if match["year"]:
        year: int | None = int(match["year"]) + shift
    elif match["same"] or match["rel"]:
        base = reference.year if reference is not None and reference.kind == kind else None
        if base is None:
            base = _last_ended(kind, number, published)
        year = None if base is None else base + (shift or -1)
    else:
        year = _last_ended(kind, number, published)
    return Period(kind, year, number, where, match.group(0))


def periods(
    document: Document, span: Span, reference: Period | None, published: date | None
) -> list[Period]:
    """Quarters, halves and relative years in ``span``, resolved as far as they can be."""
    text = span.of(document.article)
    found = []
    taken: list[Span] = []
    for match, where in _raw_periods(text, span.start):
        resolved = _resolve(match, where, reference, published)
        if resolved is not None:
            found.append(resolved)
            taken.append(where)
    for match in RELATIVE_YEAR.finditer(text):
        where = Span(span.start + match.start(), span.start + match.end())
        if any(t.overlaps(where) for t in taken):
            continue
        offset = YEAR_OFFSET[match["word"].lower()] if match["word"] else -1
        if reference is not None and reference.kind in {"quarter", "half"} and offset == -1:
            year = None if reference.year is None else reference.year - 1
            found.append(Period(reference.kind, year, reference.number, where, match.group(0)))
        elif published is not None:
            found.append(Period("year", published.year + offset, None, where, match.group(0)))
    return found


# Times relative to an event ("before she took office", "during her first year in office").
RELATIONS = {
    "before": "before",
    "until": "before",
    "prior": "before",
    "ahead": "before",
    "after": "after",
    "since": "after",
    "following": "after",
    "during": "during",
    "while": "during",
    "amid": "during",
}


def event_times(document: Document, span: Span) -> list[tuple[str, frozenset[str], Span]]:
    """(relation, anchor nouns, span) for each "before/after/during EVENT" in ``span``."""
    found = []
    for token in tokens_in(document, span):
        relation = RELATIONS.get(token.lower_)
        if relation is None or token.dep_ not in {"prep", "mark"}:
            continue
        anchor_root = token.head if token.dep_ == "mark" else token
        # A relation inside the anchor is its own event: "after he asked ... during the forum"
        # is after the asking; the forum belongs to "during".
        nested = {
            t.i
            for inner in anchor_root.subtree
            if inner.i != token.i
            and RELATIONS.get(inner.lower_) is not None
            and inner.dep_ in {"prep", "mark"}
            and not (inner.dep_ == "mark" and inner.head.i == anchor_root.i)
            for t in (inner.head if inner.dep_ == "mark" else inner).subtree
        }
        words = [t for t in anchor_root.subtree if t.i != token.i and t.i not in nested]
        nouns = frozenset(lemma_key(t) for t in words if t.pos_ == "NOUN" and not t.is_stop)
        if not nouns:
            continue
        end = max(t.idx + len(t.text) for t in [token, *words])
        found.append((relation, nouns, Span(token.idx, end)))
    return found


def _all_source_periods(pair: AlignedPair, reference: Period | None) -> list[Period]:
    cached = pair.memo.get("measures.source_periods")
    if cached is None:
        whole = Span(0, len(pair.source.text))
        cached = periods(pair.source, whole, reference, pair.source.article.published)
        pair.memo["measures.source_periods"] = cached
    return list(cached)


def _period_changes(
    pair: AlignedPair, derived_span: Span, source_spans: list[Span]
) -> list[tuple[Span, Span, str, str]]:
    """(derived span, source span, source text, derived text) of changed periods."""
    source_published = pair.source.article.published
    derived_published = pair.derived.article.published or source_published
    references = pair.memo.get("measures.references")
    if references is None:
        references = (
            article_period(pair.source, source_published),
            article_period(pair.derived, derived_published),
        )
        pair.memo["measures.references"] = references
    source_ref, derived_ref = references
    source_periods = [
        p for s in source_spans for p in periods(pair.source, s, source_ref, source_published)
    ]
    derived_periods = periods(pair.derived, derived_span, derived_ref, derived_published)
    changes = []
    for d in derived_periods:
        comparable = [s for s in source_periods if d.agrees(s) is not None]
        if not comparable or any(d.agrees(s) for s in comparable):
            continue
        # Every source period kept as well, and the new one named in the source: it was
        # merged in from another sentence.
        kept = all(any(s.agrees(x) for x in derived_periods) for s in comparable)
        if kept and any(d.agrees(s) for s in _all_source_periods(pair, source_ref)):
            continue
        other = comparable[0]
        changes.append((d.span, other.span, other.text, d.text))
    source_events = [e for s in source_spans for e in event_times(pair.source, s)]
    for relation, nouns, where in event_times(pair.derived, derived_span):
        for s_relation, s_nouns, s_where in source_events:
            if nouns & s_nouns and relation != s_relation:
                if any(r == relation and n & nouns for r, n, _ in source_events):
                    continue
                source_text = s_where.of(pair.source.article)
                changes.append((where, s_where, source_text, where.of(pair.derived.article)))
                break
    return changes


# ---------------------------------------------------------------------------- check


def check(pair: AlignedPair) -> list[Finding]:
    findings = []
    for sentence in aligned_sentences(pair):
        if is_question(pair.derived, sentence.span):
            continue
        speaker = speaker_name(claim_speaker(pair.derived, sentence.span))
        quoted = in_quote(pair.derived, sentence.span)
        source = [a for s in sentence.sources for a in amounts(pair.source, s)]
        derived = amounts(pair.derived, sentence.span)
        for d, s, why in _measure_changes(pair, derived, source):
            if why == "measure":
                reason = (
                    f"the source gives ‘{s.text}’ as ‘{s.shown}’; the rewrite gives it as "
                    f"‘{d.shown}’: the same figure now measures something else"
                )
            else:
                reason = f"the source gives ‘{s.shown}’ as ‘{s.text}’; the rewrite as ‘{d.text}’"
            findings.append(
                Finding(
                    # The figure is the source's; what it is said to measure is not: the claim's
                    # predicate changed, as careful readers type it.
                    kind="predicate_changed" if why == "measure" else "number_changed",
                    severity=severity.number_changed(is_date=False),
                    reason=reason,
                    derived_span=d.span,
                    source_span=s.span,
                    speaker=speaker,
                    in_quote=quoted,
                )
            )
        for d_span, s_span, before, after in _period_changes(pair, sentence.span, sentence.sources):
            findings.append(
                Finding(
                    kind="number_changed",
                    # The period of a figure or claim is part of the claim, unlike a slipped
                    # calendar day: as severe as a changed figure.
                    severity=severity.number_changed(is_date=False),
                    reason=f"the period changed: the source says ‘{before}’, the rewrite ‘{after}’",
                    derived_span=d_span,
                    source_span=s_span,
                    speaker=speaker,
                    in_quote=quoted,
                )
            )
    return findings
