"""The output of a run: whole lines to a locked file or to stdout, and what `--resume` reads
back from a results file.

- Every record is one write of whole lines; a write that fails (a full disk) is cut back to
  the last whole line, and the run ends with `disk full writing FILE`.
- The file is locked (flock) while a run writes it: a second run on the same `-o` is refused
  and told which process holds it.
- `--resume` reads the file line by line (never all at once) and accepts it only if every
  line is one of our records (JSON Lines) or rows (our CSV); anything else is refused, never
  cut or appended to. Sources are compared by their resolved path. A source that failed
  before and is run again has its old error lines removed (the file is rewritten through a
  temporary file and renamed), so the file ends with one record per source.
"""
from __future__ import annotations

import csv
import errno
import json
import os
import stat
import sys
from dataclasses import dataclass, field
from typing import Iterable, Optional


class OutputError(Exception):
    """The output cannot be written or resumed; the message is one line for the user."""


def source_key(source: str) -> str:
    """What identifies a source across runs: its resolved path ('-' stays '-')."""
    if source == "-":
        return source
    return os.path.realpath(source)


def same_file(output: str, sources: Iterable[str]) -> Optional[str]:
    """The first source that is the file `output` names (same device and inode), or None."""
    try:
        out = os.stat(output)
    except OSError:
        return None
    for s in sources:
        if s == "-":
            continue
        try:
            st = os.stat(s)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) == (out.st_dev, out.st_ino):
            return s
    return None


def _holder(fd: int) -> Optional[int]:
    """The pid holding a lock on the file of `fd`, from /proc/locks (Linux), else None."""
    st = os.fstat(fd)
    want = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as f:
            for line in f:
                parts = line.split()
                if len(parts) > 5 and parts[5] == want and parts[4].isdigit() and int(parts[4]) != os.getpid():
                    return int(parts[4])
    except OSError:
        pass
    return None


class LineSink:
    """Writes whole lines: to a file (locked, each record one write of complete lines), or to
    stdout (flushed at once)."""

    def __init__(self, path: Optional[str], append: bool = False, shown: Optional[str] = None):
        self.path = path
        self.shown = shown or path or "standard output"
        self.fd: Optional[int] = None
        self.size = 0
        self.regular = False
        if path is not None:
            self.fd = self._open(path)
            st = os.fstat(self.fd)
            self.regular = stat.S_ISREG(st.st_mode)
            if not append and self.regular and st.st_size:
                os.ftruncate(self.fd, 0)
            self.size = os.fstat(self.fd).st_size if self.regular else 0

    def _open(self, path: str) -> int:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as e:
            raise OutputError(f"cannot write {self.shown}: {e.strerror}") from None
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # (not on Windows)
            pass
        except OSError:
            pid = _holder(fd)
            os.close(fd)
            who = f" (process {pid})" if pid else ""
            raise OutputError(f"{self.shown} is being written by another mssnews run{who}") from None
        return fd

    def write_line(self, line: str) -> None:
        self.write_lines([line])

    def write_lines(self, lines: list[str]) -> None:
        data = "".join(line + "\n" for line in lines)
        if self.fd is None:
            try:
                sys.stdout.write(data)
                sys.stdout.flush()
            except BrokenPipeError:
                raise
            except OSError as e:
                raise OutputError(_write_failed(e, self.shown)) from None
            return
        raw = data.encode("utf-8", "surrogateescape")
        try:
            view = memoryview(raw)
            while view:
                n = os.write(self.fd, view)
                view = view[n:]
        except OSError as e:
            if self.regular:
                try:
                    os.ftruncate(self.fd, self.size)  # back to the last whole line
                except OSError:
                    pass
            raise OutputError(_write_failed(e, self.shown)) from None
        self.size += len(raw)

    def rewrite_without(self, keep) -> None:
        """Rewrite the file keeping the lines for which keep(line) is true (through a
        temporary file in the same folder, renamed over it), and lock the new file."""
        assert self.path is not None and self.fd is not None
        tmp = f"{self.path}.mssnews-tmp-{os.getpid()}"
        try:
            with open(self.path, "rb") as src, open(tmp, "wb") as dst:
                for line in src:
                    if keep(line):
                        dst.write(line)
                dst.flush()
                os.fsync(dst.fileno())
            os.replace(tmp, self.path)
        except OSError as e:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise OutputError(_write_failed(e, self.shown)) from None
        old, self.fd = self.fd, self._open(self.path)
        os.close(old)
        self.size = os.fstat(self.fd).st_size

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _write_failed(e: OSError, shown: str) -> str:
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"disk full writing {shown}"
    return f"cannot write {shown}: {e.strerror or e}"


