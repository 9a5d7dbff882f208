"""Corpus-mode benchmark: discovery, direction and audit on synthetic corpora with planted
derivations (``make bench-corpus``).

For each size N a corpus is built from ``sourcetrace.synth.articles.generate_articles``
(the sources) plus derived articles written from them with known ground truth:

* ``edited``     ``synth.derive`` with three planted distortions (gold findings kept);
* ``chain``      ``synth.derive`` applied to an ``edited`` article (A -> B -> C);
* ``summary``    a derived article cut to its first half (no gold: offsets move);
* ``paraphrase`` a source reworded word by word and reordered, sharing few word triples
                 with it (no gold), the case embedding neighbours are there for;

and the shapes real copies take (issue 12), each of them a planted derivation too:

* ``partial``    a page excerpt: the first 40-70% of the source's characters, cut at a word,
                 sometimes with "..." or "Read more";
* ``clutter``    the source among page clutter: menu lines, "Advertisement", a photo caption,
                 related-story teasers and a share line;
* ``spun``       a synonym-spun copy: the same sentences in the same order, words swapped;
* ``context``    a paraphrased rewrite (function words reworded) with two or three added
                 paragraphs of background, before, inside or after the shared core;

and, as hard negatives (not derivations), ``independent`` articles on the same event: a
second article written from a source's facts (its speakers, roles, organisations, towns and
numbers) in other sentences.

Half of the derived articles carry a publication date after their source's, half none (so
direction must come from containment). The scan runs through ``sourcetrace.corpus.scan``
with the real ``check()``; the benchmark prints discovery precision and recall, direction and
closest-source accuracy, finding recall by kind on the audited pairs, rates and peak memory.
On the smallest corpus it also runs ``text-matcher`` (pairwise text reuse, all pairs) and
prints both tools' time and recall side by side.

Each size runs in its own process so that peak memory is per size. The generated corpora are
cached in --work (generation is not what is measured).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

KIND_SHARES = {
    "edited": 0.2,
    "chain": 0.1,
    "summary": 0.08,
    "paraphrase": 0.07,
    "partial": 0.11,
    "clutter": 0.11,
    "spun": 0.11,
    "context": 0.11,
    "independent": 0.11,
}
# Synonyms for spinning (general English, one sense each; names and numbers are kept).
SPIN = {
    "said": "stated",
    "says": "states",
    "added": "noted",
    "will": "is set to",
    "may": "might",
    "could": "might",
    "raise": "increase",
    "cut": "reduce",
    "new": "fresh",
    "reach": "attain",
    "delay": "postpone",
    "affects": "impacts",
    "affecting": "impacting",
    "need": "require",
    "want": "desire",
    "support": "back",
    "oppose": "reject",
    "meet": "convene",
    "discuss": "debate",
    "decision": "ruling",
    "officials": "authorities",
    "commented": "remarked",
    "already": "previously",
    "both": "each of",
    "all": "every one",
    "plan": "scheme",
    "project": "scheme",
}
CLUTTER_TOP = ("Home | News | Local | Sport | Weather | Contact", "Advertisement")
CLUTTER_TEASERS = (
    "Related: Council tax bills set to rise across the region",
    "Most read: Storm warning issued for the coast this weekend",
    "Read next: Rail strike dates announced for the spring",
)
CLUTTER_END = ("Share this article", "Sign up for our daily newsletter", "© All rights reserved")
# General English function words and reporting verbs with a same-meaning replacement: the
# paraphrase keeps content words (names, numbers, topics) and breaks most word triples.
REWORDING = {
    "said": "stated",
    "says": "states",
    "told": "informed",
    "the": "this",
    "a": "one",
    "in": "within",
    "on": "upon",
    "at": "by",
    "of": "for",
    "and": "as well as",
    "that": "how",
    "will": "shall",
    "would": "could",
    "not": "never",
    "have": "possess",
    "has": "holds",
    "want": "wish for",
    "need": "require",
    "affects": "touches",
    "according": "referring",
    "to": "toward",
}


# corpus ---------------------------------------------------------------------------------------
def reword(text: str, rng: random.Random) -> str:
    """A heavy paraphrase: reworded function words, shuffled body paragraphs, one dropped."""
    paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
    title, body = paragraphs[0], paragraphs[1:]
    rng.shuffle(body)
    if len(body) > 2:
        body = body[:-1]
    out = []
    for paragraph in [title, *body]:
        words = paragraph.split(" ")
        out.append(" ".join(REWORDING.get(w, w) if rng.random() < 0.9 else w for w in words))
    return "\n\n".join(out) + "\n"


def spin(text: str, rng: random.Random) -> str:
    """The same sentences with most replaceable words swapped for synonyms."""
    return " ".join(
        SPIN.get(word, word) if rng.random() < 0.9 else word for word in text.split(" ")
    )


def excerpt(text: str, rng: random.Random) -> str:
    """The first 40-70% of the characters, cut at a word, sometimes with a "more" tail."""
    cut = text.rfind(" ", 0, int(len(text) * rng.uniform(0.4, 0.7)))
    tail = rng.choice(("", " ...", "\n\nRead more"))
    return text[:cut].rstrip() + tail + "\n"


def clutter(text: str, rng: random.Random) -> str:
    """The text among menu lines, ads, a caption, teasers and share lines."""
    paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
    title, body = paragraphs[0], paragraphs[1:]
    middle = max(1, len(body) // 2)
    caption = f"Photo: {title.split(' ')[0]} {rng.choice(('at dusk', 'in spring', 'last year'))}"
    lines = [
        *CLUTTER_TOP,
        title,
        *body[:middle],
        "Advertisement",
        caption,
        *body[middle:],
        *rng.sample(CLUTTER_TEASERS, 2),
        *CLUTTER_END,
    ]
    return "\n\n".join(lines) + "\n"


def with_context(text: str, background: str, rng: random.Random) -> str:
    """A paraphrase of ``text`` (in order) with two or three paragraphs of ``background``
    before, inside or after the shared core."""
    paragraphs = [p for p in reword_in_order(text, rng).strip().split("\n\n") if p.strip()]
    extra = [p for p in background.strip().split("\n\n")[1:] if p.strip()]
    added = extra[: rng.choice((2, 3))]
    where = rng.choice(("before", "inside", "after"))
    if where == "before":
        out = [paragraphs[0], *added, *paragraphs[1:]]
    elif where == "inside":
        half = max(1, len(paragraphs) // 2)
        out = [*paragraphs[:half], *added, *paragraphs[half:]]
    else:
        out = [*paragraphs, *added]
    return "\n\n".join(out) + "\n"


def reword_in_order(text: str, rng: random.Random) -> str:
    """Function words reworded, paragraphs kept in order."""
    return "\n\n".join(
        " ".join(REWORDING.get(w, w) if rng.random() < 0.7 else w for w in p.split(" "))
        for p in text.strip().split("\n\n")
    )


# Sentences an independent reporter writes from the same facts: other wording and order.
INDEPENDENT_TEMPLATES = (
    "{full} spoke about {project} as questions mounted in {town}.",
    "In {town}, {project} has become the talk of the week for {units}.",
    "{org} staff were unavailable when this paper called on {day}.",
    "Asked about the cost, {last} pointed to {number} and declined to go further.",
    "The row over {project} is being watched closely in {town2} as well.",
    "For {units} in {region}, what happens next is still unclear.",
    "{last}, who works as {role}, has followed the issue for years.",
    "A public meeting on {project} is planned, with {number} expected to attend.",
    "Critics say the figures do not add up, pointing to {number}.",
    "Neither {org} nor the regional office would give a date.",
    "Residents of {town} packed a church hall on {day} to hear what {project} would mean.",
    "{full} has been asked about {project} more than once this month.",
    "Nobody in {region} disputes that {number} is a lot for a place like {town}.",
    "The local paper in {town2} first raised doubts about {project} last spring.",
    "{last} would not say whether {org} had been warned in advance.",
    "Shopkeepers on the high street of {town} say trade has been slow all year.",
    "A spokesperson for {org} promised an update before {day}.",
    "Opposition councillors in {region} want an independent review.",
    "Some of those affected moved to {town2} years ago and still commute.",
    "Letters about {project} have filled the inbox of this newspaper for weeks.",
    "When pressed, {last} said only that the figure of {number} was an estimate.",
    "Older residents of {town} remember a similar dispute in the 1990s.",
    "It is not the first time that {org} has faced questions from {units}.",
    "Campaigners plan to march through {town} on {day}.",
)
# Each independent article uses this many of the templates (a reporter's own sentences).
INDEPENDENT_SENTENCES = 10


SPEAKER_INTRO = re.compile(
    r"\b([A-Z][a-z]+) ([A-Z][a-z]+), (?:an? )?([a-z' -]+?) at the ([A-Z][\w ]+?)(?:[,.]|$)",
    re.MULTILINE,
)
FULL_NAME = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]+)\b")
NUMBER = re.compile(r"\$?\d[\d,.]*(?: million| percent)?")


def independent(text: str, rng: random.Random) -> str:
    """An article on the same event from the facts of ``text``: its speakers, roles,
    organisations, towns and numbers, in sentences of its own."""
    from sourcetrace.synth.articles import MANY_FIRST_NAMES, MANY_REGIONS, MANY_TOWNS, WEEKDAYS

    towns = [t for t in MANY_TOWNS if re.search(rf"\b{t}\b", text)] or [rng.choice(MANY_TOWNS)]
    speakers = SPEAKER_INTRO.findall(text) or [
        (first, last, "an official", f"{towns[0]} Council")
        for first, last in FULL_NAME.findall(text)
        if first in MANY_FIRST_NAMES
    ]
    speakers = speakers or [("Alex", "Moor", "an official", f"{towns[0]} Council")]
    numbers = NUMBER.findall(text) or ["a large sum"]
    regions = [r for r in MANY_REGIONS if r in text] or [rng.choice(MANY_REGIONS)]
    project = rng.choice(("the plan", "the scheme", "the proposal"))
    sentences = []
    for template in rng.sample(INDEPENDENT_TEMPLATES, INDEPENDENT_SENTENCES):
        first, last, role, org = rng.choice(speakers)
        sentences.append(
            template.format(
                full=f"{first} {last}",
                last=last,
                role=role,
                org=org if template.startswith("{org}") else f"the {org}",
                project=project,
                town=towns[0],
                town2=towns[-1],
                region=regions[0],
                units="residents",
                day=rng.choice(WEEKDAYS),
                number=rng.choice(numbers),
            )
        )
    sentences = [s[0].upper() + s[1:] for s in sentences]
    paragraphs = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
    return "\n\n".join([f"What {towns[0]} makes of {project}", *paragraphs]) + "\n"


def summarise(text: str) -> str:
    """The title and the first half of the body paragraphs."""
    paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
    keep = max(2, 1 + (len(paragraphs) - 1) // 2)
    return "\n\n".join(paragraphs[:keep]) + "\n"


def build_corpus(n: int, seed: int, derived_share: float) -> dict[str, Any]:
    """Records (JSONL-ready) and the planted truth: edges, kinds and gold per derived id."""
    from sourcetrace.nlp import load_spacy
    from sourcetrace.synth import ALL_DISTORTIONS, derive
    from sourcetrace.synth.articles import generate_articles

    nlp = load_spacy()
    rng = random.Random(seed)
    n_derived = int(n * derived_share)
    # variety: unrelated articles share about as much as real unrelated articles do
    # (typed-change material is for the typed distortions, which corpus runs do not plant)
    sources = generate_articles(n - n_derived, seed, typed=False, variety=True)
    records = [dict(a) for a in sources]
    by_id = {r["id"]: r for r in records}
    outlets = sorted({r["outlet"] for r in records})
    edges: list[tuple[str, str, str]] = []
    gold: dict[str, dict[str, Any]] = {}
    edited: list[str] = []
    negatives: list[tuple[str, str]] = []
    borrowed: list[tuple[str, str]] = []
    kinds, weights = zip(*KIND_SHARES.items(), strict=True)
    for number in range(n_derived):
        kind = rng.choices(kinds, weights)[0]
        if kind == "chain" and not edited:
            kind = "edited"
        parent = by_id[rng.choice(edited)] if kind == "chain" else rng.choice(sources)
        child_id = f"derived-{seed}-{number:05d}"
        if kind == "paraphrase":
            text = reword(parent["text"], rng)
        elif kind == "partial":
            text = excerpt(parent["text"], rng)
        elif kind == "clutter":
            text = clutter(parent["text"], rng)
        elif kind == "spun":
            text = spin(parent["text"], rng)
        elif kind == "context":
            background = rng.choice(sources)
            text = with_context(parent["text"], background["text"], rng)
            # its added paragraphs are copied from the background article: a real copy too
            borrowed.append((background["id"], child_id))
        elif kind == "independent":
            text = independent(parent["text"], rng)
        else:
            pair = derive(
                parent["text"], kinds=ALL_DISTORTIONS, rng=rng, n_edits=3, nlp=nlp, pair_id=child_id
            )
            text = pair.derived_text
            if kind == "summary":
                text = summarise(text)
            else:
                gold[child_id] = pair.gold
        published = None
        if parent.get("published") and rng.random() < 0.5:
            published = (
                date.fromisoformat(parent["published"]) + timedelta(days=rng.randint(1, 5))
            ).isoformat()
        record = {
            "id": child_id,
            "title": None,
            "outlet": rng.choice(outlets),
            "published": published,
            "text": text,
        }
        records.append(record)
        by_id[child_id] = record
        if kind == "independent":
            negatives.append((parent["id"], child_id))
            continue
        edges.append((parent["id"], child_id, kind))
        if kind == "edited":
            edited.append(child_id)
    rng.shuffle(records)
    return {
        "records": records,
        "edges": edges,
        "gold": gold,
        "negatives": negatives,
        "borrowed": borrowed,
    }


def cached_corpus(
    work: Path, n: int, seed: int, derived_share: float
) -> tuple[Path, dict[str, Any]]:
    # "varied": built from generate_articles(variety=True) (older caches are not reused)
    corpus = work / f"corpus-{n}-{seed}-{derived_share}-varied3.jsonl"
    truth = work / f"truth-{n}-{seed}-{derived_share}-varied3.json"
    if not (corpus.exists() and truth.exists()):
        work.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        built = build_corpus(n, seed, derived_share)
        with corpus.open("w", encoding="utf-8") as handle:
            for record in built["records"]:
                handle.write(json.dumps(record) + "\n")
        truth.write_text(
            json.dumps({key: built[key] for key in ("edges", "gold", "negatives", "borrowed")}),
            encoding="utf-8",
        )
        print(
            f"  built corpus of {n} in {time.perf_counter() - started:.0f}s -> {corpus}", flush=True
        )
    return corpus, json.loads(truth.read_text(encoding="utf-8"))


# evaluation -----------------------------------------------------------------------------------
def evaluate(out: Path, truth: dict[str, Any]) -> dict[str, Any]:
    """Discovery, direction and finding recall against the planted truth."""
    from sourcetrace.corpus.store import Store

    edges = [tuple(e) for e in truth["edges"]]
    parent_of = {child: parent for parent, child, _ in edges}
    kind_of = {child: kind for _, child, kind in edges}
    direct = {frozenset((p, c)) for p, c, _ in edges}
    transitive = set()
    for child, parent in parent_of.items():
        ancestor = parent_of.get(parent)
        while ancestor is not None:
            transitive.add(frozenset((ancestor, child)))
            ancestor = parent_of.get(ancestor)
    children: dict[str, list[str]] = defaultdict(list)
    for parent, child, _ in edges:
        children[parent].append(child)
    siblings = {
        frozenset((a, b)) for kids in children.values() for a in kids for b in kids if a < b
    }

    def root(article: str) -> str:
        while article in parent_of:
            article = parent_of[article]
        return article

    with Store(out, read_only=True) as store:
        rows = store.query("SELECT source_id, derived_id, role, direction_basis FROM pairs")
        findings = store.query(
            "SELECT p.source_id, p.derived_id, f.kind, f.severity, f.speaker, f.in_quote, "
            "f.derived_start, f.derived_end, f.source_start, f.source_end, f.reason "
            "FROM findings f JOIN pairs p USING (pair_id)"
        )
        audited = store.query(
            "SELECT p.source_id, p.derived_id FROM work w JOIN pairs p USING (pair_id) "
            "WHERE w.status = 'done'"
        )
        texts = dict(store.query("SELECT id, text FROM articles"))
    found = {frozenset((s, d)): (s, d, role, basis) for s, d, role, basis in rows}

    # A context rewrite copies paragraphs of a background article: it is linked to that
    # article and to the articles of its line (its ancestors and descendants) too.
    def line(article: str) -> set[str]:
        ancestors = {article}
        while article in parent_of:
            article = parent_of[article]
            ancestors.add(article)
        return ancestors

    borrowed = {
        frozenset((other, child))
        for background, child in truth.get("borrowed", [])
        for other in {background, *(a for a in parent_of if background in line(a))}
        | line(background)
        if other != child
    }
    related = direct | transitive | borrowed
    recall_by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for parent, child, kind in edges:
        recall_by_kind[kind][1] += 1
        recall_by_kind[kind][0] += int(frozenset((parent, child)) in found)
    direction = Counter()
    direction_by_basis: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    direction_by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for parent, child, kind in edges:
        hit = found.get(frozenset((parent, child)))
        if hit is None:
            continue
        correct = (hit[0], hit[1]) == (parent, child)
        direction_by_kind[kind][1] += 1
        direction_by_kind[kind][0] += int(correct)
        direction[correct] += 1
        direction_by_basis[hit[3]][1] += 1
        direction_by_basis[hit[3]][0] += int(correct)
    negatives = {frozenset(pair) for pair in truth.get("negatives", [])}
    negatives_linked = len(negatives & set(found))
    true_found = len(set(found) & related)
    closest = {d: s for s, d, role, _ in rows if role == "closest"}
    closest_ok = sum(1 for child, parent in parent_of.items() if closest.get(child) == parent)
    return {
        "verified_pairs": len(found),
        "planted_pairs": len(direct),
        "recall": sum(v[0] for v in recall_by_kind.values()) / max(1, len(direct)),
        "recall_by_kind": {k: v[0] / v[1] for k, v in sorted(recall_by_kind.items())},
        "precision": len(set(found) & related) / max(1, len(found)),
        "precision_with_siblings": len(set(found) & (related | siblings)) / max(1, len(found)),
        # Pairs from one derivation tree (cousins included) share copied text: related too.
        "precision_same_tree": sum(1 for pair in found if len({root(a) for a in pair}) == 1)
        / max(1, len(found)),
        "hard_negatives": len(negatives),
        "hard_negatives_linked": negatives_linked,
        "precision_on_hard_negatives": true_found / max(1, true_found + negatives_linked),
        "direction_by_kind": {k: v[0] / v[1] for k, v in sorted(direction_by_kind.items()) if v[1]},
        "direction_accuracy": direction[True] / max(1, direction[True] + direction[False]),
        "direction_by_basis": {b: v[0] / v[1] for b, v in sorted(direction_by_basis.items())},
        "closest_source_accuracy": closest_ok / max(1, len(parent_of)),
        "finding_recall": finding_recall(findings, audited, parent_of, truth["gold"], texts),
        "audited_pairs": len(audited),
        "kind_of_audited": Counter(kind_of.get(d, "false positive") for _, d in audited),
    }


def finding_recall(
    findings: list[tuple[Any, ...]],
    audited: list[tuple[str, str]],
    parent_of: dict[str, str],
    gold: dict[str, dict[str, Any]],
    texts: dict[str, str],
) -> dict[str, Any]:
    """Recall of planted distortions by kind, over audited pairs that are planted edges with
    gold (``edited`` and ``chain``), with the evaluation's matching rule."""
    from sourcetrace.eval.gold import gold_from_dict
    from sourcetrace.eval.matching import Counts, score_findings
    from sourcetrace.model import Article, Finding, Severity, Span

    by_pair: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for s, d, kind, severity, speaker, in_quote, ds, de, ss, se, reason in findings:
        by_pair[(s, d)].append(
            Finding(
                kind=kind,
                severity=Severity(severity),
                reason=reason,
                derived_span=Span(ds, de) if ds is not None else None,
                source_span=Span(ss, se) if ss is not None else None,
                speaker=speaker,
                in_quote=bool(in_quote),
            )
        )
    per_kind: dict[str, Counts] = defaultdict(Counts)
    overall = Counts()
    scored = 0
    for source_id, derived_id in audited:
        if parent_of.get(derived_id) != source_id or derived_id not in gold:
            continue
        pair_gold = gold_from_dict(
            gold[derived_id],
            Article(texts[source_id]),
            Article(texts[derived_id]),
            origin=derived_id,
        )
        result = score_findings(by_pair.get((source_id, derived_id), []), pair_gold)
        scored += 1
        overall.add(result.overall)
        for kind, counts in result.per_kind.items():
            per_kind[kind].add(counts)
    return {
        "pairs_scored": scored,
        "recall": overall.recall,
        "precision": overall.precision,
        "by_kind": {k: (c.found, c.gold) for k, c in sorted(per_kind.items()) if c.gold},
    }


