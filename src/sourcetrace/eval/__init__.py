"""Evaluation as a feature: gold pairs, scoring, and the benchmarks behind ``sourcetrace eval``.

- :mod:`.gold` reads gold files (``docs/gold-format.md``) and locates their texts as spans.
- :mod:`.matching` scores a report against a gold pair (P/R/F1, recall by severity, false alarms).
- :mod:`.runner` runs the pipeline over gold files and formats the scores.
- :mod:`.claim_strength` rates how strongly a text claims a cause (Sumner/Yu scale 0-3).
- :mod:`.insciout` scores claim-strength change on InSciOut conclusion pairs.
- :mod:`.polnear` scores attribution against the PolNeAR corpus.
- :mod:`.commands` is ``sourcetrace eval`` (including the one-table ``--summary``);
  :mod:`.shared` finds the read-only ``shared/`` data folder.

Synthetic distortions and their recall live in :mod:`sourcetrace.synth`.
"""

from sourcetrace.eval.gold import GoldItem, GoldPair, GoldRegion, load_gold
from sourcetrace.eval.matching import EvalResult, merge_results, score_findings, score_report

__all__ = [
    "EvalResult",
    "GoldItem",
    "GoldPair",
    "GoldRegion",
    "load_gold",
    "merge_results",
    "score_findings",
    "score_report",
]
