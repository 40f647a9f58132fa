"""The `mssnews` command: a thin Typer layer over the library. Data goes to stdout; errors
and warnings go to a Rich console on stderr."""
from __future__ import annotations

import json
import os
import signal
import sys
import time
from enum import Enum
from typing import List, Optional

import typer
from rich.console import Console

from mssnews import __version__

app = typer.Typer(add_completion=True, pretty_exceptions_enable=False, no_args_is_help=True,
                  context_settings={"help_option_names": ["-h", "--help"]}, rich_markup_mode=None,
                  help="Pull people, sums, sentences, document counts and charges out of news reports.")


def _color_system():
    """No escape codes at all under NO_COLOR (Rich alone still writes bold and dim)."""
    return None if os.environ.get("NO_COLOR") else "auto"


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True, color_system=_color_system())


def _stdout() -> Console:
    width = None if sys.stdout.isatty() else max(80, _env_width())
    return Console(highlight=False, soft_wrap=False, width=width, color_system=_color_system())


def safe_text(s) -> str:
    """A file name or message as printable text: control characters (ESC, CR ...) and the
    surrogates that stand for undecodable bytes of a file name shown as escapes."""
    from mssnews.output.tables import printable
    return printable(str(s))


def _error(console: Console, source: str, message: str) -> None:
    console.print(f"mssnews: error: {safe_text(source)}: {safe_text(message)}", markup=False, highlight=False)


_IN_COMMAND = [False]  # a command has started: a Ctrl-C is a KeyboardInterrupt it handles


def _on_sigint(signum, frame) -> None:
    """Before a command starts (while Typer builds its parser), a Ctrl-C ends the program
    with our one line; Typer would turn a KeyboardInterrupt there into a silent exit 130."""
    if _IN_COMMAND[0]:
        raise KeyboardInterrupt
    sys.stderr.write("mssnews: interrupted\n")
    sys.stderr.flush()
    raise SystemExit(130)


class _signals_held:
    """Ctrl-C and SIGTERM wait while spaCy imports and the pipeline is built (a
    KeyboardInterrupt raised inside an import or a finaliser there printed a traceback); one
    that came in the meantime is taken as soon as the block ends."""

    def __enter__(self):
        self.held = hasattr(signal, "pthread_sigmask")
        if self.held:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})

    def __exit__(self, *exc):
        if self.held:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
        return False


def _interruptible(command):
    """A Ctrl-C (or SIGTERM) anywhere in a command, even while spaCy loads, ends it with one
    line and exit code 130 (Typer alone would print an empty line)."""
    import functools

    @functools.wraps(command)
    def run(*args, **kwargs):
        _IN_COMMAND[0] = True
        try:
            return command(*args, **kwargs)
        except KeyboardInterrupt:
            _stderr().print("mssnews: interrupted", markup=False)
            raise typer.Exit(130)

    return run


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    html = "html"
    sqlite = "sqlite"


