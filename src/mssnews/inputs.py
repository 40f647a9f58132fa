"""Reading inputs: folders walked in a stable order, files decoded, bad files named."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable


class InputError(Exception):
    """An input that cannot be read as text; the message is shown to the user."""


def expand_sources(sources: Iterable[str], glob: str = "*.txt") -> list[str]:
    """Files and '-' as given; folders walked recursively, files matching `glob` in sorted
    order of their path. A missing path stays in the list (reading it reports the error)."""
    out: list[str] = []
    for source in sources:
        path = Path(source)
        if source != "-" and path.is_dir():
            found = sorted((p for p in path.rglob(glob) if p.is_file()), key=lambda p: p.as_posix())
            out.extend(str(p) for p in found)
        else:
            out.append(source)
    return out


def read_source(source: str) -> str:
    """The text of a file ('-' is standard input), or InputError with a one-line reason."""
    if source == "-":
        data = sys.stdin.buffer.read()
    else:
        path = Path(source)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputError("no such file") from None
        except IsADirectoryError:
            raise InputError("is a directory") from None
        except PermissionError:  # (what opening a directory raises on Windows)
            raise InputError("is a directory" if path.is_dir() else "permission denied") from None
        except OSError as e:
            raise InputError(e.strerror or str(e)) from None
    return decode(data)


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
