"""unsupported_addition: claims and details the source never made.

- A derived sentence that aligns to nothing in the source is an addition as a whole.
- Inside an aligned sentence, a run of content words that neither its source sentences, their
  neighbours, nor the source's speaker lines and title contain ("the two largest countries on
  the Asian continent", "in the last few months") is an added detail.
A sentence whose content words are mostly new is a new claim: major when the rewrite puts it
in a named person's mouth. Quoted words are left to the quote checks, boilerplate to nobody.

A word is not new when the source has it in other clothes: the same Snowball stem anywhere in
the source ("national" for "nation"), or a derivational relative or near-synonym among the
aligned source sentences and their neighbours ("defending" for "defence", "purchase" for
"buy"; see :mod:`sourcetrace.verify.related`). Words that carry no claim of their own are not
judged: the pronoun "one" ("one of the reasons", "one or both") and an adjective that is
part of a fixed prepositional phrase ("in particular", "in short").

A time reference repeated in fuller form ("2030" in the headline, "2026-2030" in the body)
is one added detail, reported once, at its fullest mention.
"""

from __future__ import annotations

import re
from typing import Any

from sourcetrace.lexical import content_keys, is_content, lemma_key, tokens_in
from sourcetrace.model import AlignedPair, Alignment, Document, Finding, Span
from sourcetrace.verify import related, severity
from sourcetrace.verify.common import claim_speaker, in_quote, is_person, quoted_text, speaker_name

# A run needs this many new content words.
RUN_WORDS = 2
# A sentence whose content words are at least this share new is a new claim as a whole.
NEW_CLAIM_SHARE = 0.6
# Sentences too short to carry a claim ("Read more.") are not reported as additions.
MIN_CLAIM_WORDS = 3
# Where the pipeline leaves the sentence encoder for the near-synonym test (AlignedPair.memo).
ENCODER = "encoder"
# How a time-reference finding's reason starts.
TIME_REASON = "the time reference"


def _excluded(document: Document, token: Any) -> bool:
    """Tokens the check does not judge: quoted, boilerplate, or naming the speaker."""
    position = Span(token.idx, token.idx + len(token.text))
    if any(q.content_span.overlaps(position) for q in document.quotes if not q.scare):
        return True
    if any(b.overlaps(position) for b in document.boilerplate):
        return True
    attribution = document.attribution_at(position)
    if attribution is not None:
        for part in (attribution.cue_span, attribution.speaker_span):
            if part is not None and part.overlaps(position):
                return True
    return False


def _no_claim(token: Any) -> bool:
    """Content-looking words that carry no claim: the pronoun "one" and fixed-phrase adjectives.

    "one" counts nothing when it heads an "of" phrase or a coordination ("one of the reasons",
    "one or both of the unions"); an adjective hanging on a preposition with no noun is an
    idiom ("in particular", "in general").
    """
    if token.lower_ == "one" and token.dep_ != "nummod":
        return any(c.dep_ in {"prep", "cc", "conj"} for c in token.children)
    return bool(token.pos_ == "ADJ" and token.head.pos_ == "ADP" and not list(token.children))


def support_words(pair: AlignedPair, alignment: Alignment) -> list[str]:
    """Lemmas of the common words (see :func:`related.is_common_word`) of the aligned source
    sentences, their close runners-up and their neighbours: what a paraphrase draws on."""
    segments = pair.source.segments
    wanted = set(alignment.source) | {span for span, _ in alignment.candidates[:3]}
    words: set[str] = set()
    for i, segment in enumerate(segments):
        if any(s.span in wanted for s in segments[max(0, i - 1) : i + 2]):
            words.update(
                t.lemma_.lower()
                for t in tokens_in(pair.source, segment.span)
                if is_content(t) and related.is_common_word(t)
            )
    return sorted(words)


