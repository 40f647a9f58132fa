"""Batch runs: many sources in, one record per source out, in input order, in one process or
in a pool of worker processes (each builds the pipeline once)."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

import orjson

from .inputs import InputError, read_source

BATCH = 32  # sources analysed together (one nlp.pipe batch; a worker task holds up to 4 of these)


@dataclass
class Record:
    """The outcome for one source: `line` is its JSON object (one line), or `error` is set."""
    source: str
    line: Optional[str] = None
    error: Optional[dict] = None

    def json_line(self) -> str:
        if self.line is not None:
            return self.line
        return dumps({"source": self.source, "error": self.error})


def error_record(source: str, kind: str, message: str) -> Record:
    return Record(source=source, error={"type": kind, "message": message})


def read_checked(source: str, max_chars: Optional[int] = None, reader=read_source) -> str:
    text = reader(source)
    if max_chars is not None and len(text) > max_chars:
        raise InputError(f"text is {len(text):,} characters, over --max-chars {max_chars:,}")
    return text


def process_batch(sources: list[str], model: Optional[str] = None, max_chars: Optional[int] = None,
                  reader=read_source) -> list[Record]:
    """Analyse a list of sources in order; a source that fails becomes an error record.
    `reader(source) -> str` reads one source (files and '-' by default)."""
    from .analyze import analyze_many

    texts: list[tuple[str, str]] = []
    out: list[Optional[Record]] = []
    for source in sources:
        try:
            texts.append((source, read_checked(source, max_chars, reader)))
            out.append(None)
        except InputError as e:
            out.append(error_record(source, "InputError", str(e)))
    done = iter(_analyse(texts, model, analyze_many))
    return [r if r is not None else next(done) for r in out]


def _analyse(texts, model, analyze_many) -> list[Record]:
    try:
        return [Record(a.source, line=article_line(a)) for a in analyze_many(texts, model=model)]
    except Exception:  # noqa: BLE001 - find the article that failed, keep the others
        out = []
        for source, text in texts:
            try:
                out.extend(Record(a.source, line=article_line(a)) for a in analyze_many([(source, text)], model=model))
            except Exception as e:  # noqa: BLE001
                out.append(error_record(source, type(e).__name__, _first_line(str(e)) or type(e).__name__))
        return out


def dumps(d: dict) -> str:
    """One JSON object on one line, compact and in UTF-8. orjson writes it about five times as
    fast as the json module (it was a tenth of a single-process run); what orjson refuses (an
    integer beyond 64 bits) is written by json in the same layout. Non-finite floats become
    null with orjson (json would write NaN, which is not JSON)."""
    try:
        return orjson.dumps(d).decode()
    except TypeError:  # orjson.JSONEncodeError
        return json.dumps(d, ensure_ascii=False, separators=(",", ":"))


def article_line(article) -> str:
    """dumps(article.to_dict()), with less copying on the way (see Article.to_json_parts)."""
    try:
        return orjson.dumps(article.to_json_parts()).decode()
    except TypeError:  # orjson.JSONEncodeError: see dumps
        return dumps(article.to_dict())


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


def _init_worker(model: Optional[str], max_chars: Optional[int] = None) -> None:
    global _worker_model, _worker_max_chars
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # terminate() ends a worker quietly
    _worker_model = model
    _worker_max_chars = max_chars
    from .pipeline import get_nlp, settle

    get_nlp(model)  # build the pipeline once per worker
    settle()


def _work(sources: list[str]) -> list[Record]:
    return process_batch(sources, _worker_model, _worker_max_chars)


def default_jobs(n_sources: int) -> int:
    """Processes that suit the machine: one for small runs, else one per core."""
    if n_sources < 64:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


class Runner:
    """Runs sources through the pipeline; iterate `records()` for results in input order."""

    def __init__(self, sources: list[str], jobs: int = 1, model: Optional[str] = None, batch: int = BATCH,
                 max_chars: Optional[int] = None):
        self.max_chars = max_chars
        self.sources = sources
        self.jobs = max(1, jobs)
        self.model = model
        self.batch = batch
        self.pool = None

    def records(self) -> Iterator[Record]:
        if "-" in self.sources or self.jobs == 1 or len(self.sources) <= self.batch:
            for chunk in _chunks(self.sources, self.batch):
                yield from process_batch(chunk, self.model, self.max_chars)
            return
        try:
            yield from self._pooled(_worker_tasks(self.sources, self.jobs, self.batch * 4))
        finally:
            self.stop()

    def _start(self) -> None:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context("spawn")
        self.pool = ProcessPoolExecutor(self.jobs, mp_context=ctx, initializer=_init_worker,
                                        initargs=(self.model, self.max_chars))

    def _pooled(self, tasks: Iterator[list[str]]) -> Iterator[Record]:
        """The tasks on a pool of worker processes, 2 per worker in flight, results in order.
        A worker that dies (killed, out of memory, a crash in native code) takes the pool
        down with it: the tasks in flight run again on a new pool; a task in flight when the
        pool died twice runs one source at a time, each alone, and the source that kills a
        worker then becomes an error record ("WorkerDied"). Nothing else is lost."""
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        slots: list[_Slot] = []  # in input order, until yielded
        window = 2 * self.jobs
        more = True
        self._start()
        while True:
            flying = [s for s in slots if s.future is not None]
            # Tasks to run again first (in input order), then new ones, up to the window; a
            # source run alone waits for the pool to be empty and has it to itself.
            for s in slots:
                if len(flying) >= window or any(f.alone for f in flying):
                    break
                if s.future is None and s.records is None:
                    if s.alone and flying:
                        break
                    s.future = self.pool.submit(_work, s.sources)
                    flying.append(s)
            while more and len(flying) < window and not any(s.alone and s.records is None for s in slots):
                task = next(tasks, None)
                if task is None:
                    more = False
                    break
                slots.append(_Slot(task, future=self.pool.submit(_work, task)))
                flying.append(slots[-1])
            while slots and slots[0].records is not None:
                yield from slots.pop(0).records
            if not slots and not more:
                return
            if not flying:
                continue
            done, _ = wait([s.future for s in flying], return_when=FIRST_COMPLETED)
            broken = False
            for s in flying:
                if s.future in done:
                    try:
                        s.records = s.future.result()
                        s.future = None
                    except BrokenProcessPool:
                        broken = True
            if broken:
                self.stop()
                self._start()
                for s in list(slots):
                    if s.future is None:
                        continue
                    if s.future.done() and s.future.exception() is None:
                        s.records, s.future = s.future.result(), None  # (finished before the pool died)
                        continue
                    s.future = None  # lost with the pool
                    s.tries += 1
                    if s.tries < 2:
                        continue  # once more, as it was
                    if len(s.sources) > 1:
                        k = slots.index(s)
                        slots[k:k + 1] = [_Slot([src], tries=1, alone=True) for src in s.sources]
                    else:
                        s.records = [error_record(s.sources[0], "WorkerDied", "the worker process analysing it died "
                                                  "(killed, out of memory, or crashed)")]

    def stop(self) -> None:
        if self.pool is not None:
            # (an executor has no terminate(): its processes are ended at once, as Pool.terminate did)
            for proc in list((getattr(self.pool, "_processes", None) or {}).values()):
                proc.terminate()
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


@dataclass
class _Slot:
    """A task of Runner._pooled: its sources, and its future or its records."""
    sources: list[str]
    tries: int = 0  # pools that died with it in flight
    alone: bool = False  # run with no other task in flight
    future: Optional[object] = None
    records: Optional[list[Record]] = None


def existing_sources(path: str) -> set[str]:
    """Sources already in a JSON Lines results file (for --resume); a half-written last
    line is cut off so that appending keeps the file valid."""
    done: set[str] = set()
    try:
        with open(path, "rb+") as f:
            data = f.read()
            end = data.rfind(b"\n") + 1
            if end < len(data):
                f.truncate(end)
            data = data[:end]
    except FileNotFoundError:
        return done
    for line in data.splitlines():
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if isinstance(obj, dict) and "source" in obj and "error" not in obj:
            done.add(str(obj["source"]))
    return done


class LineSink:
    """Writes whole lines: to a file, each record is one write() of a complete line (so an
    interrupted run leaves only complete lines); to stdout, each line is flushed at once."""

    def __init__(self, path: Optional[str], append: bool = False):
        self.path = path
        self.fd = None
        if path is not None:
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if append else os.O_TRUNC)
            self.fd = os.open(path, flags, 0o644)

    def write_line(self, line: str) -> None:
        if self.fd is None:
            import sys

            sys.stdout.write(line + "\n")
            sys.stdout.flush()
            return
        data = (line + "\n").encode("utf-8")
        while data:
            n = os.write(self.fd, data)
            data = data[n:]

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def records_from_file(path: str) -> Iterable[dict]:
    """Objects of a results file, skipping blank and broken lines."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if isinstance(obj, dict):
                yield obj
