"""Plain-text articles: reading files safely, normalising text, and header metadata.

``Article.text`` is the offset base for everything downstream, so normalisation happens once,
here, before the Article exists, and only in ways a reader would never notice: line endings
become ``\\n``, no-break spaces become plain spaces, invisible characters (zero-width spaces,
soft hyphens), doubled spaces and spaces at line ends are dropped
(:func:`sourcetrace.textnorm.visible_text`). Nothing else is stripped or rewritten; other
typography is folded for analysis only (:func:`sourcetrace.textnorm.fold`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sourcetrace.errors import InputError
from sourcetrace.model import Article, Span
from sourcetrace.textnorm import visible_text

MAX_FILE_BYTES = 20 * 1024 * 1024
# Share of control characters above which decoded "text" is really a binary file. Real text
# has almost none (tabs and line breaks are not counted).
MAX_CONTROL_SHARE = 0.05
# Only the top of an article carries its title, dateline and "Published:" line.
HEADER_LINES = 10
TITLE_MAX_WORDS = 25
TITLE_MAX_CHARS = 250
# Share of longer words capitalised for a line to read as a title-case headline.
TITLE_CASE_SHARE = 0.7
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_FINAL_PUNCTUATION = ".!?;:,"
_CLOSING_MARKS = "\"'”’)]»"
_METADATA_LINE = re.compile(
    r"(?i)^\s*(?:first\s+)?(?P<key>published|posted|updated|last\s+(?:modified|updated)|"
    r"modified|date)\b(?:\s+(?:on|at))?\s*:?\s*(?P<value>.+)$"
)
# A scraper's or archive's export puts the article's metadata on top as "Key: value" lines.
# Keys (lower-cased) and the Article field each one fills; "updated" only fills the date when
# no publication date is given.
HEADER_KEYS: dict[str, str] = {
    "title": "title",
    "headline": "title",
    "url": "url",
    "link": "url",
    "source url": "url",
    "source": "outlet",
    "outlet": "outlet",
    "publisher": "outlet",
    "publication": "outlet",
    "site": "outlet",
    "author": "author",
    "authors": "author",
    "byline": "author",
    "by": "author",
    "published": "published",
    "date": "published",
    "published at": "published",
    "date published": "published",
    "updated": "updated",
    "last updated": "updated",
    "modified": "updated",
}
# A block needs two such lines: one "Source: ..." line may be a headline.
HEADER_BLOCK_MIN_LINES = 2
_HEADER_FIELD = re.compile(
    r"^[ \t]*(?P<key>[A-Za-z][A-Za-z ]{0,19}?)[ \t]*:[ \t]*(?P<value>\S[^\n]*?)[ \t]*$"
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# A calendar date with a year: "Nov 24, 2021", "24 November 2021", "2021-11-24", "11/24/2021".
_FULL_DATE = re.compile(
    rf"(?i)\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}/\d{1,2}/\d{4})(?!\d)"
)
# A dateline opening a paragraph: "LONDON, Nov. 24, 2021 (Agency) -" / "BERLIN, 24 November 2021 -".
_DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]+,\s*(?:[A-Z][a-z]+\.?,\s*)?(?P<rest>.{0,80})")


def printable(name: str) -> str:
    """``name`` fit for a one-line message: control characters (a newline in a file name or
    URL) are shown escaped."""
    return "".join(
        ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
        for ch in name
    )


def read_file_bytes(path: Path, shown: str) -> bytes:
    """The bytes of an article file, after checking it exists, is a file and is not huge."""
    try:
        if not path.exists():
            raise InputError(f"{shown}: no such file")
        if path.is_dir():
            raise InputError(f"{shown} is a directory, not an article file")
        if not path.is_file():
            # A device or pipe (/dev/zero, a FIFO) would never end or never report a size.
            raise InputError(f"{shown} is not a regular file")
        _refuse_large(path.stat().st_size, shown)
        with path.open("rb") as handle:
            # Read one byte past the limit: a file that grew after stat() is still refused.
            data = handle.read(MAX_FILE_BYTES + 1)
        _refuse_large(len(data), shown)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"cannot read {shown}: {exc.strerror or exc}") from exc
    if not data.strip():
        raise InputError(f"{shown} is empty")
    return data


def _refuse_large(size: int, shown: str) -> None:
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"{shown} is too large ({size / 1_048_576:.1f} MB; the limit is "
            f"{MAX_FILE_BYTES // 1_048_576} MB)"
        )


def decode_text(data: bytes, shown: str, encoding: str = "utf-8") -> str:
    """Decode article bytes, refusing binary files and bytes that are not valid text."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"{shown} looks like a binary file (NUL byte at offset {nul}), not text")
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(
            f"{shown} is not valid {encoding.upper()} (byte 0x{bad} at offset {exc.start}); "
            "save it as UTF-8"
        ) from exc
    except LookupError as exc:
        raise InputError(f"{shown}: unknown text encoding {encoding!r}") from exc
    sample = text[:65536]
    controls = sum(1 for ch in sample if ch < " " and ch not in _ALLOWED_CONTROLS)
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        raise InputError(
            f"{shown} looks like a binary file ({controls / len(sample):.0%} control "
            "characters), not text"
        )
    return text


