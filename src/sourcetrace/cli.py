"""The command line: a thin layer over the public API.

Every command turns a :class:`~sourcetrace.errors.SourcetraceError` (and any OS-level input
problem) into one line on stderr and exit code 2; exit 1 is reserved for ``--fail-on``.
Each command imports its module lazily so that ``--help`` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from sourcetrace.errors import SourcetraceError

app = typer.Typer(
    name="sourcetrace",
    help="Audit a news article written from another one.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

F = TypeVar("F", bound=Callable[..., Any])


# `--encoder DIR` for check, scan and serve: one option, one help text.
EncoderOption = Annotated[
    Path | None,
    typer.Option(
        help="Local sentence-transformers model directory replacing MiniLM (nothing is "
        "downloaded); a multilingual one lets scan keep records in other languages."
    ),
]


def fail(message: str, code: int = 2) -> None:
    """Print one line to stderr and exit."""
    typer.echo(f"sourcetrace: error: {message}", err=True)
    raise typer.Exit(code)


def one_line_errors(func: F) -> F:
    """Turn user-fixable errors into one line and exit 2, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except SourcetraceError as exc:
            fail(str(exc))
        except (OSError, UnicodeError, ValueError) as exc:
            fail(f"{type(exc).__name__}: {exc}")
        except KeyboardInterrupt:
            fail("interrupted", code=130)

    return wrapper  # type: ignore[return-value]


class ReportFormat(StrEnum):
    text = "text"
    table = "table"
    json = "json"
    md = "md"
    html = "html"


class QuoteFormat(StrEnum):
    table = "table"
    json = "json"


class FailOn(StrEnum):
    critical = "critical"
    major = "major"
    minor = "minor"
    info = "info"
    never = "never"


def write_output(content: str, output: Path | None) -> None:
    """Write to ``output`` atomically (a crash never leaves half a file), or to stdout."""
    if output is None:
        sys.stdout.write(content if content.endswith("\n") else content + "\n")
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    partial.write_text(content, encoding="utf-8")
    partial.replace(output)


@app.command()
@one_line_errors
def check(
    source: Annotated[str, typer.Argument(help="Source article: file (.txt .html .json) or URL.")],
    derived: Annotated[str, typer.Argument(help="Derived article: file or URL.")],
    format: Annotated[
        ReportFormat,
        typer.Option(
            "--format", "-f", help="text: one short block per finding, worst first; table: wide."
        ),
    ] = ReportFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    fail_on: Annotated[
        FailOn, typer.Option(help="Exit 1 when a finding at or above this severity exists.")
    ] = FailOn.never,
    nli: Annotated[
        Path | None, typer.Option(help="Local entailment cross-encoder directory (optional).")
    ] = None,
    encoder: EncoderOption = None,
) -> None:
    """Audit DERIVED against SOURCE: where each passage came from and what changed."""
    from sourcetrace.ingest import load

    # Read and validate every input before importing the pipeline, so bad input fails fast.
    if nli is not None and not (nli / "config.json").is_file():
        fail(f"{nli} is not a model directory (no config.json)")
    source_article, derived_article = load(source), load(derived)
    from sourcetrace.pipeline import check as run_check
    from sourcetrace.report import render

    report = run_check(source_article, derived_article, nli_model=nli, encoder=encoder)
    if format is ReportFormat.text and output is None:
        from sourcetrace.report.json import report_to_dict
        from sourcetrace.report.terminal import print_terminal

        print_terminal(report_to_dict(report))
    elif format is ReportFormat.table and output is None:
        from sourcetrace.report.table import print_report

        print_report(report)
    else:
        write_output(render(report, format.value), output)
    if fail_on is not FailOn.never:
        from sourcetrace.model import Severity

        if report.at_least(Severity(fail_on.value)):
            raise typer.Exit(1)