# text-matcher ---------------------------------------------------------------------------------
_tm_texts: list[Any] = []


def _tm_init(texts: list[str]) -> None:
    from text_matcher.matcher import Text

    # removeStopwords=False: its stop-word list needs NLTK data that is not installed.
    _tm_texts.extend(Text(t, str(i), removeStopwords=False) for i, t in enumerate(texts))


def _tm_rows(rows: list[int]) -> list[tuple[int, int]]:
    from text_matcher.matcher import Matcher

    hits = []
    with contextlib.redirect_stdout(io.StringIO()):
        for i in rows:
            for j in range(i + 1, len(_tm_texts)):
                matcher = Matcher(_tm_texts[i], _tm_texts[j], removeStopwords=False)
                if matcher.numMatches:
                    hits.append((i, j))
    return hits


def run_text_matcher(corpus: Path, truth: dict[str, Any], workers: int) -> dict[str, Any]:
    """text-matcher over every pair of the corpus (its own all-pairs design), in parallel."""
    records = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    ids = [r["id"] for r in records]
    texts = [r["text"] for r in records]
    started = time.perf_counter()
    # Interleaved rows give each process a similar share of the triangle of pairs.
    chunks = [list(range(k, len(texts), workers * 8)) for k in range(workers * 8)]
    hits: list[tuple[int, int]] = []
    with ProcessPoolExecutor(workers, initializer=_tm_init, initargs=(texts,)) as pool:
        for part in pool.map(_tm_rows, chunks):
            hits.extend(part)
    seconds = time.perf_counter() - started
    found = {frozenset((ids[i], ids[j])) for i, j in hits}
    direct = {frozenset((p, c)) for p, c, _ in truth["edges"]}
    return {
        "seconds": seconds,
        "pairs_compared": len(texts) * (len(texts) - 1) // 2,
        "pairs_flagged": len(found),
        "recall": len(found & direct) / max(1, len(direct)),
        "precision": len(found & direct) / max(1, len(found)),
    }


