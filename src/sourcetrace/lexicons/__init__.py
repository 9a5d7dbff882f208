"""General English lexicons, kept as data files beside this module.

Each file starts with ``#`` comment lines naming its origin; data lines are tab-separated
``CATEGORY<TAB>PHRASE`` (or, for ``predicates.txt``, ``FAMILY<TAB>STRENGTH<TAB>LEMMA``;
for ``entity_aliases.txt``, ``|``-separated alias groups). Loading is cached.
"""

from __future__ import annotations

import re
from collections import Counter
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
    """Lower-case alias -> canonical name (the first name of its group).

    Country names come from ISO 3166 through pycountry (short, official and common names:
    "Russian Federation", "Viet Nam", "Vietnam"); ``entity_aliases.txt`` adds what no package
    gives: informal names ("Britain", "America"), demonyms and a few organisations. A country
    named in the file keeps the file's canonical name, so both sources merge into one group.
    """
    table: dict[str, str] = {}
    for line in lines("entity_aliases.txt"):
        names = [n.strip().lower() for n in line.split("|") if n.strip()]
        for alias in names:
            table.setdefault(alias, names[0])
    for names in _iso_country_names():
        canonical = next((table[n] for n in names if n in table), names[0])
        for name in names:
            table.setdefault(name, canonical)
    return table


@cache
def canonical_entities() -> frozenset[str]:
    """The canonical names of :func:`entity_aliases` (its values), for fast membership."""
    return frozenset(entity_aliases().values())


def _iso_country_names() -> list[list[str]]:
    """Each ISO 3166 country's lower-case names, the common or short name first.

    An index form ("Netherlands, Kingdom of the") gives its head ("netherlands") unless the
    head is another country's name or shared ("Korea, Republic of", "Congo, The Democratic
    Republic of the")."""
    import pycountry

    raw = [
        [
            name.lower()
            for attribute in ("common_name", "name", "official_name")
            if (name := getattr(country, attribute, None))
        ]
        for country in pycountry.countries
    ]
    plain = {n for names in raw for n in names if "," not in n}
    heads = Counter(n.split(",")[0] for names in raw for n in set(names) if "," in n)
    groups = []
    for names in raw:
        group: list[str] = []
        for name in names:
            if "," in name:
                head = name.split(",")[0]
                name = head if heads[head] == 1 and head not in plain else ""
            if name and name not in group:
                group.append(name)
        if group:
            groups.append(group)
    return groups


@cache
def country_codes() -> dict[str, str]:
    """Upper-case ISO 3166 alpha-2 and alpha-3 codes ("US", "USA") -> canonical country name.

    Codes are matched only in capitals (see :func:`canonical_entity`): "IT" may be Italy, but
    "it" is a pronoun."""
    import pycountry

    table: dict[str, str] = {}
    for country in pycountry.countries:
        canonical = canonical_entity(getattr(country, "common_name", None) or country.name)
        table[country.alpha_2] = canonical
        table[country.alpha_3] = canonical
    return table


# Initials written with full stops ("U.S.", "U.K.", "E.U."): the stops go before lookup.
_DOTTED_INITIALS = re.compile(r"(?:[A-Za-z]\.){2,}[A-Za-z]?")


def canonical_entity(name: str) -> str:
    """Normalise an entity mention: lower case, no leading article, aliases merged.

    "U.S." -> "US" -> "united states"; an upper-case ISO code names its country; a plural
    of a known name ("Europeans") is that name.
    """
    key = name.strip().strip(",;:'\"“”‘’")
    lowered = key.lower()
    for article in ("the ", "a ", "an "):
        if lowered.startswith(article):
            key = key[len(article) :]
            break
    key = key.removesuffix("'s").removesuffix("’s")
    key = key.replace(".", "") if _DOTTED_INITIALS.fullmatch(key) else key.rstrip(".")
    lowered = key.lower()
    aliases = entity_aliases()
    if lowered in aliases:
        return aliases[lowered]
    if key.isupper() and key in country_codes():
        return country_codes()[key]
    if lowered.endswith("s") and lowered[:-1] in aliases:
        return aliases[lowered[:-1]]
    return lowered


@cache
def capitals() -> dict[str, str]:
    """Lower-case capital or seat of government -> canonical country name."""
    table: dict[str, str] = {}
    for line in lines("capitals.txt"):
        country, *places = [n.strip().lower() for n in line.split("|")]
        for place in places:
            table[place] = country
    return table
