"""Read a corpus: folders of .txt/.html files, JSONL files and WARC archives of news pages.

Every reader yields :class:`Entry` objects (a corpus-wide id and the :class:`Article`).
A bad *record* (a JSONL line that is not JSON, a WARC page with no article text) is skipped
and counted in :class:`Skips`; a bad *input* (missing path, unknown format, empty folder)
raises :class:`~sourcetrace.errors.InputError`, which the CLI prints as one line.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from sourcetrace.errors import InputError
from sourcetrace.model import Article

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
ARC_SUFFIXES = (".arc", ".arc.gz")
WARC_SUFFIXES = (".warc", ".warc.gz", *ARC_SUFFIXES)
# Articles shorter than this carry too few words to be a source or a rewrite of one.
MIN_WORDS = 20


class Entry(NamedTuple):
    """One article of the corpus with its corpus-wide id (unique within a scan)."""

    id: str
    article: Article


@dataclass
class Skips:
    """Records skipped while reading, counted by reason (shown to the user as warnings)."""

    reasons: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    def add(self, reason: str, where: str) -> None:
        self.reasons[reason] += 1
        self.examples.setdefault(reason, where)

    @property
    def total(self) -> int:
        return sum(self.reasons.values())

    def lines(self) -> list[str]:
        """One warning line per reason: count, reason and the first place it happened."""
        return [
            f"skipped {count} record(s): {reason} (first: {self.examples[reason]})"
            for reason, count in self.reasons.most_common()
        ]


def parse_date(value: Any) -> date | None:
    """A publication date from ISO text (``2024-05-01``, ``2024-05-01T10:00:00Z``) or other
    human formats (through dateparser); None when absent or unreadable."""
    if not value or not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(value, settings={"STRICT_PARSING": True})
    return parsed.date() if parsed else None


def is_english(lang: Any) -> bool:
    """Whether a declared language code is English (or not declared at all)."""
    if not lang:
        return True
    return str(lang).lower().replace("_", "-").split("-")[0] in ("en", "eng", "english")


def _usable_text(text: str) -> bool:
    return len(text.split()) >= MIN_WORDS


def html_to_article(html: str | bytes, *, url: str | None, path: str | None) -> Article | None:
    """Main text and metadata of a news page (trafilatura), or None when it has no article."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if extracted is None:
        return None
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = (data.get("text") or "").strip()
    if not text:
        return None
    return Article(
        text=text,
        title=data.get("title") or None,
        outlet=data.get("sitename") or data.get("hostname") or None,
        published=parse_date(data.get("date")),
        url=url or data.get("url") or None,
        kind="html",
        author=data.get("author") or None,
        path=path,
    )


def read_folder(folder: Path, skips: Skips) -> Iterator[Entry]:
    """Every .txt and .html file under ``folder`` (recursively, in path order); the id is the
    path relative to the folder and the outlet is the name of the file's sub-folder, if any."""
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in (*TEXT_SUFFIXES, *HTML_SUFFIXES)
    )
    if not files:
        raise InputError(f"{folder}: folder has no .txt or .html files")
    for file in files:
        relative = file.relative_to(folder).as_posix()
        entry = _read_file(file, relative, skips)
        if entry is not None:
            if entry.article.outlet is None and file.parent != folder:
                entry.article.outlet = file.parent.name
            yield entry


def _read_file(file: Path, entry_id: str, skips: Skips) -> Entry | None:
    try:
        raw = file.read_bytes()
    except OSError as exc:
        skips.add(f"unreadable file ({exc.strerror})", str(file))
        return None
    if b"\x00" in raw[:4096]:
        skips.add("binary file", str(file))
        return None
    if file.suffix.lower() in HTML_SUFFIXES:
        article = html_to_article(raw, url=None, path=str(file))
        if article is None:
            skips.add("no article text in HTML", str(file))
            return None
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            skips.add("not UTF-8 text", str(file))
            return None
        article = Article(text=text.replace("\r\n", "\n").strip(), kind="text", path=str(file))
    if not _usable_text(article.text):
        skips.add(f"fewer than {MIN_WORDS} words", str(file))
        return None
    return Entry(entry_id, article)


def read_jsonl(file: Path, skips: Skips, *, any_language: bool = False) -> Iterator[Entry]:
    """One article per line: ``{"id", "text", "url"?, "outlet"?, "published"?, "title"?,
    "lang"?}``. Lines that are not such objects, or declare a non-English language (unless
    ``any_language``: the sentence encoder is multilingual), are skipped and counted."""
    try:
        handle = file.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{file}: cannot read ({exc.strerror})") from exc
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                entry = _jsonl_entry(line, f"{file}:{number}", skips, any_language)
                if entry is not None:
                    yield entry
        except UnicodeDecodeError as exc:
            raise InputError(f"{file}: not UTF-8 text ({exc.reason})") from exc