@dataclass
class Done:
    """What a results file already holds, by source key."""
    done: set = field(default_factory=set)  # analysed
    failed: set = field(default_factory=set)  # only error records so far


def _not_ours(shown: str, n: int, fmt: str) -> OutputError:
    what = "an mssnews record" if fmt == "json" else "an mssnews CSV row"
    return OutputError(f"{shown}: line {n} is not {what}; --resume only appends to a file that "
                       f"extract --format {fmt} wrote (nothing was changed)")


def _json_source(line: bytes) -> tuple[str, bool]:
    obj = json.loads(line)
    if not isinstance(obj, dict) or not isinstance(obj.get("source"), str):
        raise ValueError
    if "error" in obj:
        return obj["source"], False
    if not str(obj.get("schema", "")).startswith("mssnews/"):
        raise ValueError
    return obj["source"], True


def scan_json(path: str, shown: str) -> tuple[Done, int]:
    """Sources of a JSON Lines results file, read line by line; and the length of its whole
    lines (a half-written last line that begins like one of our records may be cut there)."""
    state = Done()
    whole = 0
    with open(path, "rb") as f:
        for n, line in enumerate(f, 1):
            if not line.endswith(b"\n"):
                if line.startswith((b'{"schema":"mssnews/', b'{"source":')):
                    break  # a record cut by a kill: cut off before appending
                raise _not_ours(shown, n, "json")
            if not line.strip():
                whole += len(line)
                continue
            try:
                source, ok = _json_source(line)
            except ValueError:
                raise _not_ours(shown, n, "json") from None
            _count(state, source_key(source), ok)
            whole += len(line)
    return state, whole


def _count(state: Done, key: str, ok: bool) -> None:
    if ok:
        state.done.add(key)
        state.failed.discard(key)
    elif key not in state.done:
        state.failed.add(key)


def scan_csv(path: str, shown: str, header: list[str]) -> tuple[Done, int]:
    """Sources of our CSV (header checked, every row of its width); a source with an error
    row only is failed. The cell of a source that began like a formula lost its apostrophe."""
    state = Done()
    whole = 0
    with open(path, "rb") as f:
        for n, line in enumerate(f, 1):
            if not line.endswith(b"\n"):
                break
            try:
                row = next(csv.reader([line.decode("utf-8", "surrogateescape")]))
            except (csv.Error, StopIteration):
                raise _not_ours(shown, n, "csv") from None
            if n == 1:
                if row != header:
                    raise _not_ours(shown, n, "csv")
            elif len(row) != len(header):
                raise _not_ours(shown, n, "csv")
            else:
                source = row[0][1:] if row[0].startswith("'") else row[0]
                _count(state, source_key(source), row[1] != "error")
            whole += len(line)
    return state, whole


def line_source(line: bytes, fmt: str) -> Optional[str]:
    """The source key of one line of a results file (None for a header or blank line)."""
    try:
        if fmt == "json":
            return source_key(_json_source(line)[0]) if line.strip() else None
        row = next(csv.reader([line.decode("utf-8", "surrogateescape")]))
        if row and row[0] == "source" and row[1] == "kind":
            return None
        return source_key(row[0][1:] if row[0].startswith("'") else row[0])
    except (ValueError, csv.Error, StopIteration, IndexError):
        return None
