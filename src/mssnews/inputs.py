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
    return decode(data)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; binary data is refused."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as e:
                raise InputError(f"cannot decode as {codec.upper()} (bad byte at offset {e.start})") from None
    if b"\x00" in data[:65536]:
        raise InputError("not a text file (it holds NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"cannot decode as UTF-8 (bad byte at offset {e.start})") from None
