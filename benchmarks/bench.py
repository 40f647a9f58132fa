#!/usr/bin/env python3
"""Speed and memory of mssnews, as ratios to baselines measured in the same run.

    python benchmarks/bench.py                 # 5,000 articles, about 2.5 million words
    python benchmarks/bench.py --articles 500  # a quicker look
    python benchmarks/bench.py --adversarial   # also: time of hostile inputs of 0.25/0.5/1 MB
    python benchmarks/bench.py --dask          # also: --dask local at 2 workers against --jobs 2
    python benchmarks/bench.py --against /tmp/old/bin/python   # also: an older version, side by side
    python benchmarks/bench.py --real ../shared/corpus/dev --against /tmp/old/bin/python --skip-main
                                               # also: a folder of real reports, one cold run per round

Builds a synthetic archive from samples/ (names and figures varied), then prints:
- words per second of a bare spacy.blank("en") nlp.pipe over the same texts, and of the same
  without the tokenizer's white-space special cases (the tokenizer as we run it: the real floor);
- with --against PYTHON, another installed version's --jobs 1 in the same rounds (new / old), and
  the same ratio of warm passes in one long-lived process per version, alternating (start-up out);
- words per second of `mssnews extract DIR --json -o FILE` with --jobs 1 and --jobs 2;
  these three are measured one after the other in each of --rounds rounds (default 3), and
  the ratios come from the median round (this machine's speed drifts by 20-30%); ours / bare
  is also given by CPU seconds (user + system);
- peak memory (max RSS) of a --jobs 1 run over 1,000 and over all articles;
- wall time of `mssnews extract samples/<one>.txt --json` against `python -c "import spacy;
  spacy.blank('en')"` (median of 5);
- with --real DIR, words per second of --jobs 1 over a folder of real reports (and, with
  --against, new / old). The synthetic archive repeats the vocabulary of our samples (about
  140 distinct token codes); real reports keep bringing words of new codes (485 in the 71 dev
  reports), and each batch that does rebuilds the pattern regexes, a cost the archive hides.
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SURNAMES = "Bai Cao Dong Fan Guo Hou Jiang Kong Lu Ma Pan Qian Shen Tang Wei Xia Yan Zhou".split()
GIVEN = "Lin Wen Hui Qing Tao Jie Yu Fei Ming Hao Lei Ping Rui Xin Yong Zhen".split()


def build_archive(folder: Path, n: int, seed: int = 7) -> tuple[list[Path], int]:
    """n articles of about 500 words each, made of our samples with names and figures varied."""
    rng = random.Random(seed)
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    names = ["Meng Haoran", "Tao Jianguo", "Rong Meifang", "Chiu Wen-hsiung", "Fang", "Kao", "Shih"]
    paths, words = [], 0
    for i in range(n):
        parts = []
        for k in range(3):
            text = samples[(i + k) % len(samples)]
            for name in names:
                new = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}" if " " in name else rng.choice(SURNAMES)
                text = text.replace(name, new)
            text = text.replace("82,000", f"{rng.randint(1, 999) * 1000:,}").replace("3,600", f"{rng.randint(100, 9999):,}")
            parts.append(text)
        body = "\n\n".join(parts)
        sub = folder / f"{i // 1000:02d}"
        sub.mkdir(exist_ok=True)
        path = sub / f"{i:05d}.txt"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
        words += len(body.split())
    return paths, words


def timed(cmd: list[str]) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (KiB) and CPU seconds (user + system) of a command and its
    children, measured by a small wrapper process."""
    wrapper = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
               "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
               "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
               "print(time.perf_counter() - t, u.ru_maxrss, r.returncode, u.ru_utime + u.ru_stime)")
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, check=True).stdout.split()
    seconds, rss, code, cpu_seconds = float(out[0]), int(out[1]), int(out[2]), float(out[3])
    if code not in (0, 1):
        raise SystemExit(f"command failed ({code}): {' '.join(cmd)}")
    return seconds, rss, cpu_seconds


