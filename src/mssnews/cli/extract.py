"""The work of `mssnews extract` behind its options: where the records go (a line file, the HTML
pages, the case database), --resume, the run itself, and one article's full tables."""
from __future__ import annotations

import os
import sys
from enum import Enum
from typing import List, Optional

import typer
from rich.console import Console

from mssnews.cli.console import (fail, first_line, out_console, progress_bar, quiet_broken_pipe,
                                 render_plain, report_error, safe_text, usage_error)


def check_options(err: Console, fmt: Format, output: Optional[str], resume: bool, encoding: Optional[str]) -> Format:
    """The format, once the options are known to fit together (else a usage error, exit 2)."""
    if resume and not output:
        usage_error(err, "--resume needs --output FILE")
    if resume and fmt in (Format.table, Format.html):
        usage_error(err, "--resume needs --format json, csv or sqlite")
    if fmt is Format.sqlite and output in (None, "-"):
        usage_error(err, "--format sqlite needs --output FILE (the database)")
    if encoding is not None:
        check_encoding(err, encoding)
    return fmt


def find_sources(err: Console, sources: List[str], glob: str, dask: Optional[str]) -> tuple[list, list]:
    """(paths, unreadable folders) of the sources; none at all is a usage error."""
    from mssnews.runs.inputs import expand_sources

    if dask:
        sources = dask_sources(err, sources, glob)
    paths, unreadable = expand_sources(sources, glob, errors=True)
    if not paths and not unreadable:
        usage_error(err, f"no input: the sources matched no file (folders are searched for --glob {glob!r})")
    return paths, unreadable


def open_sink(err: Console, fmt: Format, output: Optional[str], paths: List[str], sources: List[str],
              unreadable: list, resume: bool):
    """Where the records go, and the paths still to run (--resume leaves out those done)."""
    if fmt in (Format.html, Format.sqlite):
        sink = open_store_for(err, fmt, output, paths, sources, bool(unreadable))
        if resume:
            from mssnews.runs.sink import source_key

            done = sink.done()
            paths = [p for p in paths if source_key(p) not in done]
        return sink, paths
    sink = open_output(err, output, paths, resume, fmt)
    if resume and sink is not None:
        paths = resume_sources(err, sink, paths, fmt)
    return sink, paths


def build_pipeline(err: Console, model: Optional[str]) -> None:
    """The pipeline, built once in this process (forked workers inherit it)."""
    from mssnews.cli.console import signals_held

    try:
        with signals_held():
            from mssnews.pipeline import get_nlp, settle
            get_nlp(model)
            settle()
    except OSError as e:
        usage_error(err, f"--model {model}: {first_line(str(e)) or 'cannot load the pipeline'}")


def make_runner(paths: List[str], fmt: Format, dask: Optional[str], jobs: Optional[int], model: Optional[str],
                max_chars: Optional[int], encoding: Optional[str]):
    keep_text = fmt in (Format.html, Format.sqlite)
    if dask:
        from mssnews.runs.cluster import DaskRunner
        return DaskRunner(paths, dask, model=model, max_chars=max_chars, workers=jobs, keep_text=keep_text)
    from mssnews.runs.batch import Runner, default_jobs
    return Runner(paths, jobs=jobs or default_jobs(len(paths)), model=model, max_chars=max_chars,
                  encoding=encoding, keep_text=keep_text, keep_article=fmt is not Format.json)


def dask_sources(err: Console, sources: List[str], glob: str) -> List[str]:
    from mssnews.runs.cluster import DaskMissing, _require, expand_urls
    try:
        _require()
    except DaskMissing as e:
        usage_error(err, str(e))
    if "-" in sources:
        usage_error(err, "--dask cannot read standard input ('-')")
    return expand_urls(list(sources), glob)


def check_encoding(err: Console, name: str) -> None:
    import codecs
    try:
        codecs.lookup(name)
    except LookupError:
        usage_error(err, f"--encoding {name}: unknown encoding")


def open_output(err: Console, output: Optional[str], paths: List[str], resume: bool, fmt: "Format"):
    """The locked output file (None for stdout); never one of the inputs."""
    from mssnews.runs.sink import LineSink, OutputError, same_file

    if output is None or output == "-":
        return LineSink(None)
    clash = same_file(output, paths)
    if clash is not None:
        usage_error(err, f"--output {safe_text(output)} is also an input ({safe_text(clash)}); "
                    "it would be overwritten before it is read")
    try:
        return LineSink(output, append=resume, shown=safe_text(output))
    except OutputError as e:
        fail(err, str(e))


