"""misattribution: words whose source speaker differs from the speaker the rewrite names.

Three forms:
- one person's words given to another person (critical);
- the outlet's own narration given to a person, or a person's words to an institution (major);
- one person's view presented as the position of a government or institution ("Moscow
  views ...", "the ministry believes ...") when the source holds it as that person's own.

The outlet's narration given to someone is at most minor, and nothing when the one credited
is not a named person ("officials said", "according to the agency", "Acme said") or when the
source speaks in the first person (a transcript, a statement, a release in its author's
voice): a rewrite credits what a source reports to its author, its publisher or its subject,
and which of them wrote it is not in the text.

What is not a change of speaker:
- an organisation doing something ("The company saw revenue fall", "Acme posted a profit"):
  a frame with no reported clause whose subject is not a person is narration;
- a document ("according to the report", "the study found"): its speaker is its publisher,
  or unnamed, never "report", so it is compared with no one;
- one speaker under two names: "John Q. Smith", "John Smith" and "Smith." (name parts),
  "WHO" and "the World Health Organization" (canonical names and initials).
An institution and its spokesperson ("the ministry said" / "its spokesman said") is at most
minor. A speaker both texts name by the same pronoun ("she said" / "she continued") is the
rewrite keeping the source's reference: telling who "she" is is the resolver's guess, not a
change. A source quote that is still open where an incomplete source stops, with no cue of
its own, may be credited beyond the end: its speaker is unknown.
"""

from __future__ import annotations

from typing import Any

from sourcetrace.align import word_key
from sourcetrace.attribute.lexicon import evidence_nouns, role_nouns
from sourcetrace.lexical import lemma_key, tokens_in
from sourcetrace.model import (
    AlignedPair,
    Attribution,
    Document,
    Finding,
    Quote,
    Span,
    Speaker,
    cover,
)
from sourcetrace.verify import severity
from sourcetrace.verify.common import (
    AlignedSentence,
    aligned_sentences,
    claim_speaker,
    in_quote,
    is_person,
)
from sourcetrace.verify.completeness import source_gap
from sourcetrace.verify.entities import same_name
from sourcetrace.verify.meaning import quantifier_class
from sourcetrace.verify.quote_match import match_quotes

# Verbs that present a stance as someone's view.
STANCE_VERBS = frozenset(
    {"view", "see", "believe", "consider", "think", "regard", "expect", "fear", "doubt",
     "hope", "feel", "want", "argue", "insist", "maintain", "assess", "judge"}
)  # fmt: skip
INSTITUTION_LABELS = frozenset({"GPE", "ORG", "NORP"})


def _holder_span(sentence: AlignedSentence) -> Span:
    attribution = sentence.attribution
    if attribution is not None:
        parts = [s for s in (attribution.cue_span, attribution.speaker_span) if s is not None]
        if parts:
            return cover(parts)
    return sentence.span


# Nouns of documents that "say" things besides the evidence nouns ("according to a statement",
# "the memo said", "an email informed staff", "the lawsuit claims").
DOCUMENT_NOUNS = frozenset(
    {"statement", "announcement", "release", "letter", "filing", "memo", "email", "e-mail",
     "lawsuit", "suit", "complaint", "post", "tweet", "notice"}
)  # fmt: skip
# Words that open a role-only mention of an institution's spokesperson ("its spokesman").
_POSSESSIVES = frozenset({"its", "their"})
_DETERMINERS = frozenset({"a", "an", "the", "one", "another"})


def is_document(speaker: Speaker | None) -> bool:
    """A report, study, poll or statement named as the source: its speaker is its publisher."""
    if speaker is None or speaker.kind == "person":
        return False
    words = speaker.name.lower().split()
    return bool(words) and words[-1] in evidence_nouns() | DOCUMENT_NOUNS


def same_speaker(one: Speaker, other: Speaker) -> bool:
    """Whether two speakers are one: :meth:`Speaker.same_as`, or the same name parts under a
    different kind (the tagger reads "Smith." as an organisation now and then), or one name's
    acronym ("WHO" for "the World Health Organization")."""
    if one.same_as(other):
        return True
    if "outlet" in (one.kind, other.kind):
        return False
    mine, theirs = one.name_parts(), other.name_parts()
    if (
        mine
        and theirs
        and (mine <= theirs or theirs <= mine)
        and "person" in (one.kind, other.kind)
    ):
        return True
    return one.kind != "person" and other.kind != "person" and same_name(one.name, other.name)


