"""Reporting frames: "X said (that) ...", "..., said X", "According to X, ...".

A frame is read off the dependency parse of one sentence: a reporting verb (from
``lexicons/reporting_verbs.txt``) with its subject as the speaker and its clausal complement
as the reported content, or the prepositional cue "according to" with its object as the
speaker and the rest of the sentence as the content. Communication verbs ("said", "added")
make a frame even without a clause ("..., she said."); cognition verbs ("believes",
"doubts") only with one ("she believes that ..."), since "he knows the city" reports nothing.
Frames whose cue lies inside quotation marks are the quoted person's words, not a frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sourcetrace.attribute.lexicon import (
    attitude_nouns,
    colon_labels,
    evidence_nouns,
    institution_nouns,
    light_nouns,
    mental_verbs,
    report_nouns,
    role_nouns,
    speech_verbs,
    stance_verbs,
    support_cues,
)
from sourcetrace.model import Span

# Dependencies that put a verb inside a noun phrase or make it an auxiliary: not a frame.
# (Relative, adverbial and participial clauses are frames: "officials who said that ...",
# "because he said ...", "..., saying that ...".)
_EMBEDDED = frozenset({"amod", "pcomp", "csubj", "auxpass", "aux"})
# Verbs that take the addressee as object ("told reporters"): their object is not the content.
_ADDRESSEE_VERBS = frozenset(
    {"tell", "ask", "inform", "assure", "advise", "warn", "urge", "remind"}
)
# Verbs that put a question to their subject: "asked if ...", "asked about ...".
_QUESTION_VERBS = frozenset({"ask", "question", "press"})
# Cognition verbs that report a view in the passive without naming whose ("X is expected to
# win", "it is believed that ..."): general English raising/reporting passives.
_PASSIVE_MENTAL = frozenset(
    {
        "expect",
        "believe",
        "think",
        "fear",
        "suspect",
        "assume",
        "presume",
        "understand",
        "rumor",
        "rumour",
        "consider",
        "predict",
        "hope",
    }
)
# Prepositions whose gerund reports for the governing verb's subject ("by saying").
_GERUND_PREPS = frozenset({"by", "after", "before", "while", "when", "without", "upon", "in"})
# Answers that stand for a reported clause ("she said no", "he said so").
_ANSWERS = frozenset({"yes", "no", "so"})
# Verbs that report a finding through an object only when a document or measurement (or a
# speaker) is their subject ("the poll shows Roe ahead").
_EVIDENCE_VERBS = frozenset({"show"})
# Verbs of talking whose "to"/"for"/"on" phrases name the audience, time or venue.
_TALK_VERBS = frozenset({"speak", "talk"})
# Verbs of appearance that report an impression without naming whose ("X seems to ...").
_EVIDENTIAL_VERBS = frozenset({"seem", "appear"})
# Prepositions of the occasion of saying ("said in a statement", "told reporters during a
# call", "wrote on Facebook"); not "amid", "after" ...: "spoke amid claims that" reports no claim.
_SETTING_PREPS = frozenset({"in", "during", "at", "on", "via", "through"})
# Verbs that report only as a bare quote tag ("“...,” he continued.").
_QUOTE_ONLY = frozenset({"continue"})
# Participles that report for the subject of the verb they hang off ("..., saying that ...").
_PARTICIPLE_DEPS = frozenset({"advcl", "acl", "xcomp", "conj"})
_SUBJECTS = frozenset({"nsubj"})
# An "according to" phrase covering more than this share of its sentence was misparsed.
ACCORDING_MAX_SHARE = 0.8
# "Name: words" frames: the colon comes early, the name is short, the words are a statement;
# the name opens the sentence or follows a dash or "from" ("- More from Jones: ...").
COLON_SCAN = 20
COLON_MAX_NAME = 6
COLON_MIN_WORDS = 3
ATTITUDE_PREPS = frozenset({"for", "of", "on", "about", "against", "to"})
COLON_LEADS = frozenset({"-", "—", "–", "from", "|"})
_TRIM = " \t\n,;:—–-"


@dataclass
class ReportingFrame:
    """A reporting frame found in one sentence (tokens are spaCy tokens of the parsed doc)."""

    cue: Span
    speaker: Any  # the head token of the speaker mention; None for an unnamed source
    content: Span | None
    kind: str  # "speech", "mental", "stance", "according", "passive" or "evidential"
    holders: list[Any] = field(default_factory=list)  # head tokens of every holder, speaker first
    region: Span | None = None  # the frame's own words (cue + speaker), outside the content


def trim(text: str, start: int, end: int) -> Span | None:
    """``[start, end)`` without surrounding whitespace and clause punctuation."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return Span(start, end) if end > start else None


