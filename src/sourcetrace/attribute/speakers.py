"""Speakers: who a mention refers to, with names normalised and aliases built.

A :class:`SpeakerRegistry` walks one parsed article. It first registers every named person
(spaCy PERSON entities, with the role read from an apposition or a preceding role noun:
"Jane Roe, a French trade economist" / "trade economist Jane Roe"), then resolves each
speaker mention of a reporting frame in text order:

* a name or surname ("Roe") -> the registered person whose name contains those parts;
* a role noun ("the French economist", "the spokesman") -> the last mentioned person with
  that role among their aliases;
* a personal pronoun ("he", "she") -> the last named person, preferring grammatical subjects;
* an institution ("the Kremlin", "Paris", "the ministry") -> an organization speaker;
* anything else ("sources", "a witness") -> a speaker named by the mention itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sourcetrace.attribute.lexicon import institution_nouns, role_nouns, titles
from sourcetrace.model import Article, Span, Speaker

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
GROUP_PRONOUNS = frozenset({"they", "them", "we", "us", "i", "me", "you", "it"})
# Outside quotes and sections, "I"/"we" is the writer: their words are narration.
AUTHOR_PRONOUNS = frozenset({"i", "me", "we", "us"})
ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
_DETERMINERS = frozenset(
    {
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "its",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "one",
        "another",
        "some",
    }
)
_ORDINAL = re.compile(
    r"^(?:first|second|third|fourth|fifth|sixth|former|late|then|\d+(?:st|nd|rd|th))$"
)
_ROLE_BREAK = re.compile(
    r",|;|\(|\s(?:of|at|for|in|with|from|to|on|who|which|that|since|until|based)\s"
)
_ROLE_CONJ = re.compile(r"\s+(?:and|&|or)\s+")
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "nummod", "poss"})


def outlet_speaker(article: Article) -> Speaker:
    """The outlet's own voice: narration is never given to a person."""
    name = article.outlet or "the outlet"
    return Speaker(name=name, role=None, kind="outlet", aliases={name.lower()})


def normalise_name(words: list[str]) -> str:
    """A personal name without titles, possessives or leading articles."""
    cleaned = [w for w in words if w not in ("'s", "’s", "'", "’")]
    cleaned = [re.sub(r"['’]s$", "", w) for w in cleaned]
    while cleaned and (
        cleaned[0].lower().rstrip(".") in titles() or cleaned[0].lower() in _DETERMINERS
    ):
        if len(cleaned) == 1:
            break
        cleaned = cleaned[1:]
    return " ".join(w.strip(",;:") for w in cleaned if w.strip(",;:"))


def role_aliases(role: str) -> set[str]:
    """Role nouns of a role phrase, bare and with their modifiers.

    "a French trade economist and columnist" -> economist, columnist, french economist,
    trade economist, french trade economist, french columnist, ...
    """
    head_chunk = _ROLE_BREAK.split(" " + role.strip() + " ", maxsplit=1)[0].strip()
    parts = [p.split() for p in _ROLE_CONJ.split(head_chunk) if p.strip()]
    aliases: set[str] = set()
    shared: list[str] = []
    for index, words in enumerate(parts):
        words = [w.lower().strip(".,") for w in words]
        words = [w for w in words if w and w not in _DETERMINERS and not _ORDINAL.match(w)]
        if not words:
            continue
        head, modifiers = words[-1], words[:-1]
        if index == 0:
            shared = modifiers
        modifiers = modifiers or shared
        heads = {head}
        if "-" in head:
            heads.add(head.rsplit("-", 1)[-1])
        for noun in heads:
            aliases.add(noun)
            aliases.update(f"{m} {noun}" for m in modifiers)
            if modifiers:
                aliases.add(" ".join([*modifiers, noun]))
    return aliases


def name_aliases(name: str) -> set[str]:
    """The full name and each of its parts, lower case ("Song Zhongping" -> both parts too)."""
    lower = name.lower()
    return {lower} | {part for part in lower.replace(".", "").split() if len(part) > 1}


# Parts of speech a capitalised word of a personal name never has: a tagger that reads a
# title-case headline ("Smith Just Responded To Jones Biggest Attack") as one PERSON took
# words of the sentence for the name. Auxiliaries are left out ("Will Smith" is tagged so),
# and lower-case particles ("da", "van", "bin") are name parts whatever their tag.
NOT_IN_NAMES = frozenset({"ADP", "ADV", "CCONJ", "SCONJ", "DET", "PRON", "VERB"})


