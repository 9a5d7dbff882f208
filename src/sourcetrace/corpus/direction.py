"""Which article of a matched pair is the source, and which chains of rewrites exist.

Direction comes from publication dates when both are known and differ. Otherwise from what
copying leaves, in this order:

* ``credit``: one text credits the other's outlet ("according to X", "told X", "X reported",
  a wire tag "(X) -") and the other does not name the first one's outlet: the crediting
  text is the copy;
* ``excerpt``: one text stops open (mid-sentence, an ellipsis, "Read more") and the other
  does not, and its end lies inside the shared passage: its last sentences match at the far
  end of what the two share, and the other goes on after that point with EXCERPT_REST
  sentences of prose or more. Stopping mid-sentence alone says nothing: stored pages are
  often cut at a fixed length, and a copy cut there may cover more of the story than its
  source (its last sentences then match nothing of the other);
* ``context``: the shorter text is nearly all in the other, which has a block of sentences
  of its own before or inside the shared passage: the longer one is a copy that added
  context around a shared core;
* ``page``: every sentence of prose of both texts has its counterpart, and only one text has
  lines of its own, none of them prose (menus, teasers, captions, "Sign up" lines): that one
  is the story copied into a page;
* ``containment``: the text whose sentences are more contained in the other is derived (a
  rewrite or summary keeps part of its source, the source is not contained in it); counted
  over sentences of prose when known (a page's teasers and captions are no text of its own);
* ``length``: nothing else tells them apart; the shorter text is taken as derived. When a
  text is cut (stops open), its length is where the cut fell, so the lengths of the shared
  passage in each text are compared instead: the one that tells it in fewer characters is
  taken as derived (a rewrite condenses more often than it pads; a synonym spinner that
  pads is the case this gets wrong, and nothing in the texts tells that case apart).

A ``translation`` (a match of two texts in different declared languages, see
:mod:`.discover`) is oriented by publication dates alone: a translation keeps its source's
sentences one for one, so neither what copying leaves nor lengths (which differ by language)
tell which came first. Without two different dates the basis is ``translation`` and the
order is the corpus's reading order, which says nothing; the evidence says so.

Every decision records its basis and evidence, so a reader can check it.

For chains (A -> B -> C) each derived article gets one *closest source*: the best-supported
of its sources, never one that would close a cycle. Those (closest source, derived) pairs
are the ones audited; other matches are kept as ``indirect``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from sourcetrace.corpus.discover import DiscoveryParams, Match
from sourcetrace.model import PassageEvidence

Basis = Literal[
    "published", "credit", "excerpt", "context", "page", "containment", "length", "translation"
]
# Containment shares closer than this are treated as symmetric (no evidence of direction).
CONTAINMENT_MARGIN = 0.05
# "Context": the shorter text has at least this share of its sentences in the other, and the
# other a block of at least CONTEXT_BLOCK sentences of its own before or inside the shared
# passage (a paragraph or more), while the shorter has no such block; a source missing a
# paragraph its copy dropped has a block of one or two sentences.
CONTEXT_COVERAGE = 0.8
CONTEXT_BLOCK = 3
# Lengths of the shared passage closer than this share are treated as equal.
PASSAGE_LENGTH_MARGIN = 0.02
# An excerpt's source goes on for at least a paragraph (two sentences of prose) after the
# excerpt's end; two texts cut within a sentence of each other tell nothing of direction.
EXCERPT_REST = 2
# How a copy credits where it took a story from: phrases general to English news writing
# (wire credits, "according to", reporting verbs), with {outlet} for the outlet's name.
CREDIT_PATTERNS = (
    r"according to (?:the )?{outlet}",
    r"(?:told|tells|said to|speaking to|in an interview with) (?:the )?{outlet}",
    r"{outlet} (?:reported|reports|said|says|wrote|writes|first reported)",
    r"\({outlet}\)\s*[-–—:]",
    r"(?:via|source|sources|credit|copyright|©)\s*:?\s*(?:the )?{outlet}",
    r"(?:first )?(?:published|appeared) (?:in|on|by) (?:the )?{outlet}",
)


@dataclass(frozen=True)
class Edge:
    """A directed match: ``source`` -> ``derived`` (corpus indexes), with its evidence."""

    source: int
    derived: int
    basis: Basis
    evidence: str
    support: float
    match: Match

    @property
    def reverse_support(self) -> float:
        """How much of the source the derived article carries."""
        return self.match.support(self.source)


def decide(
    match: Match,
    published: Sequence[date | None],
    n_words: Sequence[int],
    ids: Sequence[str],
    params: DiscoveryParams,
    outlets: Sequence[str | None] | None = None,
    texts: Sequence[str] | None = None,
) -> Edge:
    """Orient one verified match."""
    a, b = match.a, match.b
    if published[a] and published[b] and published[a] != published[b]:
        source, derived = (a, b) if published[a] < published[b] else (b, a)  # type: ignore[operator]
        evidence = f"published {published[source]} before {published[derived]}"
        if match.languages is not None:
            evidence += f"; a translation ({_languages(match, source, derived)})"
        return _edge(source, derived, "published", evidence, match)
    if match.languages is not None:
        evidence = (
            f"a translation ({_languages(match, a, b)}); without two publication dates its "
            "direction cannot be told from the texts: the first read is shown as the source"
        )
        return _edge(a, b, "translation", evidence, match)
    if outlets is not None and texts is not None:
        credited = _credit(a, b, outlets, texts)
        if credited is not None:
            return _edge(credited[1], credited[0], "credit", credited[2], match)
    if match.passages is not None:
        by_passages = _from_passages(a, b, match.passages)
        if by_passages is not None:
            source, derived, basis, evidence = by_passages
            return _edge(source, derived, basis, evidence, match)
    return _by_containment(match, n_words, ids, params)


def _languages(match: Match, source: int, derived: int) -> str:
    """ "en -> fr": the declared languages of a translation, source first."""
    first, second = match.languages or ("?", "?")
    return f"{first} -> {second}" if source == match.a else f"{second} -> {first}"


def _credit(
    a: int, b: int, outlets: Sequence[str | None], texts: Sequence[str]
) -> tuple[int, int, str] | None:
    """``(derived, source, evidence)`` when exactly one text credits the other's outlet."""
    a_credits = _credits(texts[a], outlets[b], outlets[a])
    b_credits = _credits(texts[b], outlets[a], outlets[b])
    if a_credits and not b_credits:
        return a, b, f"credits the source's outlet: “{a_credits}”"
    if b_credits and not a_credits:
        return b, a, f"credits the source's outlet: “{b_credits}”"
    return None


