"""Batch runs: many sources in, one record per source out, in input order, in one process or
in a pool of worker processes (each builds the pipeline once)."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional


from mssnews.runs.inputs import InputError, TooLarge, byte_limit, read_source
from mssnews.runs.records import Record, article_line, dumps, error_record, in_transit  # noqa: F401 (also imported from here)

BATCH = 32  # sources analysed together (one nlp.pipe batch; a worker task holds up to 4 of these)


def read_checked(source: str, max_chars: Optional[int] = None, reader=None, encoding: Optional[str] = None) -> str:
    if reader is None:
        try:
            text = read_source(source, byte_limit(max_chars), encoding)
        except TooLarge:
            if max_chars is None:
                raise
            raise InputError(f"text is over {max_chars:,} characters, over --max-chars {max_chars:,}") from None
    else:
        text = reader(source)
    if max_chars is not None and len(text) > max_chars:
        raise InputError(f"text is {len(text):,} characters, over --max-chars {max_chars:,}")
    return text


def process_batch(sources: list[str], model: Optional[str] = None, max_chars: Optional[int] = None,
                  reader=None, encoding: Optional[str] = None, keep_text: bool = False,
                  keep_article: bool = True) -> list[Record]:
    """Analyse a list of sources in order; a source that fails becomes an error record.
    `reader(source) -> str` reads one source (files and '-' by default); with `keep_text` each
    article's record carries its text, with `keep_article` its Article (JSON output needs only
    the line: an Article kept until its batch is written costs the garbage collector a walk)."""
    from mssnews.api import analyze_many

    texts: list[tuple[str, str]] = []
    out: list[Optional[Record]] = []
    for source in sources:
        try:
            texts.append((source, read_checked(source, max_chars, reader, encoding)))
            out.append(None)
        except InputError as e:
            out.append(error_record(source, "InputError", str(e)))
        except MemoryError:
            out.append(error_record(source, "MemoryError", "out of memory reading it"))
    done = iter(_analyse(texts, model, analyze_many, keep_article))
    read = iter(texts)
    records = []
    for r in out:
        if r is None:
            r = next(done)
            text = next(read)[1]
            if keep_text and r.error is None:
                r.text = text
        records.append(r)
    return records


def _analyse(texts, model, analyze_many, keep_article: bool = True) -> list[Record]:
    try:
        return [Record(a.source, line=article_line(a), article=a if keep_article else None)
                for a in analyze_many(texts, model=model)]
    except Exception:  # noqa: BLE001 - find the article that failed, keep the others
        out = []
        for source, text in texts:
            try:
                out.extend(Record(a.source, line=article_line(a), article=a if keep_article else None)
                           for a in analyze_many([(source, text)], model=model))
            except Exception as e:  # noqa: BLE001
                out.append(error_record(source, type(e).__name__, _first_line(str(e)) or type(e).__name__))
        return out


def _first_line(s: str) -> str:
    s = s.strip()
    return s.splitlines()[0] if s else ""


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _worker_tasks(items: list[str], jobs: int, most: int, least: int = 8) -> Iterator[list[str]]:
    """Tasks for `jobs` workers: at most `most` sources each, and a quarter of what is left per
    worker towards the end, down to `least`, so that the workers finish together (with equal
    tasks, one worker could be left with a whole task while the others wait)."""
    i, n = 0, len(items)
    while i < n:
        size = max(least, min(most, (n - i) // (jobs * 4)))
        yield items[i:i + size]
        i += size


# ------------------------------------------------------------------ worker processes
_worker_model: Optional[str] = None
_worker_max_chars: Optional[int] = None
_worker_encoding: Optional[str] = None
_worker_keep_text = False


def _init_worker(model: Optional[str], max_chars: Optional[int] = None, encoding: Optional[str] = None,
                 keep_text: bool = False) -> None:
    global _worker_model, _worker_max_chars, _worker_encoding, _worker_keep_text
    _worker_model = model
    _worker_max_chars = max_chars
    _worker_encoding = encoding
    _worker_keep_text = keep_text
    from mssnews.pipeline import get_nlp, settle

    get_nlp(model)  # build the pipeline once per worker
    settle()


def _work(sources: list[str]) -> list[Record]:
    return in_transit(process_batch(sources, _worker_model, _worker_max_chars, encoding=_worker_encoding,
                                    keep_text=_worker_keep_text, keep_article=False))


def default_jobs(n_sources: int) -> int:
    """Processes that suit the machine: one for small runs, else one per core."""
    if n_sources < 64:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


class Runner:
    """Runs sources through the pipeline; iterate `records()` for results in input order."""

    def __init__(self, sources: list[str], jobs: int = 1, model: Optional[str] = None, batch: int = BATCH,
                 max_chars: Optional[int] = None, encoding: Optional[str] = None, keep_text: bool = False,
                 keep_article: bool = True):
        self.keep_text = keep_text
        self.keep_article = keep_article
        self.max_chars = max_chars
        self.encoding = encoding
        self.sources = sources
        self.jobs = max(1, jobs)
        self.model = model
        self.batch = batch
        self.pool = None

    def records(self) -> Iterator[Record]:
        if "-" in self.sources or self.jobs == 1 or len(self.sources) <= self.batch:
            for chunk in _chunks(self.sources, self.batch):
                yield from process_batch(chunk, self.model, self.max_chars, encoding=self.encoding,
                                         keep_text=self.keep_text, keep_article=self.keep_article)
            return
        try:
            yield from self._pooled(_worker_tasks(self.sources, self.jobs, self.batch * 4))
        finally:
            self.stop()

    def _pooled(self, tasks: Iterator[list[str]]) -> Iterator[Record]:
        """The tasks on worker processes (see pool.py), results in input order, at most
        2 tasks per worker in flight. A worker that dies (killed, out of memory, a crash in
        native code) loses only the tasks it held: they run again; a task lost twice runs one
        source at a time, each alone on a worker, and a source that kills its worker then
        becomes an error record ("WorkerDied"). Nothing else is lost."""
        from mssnews.runs.pool import PER_WORKER, Pool

        self.pool = Pool(self.jobs, _init_worker, (self.model, self.max_chars, self.encoding, self.keep_text), _work)
        slots: dict[int, _Slot] = {}  # by task id, until yielded
        order: list[int] = []  # task ids in input order
        pending: list[tuple[int, list[str]]] = []  # to send: retries first, then new tasks
        alone: set[int] = set()
        ids = iter(range(1 << 62))
        more = True
        while True:
            while more and len(slots) < PER_WORKER * self.jobs and not alone:
                task = next(tasks, None)
                if task is None:
                    more = False
                    break
                k = next(ids)
                slots[k] = _Slot(task)
                order.append(k)
                pending.append((k, task))
            self.pool.assign(pending, alone)
            while order and slots[order[0]].records is not None:
                yield from slots.pop(order.pop(0)).records
            if not order and not more:
                return
            for k, records in self.pool.collect():
                s = slots[k]
                alone.discard(k)
                if records is not None:
                    s.records = records
                    continue
                _lost(k, slots, order, pending, alone, ids)

    def stop(self) -> None:
        """End the workers at once (bounded: terminate, join with a timeout, kill)."""
        if self.pool is not None:
            self.pool.close()
            self.pool = None


def _lost(k: int, slots: dict, order: list, pending: list, alone: set, ids) -> None:
    """Task k's worker died with it: run it again as it was; lost twice, run its sources one
    at a time, each alone on a worker; a single source lost twice is an error record."""
    s = slots[k]
    s.tries += 1
    if s.tries < 2:
        pending.insert(0, (k, s.sources))  # once more, as it was
    elif len(s.sources) > 1:
        at = order.index(k)
        del slots[k]
        singles = [(next(ids), [src]) for src in s.sources]
        order[at:at + 1] = [j for j, _ in singles]
        for j, src in singles:
            slots[j] = _Slot(src, tries=1)
            alone.add(j)
        pending[0:0] = singles
    else:
        s.records = [error_record(s.sources[0], "WorkerDied", "the worker process analysing it died "
                                  "(killed, out of memory, or crashed)")]


@dataclass
class _Slot:
    """A task of Runner._pooled: its sources, and its records once answered."""
    sources: list[str]
    tries: int = 0  # workers that died with it in hand
    records: Optional[list[Record]] = None


def records_from_file(path: str) -> Iterable[tuple[int, object]]:
    """(line number, object or None) for each non-blank line of a results file; None for a
    line that is not JSON. Read line by line."""
    with open(path, "rb") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                yield n, json.loads(line)
            except ValueError:
                yield n, None


def is_record(obj) -> bool:
    """One of our article or error records (by its shape, not its every field)."""
    if not isinstance(obj, dict) or not isinstance(obj.get("source"), str):
        return False
    if "error" in obj:
        return isinstance(obj["error"], dict)
    return str(obj.get("schema", "")).startswith("mssnews/")
