#!/usr/bin/env python3
"""Where the time goes: one pass over a synthetic archive in one process, with a timer around
each pipeline component, our tokenizing, the result objects and the JSON.

    python benchmarks/components.py                # 1,000 articles
    python benchmarks/components.py --articles 300

Prints milliseconds per article, and the bare spacy.blank("en") tokenizer over the same texts
in the same run. Figures vary by 20-30% between runs on a shared machine.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import build_archive  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="mssnews-components-"))
    try:
        paths, words = build_archive(folder, args.articles)
        texts = [p.read_text(encoding="utf-8") for p in paths]
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    import importlib

    import spacy

    analyze = importlib.import_module("mssnews.api")  # the module (mssnews.analyze is also a function)
    from mssnews.runs.batch import article_line
    from mssnews.pipeline import get_nlp, settle

    nlp = get_nlp()
    settle()  # as the CLI does
    list(analyze.analyze_many([("warm-up", texts[0])]))
    times: dict[str, float] = {}

    def timed(name, func):
        def run(*a, **k):
            t = time.perf_counter()
            try:
                return func(*a, **k)
            finally:
                times[name] = times.get(name, 0.0) + time.perf_counter() - t
        return run

    nlp._components = [(name, timed(name, proc)) for name, proc in nlp._components]
    analyze.make_doc = timed("tokenize (ours)", analyze.make_doc)
    analyze.article_from_doc = timed("result objects", analyze.article_from_doc)
    t = time.perf_counter()
    articles = list(analyze.analyze_many([(str(i), text) for i, text in enumerate(texts)]))
    total = time.perf_counter() - t
    t = time.perf_counter()
    for a in articles:
        article_line(a)  # the JSON line the CLI writes
    times["json"] = time.perf_counter() - t

    bare = spacy.blank("en")
    t = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=64):
        pass
    bare_s = time.perf_counter() - t

    n = len(texts)
    print(f"{n:,} articles, {words:,} words; milliseconds per article:")
    for name, seconds in times.items():
        print(f"  {name:22} {seconds * 1000 / n:6.2f}")
    print(f"  {'analyze_many in all':22} {total * 1000 / n:6.2f}")
    print(f"  {'bare spaCy tokenizer':22} {bare_s * 1000 / n:6.2f}   (ours / bare speed = {bare_s / (total + times['json']):.2f})")


if __name__ == "__main__":
    main()
