"""The CLI's consoles and manners: data to stdout, messages to a Rich console on stderr (no escape
codes under NO_COLOR), one-line errors with their exit codes, Ctrl-C and SIGTERM as one line
and exit 130, the progress bar."""
from __future__ import annotations

import os
import signal
import sys
import time

import typer
from rich.console import Console


def color_system():
    """No escape codes at all under NO_COLOR (Rich alone still writes bold and dim)."""
    return None if os.environ.get("NO_COLOR") else "auto"


def err_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True, color_system=color_system())


class _DataConsole(Console):
    """The stdout console: a closed pipe ("| head") is left to our handlers, which end the run
    quietly with exit 0 (Rich's own handler exits 1)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def out_console() -> Console:
    width = None if sys.stdout.isatty() else max(80, env_width())
    return _DataConsole(highlight=False, soft_wrap=False, width=width, color_system=color_system())


def safe_text(s) -> str:
    """A file name or message as printable text: control characters (ESC, CR ...) and the
    surrogates that stand for undecodable bytes of a file name shown as escapes."""
    from mssnews.output.tables import printable
    return printable(str(s))


def report_error(console: Console, source: str, message: str) -> None:
    console.print(f"mssnews: error: {safe_text(source)}: {safe_text(message)}", markup=False, highlight=False)


IN_COMMAND = [False]  # a command has started: a Ctrl-C is a KeyboardInterrupt it handles


def on_sigint(signum, frame) -> None:
    """Before a command starts (while Typer builds its parser), a Ctrl-C ends the program
    with our one line; Typer would turn a KeyboardInterrupt there into a silent exit 130."""
    if IN_COMMAND[0]:
        raise KeyboardInterrupt
    sys.stderr.write("mssnews: interrupted\n")
    sys.stderr.flush()
    raise SystemExit(130)


class signals_held:
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


def interruptible(command):
    """A Ctrl-C (or SIGTERM) anywhere in a command, even while spaCy loads, ends it with one
    line and exit code 130 (Typer alone would print an empty line)."""
    import functools

    @functools.wraps(command)
    def run(*args, **kwargs):
        IN_COMMAND[0] = True
        try:
            return command(*args, **kwargs)
        except KeyboardInterrupt:
            err_console().print("mssnews: interrupted", markup=False)
            raise typer.Exit(130)

    return run


def render_plain(renderable) -> str:
    import io
    buf = io.StringIO()
    Console(file=buf, width=max(80, env_width()), no_color=True, highlight=False).print(renderable)
    return buf.getvalue().rstrip("\n")


def fail(err: Console, message: str) -> None:
    err.print(f"mssnews: error: {message}", markup=False, highlight=False)
    raise typer.Exit(1)


class ProgressBar:
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


def progress_bar(err: Console, total: int):
    return ProgressBar(err, total) if err.is_terminal and total > 1 else None


def usage_error(err: Console, message: str) -> None:
    err.print(f"mssnews: error: {safe_text(message)}", markup=False, highlight=False)
    raise typer.Exit(2)


def sigterm_as_interrupt() -> None:
    def handler(signum, frame):
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (tests)
        pass


def first_line(s: str) -> str:
    return s.strip().splitlines()[0] if s.strip() else ""


def env_width() -> int:
    try:
        return int(os.environ.get("COLUMNS", "100"))
    except ValueError:
        return 100


def quiet_broken_pipe() -> None:
    # Point stdout at devnull so the interpreter's final flush does not complain.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
