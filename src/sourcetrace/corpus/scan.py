"""Scan a corpus: read, discover derivations, orient them, audit each derived article.

Phases, each resumable (see :mod:`sourcetrace.corpus.store`):

1. read every input into ``articles``;
2. discover verified matches, orient them, pick each derived article's closest source, and
   store pairs, chains and the work list in one transaction;
3. audit the pending pairs on an engine, writing each pair's findings and done-mark in one
   transaction.

Running the same command again on the same ``--out`` continues where it stopped; running a
different command (other inputs or discovery settings) on it is refused.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from sourcetrace.corpus.direction import Edge, chain_path, closest_sources, decide
from sourcetrace.corpus.discover import DiscoveryParams, discover, words
from sourcetrace.corpus.engine import (
    AuditFn,
    AuditTask,
    LoadModels,
    audit_with_check,
    load_default_models,
    make_engine,
)
from sourcetrace.corpus.passages import FEATURES_VERSION, Sentences, sentences
from sourcetrace.corpus.readers import Skips, input_kind, read_inputs
from sourcetrace.corpus.store import ChainRow, PairRow, Store
from sourcetrace.errors import InputError
from sourcetrace.model import Article

SCAN_VERSION = "2"  # 2: passage evidence decides and is stored


class ScanProgress(Protocol):
    """Where a scan reports what it is doing (the CLI shows rich progress bars)."""

    def phase(self, name: str, total: int | None) -> None: ...

    def advance(self, count: int = 1) -> None: ...

    def note(self, message: str) -> None: ...


class QuietProgress:
    """Reports nothing (library use and tests)."""

    def phase(self, name: str, total: int | None) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass

    def note(self, message: str) -> None:
        pass


@dataclass
class ScanSettings:
    """How to scan: the engine, its size, and discovery's parameters."""

    workers: int = 1
    engine: str = "local"
    ray_address: str | None = None
    discovery: DiscoveryParams = field(default_factory=DiscoveryParams)
    # Audit at most this many pending pairs in this run (the rest stay pending for a rerun).
    audit_limit: int | None = None
    # A local sentence-transformers directory replacing MiniLM (discovery and audits). When
    # its model card declares it multilingual, records in other languages are kept.
    encoder: Path | None = None


@dataclass
class ScanSummary:
    """What a scan found and how long its phases took (seconds)."""

    articles: int
    skipped: Skips
    candidates: int
    pairs: int
    audited: int
    failed: int
    findings: int
    chains: int
    timings: dict[str, float]
    resumed: bool


def scan_fingerprint(
    inputs: list[Path], params: DiscoveryParams, encoder: Path | None = None
) -> str:
    """Identifies a scan command: its inputs (path, size, mtime), discovery settings and
    encoder directory (when not the default)."""
    digest = hashlib.sha256(f"v{SCAN_VERSION};{params.as_text()}".encode())
    if encoder is not None:
        digest.update(f"|encoder={encoder.resolve()}".encode())
    for path in inputs:
        resolved = path.resolve()
        files = (
            sorted(p for p in resolved.rglob("*") if p.is_file())
            if resolved.is_dir()
            else [resolved]
        )
        for file in files:
            stat = file.stat()
            digest.update(f"|{file}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def scan(
    inputs: list[Path],
    out: Path,
    settings: ScanSettings | None = None,
    *,
    progress: ScanProgress | None = None,
    audit: AuditFn = audit_with_check,
    load_models: LoadModels = load_default_models,
    load_encoder: Any = None,
) -> ScanSummary:
    """Scan ``inputs`` into the DuckDB file ``out`` (created or resumed)."""
    settings = settings or ScanSettings()
    progress = progress or QuietProgress()
    if not inputs:
        raise InputError("no inputs given")
    for path in inputs:
        input_kind(path)  # a missing or unknown input fails before anything is written
    fingerprint = scan_fingerprint(inputs, settings.discovery, settings.encoder)
    any_language = False
    if settings.encoder is not None:
        from sourcetrace.encoder import describe

        any_language = describe(settings.encoder).multilingual
        load_encoder = load_encoder or partial(_load_encoder, str(settings.encoder))
        if load_models is load_default_models:
            load_models = partial(load_models_with_encoder, str(settings.encoder))
    timings: dict[str, float] = {}
    with Store(out) as store:
        stored = store.get_meta("fingerprint")
        version = store.get_meta("scan_version")
        if stored is not None and version != SCAN_VERSION:
            raise InputError(
                f"{out} holds a scan made by an older sourcetrace (scan format "
                f"{version or '1'}, now {SCAN_VERSION}); use another --out or delete it"
            )
        if stored is not None and stored != fingerprint:
            raise InputError(
                f"{out} holds a scan of other inputs or settings; use another --out or delete it"
            )
        resumed = stored is not None
        store.set_meta("fingerprint", fingerprint)
        store.set_meta("scan_version", SCAN_VERSION)
        skips = Skips()
        started = time.perf_counter()
        if store.get_meta("read") != "1":
            _read_phase(inputs, store, skips, progress, any_language)
        timings["read"] = time.perf_counter() - started
        articles = store.articles()
        if len(articles) < 2:
            raise InputError("the inputs hold fewer than two usable articles; nothing to compare")

        started = time.perf_counter()
        candidates = 0
        if store.get_meta("discovered") != "1":
            candidates = _discover_phase(
                articles, store, settings.discovery, progress, load_encoder, any_language
            )
        timings["discover"] = time.perf_counter() - started

        started = time.perf_counter()
        _audit_phase(articles, store, settings, progress, audit, load_models)
        timings["audit"] = time.perf_counter() - started
        counts = store.counts()
        return ScanSummary(
            articles=counts["articles"],
            skipped=skips,
            candidates=candidates,
            pairs=counts["pairs"],
            audited=counts.get("work_done", 0),
            failed=counts.get("work_failed", 0),
            findings=counts["findings"],
            chains=int(store.query("SELECT count(*) FROM chains WHERE depth >= 2")[0][0]),
            timings=timings,
            resumed=resumed,
        )


