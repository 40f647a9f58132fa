"""The `mssnews` command: a thin Typer layer over the library. Data goes to stdout; errors
and warnings go to a Rich console on stderr."""
from __future__ import annotations

import json
import signal
import sys
import time
from typing import List, Optional

import typer

from mssnews import __version__
from mssnews.cli.console import (err_console, fail, first_line, interruptible, on_sigint, out_console,
                                 quiet_broken_pipe, report_error, safe_text, sigterm_as_interrupt)
from mssnews.cli.extract import (Format, build_pipeline, check_options, find_sources, make_runner, open_sink,
                                 run_records, single_table)

app = typer.Typer(add_completion=True, pretty_exceptions_enable=False, no_args_is_help=True,
                  context_settings={"help_option_names": ["-h", "--help"]}, rich_markup_mode=None,
                  help="Pull people, sums, sentences, document counts and charges out of news reports.")


_OUTPUT_HELP = ("Write to FILE instead of stdout ('-'); complete lines only. "
                "html: a FOLDER for several articles; sqlite: the database file.")


@app.command()
@interruptible
def extract(
    sources: List[str] = typer.Argument(..., metavar="SOURCE...",
                                        help="Article files or folders (walked recursively); '-' reads standard input."),
    as_json: bool = typer.Option(False, "--json", help="Same as --format json: one JSON object per article per line."),
    fmt: Optional[Format] = typer.Option(None, "--format", "-f",
                                         help="table (default), json (JSON Lines), csv (one row per item), "
                                              "html (pages with the facts highlighted) or sqlite (a case database)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help=_OUTPUT_HELP),
    resume: bool = typer.Option(False, "--resume", help="With -o: skip sources already in FILE (json, csv, sqlite)."),
    glob: str = typer.Option("*.txt", "--glob", help="Which files to take from folders."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: suits the machine)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary line."),
    max_chars: Optional[int] = typer.Option(None, "--max-chars", min=1, metavar="N",
                                            help="Refuse texts longer than N characters (default: any length, analysed in pieces)."),
    model: Optional[str] = typer.Option(None, "--model", metavar="NAME_OR_PATH",
                                        help="Load an installed or saved trained spaCy pipeline; its PERSON entities join ours."),
    dask: Optional[str] = typer.Option(None, "--dask", metavar="ADDRESS",
                                       help="Run on the Dask scheduler at ADDRESS (tcp://host:8786), or 'local' for a local cluster; needs the dask extra."),
    encoding: Optional[str] = typer.Option(None, "--encoding", metavar="NAME",
                                           help="Read files in this encoding (big5, gb18030, shift_jis ...) instead of detecting UTF-8 or cp1252."),
) -> None:
    """Extract people, money, sentences, document counts, charges and dates from each article.

    \b
    Examples:
      mssnews extract article.txt
      mssnews extract archive/ --json -o results.jsonl --resume
      mssnews extract archive/ --format csv -o items.csv
      mssnews extract archive/ --format html -o pages/
      mssnews extract archive/ --format sqlite -o cases.db
    """
    err = err_console()
    fmt = check_options(err, Format.json if as_json else (fmt or Format.table), output, resume, encoding)
    started = time.monotonic()
    sigterm_as_interrupt()
    paths, unreadable = find_sources(err, sources, glob, dask)
    sink, paths = open_sink(err, fmt, output, paths, sources, unreadable, resume)
    if not dask:  # built here once (forked workers inherit it); Dask workers build their own
        build_pipeline(err, model)
    one = len(sources) == 1 and len(paths) == 1 and not unreadable
    if fmt is Format.table and one and not dask:
        raise typer.Exit(single_table(paths[0], model, err, max_chars, encoding, sink))
    runner = make_runner(paths, fmt, dask, jobs, model, max_chars, encoding)
    processed, failed = run_records(err, runner, sink, fmt, output, paths, unreadable, quiet)
    if (not one or output is not None) and not quiet:
        seconds = time.monotonic() - started
        err.print(f"mssnews: {processed} processed, {failed} failed in {seconds:.1f} s", markup=False, highlight=False)
    if failed:
        raise typer.Exit(1)


@app.command()
@interruptible
def summarize(
    results: str = typer.Argument(..., metavar="RESULTS.jsonl", help="A JSON Lines file written by extract --json; '-' reads stdin."),
    as_json: bool = typer.Option(False, "--json", help="Print the totals as one JSON object."),
    top: int = typer.Option(10, "--top", min=1, help="How many people and document counts to list."),
) -> None:
    """Totals across a results file: people named most often, sums by currency, sentences by
    type, charges by offence, largest document counts.

    \b
    Example:
      mssnews summarize results.jsonl --top 20
    """
    from mssnews.runs.batch import dumps
    from mssnews.output.rows import Totals, totals_tables

    err = err_console()
    totals = Totals()
    shown = "standard input" if results == "-" else safe_text(results)
    skipped, used = [0], 0
    try:
        for n, obj in _records(err, results, shown, skipped):
            if totals.add_checked(obj):
                used += 1
            else:
                _skip(err, shown, n, skipped)
    except OSError as e:
        _unreadable(err, results, e)
    skipped = skipped[0]
    if skipped > 5:
        err.print(f"mssnews: warning: {shown}: {skipped} lines skipped in all", markup=False)
    if skipped and not used:
        fail(err, f"{shown} holds no mssnews records (is it a results file of extract --json?)")
    d = totals.as_dict(top)
    if as_json:
        sys.stdout.write(dumps(d) + "\n")
    else:
        out = out_console()
        for t in totals_tables(d):
            out.print(t)


@app.command()
@interruptible
def load(
    results: str = typer.Argument(..., metavar="RESULTS.jsonl", help="A JSON Lines file written by extract --json; '-' reads stdin."),
    database: str = typer.Argument(..., metavar="CASES.db", help="The SQLite case database (created if missing)."),
) -> None:
    """Load existing results into the SQLite case database; a source already there is replaced.

    \b
    Example:
      mssnews load results.jsonl cases.db
    """
    from mssnews.output.stores import StoreError, open_store

    err = err_console()
    shown = "standard input" if results == "-" else safe_text(results)
    try:
        store = open_store("sqlite", database, True, sys.stdout.write)
    except StoreError as e:
        fail(err, str(e))
    loaded, skipped = 0, [0]
    try:
        for _n, obj in _records(err, results, shown, skipped):
            store.add(_as_record(obj))
            loaded += 1
    except OSError as e:
        _unreadable(err, results, e)
    except StoreError as e:
        fail(err, str(e))
    except (KeyError, TypeError, ValueError) as e:
        fail(err, f"{shown}: a record of the wrong shape ({type(e).__name__}: {first_line(str(e))}); "
                   f"{loaded} records loaded before it")
    finally:
        store.close()
    skipped = skipped[0]
    if skipped and not loaded:
        fail(err, f"{shown} holds no mssnews records (is it a results file of extract --json?)")
    err.print(f"mssnews: {loaded} records loaded into {safe_text(database)}"
              + (f", {skipped} lines skipped" if skipped else ""), markup=False, highlight=False)


def _records(err, results: str, shown: str, skipped: list):
    """(line number, record) for each mssnews record of a results file ('-': stdin); a line
    that is not one is counted in skipped[0], with a warning for the first five."""
    from mssnews.runs.batch import is_record, records_from_file

    for n, obj in records_from_file("/dev/stdin" if results == "-" else results):
        if is_record(obj):
            yield n, obj
        else:
            _skip(err, shown, n, skipped)


def _as_record(obj: dict):
    """The Record of a line of a results file: its Article (a ValueError says what is wrong
    with it), or its error."""
    from mssnews.facts.models import Article
    from mssnews.runs.records import Record

    if "error" in obj:
        return Record(obj["source"], error=obj["error"])
    return Record(obj["source"], article=Article.from_dict(obj))


def _skip(err, shown: str, n: int, skipped: list) -> None:
    skipped[0] += 1
    if skipped[0] <= 5:
        err.print(f"mssnews: warning: {shown} line {n}: not an mssnews record, skipped", markup=False)


def _unreadable(err, results: str, e: OSError) -> None:
    report_error(err, results, "no such file" if isinstance(e, FileNotFoundError) else f"cannot read: {first_line(str(e))}")
    raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON output contract as a JSON Schema.

    \b
    Example:
      mssnews schema > mssnews.schema.json
    """
    from mssnews.facts.schema import json_schema
    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"mssnews {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def main_options(version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                              help="Show the version and exit.")) -> None:
    """mssnews: facts out of state-security and court-case news reports."""


def main() -> None:
    try:
        signal.signal(signal.SIGINT, on_sigint)
    except ValueError:  # (not the main thread)
        pass
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("mssnews: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        quiet_broken_pipe()
        sys.exit(0)
    except Exception as e:  # noqa: BLE001 - the last guard: one line, never a traceback
        sys.stderr.write(f"mssnews: internal error: {type(e).__name__}: {first_line(str(e))}\n")
        sys.exit(1)