@app.command()
@one_line_errors
def quotes(
    file: Annotated[str, typer.Argument(help="Article: file (.txt .html .json) or URL.")],
    format: Annotated[QuoteFormat, typer.Option("--format", "-f")] = QuoteFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """List every quote and attribution in an article: text, offsets, speaker, cue."""
    from sourcetrace.attribute import analyze
    from sourcetrace.ingest import load
    from sourcetrace.report.quotes import print_quotes, quotes_json

    document = analyze(load(file))
    if format is QuoteFormat.table and output is None:
        print_quotes(document)
    else:
        write_output(quotes_json(document), output)


@app.command()
@one_line_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: Annotated[
        Path | None,
        typer.Option(help="Report database (default: $SOURCETRACE_DB or ~/.local/share)."),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(envvar="SOURCETRACE_TOKEN", help="Require this token (needed off loopback)."),
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds a check may take.")] = 120.0,
    max_chars: Annotated[int, typer.Option(help="Characters allowed per article.")] = 50_000,
    max_waiting: Annotated[
        int, typer.Option(help="Checks queued or running before new ones get 503.")
    ] = 64,
    encoder: EncoderOption = None,
    corpus: Annotated[
        Path | None,
        typer.Option(help="A scan's DuckDB file: adds 'find its source in a corpus' (/trace)."),
    ] = None,
) -> None:
    """Run the web app: paste, upload or link two articles; permalinks; a JSON API at /docs."""
    from sourcetrace.server.app import Limits, require_token_for
    from sourcetrace.server.app import serve as run_server

    require_token_for(host, token)
    if encoder is not None:
        import os

        from sourcetrace.encoder import describe

        describe(encoder)  # a wrong directory fails before the server starts
        os.environ["SOURCETRACE_ENCODER"] = str(encoder.resolve())  # read by nlp.default_models
    if corpus is not None and not corpus.is_file():
        fail(f"{corpus}: no such results database")
    run_server(
        host,
        port,
        db,
        token,
        Limits(timeout_s=timeout, max_text_chars=max_chars, max_waiting=max_waiting),
        corpus,
    )


class ScanEngine(StrEnum):
    local = "local"
    ray = "ray"


class ScanEmbedding(StrEnum):
    static = "static"
    transformer = "transformer"
    none = "none"


@app.command()
@one_line_errors
def scan(
    inputs: Annotated[
        list[Path], typer.Argument(help="Folders of .txt/.html, .jsonl files or .warc(.gz) files.")
    ],
    out: Annotated[Path, typer.Option("--out", help="DuckDB results file (created or resumed).")],
    workers: Annotated[int, typer.Option(help="Worker processes (or Ray actors).")] = 1,
    engine: Annotated[ScanEngine, typer.Option(help="Where pairs are audited.")] = ScanEngine.local,
    ray_address: Annotated[
        str | None, typer.Option(help="Ray cluster to join (default: start a local one).")
    ] = None,
    parquet: Annotated[
        Path | None, typer.Option(help="Also export every table to DIR/<table>.parquet.")
    ] = None,
    embedding: Annotated[
        ScanEmbedding,
        typer.Option(help="Paraphrase neighbours: MiniLM token vectors (fast), full MiniLM, none."),
    ] = ScanEmbedding.static,
    encoder: EncoderOption = None,
) -> None:
    """Find which articles derive from which in a corpus and audit each; resumable."""
    from sourcetrace.corpus import ScanSettings
    from sourcetrace.corpus import scan as run_scan
    from sourcetrace.corpus.console import RichProgress, summary_lines
    from sourcetrace.corpus.discover import DiscoveryParams
    from sourcetrace.corpus.store import Store

    settings = ScanSettings(
        workers=workers,
        engine=engine.value,
        ray_address=ray_address,
        discovery=DiscoveryParams(embedding=embedding.value),
        encoder=encoder,
    )
    with RichProgress() as progress:
        summary = run_scan(inputs, out, settings, progress=progress)
    for line in summary_lines(summary):
        typer.echo(line)
    if parquet is not None:
        with Store(out) as store:
            typer.echo(f"parquet: {len(store.export_parquet(parquet))} tables in {parquet}")


@app.command()
@one_line_errors
def trace(
    article: Annotated[
        str, typer.Argument(help="Article to trace: file (.txt .html .json) or URL.")
    ],
    corpus: Annotated[
        Path, typer.Option("--corpus", help="DuckDB results file written by `sourcetrace scan`.")
    ],
    format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Same formats as `check`.")
    ] = ReportFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    top: Annotated[int, typer.Option(help="How many candidate sources to list.", min=1)] = 5,
) -> None:
    """Find the corpus articles ARTICLE derives from, with passage evidence, and audit it
    against the best one."""
    from sourcetrace.corpus import trace as tracing
    from sourcetrace.ingest import load

    traced = load(article)
    corpus_data = tracing.load_corpus(corpus)
    candidates, identical = tracing.find_sources(traced, corpus_data, top)
    best = tracing.best_source(candidates)
    report = None
    if best is not None:
        from sourcetrace.pipeline import check as run_check

        report = run_check(best.article, traced)
    size = len(corpus_data.ids)
    if format is ReportFormat.json:
        from sourcetrace.report.json import report_to_dict

        data = tracing.to_json(
            article,
            traced.text,
            candidates,
            size,
            identical,
            None if report is None else report_to_dict(report),
        )
        write_output(tracing.dumps(data), output)
        return
    if format is ReportFormat.html:
        from markupsafe import Markup

        from sourcetrace.report.html import render_html
        from sourcetrace.report.json import report_to_dict

        section = Markup(tracing.render_html_section(candidates, size))
        if report is None:
            page = f"<!doctype html><meta charset='utf-8'><title>sourcetrace trace</title>{section}"
        else:
            page = render_html(report_to_dict(report), preface=section)
        write_output(page, output)
        return
    if format is ReportFormat.md:
        from sourcetrace.report import render

        head = tracing.render_markdown(article, candidates, size)
        write_output(head + ("" if report is None else "\n" + render(report, "md")), output)
        return
    import shutil

    width = shutil.get_terminal_size((100, 24)).columns if output is None else 100
    head = tracing.render_text(article, traced.text, candidates, size, identical, width)
    if output is not None or report is None:
        from sourcetrace.report import render

        write_output(head + ("" if report is None else "\n" + render(report, format.value)), output)
        return
    typer.echo(head)
    if format is ReportFormat.table:
        from sourcetrace.report.table import print_report

        print_report(report)
    else:
        from sourcetrace.report.json import report_to_dict
        from sourcetrace.report.terminal import print_terminal

        print_terminal(report_to_dict(report))