def _inside(offset: int, spans: list[Span]) -> bool:
    return any(s.start <= offset < s.end for s in spans)


def _verb_lemma(token: Any) -> tuple[str, Any]:
    """The verb's lemma, joined with its particle when that makes a reporting verb ("point out")."""
    lemma = token.lemma_.lower()
    if _reporting_word(lemma + "e") and not _reporting_word(lemma):
        # the lemmatizer strips a silent e now and then ("hoping" -> "hop", "hopes" -> "hop")
        lemma += "e"
    for child in token.children:
        if child.dep_ == "prt":
            phrasal = f"{lemma} {child.lower_}"
            if phrasal in speech_verbs() or phrasal in mental_verbs():
                return phrasal, child
    return lemma, None


def _reporting_word(lemma: str) -> bool:
    return lemma in speech_verbs() or lemma in mental_verbs() or lemma in stance_verbs()


def _dateline(token: Any) -> bool:
    """A capitalised place opening a wire story ("PARIS — ..."), parsed as a subject."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        token.is_upper
        and token.i == token.sent.start
        and following is not None
        and following.text in ("—", "–", "-", "(", ",")
    )


def _subject(token: Any) -> Any:
    """The verb's subject; a coordinated verb or a participle shares its governor's subject;
    a relative pronoun ("officials who said") stands for the noun the clause modifies."""
    subjects = [c for c in token.children if c.dep_ in _SUBJECTS and not _dateline(c)]
    if subjects:
        # the subject closest before the verb ("PHILADELPHIA — The committee said")
        before = [c for c in subjects if c.i < token.i]
        child = before[-1] if before else subjects[0]
        if child.tag_ in ("WP", "WDT") and token.dep_ == "relcl":
            return token.head
        return child
    if token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX"):
        return _subject(token.head)
    if _prepositional_gerund(token):
        return _subject(token.head.head)  # "she began by saying ...": she says
    if token.tag_ == "VBG" and token.dep_ in _PARTICIPLE_DEPS:
        governor = token.head
        if token.dep_ == "acl" and governor.pos_ in ("NOUN", "PROPN"):
            if governor.lemma_.lower() not in report_nouns() and _speaker_like(governor):
                return governor  # "a group backing the senator", "voters saying ..."
            governor = governor.head  # "issued a statement saying ..."
        if governor.pos_ in ("VERB", "AUX") and governor.i != token.i:
            return _subject(governor)
    return None


def _prepositional_gerund(token: Any) -> bool:
    """A gerund after a preposition of manner or time hung on a verb ("began by saying ...",
    "after saying ..."): it reports for that verb's subject."""
    return (
        token.dep_ == "pcomp"
        and token.tag_ == "VBG"
        and token.head.lower_ in _GERUND_PREPS
        and token.head.head.pos_ in ("VERB", "AUX")
    )


def _speaker_like(subject: Any) -> bool:
    """A subject that can speak: a name, a pronoun, a role or an institution."""
    if subject.pos_ in ("PROPN", "PRON") or subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    lemma = subject.lemma_.lower()
    return lemma in role_nouns() or lemma in institution_nouns()


