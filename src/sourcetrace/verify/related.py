"""Related words: when a rewrite's word is the source's word in other clothes.

A paraphrase swaps words for their derivational relatives ("defending" for "defence",
"Western" for "the West") and for near-synonyms ("purchase" for "buy", "colour" for "color").
Such a word brings nothing new, so the addition check should not count it as new. Two tests:

- **Derivational relative**: the same Snowball stem (NLTK's English stemmer: "national" and
  "nation" both stem to "nation"), or stems that agree on all but at most their shorter one's
  last letter, at least :data:`MIN_STEM` letters long ("defend"/"defenc", "west"/"western"),
  when the sentence encoder also finds the two words similar (:data:`RELATIVE_SIMILARITY`).
  The encoder's word is the guard against look-alike stems ("part"/"particular").
- **Near-synonym**: the sentence encoder (MiniLM by default) embeds each word on its own, and
  two common words whose vectors' cosine is at least :data:`SYNONYM_SIMILARITY` are taken as
  near-synonyms.

Embeddings put antonyms close together ("cheap"/"expensive", "buy"/"sell"), since they occur
in the same contexts. The synonym threshold is therefore set above every antonym pair of a
general calibration list (tests/test_related_words.py: 40 synonym pairs and 40 antonym or
unrelated pairs, written for this purpose, nothing taken from any article), and two pairs are
never related whatever the encoder says:

- a word and its negative-prefix form ("able"/"unable", "agree"/"disagree", "legal"/"illegal");
- two verbs of one family in the predicate-strength lexicon (predicates.txt) with different
  strengths ("suggest"/"order"): the predicate check reports those as changes.

Only common words are compared (nouns, verbs, adjectives, adverbs): names and numbers must
match exactly, since "China" and "Japan" embed close together. Word vectors are cached per
encoder for the life of the process.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

import numpy as np

from sourcetrace.lexicons import predicate_scales

# Cosine at or above which two common words are near-synonyms (see the module docstring: above
# every antonym pair of the calibration list, whose highest, "cheap"/"expensive", is 0.80).
SYNONYM_SIMILARITY = 0.82
# Cosine at or above which two words with near-identical stems are derivational relatives.
RELATIVE_SIMILARITY = 0.6
# Shortest stem for the near-identical stem test ("west"/"western").
MIN_STEM = 4
# Negative prefixes of English adjectives and verbs (Quirk et al. 1985, App. I.2).
NEGATIVE_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "non-", "a")
# Parts of speech compared by meaning; everything else must match its source word exactly.
COMMON_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})

# Word vectors per encoder (keyed by the encoder object's id, which the process-wide model
# cache keeps alive) and word.
_VECTORS: dict[tuple[int, str], np.ndarray] = {}


@cache
def _stemmer() -> Any:
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@cache
def stem(word: str) -> str:
    """The Snowball stem of a lower-case word."""
    return str(_stemmer().stem(word.lower()))


def is_common_word(token: Any) -> bool:
    """A spaCy token that may be compared by meaning: a common noun, verb, adjective or adverb
    outside any named entity, not a number."""
    return bool(token.pos_ in COMMON_POS and not token.ent_type_ and not token.like_num)


def opposite(a: str, b: str) -> bool:
    """Whether two lower-case lemmas are known opposites or differently strong predicates."""
    for x, y in ((a, b), (b, a)):
        if any(y == p + x for p in NEGATIVE_PREFIXES):
            return True
    scales = predicate_scales()
    if a in scales and b in scales:
        (family_a, strength_a), (family_b, strength_b) = scales[a], scales[b]
        return family_a == family_b and strength_a != strength_b
    return False


def close_stems(a: str, b: str) -> bool:
    """Stems equal, or agreeing on all but at most the last letter of the shorter one."""
    sa, sb = stem(a), stem(b)
    if sa == sb:
        return True
    shorter = min(len(sa), len(sb))
    common = 0
    for x, y in zip(sa, sb, strict=False):
        if x != y:
            break
        common += 1
    return common >= MIN_STEM and common >= shorter - 1


def vectors(encoder: Any, words: Iterable[str]) -> dict[str, np.ndarray]:
    """Normalised vectors of ``words`` (encoded once per encoder and process)."""
    wanted = sorted({w for w in words if (id(encoder), w) not in _VECTORS})
    if wanted:
        encoded = encoder.encode(wanted, normalize_embeddings=True)
        for word, vector in zip(wanted, encoded, strict=True):
            _VECTORS[(id(encoder), word)] = np.asarray(vector, dtype=np.float32)
    return {w: _VECTORS[(id(encoder), w)] for w in words}


def similarity(encoder: Any, a: str, b: str) -> float:
    """Cosine of two words' vectors."""
    found = vectors(encoder, (a, b))
    return float(found[a] @ found[b])


def related_word(encoder: Any, word: str, candidates: Sequence[str]) -> str | None:
    """A candidate that is ``word``'s derivational relative or near-synonym, else None.

    ``word`` and ``candidates`` are lower-case lemmas of common words. Without an encoder only
    equal Snowball stems count.
    """
    pool = [c for c in candidates if c != word and not opposite(word, c)]
    if not pool:
        return None
    for candidate in pool:
        if stem(candidate) == stem(word):
            return candidate
    if encoder is None:
        return None
    found = vectors(encoder, [word, *pool])
    best, best_score = None, -1.0
    for candidate in pool:
        score = float(found[word] @ found[candidate])
        needed = RELATIVE_SIMILARITY if close_stems(word, candidate) else SYNONYM_SIMILARITY
        if score >= needed and score > best_score:
            best, best_score = candidate, score
    return best
