"""Typographic normalisation: the one place that decides which characters are "the same".

A faithful copy of an article may differ from it in quotation-mark style (“ ” " « » ‘ ’ '),
dashes (- – — --), ellipses (… ... . . .), no-break, zero-width and doubled spaces and soft
hyphens. None of that changes what the text says, so none of it may change what sourcetrace
reads. Two steps:

- :func:`visible_text` (at ingest, once, before ``Article.text`` exists): characters that
  are invisible in every rendering (zero-width spaces and joiners, soft hyphens, stray byte
  order marks) are dropped, no-break spaces become spaces, doubled spaces between words one
  space and spaces at line ends go. ``Article.text`` is the text the
  reader sees, and every offset indexes it (reports carry that text with their offsets).
- :func:`fold` (for analysis and comparison): a copy of the text of the *same length*, with
  every quotation-mark and apostrophe style made straight, every dash an em dash, spaced
  ellipses and runs of spaces made uniform and each character put through Unicode NFKC when
  that keeps it one character. spaCy parses the folded copy, so tokens, tags, entities and
  lemmas do not depend on typography, and since the lengths are equal every token offset is
  an offset into the original text: findings point at the characters the reader sees.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Invisible in any rendering: zero-width space, word joiner, zero-width no-break space (BOM),
# soft hyphen (visible only at a line break the renderer chooses), zero-width non-joiner and
# joiner between Latin letters are left alone: they matter in other scripts.
INVISIBLE = frozenset("\u200b\u2060\ufeff\u00ad")
_INVISIBLE_TABLE = str.maketrans(dict.fromkeys(INVISIBLE, None))
# Same-width space characters that only differ from a space in line breaking.
SPACE_LIKE = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u205f\u3000"
_SPACE_TABLE = str.maketrans(dict.fromkeys(SPACE_LIKE, " "))

DOUBLE_QUOTES = "“”„‟«»〝〞＂"
SINGLE_QUOTES = "‘’‚‛‹›′`´"
DASHES = "–—―‒"
_FOLD_TABLE = str.maketrans(
    {
        **dict.fromkeys(DOUBLE_QUOTES, '"'),
        **dict.fromkeys(SINGLE_QUOTES, "'"),
        **dict.fromkeys(DASHES, "—"),
        **dict.fromkeys(SPACE_LIKE, " "),
        "\t": " ",
        "−": "-",  # minus sign
    }
)
# A hyphen used as a dash ("word - word", "word -- word") becomes an em dash; a hyphen inside
# a word ("well-known") stays.
_SPACED_HYPHEN = re.compile(r"(?<= )-(?= )|--")
# Between two digits a dash is a range ("2015–2016"): a hyphen, as numbers read ranges.
_DIGIT_RANGE = re.compile(r"(?<=\d)—(?=\d)")
# "per cent" is "percent" (padded: the same length).
_PER_CENT = re.compile(r"\b([Pp])er cent\b")
# ". . ." -> "..." padded with spaces to keep the length.
_SPACED_ELLIPSIS = re.compile(r"\. \. \.")


_SPACE_RUN = re.compile(r"(?<=\S) {2,}(?=\S)")
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)


def visible_text(text: str) -> str:
    """``text`` without invisible characters, with no-break spaces as plain spaces, a run of
    spaces between two words as one space and no spaces at the end of a line.

    A reader never sees any of these (a browser renders them all the same way), but the
    tokenizer would keep each as a token of its own and the parse would shift around it.
    """
    text = text.translate(_INVISIBLE_TABLE).translate(_SPACE_TABLE)
    return _TRAILING.sub("", _SPACE_RUN.sub(" ", text))


@lru_cache(maxsize=4096)
def _nfkc(char: str) -> str:
    """The NFKC form of one character when it is one character, else the character."""
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char


def fold(text: str) -> str:
    """The same-length typographic normal form of ``text`` (see the module docstring)."""
    if text.isascii():
        return _fold_ascii(text.replace("\t", " "))
    chars = [_nfkc(c) if ord(c) > 127 else c for c in text.translate(_FOLD_TABLE)]
    return _fold_ascii("".join(chars))


def _fold_ascii(text: str) -> str:
    text = _SPACED_HYPHEN.sub(lambda m: "—" if m.group() == "-" else "— ", text)
    text = _DIGIT_RANGE.sub("-", text)
    text = _PER_CENT.sub(r"\1ercent ", text)
    return _SPACED_ELLIPSIS.sub("...  ", text)


def fold_word(word: str) -> str:
    """A word in folded, lower-case form: the comparison key of its spelling."""
    return fold(word).lower()