def work_total(out: Path) -> int:
    from sourcetrace.corpus.store import Store

    with Store(out, read_only=True) as store:
        return int(store.query("SELECT count(*) FROM work")[0][0])


# one size -------------------------------------------------------------------------------------
def run_size(n: int, args: argparse.Namespace) -> dict[str, Any]:
    from sourcetrace.corpus import ScanSettings, scan

    work = Path(args.work)
    corpus, truth = cached_corpus(work, n, args.seed, args.derived_share)
    out = work / f"scan-{n}.duckdb"
    out.unlink(missing_ok=True)
    limit = None if n <= args.full_audit_max else args.audit_sample
    settings = ScanSettings(workers=args.workers, audit_limit=limit)
    started = time.perf_counter()
    summary = scan([corpus], out, settings)
    total = time.perf_counter() - started
    result = {
        "n": n,
        "timings": summary.timings,
        "total_seconds": total,
        "articles_per_second_discovery": n / summary.timings["discover"],
        "audited_per_second": summary.audited / summary.timings["audit"]
        if summary.audited
        else None,
        "audit_sampled": limit is not None,
        "audit_limit": limit,
        "pairs_to_audit": work_total(out),
        **evaluate(out, truth),
    }
    self_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result["peak_memory_mib"] = {"scan_process": self_peak, "largest_worker": child_peak}
    if n == min(args.sizes) and not args.no_text_matcher:
        result["text_matcher"] = run_text_matcher(corpus, truth, args.workers)
    return result


