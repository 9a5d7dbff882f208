"""Engines that audit pairs in parallel: local processes or a Ray cluster.

An engine takes :class:`AuditTask` objects and yields :class:`Outcome` objects as pairs
finish, in any order; the scanning process alone writes them to the database. Models are
loaded once per worker (a process-pool initializer, or a Ray actor's constructor), never
per pair.

The audit function and the model loader are parameters so that the scan can be driven by
any auditor; the default is :func:`audit_with_check`, the full ``sourcetrace.pipeline.check``.
Both must be module-level functions (they are pickled to the workers).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Protocol

from sourcetrace.errors import SourcetraceError
from sourcetrace.model import Article, Finding, Report

PairResult = dict[str, Any]


class WorkerLost(SourcetraceError):
    """A worker process or actor died; the scan can be resumed."""


AuditFn = Callable[[Article, Article, Any], PairResult]
LoadModels = Callable[[], Any]


@dataclass(frozen=True)
class AuditTask:
    pair_id: int
    source: Article
    derived: Article


@dataclass(frozen=True)
class Outcome:
    """What auditing one pair gave: a result, or the one-line error that stopped it."""

    pair_id: int
    result: PairResult | None
    error: str | None = None


def finding_row(finding: Finding, source: Article, derived: Article) -> dict[str, Any]:
    """A finding as a flat, JSON-ready row (the ``findings`` table's columns)."""
    d, s = finding.derived_span, finding.source_span
    return {
        "kind": finding.kind,
        "severity": finding.severity.value,
        "speaker": finding.speaker,
        "in_quote": finding.in_quote,
        "derived_start": d.start if d else None,
        "derived_end": d.end if d else None,
        "source_start": s.start if s else None,
        "source_end": s.end if s else None,
        "derived_text": d.of(derived) if d else None,
        "source_text": s.of(source) if s else None,
        "reason": finding.reason,
    }


def result_from_report(report: Report, report_json: str | None) -> PairResult:
    """The stored form of a report: finding rows, the worst severity, the faithfulness score
    and the full JSON."""
    source, derived = report.source.article, report.derived.article
    worst = report.worst()
    return {
        "findings": [finding_row(f, source, derived) for f in report.findings],
        "worst": worst.value if worst else None,
        "faithfulness": report.faithfulness,
        "report_json": report_json,
    }


def audit_with_check(source: Article, derived: Article, models: Any) -> PairResult:
    """Audit one pair with the full pipeline and keep its JSON report."""
    import json

    from sourcetrace.pipeline import check
    from sourcetrace.report.json import report_to_dict

    report = check(source, derived, models=models)
    return result_from_report(report, json.dumps(report_to_dict(report), ensure_ascii=False))


def load_default_models() -> Any:
    from sourcetrace.nlp import default_models

    return default_models()


def _safe_audit(audit: AuditFn, models: Any, task: AuditTask) -> Outcome:
    try:
        return Outcome(task.pair_id, audit(task.source, task.derived, models))
    except SourcetraceError as exc:
        return Outcome(task.pair_id, None, str(exc))
    except Exception as exc:
        # One pair the pipeline cannot handle must not end a corpus scan of thousands: the
        # pair is marked failed with this line and the scan goes on.
        return Outcome(task.pair_id, None, f"{type(exc).__name__}: {exc}")


class Engine(Protocol):
    def run(self, tasks: Iterable[AuditTask]) -> Iterator[Outcome]: ...

    def close(self) -> None: ...


# local processes --------------------------------------------------------------------------
_worker: dict[str, Any] = {}


def _init_worker(audit: AuditFn, load_models: LoadModels) -> None:
    _worker["audit"] = audit
    _worker["models"] = load_models()


def _run_in_worker(task: AuditTask) -> Outcome:
    return _safe_audit(_worker["audit"], _worker["models"], task)


class LocalEngine:
    """Audits in this process (``workers == 1``) or in a pool of spawned processes."""

    def __init__(self, workers: int, audit: AuditFn, load_models: LoadModels) -> None:
        if workers < 1:
            raise SourcetraceError("--workers must be at least 1")
        self.workers = workers
        self.audit = audit
        self.load_models = load_models
        self.pool: ProcessPoolExecutor | None = None

    def run(self, tasks: Iterable[AuditTask]) -> Iterator[Outcome]:
        if self.workers == 1:
            models = self.load_models()
            for task in tasks:
                yield _safe_audit(self.audit, models, task)
            return
        # spawn, not fork: the parent holds DuckDB and torch threads, which fork can deadlock.
        self.pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.audit, self.load_models),
        )
        yield from _bounded(self.pool, iter(tasks), 2 * self.workers)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _bounded(
    pool: ProcessPoolExecutor, tasks: Iterator[AuditTask], limit: int
) -> Iterator[Outcome]:
    """Keep at most ``limit`` tasks in flight, so texts are not all queued at once."""
    in_flight: set[Future[Outcome]] = set()
    try:
        for task in tasks:
            in_flight.add(pool.submit(_run_in_worker, task))
            if len(in_flight) >= limit:
                finished, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield future.result()
        while in_flight:
            finished, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in finished:
                yield future.result()
    except BrokenProcessPool as exc:
        raise WorkerLost(
            "a worker process died (out of memory?); finished pairs are saved: "
            "rerun the same command to resume"
        ) from exc


