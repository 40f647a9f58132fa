"""Writing the HTML view: one page to a file or stdout, or a folder of pages with index.html."""
from __future__ import annotations

import re
from typing import Optional

from mssnews.output.html import _counts, article_page, error_page, index_page


_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def page_name(n: int, source: str) -> str:
    """A file name for the n-th article's page, from its source's base name (safe characters only)."""
    if source == "-":
        return f"{n:04d}-stdin.html"
    base = re.split(r"[\\/]", source.rstrip("/\\"))[-1] or "article"
    base = _UNSAFE_NAME.sub("_", base)[:60].strip("._") or "article"
    return f"{n:04d}-{base}.html"


class HtmlOutput:
    """Where pages go: one page to a file (or to stdout when `write_stdout` is given), or, for a
    folder, one page per article and index.html with the totals."""

    def __init__(self, path: Optional[str], folder: bool, write_stdout=None):
        import os

        self.path, self.folder, self.write_stdout = path, folder, write_stdout
        self.entries: list[tuple[str, dict]] = []
        self.totals = None
        if folder:
            from mssnews.output.rows import Totals

            self.totals = Totals()
            os.makedirs(path, exist_ok=True)

    def add(self, rec) -> None:
        """The page of a Record (runs/records.py): its Article with its text, or its error."""
        article = rec.as_article()
        if article is None or rec.text is None:
            page = error_page(rec.as_dict())
        else:
            page = article_page(article, rec.text, "index.html" if self.folder else None)
        if not self.folder:
            if self.path is None:
                self.write_stdout(page)
            else:
                _write(self.path, page)
            return
        name = page_name(len(self.entries) + 1, rec.source)
        _write(_join(self.path, name), page)
        obj = rec.as_dict()  # (the totals of the index are summarize's, which reads JSON records)
        self.totals.add(obj)
        self.entries.append((name, _brief(obj)))

    def close(self) -> None:
        if self.folder:
            _write(_join(self.path, "index.html"), index_page(self.entries, self.totals.as_dict()))


def _brief(obj: dict) -> dict:
    """What the index row needs of a record (the whole record is not kept for every article)."""
    brief = {k: obj[k] for k in ("source", "title", "published", "error") if k in obj}
    brief["counts"] = _counts(obj)
    return brief


def _join(folder: str, name: str) -> str:
    import os

    return os.path.join(folder, name)


def _write(path: str, page: str) -> None:
    import os

    tmp = f"{path}.part"
    with open(tmp, "w", encoding="utf-8", errors="backslashreplace") as f:
        f.write(page)
    os.replace(tmp, path)
