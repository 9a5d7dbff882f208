"""Align every derived segment to the source segment(s) it comes from.

Two kinds of evidence, combined into one score in [0, 1]:

- lexical: the idf-weighted share of the derived segment's content words that the source
  segment contains (a rewrite keeps the rare words: names, numbers, key nouns), blended with
  rapidfuzz's token-set ratio over the same words;
- semantic: cosine similarity of all-MiniLM-L6-v2 sentence embeddings (paraphrase).

A derived segment aligns to its best source segment when the combined score clears
:data:`SUPPORT_THRESHOLD`; further source segments join (many-to-one: a derived sentence that
merges several source sentences) when they score close to the best and add content words the
best one lacks. Any number of derived segments may use the same source segment (one-to-many).
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from sourcetrace.lexical import content_keys
from sourcetrace.model import Alignment, Document, Evidence, Segment, Span, cover
from sourcetrace.textnorm import fold

# all-MiniLM-L6-v2 cosines: unrelated news sentences on one topic sit around 0.2-0.4,
# paraphrases above 0.6 (Reimers & Gurevych 2019 report STS-B correlations on this scale).
SEMANTIC_SUPPORT = 0.6
# Half of the derived sentence's (idf-weighted) content words found in one source sentence.
LEXICAL_SUPPORT = 0.5
# The combined score (mean of the two) a derived segment needs to count as supported.
SUPPORT_THRESHOLD = 0.45
# A second source segment joins when it scores at least this share of the best...
SECONDARY_RATIO = 0.75
# ...and contributes at least this many content words the others lack.
SECONDARY_NEW_WORDS = 2
MAX_SOURCES = 3
# Score bonus for a source segment by the speaker the derived segment names (tie-breaker).
SPEAKER_BONUS = 0.04
# How many candidate source segments each alignment keeps as evidence.
CANDIDATES = 5


@dataclass
class _Units:
    segments: list[Segment]
    keys: list[list[str]]
    texts: list[str]


def alignable(document: Document) -> list[Segment]:
    """Segments that carry claims: sentences and the title, never boilerplate or headings."""
    return [s for s in document.segments if s.is_content]


def claim_span(document: Document, segment: Segment) -> Span:
    """The part of a segment that carries its claim: without "X, role, said" or "According to X".

    Attribution frames at the start or end of a sentence are cut off, so that a rewrite's
    "Oleg Ivanov, vice-rector of research at the Academy, said ..." is compared by what was
    said, not by who said it (that is the misattribution check's business).
    """
    attribution = document.attribution_at(segment.span)
    span = segment.span
    if attribution is None or attribution.frame not in {"reported", "quoted"}:
        return span
    parts = [p for p in (attribution.cue_span, attribution.speaker_span) if p is not None]
    parts = [p for p in parts if span.contains(p)]
    if not parts:
        return span
    frame = cover(parts)
    text = document.text
    if not text[span.start : frame.start].strip(' ,;:–—-\n"“”‘’'):
        start = frame.end
        return Span(start, span.end) if span.end - start > 10 else span
    if not text[frame.end : span.end].strip(' ,;:.!?–—-\n"“”‘’'):
        return Span(span.start, frame.start) if frame.start - span.start > 10 else span
    return span


def _units(document: Document) -> _Units:
    segments = alignable(document)
    claims = [claim_span(document, s) for s in segments]
    keys = [content_keys(document, c) for c in claims]
    return _Units(segments, keys, [c.of(document.article) for c in claims])


def _speaker_prior(source: Document, derived: Document, src: _Units, der: _Units) -> np.ndarray:
    """A small bonus for source segments by the speaker the derived segment names.

    Rewrites mostly keep who said what, so between two near-equal matches the one by the
    named speaker is the likelier origin; the bonus is too small to outweigh real evidence,
    which is what lets the misattribution check see a wrong speaker.
    """
    bonus = np.zeros((len(der.segments), len(src.segments)))
    source_speakers = []
    for segment in src.segments:
        attribution = source.attribution_at(segment.span)
        source_speakers.append(attribution.speaker if attribution else None)
    for i, segment in enumerate(der.segments):
        attribution = derived.attribution_at(segment.span)
        speaker = attribution.speaker if attribution else None
        if speaker is None or speaker.kind == "outlet":
            continue
        for j, other in enumerate(source_speakers):
            if speaker.same_as(other):
                bonus[i, j] = SPEAKER_BONUS
    return bonus


def _idf(*unit_lists: _Units) -> dict[str, float]:
    frequency: Counter[str] = Counter()
    total = 0
    for units in unit_lists:
        for keys in units.keys:
            frequency.update(set(keys))
            total += 1
    return {k: math.log((1 + total) / (1 + df)) + 1.0 for k, df in frequency.items()}


def lexical_matrix(derived: _Units, source: _Units, idf: dict[str, float]) -> np.ndarray:
    """Derived x source lexical support: idf-weighted containment blended with token-set ratio."""
    containment = np.zeros((len(derived.keys), len(source.keys)))
    source_sets = [set(keys) for keys in source.keys]
    for i, keys in enumerate(derived.keys):
        unique = set(keys)
        weight = sum(idf.get(k, 1.0) for k in unique)
        if not weight:
            continue
        for j, other in enumerate(source_sets):
            containment[i, j] = sum(idf.get(k, 1.0) for k in unique & other) / weight
    ratio = cdist(
        [" ".join(k) for k in derived.keys],
        [" ".join(k) for k in source.keys],
        scorer=fuzz.token_set_ratio,
        dtype=np.float64,
    )
    return 0.7 * containment + 0.3 * (ratio / 100.0)


class EmbeddingCache:
    """Sentence embeddings by (encoder, text), least recently used dropped past ``size``.

    Encoding is the costliest step of a check; in corpus scans and the web app the same
    article meets many partners, so its sentences are encoded once per process.
    """

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self._vectors: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        # Guards the dictionary only (the encoder runs outside it): the web app and corpus
        # scans may check pairs in several threads at once.
        self._lock = threading.Lock()

    def encode(self, encoder: Any, texts: list[str]) -> np.ndarray:
        """One row per text, in order; each distinct text not cached is encoded once.

        A text's vector does not depend on the texts encoded with it (ONNX fp32: measured
        bit-identical for MiniLM at batch sizes 1 to 128; int8 runs each text alone), so the
        cache never changes a result.
        """
        # An encoder is named by its class and model directory (id() alone could be reused by
        # a later encoder once the first is freed).
        identity = f"{type(encoder).__name__}:{getattr(encoder, 'name', id(encoder))}"
        keys = [(identity, text) for text in texts]
        with self._lock:
            found = {key: self._vectors[key] for key in keys if key in self._vectors}
        missing = list(dict.fromkeys(k for k in keys if k not in found))
        if missing:
            vectors = encoder.encode(
                [text for _, text in missing],
                # Measured on MiniLM (2-core CPU, seed pair): batches of 4 to 8 cost the least
                # CPU (sorted by length, little padding); 64 costs twice as much.
                batch_size=8,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            found.update(zip(missing, vectors, strict=True))
        with self._lock:
            for key in dict.fromkeys(keys):
                self._vectors[key] = found[key]
                self._vectors.move_to_end(key)
            while len(self._vectors) > self.size:
                self._vectors.popitem(last=False)
        return np.stack([found[key] for key in keys])

    def clear(self) -> None:
        with self._lock:
            self._vectors.clear()


EMBEDDINGS = EmbeddingCache()


def semantic_matrix(derived: _Units, source: _Units, encoder: Any) -> np.ndarray:
    """Derived x source cosine similarity of sentence embeddings (zeros without an encoder)."""
    if encoder is None or not derived.texts or not source.texts:
        return np.zeros((len(derived.texts), len(source.texts)))
    vectors = EMBEDDINGS.encode(encoder, derived.texts + source.texts)
    d, s = vectors[: len(derived.texts)], vectors[len(derived.texts) :]
    return np.clip(d @ s.T, 0.0, 1.0)


def _evidence(lexical: float, semantic: float) -> Evidence:
    lex, sem = lexical >= LEXICAL_SUPPORT, semantic >= SEMANTIC_SUPPORT
    if lex and sem:
        return "both"
    if lex:
        return "lexical"
    if sem:
        return "semantic"
    return "none"


def combined(lexical: np.ndarray, semantic: np.ndarray, has_encoder: bool) -> np.ndarray:
    """One score per pair; without an encoder the lexical score stands alone."""
    if not has_encoder:
        return lexical
    # Either strong evidence alone is enough to align, so the stronger one weighs more.
    return 0.5 * (lexical + semantic) + 0.25 * np.abs(lexical - semantic)


_NOT_WORD = re.compile(r"[\W_]+")


def word_key(text: str) -> str:
    """The words of ``text``, typography folded and lower case, punctuation and layout left
    out: two passages with equal keys say the same words."""
    return _NOT_WORD.sub(" ", fold(text).lower()).strip()


def _word_key(document: Document, segment: Segment) -> str:
    return word_key(segment.span.of(document.article))


def same_words(
    source: Document, derived: Document, src: _Units, der: _Units
) -> list[tuple[int, int]]:
    """(derived, source) index pairs of segments with the very same words.

    Scores compare claim spans, which depend on how each side's parse reads the attribution
    frame; a sentence copied word for word is the same sentence whatever its parse (a
    paragraph break moved elsewhere can make the parser read "leaders announced they would"
    as a frame on one side only).
    """
    where: dict[str, list[int]] = {}
    for j, segment in enumerate(src.segments):
        key = _word_key(source, segment)
        if key:
            where.setdefault(key, []).append(j)
    return [
        (i, j)
        for i, segment in enumerate(der.segments)
        for j in where.get(_word_key(derived, segment), [])
    ]


# Source segments whose scores differ by less than this are equally good matches.
TIE = 1e-6


def best_match(scores: np.ndarray, expected: float) -> int:
    """The index of the best score; among equal ones (the same sentence twice in the source:
    a repeated line, a headline said again in the body) the one nearest ``expected``, the
    position that follows the previous derived sentence's match (rewrites keep the order),
    not whichever comes first."""
    tied = np.flatnonzero(scores >= scores.max() - TIE)
    return int(min(tied, key=lambda j: (abs(int(j) - expected), int(j))))


def align(source: Document, derived: Document, encoder: Any = None) -> list[Alignment]:
    """One :class:`Alignment` per derived content segment, in text order."""
    src, der = _units(source), _units(derived)
    if not der.segments:
        return []
    if not src.segments:
        return [Alignment(s.span, [], 0.0, 0.0, 0.0, "none") for s in der.segments]
    idf = _idf(src, der)
    lexical = lexical_matrix(der, src, idf)
    semantic = semantic_matrix(der, src, encoder)
    for i, j in same_words(source, derived, src, der):
        lexical[i, j] = semantic[i, j] = 1.0
    ranking = combined(lexical, semantic, encoder is not None)
    ranking = ranking + _speaker_prior(source, derived, src, der)
    score = np.minimum(ranking, 1.0)
    alignments = []
    previous: int | None = None
    for i, segment in enumerate(der.segments):
        expected = (
            previous + 1 if previous is not None else i * len(src.segments) / len(der.segments)
        )
        best = best_match(ranking[i], expected)
        order = [best, *(int(j) for j in np.argsort(-score[i], kind="stable") if j != best)]
        candidates = [(src.segments[j].span, float(score[i, j])) for j in order[:CANDIDATES]]
        if score[i, best] < SUPPORT_THRESHOLD:
            alignments.append(
                Alignment(
                    segment.span,
                    [],
                    float(score[i, best]),
                    float(lexical[i, best]),
                    float(semantic[i, best]),
                    "none",
                    candidates,
                )
            )
            continue
        previous = best
        chosen = [best]
        covered = set(der.keys[i]) & set(src.keys[best])
        for j in order:
            if len(chosen) >= MAX_SOURCES or score[i, j] < SECONDARY_RATIO * score[i, best]:
                break
            if j in chosen or score[i, j] < SUPPORT_THRESHOLD * 0.8:
                continue
            new = (set(der.keys[i]) & set(src.keys[j])) - covered
            if len(new) >= SECONDARY_NEW_WORDS:
                chosen.append(j)
                covered |= new
        spans = [src.segments[j].span for j in chosen]  # best first
        alignments.append(
            Alignment(
                segment.span,
                spans,
                float(score[i, best]),
                float(lexical[i, best]),
                float(semantic[i, best]),
                _evidence(float(lexical[i, best]), float(semantic[i, best])),
                candidates,
            )
        )
    return alignments
