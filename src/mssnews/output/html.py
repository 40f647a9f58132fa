"""The HTML view: one self-contained page per article (its text with every fact highlighted in
place, and the same tables as the terminal beside it), and an index page for several.

Safety: every piece of article text, file name and value goes through `esc`, and each page
carries a Content-Security-Policy that allows no script, no fetch and no frame, so a report
holding "<script>" or an "onerror=" attribute shows as text and runs nothing. There is no
JavaScript at all: the value of a highlight shows on hover and on keyboard focus through CSS.
Offsets: the text is written character for character (a CR as "&#13;", which the HTML parser
keeps, where a raw CR would be folded into the LF after it), so character n of the article is
character n of the page's text block, which the browser test checks."""
from __future__ import annotations

import html
import re
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

from mssnews.facts.models import Article
from mssnews.facts.registry import BY_KEY, KINDS, FactKind
from mssnews.facts.views import Column, num as _num

_ROWS = tuple(k.row for k in KINDS)  # (a highlight's class, and the order of highlights of the same extent)

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

@lru_cache(maxsize=None)
def _style() -> str:
    """The page's style sheet (page.css beside this module), inlined in every page."""
    return resources.files("mssnews.output").joinpath("page.css").read_text("utf-8")


def esc(value) -> str:
    """Text for HTML content or a quoted attribute (& < > " ' escaped)."""
    return html.escape("" if value is None else str(value), quote=True)


_TEXT_SPECIAL = re.compile(r"[&<>\r\x00]")
_TEXT_REPL = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;", "\x00": "\ufffd"}


def esc_text(s: str) -> str:
    """Article text for the text block, one character for one (see the module note)."""
    return _TEXT_SPECIAL.sub(lambda m: _TEXT_REPL[m.group()], s)


def _article(obj) -> Article:
    return obj if isinstance(obj, Article) else Article.from_dict(obj)


def spans(obj) -> list[dict]:
    """Every highlight of an article (an Article or its JSON record): kind, index, start, end,
    element id, tooltip."""
    a = _article(obj)
    out = []
    for kind in KINDS:
        label = kind.row.replace("_", " ")
        for i, item in enumerate(getattr(a, kind.key)):
            tip = f"{label}: {kind.value(item)}"
            if getattr(item, "person", None):
                tip += f"\nperson: {item.person}"
            tip += f"\nrule: {item.rule or ''}"
            places = [(m.start, m.end) for m in item.mentions] if kind.key == "people" else [(item.start, item.end)]
            for j, (start, end) in enumerate(places):
                out.append({"kind": kind.row, "index": i, "start": start, "end": end,
                            "id": f"{kind.row}-{i}" if j == 0 else f"{kind.row}-{i}-{j}", "tip": tip})
    return out


def highlighted(text: str, marks: list[dict]) -> str:
    """The text with <mark> elements. Highlights may nest or cross (a sum inside a sentence, a
    charge across a person): the text is cut at every start and end, and each piece is wrapped
    in the marks that cover it, outermost (longest) first; the first piece of a mark carries
    its id, so a table row can link to it."""
    marks = [m for m in marks if 0 <= m["start"] < m["end"] <= len(text)]
    cuts = sorted({0, len(text), *(m["start"] for m in marks), *(m["end"] for m in marks)})
    order = sorted(range(len(marks)), key=lambda k: (marks[k]["start"], -marks[k]["end"], _ROWS.index(marks[k]["kind"])))
    out, opened = [], set()
    for a, b in zip(cuts, cuts[1:]):
        piece = esc_text(text[a:b])
        cover = [k for k in order if marks[k]["start"] <= a and b <= marks[k]["end"]]
        for k in reversed(cover):
            m = marks[k]
            ident = ""
            if k not in opened:
                opened.add(k)
                ident = f' id="{esc(m["id"])}" tabindex="0"'
            piece = (f'<mark class="k-{m["kind"]}" data-fact="{esc(m["id"])}" data-start="{m["start"]}" '
                     f'data-end="{m["end"]}"{ident} data-tip="{esc(m["tip"])}">{piece}</mark>')
        out.append(piece)
    return "".join(out)