def normalize_text(text: str) -> str:
    """Line endings to ``\\n``, then :func:`sourcetrace.textnorm.visible_text` (no-break spaces
    to spaces; invisible characters, doubled spaces and line-end spaces dropped)."""
    return visible_text(text.replace("\r\n", "\n").replace("\r", "\n"))


def parse_date(value: str) -> date | None:
    """A calendar date (day, month and year all present) in ``value``, or None.

    Relative dates ("3 hours ago") are refused: they depend on when the page was saved.
    """
    found = _FULL_DATE.search(value)
    if not found:
        return None
    import dateparser  # slow to import; only needed when a date is present

    parsed: datetime | None = dateparser.parse(
        found.group(),
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True},
    )
    return parsed.date() if parsed else None


@dataclass(frozen=True)
class HeaderBlock:
    """The ``Key: value`` metadata lines on top of a text: where they are and what they say.

    ``span`` covers the lines (from the first key to the end of the last value); ``fields``
    maps Article field names (title, url, outlet, author, published, updated) to values.
    """

    span: Span
    fields: dict[str, str]


def header_block(text: str) -> HeaderBlock | None:
    """The leading block of ``Key: value`` lines with known keys (:data:`HEADER_KEYS`), or None.

    The block starts at the first non-blank line and ends at the first line that is not such
    a field; it counts only with at least :data:`HEADER_BLOCK_MIN_LINES` distinct keys.
    """
    fields: dict[str, str] = {}
    start: int | None = None
    end = 0
    offset = 0
    for raw in text.split("\n"):
        line_start, offset = offset, offset + len(raw) + 1
        if not raw.strip():
            if start is None:
                continue
            break
        found = _HEADER_FIELD.match(raw)
        key = found.group("key").lower().strip() if found else None
        if found is None or key not in HEADER_KEYS or HEADER_KEYS[key] in fields:
            break
        fields[HEADER_KEYS[key]] = found.group("value")
        start = line_start + found.start("key") if start is None else start
        end = line_start + found.end("value")
    if start is None or len(fields) < HEADER_BLOCK_MIN_LINES:
        return None
    return HeaderBlock(Span(start, end), fields)


@dataclass(frozen=True)
class TextMetadata:
    """What the top lines of a plain-text article say about it."""

    title: str | None
    published: date | None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None


