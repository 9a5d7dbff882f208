"""The distortions: each turns one source sentence into a changed one (or adds or drops one).

Every function takes the parsed article, one sentence unit and a random generator and returns
an :class:`Edit` (what the derived sentence becomes, which finding kinds a checker should
report, how severe that is by the product's own policy in :mod:`sourcetrace.verify.severity`)
or None when the sentence offers nothing to distort that way. The edits follow the FactCC
corruption scheme (Kryscinski et al. 2020), extended to the finding kinds sourcetrace reports.
"""

from __future__ import annotations

import calendar
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sourcetrace import lexicons
from sourcetrace.model import Severity
from sourcetrace.synth.context import SWAPPABLE_ENTITY_TYPES, Context, Unit, swap_table
from sourcetrace.verify import severity as policy


@dataclass
class Edit:
    """One recorded change to the derived text."""

    op: str  # the distortion's name (negation, hedge_removal, ...) or "paraphrase"
    unit: int  # the source sentence it changes, drops or follows
    kinds: tuple[str, ...]
    severity: Severity
    note: str
    new_text: str | None = None  # the sentence's replacement
    inserted: str | None = None  # a new sentence placed after the unit
    drop: bool = False
    speaker: str | None = None
    in_quote: bool = False
    faithful: bool = False  # a harmless paraphrase, recorded in the gold's "faithful" list


def splice(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def tidy(text: str) -> str:
    """Repair spacing and punctuation left by a deletion, and capitalise the sentence start."""
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r" +([,.;:!?”])", r"\1", text)
    text = re.sub(r",\s*([,.;:])", r"\1", text)
    text = re.sub(r"^([“\"]?)\s*,\s*", r"\1", text)
    text = re.sub(r"^([“\"])\s+", r"\1", text)
    match = re.match(r"^([“\"]?)([a-z])", text)
    if match:
        text = match.group(1) + match.group(2).upper() + text[match.end() :]
    return text.strip()


def same_case(template: str, word: str) -> str:
    """``word`` capitalised like ``template``."""
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _local(unit: Unit, token: Any) -> tuple[int, int]:
    return unit.local(token.idx, token.idx + len(token.text))


def _changed(
    op: str,
    unit: Unit,
    new_text: str,
    where: tuple[int, int],
    kinds: tuple[str, ...],
    severity: Severity,
    note: str,
) -> Edit | None:
    """An Edit replacing the unit's text; edits inside a quotation also alter the quote."""
    new_text = tidy(new_text)
    if new_text == unit.text or not new_text:
        return None
    in_quote = unit.in_quote(*where)
    if in_quote and "quote_altered" not in kinds:
        kinds = (*kinds, "quote_altered")
    return Edit(
        op=op,
        unit=unit.index,
        kinds=kinds,
        severity=severity,
        note=note,
        new_text=new_text,
        speaker=unit.speaker,
        in_quote=in_quote,
    )


# ---------------------------------------------------------------- negation


NEGATED_CONTRACTIONS = {"ca": "can", "wo": "will", "sha": "shall"}


def _claim_verb(unit: Unit) -> Any:
    """The verb carrying the claim: the reported clause's verb under "X said", else the root."""
    from sourcetrace.synth.context import reporting_verbs

    root = unit.sent.root
    if root.lemma_.lower() in reporting_verbs():
        for child in root.children:
            if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX"):
                return child
    return root if root.pos_ in ("VERB", "AUX") else None