def narrates(document: Document, attribution: Attribution | None) -> bool:
    """An organisation doing something, not saying something: a reported frame whose speaker
    is not a recognised person and whose cue verb takes no reported clause ("Acme posted a
    profit", "the company saw revenue fall"). "The company said revenue fell" and "according
    to Acme, ..." report words."""
    if attribution is None or attribution.frame != "reported" or attribution.cue_span is None:
        return False
    if attribution.speaker is None or _named_person(document, attribution):
        return False
    cue = document.parsed.char_span(
        attribution.cue_span.start, attribution.cue_span.end, alignment_mode="expand"
    )
    if cue is None or cue.root.pos_ != "VERB" or cue.root.lower_ == "according":
        return False
    verb = cue.root
    clause = any(c.dep_ in {"ccomp", "parataxis"} for c in verb.children)
    return not clause and verb.dep_ not in {"parataxis", "ccomp"}


def _named_person(document: Document, attribution: Attribution) -> bool:
    """Whether the attribution's speaker is a person the entity tagger recognises as one (an
    unknown name that the speaker registry took for a person may be a company: "Acme")."""
    speaker, where = attribution.speaker, attribution.speaker_span
    if speaker is None or speaker.kind != "person":
        return False
    if where is None:
        return True
    mention = document.parsed.char_span(where.start, where.end, alignment_mode="expand")
    if mention is None:
        return True
    has_name = any(t.pos_ == "PROPN" for t in mention)
    return not has_name or any(t.ent_type_ == "PERSON" for t in mention)


def described_only(speaker: Speaker) -> bool:
    """A holder named by a description, not a name ("the software company", "the agency"):
    any named organisation may be the one described."""
    return speaker.kind not in {"person", "outlet"} and speaker.name.lower() == speaker.name


def may_describe(one: Speaker, other: Speaker) -> bool:
    """Whether one of two non-person holders is a description the other may fit ("the
    agency" and "EPA"); a person's name is never one an institution's description fits."""
    if "person" in (one.kind, other.kind):
        return False
    return described_only(one) or described_only(other)


def _claim_speaker(document: Document, span: Span) -> Speaker | None:
    """:func:`claim_speaker`, except that a label in quotation marks (fewer words than a
    statement: a “money mule”) inside a reported sentence does not make its speaker the
    sentence's holder."""
    attribution = document.attribution_at(span)
    for quote in document.quotes_in(span):
        words = len(quote.content_span.of(document.article).split())
        if words < severity.STATEMENT_WORDS and attribution is not None and attribution.speaker:
            return attribution.speaker
    return claim_speaker(document, span)


def _has_person_name(document: Document, attribution: Attribution) -> bool:
    """Whether the attribution names its speaker with a person's name ("Tedros said"), not a
    role or a group ("officials said", "the spokesman said")."""
    speaker, where = attribution.speaker, attribution.speaker_span
    if speaker is None or speaker.kind != "person" or where is None:
        return False
    mention = document.parsed.char_span(where.start, where.end, alignment_mode="expand")
    return mention is not None and any(t.ent_type_ == "PERSON" for t in mention)


# A relative or indefinite pronoun left as a speaker's name: the resolver found no one.
UNRESOLVED = frozenset({"who", "whom", "which", "that", "whoever", "someone", "somebody"})


def unresolved_pronoun(speaker: Speaker) -> bool:
    """Whether a speaker is only a pronoun the resolver could not resolve ("voters who
    wonder ..." read as a speaker "who"): nobody known, so nobody to compare with."""
    return speaker.kind != "person" and speaker.name.strip().lower() in UNRESOLVED


def _holder(document: Document, span: Span) -> Speaker | None:
    """Who holds the words at ``span`` for this check: nobody for a document or a
    description, narration for an organisation's actions (see :func:`narrates`)."""
    speaker = _claim_speaker(document, span)
    if speaker is None or is_document(speaker) or unresolved_pronoun(speaker):
        return None
    attribution = document.attribution_at(span)
    own_frame = attribution is not None and speaker is attribution.speaker
    if speaker is not None and own_frame and narrates(document, attribution):
        return Speaker(name="narration", kind="outlet")
    return speaker