def _table(caption: str, head: list[str], rows: Iterable[list], numeric: tuple = ()) -> str:
    rows = list(rows)
    if not rows:
        return f'<p class="none">{esc(caption)}: none found</p>'
    h = "".join(f"<th>{esc(c)}</th>" for c in head)
    body = []
    for r in rows:
        cells = []
        for i, c in enumerate(r):
            cls = ' class="n"' if i in numeric else ""
            cells.append(f"<td{cls}>{c}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><caption>{esc(caption)}</caption><thead><tr>{h}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _link(ident: str, label) -> str:
    return f'<a href="#{esc(ident)}">{esc(label)}</a>'


def _cell(kind: FactKind, col: Column, i: int, item) -> str:
    value = col.cell(item)
    if col.refs:
        return ", ".join(_link(f"{BY_KEY[col.refs].row}-{k}", f"#{k}") for k in value)
    return _link(f"{kind.row}-{i}", value) if col.link else esc(value)


def fact_tables(obj) -> str:
    """The tables of the terminal view (the registry's columns); each fact links to its place
    in the text."""
    a = _article(obj)
    parts = []
    for kind in KINDS:
        head = (["#"] if kind.numbered else []) + [c.header for c in kind.columns]
        parts.append(_table(kind.title, head, ([*([esc(i)] if kind.numbered else []),
                                               *(_cell(kind, c, i, item) for c in kind.columns)]
                                              for i, item in enumerate(getattr(a, kind.key)))))
    in_cases = [k for k in KINDS if k.brief]
    rows = []
    for c in a.cases:
        cells = [esc(c.person)]
        for k in in_cases:
            items, brief = getattr(a, k.key), k.brief
            cells.append("; ".join(_link(f"{k.row}-{i}", brief(items[i])) for i in getattr(c, k.key) if i < len(items)))
        rows.append(cells)
    parts.append(_table("Cases", ["Person"] + [k.title for k in in_cases], rows))
    return "\n".join(parts)


def _page(title: str, header: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            f"<meta name=\"referrer\" content=\"no-referrer\"><title>{esc(title)}</title><style>{_style()}</style></head>"
            f"<body><header>{header}</header>{body}</body></html>\n")


def _key() -> str:
    return '<p class="key">' + "".join(f'<span class="k-{k}">{esc(k.replace("_", " "))}</span>' for k in _ROWS) + "</p>"


def article_page(obj, text: str, index_href: Optional[str] = None) -> str:
    """One article's page: `obj` is its Article (or its JSON record, Article.to_dict()), `text`
    the text its offsets refer to."""
    article = _article(obj)  # (read once for the header, the highlights and the tables)
    title = article.title or article.source or "article"
    meta = f"{esc(article.source)} · published {esc(article.published or 'unknown')}"
    stats = article.stats or {}
    if stats:
        meta += f" · {esc(_num(stats.get('words')))} words"
    if index_href:
        meta += f' · <a href="{esc(index_href)}">all articles</a>'
    header = f"<h1>{esc(title)}</h1><p>{meta}</p>"
    body = (f'<main><div id="text" lang="en">{highlighted(text, spans(article))}</div>'
            f"<aside>{_key()}{fact_tables(article)}</aside></main>")
    return _page(str(title), header, body)


def error_page(obj: dict) -> str:
    err = obj.get("error") or {}
    return _page(str(obj.get("source")), f"<h1>{esc(obj.get('source'))}</h1>",
                 f"<main><p>error: {esc(err.get('message'))} ({esc(err.get('type'))})</p></main>")


_COUNTED = tuple(k for k in KINDS if k.summary)  # (the columns of the index, as of the terminal's summary)


def _counts(obj: dict) -> list[int]:
    if "counts" in obj:
        return obj["counts"]
    return [len(obj.get(k.key, [])) for k in _COUNTED]


def index_page(entries: list[tuple[str, dict]], totals: dict) -> str:
    """The index of several articles: (page file name, record) pairs and summarize's totals."""
    rows = []
    for href, obj in entries:
        if "error" in obj:
            rows.append([f'<a href="{esc(href)}">{esc(obj.get("source"))}</a>', "", "", *[""] * len(_COUNTED),
                         esc("error: " + str((obj.get("error") or {}).get("message")))])
            continue
        rows.append([f'<a href="{esc(href)}">{esc(obj.get("source"))}</a>', esc(obj.get("title")),
                     esc(obj.get("published")), *(esc(n) for n in _counts(obj)), "ok"])
    parts = [_table("Articles", ["Source", "Title", "Published", *(k.summary for k in _COUNTED), "Status"],
                    rows, numeric=tuple(range(3, 3 + len(_COUNTED))))]
    parts.append(_table("People named most often", ["Person", "Articles"],
                        ([esc(p["name"]), esc(p["articles"])] for p in totals["people"]), numeric=(1,)))
    parts.append(_table("Sums by currency", ["Currency", "Items", "Total"],
                        ([esc(m["currency"]), esc(m["items"]), esc(_num(m["total"]))] for m in totals["money"]),
                        numeric=(1, 2)))
    parts.append(_table("Sentences by type", ["Penalty", "Items"],
                        ([esc(s["penalty"].replace("_", " ")), esc(s["items"])] for s in totals["sentences"]), numeric=(1,)))
    parts.append(_table("Charges by offence", ["Offence", "Charges"],
                        ([esc(c["offence"].replace("_", " ")), esc(c["items"])] for c in totals["charges"]), numeric=(1,)))
    parts.append(_table("Largest document counts", ["Count", "Item", "Person", "Source"],
                        ([esc(_num(c["count"])), esc(c["item"]), esc(c["person"]), esc(c["source"])]
                         for c in totals["largest_document_counts"]), numeric=(0,)))
    n = f"{totals['articles']} articles, {totals['failed']} failed"
    return _page("mssnews: articles", f"<h1>Articles</h1><p>{esc(n)}</p>",
                 f'<main><div style="flex:1">{"".join(parts)}</div></main>')