def _postposed_subject(token: Any, sent: Any) -> tuple[Any, int] | None:
    """The speaker of a tag after the words ("..., a spokeswoman, Ann Roe, said") when the
    parser hung the verb elsewhere: the noun phrase right before the verb, itself preceded by
    a comma. Returns its head and the offset where the reported words end."""
    if any(c.dep_ in _SUBJECTS for c in token.children) or _complement(token) is not None:
        return None
    left = token.i - 1
    while left >= sent.start and token.doc[left].is_punct:
        left -= 1
    if left < sent.start:
        return None
    head = token.doc[left]
    while (
        head.dep_ in ("appos", "compound", "flat", "conj")
        and head.head.i < token.i
        and head.head.i != head.i
    ):
        head = head.head
    if not _speaker_like(head) or head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    start = head.left_edge.i
    if start - 1 <= sent.start or token.doc[start - 1].text != ",":
        return None
    return head, token.doc[start - 1].idx


def _object_content(token: Any, lemma: str) -> Any:
    """Content given as an object rather than a clause ("asked him to resign")."""
    deps = ("xcomp",) if lemma in _ADDRESSEE_VERBS else ("xcomp", "dobj", "oprd")
    objects = [
        c
        for c in token.children
        if c.dep_ in deps and c.i > token.i and not _reporting_noun_phrase(c)
    ]
    # "called for a ban", "described them as peaceful", "asked about the deal": the
    # preposition carries the content; "focused on", "pointed to" only for stance verbs
    # ("said on Tuesday" names no content).
    preps: tuple[str, ...] = ("for", "as", "about")
    if lemma in stance_verbs():
        preps += ("on", "to", "against")
    if lemma in _TALK_VERBS:
        # "spoke to the crowd for an hour on CNN": audience, duration and venue, not content
        preps = ("about", "against")
    prepositions = [
        c for c in token.children if c.dep_ == "prep" and c.lower_ in preps and c.i > token.i
    ]
    if not objects:
        # "talked about the deal": the content is the deal, not "about the deal"
        prepositions = [
            next((g for g in p.children if g.dep_ in ("pobj", "pcomp")), p) for p in prepositions
        ]
    objects += prepositions
    if lemma in speech_verbs():
        # "she said no", "he said so": the answer stands for the reported clause
        objects += [
            c
            for c in token.children
            if c.dep_ in ("intj", "advmod", "dobj") and c.lower_ in _ANSWERS and c.i == token.i + 1
        ]
    if not objects:
        return None
    return objects


def _for_clause(token: Any) -> Any:
    """A "for X to Y" clause after the verb ("called for the state to act"): its first token
    after "for", and its last token."""
    for child in token.children:
        if child.dep_ not in ("advcl", "ccomp", "xcomp") or child.i < token.i:
            continue
        mark = next((m for m in child.children if m.dep_ == "mark" and m.lower_ == "for"), None)
        if mark is not None and mark.i == child.left_edge.i and mark.i + 1 < child.i:
            return child.doc[mark.i + 1], child.right_edge
    return None


def _reporting_noun_phrase(token: Any) -> bool:
    """An object that is itself a report ("repeated his claim that ..."): the noun's own
    frame carries the content."""
    lemma = token.lemma_.lower()
    if lemma in report_nouns():
        return any(c.dep_ in ("acl", "ccomp") for c in token.children)
    return lemma in attitude_nouns() and any(c.dep_ == "poss" for c in token.children)


def _conjuncts(head: Any) -> list[Any]:
    """``head`` and the nouns coordinated with it ("A and B said" -> [A, B])."""
    result = [head]
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON"):
            result.extend(_conjuncts(child))
    return result


def _complement(token: Any) -> Any:
    for child in token.children:
        if child.dep_ == "ccomp":
            return child
    if token.lemma_.lower() in speech_verbs():
        return _setting_clause(token)
    return None


