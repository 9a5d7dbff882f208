"""A small fictional corpus with planted derivations, and a fake auditor, for corpus tests.

All text is generated here from invented names and general words: sources on unrelated
topics, a lightly edited copy (S1 -> D1), a copy of that copy (D1 -> D2, a chain), a
paraphrase with synonyms and reordered sentences (S2 -> P2), and unrelated articles.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sourcetrace.model import Article

FIRST = [
    "Mara",
    "Tobin",
    "Ilse",
    "Dariusz",
    "Keoni",
    "Petra",
    "Anselm",
    "Zuri",
    "Odile",
    "Rafe",
    "Bettina",
    "Caspian",
    "Noor",
    "Ewald",
    "Fenna",
    "Giorgi",
    "Halvard",
    "Imke",
    "Jorund",
    "Liesel",
]
LAST = [
    "Quillfeather",
    "Ostrander",
    "Belcourt",
    "Vantongeren",
    "Marchetti",
    "Lindqvist",
    "Achterberg",
    "Brannigan",
    "Castellanos",
    "Dunleavy",
    "Eskildsen",
    "Fairweather",
]
TOWNS = [
    "Harrowgate",
    "Velmora",
    "Port Ansel",
    "Kestrel Bay",
    "Dunmarrow",
    "Silverholm",
    "Ashcombe",
    "Brindlemere",
    "Corvanne",
    "Eastwick Ford",
    "Glenmourne",
    "Larkspur Point",
]
ORGS = [
    "Tidewater Council",
    "Northern Rail Guild",
    "Marrow Valley Trust",
    "Civic Lantern Fund",
    "Harbourmasters Board",
    "Granary Cooperative",
    "Coastal Schools Office",
    "Water Authority",
]
NOUNS = [
    "bridge",
    "budget",
    "clinic",
    "harbour",
    "library",
    "school",
    "tram line",
    "market",
    "reservoir",
    "ferry",
    "museum",
    "stadium",
    "orchard",
    "depot",
    "festival",
    "archive",
    "shelter",
    "canal",
    "observatory",
    "bakery",
    "pipeline",
    "windfarm",
    "hospital",
    "garage",
    "lighthouse",
    "quarry",
    "vineyard",
    "playground",
    "courthouse",
    "seawall",
    "greenhouse",
    "tannery",
    "aqueduct",
    "theatre",
    "brewery",
    "boatyard",
    "cemetery",
    "granary",
    "mill",
]
VERBS = [
    "approved",
    "delayed",
    "rejected",
    "funded",
    "inspected",
    "expanded",
    "closed",
    "reopened",
    "audited",
    "relocated",
    "renamed",
    "privatised",
    "demolished",
    "insured",
    "leased",
    "rebuilt",
]
ADJS = [
    "old",
    "new",
    "northern",
    "crowded",
    "costly",
    "modest",
    "temporary",
    "flooded",
    "historic",
    "disputed",
    "unfinished",
    "popular",
    "fragile",
    "municipal",
    "abandoned",
    "rural",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
# Synonyms used to paraphrase: they change most word triples but keep the content words.
SYNONYMS = {
    "said": "stated",
    "the": "this",
    "in": "within",
    "on": "during",
    "would": "will",
    "was": "had been",
    "a": "one",
    "that": "how",
    "of": "for",
    "and": "plus",
}


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _sentence(
    rng: random.Random, town: str, org: str, person: str, vocabulary: dict[str, list[str]]
) -> str:
    noun, noun2 = rng.sample(vocabulary["nouns"], 2)
    verb, adj, day = (
        rng.choice(vocabulary["verbs"]),
        rng.choice(vocabulary["adjs"]),
        rng.choice(DAYS),
    )
    number = rng.randint(3, 900)
    forms = [
        f"The {org} {verb} the {adj} {noun} in {town} on {day}.",
        f'"We {verb} the {noun} because {number} families asked for it," {person} said.',
        f"{person} said the {noun} would cost {number} thousand crowns and replace the {noun2}.",
        f"Residents of {town} had waited {number} days for a decision on the {adj} {noun}.",
        f"According to {person}, the {noun2} near the {noun} was {adj} and needed work.",
        f"Critics in {town} argued that the {org} ignored the {noun2} for years.",
        f"The {noun} opened in {1900 + number % 120} and served {number} people a week.",
        f'"Nobody expected the {noun2} to be {verb} so quickly," said {person}.',
    ]
    return rng.choice(forms)


def make_source(rng: random.Random, sentences: int = 14) -> str:
    """A fictional local-news article: a title line, then paragraphs of sentences."""
    town, org, person = rng.choice(TOWNS), rng.choice(ORGS), _person(rng)
    # Each article draws on its own few words, as articles on different subjects do.
    vocabulary = {
        "nouns": rng.sample(NOUNS, 4),
        "verbs": rng.sample(VERBS, 3),
        "adjs": rng.sample(ADJS, 3),
    }
    title = f"{org} decision on the {vocabulary['nouns'][0]} divides {town}"
    body = [_sentence(rng, town, org, person, vocabulary) for _ in range(sentences)]
    paragraphs = [" ".join(body[i : i + 2]) for i in range(0, len(body), 2)]
    return "\n\n".join([title, *paragraphs])


def copy_edit(text: str, rng: random.Random, keep: float = 0.8) -> str:
    """A rewrite that keeps most sentences verbatim and changes some numbers."""
    paragraphs = text.split("\n\n")
    kept = [paragraphs[0]] + [p for p in paragraphs[1:] if rng.random() < keep]
    edited = []
    for paragraph in kept:
        words = paragraph.split(" ")
        words = [str(int(w) + 7) if w.isdigit() and rng.random() < 0.3 else w for w in words]
        edited.append(" ".join(words))
    return "\n\n".join(edited)


def paraphrase(text: str, rng: random.Random) -> str:
    """Synonym substitution, a dropped paragraph and shuffled paragraphs: few shared word
    triples, the same content words."""
    paragraphs = text.split("\n\n")
    body = paragraphs[2:]
    rng.shuffle(body)
    out = []
    for paragraph in [paragraphs[0], *body]:
        out.append(" ".join(SYNONYMS.get(w.lower(), w) for w in paragraph.split(" ")))
    return "\n\n".join(out)


def corpus_records(seed: int = 7, unrelated: int = 4) -> list[dict[str, Any]]:
    """JSONL-ready records with known derivations (see module docstring).

    Expected closest-source pairs: s1 -> d1, d1 -> d2, s2 -> p2. D1/D2 carry publication
    dates after S1; P2 and S2 carry none (direction from containment).
    """
    rng = random.Random(seed)
    day = date(2031, 3, 2)
    s1, s2 = make_source(rng), make_source(rng)
    d1 = copy_edit(s1, rng)
    d2 = copy_edit(d1, rng, keep=0.85)
    p2 = paraphrase(s2, rng)
    records = [
        {"id": "s1", "text": s1, "outlet": "Harbour Herald", "published": day.isoformat()},
        {
            "id": "d1",
            "text": d1,
            "outlet": "Daily Relay",
            "published": (day + timedelta(1)).isoformat(),
        },
        {
            "id": "d2",
            "text": d2,
            "outlet": "Quick Wire",
            "published": (day + timedelta(2)).isoformat(),
        },
        {"id": "s2", "text": s2, "outlet": "Harbour Herald"},
        {"id": "p2", "text": p2, "outlet": "Quick Wire"},
    ]
    for n in range(unrelated):
        records.append({"id": f"u{n}", "text": make_source(rng), "outlet": "Valley Post"})
    return records


EXPECTED_CLOSEST = {("s1", "d1"), ("d1", "d2"), ("s2", "p2")}


def write_jsonl(records: list[dict[str, Any]], path: Path) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def fake_audit(source: Article, derived: Article, models: Any) -> dict[str, Any]:
    """A deterministic stand-in auditor: one finding per number of the derived text that the
    source lacks (enough to exercise storage without loading models)."""
    import re

    source_numbers = set(re.findall(r"\d+", source.text))
    findings = []
    for match in re.finditer(r"\d+", derived.text):
        if match.group() not in source_numbers:
            findings.append(
                {
                    "kind": "number_changed",
                    "severity": "major",
                    "speaker": None,
                    "in_quote": False,
                    "derived_start": match.start(),
                    "derived_end": match.end(),
                    "source_start": None,
                    "source_end": None,
                    "derived_text": match.group(),
                    "source_text": None,
                    "reason": f"number {match.group()} is not in the source",
                }
            )
    return {"findings": findings, "worst": "major" if findings else None, "report_json": None}


def no_models() -> None:
    return None


def audit_failing_on_chains(source: Article, derived: Article, models: Any) -> dict[str, Any]:
    """The fake auditor, except that it raises for the copy of a copy (to test failures)."""
    if source.outlet == "Daily Relay":  # d1, the source of d2
        raise RuntimeError("cannot audit this pair")
    return fake_audit(source, derived, models)
