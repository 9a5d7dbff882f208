"""Synthetic derived articles: distort a source on purpose and record exactly what changed.

:func:`derive` applies chosen distortions (FactCC-style edits, see :mod:`.edits`) to a
source text, adds light faithful rewording, and returns the derived text with a gold file in
the format of ``docs/gold-format.md``: every distortion becomes a gold item whose
``derived_text`` / ``source_text`` are exact substrings of the two texts. The gold is what
``sourcetrace eval`` scores against, so distortion recall can be measured on any article.
:mod:`.articles` writes fictional news articles to distort; :mod:`.recall` measures recall.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sourcetrace.errors import InputError
from sourcetrace.synth.context import Context, build_context
from sourcetrace.synth.edits import DISTORTIONS, Edit, paraphrase
from sourcetrace.synth.typed_edits import TYPED_DISTORTIONS

# Distortion name -> the finding kind a checker should report for it.
DISTORTION_KINDS: dict[str, str] = {
    "negation": "polarity_flip",
    "hedge_removal": "hedge_dropped",
    "quantifier_swap": "scope_changed",
    "number_change": "number_changed",
    "date_change": "number_changed",
    "entity_swap": "entity_changed",
    "speaker_swap": "misattribution",
    "quote_edit": "quote_altered",
    "quote_fabrication": "quote_fabricated",
    "added_sentence": "unsupported_addition",
    "dropped_sentence": "omission",
    "measure_swap": "predicate_changed",
    "period_swap": "number_changed",
    "alternative_dropped": "scope_changed",
    "headline_negation": "polarity_flip",
    "sourcing_dropped": "hedge_dropped",
    "actor_added": "entity_changed",
    "fragment_quote": "quote_fabricated",
}
# The typed changes (measure, period, sourcing, ...: :mod:`.typed_edits`) need article material
# the classic distortions do not; they are asked for by name or as "typed".
TYPED_KINDS: tuple[str, ...] = tuple(TYPED_DISTORTIONS)
ALL_DISTORTIONS: tuple[str, ...] = tuple(k for k in DISTORTIONS if k not in TYPED_DISTORTIONS)


@dataclass
class SynthPair:
    """A derived text and its gold (a dict in the gold-file format)."""

    derived_text: str
    gold: dict[str, Any]
    edits: list[Edit] = field(default_factory=list)


def parse_kinds(names: str | Sequence[str]) -> list[str]:
    """Distortion names from "a,b,c" or a list; "all" means every classic distortion, "typed"
    the typed changes."""
    if isinstance(names, str):
        names = [part.strip() for part in names.split(",") if part.strip()]
    if list(names) == ["all"]:
        return list(ALL_DISTORTIONS)
    if list(names) == ["typed"]:
        return list(TYPED_KINDS)
    unknown = [name for name in names if name not in DISTORTIONS]
    if unknown:
        raise InputError(
            f"unknown distortion {unknown[0]!r}; known: "
            f"{', '.join(ALL_DISTORTIONS + TYPED_KINDS)}, all, typed"
        )
    if not names:
        raise InputError("no distortion kinds given")
    return list(names)


def _merge_gap(first: str, second: str) -> str:
    """The whitespace left where a sentence was dropped: keep the larger break."""
    return first if first.count("\n") >= second.count("\n") else second


@dataclass
class _Placed:
    edit: Edit
    derived_text: str | None
    derived_start: int | None


def _assemble(context: Context, edits: list[Edit]) -> tuple[str, list[_Placed]]:
    """Write the derived text and note where each edit's derived sentence landed."""
    by_unit = {edit.unit: edit for edit in edits}
    pieces: list[str] = []
    length = 0
    placed: list[_Placed] = []
    pending = context.gaps[0]
    for unit in context.units:
        edit = by_unit.get(unit.index)
        following = context.gaps[unit.index + 1]
        if edit is not None and edit.drop:
            pending = _merge_gap(pending, following) if pieces else context.gaps[0]
            placed.append(_Placed(edit, None, None))
            continue
        pieces.append(pending)
        length += len(pending)
        text = edit.new_text if edit is not None and edit.new_text is not None else unit.text
        if edit is not None and edit.new_text is not None:
            placed.append(_Placed(edit, text, length))
        pieces.append(text)
        length += len(text)
        if edit is not None and edit.inserted is not None:
            pieces.append(" ")
            placed.append(_Placed(edit, edit.inserted, length + 1))
            pieces.append(edit.inserted)
            length += 1 + len(edit.inserted)
        pending = following
    pieces.append(pending)
    return "".join(pieces), placed