def _setting_clause(token: Any) -> Any:
    """The that-clause of a verb of saying that the parser hung on the noun of its setting:
    "said in a statement that ...", "told reporters during a call that ..."."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.i < token.i or prep.lower_ not in _SETTING_PREPS:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            for clause in noun.children:
                if (
                    clause.dep_ in ("acl", "ccomp", "relcl")
                    and clause.i > noun.i
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
                ):
                    return clause
    return None


def _conditional(complement: Any) -> bool:
    """A complement clause opened by "if"/"unless": an adverbial misparsed as a report."""
    return any(
        c.dep_ == "mark" and c.lower_ in ("if", "unless", "because", "when")
        for c in complement.children
    )


def _clause_span(head: Any) -> Span:
    """The reported clause: ``head``'s subtree up to a coordinated verb of saying, which is a
    report of its own ("he said [that ...] and noted that ..."). Other coordinated clauses
    stay in the report, with or without their own subject ("he said the plan works, but the
    council will vote first", "she said X and that Y"): the speaker said them too."""
    whole = _subtree_span(head)
    for token in head.subtree:
        if token.i <= head.i or token.dep_ != "conj" or token.pos_ not in ("VERB", "AUX"):
            continue
        if token.lemma_.lower() not in speech_verbs():
            continue
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children):
            continue  # "and that ...": the same report goes on
        cut = token.left_edge.i
        # drop the coordinator and punctuation before the new clause
        while cut - 1 > head.i and head.doc[cut - 1].dep_ in ("cc", "punct"):
            cut -= 1
        end_token = head.doc[cut - 1]
        return Span(whole.start, end_token.idx + len(end_token.text))
    return whole


def _subtree_span(token: Any) -> Span:
    left = token.left_edge
    right = token.right_edge
    return Span(left.idx, right.idx + len(right.text))


def _introduces_quote(token: Any) -> bool:
    """A verb right before a colon and an opening quotation mark ('she wrote: “...”')."""
    doc = token.doc
    return (
        token.i + 2 < len(doc)
        and doc[token.i + 1].text == ":"
        and doc[token.i + 2].is_quote
        and _speaker_like(_subject(token) or token)
        and _subject(token) is not None
    )


def _opens_quote(head: Any) -> bool:
    """Whether the clause of ``head`` is a quotation ('he continued, “We will ...”')."""
    first = head.left_edge
    while first.i < head.i and first.is_punct and not first.is_quote:
        first = first.nbor(1)
    return bool(first.is_quote) or (first.i > 0 and first.nbor(-1).is_quote)


def _verb_frame(token: Any, sent: Any, text: str) -> ReportingFrame | None:
    if token.pos_ != "VERB" or (token.dep_ in _EMBEDDED and not _prepositional_gerund(token)):
        return None
    if token.dep_ in ("acl", "xcomp") and token.tag_ != "VBG":
        return None  # "a plan said to be", "wants to say"
    lemma, particle = _verb_lemma(token)
    if lemma in speech_verbs():
        kind = "speech"
    elif lemma in mental_verbs():
        kind = "mental"
    elif lemma in stance_verbs():
        kind = "stance"
    elif _introduces_quote(token):
        kind = "speech"  # 'he leaned in and boomed: “...”': any verb before a colon and a quote
    else:
        return None
    complement = _complement(token)
    for_clause = _for_clause(token) if complement is None else None
    if kind == "mental" and complement is None and lemma in stance_verbs():
        kind = "stance"  # "she sees the vote as a test": an object, not a clause
    parenthetical = token.dep_ == "parataxis"  # "The plan, many think, will fail."
    if kind == "mental" and not parenthetical and (complement is None or _conditional(complement)):
        return None
    wh_object = any(c.dep_ == "dobj" and c.tag_ in ("WP", "WDT") for c in token.children)
    if wh_object and token.dep_ != "relcl":
        return None  # "what the board can expect": a question about a view, not a report
    postposed = _postposed_subject(token, sent) if kind == "speech" else None
    subject = postposed[0] if postposed else _subject(token)
    if subject is None:
        return None
    objects = _object_content(token, lemma) if complement is None else None
    if for_clause is not None and not objects:
        objects = list(for_clause)
    if (
        lemma in _EVIDENCE_VERBS
        and complement is None
        and not _speaker_like(subject)
        and subject.lemma_.lower() not in evidence_nouns()
    ):
        return None  # "the bridge shows its age": only a poll, a study, a record ... shows
    if kind == "stance" and complement is None and not objects:
        return None
    if (
        lemma in _QUOTE_ONLY
        and (complement is not None or objects)
        and not (complement is not None and _opens_quote(complement))
    ):
        return None  # "they continued to talk": only "..., he continued." introduces words
    if complement is None and not objects and not parenthetical and not _speaker_like(subject):
        return None  # "the cooperation continues": no content and no one speaking
    cue_end = particle if particle is not None else token
    cue = Span(token.idx, cue_end.idx + len(cue_end.text))
    content: Span | None = None
    if complement is not None:
        whole = _clause_span(complement)
        content = trim(text, whole.start, whole.end)
    elif objects:
        left = min(_subtree_span(o).start for o in objects)
        right = max(_subtree_span(o).end for o in objects)
        content = trim(text, left, right)
    elif postposed:
        content = trim(text, sent.start_char, postposed[1])
    elif token.dep_ == "parataxis":
        # "The plan, she said, will fail": the rest of the sentence is the content.
        content = trim(text, sent.start_char, sent.end_char)
    subject_span = _subtree_span(subject)
    region = Span(min(subject_span.start, cue.start), max(subject_span.end, cue.end))
    return ReportingFrame(cue, subject, content, kind, _conjuncts(subject), region)


