"""Gold pairs: what a careful reader finds in a derived article, located in both texts.

A gold file (format: ``docs/gold-format.md``, schema: ``schemas/gold.schema.json``) names a
source and a derived article file and lists expected findings as exact substrings of the two
texts. :func:`load_gold` reads the articles, validates the file and turns every substring
into a :class:`~sourcetrace.model.Span` into the loaded ``Article.text``, so that scoring is
plain span arithmetic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from sourcetrace.errors import InputError
from sourcetrace.model import Article, Severity, Span
from sourcetrace.textnorm import visible_text


@dataclass(frozen=True)
class GoldItem:
    """One expected finding: any of ``kinds`` counts as correct."""

    id: str
    kinds: tuple[str, ...]
    severity: Severity
    speaker: str | None
    in_quote: bool
    derived_text: str | None
    source_text: str | None
    derived_span: Span | None
    source_span: Span | None
    note: str | None = None

    @property
    def primary_kind(self) -> str:
        """The first listed kind: the bucket this item's recall is reported under."""
        return self.kinds[0]


@dataclass(frozen=True)
class GoldRegion:
    """A derived passage where no major or critical finding belongs (faithful or boilerplate)."""

    derived_text: str
    derived_span: Span
    source_text: str | None = None
    source_span: Span | None = None
    speaker: str | None = None
    note: str | None = None


@dataclass
class GoldPair:
    """A source/derived pair with its expected findings, every text located as a span."""

    pair_id: str
    source_path: Path
    derived_path: Path
    source: Article
    derived: Article
    source_meta: dict[str, Any] = field(default_factory=dict)
    derived_meta: dict[str, Any] = field(default_factory=dict)
    source_speakers: dict[str, str | None] = field(default_factory=dict)
    items: list[GoldItem] = field(default_factory=list)
    faithful: list[GoldRegion] = field(default_factory=list)
    no_finding: list[GoldRegion] = field(default_factory=list)


@lru_cache(maxsize=1)
def gold_schema() -> dict[str, Any]:
    """The published JSON Schema of gold files."""
    text = resources.files("sourcetrace").joinpath("schemas/gold.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_gold(data: Any, origin: str = "gold") -> None:
    """Raise InputError (one line, naming the offending field) unless ``data`` fits the schema."""
    validator = jsonschema.Draft202012Validator(gold_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "top level"
        message = error.message.splitlines()[0]
        raise InputError(f"{origin}: invalid gold file at {where}: {message}")


def read_gold_json(path: Path) -> dict[str, Any]:
    """Parse and validate one gold file."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(f"gold file not found: {path}") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    validate_gold(data, origin=str(path))
    result: dict[str, Any] = data
    return result


def resolve_text_file(name: str, gold_path: Path, texts_dir: Path | None) -> Path:
    """Find an article file named in a gold file: beside the gold file, then under texts_dir."""
    candidates = [gold_path.parent / name]
    if texts_dir is not None:
        candidates.insert(0, texts_dir / name)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    tried = ", ".join(str(c) for c in candidates)
    raise InputError(f"{gold_path}: article file {name!r} not found (tried {tried})")


def read_article(path: Path) -> Article:
    """Load an article file as `sourcetrace check` does, so gold offsets index the same text."""
    from sourcetrace.ingest import load

    return load(path)


def apply_meta(article: Article, meta: dict[str, Any], origin: str) -> None:
    """Set title/outlet/published/url/author from a gold file's ``*_meta`` on ``article``."""
    for name in ("title", "outlet", "url", "author"):
        if meta.get(name):
            setattr(article, name, meta[name])
    published = meta.get("published")
    if published:
        try:
            article.published = date.fromisoformat(published)
        except ValueError as exc:
            raise InputError(f"{origin}: published date {published!r} is not a valid date") from exc


def locate(text: str, needle: str | None, what: str) -> Span | None:
    """The span of the first exact occurrence of ``needle`` in ``text`` (None for None).

    Gold texts are copied from the article files; ``text`` is the file as sourcetrace reads
    it, without what a reader cannot see (:func:`sourcetrace.textnorm.visible_text`: spaces at
    line ends, doubled spaces, invisible characters). A gold text is read the same way when it
    does not occur as it was copied.
    """
    if needle is None:
        return None
    start = text.find(needle)
    if start < 0:
        needle = visible_text(needle)
        start = text.find(needle)
    if start < 0:
        shown = needle if len(needle) <= 60 else needle[:57] + "..."
        raise InputError(f"{what} not found verbatim in the article text: {shown!r}")
    return Span(start, start + len(needle))


def load_gold(path: Path, texts_dir: Path | None = None) -> GoldPair:
    """Read a gold file, load both articles and locate every gold text in them.

    Raises InputError (one line) for malformed JSON, schema violations, missing article
    files, or a gold text that is not an exact substring of its article (naming the item).
    """
    path = Path(path)
    data = read_gold_json(path)
    source_path = resolve_text_file(data["source"], path, texts_dir)
    derived_path = resolve_text_file(data["derived"], path, texts_dir)
    return gold_from_dict(
        data,
        read_article(source_path),
        read_article(derived_path),
        origin=str(path),
        source_path=source_path,
        derived_path=derived_path,
    )


def gold_from_dict(
    data: dict[str, Any],
    source: Article,
    derived: Article,
    *,
    origin: str = "gold",
    source_path: Path | None = None,
    derived_path: Path | None = None,
) -> GoldPair:
    """Build a GoldPair from gold data and the two articles it describes (validated here)."""
    validate_gold(data, origin=origin)
    source_meta = dict(data.get("source_meta") or {})
    derived_meta = dict(data.get("derived_meta") or {})
    apply_meta(source, source_meta, origin)
    apply_meta(derived, derived_meta, origin)

    items = []
    for raw in data["findings"]:
        label = f"{origin}: item {raw['id']}"
        items.append(
            GoldItem(
                id=raw["id"],
                kinds=tuple(raw["kinds"]),
                severity=Severity(raw["severity"]),
                speaker=raw.get("speaker"),
                in_quote=bool(raw.get("in_quote", False)),
                derived_text=raw["derived_text"],
                source_text=raw["source_text"],
                derived_span=locate(derived.text, raw["derived_text"], f"{label} derived_text"),
                source_span=locate(source.text, raw["source_text"], f"{label} source_text"),
                note=raw.get("note"),
            )
        )
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise InputError(f"{origin}: item id {item.id!r} is used twice")
        seen.add(item.id)

    def regions(key: str) -> list[GoldRegion]:
        found = []
        for index, raw in enumerate(data.get(key) or []):
            label = f"{origin}: {key}[{index}]"
            derived_span = locate(derived.text, raw["derived_text"], f"{label} derived_text")
            assert derived_span is not None  # the schema requires derived_text here
            found.append(
                GoldRegion(
                    derived_text=raw["derived_text"],
                    derived_span=derived_span,
                    source_text=raw.get("source_text"),
                    source_span=locate(source.text, raw.get("source_text"), f"{label} source_text"),
                    speaker=raw.get("speaker"),
                    note=raw.get("note"),
                )
            )
        return found

    return GoldPair(
        pair_id=data["pair_id"],
        source_path=source_path or Path(data["source"]),
        derived_path=derived_path or Path(data["derived"]),
        source=source,
        derived=derived,
        source_meta=source_meta,
        derived_meta=derived_meta,
        source_speakers=dict(data.get("source_speakers") or {}),
        items=items,
        faithful=regions("faithful"),
        no_finding=regions("no_finding"),
    )
