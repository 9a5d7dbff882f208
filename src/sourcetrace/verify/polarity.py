"""polarity_flip: the derived asserts what the source denies, doubts or calls an exaggeration.

Two ways a rewrite reverses meaning:

1. Denial frames: "it would be an exaggeration to say that X", "I doubt that X", "it is not
   true that X" do not assert X. When a derived sentence asserts X's predicate (most of its
   object and complement words) without any denial of its own, meaning was reversed.
2. Negation on a shared predicate: the same predicate (lemma) with overlapping arguments is
   negated on one side and not on the other.
"""

from __future__ import annotations

from typing import Any

from sourcetrace.lexical import NEGATIVE_STEMS, find_cues, is_content, lemma_key, tokens_in
from sourcetrace.lexicons import categorized
from sourcetrace.model import AlignedPair, Document, Finding, Span
from sourcetrace.verify import severity
from sourcetrace.verify.common import (
    aligned_sentences,
    claim_speaker,
    in_quote,
    is_person,
    is_question,
    negated,
    quoted_text,
    speaker_name,
)

# Share of the denied predicate's content words a derived sentence must assert.
ASSERTED_SHARE = 2 / 3
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


def denial_frames(document: Document, span: Span) -> list[tuple[Span, list[Any]]]:
    """Each denial frame in ``span``: the frame's span and the tokens of the denied clause."""
    frames = {"frame": categorized("negation.txt").get("frame", ())}
    found = []
    sentence = tokens_in(document, span)
    for cue in find_cues(document, span, frames):
        denied = [t for t in sentence if t.idx >= cue.span.end]
        # The denied clause ends where a new clause starts with a contrast ("; but", "However").
        for k, token in enumerate(denied):
            if token.lower_ in {";", "but", "however"} and k > 0:
                denied = denied[:k]
                break
        if denied:
            found.append((cue.span, denied))
    return found


def predicate_core(denied: list[Any]) -> set[str]:
    """Content words of the denied clause's predicate: what it says, not who it is about.

    The clause's head is the token whose syntactic head lies outside the clause; subjects and
    proper names are left out (a rewrite refers to them with "this" or "both countries").
    """
    inside = {t.i for t in denied}
    heads = [t for t in denied if t.head.i not in inside or t.head == t]
    if not heads:
        return set()
    head = heads[0]
    skip = {t.i for child in head.children if child.dep_ in SUBJECT_DEPS for t in child.subtree}
    return {
        lemma_key(t)
        for t in head.subtree
        if t.i in inside and t.i not in skip and is_content(t) and t.pos_ != "PROPN"
    }


def _denies(document: Document, span: Span) -> bool:
    """Whether the derived sentence carries any denial or negation of its own."""
    if denial_frames(document, span):
        return True
    return any(t.dep_ == "neg" for t in tokens_in(document, span))


def _frame_flips(pair: AlignedPair) -> list[Finding]:
    findings = []
    for sentence in aligned_sentences(pair):
        derived_keys = {
            lemma_key(t) for t in tokens_in(pair.derived, sentence.span) if is_content(t)
        }
        if _denies(pair.derived, sentence.span) or is_question(pair.derived, sentence.span):
            continue
        for source_span in sentence.sources:
            for frame_span, denied in denial_frames(pair.source, source_span):
                core = predicate_core(denied)
                if not core:
                    continue
                asserted = core & derived_keys
                if len(asserted) / len(core) < ASSERTED_SHARE:
                    continue
                speaker = claim_speaker(pair.derived, sentence.span) or claim_speaker(
                    pair.source, source_span
                )
                frame = frame_span.of(pair.source.article)
                findings.append(
                    Finding(
                        kind="polarity_flip",
                        severity=severity.polarity_flip(is_person(speaker)),
                        reason=(
                            f"the source denies this (“{quoted_text(frame)} …”); the rewrite "
                            f"asserts it: {', '.join(sorted(asserted))}"
                        ),
                        derived_span=sentence.span,
                        source_span=Span(frame_span.start, denied[-1].idx + len(denied[-1].text)),
                        speaker=speaker_name(speaker),
                        in_quote=in_quote(pair.derived, sentence.span),
                    )
                )
                break
    return findings


def _predicate_key(token: Any) -> str:
    return lemma_key(token)  # "unable" keys as "able"; _polar reads the negation


def _polar(token: Any) -> bool:
    """True when the token's clause is negated (a negative adjective counts as negation)."""
    return negated(token) != (token.lower_ in NEGATIVE_STEMS)


def _arguments(token: Any) -> set[str]:
    return {
        lemma_key(t)
        for child in token.children
        if child.dep_ not in SUBJECT_DEPS | {"neg", "aux", "auxpass", "punct", "cc"}
        for t in child.subtree
        if is_content(t)
    }