def header_metadata(text: str) -> TextMetadata:
    """Title (a first short line without final punctuation) and publication date.

    The date comes from a "Published:"/"Posted"/"Date:" line (preferred), an "Updated"/"Last
    modified" line, a wire dateline ("CITY, Nov. 24, 2021 -") or a line that is only a date,
    all among the first lines. A ``Key: value`` block on top (:func:`header_block`) gives
    title, URL, outlet, author and date first; the lines after it are read as above.
    """
    block = header_block(text)
    if block is not None:
        rest = header_metadata(text[block.span.end :])
        fields = block.fields
        dates = (parse_date(fields.get("published", "")), parse_date(fields.get("updated", "")))
        return TextMetadata(
            title=fields.get("title") or rest.title,
            published=dates[0] or dates[1] or rest.published,
            url=fields.get("url"),
            outlet=fields.get("outlet"),
            author=fields.get("author"),
        )
    lines = [line.strip() for line in text.split("\n") if line.strip()][:HEADER_LINES]
    title = _title_line(lines, set_apart=bool(re.match(r"\s*[^\n]*\n[ \t]*\n", text)))
    published: date | None = None
    updated: date | None = None
    for line in lines:
        metadata = _METADATA_LINE.match(line)
        if metadata:
            found = parse_date(metadata.group("value"))
            key = metadata.group("key").lower()
            if found and key in ("published", "posted", "date") and published is None:
                published = found
            elif found and updated is None:
                updated = found
            continue
        if published is None and updated is None:
            published = _dateline_date(line)
    return TextMetadata(title=title, published=published or updated)


def _title_line(lines: list[str], *, set_apart: bool) -> str | None:
    """The first line, if it reads as a headline and more text follows it.

    A headline has no final punctuation; one that ends with ``.``/``?``/``!`` still counts when
    a blank line sets it apart and it is written in title case ("Small Steps Toward Savings.").
    """
    if len(lines) < 2:
        return None
    first = lines[0]
    if len(first) > TITLE_MAX_CHARS or len(first.split()) > TITLE_MAX_WORDS:
        return None
    final = first.rstrip(_CLOSING_MARKS)[-1:]
    if final in _FINAL_PUNCTUATION and not (final in ".?!" and set_apart and _is_title_case(first)):
        return None
    metadata = _METADATA_LINE.match(first)
    if (metadata and parse_date(metadata.group("value"))) or _FULL_DATE.fullmatch(first):
        return None
    return first


def _is_title_case(line: str) -> bool:
    """Most longer words capitalised, as in a headline."""
    words = [word for word in re.findall(r"[^\W\d_][\w'’-]*", line) if len(word) > 3]
    if len(words) < 2:
        return False
    capitalised = sum(1 for word in words if word[0].isupper())
    return capitalised >= TITLE_CASE_SHARE * len(words)


def _dateline_date(line: str) -> date | None:
    """The date of a wire dateline, or of a line that is nothing but a date."""
    words = line.split()
    if len(words) <= 6 and _FULL_DATE.search(line):
        return parse_date(line)
    dateline = _DATELINE.match(line)
    if dateline:
        head = dateline.group("rest")
        found = _FULL_DATE.match(head.lstrip())
        if found:
            return parse_date(found.group())
    return None


def from_text(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: date | str | None = None,
    url: str | None = None,
    author: str | None = None,
    kind: str = "text",
    path: str | None = None,
    shown: str = "text",
) -> Article:
    """Build an Article from plain text; title and date (and URL, outlet and author from a
    ``Key: value`` block) come from the text's top when not given. The block stays in the
    text; :func:`sourcetrace.ingest.boilerplate.boilerplate_spans` marks it as metadata.

    ``published`` may be a date or a date string; ``shown`` names the input in error messages.
    """
    text = normalize_text(text)
    if not text.strip():
        raise InputError(f"{shown} is empty")
    if isinstance(published, str):
        given = published
        published = parse_date(given) if given.strip() else None
        if given.strip() and published is None:
            raise InputError(f"{shown}: cannot read the publication date {given!r}")
    found = header_metadata(text)
    title = title if title is not None else found.title
    published = published if published is not None else found.published
    url = url if url is not None else found.url
    outlet = outlet if outlet is not None else found.outlet
    author = author if author is not None else found.author
    return Article(
        text=text,
        title=title,
        outlet=outlet,
        published=published,
        url=url,
        kind=kind,
        author=author,
        path=path,
    )


def load_text(path: Path, shown: str | None = None) -> Article:
    """Read a UTF-8 ``.txt`` article (a UTF-8 BOM is fine)."""
    shown = shown or str(path)
    text = decode_text(read_file_bytes(path, shown), shown)
    return from_text(text, kind="text", path=str(path), shown=shown)