@app.command("corpus-report")
@one_line_errors
def corpus_report(
    results: Annotated[Path, typer.Argument(help="DuckDB file written by `sourcetrace scan`.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")],
    worst: Annotated[int, typer.Option(help="How many worst pairs get their own report.")] = 10,
) -> None:
    """A self-contained HTML overview of a scan: outlets, distortions, worst pairs."""
    from sourcetrace.corpus.report import write_corpus_report

    written = write_corpus_report(results, output, worst=worst)
    typer.echo(f"wrote {output} and {len(written) - 1} pair reports")


@app.command("eval")
@one_line_errors
def eval_command(
    gold: Annotated[
        list[Path] | None, typer.Argument(help="Gold files (see docs/gold-format.md).")
    ] = None,
    texts: Annotated[
        Path | None, typer.Option("--texts", help="Folder with the articles gold files name.")
    ] = None,
    errors: Annotated[
        Path | None, typer.Option("--errors", help="Write missed items and false alarms (md).")
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    polnear: Annotated[
        Path | None, typer.Option("--polnear", help="PolNeAR folder (with dev/ and train/).")
    ] = None,
    peer: Annotated[
        str | None, typer.Option("--peer", help="Score a peer on PolNeAR too (textacy).")
    ] = None,
    split: Annotated[str, typer.Option(help="PolNeAR split.")] = "dev",
    limit: Annotated[
        int | None, typer.Option(help="At most this many PolNeAR / --variants articles.")
    ] = None,
    insciout: Annotated[
        Path | None, typer.Option("--insciout", help="InSciOut JSON-lines file.")
    ] = None,
    summary: Annotated[
        bool, typer.Option("--summary", help="Seed pair, PolNeAR, InSciOut, synthetic: one table.")
    ] = False,
    synth_pairs: Annotated[int, typer.Option(help="Synthetic pairs for --summary.")] = 22,
    typed_pairs: Annotated[
        int, typer.Option(help="Synthetic pairs with the typed changes for --summary (0: none).")
    ] = 40,
    seed: Annotated[int, typer.Option(help="Random seed for synthetic pairs and variants.")] = 0,
    devset: Annotated[
        Path | None,
        typer.Option(
            "--devset",
            help="Real-pair dev set records folder (devset/pairs); texts come from the cache "
            "(~/.cache/sourcetrace/devset or $SOURCETRACE_DEVSET_CACHE).",
        ),
    ] = None,
    devcorpus: Annotated[
        Path | None,
        typer.Option(
            "--devcorpus",
            help="Labelled corpus (corpus.json): scan its cached texts, score discovery.",
        ),
    ] = None,
    devcorpus_cache: Annotated[
        Path | None,
        typer.Option(help="Folder of <doc id>.txt texts (default $SOURCETRACE_DEVCORPUS)."),
    ] = None,
    variants: Annotated[
        str | None,
        typer.Option(help="Faithful copies of these texts (a folder, or polnear): false alarms."),
    ] = None,
) -> None:
    """Score sourcetrace against gold pairs, the real-pair dev set, the labelled dev corpus,
    PolNeAR, InSciOut, synthetic distortions or meaning-preserving variants."""
    if devcorpus is not None:
        from sourcetrace.corpus.devcorpus import evaluate_devcorpus, format_score

        write_output(format_score(evaluate_devcorpus(devcorpus, devcorpus_cache)), None)
        return
    from sourcetrace.eval.commands import EvalRequest, run_eval

    request = EvalRequest(
        gold=gold or [],
        texts=texts,
        errors=errors,
        as_json=json_output,
        polnear=polnear,
        peer=peer,
        split=split,
        limit=limit,
        insciout=insciout,
        summary=summary,
        synth_pairs=synth_pairs,
        typed_pairs=typed_pairs,
        seed=seed,
        devset=devset,
        variants=variants,
    )
    write_output(run_eval(request), None)


@app.command()
@one_line_errors
def synth(
    source: Annotated[Path, typer.Argument(help="Source article file to distort.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Derived text to write.")],
    gold: Annotated[Path, typer.Option("--gold", help="Gold file to write.")],
    kinds: Annotated[
        str, typer.Option(help="Comma-separated distortions (negation,hedge_removal,...) or all.")
    ] = "all",
    seed: Annotated[int, typer.Option(help="Random seed: same seed, same output.")] = 0,
    edits: Annotated[int, typer.Option(help="How many distortions to apply.")] = 3,
    noise: Annotated[bool, typer.Option(help="Add faithful rewording too.")] = True,
) -> None:
    """Write a distorted copy of SOURCE and a gold file recording every distortion."""
    from sourcetrace.synth.files import synthesize

    pair = synthesize(
        source,
        kinds=kinds,
        seed=seed,
        derived_path=output,
        gold_path=gold,
        n_edits=edits,
        noise=noise,
    )
    applied = ", ".join(item["id"] for item in pair.gold["findings"]) or "none"
    typer.echo(f"wrote {output} and {gold}: {applied}")


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