def print_result(r: dict[str, Any]) -> None:
    t = r["timings"]
    print(f"\n=== N = {r['n']} articles ({r['planted_pairs']} planted derivations) ===")
    print(
        f"discovery: {t['discover']:.1f}s ({r['articles_per_second_discovery']:.0f} articles/s, "
        "including the encoder load); "
        f"read {t['read']:.1f}s; audit {t['audit']:.1f}s"
    )
    print(
        f"discovery recall {r['recall']:.3f}  precision {r['precision']:.3f} "
        f"(counting sibling rewrites as related: {r['precision_with_siblings']:.3f}, "
        f"any two articles of one derivation tree: {r['precision_same_tree']:.3f}); "
        f"{r['verified_pairs']} verified pairs"
    )
    print(
        "recall by derivation: " + ", ".join(f"{k} {v:.3f}" for k, v in r["recall_by_kind"].items())
    )
    print(
        f"hard negatives (independent articles on the same event): "
        f"{r['hard_negatives_linked']} of {r['hard_negatives']} linked; precision counting them "
        f"{r['precision_on_hard_negatives']:.3f}"
    )
    print(
        "direction by derivation: "
        + ", ".join(f"{k} {v:.3f}" for k, v in r["direction_by_kind"].items())
    )
    print(
        f"direction accuracy {r['direction_accuracy']:.3f} ("
        + ", ".join(f"{k} {v:.3f}" for k, v in r["direction_by_basis"].items())
        + f"); closest-source accuracy {r['closest_source_accuracy']:.3f}"
    )
    audit_note = (
        f"a SAMPLE of {r['audited_pairs']} of {r['pairs_to_audit']} closest-source pairs "
        "(auditing all would take too long here)"
        if r["audit_sampled"]
        else f"all {r['audited_pairs']} closest-source pairs"
    )
    rate = r["audited_per_second"]
    print(f"audit: {audit_note}; {rate:.2f} pairs/s" if rate else f"audit: {audit_note}")
    fr = r["finding_recall"]
    if fr["pairs_scored"]:
        print(
            f"finding recall {fr['recall']:.3f} (precision {fr['precision']:.3f}) over "
            f"{fr['pairs_scored']} audited planted pairs with gold; by kind: "
            + ", ".join(f"{k} {f}/{g}" for k, (f, g) in fr["by_kind"].items())
        )
    peak = r["peak_memory_mib"]
    print(
        f"peak memory: scan process {peak['scan_process']:.0f} MiB, "
        f"largest worker {peak['largest_worker']:.0f} MiB"
    )
    tm = r.get("text_matcher")
    if tm:
        ratio = tm["seconds"] / t["discover"]
        print(
            f"text-matcher (all {tm['pairs_compared']:,} pairs): {tm['seconds']:.1f}s, recall "
            f"{tm['recall']:.3f}, precision {tm['precision']:.3f} "
            f"({tm['pairs_flagged']} pairs flagged)"
        )
        print(
            f"sourcetrace discovery: {t['discover']:.1f}s, recall {r['recall']:.3f}, precision "
            f"{r['precision']:.3f}; time ratio text-matcher / sourcetrace = {ratio:.1f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes (comma-separated)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--derived-share", type=float, default=0.2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--full-audit-max", type=int, default=1000, help="audit every pair up to this size"
    )
    parser.add_argument(
        "--audit-sample", type=int, default=80, help="pairs audited above that size"
    )
    parser.add_argument("--work", default="/tmp/sourcetrace-bench-corpus")
    parser.add_argument("--no-text-matcher", action="store_true")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.sizes = [int(s) for s in args.sizes.split(",")]
    if args.one:
        print(json.dumps(run_size(args.one, args), default=str))
        return
    results = []
    for n in args.sizes:
        print(f"running N = {n} ...", flush=True)
        done = subprocess.run(
            [sys.executable, __file__, *sys.argv[1:], "--one", str(n)],
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
        result = json.loads(done.stdout.strip().splitlines()[-1])
        results.append(result)
        print_result(result)
    Path(args.work, "results.json").write_text(
        json.dumps(results, indent=2, default=str), encoding="utf-8"
    )
    print(f"\nfull results: {Path(args.work, 'results.json')}")


if __name__ == "__main__":
    main()
