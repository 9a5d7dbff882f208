"""hedge_dropped / hedge_added: certainty raised or lowered on the way.

A source hedge (lexicons/hedges.txt: modals, epistemic frames, conditions, dispositions,
degree) is judged at the derived sentence that renders its sentence best: it is dropped when
that rendering uses the hedged material but no rendering keeps a hedge of the same kind.
Conditions are not required of a sentence that is hypothetical anyway ("it would be a mistake
if ...") . Hedges the rewrite adds are found the same way in the other direction.
"""

from __future__ import annotations

from typing import Any

from sourcetrace.lexical import (
    Cue,
    content_keys,
    find_cues,
    is_content,
    keys_of,
    lemma_key,
    tokens_in,
)
from sourcetrace.lexicons import categorized
from sourcetrace.model import AlignedPair, Alignment, Document, Finding, Span
from sourcetrace.verify import severity
from sourcetrace.verify.common import claim_speaker, in_quote, is_question, speaker_name
from sourcetrace.verify.meaning import modal_tier

# The hedged material and the rendering must share this many content words (all of them when
# the hedged clause is shorter: "make some kind of news" has one).
SHARED_WORDS = 2


def _uses(hedged: set[str], rendering: set[str]) -> bool:
    return bool(hedged) and len(hedged & rendering) >= min(SHARED_WORDS, len(hedged))


# A sentence with a counterfactual "would" is hypothetical anyway ("it would be a mistake if
# ..."); "could" and "might" are the source's own modals and do not stand in for its condition.
HYPOTHETICAL = frozenset({"would"})


def hedges(document: Document, span: Span) -> list[Cue]:
    """Hedge cues in ``span``; a bare "if" counts only when it opens a conditional clause.

    Words inside a denial frame ("it would be an exaggeration to say") belong to the denial,
    which the polarity check judges.
    """
    frames = find_cues(document, span, {"frame": categorized("negation.txt").get("frame", ())})
    found = []
    for cue in find_cues(document, span, categorized("hedges.txt")):
        if any(frame.span.overlaps(cue.span) for frame in frames):
            continue
        if cue.phrase == "if" and not (cue.head.dep_ == "mark" and cue.head.head.dep_ == "advcl"):
            continue
        if cue.phrase == "if" and _concessive(cue.head):
            continue  # "even if you did not know": the claim holds either way
        if cue.category == "modal" and cue.head.pos_ not in {"AUX", "VERB", "ADV", "ADJ"}:
            continue  # "the May elections", "a can of worms"
        found.append(cue)
    return found


def _concessive(token: Any) -> bool:
    """Whether "if" is concessive ("even if", "as if"): it sets no condition on the claim."""
    before = token.nbor(-1) if token.i > 0 else None
    return before is not None and before.lower_ in {"even", "as"}


def governed(cue: Cue) -> Any:
    """The token whose clause the hedge qualifies."""
    head = cue.head
    if cue.category == "epistemic":
        # "I doubt that X": the hedge governs X, the complement of the opinion verb.
        verb = head.head if head.dep_ == "nsubj" else head
        for child in verb.children:
            if child.dep_ in {"ccomp", "xcomp"}:
                return child
        return verb
    if cue.category == "condition":
        clause = head.head if head.dep_ == "mark" else head
        return clause.head if clause.dep_ == "advcl" else clause
    if cue.category == "degree":
        # "largely agreed", "make some kind of news": a degree hedge tones down its clause.
        return _clause_verb(head)
    return head.head


def _clause_verb(token: Any) -> Any:
    """The nearest verb above ``token`` (the sentence root when there is none)."""
    node = token.head
    # spaCy makes a new Token object on every access: compare positions, not identity.
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    return node


def material(cue: Cue) -> set[str]:
    """Content words of the clause the hedge qualifies, minus the hedge itself."""
    root = governed(cue)
    inside = (t for t in root.subtree if not (cue.span.start <= t.idx < cue.span.end))
    return set(keys_of(t for t in inside if is_content(t)))


def _keys(document: Document, span: Span) -> set[str]:
    return set(content_keys(document, span))