# Ray ---------------------------------------------------------------------------------------
class _AuditActor:
    """Holds the models of one Ray worker for its whole life."""

    def __init__(self, audit: AuditFn, load_models: LoadModels) -> None:
        self.audit = audit
        self.models = load_models()

    def audit_task(self, task: AuditTask) -> Outcome:
        return _safe_audit(self.audit, self.models, task)


class RayEngine:
    """Audits on Ray actors, one per worker, each loading the models once.

    Connects to ``address`` when given (an existing cluster), otherwise starts a local
    cluster with ``workers`` CPUs and no dashboard, and shuts it down when closed.
    """

    def __init__(
        self, workers: int, audit: AuditFn, load_models: LoadModels, address: str | None = None
    ) -> None:
        if workers < 1:
            raise SourcetraceError("--workers must be at least 1")
        self.workers = workers
        self.audit = audit
        self.load_models = load_models
        self.address = address
        self.started = False

    def _connect(self) -> Any:
        import ray

        if not ray.is_initialized():
            try:
                if self.address:
                    ray.init(address=self.address, log_to_driver=False)
                else:
                    ray.init(num_cpus=self.workers, include_dashboard=False, log_to_driver=False)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise SourcetraceError(
                    f"cannot start or reach Ray ({self.address or 'local'}): {exc}"
                ) from exc
            self.started = True
        return ray

    def run(self, tasks: Iterable[AuditTask]) -> Iterator[Outcome]:
        ray = self._connect()
        actor_class = ray.remote(num_cpus=1)(_AuditActor)
        actors = [actor_class.remote(self.audit, self.load_models) for _ in range(self.workers)]
        idle = list(actors)
        in_flight: dict[Any, Any] = {}
        pending = iter(tasks)
        exhausted = False
        while True:
            while idle and not exhausted:
                task = next(pending, None)
                if task is None:
                    exhausted = True
                    break
                actor = idle.pop()
                in_flight[actor.audit_task.remote(task)] = actor
            if not in_flight:
                break
            ready, _ = ray.wait(list(in_flight), num_returns=1)
            for ref in ready:
                idle.append(in_flight.pop(ref))
                try:
                    outcome = ray.get(ref)
                except ray.exceptions.RayError as exc:
                    raise WorkerLost(
                        f"a Ray worker failed ({type(exc).__name__}); finished pairs are saved: "
                        "rerun the same command to resume"
                    ) from exc
                yield outcome

    def close(self) -> None:
        if self.started:
            import ray

            ray.shutdown()
            self.started = False


def make_engine(
    kind: str, workers: int, audit: AuditFn, load_models: LoadModels, address: str | None = None
) -> Engine:
    if kind == "local":
        if address:
            raise SourcetraceError("--ray-address needs --engine ray")
        return LocalEngine(workers, audit, load_models)
    if kind == "ray":
        return RayEngine(workers, audit, load_models, address)
    raise SourcetraceError(f"unknown engine {kind!r} (expected local or ray)")