def bare_spacy(texts: list[str], as_we_run_it: bool = False) -> tuple[float, float]:
    """Wall and CPU seconds of a bare spacy.blank("en") nlp.pipe over the texts; with
    `as_we_run_it`, without the tokenizer's white-space special cases, as our pipeline runs
    it (spaCy stops caching words after the first such match, so the stock tokenizer is
    several times slower on multi-line text: this is the real floor)."""
    import spacy

    nlp = spacy.blank("en")
    if as_we_run_it:
        nlp.tokenizer.rules = {k: v for k, v in (nlp.tokenizer.rules or {}).items() if not k.isspace()}
    t, c = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - t, time.process_time() - c


def adversarial(mssnews: list[str], folder: Path) -> None:
    """Time of hostile inputs at 0.25, 0.5 and 1 MB: linear time means the ratios double."""
    cases = {
        "'1,' repeated": lambda n: "1," * (n // 2),
        "'yuan ' repeated": lambda n: "yuan " * (n // 5),
        "run of digits": lambda n: "7" * n,
        "capitalised words": lambda n: "Zhang " * (n // 6),
        "run of '$'": lambda n: "$" * n,
        "'million ' repeated": lambda n: "million " * (n // 8),
        "'fined 5 yuan, '": lambda n: "fined 5 yuan, " * (n // 14),
        "'fined 5 yuan;'": lambda n: "fined 5 yuan;" * (n // 13),
        "'5 documents, '": lambda n: "5 documents, " * (n // 13),
        "'sentenced to 5 years, '": lambda n: "sentenced to 5 years, " * (n // 22),
        "'Wang Li was fined 5 yuan, '": lambda n: "Wang Li was fined 5 yuan, " * (n // 26),
    }
    print("\nHostile input (seconds for 0.25 / 0.5 / 1 MB; linear time doubles each step):")
    for label, make in cases.items():
        times = []
        for size in (250_000, 500_000, 1_000_000):
            path = folder / "hostile.txt"
            path.write_text(make(size), encoding="utf-8")
            seconds, _, _ = timed(mssnews + ["extract", str(path), "--json", "--quiet"])
            times.append(seconds)
        verdict = "ok" if times[-1] <= 5.0 else "over 5 s per MB"
        print(f"  {label:30} " + " / ".join(f"{t:6.2f}" for t in times) + f"   {verdict}")


def real(mssnews: list[str], folder: Path, args: argparse.Namespace) -> None:
    """--jobs 1 over a folder of real reports, and the older version beside it (--against),
    one fresh process each per round (start-up included: the cost of a short archive)."""
    files = sorted(args.real.glob("*.txt"))
    if not files:
        raise SystemExit(f"--real {args.real}: no .txt files")
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in files)
    new_t, ratios = [], []
    for r in range(args.rounds):
        t, _, _ = timed(mssnews + ["extract", *map(str, files), "--json", "-o", str(folder / "real.jsonl"),
                                   "--jobs", "1", "--quiet"])
        new_t.append(t)
        if args.against:
            o, _, _ = timed([args.against, "-m", "mssnews", "extract", *map(str, files), "--json",
                             "-o", str(folder / "real-old.jsonl"), "--jobs", "1", "--quiet"])
            ratios.append(o / t)
    print(f"\nreal reports ({args.real}): {len(files)} files, {words:,} words; --jobs 1 "
          f"{words / statistics.median(new_t):,.0f} words/s (median of {len(new_t)} cold runs)")
    if ratios:
        print(f"new / old --jobs 1 on the real reports, rounds: {', '.join(f'{x:.2f}' for x in ratios)}; "
              f"median {statistics.median(ratios):.2f}")


# A process that analyses a folder's texts in one pass each time it reads a line, and prints the CPU
# seconds of that pass (start-up and the first, warming pass left out). Works with the older
# version too: its module was mssnews.analyze, today's is mssnews.api.
_WARM_WORKER = """
import importlib, sys, time
from pathlib import Path
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).rglob("*.txt"))]
try:
    api = importlib.import_module("mssnews.api")
except ImportError:
    api = importlib.import_module("mssnews.analyze")
from mssnews.pipeline import get_nlp, settle
get_nlp(); settle()
items = [(str(i), t) for i, t in enumerate(texts)]
list(api.analyze_many(items))
print("ready", flush=True)
for _line in sys.stdin:
    t = time.process_time()
    list(api.analyze_many(items))
    print(time.process_time() - t, flush=True)
"""


def warm_pairs(new_python: str, old_python: str, folder: Path, passes: int) -> list[float]:
    """new / old speed of warm passes over the same texts, each pass of one version right
    before or after one of the other (the order alternates): on a machine whose speed drifts
    by 20-30% within a minute, a ratio of two passes seconds apart is steadier than one of two
    cold runs, and it leaves start-up out (a cold run of a short archive is mostly start-up)."""
    procs = [subprocess.Popen([py, "-c", _WARM_WORKER, str(folder)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True) for py in (new_python, old_python)]
    try:
        for p in procs:
            if p.stdout.readline().strip() != "ready":
                raise SystemExit("a warm worker failed to start")
        ratios = []
        for k in range(passes):
            seconds = {}
            for p in (procs if k % 2 == 0 else procs[::-1]):
                p.stdin.write("go\n")
                p.stdin.flush()
                seconds[p.pid] = float(p.stdout.readline())
            ratios.append(seconds[procs[1].pid] / seconds[procs[0].pid])
        return ratios
    finally:
        for p in procs:
            p.stdin.close()
            p.wait()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--rounds", type=int, default=3,
                    help="bare / --jobs 1 / --jobs 2 measured this many times in turn; the median ratio is reported")
    ap.add_argument("--adversarial", action="store_true")
    ap.add_argument("--dask", action="store_true", help="also: --dask local (2 workers) against --jobs 2")
    ap.add_argument("--skip-main", action="store_true", help="only the extra measurements asked for")
    ap.add_argument("--against", metavar="PYTHON",
                    help="also measure `PYTHON -m mssnews` (another version, installed in another environment) "
                         "with --jobs 1 in each round, and print new / old words per second (target >= 0.9)")
    ap.add_argument("--real", metavar="DIR", type=Path,
                    help="also: words per second of --jobs 1 over the .txt reports in DIR, one cold run per round")
    args = ap.parse_args()
    mssnews = [sys.executable, "-m", "mssnews"]
    folder = Path(tempfile.mkdtemp(prefix="mssnews-bench-"))
    try:
        print(f"building {args.articles:,} articles in {folder} ...", file=sys.stderr)
        (folder / "archive").mkdir()
        paths, words = build_archive(folder / "archive", args.articles)
        texts = [p.read_text(encoding="utf-8") for p in paths]
        print(f"archive: {len(paths):,} articles, {words:,} words")

        if args.dask:
            out = folder / "out.jsonl"
            j2, _, _ = timed(mssnews + ["extract", str(folder / "archive"), "--json", "-o", str(out), "--jobs", "2", "--quiet"])
            dk, _, _ = timed(mssnews + ["extract", str(folder / "archive"), "--json", "-o", str(out), "--dask", "local",
                                     "--jobs", "2", "--quiet"])
            n = len(paths)
            print(f"\n--jobs 2: {n / j2:,.1f} articles/s; --dask local (2 workers): {n / dk:,.1f} articles/s; "
                  f"dask / jobs = {j2 / dk:.2f}  (both include start-up)")
        if args.real:
            real(mssnews, folder, args)
        if args.skip_main:
            if args.adversarial:
                adversarial(mssnews, folder)
            return
        out = folder / "out.jsonl"
        rounds = []  # (bare, jobs 1, jobs 2) seconds, measured one after the other
        cpu_ratios = []  # ours / bare by CPU seconds, per round
        floors, versus = [], []  # (bare without white-space rules) / ours; new / old, per round
        for r in range(args.rounds):
            bare, bare_cpu = bare_spacy(texts)
            floor, _ = bare_spacy(texts, as_we_run_it=True)
            j1, rss_all, j1_cpu = timed(mssnews + ["extract", str(folder / "archive"), "--json", "-o", str(out), "--jobs", "1",
                                                   "--quiet"])
            floors.append(floor / j1)
            if args.against:
                old_j1, _, _ = timed([args.against, "-m", "mssnews", "extract", str(folder / "archive"), "--json",
                                      "-o", str(folder / "old.jsonl"), "--jobs", "1", "--quiet"])
                versus.append(old_j1 / j1)
                print(f"round {r + 1}: new / old (--jobs 1) {old_j1 / j1:.2f}", file=sys.stderr)
            j2, _, _ = timed(mssnews + ["extract", str(folder / "archive"), "--json", "-o", str(out), "--jobs", "2", "--quiet"])
            rounds.append((bare, j1, j2))
            cpu_ratios.append(bare_cpu / j1_cpu)
            print(f"round {r + 1}: bare {words / bare:,.0f}, --jobs 1 {words / j1:,.0f}, --jobs 2 {words / j2:,.0f} words/s;"
                  f" ours / bare {bare / j1:.2f} (by CPU time {bare_cpu / j1_cpu:.2f}), jobs 2 / jobs 1 {j1 / j2:.2f}",
                  file=sys.stderr)
        # The median round by each ratio (the machine's speed drifts; a ratio is taken within a round).
        bare, j1, _ = sorted(rounds, key=lambda t: t[0] / t[1])[len(rounds) // 2]
        _, j1b, j2 = sorted(rounds, key=lambda t: t[1] / t[2])[len(rounds) // 2]
        first = folder / "first1000"
        first.mkdir()
        for p in paths[:1000]:
            shutil.copy(p, first / p.name)
        _, rss_1000, _ = timed(mssnews + ["extract", str(first), "--json", "-o", str(out), "--jobs", "1", "--quiet"])

        label = 'bare spacy.blank("en").pipe'
        print(f"\n{len(rounds)} rounds of bare, --jobs 1 and --jobs 2 in turn:")
        for r, (b, o1, o2) in enumerate(rounds, 1):
            print(f"  round {r}: ours / bare = {b / o1:.2f}, jobs 2 / jobs 1 = {o1 / o2:.2f}")
        print("the median round for each ratio:")
        print(f"{label:32} {words / bare:12,.0f} words/s")
        print(f"{'mssnews --jobs 1':32} {words / j1:12,.0f} words/s   ours / bare = {bare / j1:.2f}   (target >= 0.5)")
        print(f"{'mssnews --jobs 2':32} {words / j2:12,.0f} words/s   jobs 2 / jobs 1 = {j1b / j2:.2f}   (target >= 1.7)")
        print(f"ours / bare tokenizer as we run it (no white-space special cases), rounds: "
              f"{', '.join(f'{x:.2f}' for x in floors)}; median {statistics.median(floors):.2f}")
        if versus:
            print(f"new / old --jobs 1 words per second ({args.against}), rounds: "
                  f"{', '.join(f'{x:.2f}' for x in versus)}; median {statistics.median(versus):.2f}   (target >= 0.9)")
            warm = warm_pairs(sys.executable, args.against, first, 2 * args.rounds)
            print(f"new / old, warm passes in one process each, side by side (start-up left out; the first "
                  f"{min(1000, len(paths)):,} articles), pairs: {', '.join(f'{x:.2f}' for x in warm)}; "
                  f"median {statistics.median(warm):.2f}")
        print(f"ours / bare by CPU seconds (user + system), "
              f"rounds: {', '.join(f'{c:.2f}' for c in cpu_ratios)}; median {statistics.median(cpu_ratios):.2f}")
        print(f"\npeak RSS, --jobs 1: {min(1000, len(paths)):,} articles {rss_1000 / 1024:.0f} MB, "
              f"{len(paths):,} articles {rss_all / 1024:.0f} MB   ratio {rss_all / rss_1000:.2f}   (target <= 1.10, < 400 MB)")

        sample = sorted((ROOT / "samples").glob("*.txt"))[0]
        ours = statistics.median(timed(mssnews + ["extract", str(sample), "--json"])[0] for _ in range(5))
        base = statistics.median(timed([sys.executable, "-c", "import spacy; spacy.blank('en')"])[0] for _ in range(5))
        print(f"\none article: mssnews {ours:.2f} s, bare spaCy start {base:.2f} s   ratio {ours / base:.2f}   (target <= 1.3)")
        if args.adversarial:
            adversarial(mssnews, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
