"""The real-pair dev set's upkeep: freeze cache folders into records, check and rebuild the cache.

    python scripts/devset.py freeze [PAIR_ID...]     # cache folders -> devset/pairs/*.json
    python scripts/devset.py status                  # per pair: texts present / missing / changed
    python scripts/devset.py materialize [PAIR_ID...]  # records + cached texts -> gold.json

The cache is ~/.cache/sourcetrace/devset (or $SOURCETRACE_DEVSET_CACHE, or --cache). All the work
is in :mod:`sourcetrace.eval.devset`; scoring is ``sourcetrace eval --devset devset/pairs``.
Errors are one line on stderr and exit code 2; materialize exits 1 when a passage could not be
re-located in a re-collected text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sourcetrace.cli import one_line_errors
from sourcetrace.eval import devset

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False)

Records = Annotated[Path, typer.Option("--records", help="Folder of the committed records.")]
Cache = Annotated[
    Path | None, typer.Option("--cache", help="Cache folder (default: $SOURCETRACE_DEVSET_CACHE).")
]
PairIds = Annotated[list[str] | None, typer.Argument(help="Pair ids (default: all).")]


@app.command()
@one_line_errors
def freeze(
    pair_ids: PairIds = None, records: Records = devset.DEFAULT_RECORDS, cache: Cache = None
) -> None:
    """Validate each complete cache folder's gold and write its record (no article text)."""
    result = devset.freeze(cache or devset.cache_root(), records, pair_ids or [])
    for path in result.frozen:
        typer.echo(f"froze {path}")
    for pair_id, why in result.skipped:
        typer.echo(f"skipped {pair_id}: {why}")


@app.command()
@one_line_errors
def status(records: Records = devset.DEFAULT_RECORDS, cache: Cache = None) -> None:
    """Per pair: texts present, missing (with url and query) or changed."""
    root = cache or devset.cache_root()
    typer.echo(devset.format_status(devset.pair_statuses(records, root), root))


@app.command()
@one_line_errors
def materialize(
    pair_ids: PairIds = None, records: Records = devset.DEFAULT_RECORDS, cache: Cache = None
) -> None:
    """Write gold.json for every record whose texts are cached, re-locating changed texts."""
    outcomes = devset.materialize(records, cache or devset.cache_root(), pair_ids or [])
    typer.echo(devset.format_materialized(outcomes))
    if any(outcome.unlocated for outcome in outcomes):
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