def source_stems(pair: AlignedPair) -> set[str]:
    """Snowball stems of every content word of the source (computed once per pair)."""
    stems = pair.memo.get("source_stems")
    if stems is None:
        stems = {related.stem(key) for key in source_vocabulary(pair)}
        pair.memo["source_stems"] = stems
    return set(stems)


def _is_new(pair: AlignedPair, token: Any, vocabulary: set[str], words: list[str]) -> bool:
    """Whether ``token`` brings a word the source does not have, in any form."""
    key = lemma_key(token)
    if key in vocabulary:
        return False
    if not related.is_common_word(token):
        return True
    lemma = token.lemma_.lower()
    if related.stem(lemma) in source_stems(pair) or related.stem(token.lower_) in source_stems(
        pair
    ):
        return False
    return related.related_word(pair.memo.get(ENCODER), lemma, words) is None


def support_keys(pair: AlignedPair, alignment: Alignment) -> set[str]:
    """Words the source offers a derived sentence: its sources, their neighbours, speakers."""
    segments = pair.source.segments
    keys: set[str] = set()
    # The chosen sources and the close runners-up: a rewrite may merge what the aligner split.
    wanted = set(alignment.source) | {span for span, _ in alignment.candidates[:3]}
    for i, segment in enumerate(segments):
        near = any(s.span in wanted for s in segments[max(0, i - 1) : i + 2])
        if near or segment.kind in {"title", "speaker_line"}:
            keys.update(content_keys(pair.source, segment.span))
    for speaker in pair.source.speakers:
        keys.update(part.lower() for part in f"{speaker.name} {speaker.role or ''}".split())
    return keys


def source_vocabulary(pair: AlignedPair) -> set[str]:
    """Every content word of the whole source (computed once per pair)."""
    vocabulary = pair.memo.get("source_vocabulary")
    if vocabulary is None:
        vocabulary = set(content_keys(pair.source, Span(0, len(pair.source.text))))
        pair.memo["source_vocabulary"] = vocabulary
    return set(vocabulary)


def check(pair: AlignedPair) -> list[Finding]:
    findings = []
    for alignment in pair.alignments:
        findings.extend(_sentence_additions(pair, alignment))
    return _once_per_time_reference(pair, findings)


def _once_per_time_reference(pair: AlignedPair, findings: list[Finding]) -> list[Finding]:
    """Drop a time reference that a fuller reported one repeats ("2030" beside "2026-2030")."""
    times = {
        id(f): f.derived_span.of(pair.derived.text).lower()
        for f in findings
        if f.derived_span is not None and f.reason.startswith(TIME_REASON)
    }

    def repeated(finding: Finding) -> bool:
        text = times.get(id(finding))
        if text is None:
            return False
        pattern = re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")
        return any(
            other != text and pattern.search(other)
            for key, other in times.items()
            if key != id(finding)
        )

    return [f for f in findings if not repeated(f)]


