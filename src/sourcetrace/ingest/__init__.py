"""Reading articles: files (.txt .html .htm .json, anything else sniffed) and http(s) URLs.

    >>> from sourcetrace.ingest import load, from_text
    >>> article = load("story.html")
    >>> article = from_text("Headline\\n\\nBody text.", outlet="Example Daily")

Every problem with an input (missing, empty, binary, too large, not UTF-8, no article in the
page, unreachable URL, malformed JSON) raises :class:`~sourcetrace.errors.InputError` with a
one-line message. ``Article.text`` is final once returned: all offsets index it.
"""

from __future__ import annotations

import re
from pathlib import Path

from sourcetrace.errors import InputError
from sourcetrace.ingest.text import from_text, printable
from sourcetrace.model import Article

__all__ = ["from_text", "load"]

_URL = re.compile(r"(?i)^https?://")
_OTHER_SCHEME = re.compile(r"(?i)^[a-z][a-z0-9+.-]{1,15}://")


def load(path_or_url: str | Path) -> Article:
    """Read one article from a file path or an http(s) URL.

    ``.txt`` is UTF-8 text, ``.html``/``.htm`` goes through trafilatura, ``.json`` is an object
    with ``text`` and optional metadata; any other file is sniffed (HTML when it starts like
    HTML, text otherwise). URLs are fetched with :func:`sourcetrace.ingest.url.fetch`.
    """
    if isinstance(path_or_url, str):
        if _URL.match(path_or_url):
            from sourcetrace.ingest.url import fetch

            return fetch(path_or_url)
        if _OTHER_SCHEME.match(path_or_url):
            raise InputError(
                f"cannot fetch {printable(path_or_url)}: only http and https URLs are supported"
            )
    shown = printable(str(path_or_url))
    path = Path(path_or_url)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        from sourcetrace.ingest.text import load_text

        return load_text(path, shown)
    if suffix == ".json":
        from sourcetrace.ingest.jsonfile import load_json

        return load_json(path, shown)
    from sourcetrace.ingest.html import HTML_SUFFIXES, load_html

    if suffix in HTML_SUFFIXES:
        return load_html(path, shown)
    return _load_sniffed(path, shown)


def _load_sniffed(path: Path, shown: str) -> Article:
    """A file whose extension says nothing: HTML when it looks like HTML, else plain text."""
    from sourcetrace.ingest.html import article_from_html, looks_like_html
    from sourcetrace.ingest.text import decode_text, read_file_bytes

    data = read_file_bytes(path, shown)
    if looks_like_html(data) and b"\x00" not in data:
        return article_from_html(data, shown=shown, path=str(path))
    return from_text(decode_text(data, shown), kind="text", path=str(path), shown=shown)