def _misplaced(context: Context, derived: str, placed: list[_Placed]) -> list[Edit]:
    """Edits whose texts would not be found at their own place by an exact substring search."""
    bad = []
    for item in placed:
        unit = context.units[item.edit.unit]
        source_ok = context.text.find(unit.text) == unit.span.start
        derived_ok = (
            item.derived_text is None or derived.find(item.derived_text) == item.derived_start
        )
        if not (source_ok and derived_ok):
            bad.append(item.edit)
    return bad


def _gold(
    context: Context,
    placed: list[_Placed],
    pair_id: str,
    source_name: str,
    derived_name: str,
) -> dict[str, Any]:
    findings: list[dict[str, Any]] = []
    faithful = []
    for item in sorted(placed, key=lambda p: (p.edit.unit, p.edit.inserted is not None)):
        edit = item.edit
        unit = context.units[edit.unit]
        if edit.faithful:
            assert item.derived_text is not None
            faithful.append(
                {
                    "derived_text": item.derived_text,
                    "source_text": unit.text,
                    "speaker": edit.speaker,
                    "note": f"synth {edit.op}: {edit.note}",
                }
            )
            continue
        findings.append(
            {
                "id": f"S{len(findings) + 1}-{edit.op}",
                "kinds": list(edit.kinds),
                "severity": edit.severity.value,
                "speaker": edit.speaker,
                "in_quote": edit.in_quote,
                "derived_text": item.derived_text,
                "source_text": None if edit.inserted is not None else unit.text,
                "note": f"synth {edit.op}: {edit.note}",
            }
        )
    return {
        "pair_id": pair_id,
        "source": source_name,
        "derived": derived_name,
        "source_meta": {},
        "derived_meta": {},
        "source_speakers": {speaker: None for speaker in context.speakers},
        "findings": findings,
        "faithful": faithful,
        "no_finding": [],
    }


def _choose_edits(
    context: Context, kinds: list[str], rng: random.Random, n_edits: int, noise: bool
) -> list[Edit]:
    unique = [u for u in context.units if u.editable and context.text.count(u.text) == 1]
    used: set[int] = set()
    edits: list[Edit] = []
    live = list(kinds)
    rng.shuffle(live)
    while live and len(edits) < n_edits:
        for kind in list(live):
            if len(edits) >= n_edits:
                break
            candidates = [u for u in unique if u.index not in used]
            rng.shuffle(candidates)
            edit = next(
                (
                    e
                    for u in candidates
                    if (e := DISTORTIONS[kind](context, u, rng)) is not None and e.unit not in used
                ),
                None,
            )
            if edit is None:
                live.remove(kind)
                continue
            edits.append(edit)
            used.add(edit.unit)
    if noise:
        candidates = [u for u in unique if u.index not in used]
        rng.shuffle(candidates)
        wanted = rng.randint(1, 2)
        for unit in candidates:
            if wanted == 0:
                break
            edit = paraphrase(context, unit, rng)
            if edit is not None:
                edits.append(edit)
                used.add(unit.index)
                wanted -= 1
    return edits


def derive(
    source_text: str,
    *,
    kinds: Sequence[str],
    rng: random.Random,
    n_edits: int = 3,
    noise: bool = True,
    nlp: Any = None,
    pair_id: str = "synth",
    source_name: str = "source.txt",
    derived_name: str = "derived.txt",
) -> SynthPair:
    """Distort ``source_text`` with up to ``n_edits`` edits of the given ``kinds``.

    Kinds are taken in turn (shuffled by ``rng``), each on a different sentence, so a small
    ``n_edits`` still mixes kinds; a kind the article offers nothing for is skipped. With
    ``noise`` one or two other sentences get a faithful rewording (recorded as ``faithful``).
    The same text, kinds and seed always give the same pair.
    """
    kinds = parse_kinds(list(kinds))
    if n_edits < 1:
        raise InputError("n_edits must be at least 1")
    if nlp is None:
        from sourcetrace.nlp import load_spacy

        nlp = load_spacy()
    context = build_context(source_text, nlp)
    if not any(unit.editable for unit in context.units):
        raise InputError("the source has no sentence long enough to distort")
    edits = _choose_edits(context, kinds, rng, n_edits, noise)
    derived, placed = _assemble(context, edits)
    for _ in range(len(edits)):
        bad = _misplaced(context, derived, placed)
        if not bad:
            break
        edits = [edit for edit in edits if edit not in bad]
        derived, placed = _assemble(context, edits)
    return SynthPair(
        derived_text=derived,
        gold=_gold(context, placed, pair_id, source_name, derived_name),
        edits=edits,
    )


__all__ = [
    "ALL_DISTORTIONS",
    "DISTORTION_KINDS",
    "TYPED_KINDS",
    "SynthPair",
    "derive",
    "parse_kinds",
]