def _credits(text: str, outlet: str | None, own: str | None) -> str | None:
    """The phrase of ``text`` that credits ``outlet`` (None when it does not, or when both
    texts come from the same outlet)."""
    name = outlet_name(outlet)
    if not name or name == outlet_name(own):
        return None
    found = _credit_pattern(name).search(text)
    return found.group(0) if found else None


def outlet_name(outlet: str | None) -> str:
    """An outlet as it is named in text: "www.reuters.com" -> "reuters"; lower case."""
    if not outlet:
        return ""
    name = outlet.strip().lower()
    name = re.sub(r"^https?://", "", name)
    name = re.sub(r"^www\.", "", name).split("/")[0]
    name = re.sub(r"\.(com|org|net|co\.uk|co|news|info|[a-z]{2})$", "", name)
    return name.replace("-", " ").strip()


@lru_cache(maxsize=1024)
def _credit_pattern(name: str) -> re.Pattern[str]:
    outlet = re.escape(name).replace(r"\ ", r"[\s-]+")
    alternatives = "|".join(p.format(outlet=outlet) for p in CREDIT_PATTERNS)
    return re.compile(rf"\b(?:{alternatives})", re.IGNORECASE)


def _from_passages(a: int, b: int, found: PassageEvidence) -> tuple[int, int, Basis, str] | None:
    """``(source, derived, basis, evidence)`` from the shared sentences, or None."""
    short, long_ = (a, b) if found.shorter_is_a else (b, a)
    short_gap = found.inner_gap_a if found.shorter_is_a else found.inner_gap_b
    long_gap = found.inner_gap_b if found.shorter_is_a else found.inner_gap_a
    n_long = max(found.sentences_a, found.sentences_b)
    excerpt = _excerpt(found)
    if excerpt is not None:
        cut, rest = (a, found.after_end_a) if excerpt else (b, found.after_end_b)
        return (
            b if excerpt else a,
            cut,
            "excerpt",
            (
                "one text stops open inside the shared passage; the other goes on with "
                f"{rest} sentences after that point: an excerpt"
            ),
        )
    if found.coverage >= CONTEXT_COVERAGE and long_gap >= CONTEXT_BLOCK and short_gap <= 1:
        return (
            short,
            long_,
            "context",
            (
                f"{found.coverage:.0%} of the shorter text's sentences are in the longer one, "
                f"which adds a block of {long_gap} sentences of its own before or inside them"
            ),
        )
    page = _page_copy(found)
    if page is not None:
        copy = a if page else b
        return (
            b if page else a,
            copy,
            "page",
            (
                "every sentence of prose of each text is in the other; only the copy adds "
                "lines of its own, none of them prose (menus, teasers, captions)"
            ),
        )
    aligned_long = found.aligned_b if found.shorter_is_a else found.aligned_a
    long_share = aligned_long / max(1, n_long)
    short_share = found.coverage
    prose = _prose_shares(found)
    if prose is not None:
        short_share, long_share = prose if found.shorter_is_a else prose[::-1]
    if short_share - long_share >= CONTAINMENT_MARGIN:
        return (
            long_,
            short,
            "containment",
            (
                f"{short_share:.0%} of the derived text's sentences align to the source, "
                f"{long_share:.0%} of the source's to the derived"
            ),
        )
    return None