def _load_encoder(directory: str) -> Any:
    from sourcetrace.nlp import load_encoder

    return load_encoder(directory)


def load_models_with_encoder(directory: str) -> Any:
    """spaCy and the encoder in ``directory`` (module level: pickled to worker processes)."""
    from sourcetrace.nlp import default_models

    return default_models(directory)


def _read_phase(
    inputs: list[Path],
    store: Store,
    skips: Skips,
    progress: ScanProgress,
    any_language: bool = False,
) -> None:
    progress.phase("reading", None)
    batch: list[tuple[int, str, Article, int]] = []
    for seq, entry in enumerate(read_inputs(inputs, skips, any_language=any_language)):
        batch.append((seq, entry.id, entry.article, len(words(entry.article.text))))
        progress.advance()
        if len(batch) >= 500:
            store.add_articles(batch)
            batch = []
    store.add_articles(batch)
    store.set_meta("read", "1")
    for line in skips.lines():
        progress.note(f"warning: {line}")


def _discover_phase(
    articles: list[tuple[str, Article, int]],
    store: Store,
    params: DiscoveryParams,
    progress: ScanProgress,
    load_encoder: Any,
    multilingual: bool = False,
) -> int:
    ids = [a_id for a_id, _, _ in articles]
    texts = [article.text for _, article, _ in articles]
    steps = ["fingerprints", "lsh", "embeddings", "verify"]
    progress.phase("discovering", len(steps))

    def on_step(name: str) -> None:
        progress.advance()

    units = sentence_features(store, ids, texts)
    found = discover(
        texts,
        params,
        load_encoder=load_encoder,
        on_step=on_step,
        units=units,
        languages=[article.lang for _, article, _ in articles],
        multilingual=multilingual,
    )
    published = [article.published for _, article, _ in articles]
    n_words = [n for _, _, n in articles]
    outlets = [article.outlet for _, article, _ in articles]
    edges = [
        decide(m, published, n_words, ids, params, outlets=outlets, texts=texts)
        for m in found.matches
    ]
    closest = closest_sources(edges)
    pairs, audit, not_audited = _pair_rows(edges, closest, ids)
    chains = _chain_rows(closest, ids)
    store.save_discovery(pairs, chains, audit, not_audited)
    translations = (
        f", {found.translation_candidates} across languages" if found.translation_candidates else ""
    )
    progress.note(
        f"{found.candidates} candidate pairs ({found.lsh_candidates} by MinHash, "
        f"{found.shingle_candidates} by rare shingles, {found.embedding_candidates} by "
        f"embeddings{translations}), {len(edges)} linked by shared passages, "
        f"{len(audit)} to audit"
    )
    return found.candidates


def sentence_features(store: Store, ids: list[str], texts: list[str]) -> list[Sentences]:
    """Each article's sentence features: read back when stored, else computed once and
    stored (``sourcetrace trace`` and a resumed scan read them instead of recomputing)."""
    if store.get_meta("features") != FEATURES_VERSION:
        store.query("DELETE FROM features")  # computed by another version: recompute
    stored = store.features()
    missing = [(a_id, text) for a_id, text in zip(ids, texts, strict=True) if a_id not in stored]
    if missing:
        computed = [(a_id, sentences(text)) for a_id, text in missing]
        store.save_features(computed)
        stored.update(computed)
    store.set_meta("features", FEATURES_VERSION)
    return [stored[a_id] for a_id in ids]