def negation(context: Context, unit: Unit, rng: random.Random) -> Edit | None:
    """Insert "not" on the claim's verb, or remove the negation it has (polarity flip)."""
    verb = _claim_verb(unit)
    if verb is None:
        return None
    text = unit.text
    negations = [child for child in verb.children if child.dep_ == "neg"]
    if negations:
        token = negations[0]
        start, end = _local(unit, token)
        if token.lower_ == "n't":
            before = context.doc[token.i - 1]
            fixed = NEGATED_CONTRACTIONS.get(before.lower_)
            if fixed:
                start = _local(unit, before)[0]
                new_text = splice(text, start, end, same_case(before.text, fixed))
            else:
                new_text = splice(text, start, end, "")
        elif token.lower_ in ("not", "never"):
            new_text = splice(text, start, end, "")
        else:
            return None
        note = f"negation removed: {token.text!r}"
    else:
        auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
        auxiliaries = [c for c in auxiliaries if c.lower_ != "to"]
        if auxiliaries:
            start, end = _local(unit, auxiliaries[0])
            new_text = splice(text, end, end, " not")
        elif verb.lemma_ == "be":
            start, end = _local(unit, verb)
            new_text = splice(text, end, end, " not")
        elif verb.tag_ in ("VBD", "VBZ", "VBP"):
            start, end = _local(unit, verb)
            support = {"VBD": "did", "VBZ": "does", "VBP": "do"}[verb.tag_]
            new_text = splice(text, start, end, f"{support} not {verb.lemma_.lower()}")
        else:
            return None
        note = f"negation inserted at {verb.text!r}"
    return _changed(
        "negation",
        unit,
        new_text,
        (start, end),
        ("polarity_flip",),
        policy.polarity_flip(unit.speaker is not None),
        note,
    )


# ---------------------------------------------------------------- hedge removal


def _hedge_lexicon() -> dict[str, tuple[str, ...]]:
    return lexicons.categorized("hedges.txt")


