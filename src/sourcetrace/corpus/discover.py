"""Candidate discovery: which articles of a corpus were written from which others.

Comparing every pair is quadratic; discovery stays near-linear in the corpus size with three
indexes whose results are merged and then verified:

* MinHash LSH (datasketch) over hashed word shingles finds near-copies;
* a rare-shingle index finds partial copies, whose whole-document similarity is small: pairs
  that share a few word triples which few other articles of the corpus have (a passage);
* embedding neighbours (normalized vectors, top-k cosine by blocked numpy matrix products)
  find paraphrased rewrites that share few shingles but the same content words.

Translations share no words, so none of the above can link them. When the sentence encoder
declares itself multilingual and the corpus holds records of several declared languages,
each article's transformer embedding (the full encoder on its opening, never the static
one: input token vectors of two languages are not comparable) proposes its nearest
neighbours in *other* languages, and those pairs are verified by sentences aligned by
embedding cosine (:func:`.passages.similarity_evidence`) instead of shared words.

Each candidate is verified by passage evidence (:mod:`.passages`): how many sentences of the
shorter text align to the other, and how long the longest run of them in the same order is.
Whole-document containment scores (the share of one article's shingles and content words
found in the other) are kept as figures for the report, not used to decide.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from sourcetrace.corpus import passages as passage_evidence
from sourcetrace.model import PassageEvidence

WORD = re.compile(r"\w+", re.UNICODE)

EmbeddingKind = Literal["static", "transformer", "none"]


@dataclass(frozen=True)
class DiscoveryParams:
    """Knobs of discovery; the defaults are set on the synthetic benchmark corpus
    (benchmarks/bench_corpus.py), never on a particular article pair."""

    shingle_size: int = 3
    num_perm: int = 128
    # Jaccard threshold of the LSH index. Lowish, because a summary of a long source has a
    # small Jaccard similarity with it even when it is fully contained in it.
    lsh_threshold: float = 0.45
    # Rare-shingle index: pairs sharing at least this many word triples that at most
    # ``max_shingle_df`` articles of the corpus contain (so template phrases do not count).
    min_shared_shingles: int = 3
    max_shingle_df: int = 8
    # Embedding neighbours: "static" averages MiniLM's input token vectors weighted by idf
    # (fast enough for 10k articles on a laptop CPU); "transformer" runs the full MiniLM on
    # each article's opening; "none" relies on shingles alone.
    embedding: EmbeddingKind = "static"
    neighbours: int = 10
    min_neighbour_cosine: float = 0.4
    # A candidate that shares no rare word triple (proposed by MinHash or embeddings only)
    # has no copied wording: passages verify it only when the whole texts are this close
    # (a paraphrase). Template-like texts on one topic share sentence shapes, not passages.
    paraphrase_cosine: float = 0.8
    # Whole-document figures kept for the report; this one still names the kind of overlap
    # (copied wording or shared content words) in direction evidence.
    min_shingle_containment: float = 0.5
    transformer_tokens: int = 128

    def as_text(self) -> str:
        """A stable textual form, part of a scan's fingerprint (resume checks it)."""
        return ";".join(f"{k}={v}" for k, v in sorted(vars(self).items()))


@dataclass(frozen=True)
class Fingerprint:
    """What discovery keeps of one article: sorted unique hashes of its word shingles and of
    its content words, and its length in words."""

    shingles: np.ndarray
    terms: np.ndarray
    n_words: int


@dataclass(frozen=True)
class Match:
    """A verified candidate pair ``(a, b)`` (indexes into the corpus, ``a < b``).

    ``shingle_ab`` is the share of a's shingles found in b, ``shingle_ba`` the reverse; the
    same for content words (``terms_*``). ``via`` says which index proposed the pair.
    """

    a: int
    b: int
    shingle_ab: float
    shingle_ba: float
    terms_ab: float
    terms_ba: float
    cosine: float | None
    via: str
    # The passage evidence that verified the pair (a is ``a``); None for a match made by hand.
    passages: PassageEvidence | None = None
    # A translation: the declared languages of ``a`` and ``b`` (they differ); None otherwise.
    languages: tuple[str, str] | None = None

    def contained(self, derived: int) -> tuple[float, float]:
        """(shingle, term) containment of ``derived`` in the other article of the pair."""
        if derived == self.a:
            return self.shingle_ab, self.terms_ab
        return self.shingle_ba, self.terms_ba

    def support(self, derived: int) -> float:
        """How strongly the other article supports ``derived`` as its source: the summed
        alignment scores of the shared sentences per sentence of ``derived``; without passage
        evidence, copied wording or shared content words weighted by similarity."""
        if self.passages is not None:
            found = self.passages
            sentences = found.sentences_a if derived == self.a else found.sentences_b
            return sum(link.score for link in found.links) / max(1, sentences)
        shingle, terms = self.contained(derived)
        return max(shingle, terms * (self.cosine or 0.0))