def _passive_frame(token: Any, sent: Any, text: str) -> ReportingFrame | None:
    """A report whose source is unnamed or an agent: "it was reported that ...", "Roe is
    expected to resign", "Roe was asked by Moe whether ...", "Asked if he would run, Roe ...".

    The speaker is the "by" agent, else None (an unnamed source). The content is the reported
    clause; a raising passive ("X is expected to Y") reports "X ... Y", subject included,
    except for verbs that take the addressee as subject ("X was asked to Y" reports "to Y").
    """
    if token.pos_ != "VERB" or token.tag_ != "VBN" or token.dep_ in _EMBEDDED:
        return None
    lemma = token.lemma_.lower()
    children = list(token.children)
    agentive = any(c.dep_ == "agent" for c in children)
    # a stance verb reports in the passive only with its holder ("backed by the union")
    stance = agentive and lemma in stance_verbs()
    if lemma not in speech_verbs() and lemma not in _PASSIVE_MENTAL and not stance:
        return None
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children)
    # "Asked about the plan, Roe said ...", "when asked whether ...": a question put to the
    # subject of the main clause by someone unnamed.
    questioned = token.dep_ == "advcl" and lemma in _QUESTION_VERBS and not passive
    if not passive and not questioned:
        return None
    if any(c.dep_ in _SUBJECTS for c in children):
        return None
    agent = next(
        (g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None
    )
    content: Span | None = None
    clause = next((c for c in children if c.dep_ == "ccomp" and c.i > token.i), None)
    raised = next((c for c in children if c.dep_ == "xcomp" and c.i > token.i), None)
    if clause is None and lemma in _QUESTION_VERBS:
        # "asked if/whether ..." (parsed as an adverbial clause), "asked about the deal"
        clause = next(
            (
                c
                for c in children
                if c.dep_ == "advcl"
                and c.i > token.i
                and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children)
            ),
            None,
        )
        about = next(
            (c for c in children if c.dep_ == "prep" and c.lower_ == "about" and c.i > token.i),
            None,
        )
        if clause is None and about is not None:
            clause = next((g for g in about.children if g.dep_ in ("pobj", "pcomp")), None)
    subject = next((c for c in children if c.dep_ == "nsubjpass"), None)
    if clause is not None:
        if _conditional(clause) and lemma not in _QUESTION_VERBS:
            return None
        whole = _clause_span(clause)
        content = trim(text, whole.start, whole.end)
    elif agent is not None and subject is not None and raised is None:
        # "The plan was backed by the union", "the move was first reported by Moe": the agent
        # holds a position on, or reported, the subject.
        if subject.tag_ in ("WP", "WDT", "PRP") and subject.lower_ not in ("he", "she", "they"):
            return None
        whole = _subtree_span(subject)
        content = trim(text, whole.start, whole.end)
    elif raised is not None and raised.pos_ in ("VERB", "AUX"):
        whole = _subtree_span(raised)
        if lemma in _ADDRESSEE_VERBS or subject is None or subject.lower_ in ("it", "there"):
            content = trim(text, whole.start, whole.end)
        else:
            content = trim(text, _subtree_span(subject).start, whole.end)
    if content is None:
        return None
    last = max(
        (c for c in children if c.dep_ in ("auxpass", "neg") and c.i < token.i),
        default=None,
        key=lambda c: c.i,
    )
    start = last.idx if last is not None and token.i - last.i <= 2 else token.idx
    cue = Span(min(start, token.idx), token.idx + len(token.text))
    holders = _conjuncts(agent) if agent is not None else []
    region = cue if agent is None else Span(cue.start, _subtree_span(agent).end)
    return ReportingFrame(cue, agent, content, "passive", holders, region)


