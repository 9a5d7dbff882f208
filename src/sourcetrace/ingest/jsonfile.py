"""JSON articles: an object with ``text`` and optional metadata fields.

{"text": "...", "title": "...", "outlet": "...", "published": "2024-03-01",
 "url": "https://...", "author": "..."}
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sourcetrace.errors import InputError
from sourcetrace.ingest.text import decode_text, from_text, read_file_bytes
from sourcetrace.model import Article

OPTIONAL_FIELDS = ("title", "outlet", "published", "url", "author")


def article_from_mapping(
    data: Any, *, shown: str, path: str | None = None, kind: str = "json"
) -> Article:
    """Build an Article from a decoded JSON value, checking its shape field by field."""
    if not isinstance(data, dict):
        raise InputError(f"{shown}: expected a JSON object with a 'text' field")
    text = data.get("text")
    if text is None:
        raise InputError(f"{shown}: the JSON object has no 'text' field")
    if not isinstance(text, str):
        raise InputError(f"{shown}: 'text' must be a string")
    meta: dict[str, str | None] = {}
    for name in OPTIONAL_FIELDS:
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{shown}: '{name}' must be a string or null")
        meta[name] = value or None
    return from_text(
        text,
        title=meta["title"],
        outlet=meta["outlet"],
        published=meta["published"],
        url=meta["url"],
        author=meta["author"],
        kind=kind,
        path=path,
        shown=shown,
    )


def load_json(path: Path, shown: str | None = None) -> Article:
    """Read a ``.json`` article file (UTF-8)."""
    shown = shown or str(path)
    content = decode_text(read_file_bytes(path, shown), shown)
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{shown}: malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc
    except RecursionError as exc:
        raise InputError(f"{shown}: JSON nested too deeply") from exc
    return article_from_mapping(data, shown=shown, path=str(path))
