"""The speed-ups change no result: caches, memos and batching give the same findings.

Each test compares the fast path with the plain computation it replaces, on the demo pair
(and the seed pair when ../shared is present), so a cache that went stale or a memo keyed too
loosely would show up here as a changed finding or alignment.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import sourcetrace.lexical as lexical
from sourcetrace.lexicons import canonical_entities, entity_aliases

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def _pairs() -> list[tuple[Path, Path]]:
    pairs = [(ROOT / "examples" / "source.txt", ROOT / "examples" / "derived.txt")]
    if (SEEDS / "000_229fa39127546c3a.txt").exists():
        pairs.append((SEEDS / "000_229fa39127546c3a.txt", SEEDS / "002_2818d438f6899523.txt"))
    return pairs


def _fresh_check(source: Path, derived: Path) -> Any:
    """A check with the parse and embedding caches emptied first (a never-seen pair)."""
    from sourcetrace.align import EMBEDDINGS
    from sourcetrace.pipeline import PARSES, check

    PARSES.clear()
    EMBEDDINGS.clear()
    return check(source, derived)


def _outcome(report: Any) -> tuple[str, str]:
    return repr(report.findings), repr(report.alignments)


@pytest.mark.parametrize("pair", _pairs(), ids=lambda p: p[0].name)
def test_findings_are_the_same_without_the_content_key_memo(
    pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _outcome(_fresh_check(*pair))
    monkeypatch.setattr(lexical, "_memo", lambda parsed, name: None)
    plain = _outcome(_fresh_check(*pair))
    assert fast == plain


@pytest.mark.parametrize("pair", _pairs(), ids=lambda p: p[0].name)
def test_a_second_check_of_the_same_texts_reuses_caches_and_agrees(
    pair: tuple[Path, Path],
) -> None:
    from sourcetrace.pipeline import check

    first = _fresh_check(*pair)
    again = check(*pair)  # parse, content keys and sentence vectors all cached now
    assert again.source.parsed is first.source.parsed
    assert _outcome(again) == _outcome(first)


def test_content_keys_memo_hands_out_copies() -> None:
    from sourcetrace.align import alignable

    report = _fresh_check(*_pairs()[0])
    document = report.derived
    segment = alignable(document)[0]
    keys = lexical.content_keys(document, segment.span)
    assert keys
    keys.append("tampered")
    assert "tampered" not in lexical.content_keys(document, segment.span)
    plain = lexical.keys_of(
        t for t in lexical.tokens_in(document, segment.span) if lexical.is_content(t)
    )
    assert lexical.content_keys(document, segment.span) == plain


def test_canonical_entities_are_the_alias_tables_values() -> None:
    assert canonical_entities() == frozenset(entity_aliases().values())


def test_a_sentence_vector_does_not_depend_on_its_batch() -> None:
    """What lets the embedding cache reuse a vector computed beside other sentences."""
    from sourcetrace.align import alignable
    from sourcetrace.nlp import default_models

    report = _fresh_check(*_pairs()[0])
    encoder = default_models().encoder
    texts = [s.span.of(report.source.article) for s in alignable(report.source)]
    texts += [s.span.of(report.derived.article) for s in alignable(report.derived)]
    batched = encoder.encode(texts, batch_size=8)
    alone = np.stack([encoder.encode([text], batch_size=1)[0] for text in texts])
    assert np.array_equal(batched, alone)


class _CountingEncoder:
    """A stand-in encoder: a fixed vector per text, counting the texts it was asked for."""

    name = "counting"

    def __init__(self) -> None:
        self.seen: list[str] = []
        self._lock = threading.Lock()

    def encode(self, sentences: list[str], batch_size: int = 8, **_: Any) -> np.ndarray:
        with self._lock:
            self.seen.extend(sentences)
        return np.array([[len(s), sum(map(ord, s)) % 97, 1.0] for s in sentences])


def test_the_embedding_cache_is_safe_across_threads() -> None:
    from sourcetrace.align import EmbeddingCache

    cache, encoder = EmbeddingCache(size=50), _CountingEncoder()
    texts = [f"Fictional sentence number {i} about the harbour." for i in range(80)]
    expected = encoder.encode(texts)
    results: list[np.ndarray] = []
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for start in range(0, 80, 10):
                chosen = texts[(start + offset) % 80 :][:10]
                rows = cache.encode(encoder, chosen)
                first = texts.index(chosen[0])
                results.append(rows - expected[first : first + len(chosen)])
        except BaseException as exc:  # reported by the assertion below, in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i * 7,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert all(not np.any(diff) for diff in results)
    assert len(cache._vectors) <= 50
