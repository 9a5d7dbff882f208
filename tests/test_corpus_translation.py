"""Translations in corpus mode: with a multilingual encoder a translation is linked to its
original by sentence embeddings (no shared words needed); with an English-only encoder the
record in another language is skipped as before.

The encoder is a stub: it maps each sentence of a fictional English article and the
sentence of its fictional French translation to nearly equal vectors, and any other text to
a random vector (seeded by the text, so runs agree). A scan is given a model directory whose
model card declares the languages (all ``describe`` reads) and the stub as its encoder.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from sourcetrace.corpus import ScanSettings, scan
from sourcetrace.corpus.passages import linked, sentences, similarity_evidence
from sourcetrace.corpus.store import Store
from test_corpus_fixtures import fake_audit, no_models

# A fictional article and its fictional translation, sentence for sentence.
PARALLEL = [
    (
        "The town council of Varrow Creek approved a new footbridge over the river on Monday.",
        "Le conseil municipal de Varrow Creek a approuvé lundi une nouvelle passerelle "
        "sur la rivière.",
    ),
    (
        "Mayor Odile Branquet said the crossing would open before the autumn fair.",
        "La maire Odile Branquet a déclaré que le passage ouvrirait avant la foire d'automne.",
    ),
    (
        "The bridge will cost about four million crowns, paid from the regional fund.",
        "Le pont coûtera environ quatre millions de couronnes, payés par le fonds régional.",
    ),
    (
        "Residents of the east bank have waited eleven years for a safe crossing.",
        "Les habitants de la rive est attendent depuis onze ans un passage sûr.",
    ),
    (
        "Engineers from a local firm will build the deck from recycled timber.",
        "Des ingénieurs d'une entreprise locale construiront le tablier en bois recyclé.",
    ),
    (
        "Two council members voted against the plan, citing flood risks in spring.",
        "Deux conseillers ont voté contre le projet, invoquant les risques de crue au printemps.",
    ),
    (
        "The council will publish the final drawings at the end of the month.",
        "Le conseil publiera les plans définitifs à la fin du mois.",
    ),
    (
        "Work on the riverbanks is expected to begin in the first week of June.",
        "Les travaux sur les berges devraient commencer la première semaine de juin.",
    ),
]

UNRELATED_EN = [
    [
        "A small bakery in Hollin Market won a regional prize for its rye bread this week.",
        "The owners said they had used the same sourdough starter for thirty years.",
        "Judges praised the crust and the slightly sour taste of the loaf.",
        "The bakery plans to open a second shop near the railway station next year.",
        "Customers queued for an hour on Saturday to buy the prize-winning bread.",
        "The prize includes a trip to a baking fair in the capital in October.",
    ],
    [
        "The Pellow Valley chess club held its annual tournament in the old library hall.",
        "Forty players took part, the youngest of them nine years old.",
        "The winner, a retired teacher, lost only one game in seven rounds.",
        "Organisers said the number of young members had doubled since last winter.",
        "The club meets every Thursday evening and welcomes players of all levels.",
        "Next year the tournament will move to the larger school gymnasium.",
    ],
]

UNRELATED_FR = [
    "Le festival de musique de Sainte-Lorn a attiré cette année plus de dix mille visiteurs.",
    "Les organisateurs avaient prévu trois scènes installées dans le parc du château.",
    "Un orchestre de jeunes musiciens a ouvert la soirée du vendredi.",
    "La pluie du samedi n'a pas découragé le public venu en famille.",
    "La prochaine édition aura lieu au début du mois de juillet.",
    "Les bénévoles ont été remerciés par le maire lors de la clôture.",
]

DIM = 64


def _random_vector(text: str) -> np.ndarray:
    vector = np.random.default_rng(zlib.crc32(text.encode("utf-8"))).normal(size=DIM)
    return vector / np.linalg.norm(vector)


# Each parallel pair of sentences shares a concept vector.
CONCEPTS = {
    sentence: _random_vector(f"concept {index}")
    for index, pair in enumerate(PARALLEL)
    for sentence in pair
}


class StubMultilingualEncoder:
    """What discovery needs from an encoder (:class:`sourcetrace.encoder.Encoder`): a known
    sentence of the parallel pair maps to its concept plus a little noise; a text holding
    known sentences (a whole article) to the sum of their concepts; anything else to a
    random vector."""

    name = "stub-multilingual"
    multilingual = True
    max_seq_length = 128

    def encode(
        self,
        sentences: Sequence[str],
        batch_size: int = 64,
        *,
        normalize_embeddings: bool = True,
        max_tokens: int | None = None,
        **_ignored: Any,
    ) -> np.ndarray:
        return np.stack([self._vector(text) for text in sentences])

    def _vector(self, text: str) -> np.ndarray:
        known = [vector for sentence, vector in CONCEPTS.items() if sentence in text]
        if not known:
            return _random_vector(text)
        vector = np.sum(known, axis=0) + 0.1 * _random_vector(text)
        return vector / np.linalg.norm(vector)

    # The static embedding of English discovery: word ids hashed into a small table.
    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        return [[zlib.crc32(w.lower().encode()) % 500 for w in text.split()] for text in texts]

    def input_embeddings(self) -> np.ndarray:
        return np.random.default_rng(0).normal(size=(500, DIM)).astype(np.float32)

    def vocabulary(self) -> dict[str, int]:
        return {}

    def special_ids(self) -> list[int]:
        return []


def _model_dir(folder: Path, languages: list[str]) -> Path:
    """A model directory as ``describe`` reads it: modules, config and a model card."""
    folder.mkdir(parents=True)
    (folder / "modules.json").write_text(json.dumps([]), "utf-8")
    (folder / "config.json").write_text("{}", "utf-8")
    card = "---\nlanguage:\n" + "".join(f"- {code}\n" for code in languages) + "---\n"
    (folder / "README.md").write_text(card, "utf-8")
    return folder


def _corpus(path: Path, dated: bool) -> Path:
    english = " ".join(en for en, _ in PARALLEL)
    french = " ".join(fr for _, fr in PARALLEL)
    records = [
        {"id": "bridge-en", "lang": "en", "text": english, "outlet": "Creek Courier"},
        {"id": "bridge-fr", "lang": "fr", "text": french, "outlet": "Le Courrier"},
        {"id": "bakery", "lang": "en", "text": " ".join(UNRELATED_EN[0])},
        {"id": "chess", "lang": "en-GB", "text": " ".join(UNRELATED_EN[1])},
        {"id": "festival", "lang": "fr", "text": " ".join(UNRELATED_FR)},
    ]
    if dated:
        records[0]["published"] = "2031-04-02"
        records[1]["published"] = "2031-04-05"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    return path


def _scan(tmp_path: Path, languages: list[str], dated: bool) -> tuple[Any, list[tuple[Any, ...]]]:
    summary = scan(
        [_corpus(tmp_path / "corpus.jsonl", dated)],
        tmp_path / "scan.duckdb",
        ScanSettings(encoder=_model_dir(tmp_path / "model", languages)),
        audit=fake_audit,
        load_models=no_models,
        load_encoder=StubMultilingualEncoder,
    )
    with Store(tmp_path / "scan.duckdb", read_only=True) as store:
        rows = store.query(
            "SELECT p.source_id, p.derived_id, p.found_by, p.direction_basis, "
            "p.direction_evidence, p.longest_run, p.coverage, w.status, w.error "
            "FROM pairs p LEFT JOIN work w USING (pair_id) ORDER BY ALL"
        )
    return summary, rows


def test_translation_is_linked_to_its_original_and_nothing_else(tmp_path: Path) -> None:
    summary, rows = _scan(tmp_path, ["en", "fr"], dated=True)
    assert summary.articles == 5
    assert len(rows) == 1
    source, derived, found_by, basis, evidence, run, coverage, status, error = rows[0]
    assert (source, derived) == ("bridge-en", "bridge-fr")
    assert found_by == "translation"
    assert basis == "published" and "translation (en -> fr)" in evidence
    assert run == len(PARALLEL) and coverage == 1.0
    # Not audited with the English checks, and the reason is recorded.
    assert status == "not_audited" and "translation" in error
    assert summary.audited == 0 and summary.findings == 0


def test_undated_translation_has_no_direction_from_text(tmp_path: Path) -> None:
    _, rows = _scan(tmp_path, ["multilingual"], dated=False)
    assert [(row[2], row[3]) for row in rows] == [("translation", "translation")]
    assert "cannot be told" in rows[0][4]


def test_english_encoder_skips_the_french_records(tmp_path: Path) -> None:
    summary, rows = _scan(tmp_path, ["en"], dated=True)
    assert summary.articles == 3
    assert summary.skipped.reasons["language is not English"] == 2
    assert rows == []


def _evidence(order: list[int]) -> tuple[bool, int]:
    english = " ".join(en for en, _ in PARALLEL)
    french = " ".join(PARALLEL[i][1] for i in order)
    a, b = sentences(english), sentences(french)
    encoder = StubMultilingualEncoder()
    va = encoder.encode([english[s:e] for s, e in a.spans])
    vb = encoder.encode([french[s:e] for s, e in b.spans])
    found = similarity_evidence(a, b, va @ vb.T)
    return linked(found), found.longest_run


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (list(range(8)), True),  # a translation keeps the order
        ([0, 1, 2, 3, 4], True),  # of the first five sentences only
        ([7, 5, 3, 1, 6, 4, 2, 0], False),  # the same sentences shuffled: no run
        ([0, 1], True),  # a brief of two sentences translated whole
        ([1, 0], False),  # the same two in reverse order
    ],
)
def test_sentence_cosine_evidence_needs_an_in_order_run(order: list[int], expected: bool) -> None:
    is_linked, run = _evidence(order)
    assert is_linked is expected
    if expected:
        assert run == len(order)