def _sentence_additions(pair: AlignedPair, alignment: Alignment) -> list[Finding]:
    derived = pair.derived
    tokens = [
        t
        for t in tokens_in(derived, alignment.derived)
        if is_content(t) and not _excluded(derived, t) and not _no_claim(t)
    ]
    if len(tokens) < MIN_CLAIM_WORDS and not alignment.source:
        return []
    speaker = claim_speaker(derived, alignment.derived)
    if not alignment.source:
        if in_quote(derived, alignment.derived) or not tokens:
            return []  # quoted sentences are judged by the quote checks
        return [
            Finding(
                kind="unsupported_addition",
                severity=severity.unsupported_addition(True, is_person(speaker)),
                reason=(
                    "nothing in the source supports this sentence "
                    f"(best match scores {alignment.score:.2f})"
                ),
                derived_span=alignment.derived,
                source_span=None,
                speaker=speaker_name(speaker),
                in_quote=False,
            )
        ]
    keys = support_keys(pair, alignment)
    # Whether the sentence as a whole is a new claim is judged against its own source
    # sentences; an added phrase must bring words that the whole source never uses, so that
    # a paraphrase reusing the article's vocabulary is not reported word by word.
    local = [lemma_key(t) not in keys for t in tokens]
    new_share = sum(local) / len(local) if local else 0.0
    whole_claim = new_share >= NEW_CLAIM_SHARE and len(local) >= MIN_CLAIM_WORDS
    vocabulary = source_vocabulary(pair)
    words = support_words(pair, alignment)
    flags = [
        (t, _is_new(pair, t, vocabulary, words))
        for t in tokens
        if t.ent_type_ != "ORDINAL"  # "Third," organises the text, it adds nothing
    ]
    findings = _new_time_references(pair, alignment, keys, speaker)
    # Words of a time reference already reported are left out of the runs.
    taken = [f.derived_span for f in findings if f.derived_span is not None]
    flags = [(t, new) for t, new in flags if not any(s.start <= t.idx < s.end for s in taken)]
    for run in _dense_runs(flags):
        new_words = [t for t, new in run if new]
        if len(new_words) < RUN_WORDS:
            continue
        span = Span(_phrase_start(run[0][0]), run[-1][0].idx + len(run[-1][0].text))
        findings.append(
            Finding(
                kind="unsupported_addition",
                severity=severity.unsupported_addition(whole_claim, is_person(speaker)),
                reason=(
                    f"‘{quoted_text(span.of(derived.article))}’ is not in the source "
                    f"(new words: {', '.join(t.text for t in new_words)})"
                ),
                derived_span=span,
                source_span=None,
                speaker=speaker_name(speaker),
                in_quote=False,
            )
        )
    return findings


def _new_time_references(
    pair: AlignedPair, alignment: Alignment, keys: set[str], speaker: Any
) -> list[Finding]:
    """Dates, durations and time frames ("in the last few months") the source does not give.

    Time words are mostly stop words ("last", "few", "next"), so the run rule cannot see
    them; the named-entity tagger's DATE and TIME mentions can.
    """
    derived = pair.derived
    findings = []
    for entity in derived.parsed.ents:
        if entity.label_ not in {"DATE", "TIME"}:
            continue
        span = Span(entity.start_char, entity.end_char)
        if not alignment.derived.contains(span) or _excluded(derived, entity[0]):
            continue
        if len(entity) == 1 and entity[0].tag_ == "NNS":
            continue  # a bare "for years", "for decades": too vague to be a claim of its own
        words = {t.lemma_.lower() for t in entity if not (t.is_punct or t.lower_ in {"the", "a"})}
        if not words or words <= keys or entity.text.lower() in pair.source.text.lower():
            continue
        findings.append(
            Finding(
                kind="unsupported_addition",
                severity=severity.unsupported_addition(False, is_person(speaker)),
                reason=f"{TIME_REASON} ‘{entity.text}’ is not in the source",
                derived_span=span,
                source_span=None,
                speaker=speaker_name(speaker),
                in_quote=False,
            )
        )
    return findings


def _dense_runs(flags: list[tuple[Any, bool]]) -> list[list[tuple[Any, bool]]]:
    """Maximal stretches of new words, bridging single supported words between them.

    "largest countries on the Asian continent": "countries" is in the source, but the phrase
    around it is new. Two supported words in a row end a run; runs start and end on new words.
    """
    runs: list[list[tuple[Any, bool]]] = []
    current: list[tuple[Any, bool]] = []
    pending: tuple[Any, bool] | None = None
    for item in flags:
        if item[1]:
            if current and pending is not None:
                current.append(pending)
            current.append(item)
            pending = None
        elif current and pending is None:
            pending = item
        else:
            if current:
                runs.append(current)
            current, pending = [], None
    if current:
        runs.append(current)
    return runs


def _phrase_start(token: Any) -> int:
    """Start a run at its phrase's first word ("the", "in", "for") for a readable span."""
    start = token
    while start.i > 0:
        previous = start.doc[start.i - 1]
        if previous.pos_ not in {"DET", "ADP"}:
            break
        start = previous
    return int(start.idx)