def _stop_words() -> frozenset[str]:
    # spaCy's English stop-word list: a maintained general resource (no fitting to any text).
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def _hash_strings(strings: Sequence[str]) -> np.ndarray:
    # crc32 rather than Python's hash(): stable across processes, so a resumed or
    # distributed scan computes identical fingerprints.
    hashes = np.fromiter(
        (zlib.crc32(s.encode("utf-8")) for s in strings), dtype=np.uint32, count=len(strings)
    )
    return np.unique(hashes)


def fingerprint(text: str, shingle_size: int, stop_words: frozenset[str]) -> Fingerprint:
    """Hashed word shingles and content words of ``text``."""
    tokens = words(text)
    if len(tokens) >= shingle_size:
        grams = [
            " ".join(tokens[i : i + shingle_size]) for i in range(len(tokens) - shingle_size + 1)
        ]
    else:
        grams = [" ".join(tokens)] if tokens else []
    terms = [t for t in tokens if len(t) > 2 and t not in stop_words]
    return Fingerprint(_hash_strings(grams), _hash_strings(terms), len(tokens))


def fingerprints(texts: Sequence[str], shingle_size: int) -> list[Fingerprint]:
    stop = _stop_words()
    return [fingerprint(text, shingle_size, stop) for text in texts]


def containment(part: np.ndarray, whole: np.ndarray) -> float:
    """Share of ``part``'s hashes that are also in ``whole`` (both sorted and unique)."""
    if part.size == 0:
        return 0.0
    return float(np.intersect1d(part, whole, assume_unique=True).size / part.size)


def _identity(value: Any) -> int:
    return int(value)


def lsh_candidates(
    prints: Sequence[Fingerprint], threshold: float, num_perm: int
) -> set[tuple[int, int]]:
    """Pairs whose shingle sets MinHash LSH puts in a common bucket."""
    from datasketch import MinHash, MinHashLSH

    template = MinHash(num_perm=num_perm, seed=1, hashfunc=_identity)
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sketches = []
    for index, item in enumerate(prints):
        # Shingles are already 32-bit hashes, so the identity hash function avoids hashing twice.
        sketch = MinHash(
            num_perm=num_perm,
            hashfunc=_identity,
            permutations=template.permutations,
            scheme=template.scheme,
        )
        if item.shingles.size:
            sketch.update_batch(item.shingles.tolist())
        sketches.append(sketch)
        lsh.insert(index, sketch)
    pairs: set[tuple[int, int]] = set()
    for index, sketch in enumerate(sketches):
        for other in lsh.query(sketch):
            if other != index:
                pairs.add((min(index, other), max(index, other)))
    return pairs


def rare_shingle_candidates(
    prints: Sequence[Fingerprint], max_df: int, min_shared: int
) -> set[tuple[int, int]]:
    """Pairs that share at least ``min_shared`` word triples found in at most ``max_df``
    articles: a copied passage, however small a share of either article it is.

    One sparse product of the documents x rare-shingles matrix with its transpose; the rare
    columns keep its cost near-linear (each shingle adds at most ``max_df**2`` entries).
    """
    matrix = _incidence([p.shingles for p in prints]).tocsc()
    df = np.diff(matrix.indptr)
    rare = matrix[:, np.flatnonzero((df >= 2) & (df <= max_df))].tocsr()
    shared = (rare @ rare.T).tocoo()
    keep = (shared.row < shared.col) & (shared.data >= min_shared)
    return {(int(a), int(b)) for a, b in zip(shared.row[keep], shared.col[keep], strict=True)}


