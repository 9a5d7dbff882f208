"""General English lexicons, kept as data files beside this module.

Each file starts with ``#`` comment lines naming its origin; data lines are tab-separated
``CATEGORY<TAB>PHRASE`` (or, for ``predicates.txt``, ``FAMILY<TAB>STRENGTH<TAB>LEMMA``;
for ``entity_aliases.txt``, ``|``-separated alias groups). Loading is cached.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def lines(name: str) -> list[str]:
    """The data lines of lexicon ``name`` (comments and blank lines dropped)."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return [
        line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


@cache
def categorized(name: str) -> dict[str, tuple[str, ...]]:
    """``CATEGORY<TAB>PHRASE`` lexicon as category -> phrases (longest first)."""
    table: dict[str, list[str]] = {}
    for line in lines(name):
        category, phrase = line.split("\t", 1)
        table.setdefault(category, []).append(phrase.strip().lower())
    return {c: tuple(sorted(p, key=len, reverse=True)) for c, p in table.items()}


@cache
def predicate_scales() -> dict[str, tuple[str, int]]:
    """Predicate lemma (or light-verb phrase) -> (family, strength)."""
    scales: dict[str, tuple[str, int]] = {}
    for line in lines("predicates.txt"):
        family, strength, lemma = line.split("\t")
        scales.setdefault(lemma.strip().lower(), (family, int(strength)))
    return scales


@cache
def entity_aliases() -> dict[str, str]:
    """Lower-case alias -> canonical name (the first name of its group)."""
    table: dict[str, str] = {}
    for line in lines("entity_aliases.txt"):
        names = [n.strip().lower() for n in line.split("|") if n.strip()]
        for alias in names:
            table.setdefault(alias, names[0])
    return table


def canonical_entity(name: str) -> str:
    """Normalise an entity mention: lower case, no leading article, aliases merged."""
    key = name.lower().strip().strip(".,;:'\"“”‘’")
    for article in ("the ", "a ", "an "):
        if key.startswith(article):
            key = key[len(article) :]
    key = key.removesuffix("'s").removesuffix("’s")
    return entity_aliases().get(key, key)


@cache
def capitals() -> dict[str, str]:
    """Lower-case capital or seat of government -> canonical country name."""
    table: dict[str, str] = {}
    for line in lines("capitals.txt"):
        country, *places = [n.strip().lower() for n in line.split("|")]
        for place in places:
            table[place] = country
    return table