def spokesperson_of(person: Speaker, institution: Speaker) -> bool:
    """Whether ``person`` speaks for ``institution``: a role-only mention ("its spokesman",
    "a spokeswoman") or a role that names the institution ("ministry spokesman")."""
    if person.kind != "person" or institution.kind not in {"organization", "unknown"}:
        return False
    words = person.name.lower().replace(",", " ").split()
    if words and words[0] in _POSSESSIVES:
        return True
    described = set(words) | set((person.role or "").lower().replace(",", " ").split())
    if institution.name_parts() - _DETERMINERS & described:
        return True
    return bool(words) and all(w in role_nouns() | _DETERMINERS for w in words)


def role_only(speaker: Speaker) -> bool:
    """A person or group named only by a role ("officials", "public health officials", "the
    spokeswoman"): any named official may be the one meant."""
    words = speaker.name.lower().split()
    if speaker.kind != "person" or not words:
        return False
    last = words[-1]
    return last in role_nouns() or last.removesuffix("s") in role_nouns()


def _severity(derived: Speaker, original: Speaker) -> Any:
    if spokesperson_of(derived, original) or spokesperson_of(original, derived):
        return severity.misattribution_within_institution()
    if role_only(derived) or role_only(original):
        return severity.misattribution_within_institution()
    return severity.misattribution(is_person(derived), is_person(original))


def _describe(speaker: Speaker) -> str:
    return speaker.name if speaker.kind != "outlet" else f"the outlet's narration ({speaker.name})"


# A candidate by the named speaker this close to the best match is as likely the origin.
ALTERNATIVE_MARGIN = 0.08


def _named_speaker_matches_too(
    pair: AlignedPair, sentence: AlignedSentence, speaker: Speaker
) -> bool:
    best = sentence.alignment.score
    for span, score in sentence.alignment.candidates:
        if score < best - ALTERNATIVE_MARGIN:
            continue
        candidate = _holder(pair.source, span)
        if candidate is not None and same_speaker(speaker, candidate):
            return True
    return False


FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
# A source whose narration has first-person words in at least this many content sentences,
# and this share of them, speaks in its author's voice.
FIRST_PERSON_SENTENCES = 3
FIRST_PERSON_SHARE = 0.15


def first_person_narration(document: Document) -> bool:
    """Whether the text's own voice is a person's or an organisation's ("I", "we", "our"
    outside quotation marks): a transcript, a statement or a release in its author's voice,
    whose author a rewrite names."""
    quoted = [q.span for q in document.quotes]
    content = [s for s in document.segments if s.is_content]
    hits = 0
    for segment in content:
        words = [
            t
            for t in tokens_in(document, segment.span)
            if t.lower_ in FIRST_PERSON
            and t.tag_ in {"PRP", "PRP$"}
            and not any(q.start <= t.idx < q.end for q in quoted)
        ]
        hits += bool(words)
    return hits >= FIRST_PERSON_SENTENCES and hits >= FIRST_PERSON_SHARE * len(content)


PRONOUNS = frozenset(
    {"he", "she", "they", "it", "him", "her", "them", "his", "hers", "its", "their"}
)


def _pronoun(document: Document, where: Span | None) -> str | None:
    """The pronoun that mentions a speaker at ``where``, if the mention is one."""
    if where is None:
        return None
    text = where.of(document.article).strip().lower()
    return text if text in PRONOUNS else None


def _source_mentions(document: Document, span: Span) -> list[Span]:
    """Where the source names the holder of the words at ``span``: its quote's speaker
    mention, else its attribution's."""
    found = [
        q.speaker_span
        for q in document.quotes
        if q.content_span.overlaps(span) and q.speaker_span is not None
    ]
    attribution = document.attribution_at(span)
    if attribution is not None and attribution.speaker_span is not None:
        found.append(attribution.speaker_span)
    return found


def same_pronoun(pair: AlignedPair, derived_mention: Span | None, sources: list[Span]) -> bool:
    """Whether the rewrite names its speaker by the pronoun the source uses for these words
    ("she said" for "she continued"): the rewrite kept the source's reference."""
    mine = _pronoun(pair.derived, derived_mention)
    if mine is None:
        return False
    return any(
        _pronoun(pair.source, mention) == mine
        for span in sources
        for mention in _source_mentions(pair.source, span)
    )


