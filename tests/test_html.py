"""The HTML view: escaping, highlights at the offsets, folder output with an index; and, where
Debian's chromium is installed (.ci/run installs it), the page as a real browser builds it."""
import json
import os
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from mssnews.cli import app
from mssnews.output.html import article_page, esc_text, highlighted
from mssnews.output.pages import page_name

runner = CliRunner()

# Our own sentences: CR LF line ends, markup and an event handler that must stay text.
ARTICLE = ("Clerk jailed over leak\r\n\r\n"
           "BEIJING, March 3, 2025 - A former clerk surnamed Zhao was sentenced to 14 years in prison for "
           "espionage and fined 200,000 yuan.\r\n"
           "Zhao had sold 1,200 documents, 59 of them top secret, to a foreign agent for $45,000.\r\n"
           "<script>document.title='pwned'</script><img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
           " & <b>bold</b>\r\n")


class TextBlock(HTMLParser):
    """The text of div#text as a browser's DOM holds it, and for each highlight: where its first
    piece starts in that text and the text of all its pieces."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside div#text: element depth
        self.text = []
        self.pos = 0
        self.first: dict[str, int] = {}
        self.pieces: dict[str, str] = {}
        self.open: list[str] = []
        self.tags_inside: list[str] = []
        self.attrs_inside: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.depth:
            self.depth += 1
            self.tags_inside.append(tag)
            self.attrs_inside.extend(k for k in a if k.startswith("on"))
            fact = a.get("data-fact", "")
            self.open.append(fact)
            if "id" in a:
                self.first.setdefault(fact, self.pos)
        elif tag == "div" and a.get("id") == "text":
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if self.depth:
                self.open.pop()

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)
            self.pos += len(data)
            for fact in set(self.open):
                self.pieces[fact] = self.pieces.get(fact, "") + data


def parse(page: str) -> TextBlock:
    p = TextBlock()
    p.feed(page)
    p.close()
    return p


def facts_of(obj):
    """(element id, start, end, text) of every fact of a JSON record."""
    out = []
    for i, p in enumerate(obj["people"]):
        for j, m in enumerate(p["mentions"]):
            out.append((f"person-{i}" if j == 0 else f"person-{i}-{j}", m["start"], m["end"], m["text"]))
    for kind, key in (("money", "money"), ("sentence", "sentences"), ("document_count", "document_counts"),
                      ("charge", "charges"), ("date", "dates")):
        for i, d in enumerate(obj[key]):
            out.append((f"{kind}-{i}", d["start"], d["end"], d["text"]))
    return out


@pytest.fixture
def record(tmp_path):
    src = tmp_path / "zhao.txt"
    src.write_bytes(ARTICLE.encode())
    r = runner.invoke(app, ["extract", str(src), "--json"])
    assert r.exit_code == 0, r.stderr
    return src, json.loads(r.stdout)


def check_page(block: TextBlock, obj: dict, text: str) -> None:
    assert "".join(block.text) == text
    facts = facts_of(obj)
    assert {f[0] for f in facts} == {"person-0", "person-0-1", "money-0", "money-1", "sentence-0", "sentence-1",
                                     "document_count-0", "document_count-1", "charge-0", "date-0"}
    for ident, start, end, written in facts:
        assert block.first[ident] == start, ident
        assert block.pieces[ident] == written, ident
    assert block.tags_inside and set(block.tags_inside) == {"mark"}  # no <script>, <img> or <b> element
    assert block.attrs_inside == []


def test_text_escaping_is_one_character_for_one():
    assert esc_text("a\r\nb<c>&d\x00") == "a&#13;\nb&lt;c&gt;&amp;d\ufffd"


def test_nested_and_crossing_highlights():
    text = "fined 200 yuan now"
    marks = [{"kind": "sentence", "start": 0, "end": 14, "id": "sentence-0", "tip": "s"},
             {"kind": "money", "start": 6, "end": 14, "id": "money-0", "tip": "m"},
             {"kind": "charge", "start": 10, "end": 18, "id": "charge-0", "tip": "c"}]
    block = parse('<div id="text">' + highlighted(text, marks) + "</div>")
    assert "".join(block.text) == text
    assert block.first == {"sentence-0": 0, "money-0": 6, "charge-0": 10}
    assert block.pieces == {"sentence-0": "fined 200 yuan", "money-0": "200 yuan", "charge-0": "yuan now"}


def test_highlights_sit_at_their_offsets(record):
    src, obj = record
    text = ARTICLE
    money = {m["text"]: m for m in obj["money"]}
    assert money["200,000 yuan"]["start"] == text.index("200,000 yuan")
    assert money["$45,000"]["currency"] == "USD"
    block = parse(article_page(obj, text))
    check_page(block, obj, text)
    assert block.first["money-0"] == text.index("200,000 yuan")


def test_page_is_self_contained_and_scriptless(record):
    _src, obj = record
    page = article_page(obj, ARTICLE)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;document.title" in page
    assert "http://" not in page and "https://" not in page and "src=" not in page.replace("src=x", "")
    # hovering or focusing shows value, person and rule
    assert 'data-tip="money: 200,000 CNY\nperson: Zhao\nrule: ' in page
    assert 'tabindex="0"' in page and "mark:focus::after" in page
    # each table row links to its place
    assert '<a href="#money-0">200,000 yuan</a>' in page


def test_cli_one_page_to_file_and_stdout(record, tmp_path):
    src, obj = record
    out = tmp_path / "zhao.html"
    r = runner.invoke(app, ["extract", str(src), "--format", "html", "-o", str(out), "-q"])
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""
    page = out.read_bytes().decode()
    check_page(parse(page), obj, ARTICLE)
    r = runner.invoke(app, ["extract", str(src), "--format", "html"])
    assert r.exit_code == 0
    assert r.stdout == page


def test_cli_folder_of_pages_with_index(record, tmp_path):
    src, _obj = record
    other = tmp_path / "li.txt"
    other.write_text("A man surnamed Li was fined 5,000 yuan.\n")
    missing = tmp_path / "gone.txt"
    out = tmp_path / "pages"
    r = runner.invoke(app, ["extract", str(src), str(other), str(missing), "--format", "html", "-o", str(out)])
    assert r.exit_code == 1  # the missing file
    assert "gone.txt: no such file" in r.stderr
    names = sorted(os.listdir(out))
    assert names == ["0001-zhao.txt.html", "0002-li.txt.html", "0003-gone.txt.html", "index.html"]
    index = (out / "index.html").read_text()
    assert '<a href="0001-zhao.txt.html">' in index and '<a href="0002-li.txt.html">' in index
    assert "3 articles" not in index and "2 articles, 1 failed" in index
    assert "<td>CNY</td><td class=\"n\">2</td><td class=\"n\">205,000</td>" in index
    li = (out / "0002-li.txt.html").read_text()
    assert '<a href="index.html">all articles</a>' in li


def test_cli_html_usage_errors(record, tmp_path):
    src, _obj = record
    other = tmp_path / "li.txt"
    other.write_text("A man surnamed Li was fined 5,000 yuan.\n")
    r = runner.invoke(app, ["extract", str(src), str(other), "--format", "html"])
    assert r.exit_code == 2
    assert "give --output FOLDER for several articles" in r.stderr
    taken = tmp_path / "taken.html"
    taken.write_text("x")
    r = runner.invoke(app, ["extract", str(src), str(other), "--format", "html", "-o", str(taken)])
    assert r.exit_code == 1
    assert "is a file: several articles need a folder" in r.stderr
    r = runner.invoke(app, ["extract", str(src), "--format", "html", "-o", str(tmp_path / "p.html"), "--resume"])
    assert r.exit_code == 2


def test_page_names_are_safe():
    assert page_name(7, "../a b/<x>.txt") == "0007-x_.txt.html"
    assert page_name(1, "-") == "0001-stdin.html"


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def dump_dom(path, tmp_path) -> str:
    r = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", path.as_uri()],
                       capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr[-500:]
    return r.stdout.decode("utf-8")  # bytes: a CR in the text stays a CR


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium installed (.ci/run installs Debian's chromium)")
def test_in_chromium_highlights_are_where_the_offsets_say(record, tmp_path):
    src, obj = record
    out = tmp_path / "zhao.html"
    r = runner.invoke(app, ["extract", str(src), "--format", "html", "-o", str(out), "-q"])
    assert r.exit_code == 0, r.stderr
    dom = dump_dom(out, tmp_path)
    block = parse(dom)
    check_page(block, obj, ARTICLE)
    assert 'data-pwned="1"' not in dom and "<body data-pwned" not in dom and "<title>pwned</title>" not in dom
    assert "<title>Clerk jailed over leak</title>" in dom
