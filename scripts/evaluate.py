#!/usr/bin/env python3
"""Score mssnews on the real-article corpus, when it is present beside the clone.

    python scripts/evaluate.py [CORPUS_DIR] [--diff]

CORPUS_DIR defaults to ../shared/corpus/dev. The corpus is not part of this repository (its
texts are for measuring only); without it this script says so and exits 0.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else ROOT.parent / "shared" / "corpus" / "dev"
    scorer = corpus.parent / "score.py"
    if not corpus.is_dir() or not scorer.exists():
        print(f"no corpus at {corpus}; nothing to score", file=sys.stderr)
        return 0
    texts = sorted(corpus.glob("*.txt"))
    with tempfile.NamedTemporaryFile("w+", suffix=".jsonl", delete=False) as out:
        subprocess.run([sys.executable, "-m", "mssnews", "extract", *map(str, texts), "--json"],
                       stdout=out, check=False)
    cmd = [sys.executable, str(scorer), str(corpus), out.name]
    if "--diff" in argv:
        cmd.append("--diff")
    return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