def _jsonl_entry(line: str, where: str, skips: Skips, any_language: bool) -> Entry | None:
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        skips.add("line is not JSON", where)
        return None
    if not isinstance(record, dict):
        skips.add("line is not a JSON object", where)
        return None
    record_id, text = record.get("id"), record.get("text")
    if record_id is None or (isinstance(record_id, str) and not record_id.strip()):
        skips.add("record has no id", where)
        return None
    if not isinstance(text, str) or not _usable_text(text):
        skips.add(f"record has no text of at least {MIN_WORDS} words", where)
        return None
    if not any_language and not is_english(record.get("lang")):
        skips.add("language is not English", where)
        return None

    def optional(key: str) -> str | None:
        value = record.get(key)
        return str(value) if value not in (None, "") else None

    article = Article(
        text=text.replace("\r\n", "\n").strip(),
        title=optional("title"),
        outlet=optional("outlet"),
        published=parse_date(record.get("published")),
        url=optional("url"),
        kind="json",
        author=optional("author"),
        path=where,
        lang=optional("lang"),
    )
    return Entry(str(record_id), article)


def read_warc(file: Path, skips: Skips) -> Iterator[Entry]:
    """Each HTML response record of a WARC file, through trafilatura; the id is the URL."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        handle = file.open("rb")
    except OSError as exc:
        raise InputError(f"{file}: cannot read ({exc.strerror})") from exc
    with handle:
        try:
            records = ArchiveIterator(handle)
            first = True
            for record in records:
                if (
                    first
                    and record.format == "arc"
                    and not file.name.lower().endswith(ARC_SUFFIXES)
                ):
                    # warcio falls back to the old ARC format for any unknown first line.
                    raise InputError(f"{file}: not a WARC file (no WARC header)")
                first = False
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                content_type = (
                    (record.http_headers.get_header("Content-Type") or "")
                    if record.http_headers
                    else ""
                )
                if "html" not in content_type.lower():
                    skips.add("WARC response is not HTML", url or str(file))
                    continue
                article = html_to_article(
                    record.content_stream().read(), url=url or None, path=str(file)
                )
                if article is None or not _usable_text(article.text):
                    skips.add("no article text in WARC page", url or str(file))
                    continue
                yield Entry(
                    url or f"{file.name}#{record.rec_headers.get_header('WARC-Record-ID')}", article
                )
        except ArchiveLoadFailed as exc:
            if first:
                raise InputError(f"{file}: not a WARC file ({exc.msg})") from exc
            skips.add("truncated or corrupt WARC record", str(file))
        except (EOFError, OSError) as exc:
            # A cut-off or corrupt gzip member: keep what was read before it.
            if first:
                raise InputError(f"{file}: unreadable WARC file ({exc})") from exc
            skips.add("truncated or corrupt WARC record", str(file))


def input_kind(path: Path) -> str:
    """Which reader handles ``path``: folder, text, html, jsonl or warc."""
    name = path.name.lower()
    if path.is_dir():
        return "folder"
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    raise InputError(
        f"{path}: unknown input type (expected a folder, .jsonl, .warc/.warc.gz, .txt or .html)"
    )


def read_inputs(paths: list[Path], skips: Skips, *, any_language: bool = False) -> Iterator[Entry]:
    """Every article of every input, in order; ids repeated across inputs are skipped.

    Records declaring a language other than English are kept only with ``any_language``
    (a multilingual sentence encoder can link a translation to its source).

    All inputs are checked before the first article is yielded, so that a typo in the last
    path fails the scan at once rather than after reading everything before it.
    """
    kinds = [(path, input_kind(path)) for path in paths]
    seen: set[str] = set()
    for path, kind in kinds:
        if kind == "folder":
            entries: Iterator[Entry] = read_folder(path, skips)
        elif kind == "jsonl":
            entries = read_jsonl(path, skips, any_language=any_language)
        elif kind == "warc":
            entries = read_warc(path, skips)
        else:
            single = _read_file(path, path.name, skips)
            entries = iter([single] if single else [])
        for entry in entries:
            if entry.id in seen:
                skips.add("duplicate id", f"{path}: {entry.id}")
                continue
            seen.add(entry.id)
            yield entry
