"""HTML articles: trafilatura finds the main text and the page's metadata.

trafilatura (main-content extraction with metadata) is the well-kept tool for this; we only
map its result onto :class:`~sourcetrace.model.Article` and turn "nothing found" into a clear
error.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

from sourcetrace.errors import InputError
from sourcetrace.ingest.text import from_text, normalize_text, read_file_bytes
from sourcetrace.model import Article

# trafilatura and its helpers log warnings about odd markup; with no logging configured Python
# would print them to stderr, which must carry at most one error line. A NullHandler keeps
# them quiet unless the application configures logging itself.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# Words in the longest line of extracted text below which the page has no article text.
MIN_SENTENCE_WORDS = 6
# Bytes at the top of a file that mark it as HTML when its name does not say so.
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<meta")


def looks_like_html(data: bytes) -> bool:
    """Whether ``data`` starts like an HTML document (used for unknown file extensions)."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return any(marker in head for marker in _HTML_MARKERS)


def _has_sentence(text: str) -> bool:
    """Whether extracted text holds at least one sentence-sized line.

    When a page has no article, trafilatura's fallback extractors return what text there is:
    navigation links ("Home / News / Sport"), one per line. Such text has nothing to audit.
    """
    return any(len(line.split()) >= MIN_SENTENCE_WORDS for line in text.split("\n"))


def _iso_date(value: str | None) -> date | None:
    """trafilatura reports dates as ``YYYY-MM-DD`` strings."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def article_from_html(
    html: bytes | str,
    *,
    shown: str,
    url: str | None = None,
    kind: str = "html",
    path: str | None = None,
) -> Article:
    """Extract the article in an HTML page; InputError when there is no article text."""
    import trafilatura  # heavy import, only needed for HTML input

    if not html.strip():
        raise InputError(f"{shown} is empty")
    try:
        extracted = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_links=False,
        )
    except (ValueError, TypeError) as exc:  # trafilatura raises these on unparsable input
        raise InputError(f"cannot parse {shown} as HTML: {' '.join(str(exc).split())}") from exc
    found: dict[str, Any] = {}
    if isinstance(extracted, dict):
        found = extracted
    elif extracted is not None:
        found = extracted.as_dict()
    text = found.get("text")
    if not isinstance(text, str) or not _has_sentence(text):
        raise InputError(f"no article text found in {shown}")
    return from_text(
        normalize_text(text),
        title=_field(found, "title"),
        outlet=_field(found, "sitename"),
        published=_iso_date(_field(found, "date")),
        url=url or _field(found, "url"),
        author=_field(found, "author"),
        kind=kind,
        path=path,
        shown=shown,
    )


def _field(found: dict[str, Any], name: str) -> str | None:
    """A non-empty string field of trafilatura's result, or None."""
    value = found.get(name)
    return value.strip() or None if isinstance(value, str) else None


def load_html(path: Path, shown: str | None = None) -> Article:
    """Read an ``.html``/``.htm`` file and extract its article."""
    shown = shown or str(path)
    data = read_file_bytes(path, shown)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"{shown} looks like a binary file (NUL byte at offset {nul}), not HTML")
    return article_from_html(data, shown=shown, path=str(path))