def _open_at_the_end(pair: AlignedPair, quote: Quote) -> bool:
    """A quote with no cue of its own that runs to the end of an incomplete source: whoever
    the source credits it to may come after the cut."""
    if quote.cue_span is not None:
        return False
    gap = source_gap(pair)
    return gap is not None and quote.content_span.end >= gap.source_end - 2


def _uncertain_credit(pair: AlignedPair, span: Span) -> bool:
    return any(_open_at_the_end(pair, q) for q in pair.source.quotes_in(span))


def _all_holders(pair: AlignedPair, span: Span) -> list[Speaker]:
    """Everyone the source sentence at ``span`` gives words to: the holder of its claim, the
    other holders of its frame and the speakers of its quotes ("according to a memo, as
    employees filed a lawsuit alleging ...")."""
    holders = []
    attribution = pair.source.attribution_at(span)
    if attribution is not None:
        holders += [h for h in attribution.holders if not is_document(h)]
    holders += [q.speaker for q in pair.source.quotes_in(span) if q.speaker is not None]
    return holders


def _from_narration(pair: AlignedPair, derived: AlignedSentence) -> Any | None:
    """The severity of the outlet's narration given to the rewrite's speaker, None when that is
    how rewrites credit a source (see the module's docstring)."""
    if derived.attribution is None or not _has_person_name(pair.derived, derived.attribution):
        return None
    if first_person_narration(pair.source):
        return None
    return severity.misattribution_from_narration()


def _speaker_swaps(pair: AlignedPair) -> list[Finding]:
    findings = []
    for sentence in aligned_sentences(pair):
        attribution = sentence.attribution
        if attribution is None or attribution.frame not in {"reported", "quoted"}:
            continue
        derived_speaker = _holder(pair.derived, sentence.span)
        if derived_speaker is None or derived_speaker.kind == "outlet":
            continue
        if _names_its_speaker(pair.derived, sentence.span, attribution.speaker_span) and (
            same_words(pair, sentence.span, sentence.sources[0])
        ):
            continue
        source_speakers = [_holder(pair.source, s) for s in sentence.sources]
        known = [s for s in source_speakers if s is not None]
        if not known or any(
            same_speaker(derived_speaker, s) or may_describe(derived_speaker, s) for s in known
        ):
            continue
        others = [h for s in sentence.sources[:1] for h in _all_holders(pair, s)]
        if any(same_speaker(derived_speaker, h) for h in others):
            continue
        if _named_speaker_matches_too(pair, sentence, derived_speaker):
            continue
        if same_pronoun(pair, attribution.speaker_span, sentence.sources[:1]):
            continue
        if any(_uncertain_credit(pair, s) for s in sentence.sources[:1]):
            continue
        original = known[0]
        if quantifier_class(original.name.lower()) and quantifier_class(
            derived_speaker.name.lower()
        ):
            continue  # "some" became "all": who holds the view is the same; scope judges it
        level = (
            _from_narration(pair, sentence)
            if original.kind == "outlet"
            else _severity(derived_speaker, original)
        )
        if level is None:
            continue
        holders = ", ".join(h.name for h in attribution.holders if h is not derived_speaker)
        also = f" (with {holders})" if holders else ""
        findings.append(
            Finding(
                kind="misattribution",
                severity=level,
                reason=(
                    f"the source gives these words to {_describe(original)}; the rewrite "
                    f"attributes them to {derived_speaker.name}{also}"
                ),
                derived_span=_holder_span(sentence),
                source_span=sentence.sources[0],
                speaker=original.name,
                in_quote=in_quote(pair.derived, sentence.span),
            )
        )
    return findings


def same_words(pair: AlignedPair, derived: Span, source: Span) -> bool:
    """Whether the rewrite's sentence says the very words of its source sentence: then the
    names in it are the source's own, and a different speaker is only the two parses reading
    them differently (a paragraph break moved: "Armstrong huddled with leaders announced
    they would ..." read with and without a frame), never a change of speaker."""
    mine = word_key(derived.of(pair.derived.article))
    return bool(mine) and mine == word_key(source.of(pair.source.article))


def _names_its_speaker(document: Document, span: Span, mention: Span | None) -> bool:
    """Whether the sentence at ``span`` names its speaker itself, by name (not a pronoun,
    not a speaker carried over from an earlier sentence): then the same words name the same
    speaker wherever the sentence stands."""
    sentence = next((s.span for s in document.segments if s.span.contains(span)), span)
    return (
        mention is not None
        and sentence.contains(mention)
        and _pronoun(document, mention) is None
        and mention.of(document.article).strip().lower() not in FIRST_PERSON
    )


