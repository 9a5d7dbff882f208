"""Passage evidence: which sentences two texts of a corpus share, and in which order.

Real copies share passages, not whole documents: an excerpt stops after a few paragraphs, a
wire story sits among menus, captions and teasers, a rewrite keeps the sentence order but
swaps words, a copy adds paragraphs of context. Whole-document overlap scores are diluted by
all of that; what they keep is runs of sentences that match, in the same order. Independent
articles on the same event share names, numbers and facts, but not such runs (the decision
that Churnalism and passim make on shared passages).

How sentences are matched. The pair audit's aligner (:mod:`sourcetrace.align`) needs spaCy
parses of both texts and transformer sentence embeddings, a fraction of a second per article;
a scan verifies tens of thousands of candidate pairs. So this module is a fast approximation
of its lexical half: sentences come from a regular expression, each sentence is a set of
stemmed content words (NLTK's Porter stemmer, spaCy's stop-word list), a sentence of one
text aligns to the sentence of the other that holds most of its idf-weighted content words
(the aligner's containment score), and word triples measure how verbatim an aligned sentence
is. Everything per article is computed once; a pair costs two small dense matrix products.
The embedding half is left to candidate generation (embedding neighbours): a reworded
sentence keeps its names, numbers and most nouns, which is what this score weighs.
"""

from __future__ import annotations

import itertools
import math
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from sourcetrace.model import PassageEvidence, PassageLink, Span

