"""The `mssnews` command: a thin Typer layer over the library. Data goes to stdout; errors
and warnings go to a Rich console on stderr."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console

from . import __version__

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, no_args_is_help=True,
                  help="Pull people, sums, sentences and document counts out of news reports.")


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


class InputError(Exception):
    """An input that cannot be read as text; the message is shown to the user."""


def read_source(source: str) -> str:
    if source == "-":
        data = sys.stdin.buffer.read()
    else:
        path = Path(source)
        if path.is_dir():
            raise InputError("is a directory")
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputError("no such file") from None
        except PermissionError:
            raise InputError("permission denied") from None
        except OSError as e:
            raise InputError(e.strerror or str(e)) from None
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("not a text file (it holds NUL bytes)")
    return decode(data)


def decode(data: bytes) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as e:
                raise InputError(f"cannot decode as {codec.upper()} (byte {e.start})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"cannot decode as UTF-8 (bad byte at offset {e.start})") from None


def _error(console: Console, source: str, message: str) -> None:
    console.print(f"mssnews: error: {source}: {message}", markup=False, highlight=False)


@app.command()
def extract(
    sources: List[str] = typer.Argument(..., metavar="FILE...", help="Article text files; '-' reads standard input."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per article, one per line (JSON Lines)."),
    model: Optional[str] = typer.Option(None, "--model", metavar="NAME_OR_PATH",
                                        help="Load an installed or saved trained spaCy pipeline; its PERSON entities join ours."),
) -> None:
    """Extract people, money, sentences, document counts and dates from each article."""
    err = _stderr()
    out = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else max(80, _env_width()))
    failed = 0

    def texts() -> Iterator[tuple[str, str]]:
        nonlocal failed
        for source in sources:
            try:
                yield source, read_source(source)
            except InputError as e:
                failed += 1
                _error(err, source, str(e))

    try:
        from .analyze import analyze_many
        from .pipeline import get_nlp
        try:
            get_nlp(model)
        except OSError as e:
            _error(err, f"--model {model}", _first_line(str(e)) or "cannot load the pipeline")
            raise typer.Exit(2)
        for article in _safe_stream(texts(), model, err):
            if isinstance(article, str):
                failed += 1
                continue
            if as_json:
                sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
                sys.stdout.flush()
            else:
                from .render import print_article
                print_article(out, article)
    except BrokenPipeError:
        _quiet_broken_pipe()
        raise typer.Exit(0)
    except KeyboardInterrupt:
        err.print("mssnews: interrupted", markup=False)
        raise typer.Exit(130)
    if failed:
        raise typer.Exit(1)


def _safe_stream(items, model, err):
    """Articles in input order; an article that makes the pipeline fail is reported, not fatal."""
    from .analyze import analyze_many
    batch: list[tuple[str, str]] = []

    def flush():
        try:
            yield from analyze_many(batch, model=model)
        except Exception:
            for source, text in batch:  # one by one, to name the article that failed
                try:
                    yield from analyze_many([(source, text)], model=model)
                except Exception as e:  # noqa: BLE001 - reported to the user, never a traceback
                    _error(err, source, f"analysis failed: {type(e).__name__}: {_first_line(str(e))}")
                    yield source

    for pair in items:
        batch.append(pair)
        if len(batch) >= 16:
            yield from flush()
            batch = []
    if batch:
        yield from flush()


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
def schema() -> None:
    """Print the JSON output contract as a JSON Schema."""
    from .schema import json_schema
    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"mssnews {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def main_options(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                              help="Show the version and exit.")) -> None:
    """mssnews: facts out of state-security and court-case news reports."""


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("mssnews: interrupted\n")
        sys.exit(130)