def open_store_for(err: Console, fmt: "Format", output: Optional[str], paths: List[str], sources: List[str],
                unreadable: bool):
    """The HTML pages or the case database that records go to."""
    from mssnews.output.stores import StoreError, open_store
    from mssnews.runs.sink import same_file

    if output not in (None, "-"):
        clash = same_file(output, paths)
        if clash is not None:
            usage_error(err, f"--output {safe_text(output)} is also an input ({safe_text(clash)})")
    several = len(paths) != 1 or len(sources) > 1 or unreadable or any(os.path.isdir(s) for s in sources)
    if fmt is Format.html and several and output in (None, "-"):
        usage_error(err, "--format html writes a page per article: give --output FOLDER for several articles")
    try:
        return open_store(fmt.value, None if output == "-" else output, several, sys.stdout.write)
    except StoreError as e:
        fail(err, str(e))


def resume_sources(err: Console, sink, paths: List[str], fmt: "Format") -> List[str]:
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
        fail(err, str(e))
    except OSError as e:
        fail(err, f"cannot read {sink.shown}: {e.strerror or e}")
    return [p for p, k in zip(paths, keys) if k not in state.done]


def run_records(err: Console, runner, sink, fmt: "Format", output: Optional[str], paths: List[str],
                unreadable: List[tuple], quiet: bool) -> tuple[int, int]:
    """Every record to the sink (or the summary table); (processed, failed)."""
    failed = processed = 0
    progress = progress_bar(err, len(paths)) if not quiet else None
    write, finish = _writer(fmt, sink)
    with _run_guard(err, runner, sink, progress):
        for folder, why in unreadable:
            failed += 1
            report_error(err, folder, why)
        if fmt is Format.csv and sink.size == 0:
            from mssnews.output.rows import csv_line  # (imported when needed: `--help` stays quick)

            sink.write_line(csv_line(None))
        if progress:
            progress.start()
        for rec in runner.records():
            if rec.error:
                failed += 1
                report_error(err, rec.source, rec.error["message"])
            else:
                processed += 1
            write(rec)
            if progress:
                progress.advance()
        if progress:
            progress.stop()
        finish()
    return processed, failed


def _writer(fmt: "Format", sink):
    """(write(record), finish()) for the format."""
    from mssnews.output.rows import Totals, csv_line, csv_rows, summary_table

    if fmt in (Format.html, Format.sqlite):
        return sink.add, (lambda: None)
    if fmt is Format.json:
        return (lambda rec: sink.write_line(rec.json_line())), (lambda: None)
    if fmt is Format.csv:
        return (lambda rec: sink.write_lines([csv_line(row) for row in csv_rows(rec.as_article() or rec.as_dict())])), \
            (lambda: None)
    totals, table = Totals(), summary_table()

    def add(rec) -> None:
        obj = rec.as_dict()
        totals.add(obj)
        table.add_row(*totals.row(obj))

    def finish() -> None:
        table.add_section()
        table.add_row(*totals.total_row())
        if sink.fd is not None:
            sink.write_line(render_plain(table))
        else:
            out_console().print(table)

    return add, finish


class _run_guard:
    """How a run ends otherwise than well: an output that fails (exit 1), a closed stdout
    (quietly, exit 0), Ctrl-C or SIGTERM (one line, exit 130); the workers are stopped and the
    output closed in every case."""

    def __init__(self, err: Console, runner, sink, progress):
        self.err, self.runner, self.sink, self.progress = err, runner, sink, progress

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb) -> bool:
        from mssnews.output.stores import StoreError
        from mssnews.runs.sink import OutputError

        try:
            if kind is not None:
                self.runner.stop()
                if self.progress and kind is not BrokenPipeError:
                    self.progress.stop()
            if kind is not None and issubclass(kind, (OutputError, StoreError)):
                fail(self.err, str(exc))
            if kind is BrokenPipeError:
                quiet_broken_pipe()
                raise typer.Exit(0)
            if kind is KeyboardInterrupt:
                self.err.print("mssnews: interrupted", markup=False)
                raise typer.Exit(130)
        finally:
            try:
                self.sink.close()
            except StoreError as e:
                fail(self.err, str(e))
        return False


def single_table(source: str, model: Optional[str], err: Console, max_chars: Optional[int],
                  encoding: Optional[str] = None, sink=None) -> int:
    """One article as full tables (the everyday use), on stdout or in the -o file."""
    from mssnews.api import analyze
    from mssnews.runs.batch import read_checked
    from mssnews.runs.inputs import InputError
    from mssnews.output.tables import article_tables, print_article

    try:
        text = read_checked(source, max_chars, encoding=encoding)
    except InputError as e:
        report_error(err, source, str(e))
        return 1
    try:
        article = analyze(text, source=source, model=model)
    except Exception as e:  # noqa: BLE001 - reported, never a traceback
        report_error(err, source, f"analysis failed: {type(e).__name__}: {first_line(str(e))}")
        return 1
    from mssnews.runs.sink import OutputError
    try:
        if sink is not None and sink.fd is not None:
            sink.write_line(render_plain(article_tables(article)) + "\n")  # as print_article ends
        else:
            print_article(out_console(), article)
    except BrokenPipeError:
        quiet_broken_pipe()
    except OutputError as e:
        fail(err, str(e))
    finally:
        if sink is not None:
            sink.close()
    return 0


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    html = "html"
    sqlite = "sqlite"
