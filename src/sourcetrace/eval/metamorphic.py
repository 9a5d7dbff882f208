"""``sourcetrace eval --variants``: false alarms on faithful copies.

Each source text gets the meaning-preserving copies of :mod:`sourcetrace.eval.variants`;
``check(source, copy)`` runs on every pair and every major or critical finding is counted as a
false alarm, per variant type and per finding kind, with examples for the Markdown error list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sourcetrace.errors import InputError
from sourcetrace.eval.shared import shared_dir
from sourcetrace.eval.variants import ENTITY_VARIANTS, IDENTITY, VARIANTS, make_variants
from sourcetrace.model import FINDING_KINDS, Finding, Severity

EXAMPLE_CHARS = 400
# Names that stand for the PolNeAR train and dev texts in the shared folder.
POLNEAR_NAMES = frozenset({"polnear", "polnear-train-dev"})


@dataclass(frozen=True)
class VariantAlarm:
    """One major or critical finding on a faithful copy."""

    text: str  # the source file's name
    variant: str
    finding: Finding
    derived_text: str | None
    source_text: str | None


@dataclass
class VariantResult:
    """False alarms over every text and variant type."""

    texts: int = 0
    checks: Counter[str] = field(default_factory=Counter)  # variant -> pairs checked
    alarms: list[VariantAlarm] = field(default_factory=list)

    def by_variant(self) -> dict[str, Counter[str]]:
        """variant -> finding kind -> false alarms."""
        table: dict[str, Counter[str]] = {name: Counter() for name in self.checks}
        for alarm in self.alarms:
            table[alarm.variant][alarm.finding.kind] += 1
        return table

    def texts_hit(self, variant: str) -> int:
        return len({a.text for a in self.alarms if a.variant == variant})

    def total(self, *, entities: bool = True) -> int:
        """Every false alarm on a variant (not the identity control; ``entities=False``:
        without the entity-name variant types either)."""
        return sum(
            1
            for a in self.alarms
            if a.variant != IDENTITY and (entities or a.variant not in ENTITY_VARIANTS)
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "texts": self.texts,
            "false_alarms": self.total(),
            "identity_alarms": sum(1 for a in self.alarms if a.variant == IDENTITY),
            "false_alarms_without_entity_variants": self.total(entities=False),
            "by_variant": {
                name: {
                    "pairs": self.checks[name],
                    "texts_with_alarm": self.texts_hit(name),
                    "false_alarms": sum(kinds.values()),
                    "by_kind": dict(sorted(kinds.items())),
                }
                for name, kinds in self.by_variant().items()
            },
        }


def variant_sources(spec: str | Path) -> list[Path]:
    """The source texts ``--variants`` names: a folder of ``.txt`` files, a PolNeAR folder
    (train and dev texts), or ``polnear`` for the PolNeAR corpus in the shared folder."""
    if str(spec).lower() in POLNEAR_NAMES:
        shared = shared_dir()
        root = shared / "data" / "polnear" if shared else None
        if root is None or not root.is_dir():
            raise InputError(
                "--variants polnear: no shared/data/polnear folder (set SOURCETRACE_SHARED)"
            )
        spec = root
    folder = Path(spec)
    if not folder.is_dir():
        raise InputError(f"--variants {spec}: not a folder of .txt texts (or 'polnear')")
    splits = [folder / split / "text" for split in ("train", "dev")]
    found = [p for split in splits if split.is_dir() for p in split.glob("*.txt")]
    found = found or list(folder.glob("*.txt"))
    if not found:
        raise InputError(f"--variants {spec}: no .txt files in it")
    return sorted(found)


def spread(paths: Sequence[Path], limit: int | None) -> list[Path]:
    """At most ``limit`` of ``paths``, evenly spaced over the sorted list (so a small sample
    still covers every outlet of a corpus whose files are named by outlet)."""
    if limit is None or limit >= len(paths):
        return list(paths)
    if limit <= 0:
        raise InputError("--limit must be at least 1")
    step = len(paths) / limit
    return [paths[int(index * step)] for index in range(limit)]


def _alarms(
    name: str, variant: str, findings: list[Finding], source: str, copy: str
) -> list[VariantAlarm]:
    out = []
    for finding in findings:
        if finding.severity.rank < Severity.major.rank:
            continue
        derived = finding.derived_span.of(copy) if finding.derived_span else None
        original = finding.source_span.of(source) if finding.source_span else None
        out.append(VariantAlarm(name, variant, finding, derived, original))
    return out


def evaluate_variants(
    paths: Sequence[Path],
    *,
    seed: int = 0,
    names: tuple[str, ...] | None = None,
    models: Any = None,
    progress: Callable[[str], None] | None = None,
) -> VariantResult:
    """Check every text against each of its meaning-preserving copies."""
    from sourcetrace.ingest.text import from_text, load_text
    from sourcetrace.nlp import default_models
    from sourcetrace.pipeline import analyze_article, check_documents

    models = models or default_models()
    result = VariantResult()
    for path in paths:
        source = load_text(path)
        source_doc = analyze_article(source, models)
        result.texts += 1
        for variant, copy in make_variants(source.text, seed, names).items():
            derived = from_text(copy, kind="text", shown=f"{path.name} ({variant})")
            report = check_documents(source_doc, analyze_article(derived, models), models=models)
            result.checks[variant] += 1
            result.alarms += _alarms(path.name, variant, report.findings, source.text, derived.text)
        if progress is not None:
            progress(f"{result.texts}/{len(paths)} {path.name}: {len(result.alarms)} so far")
    return result


def _order(result: VariantResult) -> list[str]:
    known = [IDENTITY, *VARIANTS, "all"]
    return sorted(result.checks, key=lambda n: known.index(n) if n in known else len(known))


def format_variants(result: VariantResult) -> str:
    """Counts per variant type (with the finding kinds), as plain text."""
    table = result.by_variant()
    lines = [
        f"Meaning-preserving copies of {result.texts} texts: major/critical findings "
        "(all false alarms)",
        f"{'variant':27}{'pairs':>6}{'texts hit':>10}{'alarms':>8}  by kind",
    ]
    for name in _order(result):
        kinds = table[name]
        shown = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=_kind_order))
        entity = (
            " (entity)" if name in ENTITY_VARIANTS else " (control)" if name == IDENTITY else ""
        )
        lines.append(
            f"{name + entity:27}{result.checks[name]:>6}{result.texts_hit(name):>10}"
            f"{sum(kinds.values()):>8}  {shown or '-'}"
        )
    lines.append(
        f"total {result.total()} false alarms on variants; without entity-name variants "
        f"{result.total(entities=False)} (the identity row is the control, not counted)"
    )
    return "\n".join(lines)


def _kind_order(item: tuple[str, int]) -> int:
    return FINDING_KINDS.index(item[0]) if item[0] in FINDING_KINDS else len(FINDING_KINDS)


def _quoted(text: str | None) -> str:
    if text is None:
        return "_(none)_"
    if len(text) > EXAMPLE_CHARS:
        text = text[: EXAMPLE_CHARS - 3] + "..."
    # Invisible characters shown, so that a typography alarm can be read.
    text = text.replace("\u00a0", "⍽").replace("\u200b", "[ZWSP]").replace("\u00ad", "[SHY]")
    return "\n".join("> " + line for line in text.splitlines() or [""])


def variants_markdown(result: VariantResult, per_kind: int = 5) -> str:
    """The false alarms as Markdown: per variant type and kind, up to ``per_kind`` examples."""
    parts = [
        f"# False alarms on meaning-preserving copies ({result.texts} texts, "
        f"{result.total()} alarms)",
        "",
    ]
    for name in _order(result):
        alarms = [a for a in result.alarms if a.variant == name]
        parts += [f"## {name} ({len(alarms)})", ""]
        by_kind: dict[str, list[VariantAlarm]] = {}
        for alarm in alarms:
            by_kind.setdefault(alarm.finding.kind, []).append(alarm)
        for kind, found in sorted(by_kind.items(), key=lambda kv: -len(kv[1])):
            parts += [f"### {name}: {kind} ({len(found)})", ""]
            for number, alarm in enumerate(found[:per_kind], start=1):
                finding = alarm.finding
                parts += [
                    f"#### {number}. {alarm.text}, {finding.severity.value}",
                    "",
                    f"Reason given: {finding.reason}",
                    "",
                    "Copy:",
                    "",
                    _quoted(alarm.derived_text),
                    "",
                    "Source:",
                    "",
                    _quoted(alarm.source_text),
                    "",
                ]
    return "\n".join(parts).rstrip() + "\n"
