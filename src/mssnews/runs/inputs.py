"""Reading inputs: folders walked in a stable order, files decoded, bad files named."""
from __future__ import annotations

import fnmatch
import os
import stat
import sys
from pathlib import Path
from typing import Iterable, Optional


class InputError(Exception):
    """An input that cannot be read as text; the message is shown to the user."""


class TooLarge(InputError):
    """More bytes than the limit of one source."""


# What is read of one file at most: a text of --max-chars characters takes at most 4 bytes a
# character in UTF-8; with no --max-chars, 256 MiB (a long book is 2 MB). Reading stops there,
# so /dev/zero, a FIFO or a huge log never fills the memory.
DEFAULT_BYTE_LIMIT = 256 * 1024 * 1024


def byte_limit(max_chars: Optional[int]) -> int:
    return DEFAULT_BYTE_LIMIT if max_chars is None else min(DEFAULT_BYTE_LIMIT, 4 * max_chars + 4)


def expand_sources(sources: Iterable[str], glob: str = "*.txt", errors: bool = False):
    """Files and '-' as given; folders walked recursively, files matching `glob` in sorted
    order of their path. A missing path stays in the list (reading it reports the error).
    With `errors`, returns (paths, unreadable) where unreadable lists (folder, reason) for
    each folder that could not be listed; without, only the paths."""
    out: list[str] = []
    unreadable: list[tuple[str, str]] = []
    for source in sources:
        path = Path(source)
        if source != "-" and path.is_dir():
            found = []
            for top, dirs, files in os.walk(path, onerror=lambda e: unreadable.append(
                    (e.filename, f"cannot read folder: {e.strerror or e}"))):
                dirs.sort()
                found.extend(Path(top, f) for f in files if fnmatch.fnmatchcase(f, glob))
            found = sorted((p for p in found if p.is_file()), key=lambda p: p.as_posix())
            out.extend(str(p) for p in found)
        else:
            out.append(source)
    return (out, unreadable) if errors else out


def read_source(source: str, limit: int = DEFAULT_BYTE_LIMIT, encoding: Optional[str] = None) -> str:
    """The text of a file ('-' is standard input), or InputError with a one-line reason.
    Only regular files are read (a device or FIFO is refused), and at most `limit` bytes."""
    if source == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        data = _read_file(Path(source), limit)
    if len(data) > limit:
        raise TooLarge(f"file is over {limit:,} bytes (the most read of one source; see --max-chars)")
    if encoding is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as e:
            raise InputError(f"cannot decode as {encoding} (bad byte at offset {e.start})") from None
    return decode(data)


def _read_file(path: Path, limit: int) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # (a FIFO does not block the open)
        with open(fd, "rb", buffering=0) as f:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise InputError("not a regular file (a device, FIFO or socket); use '-' to read a stream")
            return f.read(limit + 1)
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:  # (what opening a directory raises on Windows)
        raise InputError("is a directory" if path.is_dir() else "permission denied") from None
    except MemoryError:
        raise InputError("out of memory reading it") from None
    except OSError as e:
        raise InputError(e.strerror or str(e)) from None


_MAGIC = {
    b"%PDF": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image", b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive", b"BZh": "a bzip2 archive", b"\x7fELF": "a program",
    b"7z\xbc\xaf": "a 7-Zip archive", b"Rar!": "a RAR archive", b"\xd0\xcf\x11\xe0": "an Office document",
}
_LEGACY = ("cp1252", "latin_1", "iso8859_15")
# Control bytes that plain text does not hold (all below 32 but tab, line feed, form feed,
# carriage return and escape), and the bytes that are not such.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, or legacy single-byte text (cp1252,
    latin-1) when a detector is confident; binary data and undecodable bytes are refused."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as e:
                raise InputError(f"cannot decode as {codec.upper()} (bad byte at offset {e.start})") from None
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"not a text file (it looks like {what})")
    head = data[:65536]
    if b"\x00" in head:
        raise InputError("not a text file (it holds NUL bytes)")
    control = len(head.translate(None, _NOT_CONTROL))  # (what is left are the control bytes)
    if head and control / len(head) > 0.05:
        raise InputError("not a text file (too many control characters)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        legacy = _legacy(data)
        if legacy is not None:
            return legacy
        raise InputError(f"cannot decode as UTF-8 or a legacy single-byte encoding (bad byte at offset {e.start})") from None


def _legacy(data: bytes):
    """cp1252 / latin-1 text, if charset-normalizer finds it coherent; else None."""
    from charset_normalizer import from_bytes  # lazy: only for files that are not UTF-8

    best = from_bytes(data[:262144], cp_isolation=list(_LEGACY)).best()
    if best is None or best.chaos > 0.2:
        return None
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