def _phrase_matches(text: str, phrases: tuple[str, ...]) -> list[tuple[int, int, str]]:
    found = []
    lowered = text.lower()
    for phrase in phrases:
        for match in re.finditer(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", lowered):
            found.append((match.start(), match.end(), phrase))
    return found


def hedge_removal(context: Context, unit: Unit, rng: random.Random) -> Edit | None:
    """Drop a hedge: a modal becomes "will", a doubt or condition or degree cue disappears."""
    hedges = _hedge_lexicon()
    modal_swaps = swap_table()["modal"]
    text = unit.text
    # (start, end, replacement, category, what)
    candidates: list[tuple[int, int, str, str, str]] = []
    for token in unit.sent:
        start, end = _local(unit, token)
        lower = token.lower_
        if token.tag_ == "MD" and lower in modal_swaps and lower != "can":
            candidates.append(
                (start, end, same_case(token.text, modal_swaps[lower]), "modal", lower)
            )
        elif token.dep_ == "advmod" and lower in hedges.get("modal", ()) and token.tag_ != "MD":
            candidates.append((start, end, "", "modal", lower))
        elif lower in ("if", "unless") and token.dep_ == "mark":
            clause = list(token.head.subtree)
            if clause[0].i != token.i or len(clause) > 0.6 * len(unit.sent):
                continue
            clause_end = _local(unit, clause[-1])[1]
            candidates.append((start, clause_end, "", "condition", f"{lower} clause"))
    for start, end, phrase in _phrase_matches(text, hedges.get("epistemic", ())):
        opening = text[:start].rstrip()
        if opening and opening[-1] not in '“",;:':
            continue  # only a stance that opens the clause can go without breaking it
        follow = re.match(r"\s*(?:that\b|,)?", text[end:])
        end += follow.end() if follow else 0
        candidates.append((start, end, "", "epistemic", phrase))
    for start, end, phrase in _phrase_matches(text, hedges.get("condition", ())):
        # a fixed condition ("if necessary") is the whole condition when punctuation follows
        if len(phrase.split()) >= 2 and re.match(r"\s*[,.;:!?”\"]", text[end:] or "."):
            candidates.append((start, end, "", "condition", phrase))
    for start, end, phrase in _phrase_matches(text, hedges.get("degree", ())):
        candidates.append((start, end, "", "degree", phrase))
    if not candidates:
        return None
    start, end, replacement, category, what = rng.choice(sorted(candidates))
    new_text = splice(text, start, end, replacement)
    return _changed(
        "hedge_removal",
        unit,
        new_text,
        (start, end),
        ("hedge_dropped",),
        policy.hedge_changed(category),
        f"{category} hedge removed: {what!r}" + (f" -> {replacement!r}" if replacement else ""),
    )


# ---------------------------------------------------------------- quantifiers


BOTH_AND = re.compile(r"\b([Bb])oth\s+((?:\S+\s+){0,5}?\S+)\s+and\b")


def quantifier_swap(context: Context, unit: Unit, rng: random.Random) -> Edit | None:
    """Change a quantifier's scope: "both A and B" -> "A or B", all <-> some, always <-> often."""
    swaps = swap_table()["quantifier"]
    text = unit.text
    candidates: list[tuple[int, int, str, str]] = []
    for match in BOTH_AND.finditer(text):
        replacement = f"{match.group(2)} or"
        if match.group(1) == "B":
            replacement = replacement[:1].upper() + replacement[1:]
        candidates.append((match.start(), match.end(), replacement, "both ... and -> or"))
    doc = context.doc
    for token in unit.sent:
        lower = token.lower_
        if lower not in swaps or token.pos_ not in ("DET", "ADV", "PRON", "ADJ"):
            continue
        previous = doc[token.i - 1].lower_ if token.i > 0 else ""
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if previous in ("at", "after", "of", "for", "once") or (
            following is not None and following.like_num
        ):
            continue  # "at all", "after all", "some 200": idioms and approximations
        start, end = _local(unit, token)
        candidates.append(
            (start, end, same_case(token.text, swaps[lower]), f"{lower} -> {swaps[lower]}")
        )
    if not candidates:
        return None
    start, end, replacement, what = rng.choice(sorted(candidates))
    return _changed(
        "quantifier_swap",
        unit,
        splice(text, start, end, replacement),
        (start, end),
        ("scope_changed",),
        policy.scope_changed(),
        f"scope changed: {what}",
    )


# ---------------------------------------------------------------- numbers and dates


DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
WEEKDAYS = tuple(calendar.day_name)
MONTHS = tuple(calendar.month_name[1:])


def _other_number(value: float, decimals: int, rng: random.Random) -> float:
    if value < 10 and decimals == 0:
        choices = [n for n in range(1, 20) if n != int(value)]
        return float(rng.choice(choices))
    factor = rng.choice((0.5, 0.6, 0.75, 1.25, 1.4, 2.0))
    new = round(value * factor, decimals)
    return new if new != value else value + 1


def _format_number(value: float, decimals: int, commas: bool) -> str:
    if commas:
        return f"{value:,.{decimals}f}"
    return f"{value:.{decimals}f}"


def _is_year(token: Any) -> bool:
    return bool(re.fullmatch(r"\d{4}", token.text)) and 1800 <= int(token.text) <= 2100


def number_change(context: Context, unit: Unit, rng: random.Random) -> Edit | None:
    """Change a count, amount or percentage (not a date)."""
    words = swap_table()["number"]
    candidates: list[tuple[int, int, str, str]] = []
    for token in unit.sent:
        if token.ent_type_ in ("DATE", "TIME") or _is_year(token):
            continue
        start, end = _local(unit, token)
        if DIGITS.fullmatch(token.text):
            raw = token.text
            decimals = len(raw.split(".")[1]) if "." in raw else 0
            value = float(raw.replace(",", ""))
            new = _other_number(value, decimals, rng)
            shown = _format_number(new, decimals, "," in raw or new >= 10000)
            candidates.append((start, end, shown, f"{raw} -> {shown}"))
        elif token.lower_ in words and token.like_num:
            shown = same_case(token.text, words[token.lower_])
            candidates.append((start, end, shown, f"{token.text} -> {shown}"))
    if not candidates:
        return None
    start, end, replacement, what = rng.choice(sorted(candidates))
    return _changed(
        "number_change",
        unit,
        splice(unit.text, start, end, replacement),
        (start, end),
        ("number_changed",),
        policy.number_changed(is_date=False),
        f"number changed: {what}",
    )


def date_change(context: Context, unit: Unit, rng: random.Random) -> Edit | None:
    """Change a weekday, month, day of the month or year."""
    candidates: list[tuple[int, int, str, str]] = []
    doc = context.doc
    for token in unit.sent:
        start, end = _local(unit, token)
        title = token.text.capitalize()
        if title in WEEKDAYS and token.text[:1].isupper():
            other = rng.choice([d for d in WEEKDAYS if d != title])
            candidates.append((start, end, other, f"{token.text} -> {other}"))
        elif title in MONTHS and token.text[:1].isupper() and token.ent_type_ == "DATE":
            other = rng.choice([m for m in MONTHS if m != title])
            candidates.append((start, end, other, f"{token.text} -> {other}"))
        elif _is_year(token) and token.ent_type_ == "DATE":
            other = str(int(token.text) + rng.choice((-3, -2, -1, 1, 2, 3)))
            candidates.append((start, end, other, f"{token.text} -> {other}"))
        elif (
            re.fullmatch(r"\d{1,2}", token.text)
            and 1 <= int(token.text) <= 31
            and token.ent_type_ == "DATE"
            and any(
                doc[i].text.capitalize() in MONTHS
                for i in (token.i - 1, token.i + 1)
                if 0 <= i < len(doc)
            )
        ):
            other = str(rng.choice([d for d in range(1, 29) if d != int(token.text)]))
            candidates.append((start, end, other, f"{token.text} -> {other}"))
    if not candidates:
        return None
    start, end, replacement, what = rng.choice(sorted(candidates))
    return _changed(
        "date_change",
        unit,
        splice(unit.text, start, end, replacement),
        (start, end),
        ("number_changed",),
        policy.number_changed(is_date=True),
        f"date changed: {what}",
    )


# ---------------------------------------------------------------- entities and speakers


def _related(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a in b or b in a


def entity_swap(context: Context, unit: Unit, rng: random.Random) -> Edit | None:
    """Put another named entity of the same type from the article in an entity's place."""
    candidates: list[tuple[int, int, str, str]] = []
    for ent in unit.sent.ents:
        if ent.label_ not in SWAPPABLE_ENTITY_TYPES or "\n" in ent.text:
            continue
        if any(_related(ent.text, speaker) for speaker in context.speakers):
            continue
        # the tagger sometimes types a surname as a place; a person is never a swap candidate
        name_parts = {part.lower() for person in context.persons for part in person.split()}
        others = [
            other
            for other in context.entities.get(ent.label_, [])
            if not _related(other, ent.text)
            and other not in unit.text
            and not name_parts & set(other.lower().split())
        ]
        if not others:
            continue
        other = rng.choice(others)
        start, end = unit.local(ent.start_char, ent.end_char)
        if start > 0 and other.startswith("The "):
            other = "the " + other[4:]  # taken from a sentence start, placed mid-sentence
        candidates.append((start, end, other, f"{ent.label_} {ent.text!r} -> {other!r}"))
    if not candidates:
        return None
    start, end, replacement, what = rng.choice(sorted(candidates))
    return _changed(
        "entity_swap",
        unit,
        splice(unit.text, start, end, replacement),
        (start, end),
        ("entity_changed",),
        policy.entity_changed(),
        f"entity changed: {what}",
    )


def _speaker_mention(context: Context, unit: Unit) -> tuple[int, int] | None:
    """Where the sentence names its speaker (full name, else surname), unit-relative."""
    if unit.speaker is None:
        return None
    for name in (unit.speaker, context.surname(unit.speaker)):
        # a word search, not the NER tags: the small model often misses a bare surname
        match = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", unit.text)
        if match:
            return match.start(), match.end()
    return None


def speaker_swap(context: Context, unit: Unit, rng: random.Random) -> Edit | None:
    """Give the sentence's words to another speaker of the article (misattribution)."""
    mention = _speaker_mention(context, unit)
    if mention is None or unit.speaker is None:
        return None
    start, end = mention
    true_surname = context.surname(unit.speaker).lower()
    # another speaker of the article, else another person it names; preferably one the
    # sentence does not already mention
    people = [p for p in [*context.speakers, *context.persons] if " " in p]
    others = [p for p in people if context.surname(p).lower() != true_surname]
    unmentioned = [p for p in others if context.surname(p) not in unit.text]
    others = unmentioned or others
    if not others:
        return None
    other = rng.choice(others)
    replacement = other if " " in unit.text[start:end] else context.surname(other)
    edit = _changed(
        "speaker_swap",
        unit,
        splice(unit.text, start, end, replacement),
        (start, end),
        ("misattribution",),
        policy.misattribution(to_person=True, from_person=True),
        f"words of {unit.speaker} given to {other}",
    )
    if edit is not None:
        edit.in_quote = False  # the quote is intact; its attribution changed
        edit.kinds = ("misattribution",)
    return edit


# ---------------------------------------------------------------- quotes


NOT_DROPPABLE = frozenset({"not", "n't", "never", "no", "only", "also", "so", "then", "how", "why"})


def quote_edit(context: Context, unit: Unit, rng: random.Random) -> Edit | None:
    """Alter the words inside a quotation: drop a modifier, or cut the quote's last clause."""
    if not unit.quotes:
        return None
    candidates: list[tuple[int, int, str]] = []
    for token in unit.sent:
        start, end = _local(unit, token)
        if not unit.in_quote(start, end) or token.lower_ in NOT_DROPPABLE:
            continue
        if (token.pos_ == "ADV" and token.dep_ == "advmod") or (
            token.pos_ == "ADJ" and token.dep_ == "amod"
        ):
            candidates.append((start, end, token.text))
    for quote in unit.quotes:
        inner = unit.text[quote.start + 1 : quote.end - 1]
        body = inner.rstrip(",.!?;: ")  # the quote's closing punctuation stays
        cut = body.rfind(", ")
        if cut > 0 and len(body[:cut].split()) >= 4 and len(body[cut:].split()) >= 3:
            start = quote.start + 1 + cut
            candidates.append((start, start + len(body) - cut, body[cut + 2 :]))
    if not candidates:
        return None
    start, end, dropped = rng.choice(sorted(candidates))
    return _changed(
        "quote_edit",
        unit,
        splice(unit.text, start, end, ""),
        (start, end),
        ("quote_altered",),
        policy.quote_altered(meaning_changed=False),
        f"quoted words dropped: {dropped!r}",
    )


FABRICATED_QUOTES = (
    "{chunk} will change everything for us, and nobody can stop it now",
    "We have never seen anything like {chunk} in all our years of work",
    "I promise you that {chunk} will be settled before the end of the year",
    "Frankly, {chunk} was a mistake from the very beginning",
    "There is no question that {chunk} is the biggest problem we face today",
    "Everyone here knows {chunk} has failed, and we said so from day one",
)
REPORTING_TAILS = ("said", "told reporters", "added", "said on the phone")


def _noun_chunks(context: Context) -> list[str]:
    chunks = []
    for chunk in context.doc.noun_chunks:
        text = chunk.text.strip()
        words = text.split()
        if not 2 <= len(words) <= 6 or chunk.root.pos_ != "NOUN":
            continue
        if any(mark in text for mark in '“”"\n()') or chunk[0].pos_ == "PRON":
            continue
        if any(character.isdigit() for character in text):
            continue
        if chunk[0].pos_ != "PROPN":
            text = text[0].lower() + text[1:]
        chunks.append(text)
    return chunks


def _sentence_start(text: str) -> str:
    return text[0].upper() + text[1:]


def quote_fabrication(context: Context, unit: Unit, rng: random.Random) -> Edit | None:
    """Insert a quotation the speaker never said, after one of their sentences."""
    speaker = unit.speaker
    chunks = _noun_chunks(context)
    if speaker is None or not chunks:
        return None
    content = _sentence_start(rng.choice(FABRICATED_QUOTES).format(chunk=rng.choice(chunks)))
    opening, closing = context.quote_marks()
    tail = rng.choice(REPORTING_TAILS)
    sentence = f"{opening}{content},{closing} {context.surname(speaker)} {tail}."
    return Edit(
        op="quote_fabrication",
        unit=unit.index,
        kinds=("quote_fabricated",),
        severity=policy.quote_fabricated(len(content.split()), speaker_is_person=True),
        note=f"quotation invented and attributed to {speaker}",
        inserted=sentence,
        speaker=speaker,
        in_quote=True,
    )


ADDED_NARRATION = (
    "The work is expected to cost about ${money} million over the next {years} years.",
    "A final decision on {chunk} is due within {weeks} weeks, officials said.",
    "The {org} has received more than {count} complaints about {chunk} since {year}.",
    "Residents of {place} were among the first to object to {chunk}.",
    "A similar proposal was rejected by voters in {place} in {year}.",
    "Critics have called {chunk} a waste of public money.",
)
ADDED_CLAIMS = (
    "{surname} also said that {chunk} had cost far more than anyone had admitted.",
    "{surname} added that {chunk} would be abandoned if the vote failed.",
    "According to {surname}, {chunk} has already been approved in secret.",
)
DEFAULT_PLACES = ("Marrowdale", "Eastwick Vale", "Port Sellery")
DEFAULT_ORGS = ("regional authority", "city council", "ministry")


def added_sentence(context: Context, unit: Unit, rng: random.Random) -> Edit | None:
    """Insert a sentence the source does not support: narration, or a claim put to a speaker."""
    chunks = _noun_chunks(context)
    if not chunks:
        return None
    attributed = unit.speaker is not None and rng.random() < 0.4
    places = context.entities.get("GPE") or list(DEFAULT_PLACES)
    orgs = context.entities.get("ORG")
    slots = {
        "chunk": rng.choice(chunks),
        "money": rng.randint(2, 90),
        "years": rng.randint(2, 9),
        "weeks": rng.randint(2, 12),
        "count": rng.choice((40, 150, 300, 1200)),
        "year": rng.randint(2009, 2021),
        "place": rng.choice(places),
        "org": rng.choice(DEFAULT_ORGS) if not orgs else rng.choice(orgs).removeprefix("the "),
        "surname": context.surname(unit.speaker) if unit.speaker else "",
    }
    template = rng.choice(ADDED_CLAIMS if attributed else ADDED_NARRATION)
    sentence = _sentence_start(template.format(**slots))
    return Edit(
        op="added_sentence",
        unit=unit.index,
        kinds=("unsupported_addition",),
        severity=policy.unsupported_addition(whole_claim=True, speaker_is_person=attributed),
        note="sentence added that the source does not support"
        + (f" (put to {unit.speaker})" if attributed else ""),
        inserted=sentence,
        speaker=unit.speaker if attributed else None,
    )


def dropped_sentence(context: Context, unit: Unit, rng: random.Random) -> Edit | None:
    """Leave a source sentence out of the derived text."""
    return Edit(
        op="dropped_sentence",
        unit=unit.index,
        kinds=("omission",),
        severity=Severity.minor,
        note="source sentence left out",
        drop=True,
        speaker=unit.speaker,
    )


# ---------------------------------------------------------------- faithful paraphrase


QUOTE_FIRST = re.compile(
    r"^(?P<open>[“\"])(?P<content>[^“”\"]+?),(?P<close>[”\"])\s+"
    r"(?P<who>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2}) (?P<verb>said|says|added)\.$"
)
REPORTED = re.compile(
    r"^(?P<who>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2}) said(?: that)? (?P<claim>[^“”\"]+)\.$"
)


def paraphrase(context: Context, unit: Unit, rng: random.Random) -> Edit | None:
    """A harmless rewording: move the attribution, or change "said" to "says"."""
    text = unit.text
    options = []
    match = QUOTE_FIRST.match(text)
    if match:
        close = "”" if match["open"] == "“" else '"'
        options.append(f"{match['who']} {match['verb']}: {match['open']}{match['content']}.{close}")
    match = REPORTED.match(text)
    if match and any(match["who"] in person for person in context.persons):
        options.append(f"{_sentence_start(match['claim'])}, {match['who']} said.")
    if text.endswith(" said."):
        options.append(text[: -len(" said.")] + " says.")
    if not options:
        return None
    return Edit(
        op="paraphrase",
        unit=unit.index,
        kinds=(),
        severity=Severity.info,
        note="attribution reworded",
        new_text=rng.choice(options),
        speaker=unit.speaker,
        faithful=True,
    )


Distortion = Callable[[Context, Unit, random.Random], Edit | None]

DISTORTIONS: dict[str, Distortion] = {
    "negation": negation,
    "hedge_removal": hedge_removal,
    "quantifier_swap": quantifier_swap,
    "number_change": number_change,
    "date_change": date_change,
    "entity_swap": entity_swap,
    "speaker_swap": speaker_swap,
    "quote_edit": quote_edit,
    "quote_fabrication": quote_fabrication,
    "added_sentence": added_sentence,
    "dropped_sentence": dropped_sentence,
}


def _typed() -> dict[str, Distortion]:
    from sourcetrace.synth.typed_edits import TYPED_DISTORTIONS

    return dict(TYPED_DISTORTIONS)


DISTORTIONS.update(_typed())
