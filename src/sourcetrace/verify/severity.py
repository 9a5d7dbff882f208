"""Severity policy: the one place that decides how much a finding matters, and why.

- ``critical``: a named person is made to say something reversed or invented: a fabricated
  quote, a polarity flip in a person's words, a person's words given to another person.
- ``major``: a substantive change of meaning or certainty: hedges, conditions and doubts
  removed, scope widened or narrowed, numbers changed, claims put in a person's mouth.
- ``minor``: wording drift and small additions or omissions a careful editor would fix.
- ``info``: context for the reader, not an error.

When the source text looks incomplete (:mod:`sourcetrace.verify.completeness`), nothing that
rests on its missing part is critical: a quote not found is at most major, an addition at
most minor, and at most info after the point where the source's content ends.

Checks call these functions instead of choosing severities themselves. The faithfulness score
(:mod:`sourcetrace.verify.faithfulness`) weighs findings by :data:`FAITHFULNESS_WEIGHTS`.
"""

from __future__ import annotations

from sourcetrace.model import Severity

# A quotation of this many words or more is a statement; shorter ones are labels and
# scare quotes ("such messages"), which writers borrow loosely.
STATEMENT_WORDS = 5


def quote_fabricated(words: int, speaker_is_person: bool) -> Severity:
    """Invented words in quotation marks: critical when a named person 'says' a statement."""
    if words < STATEMENT_WORDS:
        return Severity.minor
    return Severity.critical if speaker_is_person else Severity.major


def quote_altered(meaning_changed: bool) -> Severity:
    """Quoted words differ from the source: major only when meaning-bearing words changed."""
    return Severity.major if meaning_changed else Severity.minor


def quote_unmarked(attributed: bool) -> Severity:
    """A source quotation reproduced without marks: worse when nobody is credited either."""
    return Severity.minor if attributed else Severity.major


def misattribution(to_person: bool, from_person: bool) -> Severity:
    """Words given to the wrong holder: critical between two named people."""
    return Severity.critical if to_person and from_person else Severity.major


def misattribution_from_narration() -> Severity:
    """The outlet's own reporting credited to a named person: a rewrite often credits what a
    source reports to the person it is about, so this is for an editor to check."""
    return Severity.minor


def misattribution_within_institution() -> Severity:
    """An institution's words given to its spokesperson or the other way round: the same
    voice, named less or more precisely."""
    return Severity.minor


def polarity_flip(speaker_is_person: bool) -> Severity:
    """Meaning reversed: critical when it is a person's statement that was reversed."""
    return Severity.critical if speaker_is_person else Severity.major


# Degree qualifiers ("to a great extent") soften how much; the other categories decide
# whether the claim is asserted at all (a doubt, a condition, a possibility).
MINOR_HEDGE_CATEGORIES = frozenset({"degree"})


def hedge_changed(category: str) -> Severity:
    return Severity.minor if category in MINOR_HEDGE_CATEGORIES else Severity.major


def scope_changed() -> Severity:
    return Severity.major


def number_changed(is_date: bool) -> Severity:
    """Changed counts and amounts change the claim; a shifted date is usually a slip."""
    return Severity.minor if is_date else Severity.major


def entity_changed(misspelled: bool = False) -> Severity:
    """Another person, place or organisation is major; the same name misspelled is minor."""
    return Severity.minor if misspelled else Severity.major


def predicate_changed(steps: int = 2) -> Severity:
    """A verb moved ``steps`` levels on its strength scale (lexicons/predicates.txt).

    One level is minor: neighbouring verbs of a scale are close in force ("approve" and
    "agree to" both report a decision taken, "require" and "demand" both an obligation), and
    the dev set's readers mark such shifts minor when they mark them at all. Two levels or
    more ("suggest" -> "demand") change what was reported: major.
    """
    return Severity.minor if steps <= 1 else Severity.major


def unsupported_addition(whole_claim: bool, speaker_is_person: bool) -> Severity:
    """A claim put in a person's mouth is major; added detail and narration are minor."""
    return Severity.major if whole_claim and speaker_is_person else Severity.minor


def omission(speaker_sentences: int, used: int) -> Severity:
    """A voice left out entirely is major from three sentences on; thin coverage is minor;
    the rest is info. (omission.py reports dropped voices only: coverage is a table.)"""
    if used == 0 and speaker_sentences >= 3:
        return Severity.major
    if speaker_sentences and used / speaker_sentences < 1 / 3:
        return Severity.minor
    return Severity.info


def cap_for_question(severity: Severity) -> Severity:
    """A question asserts nothing: changes to it are at most minor."""
    return severity if severity.rank <= Severity.minor.rank else Severity.minor


def cap(severity: Severity, ceiling: Severity) -> Severity:
    """``severity``, lowered to ``ceiling`` when above it."""
    return severity if severity.rank <= ceiling.rank else ceiling


def quote_beyond_incomplete_source() -> Severity:
    """The ceiling for a quote that may lie beyond the end of an incomplete source."""
    return Severity.major


def addition_in_incomplete_source() -> Severity:
    """The ceiling for an addition when the source is incomplete: its claim may be in the part
    that is missing."""
    return Severity.minor


def beyond_incomplete_source() -> Severity:
    """Derived content past the point where an incomplete source stops: likely from the part
    of the source that is missing."""
    return Severity.info


# How much of a derived sentence's support one finding on it takes away, by severity: the
# faithfulness score (verify/faithfulness.py, docs/faithfulness.md) keeps ``1 - weight`` of the
# sentence per finding. Read off the definitions above, not fitted to any data: a critical
# finding makes the sentence say what its source does not (nothing of it is supported, as for
# a sentence with no source at all); a major one changes what it claims or how surely (more
# than half lost); a minor one is wording drift a careful editor would fix; info is no error.
FAITHFULNESS_WEIGHTS: dict[Severity, float] = {
    Severity.critical: 1.0,
    Severity.major: 0.6,
    Severity.minor: 0.2,
    Severity.info: 0.0,
}


def headline_flip() -> Severity:
    """A headline that asserts what the body denies misleads every reader who stops there."""
    return Severity.critical