def _same_sentence_words(pair: AlignedPair, piece: Span, window: Span) -> bool:
    """:func:`same_words` for the sentences around a quoted piece and its source window."""
    derived = next((s.span for s in pair.derived.segments if s.span.contains(piece)), None)
    source = next((s.span for s in pair.source.segments if s.span.contains(window)), None)
    return derived is not None and source is not None and same_words(pair, derived, source)


def _quoted_there(document: Document, window: Span, speaker: Speaker) -> bool:
    """Whether the source quotes ``speaker`` at ``window``: its quotation there has that
    speaker, whoever holds the sentence around it ("According to pool reports, Obama said
    “there is love”": the quotation is Obama's, the sentence the reports')."""
    return any(
        q.speaker is not None and same_speaker(speaker, q.speaker)
        for q in document.quotes_in(window)
    )


def _quote_swaps(pair: AlignedPair) -> list[Finding]:
    findings = []
    for match in match_quotes(pair):
        if match.fabricated or match.window is None or match.quote.speaker is None:
            continue
        original = _holder(pair.source, match.window)
        if (
            original is None
            or (
                _names_its_speaker(pair.derived, match.piece, match.quote.speaker_span)
                and _same_sentence_words(pair, match.piece, match.window)
            )
            or original.kind == "outlet"
            or same_speaker(match.quote.speaker, original)
            or _quoted_there(pair.source, match.window, match.quote.speaker)
            or may_describe(match.quote.speaker, original)
            or same_pronoun(pair, match.quote.speaker_span, [match.window])
            or _uncertain_credit(pair, match.window)
        ):
            continue
        findings.append(
            Finding(
                kind="misattribution",
                severity=_severity(match.quote.speaker, original),
                reason=(
                    f"the source quotes {original.name} here; the rewrite puts these words in "
                    f"the mouth of {match.quote.speaker.name}"
                ),
                derived_span=match.quote.speaker_span or match.piece,
                source_span=match.window,
                speaker=original.name,
                in_quote=True,
            )
        )
    return findings


def _states_a_view(verb: Any) -> bool:
    """Whether a stance verb holds a view: it takes a clause ("believes that ...", "wants to
    ...") or an "as" complement ("views X as a provocation"); "feel the shaking" holds none."""
    return any(
        c.dep_ in {"ccomp", "xcomp"} or (c.dep_ == "prep" and c.lower_ == "as")
        for c in verb.children
    )


def _institution_holder(token: Any) -> Any | None:
    """The institution a stance verb gives the view to ("Moscow views ..."), if any."""
    if token.lemma_.lower() not in STANCE_VERBS or not _states_a_view(token):
        return None
    for child in token.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.ent_type_ in INSTITUTION_LABELS:
            return child
    return None


def _view_to_institution(pair: AlignedPair) -> list[Finding]:
    findings = []
    for sentence in aligned_sentences(pair):
        originals = [claim_speaker(pair.source, s) for s in sentence.sources]
        person = next((s for s in originals if is_person(s)), None)
        if person is None:
            continue
        # Holders of a view in the best source: subjects of its clauses ("I doubt", "Russia sees").
        source_holders = {
            lemma_key(t)
            for t in tokens_in(pair.source, sentence.sources[0])
            if t.dep_ in {"nsubj", "nsubjpass"}
        }
        for token in tokens_in(pair.derived, sentence.span):
            holder = _institution_holder(token)
            if holder is None or lemma_key(holder) in source_holders:
                continue
            subject = cover([Span(t.idx, t.idx + len(t.text)) for t in (*holder.subtree, token)])
            findings.append(
                Finding(
                    kind="misattribution",
                    severity=severity.misattribution(False, True),
                    reason=(
                        f"the source gives this as {person.name}'s own view; the rewrite presents "
                        f"it as the position of ‘{holder.text}’"
                    ),
                    derived_span=subject,
                    source_span=sentence.sources[0],
                    speaker=person.name,
                    in_quote=in_quote(pair.derived, sentence.span),
                )
            )
    return findings


def check(pair: AlignedPair) -> list[Finding]:
    return _speaker_swaps(pair) + _quote_swaps(pair) + _view_to_institution(pair)