# Changes whenever :func:`sentences` computes other features: stored ones are then recomputed.
FEATURES_VERSION = "2"  # 2: prose and figure flags
WORD = re.compile(r"\w+", re.UNICODE)
# A sentence ends at . ! ? or an ellipsis, optionally followed by closing quotes or brackets,
# before white space and an upper-case letter, digit or opening quote.
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
# Lines with fewer words are menus, bylines, "Advertisement", headings: not sentences.
MIN_SENTENCE_WORDS = 6
# A sentence aligns to the other text's sentence that holds this share of its (idf-weighted)
# content words, with at least MIN_SHARED_TERMS of them. The aligner's lexical support is
# 0.5 as well (sourcetrace.align.LEXICAL_SUPPORT).
ALIGN_SCORE = 0.5
MIN_SHARED_TERMS = 3
# A strong link also shares a pair of adjacent content words that few documents of the
# corpus have (RARE_DF, or RARE_SHARE of the corpus when larger): a name, a figure with its
# unit. Articles written to one pattern share sentence shapes, not such specifics. And the
# two sentences share two thirds of their names and numbers (_same_specifics): a sentence
# written to the same pattern about other people, places or figures is no copy.
RARE_DF = 8
RARE_SHARE = 0.005
# An aligned sentence is near-verbatim when this share of its word triples is in its match.
VERBATIM = 0.5
# Runs. A rewrite keeps the order of its source: even where it rewords a sentence heavily,
# the source sentence that shares most words with it comes after the one its previous
# sentence matched. A run is a chain of such in-order matches, each sharing at least
# RUN_SCORE of the sentence's weighted words (half the alignment score: a reworded sentence
# keeps its names and numbers) and MIN_SHARED_TERMS - 1 words. A run may skip RUN_GAP
# sentences of the shorter text; in the longer text it may skip more the more sentences
# the longer text has per sentence of the shorter one (a rewrite that condenses).
RUN_SCORE = 0.25
RUN_GAP = 2
# Linked when the longest run has MIN_RUN sentences with at least MIN_STRONG aligned ones
# among them and covers MIN_COVERAGE of the shorter text, or is LONG_RUN long whatever the
# coverage (a passage copied into a long text).
MIN_RUN = 4
MIN_STRONG = 2
MIN_COVERAGE = 0.25
LONG_RUN = 6
# A text's end lies inside the shared passage when one of its last END_SENTENCES sentences
# (the cut one and the one before it: a cut sentence may keep too few words to match)
# matches in order at the far end of what it shares with the other text.
END_SENTENCES = 2
# How a sentence of prose ends (a heading, teaser, caption or menu line ends otherwise).
PROSE_END = frozenset(".!?…\"'”’)")
# Tails that mark an excerpt ("Read more", "Continue reading", an ellipsis).
EXCERPT_TAIL = re.compile(
    r"(\.\.\.|…|\b(read|continue reading|see) (more|the full (story|article))\b.*)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Sentences:
    """What passage evidence keeps of one text: its content sentences (character spans),
    their stemmed content-word hashes and word-triple hashes (flattened, with the sentence
    each belongs to), and whether the text ends open (an excerpt's cut)."""

    spans: np.ndarray  # (n, 2) start, end
    terms: np.ndarray
    term_rows: np.ndarray
    grams: np.ndarray
    gram_rows: np.ndarray
    ends_open: bool
    quoted: np.ndarray  # bool per sentence: mostly a direct quotation
    pairs: np.ndarray  # hashes of adjacent content-word pairs
    pair_rows: np.ndarray
    digits: np.ndarray  # bool per entry of ``terms``: a number or a name (see _specific_stems)
    # bool per sentence: ends like prose (. ! ? or a closing quote); headings, teasers, menu
    # lines and captions do not. Empty in features stored before the flag existed.
    prose: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    # bool per entry of ``terms``: a figure (starts with a digit). Empty in older features.
    numbers: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))

    @property
    def count(self) -> int:
        return int(self.spans.shape[0])


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    # spaCy's English stop-word list: a maintained general resource.
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer().stem(word)


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=400_000)
def _hash(text: str) -> int:
    # crc32, not hash(): stable across processes (resumed and distributed scans agree).
    return zlib.crc32(text.encode("utf-8"))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``: lines, split at sentence ends."""
    spans = []
    for line in _lines(text):
        start = line.start()
        for cut in SENTENCE_END.finditer(line.group()):
            spans.append((start, line.start() + cut.start()))
            start = line.start() + cut.end()
        spans.append((start, line.end()))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _lines(text: str) -> list[re.Match[str]]:
    """Lines of ``text``, a line broken mid-sentence joined to the next (wrapped text)."""
    return list(re.finditer(r"[^\n]+(?:\n(?<![.!?:\"”’)\]]\n)(?=[a-z])[^\n]+)*", text))


def sentences(text: str) -> Sentences:
    """The content sentences of ``text`` with their word hashes."""
    stop = _stop_words()
    spans: list[tuple[int, int]] = []
    terms: list[int] = []
    term_rows: list[int] = []
    grams: list[int] = []
    gram_rows: list[int] = []
    quoted: list[bool] = []
    bigrams: list[int] = []
    bigram_rows: list[int] = []
    digits: list[bool] = []
    prose: list[bool] = []
    numbers: list[bool] = []
    for start, end in sentence_spans(text):
        cased = WORD.findall(text[start:end])
        tokens = [t.lower() for t in cased]
        if len(tokens) < MIN_SENTENCE_WORDS:
            continue
        row = len(spans)
        spans.append((start, end))
        quoted.append(is_quote(text[start:end]))
        prose.append(text[start:end].rstrip()[-1] in PROSE_END)
        stems = [_stem(t) for t in tokens if t not in stop and (len(t) > 1 or t.isdigit())]
        named = _specific_stems(cased, stop)
        figures = {_hash(item) for item in stems if item[0].isdigit()}
        content = {_hash(item): item in named for item in stems}
        numbers.extend(key in figures for key in content)
        # Pairs of adjacent content words: a pair ("yara ferreira", "31 percent") is
        # specific to a story where its words alone are not.
        pairs = {_hash(f"{x} {y}") for x, y in itertools.pairwise(stems)}
        bigrams.extend(pairs)
        bigram_rows.extend([row] * len(pairs))
        terms.extend(content)
        digits.extend(content.values())
        term_rows.extend([row] * len(content))
        triples = {_hash(" ".join(tokens[i : i + 3])) for i in range(len(tokens) - 2)}
        grams.extend(triples)
        gram_rows.extend([row] * len(triples))
    return Sentences(
        spans=np.asarray(spans, dtype=np.int64).reshape(-1, 2),
        terms=np.asarray(terms, dtype=np.uint32),
        term_rows=np.asarray(term_rows, dtype=np.int32),
        grams=np.asarray(grams, dtype=np.uint32),
        gram_rows=np.asarray(gram_rows, dtype=np.int32),
        ends_open=_ends_open(text),
        quoted=np.asarray(quoted, dtype=bool),
        pairs=np.asarray(bigrams, dtype=np.uint32),
        pair_rows=np.asarray(bigram_rows, dtype=np.int32),
        digits=np.asarray(digits, dtype=bool),
        prose=np.asarray(prose, dtype=bool),
        numbers=np.asarray(numbers, dtype=bool),
    )


def _specific_stems(cased: list[str], stop: frozenset[str]) -> set[str]:
    """Stems of the words that name one story's specifics: numbers, and capitalised words
    (a sentence's first word only when it is no stop word: "The" is not a name)."""
    named = set()
    for position, token in enumerate(cased):
        lower = token.lower()
        if lower in stop or (len(token) < 2 and not token.isdigit()):
            continue
        if token[0].isdigit() or (token[0].isupper() and (position > 0 or lower not in stop)):
            named.add(_stem(lower))
    return named


QUOTED = re.compile(r"[“\"«„][^”\"»“]*[”\"»]?")


def is_quote(sentence: str) -> bool:
    """Whether a sentence is mostly a direct quotation (half its characters in quotes)."""
    inside = sum(len(m.group()) for m in QUOTED.finditer(sentence))
    return inside >= 0.5 * len(sentence.strip())


def _ends_open(text: str) -> bool:
    """Whether the text stops like an excerpt: a tail such as "Read more" or an ellipsis, or
    a last line of several words with no final punctuation."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines:
        return False
    last = lines[-1]
    if EXCERPT_TAIL.search(last):
        return True
    return len(WORD.findall(last)) >= MIN_SENTENCE_WORDS and last[-1] not in ".!?\"'”’)]:"


@dataclass(frozen=True)
class Idf:
    """Inverse document frequency of stemmed content words over a corpus."""

    vocabulary: np.ndarray
    weights: np.ndarray
    # Word pairs found in at most rare_df documents (sorted hashes).
    rare_pairs: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint32))

    @classmethod
    def of(cls, docs: Sequence[Sentences]) -> Idf:
        vocabulary, df = _document_frequency([d.terms for d in docs])
        weights = np.log((len(docs) + 1) / (df + 1.0)) + 1.0
        pairs, pair_df = _document_frequency([d.pairs for d in docs])
        rare_df = max(RARE_DF, math.ceil(RARE_SHARE * len(docs)))
        return cls(vocabulary, weights.astype(np.float32), pairs[pair_df <= rare_df])

    def rare(self, pairs: np.ndarray) -> np.ndarray:
        """Which word pairs are rare in the corpus (unknown ones are)."""
        if self.rare_pairs.size == 0:
            return (
                np.ones(pairs.size, dtype=bool)
                if not self.vocabulary.size
                else np.zeros(pairs.size, dtype=bool)
            )
        index = np.minimum(np.searchsorted(self.rare_pairs, pairs), self.rare_pairs.size - 1)
        return self.rare_pairs[index] == pairs

    def lookup(self, terms: np.ndarray) -> np.ndarray:
        if terms.size == 0 or self.vocabulary.size == 0:
            return np.ones(terms.size, dtype=np.float32)
        index = np.minimum(np.searchsorted(self.vocabulary, terms), self.vocabulary.size - 1)
        found = self.vocabulary[index] == terms
        # A word no document of the corpus had (a text compared from outside it) is as rare
        # as a word of one document.
        rare = math.log((self.vocabulary.size + 1) / 2.0) + 1.0
        return np.where(found, self.weights[index], rare).astype(np.float32)


def _document_frequency(items: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    per_doc = [np.unique(x) for x in items]
    values = np.concatenate(per_doc) if per_doc else np.zeros(0, dtype=np.uint32)
    return np.unique(values, return_counts=True)


def _common(
    rows_a: np.ndarray,
    items_a: np.ndarray,
    n_a: int,
    rows_b: np.ndarray,
    items_b: np.ndarray,
    n_b: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Dense sentence x item indicator matrices of two texts over the items both have, and
    those items (sorted). Items are unique within a sentence. Small dense
    matrices over the common items only: a pair of articles shares a few hundred items at
    most, and dense products of that size cost less than building sparse matrices."""
    # One sort of both texts' items: ids into their union, then the ids both texts have.
    union, ids = np.unique(np.concatenate([items_a, items_b]), return_inverse=True)
    ids = ids.ravel()
    ids_a, ids_b = ids[: items_a.size], ids[items_a.size :]
    has_a = np.zeros(ids.size and int(ids.max()) + 1, dtype=bool)
    has_b = has_a.copy()
    has_a[ids_a] = True
    has_b[ids_b] = True
    common = has_a & has_b
    column = np.cumsum(common) - 1
    in_a, in_b = common[ids_a], common[ids_b]
    width = int(common.sum())
    a = np.zeros((n_a, width), dtype=np.float32)
    b = np.zeros((n_b, width), dtype=np.float32)
    a[rows_a[in_a], column[ids_a[in_a]]] = 1.0
    b[rows_b[in_b], column[ids_b[in_b]]] = 1.0
    return a, b, union[common]


def _shared(
    rows_a: np.ndarray,
    items_a: np.ndarray,
    n_a: int,
    rows_b: np.ndarray,
    items_b: np.ndarray,
    n_b: int,
) -> np.ndarray:
    """Per sentence pair: how many items the two sentences share."""
    a, b, _ = _common(rows_a, items_a, n_a, rows_b, items_b, n_b)
    return a @ b.T


@dataclass(frozen=True)
class _Side:
    """One text's sentences against the other text's."""

    best: np.ndarray  # best matching sentence of the other text, per sentence
    score: np.ndarray  # its containment score
    shared: np.ndarray  # content words shared with it
    aligned: np.ndarray  # bool: a strong match
    verbatim: np.ndarray  # word-triple containment in the best match
    original: np.ndarray  # neither sentence is a quotation

    def run(self, spread: float) -> tuple[int, int, np.ndarray]:
        """The longest in-order run: its length, its strong links and its members."""
        weak = (self.score >= RUN_SCORE) & (self.shared >= MIN_SHARED_TERMS - 1)
        return longest_run(weak, self.aligned & self.original, self.best, spread)


def _side(
    contain: np.ndarray,
    shared: np.ndarray,
    grams: np.ndarray,
    gram_sizes: np.ndarray,
    quoted: np.ndarray,
    other_quoted: np.ndarray,
    rare_shared: np.ndarray,
) -> _Side:
    """Each sentence's best match in the other text. A quotation matched to a quotation (or
    to the speech it quotes) is no evidence of copying: independent reports quote the same
    words. Such matches may continue a run but are never strong links."""
    rows = np.arange(contain.shape[0])
    best = np.argmax(contain, axis=1)
    score = contain[rows, best]
    common = shared[rows, best]
    aligned = (score >= ALIGN_SCORE) & (common >= MIN_SHARED_TERMS)
    original = ~(quoted | other_quoted[best]) & rare_shared[rows, best]
    with np.errstate(divide="ignore", invalid="ignore"):
        verbatim = np.where(gram_sizes > 0, grams[rows, best] / gram_sizes, 0.0)
    return _Side(best, score, common, aligned, verbatim, original)


def longest_run(
    links: np.ndarray, strong: np.ndarray, best: np.ndarray, spread: float = 1.0
) -> tuple[int, int, np.ndarray]:
    """The longest chain of linked sentences whose matches follow in the same order.

    Between two members the chain may skip up to RUN_GAP sentences of this text and up to
    ``RUN_GAP * spread`` (at least RUN_GAP + 1) of the other. Consecutive sentences that
    match the same sentence (a split sentence, or one sentence broken over lines) count once.
    Returns the chain's length, how many of its members are strong links, and its members.
    """
    reach = max(RUN_GAP + 1, math.ceil((RUN_GAP + 1) * spread))
    length: dict[int, tuple[int, int]] = {}
    previous: dict[int, int] = {}
    for index in np.flatnonzero(links):
        i, j = int(index), int(best[index])
        here = (1, int(strong[i]))
        link_from = -1
        for back in range(i - 1, max(-1, i - RUN_GAP - 2), -1):
            if back not in length:
                continue
            step = j - int(best[back])
            if 0 < step <= reach or (step == 0 and back == i - 1):
                before = length[back]
                candidate = (before[0] + (step > 0), before[1] + int(strong[i] and step > 0))
                if candidate > here:
                    here, link_from = candidate, back
        length[i] = here
        previous[i] = link_from
    if not length:
        return 0, 0, np.zeros(0, dtype=np.int64)
    end = max(length, key=lambda k: (length[k], -k))
    members = [end]
    while previous[members[-1]] >= 0:
        members.append(previous[members[-1]])
    return length[end][0], length[end][1], np.asarray(members[::-1], dtype=np.int64)


def evidence(a: Sentences, b: Sentences, idf: Idf) -> PassageEvidence:
    """Which sentences of ``a`` and ``b`` align, the longest in-order run and coverage."""
    if a.count == 0 or b.count == 0:
        return PassageEvidence(a.count, b.count, 0, 0, 0, 0.0, 0.0)
    weights_a, weights_b = idf.lookup(a.terms), idf.lookup(b.terms)
    ta, tb, common = _common(a.term_rows, a.terms, a.count, b.term_rows, b.terms, b.count)
    shared_terms = (ta @ tb.T).astype(np.float64)
    # the idf of a shared word is the same seen from either side: weigh the columns
    common_weights = idf.lookup(common)
    shared_weight = ((ta * common_weights) @ tb.T).astype(np.float64)
    size_a = np.bincount(a.term_rows, weights=weights_a, minlength=a.count)
    size_b = np.bincount(b.term_rows, weights=weights_b, minlength=b.count)
    # shared_weight sums the idf of the shared words, the same seen from either side
    with np.errstate(divide="ignore", invalid="ignore"):
        contain_ab = np.where(size_a[:, None] > 0, shared_weight / size_a[:, None], 0.0)
        contain_ba = np.where(size_b[None, :] > 0, shared_weight / size_b[None, :], 0.0)
    rare_a = idf.rare(a.pairs)
    rare_pairs = _shared(
        a.pair_rows[rare_a], a.pairs[rare_a], a.count, b.pair_rows, b.pairs, b.count
    )
    rare_shared = (rare_pairs > 0) & _same_specifics(a, b)
    shared_grams = _shared(a.gram_rows, a.grams, a.count, b.gram_rows, b.grams, b.count).astype(
        np.float64
    )
    grams_a = np.bincount(a.gram_rows, minlength=a.count).astype(np.float64)
    grams_b = np.bincount(b.gram_rows, minlength=b.count).astype(np.float64)
    side_a = _side(contain_ab, shared_terms, shared_grams, grams_a, a.quoted, b.quoted, rare_shared)
    side_b = _side(
        contain_ba.T, shared_terms.T, shared_grams.T, grams_b, b.quoted, a.quoted, rare_shared.T
    )
    flip = a.count > b.count
    shorter, other, x, y = (side_b, side_a, b, a) if flip else (side_a, side_b, a, b)
    run, strong, members = shorter.run(y.count / x.count)
    covered = shorter.aligned.copy()
    covered[members] = True
    aligned_rows = np.flatnonzero(covered)
    other_matched = _matched(y.count, shorter.best[aligned_rows]) | other.aligned
    links = _links(x, y, aligned_rows, shorter.best, shorter.score, shorter.verbatim)
    found = PassageEvidence(
        sentences_a=x.count,
        sentences_b=y.count,
        aligned_a=int(covered.sum()),
        aligned_b=int(other.aligned.sum()),
        longest_run=run,
        coverage=float(covered.mean()),
        verbatim=float((shorter.verbatim[aligned_rows] >= VERBATIM).mean()) if links else 0.0,
        links=links,
        run_strong=strong,
        **_layout(x, y, covered, other_matched),
        strong_any_order=_distinct(shorter.best, shorter.aligned & shorter.original)
        if _specifics_spread(x, y, shorter.best, shorter.aligned & shorter.original)
        else 0,
        verbatim_any_order=_distinct(
            shorter.best, shorter.aligned & shorter.original & (shorter.verbatim >= VERBATIM)
        ),
        after_end_a=after_end(shorter, y),
        after_end_b=after_end(other, x),
    )
    return found.flipped() if flip else found


def after_end(side: _Side, other: Sentences) -> int:
    """How many sentences of prose ``other`` has after the match of this text's end, or -1
    when the end lies outside the shared passage: none of its last END_SENTENCES sentences
    matches (a run link) a sentence of ``other`` at or beyond the furthest one its aligned
    sentences reach. A text that covers more of a story than the other stops past the
    shared passage: its last sentences match nothing, or only something earlier."""
    count = side.best.size
    if count == 0:
        return -1
    weak = (side.score >= RUN_SCORE) & (side.shared >= MIN_SHARED_TERMS - 1)
    tail = np.arange(max(0, count - END_SENTENCES), count)
    ends = side.best[tail[weak[tail]]]
    if ends.size == 0:
        return -1
    end = int(ends.max())
    if side.aligned.any() and end < int(side.best[side.aligned].max()):
        return -1
    rest = np.arange(other.count) > end
    if other.prose.size == other.count:
        rest &= other.prose
    return int(rest.sum())


def _same_specifics(a: Sentences, b: Sentences) -> np.ndarray:
    """Per sentence pair: whether they share their specifics (names and numbers). A copied
    sentence keeps them (a rewrite may change one); sentences written to one pattern ("the
    X opened in 1931 and served 511 people", "In Harrowgate, the plan has become the talk of
    the week") have other names and numbers in the same slots. Pairs where either sentence
    has none pass; otherwise two thirds of the smaller set must be shared."""
    if not (a.digits.any() and b.digits.any()):
        return np.ones((a.count, b.count), dtype=bool)
    named_a = np.bincount(a.term_rows, weights=a.digits, minlength=a.count)
    named_b = np.bincount(b.term_rows, weights=b.digits, minlength=b.count)
    shared = _shared(
        a.term_rows[a.digits],
        a.terms[a.digits],
        a.count,
        b.term_rows[b.digits],
        b.terms[b.digits],
        b.count,
    )
    fewer = np.minimum(named_a[:, None], named_b[None, :])
    return (fewer == 0) | ((shared > 0) & (3 * shared >= 2 * fewer))


def _unmatched(units: Sentences, matched: np.ndarray, prose: bool) -> int:
    """How many sentences with no counterpart are prose (``prose``) or other lines; -1 when
    the features carry no prose flags."""
    if units.prose.size != units.count:
        return -1
    return int((~matched & (units.prose == prose)).sum())


def _specifics_spread(x: Sentences, y: Sentences, best: np.ndarray, rows: np.ndarray) -> bool:
    """Whether the flagged sentence pairs share more names and numbers together than the
    best of them alone: two copied sentences tell of two things. Sentences written to one
    pattern about one organisation in one town ("Critics in X argued that the Y ignored the
    library for years", a headline "Y decision on the harbour divides X") share the same
    few names, once per sentence."""
    flagged = np.flatnonzero(rows)
    if flagged.size < 2:
        return False
    shared: list[set[int]] = []
    for i in flagged.tolist():
        mine = x.terms[(x.term_rows == i) & x.digits]
        theirs = y.terms[(y.term_rows == best[i]) & y.digits]
        mine_figures, their_figures = _figures(x, i), _figures(y, int(best[i]))
        if mine_figures and their_figures and not mine_figures & their_figures:
            continue  # a sentence written to one pattern with other figures
        shared.append(set(np.intersect1d(mine, theirs).tolist()))
    if len(shared) < 2:
        return False
    return len(set().union(*shared)) > max(len(item) for item in shared)


def _figures(units: Sentences, row: int) -> frozenset[int]:
    """The figures of one sentence (empty when the features carry no figure flags)."""
    if units.numbers.size != units.terms.size:
        return frozenset()
    return frozenset(units.terms[(units.term_rows == row) & units.numbers].tolist())


def _distinct(best: np.ndarray, rows: np.ndarray) -> int:
    """How many distinct sentences of the other text the flagged sentences match."""
    return int(np.unique(best[rows]).size)


def _matched(count: int, rows: np.ndarray) -> np.ndarray:
    """Flags for ``count`` sentences, set at ``rows``."""
    flags = np.zeros(count, dtype=bool)
    flags[rows] = True
    return flags


def inner_gap(matched: np.ndarray) -> int:
    """The longest block of sentences with no counterpart in the other text (neither the
    match of one of its sentences nor aligned to one), before the last matched one."""
    hits = np.flatnonzero(matched)
    if hits.size == 0:
        return 0
    longest = current = 0
    for flag in matched[: hits[-1]]:
        current = 0 if flag else current + 1
        longest = max(longest, current)
    return longest


def linked(found: PassageEvidence) -> bool:
    """Whether the evidence shows a copied passage (see the module's constants)."""
    run, coverage = found.longest_run, found.coverage
    shorter = min(found.sentences_a, found.sentences_b)
    # A short text (a teaser, a brief) cannot hold a long run: half of it is enough.
    needed = min(MIN_RUN, max(MIN_STRONG, math.ceil(shorter / 2)))
    if found.run_strong >= MIN_STRONG and (
        run >= LONG_RUN or (run >= needed and coverage >= MIN_COVERAGE)
    ):
        return True
    # Passages taken over out of order (a blend of two wire stories, a later write-through
    # with a new lede): MIN_STRONG strong alignments to distinct sentences, one of them
    # near-verbatim. Each shares its names and figures and a rare word pair and neither side
    # is a quotation, so independent reports of one event (same facts, same quoted speech)
    # do not qualify; one shared sentence alone (a stock background line) does not either.
    if found.strong_any_order >= MIN_STRONG and found.verbatim_any_order >= 1:
        return True
    # A brief of one to three sentences, all of them copied near verbatim.
    return 0 < shorter < MIN_RUN and run == shorter and found.verbatim >= VERBATIM


def describe(found: PassageEvidence) -> str:
    """One line: what the evidence says."""
    shorter = min(found.sentences_a, found.sentences_b)
    aligned = found.aligned_a if found.shorter_is_a else found.aligned_b
    return (
        f"{aligned} of the shorter text's {shorter} sentences align to the other "
        f"({found.coverage:.0%}), longest run in order {found.longest_run}, "
        f"{found.verbatim:.0%} of aligned sentences near-verbatim"
    )


# --- translations: sentences aligned by embedding cosine ------------------------------------

# A sentence of one text aligns to its most similar sentence of the other (by a multilingual
# sentence encoder's cosine) at this cosine or above. Multilingual encoders trained on
# parallel sentences (LaBSE, Feng et al. 2022; sentence-transformers' paraphrase-multilingual
# models, Reimers & Gurevych 2020) place a sentence and its translation close, typically
# 0.8 and above, while two sentences of independent reports on one topic sit around 0.3-0.6
# on the same scale; 0.7 lies between (a stricter bar than the pair audit's English
# paraphrase threshold, sourcetrace.align.SEMANTIC_SUPPORT = 0.6, because a translation
# keeps the meaning of each sentence, not just its topic). Not fitted to any article pair.
TRANSLATION_COSINE = 0.7


def similarity_evidence(a: Sentences, b: Sentences, cosine: np.ndarray) -> PassageEvidence:
    """Passage evidence of two texts in different languages from their sentences' cosine
    similarities (``cosine[i, j]``: sentence i of ``a`` and j of ``b``).

    The same figures as :func:`evidence`, with the embedding cosine as each sentence's
    alignment score: each sentence's best match in the other text, aligned at
    TRANSLATION_COSINE or above; the longest run of aligned sentences of the shorter text
    whose matches follow in the same order (:func:`longest_run`, every aligned sentence a
    strong link) and the aligned share of the shorter text. Nothing is verbatim across
    languages, so the out-of-order and brief rules of :func:`linked` never apply: a
    translation is linked by an in-order run.
    """
    if a.count == 0 or b.count == 0:
        return PassageEvidence(a.count, b.count, 0, 0, 0, 0.0, 0.0)
    flip = a.count > b.count
    x, y, sims = (b, a, cosine.T) if flip else (a, b, cosine)
    best_x, score_x = np.argmax(sims, axis=1), sims.max(axis=1)
    score_y = sims.max(axis=0)
    aligned_x, aligned_y = score_x >= TRANSLATION_COSINE, score_y >= TRANSLATION_COSINE
    run, strong, _ = longest_run(aligned_x, aligned_x, best_x, y.count / x.count)
    rows = np.flatnonzero(aligned_x)
    other_matched = _matched(y.count, best_x[rows]) | aligned_y
    found = PassageEvidence(
        sentences_a=x.count,
        sentences_b=y.count,
        aligned_a=int(aligned_x.sum()),
        aligned_b=int(aligned_y.sum()),
        longest_run=run,
        coverage=float(aligned_x.mean()),
        verbatim=0.0,
        links=_links(x, y, rows, best_x, score_x, np.zeros_like(score_x)),
        run_strong=strong,
        **_layout(x, y, aligned_x, other_matched),
    )
    return found.flipped() if flip else found


def _links(
    x: Sentences,
    y: Sentences,
    rows: np.ndarray,
    best: np.ndarray,
    score: np.ndarray,
    verbatim: np.ndarray,
) -> tuple[PassageLink, ...]:
    """The aligned sentences ``rows`` of ``x``, each with its best match in ``y``."""
    return tuple(
        PassageLink(
            Span(int(x.spans[i, 0]), int(x.spans[i, 1])),
            Span(int(y.spans[best[i], 0]), int(y.spans[best[i], 1])),
            round(float(score[i]), 3),
            round(float(verbatim[i]), 3),
        )
        for i in rows
    )


def _layout(
    x: Sentences, y: Sentences, matched_x: np.ndarray, matched_y: np.ndarray
) -> dict[str, Any]:
    """The PassageEvidence fields that say where each text's unmatched material lies."""
    return {
        "truncated_a": x.ends_open,
        "truncated_b": y.ends_open,
        "inner_gap_a": inner_gap(matched_x),
        "inner_gap_b": inner_gap(matched_y),
        "unmatched_prose_a": _unmatched(x, matched_x, prose=True),
        "unmatched_prose_b": _unmatched(y, matched_y, prose=True),
        "unmatched_lines_a": _unmatched(x, matched_x, prose=False),
        "unmatched_lines_b": _unmatched(y, matched_y, prose=False),
    }
