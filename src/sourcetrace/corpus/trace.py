"""Trace one article to its sources in a scanned corpus (``sourcetrace trace ARTICLE --corpus``).

The corpus is a results database written by ``sourcetrace scan``: it holds every article's
text and sentence features (:mod:`.store`). Tracing an article is discovery for one text
against all of them:

1. candidates: the corpus articles sharing most of the article's adjacent content-word pairs
   (copied wording) and most of its idf-weighted content words (a reworded copy keeps its
   names, numbers and nouns), a few dozen at most;
2. each candidate is verified by passage evidence (:func:`.passages.evidence` and
   :func:`.passages.linked`, the scan's own rule), and, as in discovery, a link needs
   copied wording (word triples that few corpus articles have) unless the evidence covers
   nearly all of the shorter text (a paraphrase);
3. its direction is decided as a scan decides it (:func:`.direction.decide`): dates, credit
   lines, excerpt, added context, containment.

Candidates the article derives from come first, by support (the summed alignment scores of
the article's aligned sentences per sentence); the CLI and the web app audit the article
against the best of them with the ordinary pair pipeline.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from sourcetrace.corpus import passages
from sourcetrace.corpus.direction import decide
from sourcetrace.corpus.discover import DiscoveryParams, Match, containment, fingerprints, words
from sourcetrace.corpus.store import Store
from sourcetrace.errors import InputError
from sourcetrace.model import Article, PassageEvidence

# How many corpus articles each preselection (shared word pairs, shared content words)
# passes on to passage evidence, at least.
MIN_CANDIDATES = 20
# Without copied wording, a link needs the evidence to cover this share of the shorter text.
PARAPHRASE_COVERAGE = 0.8
SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Candidate:
    """One corpus article compared with the traced article (``a`` in ``evidence``)."""

    id: str
    article: Article
    evidence: PassageEvidence
    support: float
    rare_shared: int
    linked: bool
    derives: bool
    basis: str
    direction_evidence: str

    def to_dict(self, traced_text: str) -> dict[str, Any]:
        """JSON-ready: the candidate, its passage figures and aligned sentences."""
        found = self.evidence
        shorter = "article" if found.shorter_is_a else "candidate"
        return {
            "id": self.id,
            "title": self.article.title,
            "outlet": self.article.outlet,
            "url": self.article.url,
            "published": self.article.published.isoformat() if self.article.published else None,
            "linked": self.linked,
            "derives": self.derives,
            "verdict": verdict(self),
            "summary": figures(self),
            "support": round(self.support, 3),
            "direction_basis": self.basis,
            "direction_evidence": self.direction_evidence,
            "sentences_article": found.sentences_a,
            "sentences_candidate": found.sentences_b,
            "aligned": found.aligned_a if found.shorter_is_a else found.aligned_b,
            "shorter": shorter,
            "longest_run": found.longest_run,
            "coverage": round(found.coverage, 3),
            "verbatim": round(found.verbatim, 3),
            "rare_shared_triples": self.rare_shared,
            "passages": [
                {
                    "article": [x.a.start, x.a.end],
                    "candidate": [x.b.start, x.b.end],
                    "score": x.score,
                    "verbatim": x.verbatim,
                    "article_text": traced_text[x.a.start : x.a.end],
                    "candidate_text": self.article.text[x.b.start : x.b.end],
                }
                for x in found.links
            ],
        }


@dataclass
class Corpus:
    """A scanned corpus as tracing needs it: articles, sentence features, idf, and each
    article's unique word pairs, triples and content words, flattened for quick look-ups."""

    path: Path
    ids: list[str]
    articles: list[Article]
    units: list[passages.Sentences]
    params: DiscoveryParams = field(default_factory=DiscoveryParams)

    @cached_property
    def idf(self) -> passages.Idf:
        return passages.Idf.of(self.units)

    @cached_property
    def _flat(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        result = {}
        for name in ("pairs", "grams", "terms"):
            per_doc = [np.unique(getattr(u, name)) for u in self.units]
            docs = np.repeat(np.arange(len(per_doc)), [x.size for x in per_doc])
            values = np.concatenate(per_doc) if per_doc else np.zeros(0, dtype=np.uint32)
            result[name] = (values, docs.astype(np.int32))
        return result

    def shared(self, name: str, items: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For the unique ``items`` of one kind: a hit mask over the flattened corpus items,
        the hit values, and the documents holding them."""
        values, docs = self._flat[name]
        hit = np.isin(values, items)
        return hit, values[hit], docs[hit]


def load_corpus(path: Path) -> Corpus:
    """Read a scan's articles and sentence features (computed here for older scans)."""
    with Store(path, read_only=True) as store:
        rows = store.articles()
        stored = store.features() if store.get_meta("features") == passages.FEATURES_VERSION else {}
    if not rows:
        raise InputError(f"{path}: the scan holds no articles")
    ids = [a_id for a_id, _, _ in rows]
    articles = [article for _, article, _ in rows]
    units = [
        stored.get(a_id) or passages.sentences(article.text)
        for a_id, article in zip(ids, articles, strict=True)
    ]
    return Corpus(path, ids, articles, units)


def _normalized(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def _top(scores: np.ndarray, k: int) -> set[int]:
    positive = np.flatnonzero(scores > 0)
    if positive.size <= k:
        return {int(i) for i in positive}
    best = positive[np.argpartition(-scores[positive], k - 1)[:k]]
    return {int(i) for i in best}


def preselect(query: passages.Sentences, corpus: Corpus, k: int) -> tuple[set[int], np.ndarray]:
    """The corpus articles worth verifying, and per article the count of word triples it
    shares with the query that at most ``max_shingle_df`` corpus articles have."""
    n = len(corpus.ids)
    _, _, pair_docs = corpus.shared("pairs", np.unique(query.pairs))
    by_pairs = np.bincount(pair_docs, minlength=n)
    terms = np.unique(query.terms)
    _, term_values, term_docs = corpus.shared("terms", terms)
    weights = corpus.idf.lookup(term_values)
    by_terms = np.bincount(term_docs, weights=weights, minlength=n)
    _, gram_values, gram_docs = corpus.shared("grams", np.unique(query.grams))
    values, df = np.unique(gram_values, return_counts=True)
    rare = np.isin(gram_values, values[df <= corpus.params.max_shingle_df])
    rare_counts = np.bincount(gram_docs[rare], minlength=n)
    chosen = _top(by_pairs.astype(np.float64), k) | _top(by_terms, k) | _top(rare_counts, k)
    return chosen, rare_counts


def find_sources(
    article: Article, corpus: Corpus, top: int = 5
) -> tuple[list[Candidate], list[str]]:
    """The corpus articles ``article`` may derive from, best first (at most ``top``), and the
    ids of corpus articles with the very same text (left out: nothing tells them apart)."""
    query = passages.sentences(article.text)
    if query.count == 0:
        raise InputError("the article has no sentences of six words or more to trace")
    same_text = _normalized(article.text)
    identical = {i for i, a in enumerate(corpus.articles) if _normalized(a.text) == same_text}
    chosen, rare_counts = preselect(query, corpus, max(MIN_CANDIDATES, 4 * top))
    chosen -= identical
    found = []
    for index in sorted(chosen):
        evidence = passages.evidence(query, corpus.units[index], corpus.idf)
        linked = bool(
            passages.linked(evidence)
            and (
                rare_counts[index] >= corpus.params.min_shared_shingles
                or evidence.coverage >= PARAPHRASE_COVERAGE
            )
        )
        if not evidence.links:
            continue
        found.append(_candidate(article, corpus, index, evidence, int(rare_counts[index]), linked))
    found.sort(key=lambda c: (not (c.linked and c.derives), not c.linked, -c.support, c.id))
    return found[:top], [corpus.ids[i] for i in sorted(identical)]


def _candidate(
    article: Article,
    corpus: Corpus,
    index: int,
    evidence: PassageEvidence,
    rare_shared: int,
    linked: bool,
) -> Candidate:
    """A verified candidate with its direction, decided as a scan decides it."""
    other = corpus.articles[index]
    params = corpus.params
    texts = [article.text, other.text]
    prints = fingerprints(texts, params.shingle_size)
    match = Match(
        a=0,
        b=1,
        shingle_ab=containment(prints[0].shingles, prints[1].shingles),
        shingle_ba=containment(prints[1].shingles, prints[0].shingles),
        terms_ab=containment(prints[0].terms, prints[1].terms),
        terms_ba=containment(prints[1].terms, prints[0].terms),
        cosine=None,
        via="trace",
        passages=evidence,
    )
    edge = decide(
        match,
        [article.published, other.published],
        [len(words(t)) for t in texts],
        ["(traced article)", corpus.ids[index]],
        params,
        outlets=[article.outlet, other.outlet],
        texts=texts,
    )
    derives, because = edge.derived == 0, edge.evidence
    if edge.basis == "length":
        # Length alone is no evidence: the question is what the article derives from.
        derives = True
        because = f"{edge.evidence.split(';')[0]}; undecided, the corpus article is taken as source"
    return Candidate(
        id=corpus.ids[index],
        article=other,
        evidence=evidence,
        support=float(match.support(0)),
        rare_shared=rare_shared,
        linked=linked,
        derives=derives,
        basis=edge.basis,
        direction_evidence=because,
    )


def best_source(candidates: list[Candidate]) -> Candidate | None:
    """The candidate the article is audited against: the best linked one it derives from."""
    return next((c for c in candidates if c.linked and c.derives), None)


# --- rendering ---------------------------------------------------------------------------


def verdict(candidate: Candidate) -> str:
    if not candidate.linked:
        return "not linked (closest)"
    return "source" if candidate.derives else "linked, but looks derived from the article"


def figures(candidate: Candidate) -> str:
    """One line of passage figures."""
    found = candidate.evidence
    aligned = found.aligned_a if found.shorter_is_a else found.aligned_b
    shorter = "article" if found.shorter_is_a else "candidate"
    return (
        f"{aligned} of the {shorter}'s {min(found.sentences_a, found.sentences_b)} sentences "
        f"aligned ({found.coverage:.0%}), longest run in order {found.longest_run}, "
        f"{found.verbatim:.0%} near-verbatim, support {candidate.support:.2f}"
    )


def _name(article: Article, fallback: str) -> str:
    parts = [article.title or fallback]
    parts += [x for x in (article.outlet, str(article.published or "") or None) if x]
    return " · ".join(parts)


def _cut(text: str, width: int) -> str:
    """``text`` on one line (its leading indent kept), cut to ``width`` characters."""
    indent = text[: len(text) - len(text.lstrip(" "))]
    text = indent + _normalized(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def render_text(
    name: str,
    text: str,
    candidates: list[Candidate],
    corpus_size: int,
    identical: list[str],
    width: int = 100,
) -> str:
    """The ranked candidates as plain text (the head of ``trace``'s text output)."""
    best = best_source(candidates)
    lines = [
        f"sourcetrace trace: {name} against {corpus_size} corpus articles",
        (f"source: {best.id}" if best else "no source found in the corpus")
        + f" ({sum(c.linked and c.derives for c in candidates)} linked as sources)",
    ]
    if identical:
        lines.append(f"same text in the corpus (left out): {', '.join(identical)}")
    for rank, c in enumerate(candidates, start=1):
        lines += [
            "",
            _cut(f"{rank}. {c.id}  {verdict(c)}  {_name(c.article, '')}", width),
            _cut(f"   {figures(c)}", width),
            _cut(f"   direction: {c.basis}: {c.direction_evidence}", width),
        ]
        for link in c.evidence.links[:2]:
            lines.append(_cut(f"   article:   {text[link.a.start : link.a.end]}", width))
            lines.append(_cut(f"   candidate: {c.article.text[link.b.start : link.b.end]}", width))
    return "\n".join(lines) + "\n"


def render_markdown(name: str, candidates: list[Candidate], corpus_size: int) -> str:
    """The ranked candidates as a Markdown table."""
    lines = [
        f"# Sources of {name} in the corpus ({corpus_size} articles)",
        "",
        "| # | article | verdict | aligned / run / coverage / verbatim | direction |",
        "|---|---|---|---|---|",
    ]
    for rank, c in enumerate(candidates, start=1):
        found = c.evidence
        aligned = found.aligned_a if found.shorter_is_a else found.aligned_b
        cells = [
            str(rank),
            f"{c.id} ({_name(c.article, '')})",
            verdict(c),
            f"{aligned} / {found.longest_run} / {found.coverage:.0%} / {found.verbatim:.0%}",
            f"{c.basis}: {c.direction_evidence}",
        ]
        lines.append("| " + " | ".join(x.replace("|", "\\|") for x in cells) + " |")
    if not candidates:
        lines.append("| | no candidate shares a passage with the article | | | |")
    return "\n".join(lines) + "\n"


def render_html_section(candidates: list[Candidate], corpus_size: int) -> str:
    """The ranked candidates as an HTML section (escaped; for the report page and the app)."""
    rows = []
    for rank, c in enumerate(candidates, start=1):
        examples = "".join(
            f"<li><q>{html.escape(_cut(c.article.text[x.b.start : x.b.end], 160))}</q></li>"
            for x in c.evidence.links[:2]
        )
        rows.append(
            "<tr>"
            f"<td>{rank}</td><td><b>{html.escape(c.id)}</b><br>"
            f"{html.escape(_name(c.article, ''))}</td>"
            f"<td>{html.escape(verdict(c))}</td><td>{html.escape(figures(c))}"
            f"<ul>{examples}</ul></td>"
            f"<td>{html.escape(c.basis)}: {html.escape(c.direction_evidence)}</td></tr>"
        )
    body = "".join(rows) or (
        '<tr><td colspan="5">No corpus article shares a passage with it.</td></tr>'
    )
    return (
        f'<section class="trace"><h2>Sources in the corpus ({corpus_size} articles)</h2>'
        "<table><thead><tr><th>#</th><th>Corpus article</th><th>Verdict</th>"
        "<th>Passage evidence</th><th>Direction</th></tr></thead>"
        f"<tbody>{body}</tbody></table></section>"
    )


def to_json(
    name: str,
    text: str,
    candidates: list[Candidate],
    corpus_size: int,
    identical: list[str],
    report: dict[str, Any] | None,
) -> dict[str, Any]:
    """The trace as JSON: candidates with evidence, the chosen source and its audit."""
    best = best_source(candidates)
    return {
        "article": name,
        "corpus_articles": corpus_size,
        "identical": identical,
        "source": best.id if best else None,
        "candidates": [c.to_dict(text) for c in candidates],
        "report": report,
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