def _excerpt(found: PassageEvidence) -> bool | None:
    """True when ``a`` is an excerpt of ``b`` (see the module's ``excerpt`` basis), False
    when ``b`` is one of ``a``, None when neither."""
    if found.truncated_a == found.truncated_b:
        return None  # neither, or both cut: being cut tells nothing of direction
    rest = found.after_end_a if found.truncated_a else found.after_end_b
    if rest < EXCERPT_REST:
        return None
    return found.truncated_a


def _page_copy(found: PassageEvidence) -> bool | None:
    """True when ``a`` is the page copy (see the module's ``page`` basis), False when ``b``
    is, None when neither or the evidence has no prose flags."""
    prose = (found.unmatched_prose_a, found.unmatched_prose_b)
    lines = (found.unmatched_lines_a, found.unmatched_lines_b)
    if min(*prose, *lines) < 0 or prose != (0, 0):
        return None
    if lines[0] > 0 and lines[1] == 0:
        return True
    if lines[1] > 0 and lines[0] == 0:
        return False
    return None


def _prose_shares(found: PassageEvidence) -> tuple[float, float] | None:
    """The share of each text's sentences of prose that have a counterpart in the other,
    (a, b); None when unknown. Sentences that are not prose are left out of both the
    matched and the total count (approximated: they are counted as matched when the text
    has more matched sentences than prose ones)."""
    if min(found.unmatched_prose_a, found.unmatched_prose_b) < 0:
        return None
    shares = []
    for count, unmatched_prose, unmatched_lines in (
        (found.sentences_a, found.unmatched_prose_a, found.unmatched_lines_a),
        (found.sentences_b, found.unmatched_prose_b, found.unmatched_lines_b),
    ):
        if unmatched_lines < 0:
            return None
        rest = count - unmatched_lines  # prose sentences plus matched other lines
        shares.append(1.0 - unmatched_prose / rest if rest > 0 else 0.0)
    return shares[0], shares[1]