def plausible_name(entity: Any) -> bool:
    """Whether a PERSON entity reads as a personal name: no capitalised function word or
    verb among its words."""
    return not any(t.text[:1].isupper() and t.pos_ in NOT_IN_NAMES for t in entity)


def described_as_person(head: Any) -> bool:
    """Whether a name is followed by a person's role in apposition ("Eswar Prasad, a
    professor of economics, said"): a person, whatever label the tagger gave the name."""
    return any(
        child.dep_ == "appos" and child.pos_ == "NOUN" and child.lemma_.lower() in role_nouns()
        for child in head.children
    )


@dataclass
class Mention:
    """Where a speaker is named or referred to, for resolving later mentions."""

    offset: int
    speaker: Speaker
    subject: bool
    named: bool


class SpeakerRegistry:
    """The speakers of one article and the mentions that refer to them."""

    def __init__(self, parsed: Any) -> None:
        self.parsed = parsed
        self.speakers: list[Speaker] = []
        self.mentions: list[Mention] = []
        self._register_entities()

    # ----- registration -------------------------------------------------------------
    def _find_named(self, name: str, kind: str) -> Speaker | None:
        parts = {p for p in name.lower().replace(".", "").split() if len(p) > 1}
        if not parts:
            return None
        best: Speaker | None = None
        for speaker in self.speakers:
            if speaker.kind != kind:
                continue
            if speaker.key() == name.lower():
                return speaker
            if kind == "person" and parts <= speaker.name_parts():
                best = speaker  # the latest registered wins
        return best

    def register(
        self, name: str, role: str | None, kind: str, offset: int, subject: bool = False
    ) -> Speaker:
        """The speaker called ``name`` (created when new); ``role`` adds role aliases."""
        speaker = self._find_named(name, kind)
        if speaker is None:
            speaker = Speaker(name=name, role=role, kind=kind, aliases=name_aliases(name))  # type: ignore[arg-type]
            self.speakers.append(speaker)
        elif len(name) > len(speaker.name) and kind == "person":
            speaker.name = name  # "Roe" registered before "Jane Roe"
            speaker.aliases |= name_aliases(name)
        if role and not speaker.role:
            speaker.role = role
        if role:
            speaker.aliases |= role_aliases(role)
        self.mentions.append(Mention(offset, speaker, subject, named=True))
        return speaker

    def _register_entities(self) -> None:
        for ent in self.parsed.ents:
            if ent.label_ != "PERSON" or not plausible_name(ent):
                continue
            name = normalise_name([t.text for t in ent])
            if len(name.split()) == 0:
                continue
            role = self._role_of(ent)
            subject = ent.root.dep_ in ("nsubj", "nsubjpass") or ent.root.head.dep_ == "nsubj"
            self.register(name, role, "person", ent.start_char, subject)

    def _role_of(self, ent: Any) -> str | None:
        """A role phrase next to a name: its apposition, or the role noun before it."""
        root = ent.root
        appositions = [
            c for c in root.children if c.dep_ == "appos" and c.i >= ent.end and c.pos_ == "NOUN"
        ]
        if appositions:
            # The apposition runs to the comma that closes it ("X, vice-rector of Y, said"):
            # hyphenated role nouns parse as several appositions, so read up to that comma.
            start = min(t.i for t in appositions[0].subtree)
            closing = [
                c.i for c in root.children if c.dep_ == "punct" and c.text == "," and c.i > start
            ]
            end = min(closing) if closing else max(t.right_edge.i for t in appositions) + 1
            return self.parsed[start:end].text.strip().strip(",").strip()
        if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < ent.start:
            head = root.head
            left = min(t.i for t in head.subtree)
            return self.parsed[left : head.i + 1].text
        # A title written in capitals before the name ("U.S. Attorney Jane Roe") is a role too.
        nouns = [
            t
            for word in ent
            for t in word.lefts
            if t.dep_ == "compound"
            and t.i < ent.start
            and (t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.lower_ in role_nouns() | titles()))
        ]
        if nouns:
            left = min(min(t.i for t in n.subtree) for n in nouns)
            return self.parsed[left : nouns[-1].i + 1].text
        return None

    # ----- resolution ---------------------------------------------------------------
    def _last(self, offset: int, accept: Any) -> Speaker | None:
        best: Mention | None = None
        for mention in self.mentions:
            if (
                mention.offset < offset
                and accept(mention)
                and (best is None or mention.offset >= best.offset)
            ):
                best = mention
        return best.speaker if best is not None else None

    def last_person(self, offset: int) -> Speaker | None:
        """The last named person before ``offset``, preferring grammatical subjects."""
        subject = self._last(offset, lambda m: m.named and m.subject and m.speaker.kind == "person")
        return subject or self._last(offset, lambda m: m.named and m.speaker.kind == "person")

    def note(self, speaker: Speaker, offset: int, subject: bool = True) -> None:
        """Record that ``speaker`` is referred to at ``offset`` (for later pronouns)."""
        self.mentions.append(Mention(offset, speaker, subject, named=True))

    def mention_span(self, head: Any) -> Any:
        """The tokens (a spaCy Span) that name the speaker whose head token is ``head``."""
        doc = head.doc
        if head.ent_type_:
            for ent in doc.ents:
                # A title the tagger read as one entity ("Smith Just Responded To Jones
                # Biggest Attack", a WORK_OF_ART) names nobody: the head's own words do.
                if ent.start <= head.i < ent.end and plausible_name(ent):
                    return ent
        if head.pos_ == "NOUN":
            for child in head.children:
                if child.dep_ == "appos" and child.pos_ == "PROPN" and child.ent_type_ == "PERSON":
                    return self.mention_span(child)
        left = head.i
        for child in sorted(head.lefts, key=lambda t: -t.i):
            if child.i == left - 1 and (child.dep_ in _MODIFIER_DEPS or child.dep_ == "det"):
                left = min(t.i for t in child.subtree) if child.dep_ != "det" else child.i
            elif child.i < left and child.dep_ in _MODIFIER_DEPS | {"det"}:
                left = min(left, min(t.i for t in child.subtree))
        # a flat name written without an entity tag: include PROPN compounds to the right
        right = head.i
        return doc[left : right + 1]

    def resolve(self, head: Any) -> tuple[Speaker | None, Span]:
        """The speaker a subject/agent token refers to, and the character span of the mention."""
        span = self.mention_span(head)
        mention = Span(span.start_char, span.end_char)
        offset = span.start_char
        lower = head.lower_
        if head.pos_ == "PRON" or lower in PERSON_PRONOUNS | GROUP_PRONOUNS:
            if lower in PERSON_PRONOUNS:
                person = self.last_person(offset)
                if person is not None:
                    return person, mention
            if lower in AUTHOR_PRONOUNS:
                return None, mention  # the writer's own voice: narration
            return self._unnamed(span.text, "unknown"), mention
        words = [t.text for t in span if t.dep_ != "det" and t.pos_ != "DET"]
        label = head.ent_type_
        if head.pos_ == "PROPN" or label:
            # A surname the tagger reads as an organization ("Brandt said") is still the
            # person registered under that name.
            known = self._find_named(normalise_name(words), "person")
            if known is not None:
                self.note(known, offset)
                return known, mention
        if label == "PERSON" or (
            head.pos_ == "PROPN"
            and (label not in ORG_LABELS or described_as_person(head))
            and not self._institution(head)
        ):
            name = normalise_name(words)
            if not name:
                return None, mention
            speaker = self.register(name, None, "person", offset, subject=True)
            return speaker, mention
        if label in ORG_LABELS or self._institution(head):
            name = normalise_name(words) or head.text
            speaker = self.register(name, None, "organization", offset, subject=True)
            return speaker, mention
        return self._resolve_role(span, head, offset), mention

    def _institution(self, head: Any) -> bool:
        return head.lemma_.lower() in institution_nouns() or head.lower_ in institution_nouns()

    def _resolve_role(self, span: Any, head: Any, offset: int) -> Speaker | None:
        words = [
            t.lower_ for t in span if t.lower_ not in _DETERMINERS and not _ORDINAL.match(t.lower_)
        ]
        words = [w for w in words if w not in ("'s", "’s")]
        if not words:
            return None
        key = " ".join(words)
        noun = head.lemma_.lower() if head.tag_ in ("NNS",) else head.lower_
        fitting = self._last(
            offset,
            lambda m: (
                m.speaker.kind == "person"
                and m.named
                and (key in m.speaker.aliases or (len(words) == 1 and noun in m.speaker.aliases))
            ),
        )
        if fitting is not None:
            self.note(fitting, offset)
            return fitting
        kind = "person" if noun in role_nouns() else "unknown"
        text = " ".join(t.text for t in span if t.dep_ != "det")
        return self._unnamed(text or head.text, kind)

    def _unnamed(self, name: str, kind: str) -> Speaker:
        """A speaker known only by the words that mention them ("sources", "they")."""
        existing = next(
            (s for s in self.speakers if s.key() == name.lower() and s.kind == kind), None
        )
        if existing is not None:
            return existing
        speaker = Speaker(name=name, role=None, kind=kind, aliases={name.lower()})  # type: ignore[arg-type]
        self.speakers.append(speaker)
        return speaker