def _evidential_frame(token: Any, text: str) -> ReportingFrame | None:
    """An impression reported without a source: "the team appeared paralyzed", "X seems to
    be moving", "it appears that ...". The content is the subject with its complement (the
    clause alone after an empty "it"); the speaker is unnamed."""
    if token.lemma_.lower() not in _EVIDENTIAL_VERBS or token.dep_ in _EMBEDDED:
        return None
    if token.pos_ not in ("VERB", "AUX"):
        return None
    children = list(token.children)
    complement = next(
        (
            c
            for c in children
            if c.i > token.i
            and (
                (c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"))
                or (c.dep_ in ("acomp", "oprd") and c.pos_ in ("ADJ", "VERB"))
            )
        ),
        None,
    )
    subject = next((c for c in children if c.dep_ in _SUBJECTS and c.i < token.i), None)
    if complement is None or subject is None:
        return None
    end = _subtree_span(complement).end
    if subject.lower_ == "it" and complement.dep_ == "ccomp":
        start = _subtree_span(complement).start
    else:
        start = _subtree_span(subject).start
    content = trim(text, start, end)
    if content is None:
        return None
    cue = Span(token.idx, token.idx + len(token.text))
    return ReportingFrame(cue, None, content, "evidential", [], cue)


def _light_verb_frame(token: Any, text: str) -> ReportingFrame | None:
    """ "X made the case that ...", "X made no mention of Y", "X made clear that ...": "make"
    with a noun of saying (or "clear") reports for its subject; the content is the clause,
    else the noun's prepositional object. A noun that makes a frame of its own ("made his
    claim that ...") is left to :func:`_noun_frame`."""
    if token.lemma_.lower() != "make" or token.pos_ != "VERB" or token.dep_ in _EMBEDDED:
        return None
    children = [c for c in token.children if c.i > token.i]
    noun = next(
        (c for c in children if c.dep_ == "dobj" and c.lemma_.lower() in light_nouns()), None
    )
    clear = next((c for c in children if c.lower_ == "clear" and c.pos_ == "ADJ"), None)
    if noun is None and clear is None:
        return None
    holder = noun if noun is not None else clear
    assert holder is not None
    clause = next(
        (
            c
            for c in (*holder.children, *children)
            if c.dep_ in ("acl", "ccomp", "csubj")
            and c.i > holder.i
            and c.pos_ in ("VERB", "AUX")
            and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        ),
        None,
    )
    if clause is None and clear is not None:
        clause = next((c for c in children if c.dep_ == "ccomp" and c is not clear), None)
    if clause is not None:
        whole = _clause_span(clause)
    elif noun is not None:
        prep = next(
            (
                c
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ in ATTITUDE_PREPS and c.i > noun.i
            ),
            None,
        )
        target = (
            next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
            if prep is not None
            else None
        )
        if target is None:
            return None
        whole = _subtree_span(target)
    else:
        return None
    if noun is not None and _noun_frame(noun, text) is not None:
        return None  # "made his claim that ...": the noun's own frame reports it
    subject = _subject(token)
    if subject is None:
        return None
    content = trim(text, whole.start, whole.end)
    end = holder.idx + len(holder.text)
    cue = Span(token.idx, end)
    subject_span = _subtree_span(subject)
    region = Span(min(subject_span.start, cue.start), max(subject_span.end, cue.end))
    return ReportingFrame(cue, subject, content, "speech", _conjuncts(subject), region)


def _noun_frame(token: Any, text: str) -> ReportingFrame | None:
    """ "Roe's claim that ...", "he repeated his warning that ...": a noun of saying with a
    that-clause; the speaker is the possessor, else the subject of the verb governing the noun,
    else unnamed. A noun of stance takes its prepositional object ("Roe's support for X")."""
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or (lemma not in report_nouns() and lemma not in attitude_nouns()):
        return None
    clause = next(
        (
            c
            for c in token.children
            if c.dep_ in ("acl", "ccomp")
            and c.i > token.i
            and c.pos_ in ("VERB", "AUX")
            and any(g.dep_ in ("mark", "dobj") and g.lower_ == "that" for g in c.children)
        ),
        None,
    )
    speaker = next((c for c in token.children if c.dep_ == "poss"), None)
    if clause is None and lemma in attitude_nouns():
        # "Roe's support for the bill", "his attack on the press", "calls for a ban": the
        # object of the stance.
        clause = next(
            (
                c
                for c in token.children
                if c.dep_ == "prep" and c.lower_ in ATTITUDE_PREPS and c.i > token.i
            ),
            None,
        )
    if clause is None:
        return None
    if clause.dep_ == "prep":
        # "support for the bill": the content is the bill, not "for the bill"
        clause = next((g for g in clause.children if g.dep_ in ("pobj", "pcomp")), clause)
    if speaker is None and token.dep_ in ("dobj", "pobj") and token.head.pos_ == "VERB":
        speaker = _subject(token.head)
    whole = _clause_span(clause)
    content = trim(text, whole.start, whole.end)
    cue = Span(token.idx, token.idx + len(token.text))
    if speaker is None:
        if clause.dep_ not in ("acl", "ccomp", "pobj", "pcomp"):
            return None
        setting = _setting_clause(token.head.head) if token.dep_ == "pobj" else None
        if setting is not None and setting.i == clause.i:
            return None  # "said in a statement that ...": the verb's own report
        # "the claim that ...", "amid calls for a ban": a report whose holder is unnamed
        return ReportingFrame(cue, None, content, "noun", [], cue)
    region = Span(min(speaker.idx, cue.start), cue.end)
    return ReportingFrame(cue, speaker, content, "speech", _conjuncts(speaker), region)


def _according_frame(token: Any, sent: Any, text: str) -> ReportingFrame | None:
    if token.lower_ != "according" or token.i + 1 >= sent.end or token.nbor(1).lower_ != "to":
        return None
    to = token.nbor(1)
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    speaker = objects[0]
    holders = _conjuncts(speaker)
    region = _subtree_span(token)
    sentence = Span(sent.start_char, sent.end_char)
    if len(region) > ACCORDING_MAX_SHARE * len(sentence):
        region = Span(token.idx, _subtree_span(speaker).end)
    # "According to A, supported by B, ...": B holds the claim too.
    for candidate in sent:
        if candidate.lower_ in support_cues() and region.start <= candidate.idx <= region.end + 2:
            for agent in candidate.children:
                if agent.dep_ in ("agent", "prep") and agent.lower_ == "by":
                    for obj in agent.children:
                        if obj.dep_ == "pobj":
                            holders.extend(_conjuncts(obj))
                            region = Span(
                                region.start, max(region.end, _subtree_span(candidate).end)
                            )
    if region.start - sentence.start <= 1:
        content = trim(text, region.end, sentence.end)
    elif sentence.end - region.end <= 2:
        content = trim(text, sentence.start, region.start)
    else:
        content = trim(text, sentence.start, sentence.end)
    cue = Span(token.idx, to.idx + len(to.text))
    return ReportingFrame(cue, speaker, content, "according", holders, region)


def _name_token(token: Any) -> bool:
    """A token that can be part of a speaker label: a proper noun, an all-caps word, an initial."""
    if token.ent_type_ in ("PERSON", "ORG") or token.pos_ == "PROPN":
        return True
    return (token.is_upper and token.is_alpha and len(token) > 1) or token.text == "."


def _colon_frame(sent: Any, text: str) -> ReportingFrame | None:
    """Label style "Name: words" (headlines, transcripts, "- More from Name: ...")."""
    colon = next((t for t in list(sent)[:COLON_SCAN] if t.text == ":"), None)
    if colon is None or colon.i == sent.start:
        return None
    doc = sent.doc
    first = colon.i
    while first - 1 >= sent.start and colon.i - first < COLON_MAX_NAME:
        token = doc[first - 1]
        # a headline label may be a capitalised word the tagger took for a common noun
        # ("Poll: ...", "Sanders: ...")
        headline = token.is_title and token.is_alpha
        if _name_token(token) or headline or (token.lower_ in ("and", "&") and first < colon.i):
            first -= 1
        else:
            break
    if first == colon.i or doc[first].lower_ in ("and", "&", "."):
        return None
    if first > sent.start and doc[first - 1].text not in COLON_LEADS:
        return None  # a name inside a clause ("the vote in Texas: ...")
    label = doc[first : colon.i].text.lower().strip()
    if label in colon_labels() or not any(t.is_alpha for t in doc[first : colon.i]):
        return None  # "UPDATE:", "Photo:", "Editor's note:"
    content = trim(text, colon.idx + 1, sent.end_char)
    if content is None or len(content.of(text).split()) < COLON_MIN_WORDS:
        return None
    # "Mark Roe and Jon Moe:" -> the last token of each name; the first name is the speaker.
    heads = [
        doc[t.i - 1] for t in doc[first : colon.i + 1] if t.lower_ in ("and", "&") or t.i == colon.i
    ]
    head = heads[0]
    holders = heads
    region = Span(doc[first].idx, colon.idx + 1)
    cue = Span(colon.idx, colon.idx + 1)
    return ReportingFrame(cue, head, content, "speech", holders, region)


def find_frames(sent: Any, text: str, quoted: list[Span]) -> list[ReportingFrame]:
    """Every reporting frame of ``sent`` whose cue is outside the ``quoted`` contents.

    A question ("Why did the board say no?") asks about a view and reports none; a question
    inside quotation marks is the reported words ('She asked, “Why now?”').
    """
    frames: list[ReportingFrame] = []
    colon = _colon_frame(sent, text)
    if colon is not None and not _inside(colon.cue.start, quoted):
        frames.append(colon)
    stripped = sent.text.rstrip().rstrip("\"”’'»)")
    if stripped.endswith("?") and not _inside(sent.start_char + len(stripped) - 1, quoted):
        return frames
    for token in sent:
        if _inside(token.idx, quoted):
            continue
        frame = (
            _according_frame(token, sent, text)
            or _verb_frame(token, sent, text)
            or _passive_frame(token, sent, text)
            or _evidential_frame(token, text)
            or _light_verb_frame(token, text)
            or _noun_frame(token, text)
        )
        if frame is not None and (frame.speaker is None or not _inside(frame.speaker.idx, quoted)):
            frames.append(frame)
    return frames


def main_frames(frames: list[ReportingFrame]) -> list[ReportingFrame]:
    """Frames not nested in another frame's content ("According to A, B shows that ...")."""
    outer = []
    for frame in frames:
        nested = any(
            other is not frame and other.content is not None and other.content.contains(frame.cue)
            for other in frames
        )
        if not nested:
            outer.append(frame)
    return outer