def static_embeddings(texts: Sequence[str], encoder: Any) -> np.ndarray:
    """One normalized vector per text: the idf-weighted sum of the encoder's input token vectors.

    This skips the transformer layers (the costly part) and keeps the encoder's vocabulary and
    vector space. Stop words and special tokens get no weight and idf weighting lets rare
    content tokens (names, places, topics) dominate, so a reworded copy stays close to its
    source. Counts are a sparse documents x vocabulary matrix, so one product embeds all.
    ``encoder`` is a :class:`sourcetrace.encoder.Encoder`.
    """
    from scipy import sparse

    table = encoder.input_embeddings()
    vocabulary = table.shape[0]
    token_ids = encoder.token_ids(list(texts))
    lengths = np.fromiter((len(ids) for ids in token_ids), dtype=np.int64, count=len(token_ids))
    columns = np.fromiter(
        (i for ids in token_ids for i in ids), dtype=np.int64, count=int(lengths.sum())
    )
    rows = np.repeat(np.arange(len(token_ids)), lengths)
    counts = sparse.csr_matrix(
        (np.ones(columns.size, dtype=np.float32), (rows, columns)),
        shape=(len(token_ids), vocabulary),
    )
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    idf = np.log((len(token_ids) + 1) / (df + 1)) + 1.0
    idf[_ignored_tokens(encoder, vocabulary)] = 0.0
    vectors = np.asarray(counts.multiply(idf.astype(np.float32)).tocsr() @ table, dtype=np.float32)
    return _normalize(vectors)


def _ignored_tokens(encoder: Any, vocabulary: int) -> np.ndarray:
    """Ids of special tokens and of whole-word stop words in the encoder's vocabulary."""
    stop = _stop_words()
    ids = [i for token, i in encoder.vocabulary().items() if token in stop and i < vocabulary]
    ids.extend(i for i in encoder.special_ids() if i < vocabulary)
    return np.asarray(sorted(set(ids)), dtype=np.int64)


def transformer_embeddings(texts: Sequence[str], encoder: Any, max_tokens: int) -> np.ndarray:
    """Normalized sentence embeddings of each text's first ``max_tokens`` tokens."""
    vectors = encoder.encode(
        list(texts), batch_size=32, normalize_embeddings=True, max_tokens=max_tokens
    )
    return np.asarray(vectors, dtype=np.float32)