def _same_words_follow(cue: Cue, tokens: list[Any], words: int = 3) -> bool:
    """Whether ``tokens`` hold the cue's word followed by the same next words: the same hedge
    on the same words, however each parse hung it (a moved paragraph break can change whether
    the parser makes "if" open a clause or "unlikely" govern a verb)."""

    def window(token: Any) -> list[str]:
        return [t.lower_ for t in token.doc[token.i : token.i + words] if not t.is_space]

    wanted = window(cue.head)
    return len(wanted) == words and any(
        t.lower_ == cue.head.lower_ and window(t) == wanted for t in tokens
    )


def _kept(cue: Cue, document: Document, span: Span) -> bool:
    """Whether the rendering at ``span`` keeps a hedge of the same kind."""
    if _same_words_follow(cue, tokens_in(document, span)):
        return True
    others = hedges(document, span)
    if cue.category == "modal":
        verb = lemma_key(cue.head.head)
        renderings = [t for t in tokens_in(document, span) if lemma_key(t) == verb]
        if not renderings:
            return True  # the hedged verb is not there: nothing to compare
        # The verb may occur more than once ("could be ... is"): the hedge is kept when any
        # occurrence carries it. Coordinated verbs share the first one's modal ("may commit
        # or make").
        return any(
            "weak"
            in {
                modal_tier(c)
                for owner in ([t, t.head] if t.dep_ == "conj" else [t])
                for c in owner.children
            }
            for t in renderings
        )
    if cue.category == "condition":
        words = {t.lower_ for t in tokens_in(document, span)}
        if words & HYPOTHETICAL:
            return True
    wanted = (
        {"disposition", "condition", "modal"} if cue.category == "disposition" else {cue.category}
    )
    same_kind = [c for c in others if c.category in wanted]
    # When the qualified word is still there, the kept hedge must qualify it too: "somewhat
    # phony" later in the sentence does not keep "largely agreed".
    target = lemma_key(governed(cue))
    if any(lemma_key(t) == target for t in tokens_in(document, span)):
        return any(lemma_key(governed(c)) == target for c in same_kind)
    return bool(same_kind)


def _finding(
    kind: str, cue: Cue, pair: AlignedPair, derived: Span, source: Span, reason: str
) -> Finding:
    speaker = claim_speaker(pair.derived, derived) or claim_speaker(pair.source, source)
    found = Finding(
        kind=kind,
        severity=severity.hedge_changed(cue.category),
        reason=reason,
        derived_span=derived,
        source_span=cue.span if kind == "hedge_dropped" else source,
        speaker=speaker_name(speaker),
        in_quote=in_quote(pair.derived, derived),
    )
    if is_question(pair.source, source):
        found.severity = severity.cap_for_question(found.severity)
    return found


def dropped(pair: AlignedPair) -> list[Finding]:
    findings = []
    source_spans = {span for a in pair.alignments for span in a.source}
    for source_span in sorted(source_spans):
        renderings = pair.renderings_of(source_span)
        if not renderings:
            continue
        best: Alignment = renderings[0]
        derived_keys = _keys(pair.derived, best.derived)
        for cue in hedges(pair.source, source_span):
            if not _uses(material(cue), derived_keys):
                continue
            if any(_kept(cue, pair.derived, r.derived) for r in renderings):
                continue
            findings.append(
                _finding(
                    "hedge_dropped",
                    cue,
                    pair,
                    best.derived,
                    source_span,
                    f"the source's {cue.category} hedge ‘{cue.span.of(pair.source.article)}’ "
                    "is gone: the rewrite states it without it",
                )
            )
    return findings


def added(pair: AlignedPair) -> list[Finding]:
    findings = []
    for alignment in pair.alignments:
        if not alignment.source:
            continue
        source_keys = set().union(*(_keys(pair.source, s) for s in alignment.source))
        for cue in hedges(pair.derived, alignment.derived):
            if not _uses(material(cue), source_keys):
                continue
            if any(_kept(cue, pair.source, s) for s in alignment.source):
                continue
            findings.append(
                _finding(
                    "hedge_added",
                    cue,
                    pair,
                    alignment.derived,
                    alignment.source[0],
                    f"the rewrite adds the {cue.category} hedge "
                    f"‘{cue.span.of(pair.derived.article)}’ "
                    "that the source does not have",
                )
            )
    return findings


def check(pair: AlignedPair) -> list[Finding]:
    return dropped(pair) + added(pair)