# Why a translation is not audited: every check of the pair audit reads English (spaCy's
# English pipeline, English lexicons of hedges, attribution verbs and polarity), so it would
# report a text in another language as omitted and added throughout.
NOT_AUDITED_TRANSLATION = (
    "not audited: a translation ({languages}); the audit's checks read English only"
)


def _pair_rows(
    edges: list[Edge], closest: dict[int, Edge], ids: list[str]
) -> tuple[list[PairRow], list[int], list[tuple[int, str]]]:
    """Pairs numbered in a stable order (derived id, then source id); the closest-source
    pairs to audit, and those that are not audited with the reason (translations)."""
    chosen = {(e.source, e.derived) for e in closest.values()}
    ordered = sorted(edges, key=lambda e: (ids[e.derived], ids[e.source]))
    rows, audit, not_audited = [], [], []
    for pair_id, edge in enumerate(ordered, start=1):
        shingle_ds, terms_ds = edge.match.contained(edge.derived)
        shingle_sd, terms_sd = edge.match.contained(edge.source)
        role = "closest" if (edge.source, edge.derived) in chosen else "indirect"
        rows.append(
            PairRow(
                pair_id=pair_id,
                source_id=ids[edge.source],
                derived_id=ids[edge.derived],
                role=role,
                found_by=edge.match.via,
                shingles_derived_in_source=shingle_ds,
                shingles_source_in_derived=shingle_sd,
                terms_derived_in_source=terms_ds,
                terms_source_in_derived=terms_sd,
                cosine=edge.match.cosine,
                support=edge.support,
                direction_basis=edge.basis,
                direction_evidence=edge.evidence,
                **passage_fields(edge),
            )
        )
        if role == "closest" and edge.match.languages is not None:
            languages = "/".join(edge.match.languages)
            not_audited.append((pair_id, NOT_AUDITED_TRANSLATION.format(languages=languages)))
        elif role == "closest":
            audit.append(pair_id)
    return rows, audit, not_audited


def passage_fields(edge: Edge) -> dict[str, Any]:
    """The stored passage evidence of an edge, oriented derived -> source."""
    found = edge.match.passages
    if found is None:
        return {}
    if edge.match.a != edge.derived:
        found = found.flipped()
    links = [[x.a.start, x.a.end, x.b.start, x.b.end, x.score, x.verbatim] for x in found.links]
    return {
        "sentences_source": found.sentences_b,
        "sentences_derived": found.sentences_a,
        "aligned_sentences": found.aligned_a if found.shorter_is_a else found.aligned_b,
        "longest_run": found.longest_run,
        "coverage": found.coverage,
        "verbatim": found.verbatim,
        "passages": json.dumps(
            {"shorter": "derived" if found.shorter_is_a else "source", "links": links}
        ),
    }


def _chain_rows(closest: dict[int, Edge], ids: list[str]) -> list[ChainRow]:
    """One row per article that is a source or derived in a closest-source edge."""
    members = set(closest) | {edge.source for edge in closest.values()}
    rows = []
    for article in sorted(members, key=lambda i: ids[i]):
        path = chain_path(article, closest)
        rows.append(
            ChainRow(
                article_id=ids[article],
                source_id=ids[closest[article].source] if article in closest else None,
                root_id=ids[path[0]],
                depth=len(path) - 1,
                path=[ids[i] for i in path],
            )
        )
    return rows


def _audit_phase(
    articles: list[tuple[str, Article, int]],
    store: Store,
    settings: ScanSettings,
    progress: ScanProgress,
    audit: AuditFn,
    load_models: LoadModels,
) -> None:
    pending = store.pending()
    total = int(store.query("SELECT count(*) FROM work WHERE status <> 'not_audited'")[0][0])
    progress.phase("auditing", total)
    progress.advance(total - len(pending))
    if settings.audit_limit is not None:
        pending = pending[: settings.audit_limit]
    if not pending:
        return
    by_id = {a_id: article for a_id, article, _ in articles}

    def tasks() -> Iterator[AuditTask]:
        for pair_id, source_id, derived_id in pending:
            yield AuditTask(pair_id, by_id[source_id], by_id[derived_id])

    engine = make_engine(
        settings.engine, settings.workers, audit, load_models, settings.ray_address
    )
    try:
        for outcome in engine.run(tasks()):
            if outcome.result is not None:
                store.record_result(outcome.pair_id, outcome.result)
            else:
                store.record_failure(outcome.pair_id, outcome.error or "unknown error")
                progress.note(f"warning: pair {outcome.pair_id} failed: {outcome.error}")
            progress.advance()
    finally:
        engine.close()