def _normalize(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def neighbour_candidates(
    vectors: np.ndarray, k: int, min_cosine: float, block: int = 1024
) -> set[tuple[int, int]]:
    """Pairs where one article is among the other's ``k`` most similar (cosine >= min).

    Rows are compared in blocks so memory stays at ``block x n`` floats.
    """
    n = vectors.shape[0]
    pairs: set[tuple[int, int]] = set()
    if n < 2:
        return pairs
    k = min(k, n - 1)
    for start in range(0, n, block):
        stop = min(start + block, n)
        sims = vectors[start:stop] @ vectors.T
        sims[np.arange(stop - start), np.arange(start, stop)] = -np.inf
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for row, columns in enumerate(top):
            index = start + row
            for column in columns:
                if sims[row, column] >= min_cosine:
                    pairs.add((min(index, int(column)), max(index, int(column))))
    return pairs


@dataclass
class Discovery:
    """Everything discovery produced: verified matches and how many candidates it checked."""

    matches: list[Match]
    lsh_candidates: int
    embedding_candidates: int
    candidates: int
    shingle_candidates: int = 0
    translation_candidates: int = 0


def language(code: str | None) -> str:
    """A declared language code reduced to its primary subtag ("fr-CA" -> "fr"); an
    undeclared language is English, as the corpus readers take it."""
    if not code:
        return "en"
    primary = str(code).strip().lower().replace("_", "-").split("-")[0]
    return "en" if primary in ("eng", "english") else primary


def discover(
    texts: Sequence[str],
    params: DiscoveryParams,
    load_encoder: Callable[[], Any] | None = None,
    on_step: Callable[[str], None] | None = None,
    units: Sequence[passage_evidence.Sentences] | None = None,
    languages: Sequence[str | None] | None = None,
    multilingual: bool = False,
) -> Discovery:
    """Find and verify derivation candidates among ``texts`` (directions are decided later).

    ``units`` are the texts' sentence features when already computed (a scan computes them
    once and stores them); otherwise they are computed here for the candidates' articles.
    ``languages`` are the texts' declared language codes; with a ``multilingual`` encoder,
    pairs of different languages are proposed by transformer embeddings and verified by
    sentence embeddings (translations, see the module's description).
    """
    step = on_step or (lambda _name: None)
    step("fingerprints")
    prints = fingerprints(texts, params.shingle_size)
    step("lsh")
    by_lsh = lsh_candidates(prints, params.lsh_threshold, params.num_perm)
    by_shingles = rare_shingle_candidates(prints, params.max_shingle_df, params.min_shared_shingles)
    vectors: np.ndarray | None = None
    by_embedding: set[tuple[int, int]] = set()
    loaded: list[Any] = []

    def encoder_once() -> Any:
        nonlocal load_encoder
        if not loaded:
            if load_encoder is None:
                from sourcetrace.nlp import load_encoder as default_loader

                load_encoder = default_loader
            loaded.append(load_encoder())
        return loaded[0]

    if params.embedding != "none" and len(texts) > 1:
        step("embeddings")
        encoder = encoder_once()
        if params.embedding == "static":
            vectors = static_embeddings(texts, encoder)
        else:
            vectors = transformer_embeddings(texts, encoder, params.transformer_tokens)
        by_embedding = neighbour_candidates(vectors, params.neighbours, params.min_neighbour_cosine)
    step("verify")
    candidates = sorted(by_lsh | by_shingles | by_embedding)
    found_by = {"lsh": by_lsh, "shingles": by_shingles, "embedding": by_embedding}
    matches = verify(candidates, texts, prints, vectors, found_by, params, units)
    codes = [language(code) for code in languages] if languages is not None else []
    translations: list[Match] = []
    by_translation: set[tuple[int, int]] = set()
    if multilingual and len(set(codes)) > 1:
        encoder = encoder_once()
        documents = transformer_embeddings(texts, encoder, params.transformer_tokens)
        linked = {(m.a, m.b) for m in matches}
        by_translation = {
            pair
            for pair in cross_language_candidates(
                documents, codes, params.neighbours, params.min_neighbour_cosine
            )
            if pair not in linked
        }
        translations = verify_translations(
            sorted(by_translation), texts, prints, documents, codes, encoder, units
        )
    return Discovery(
        matches + translations,
        len(by_lsh),
        len(by_embedding),
        len(set(candidates) | by_translation),
        len(by_shingles),
        len(by_translation),
    )


def cross_language_candidates(
    vectors: np.ndarray, codes: Sequence[str], k: int, min_cosine: float, block: int = 1024
) -> set[tuple[int, int]]:
    """Pairs of different languages where one article is among the ``k`` most similar of
    the other's (cosine >= ``min_cosine``) among the articles in other languages."""
    n = vectors.shape[0]
    labels = np.unique(np.asarray(codes), return_inverse=True)[1].ravel()
    pairs: set[tuple[int, int]] = set()
    others = int(n - np.bincount(labels).min()) if n else 0
    if others == 0:
        return pairs
    k = min(k, others)
    for start in range(0, n, block):
        stop = min(start + block, n)
        sims = vectors[start:stop] @ vectors.T
        sims[labels[start:stop, None] == labels[None, :]] = -np.inf
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for row, columns in enumerate(top):
            for column in columns:
                if sims[row, column] >= min_cosine:
                    index = start + row
                    pairs.add((min(index, int(column)), max(index, int(column))))
    return pairs


def sentence_vectors(
    texts: Sequence[str], units: dict[int, passage_evidence.Sentences], encoder: Any
) -> dict[int, np.ndarray]:
    """Normalized embeddings of the content sentences of each article in ``units``, in one
    batched encoder call."""
    members = sorted(units)
    spans = [(i, int(s), int(e)) for i in members for s, e in units[i].spans]
    encoded = np.asarray(
        encoder.encode([texts[i][s:e] for i, s, e in spans], batch_size=64)
        if spans
        else np.zeros((0, 1), dtype=np.float32),
        dtype=np.float32,
    )
    encoded = _normalize(encoded) if encoded.size else encoded
    result, offset = {}, 0
    for i in members:
        count = units[i].count
        result[i] = encoded[offset : offset + count]
        offset += count
    return result


def _sentence_units(
    candidates: Sequence[tuple[int, int]],
    texts: Sequence[str],
    units: Sequence[passage_evidence.Sentences] | None,
) -> dict[int, passage_evidence.Sentences]:
    """The sentences of every article in ``candidates`` (the scan's stored ones when given)."""
    members = sorted({i for pair in candidates for i in pair})
    return {i: passage_evidence.sentences(texts[i]) if units is None else units[i] for i in members}


def _linked(
    candidates: Sequence[tuple[int, int]],
    evidence_of: Callable[[int, int], PassageEvidence],
) -> tuple[list[tuple[int, int]], list[PassageEvidence]]:
    """The candidate pairs whose passage evidence links them, with that evidence."""
    kept: list[tuple[int, int]] = []
    found: list[PassageEvidence] = []
    for a, b in candidates:
        evidence = evidence_of(a, b)
        if passage_evidence.linked(evidence):
            kept.append((a, b))
            found.append(evidence)
    return kept, found


def verify_translations(
    candidates: Sequence[tuple[int, int]],
    texts: Sequence[str],
    prints: Sequence[Fingerprint],
    documents: np.ndarray,
    codes: Sequence[str],
    encoder: Any,
    units: Sequence[passage_evidence.Sentences] | None = None,
) -> list[Match]:
    """Passage evidence by sentence embeddings (:func:`.passages.similarity_evidence`) for
    candidate pairs of different languages; the pairs it links, marked as translations."""
    if not candidates:
        return []
    by_index = _sentence_units(candidates, texts, units)
    vectors = sentence_vectors(texts, by_index, encoder)
    kept, found = _linked(
        [(a, b) for a, b in candidates if vectors[a].size and vectors[b].size],
        lambda a, b: passage_evidence.similarity_evidence(
            by_index[a], by_index[b], vectors[a] @ vectors[b].T
        ),
    )
    if not kept:
        return []
    pairs = np.asarray(kept, dtype=np.int64)
    shingle_ab, shingle_ba = pair_containment([p.shingles for p in prints], pairs)
    terms_ab, terms_ba = pair_containment([p.terms for p in prints], pairs)
    return [
        Match(
            a=a,
            b=b,
            shingle_ab=float(shingle_ab[index]),
            shingle_ba=float(shingle_ba[index]),
            terms_ab=float(terms_ab[index]),
            terms_ba=float(terms_ba[index]),
            cosine=float(documents[a] @ documents[b]),
            via="translation",
            passages=found[index],
            languages=(codes[a], codes[b]),
        )
        for index, (a, b) in enumerate(kept)
    ]


def _incidence(sets: Sequence[np.ndarray]) -> Any:
    """A binary documents x items sparse matrix from per-document sorted unique hashes."""
    from scipy import sparse

    lengths = np.fromiter((a.size for a in sets), dtype=np.int64, count=len(sets))
    values = np.concatenate(sets) if sets else np.zeros(0, dtype=np.uint32)
    universe, columns = np.unique(values, return_inverse=True)
    rows = np.repeat(np.arange(len(sets)), lengths)
    return sparse.csr_matrix(
        (np.ones(values.size, dtype=np.float32), (rows, columns.ravel())),
        shape=(len(sets), max(1, universe.size)),
    )


def _may_link(
    candidates: Sequence[tuple[int, int]],
    units: dict[int, passage_evidence.Sentences],
    idf: passage_evidence.Idf,
) -> list[tuple[int, int]]:
    """The candidates passage evidence may link: a link needs MIN_STRONG strong sentence
    links, each sharing a rare pair of adjacent content words, so two texts that share fewer
    distinct rare pairs cannot link (two strong links sharing one and the same pair, a name
    repeated, and nothing else rare are the exception this gives up), unless one is a brief
    (fewer than MIN_RUN sentences, linked when copied whole). One sparse row-wise product
    instead of a full comparison per pair."""
    members = sorted(units)
    position = {article: row for row, article in enumerate(members)}
    rare = [np.unique(u.pairs[idf.rare(u.pairs)]) for u in (units[i] for i in members)]
    pairs = np.asarray([(position[a], position[b]) for a, b in candidates], dtype=np.int64).reshape(
        -1, 2
    )
    matrix = _incidence(rare)
    shared = np.zeros(len(pairs), dtype=np.float64)
    for start in range(0, len(pairs), 20_000):
        part = pairs[start : start + 20_000]
        product = matrix[part[:, 0]].multiply(matrix[part[:, 1]])
        shared[start : start + len(part)] = np.asarray(product.sum(axis=1)).ravel()
    counts = np.asarray([units[i].count for i in members])
    brief = np.minimum(counts[pairs[:, 0]], counts[pairs[:, 1]]) < passage_evidence.MIN_RUN
    keep = (shared >= passage_evidence.MIN_STRONG) | brief
    return [pair for pair, ok in zip(candidates, keep, strict=True) if ok]


def pair_containment(
    sets: Sequence[np.ndarray], pairs: np.ndarray, chunk: int = 20_000
) -> tuple[np.ndarray, np.ndarray]:
    """For each pair (a, b): the share of a's items in b and of b's items in a.

    Intersections are row-wise products of a sparse incidence matrix, a chunk of pairs at a
    time: hundreds of thousands of candidates verify in seconds, not minutes.
    """
    matrix = _incidence(sets)
    sizes = np.asarray(matrix.getnnz(axis=1), dtype=np.float64)
    shared = np.zeros(len(pairs), dtype=np.float64)
    for start in range(0, len(pairs), chunk):
        part = pairs[start : start + chunk]
        product = matrix[part[:, 0]].multiply(matrix[part[:, 1]])
        shared[start : start + len(part)] = np.asarray(product.sum(axis=1)).ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        ab = np.where(sizes[pairs[:, 0]] > 0, shared / sizes[pairs[:, 0]], 0.0)
        ba = np.where(sizes[pairs[:, 1]] > 0, shared / sizes[pairs[:, 1]], 0.0)
    return ab, ba


def verify(
    candidates: Sequence[tuple[int, int]],
    texts: Sequence[str],
    prints: Sequence[Fingerprint],
    vectors: np.ndarray | None,
    found_by: dict[str, set[tuple[int, int]]],
    params: DiscoveryParams | None = None,
    units: Sequence[passage_evidence.Sentences] | None = None,
) -> list[Match]:
    """Passage evidence for every candidate; the pairs it links, with their figures."""
    params = params or DiscoveryParams()
    if vectors is not None:
        rare = found_by.get("shingles", set())
        candidates = [
            (a, b)
            for a, b in candidates
            if (a, b) in rare or float(vectors[a] @ vectors[b]) >= params.paraphrase_cosine
        ]
    if not candidates:
        return []
    by_index = _sentence_units(candidates, texts, units)
    idf = passage_evidence.Idf.of(list(by_index.values()))
    kept, found = _linked(
        _may_link(candidates, by_index, idf),
        lambda a, b: passage_evidence.evidence(by_index[a], by_index[b], idf),
    )
    if not kept:
        return []
    pairs = np.asarray(kept, dtype=np.int64)
    shingle_ab, shingle_ba = pair_containment([p.shingles for p in prints], pairs)
    terms_ab, terms_ba = pair_containment([p.terms for p in prints], pairs)
    if vectors is not None:
        cosine = np.einsum("ij,ij->i", vectors[pairs[:, 0]], vectors[pairs[:, 1]])
    matches = []
    for index, (a, b) in enumerate(kept):
        via = "+".join(name for name, pairs_of in found_by.items() if (a, b) in pairs_of)
        matches.append(
            Match(
                a=a,
                b=b,
                shingle_ab=float(shingle_ab[index]),
                shingle_ba=float(shingle_ba[index]),
                terms_ab=float(terms_ab[index]),
                terms_ba=float(terms_ba[index]),
                cosine=None if vectors is None else float(cosine[index]),
                via=via,
                passages=found[index],
            )
        )
    return matches