@app.command()
@_interruptible
def extract(
    sources: List[str] = typer.Argument(..., metavar="SOURCE...",
                                        help="Article files or folders (walked recursively); '-' reads standard input."),
    as_json: bool = typer.Option(False, "--json", help="Same as --format json: one JSON object per article per line."),
    fmt: Optional[Format] = typer.Option(None, "--format", "-f",
                                         help="table (default), json (JSON Lines), csv (one row per item), "
                                              "html (pages with the facts highlighted) or sqlite (a case database)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE",
                                         help="Write to FILE instead of stdout ('-'); complete lines only. "
                                              "html: a FOLDER for several articles; sqlite: the database file."),
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
      mssnews extract article.txt --format html -o article.html
      mssnews extract archive/ --format html -o pages/
      mssnews extract archive/ --format sqlite -o cases.db
    """
    err = _stderr()
    fmt = Format.json if as_json else (fmt or Format.table)
    if resume and not output:
        _usage(err, "--resume needs --output FILE")
    if resume and fmt in (Format.table, Format.html):
        _usage(err, "--resume needs --format json, csv or sqlite")
    if fmt is Format.sqlite and output in (None, "-"):
        _usage(err, "--format sqlite needs --output FILE (the database)")
    if encoding is not None:
        _check_encoding(err, encoding)
    started = time.monotonic()
    _sigterm_as_interrupt()
    from mssnews.runs.batch import Runner, default_jobs
    from mssnews.runs.inputs import expand_sources

    if dask:
        sources = _dask_sources(err, sources, glob)
    paths, unreadable = expand_sources(sources, glob, errors=True)
    if not paths and not unreadable:
        _usage(err, f"no input: the sources matched no file (folders are searched for --glob {glob!r})")
    batch_like = len(sources) > 1 or len(paths) != 1 or output is not None or bool(unreadable)
    if fmt in (Format.html, Format.sqlite):
        sink = _open_store(err, fmt, output, paths, sources, bool(unreadable))
        if resume:
            done = sink.done()
            from mssnews.runs.sink import source_key
            paths = [p for p in paths if source_key(p) not in done]
    else:
        sink = _open_output(err, output, paths, resume, fmt)
        if resume and sink is not None:
            paths = _resume(err, sink, paths, fmt)
    if not dask:  # built here once (forked workers inherit it); Dask workers build their own
        try:
            with _signals_held():
                from mssnews.pipeline import get_nlp, settle
                get_nlp(model)
                settle()
        except OSError as e:
            _usage(err, f"--model {model}: {_first_line(str(e)) or 'cannot load the pipeline'}")

    one = len(sources) == 1 and len(paths) == 1 and not unreadable and not os.path.isdir(sources[0])
    if fmt is Format.table and one and not dask:
        raise typer.Exit(_single_table(paths[0], model, err, max_chars, encoding, sink))

    if dask:
        from mssnews.runs.cluster import DaskRunner
        runner = DaskRunner(paths, dask, model=model, max_chars=max_chars, workers=jobs,
                            keep_text=fmt in (Format.html, Format.sqlite))
    else:
        runner = Runner(paths, jobs=jobs or default_jobs(len(paths)), model=model, max_chars=max_chars,
                        encoding=encoding, keep_text=fmt in (Format.html, Format.sqlite))
    counts = _run(err, runner, sink, fmt, output, paths, unreadable, quiet)
    if batch_like and not quiet:
        seconds = time.monotonic() - started
        err.print(f"mssnews: {counts[0]} processed, {counts[1]} failed in {seconds:.1f} s", markup=False, highlight=False)
    if counts[1]:
        raise typer.Exit(1)


def _dask_sources(err: Console, sources: List[str], glob: str) -> List[str]:
    from mssnews.runs.cluster import DaskMissing, _require, expand_urls
    try:
        _require()
    except DaskMissing as e:
        _usage(err, str(e))
    if "-" in sources:
        _usage(err, "--dask cannot read standard input ('-')")
    return expand_urls(list(sources), glob)


def _check_encoding(err: Console, name: str) -> None:
    import codecs
    try:
        codecs.lookup(name)
    except LookupError:
        _usage(err, f"--encoding {name}: unknown encoding")


def _open_output(err: Console, output: Optional[str], paths: List[str], resume: bool, fmt: "Format"):
    """The locked output file (None for stdout); never one of the inputs."""
    from mssnews.runs.sink import LineSink, OutputError, same_file

    if output is None or output == "-":
        return LineSink(None)
    clash = same_file(output, paths)
    if clash is not None:
        _usage(err, f"--output {safe_text(output)} is also an input ({safe_text(clash)}); "
                    "it would be overwritten before it is read")
    try:
        return LineSink(output, append=resume, shown=safe_text(output))
    except OutputError as e:
        _fail(err, str(e))


def _open_store(err: Console, fmt: "Format", output: Optional[str], paths: List[str], sources: List[str],
                unreadable: bool):
    """The HTML pages or the case database that records go to."""
    from mssnews.output.stores import StoreError, open_store
    from mssnews.runs.sink import same_file

    if output not in (None, "-"):
        clash = same_file(output, paths)
        if clash is not None:
            _usage(err, f"--output {safe_text(output)} is also an input ({safe_text(clash)})")
    several = len(paths) != 1 or len(sources) > 1 or unreadable or any(os.path.isdir(s) for s in sources)
    if fmt is Format.html and several and output in (None, "-"):
        _usage(err, "--format html writes a page per article: give --output FOLDER for several articles")
    try:
        return open_store(fmt.value, None if output == "-" else output, several, sys.stdout.write)
    except StoreError as e:
        _fail(err, str(e))


def _resume(err: Console, sink, paths: List[str], fmt: "Format") -> List[str]:
    """Sources not yet in the output; the error records of sources run again are removed."""
    from mssnews.output.rows import CSV_COLUMNS
    from mssnews.runs.sink import OutputError, line_source, scan_csv, scan_json, source_key

    try:
        if fmt is Format.csv:
            state, whole = scan_csv(sink.path, sink.shown, CSV_COLUMNS)
        else:
            state, whole = scan_json(sink.path, sink.shown)
        if whole < sink.size:
            os.ftruncate(sink.fd, whole)  # a record half-written by a kill
            sink.size = whole
        keys = [source_key(p) for p in paths]
        again = state.failed.intersection(keys)
        if again:
            kind = "csv" if fmt is Format.csv else "json"
            sink.rewrite_without(lambda line: line_source(line, kind) not in again)
    except OutputError as e:
        _fail(err, str(e))
    except OSError as e:
        _fail(err, f"cannot read {sink.shown}: {e.strerror or e}")
    return [p for p, k in zip(paths, keys) if k not in state.done]


def _run(err: Console, runner, sink, fmt: "Format", output: Optional[str], paths: List[str],
         unreadable: List[tuple], quiet: bool) -> tuple[int, int]:
    """Every record to the sink (or the summary table); (processed, failed)."""
    from mssnews.output.rows import Totals, csv_rows, summary_table
    from mssnews.output.stores import StoreError
    from mssnews.runs.sink import OutputError

    failed = processed = 0
    progress = _progress(err, len(paths)) if not quiet else None
    totals, table = Totals(), summary_table()
    try:
        for folder, why in unreadable:
            failed += 1
            _error(err, folder, why)
        if fmt is Format.csv and sink.size == 0:
            sink.write_line(_csv_line(None))
        if progress:
            progress.start()
        for rec in runner.records():
            line = rec.json_line()
            if rec.error:
                failed += 1
                _error(err, rec.source, rec.error["message"])
            else:
                processed += 1
            if fmt in (Format.html, Format.sqlite):
                sink.add(json.loads(line), rec.text)
            elif fmt is Format.json:
                sink.write_line(line)
            elif fmt is Format.csv:
                sink.write_lines([_csv_line(row) for row in csv_rows(json.loads(line))])
            else:
                obj = json.loads(line)
                totals.add(obj)
                table.add_row(*totals.row(obj))
            if progress:
                progress.advance()
        if progress:
            progress.stop()
        if fmt is Format.table:
            table.add_section()
            table.add_row(*totals.total_row())
            if sink.fd is not None:
                sink.write_line(_render(table))
            else:
                _stdout().print(table)
    except (OutputError, StoreError) as e:
        runner.stop()
        if progress:
            progress.stop()
        _fail(err, str(e))
    except BrokenPipeError:
        runner.stop()
        _quiet_broken_pipe()
        raise typer.Exit(0)
    except KeyboardInterrupt:
        runner.stop()
        if progress:
            progress.stop()
        err.print("mssnews: interrupted", markup=False)
        raise typer.Exit(130)
    finally:
        try:
            sink.close()
        except StoreError as e:
            _fail(err, str(e))
    return processed, failed


def _render(renderable) -> str:
    import io
    buf = io.StringIO()
    Console(file=buf, width=max(80, _env_width()), no_color=True, highlight=False).print(renderable)
    return buf.getvalue().rstrip("\n")


def _fail(err: Console, message: str) -> None:
    err.print(f"mssnews: error: {message}", markup=False, highlight=False)
    raise typer.Exit(1)


def _csv_line(row) -> str:
    """One CSV line; None gives the header row. A text cell that a spreadsheet would read as a
    formula (it begins with = + - @, a tab or a carriage return: an article or a file name can
    hold "=HYPERLINK(...)") gets a leading apostrophe, as OWASP advises; numbers stay numbers."""
    import csv
    import io

    if row is None:
        from mssnews.output.rows import CSV_COLUMNS
        row = CSV_COLUMNS
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(
        ["" if v is None else "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v for v in row])
    line = buf.getvalue()
    if not line.isascii():  # a file name's undecodable bytes (surrogates) as "\udcff", as in the JSON
        line = line.encode("utf-8", "backslashreplace").decode("utf-8")
    return line


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _single_table(source: str, model: Optional[str], err: Console, max_chars: Optional[int],
                  encoding: Optional[str] = None, sink=None) -> int:
    """One article as full tables (the everyday use), on stdout or in the -o file."""
    from mssnews.api import analyze
    from mssnews.runs.batch import read_checked
    from mssnews.runs.inputs import InputError
    from mssnews.output.tables import article_tables, print_article

    try:
        text = read_checked(source, max_chars, encoding=encoding)
    except InputError as e:
        _error(err, source, str(e))
        return 1
    try:
        article = analyze(text, source=source, model=model)
    except Exception as e:  # noqa: BLE001 - reported, never a traceback
        _error(err, source, f"analysis failed: {type(e).__name__}: {_first_line(str(e))}")
        return 1
    from mssnews.runs.sink import OutputError
    try:
        if sink is not None and sink.fd is not None:
            sink.write_line(_render(article_tables(article)) + "\n")  # as print_article ends
        else:
            print_article(_stdout(), article)
    except BrokenPipeError:
        _quiet_broken_pipe()
    except OutputError as e:
        _fail(err, str(e))
    finally:
        if sink is not None:
            sink.close()
    return 0


class _Progress:
    def __init__(self, console: Console, total: int):
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeRemainingColumn)

        self.task = None
        self.total = total
        self.p = Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                          MofNCompleteColumn(), TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                          console=console, transient=True)
        self.started = time.monotonic()
        self.done = 0

    def start(self):
        self.p.start()
        self.task = self.p.add_task("articles", total=self.total, rate="")

    def advance(self):
        self.done += 1
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        self.p.update(self.task, advance=1, rate=f"{rate:,.1f}/s")

    def stop(self):
        self.p.stop()


def _progress(err: Console, total: int):
    return _Progress(err, total) if err.is_terminal and total > 1 else None


def _usage(err: Console, message: str) -> None:
    err.print(f"mssnews: error: {safe_text(message)}", markup=False, highlight=False)
    raise typer.Exit(2)


def _sigterm_as_interrupt() -> None:
    def handler(signum, frame):
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (tests)
        pass


def _first_line(s: str) -> str:
    return s.strip().splitlines()[0] if s.strip() else ""


def _env_width() -> int:
    try:
        return int(os.environ.get("COLUMNS", "100"))
    except ValueError:
        return 100


def _quiet_broken_pipe() -> None:
    # Point stdout at devnull so the interpreter's final flush does not complain.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


@app.command()
@_interruptible
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
    from mssnews.runs.batch import dumps, is_record, records_from_file
    from mssnews.output.rows import Totals, totals_tables

    err = _stderr()
    totals = Totals()
    shown = "standard input" if results == "-" else safe_text(results)
    skipped = used = 0
    try:
        for n, obj in records_from_file("/dev/stdin" if results == "-" else results):
            if is_record(obj) and totals.add_checked(obj):
                used += 1
                continue
            skipped += 1
            if skipped <= 5:
                err.print(f"mssnews: warning: {shown} line {n}: not an mssnews record, skipped", markup=False)
    except FileNotFoundError:
        _error(err, results, "no such file")
        raise typer.Exit(1)
    except OSError as e:
        _error(err, results, f"cannot read: {_first_line(str(e))}")
        raise typer.Exit(1)
    if skipped > 5:
        err.print(f"mssnews: warning: {shown}: {skipped} lines skipped in all", markup=False)
    if skipped and not used:
        _fail(err, f"{shown} holds no mssnews records (is it a results file of extract --json?)")
    d = totals.as_dict(top)
    if as_json:
        sys.stdout.write(dumps(d) + "\n")
    else:
        out = _stdout()
        for t in totals_tables(d):
            out.print(t)


@app.command()
@_interruptible
def load(
    results: str = typer.Argument(..., metavar="RESULTS.jsonl", help="A JSON Lines file written by extract --json; '-' reads stdin."),
    database: str = typer.Argument(..., metavar="CASES.db", help="The SQLite case database (created if missing)."),
) -> None:
    """Load existing results into the SQLite case database; a source already there is replaced.

    \b
    Example:
      mssnews load results.jsonl cases.db
    """
    from mssnews.runs.batch import is_record, records_from_file
    from mssnews.output.stores import StoreError, open_store

    err = _stderr()
    shown = "standard input" if results == "-" else safe_text(results)
    try:
        store = open_store("sqlite", database, True, sys.stdout.write)
    except StoreError as e:
        _fail(err, str(e))
    loaded = skipped = 0
    try:
        for n, obj in records_from_file("/dev/stdin" if results == "-" else results):
            if not is_record(obj):
                skipped += 1
                if skipped <= 5:
                    err.print(f"mssnews: warning: {shown} line {n}: not an mssnews record, skipped", markup=False)
                continue
            store.add(obj, None)
            loaded += 1
    except FileNotFoundError:
        _error(err, results, "no such file")
        raise typer.Exit(1)
    except OSError as e:
        _error(err, results, f"cannot read: {_first_line(str(e))}")
        raise typer.Exit(1)
    except StoreError as e:
        _fail(err, str(e))
    except (KeyError, TypeError, ValueError) as e:
        _fail(err, f"{shown}: a record of the wrong shape ({type(e).__name__}: {_first_line(str(e))}); "
                   f"{loaded} records loaded before it")
    finally:
        store.close()
    if skipped and not loaded:
        _fail(err, f"{shown} holds no mssnews records (is it a results file of extract --json?)")
    err.print(f"mssnews: {loaded} records loaded into {safe_text(database)}"
              + (f", {skipped} lines skipped" if skipped else ""), markup=False, highlight=False)


@app.command()
def schema() -> None:
    """Print the JSON output contract as a JSON Schema.

    \b
    Example:
      mssnews schema > mssnews.facts.schema.json
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
        signal.signal(signal.SIGINT, _on_sigint)
    except ValueError:  # (not the main thread)
        pass
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("mssnews: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        _quiet_broken_pipe()
        sys.exit(0)
    except Exception as e:  # noqa: BLE001 - the last guard: one line, never a traceback
        sys.stderr.write(f"mssnews: internal error: {type(e).__name__}: {_first_line(str(e))}\n")
        sys.exit(1)