def _negation_flips(pair: AlignedPair) -> list[Finding]:
    findings = []
    for sentence in aligned_sentences(pair):
        if is_question(pair.derived, sentence.span):
            continue
        derived_predicates = [
            t for t in tokens_in(pair.derived, sentence.span) if t.pos_ in {"VERB", "ADJ"}
        ]
        for source_span in sentence.sources:
            if denial_frames(pair.source, source_span):
                continue  # handled by the frame rule, with its wider notion of denial
            source_predicates: dict[str, list[Any]] = {}
            for t in tokens_in(pair.source, source_span):
                if t.pos_ in {"VERB", "ADJ"}:
                    source_predicates.setdefault(_predicate_key(t), []).append(t)
            for d_token in derived_predicates:
                same = source_predicates.get(_predicate_key(d_token), [])
                # A flip only when the two sides never share a polarity for this predicate
                # ("not aimed at X but aims to Y" on one side keeps both).
                derived_polarities = {
                    _polar(t)
                    for t in derived_predicates
                    if _predicate_key(t) == _predicate_key(d_token)
                }
                if not same or derived_polarities & {_polar(s) for s in same}:
                    continue
                s_token = same[0]
                shared = _arguments(d_token) & _arguments(s_token)
                if not shared:
                    continue
                speaker = claim_speaker(pair.derived, sentence.span)
                side = "the rewrite negates" if _polar(d_token) else "the source negates"
                findings.append(
                    Finding(
                        kind="polarity_flip",
                        severity=severity.polarity_flip(is_person(speaker)),
                        reason=(
                            f"{side} ‘{d_token.text if _polar(d_token) else s_token.text}’ "
                            f"(about {', '.join(sorted(shared))}); the other side does not"
                        ),
                        derived_span=sentence.span,
                        source_span=source_span,
                        speaker=speaker_name(speaker),
                        in_quote=in_quote(pair.derived, sentence.span),
                    )
                )
                break
    return findings


def _state_key(token: Any) -> str:
    """A token's key with state synonyms merged (lexicons/states.txt: "over" = "end")."""
    key = lemma_key(token)
    for group in categorized("states.txt").get("same", ()):
        words = group.split("|")
        if key in words:
            return words[0]
    return key


def _is_state(token: Any) -> bool:
    key = lemma_key(token)
    return any(key in group.split("|") for group in categorized("states.txt").get("same", ()))


def _claim_keys(tokens: list[Any]) -> set[str]:
    return {
        _state_key(t)
        for t in tokens
        if (is_content(t) or _is_state(t)) and t.lemma_.lower() not in REPORTING
    }


def _clause(denied: list[Any]) -> list[Any]:
    """The denied clause proper: its head's subtree ("the drought has ended", without a
    trailing ", the board said")."""
    inside = {t.i for t in denied}
    heads = [t for t in denied if t.head.i not in inside or t.head.i == t.i]
    if not heads:
        return denied
    return [t for t in heads[0].subtree if t.i in inside]


# Words of "X said" around a headline's claim; not part of the claim.
REPORTING = frozenset({"say", "tell", "official", "report", "claim", "add", "state"})


def _denied_clauses(document: Document, span: Span) -> list[list[Any]]:
    """Clauses the segment denies: after a denial frame, or under a negated predicate."""
    clauses = [_clause(denied) for _, denied in denial_frames(document, span)]
    if clauses:
        return clauses
    for token in tokens_in(document, span):
        if token.pos_ in {"VERB", "ADJ"} and negated(token):
            clauses.append([t for t in token.subtree if t.dep_ != "neg"])
    return clauses


def _headline_segments(pair: AlignedPair) -> list[Span]:
    """The derived title, and a standfirst (a one-sentence first paragraph after it)."""
    segments = [s for s in pair.derived.segments if s.is_content]
    found = [s.span for s in segments if s.kind == "title"]
    if found and len(segments) > 1:
        first = segments[1]
        alone = [s for s in segments if s.paragraph == first.paragraph]
        if len(alone) == 1 and first.paragraph == 1:
            found.append(first.span)
    return found


def _asserted_keys(pair: AlignedPair, span: Span) -> set[str]:
    """The claim words of the source sentences the derived headline is aligned to, when they
    deny nothing: what the source itself asserts there (a headline that renders an
    affirmative source sentence asserts what the source asserts, whatever another sentence
    of the body denies)."""
    keys: set[str] = set()
    for alignment in pair.alignments:
        if alignment.derived != span:
            continue
        for source in alignment.source:
            if not _denies(pair.source, source):
                keys |= _claim_keys(tokens_in(pair.source, source))
    return keys


def headline_flips(pair: AlignedPair) -> list[Finding]:
    """A headline or standfirst asserting what any sentence of the source body denies.

    Headlines are read against the whole source, not only its headline: a rewrite's headline
    is often drawn from the body. Every content word of the denied clause (state synonyms
    merged) must be in the headline, which must deny nothing itself.
    """
    findings = []
    source_segments = [s for s in pair.source.segments if s.is_content]
    for span in _headline_segments(pair):
        tokens = tokens_in(pair.derived, span)
        if _denies(pair.derived, span) or is_question(pair.derived, span):
            continue
        headline = _claim_keys(tokens)
        asserted = _asserted_keys(pair, span)
        for segment in source_segments:
            found = None
            for denied in _denied_clauses(pair.source, segment.span):
                core = _claim_keys(denied)
                if len(core) >= 2 and core <= headline and not core <= asserted:
                    found = (denied, core)
                    break
            if found is None:
                continue
            denied, core = found
            findings.append(
                Finding(
                    kind="polarity_flip",
                    severity=severity.headline_flip(),
                    reason=(
                        "the headline asserts what the source denies: "
                        f"“{quoted_text(segment.span.of(pair.source.article))}” "
                        f"({', '.join(sorted(core))})"
                    ),
                    derived_span=span,
                    source_span=segment.span,
                    speaker=speaker_name(claim_speaker(pair.derived, span)),
                    in_quote=in_quote(pair.derived, span),
                )
            )
            break
    return findings


def check(pair: AlignedPair) -> list[Finding]:
    return _frame_flips(pair) + _negation_flips(pair) + headline_flips(pair)