def _by_containment(
    match: Match, n_words: Sequence[int], ids: Sequence[str], params: DiscoveryParams
) -> Edge:
    """Whole-document containment asymmetry, then length (no passage evidence decided)."""
    a, b = match.a, match.b
    lexical = max(match.shingle_ab, match.shingle_ba) >= params.min_shingle_containment
    name = "shingles" if lexical else "content words"
    in_b, in_a = (
        (match.shingle_ab, match.shingle_ba) if lexical else (match.terms_ab, match.terms_ba)
    )
    if abs(in_b - in_a) >= CONTAINMENT_MARGIN:
        derived, source = (a, b) if in_b > in_a else (b, a)
        forward, backward = max(in_b, in_a), min(in_b, in_a)
        evidence = (
            f"{forward:.0%} of the derived text's {name} are in the source, "
            f"{backward:.0%} of the source's in the derived"
        )
        return _edge(source, derived, "containment", evidence, match)
    symmetric = f"containment symmetric ({name}: {in_b:.0%} / {in_a:.0%})"
    shared = _passage_lengths(match.passages)
    if shared is not None and abs(shared[0] - shared[1]) >= PASSAGE_LENGTH_MARGIN * max(shared):
        derived, source = (a, b) if shared[0] < shared[1] else (b, a)
        evidence = (
            f"{symmetric}; the derived text tells the shared passage in fewer characters "
            f"({min(shared)} vs {max(shared)}): taken as derived"
        )
    elif n_words[a] != n_words[b]:
        derived, source = (a, b) if n_words[a] < n_words[b] else (b, a)
        evidence = (
            f"{symmetric}; the shorter text ({n_words[derived]} vs {n_words[source]} words) "
            "is taken as derived"
        )
    else:
        # Nothing tells them apart; the id order only makes the choice reproducible.
        source, derived = (a, b) if ids[a] <= ids[b] else (b, a)
        evidence = f"{symmetric} and equal length; undecided, the first id is taken as source"
    return _edge(source, derived, "length", evidence, match)


def _passage_lengths(found: PassageEvidence | None) -> tuple[int, int] | None:
    """How many characters each text spends on the sentences the two share, (a, b), when
    one of them is cut (stops open): a cut text's length is where the cut fell, not how much
    it kept of its source, so only the passage both tell compares. None when neither text is
    cut (their whole lengths compare: a copy that drops sentences is shorter) or no
    sentences align."""
    if found is None or not found.links or not (found.truncated_a or found.truncated_b):
        return None
    spans_a = {(link.a.start, link.a.end) for link in found.links}
    spans_b = {(link.b.start, link.b.end) for link in found.links}
    return sum(e - s for s, e in spans_a), sum(e - s for s, e in spans_b)


def _edge(source: int, derived: int, basis: Basis, evidence: str, match: Match) -> Edge:
    return Edge(source, derived, basis, evidence, match.support(derived), match)


def closest_sources(edges: Sequence[Edge]) -> dict[int, Edge]:
    """For each derived article, the edge from its best-supported source.

    Edges are taken strongest first; an edge whose source already descends from its derived
    article is skipped, so the result is a forest (every chain ends at a root source).
    """
    chosen: dict[int, Edge] = {}
    # On equal support the source sharing most of its own text with the derived one wins:
    # in A -> B -> C, B (already cut down like C) rather than the longer A.
    ordered = sorted(edges, key=lambda e: (-e.support, -e.reverse_support, e.derived, e.source))
    for edge in ordered:
        if edge.derived in chosen or _descends(edge.source, edge.derived, chosen):
            continue
        chosen[edge.derived] = edge
    return chosen


def _descends(article: int, ancestor: int, parents: dict[int, Edge]) -> bool:
    """Whether ``ancestor`` lies on the chain of closest sources above ``article``."""
    seen = set()
    while article in parents and article not in seen:
        seen.add(article)
        article = parents[article].source
        if article == ancestor:
            return True
    return article == ancestor


def chain_path(article: int, parents: dict[int, Edge]) -> list[int]:
    """The chain from its root source down to ``article`` (a single element for a root)."""
    path = [article]
    while path[-1] in parents:
        path.append(parents[path[-1]].source)
    return path[::-1]
