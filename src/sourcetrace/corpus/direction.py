"""Which article of a matched pair is the source, and which chains of rewrites exist.

Direction comes from publication dates when both are known and differ; otherwise from
containment asymmetry (a rewrite or summary is mostly contained in its source, not the
reverse); when both containments are about equal, the shorter text is taken as derived.
Every decision records its basis and evidence, so a reader can check it.

For chains (A -> B -> C) each derived article gets one *closest source*: the best-supported
of its sources, never one that would close a cycle. Those (closest source, derived) pairs
are the ones audited; other matches are kept as ``indirect``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sourcetrace.corpus.discover import DiscoveryParams, Match

Basis = Literal["published", "containment", "length"]
# Containment shares closer than this are treated as symmetric (no evidence of direction).
CONTAINMENT_MARGIN = 0.05


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
) -> Edge:
    """Orient one verified match."""
    a, b = match.a, match.b
    if published[a] and published[b] and published[a] != published[b]:
        source, derived = (a, b) if published[a] < published[b] else (b, a)  # type: ignore[operator]
        evidence = f"published {published[source]} before {published[derived]}"
        return _edge(source, derived, "published", evidence, match)
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
    if n_words[a] != n_words[b]:
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
