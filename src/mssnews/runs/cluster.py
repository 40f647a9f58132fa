"""Batch runs on a Dask cluster (`extract --dask ADDRESS`, or `--dask local`).

Each worker builds the pipeline once (a worker plugin); sources go out in partitions and the
records come back in input order, the same records a local run writes. A partition whose worker
dies is run again by Dask elsewhere, and its records are written once, when it completes.
Sources may be local paths or fsspec URLs (file://, s3:// with s3fs installed, ...).
"""
from __future__ import annotations

from collections import deque
from fnmatch import fnmatch
from typing import Iterator, Optional

from mssnews.runs.records import Record, error_record

INSTALL_HINT = 'the --dask option needs the dask extra: pip install "mssnews[dask]"'


class DaskMissing(RuntimeError):
    pass


def _require():
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise DaskMissing(INSTALL_HINT) from None


def is_url(source: str) -> bool:
    return "://" in source


def expand_urls(sources: list[str], glob: str) -> list[str]:
    """fsspec URLs of folders become the URLs of their files (sorted); others stay."""
    out: list[str] = []
    for source in sources:
        if not is_url(source):
            out.append(source)
            continue
        import fsspec

        fs, path = fsspec.core.url_to_fs(source)
        if fs.isdir(path):
            found = sorted(p for p in fs.find(path) if fnmatch(p.rsplit("/", 1)[-1], glob))
            out.extend(fs.unstrip_protocol(p) for p in found)
        else:
            out.append(source)
    return out


def _read_url(source: str) -> str:
    import fsspec

    from mssnews.runs.inputs import InputError, decode

    try:
        with fsspec.open(source, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except Exception as e:  # noqa: BLE001 - any fsspec backend error, in one line
        raise InputError(f"cannot read: {type(e).__name__}: {e}") from None
    return decode(data)


def process_partition(sources: list[str], model: Optional[str], max_chars: Optional[int],
                      keep_text: bool = False) -> list[Record]:
    """Run on a worker: the same as a local batch, reading URLs with fsspec."""
    from mssnews.runs.batch import process_batch
    from mssnews.runs.records import in_transit
    from mssnews.runs.inputs import read_source

    def read(source: str) -> str:
        return _read_url(source) if is_url(source) else read_source(source)

    return in_transit(process_batch(sources, model, max_chars, reader=read, keep_text=keep_text, keep_article=False))


def _plugin(model: Optional[str]):
    from distributed.diagnostics.plugin import WorkerPlugin

    class BuildPipeline(WorkerPlugin):
        """Builds the mssnews pipeline once per worker process, before any task runs."""

        name = "mssnews-pipeline"

        def __init__(self, model):
            self.model = model

        def setup(self, worker):
            from mssnews.pipeline import get_nlp

            get_nlp(self.model)

    return BuildPipeline(model)


class DaskRunner:
    """Like batch.Runner, on a Dask cluster: `records()` yields records in input order."""

    def __init__(self, sources: list[str], address: str, model: Optional[str] = None,
                 max_chars: Optional[int] = None, workers: Optional[int] = None, partition: int = 32,
                 keep_text: bool = False):
        _require()
        self.keep_text = keep_text
        self.sources = sources
        self.address = address
        self.model = model
        self.max_chars = max_chars
        self.workers = workers
        self.partition = partition
        self.client = None
        self.cluster = None

    def _connect(self):
        from distributed import Client, LocalCluster

        if self.address == "local":
            self.cluster = LocalCluster(n_workers=self.workers or 2, threads_per_worker=1, processes=True,
                                        dashboard_address=":0", silence_logs=50)
            self.client = Client(self.cluster)
        else:
            self.client = Client(self.address, timeout="30s")
        self.client.register_plugin(_plugin(self.model))

    def records(self) -> Iterator[Record]:
        if not self.sources:
            return
        self._connect()
        n_workers = max(1, len(self.client.scheduler_info().get("workers", {})) or 1)
        size = max(1, min(self.partition, -(-len(self.sources) // (n_workers * 4))))
        chunks = [self.sources[i:i + size] for i in range(0, len(self.sources), size)]
        window = max(2, n_workers * 3)  # partitions in flight: bounded memory, results in order
        pending: deque = deque()
        it = iter(chunks)
        try:
            for chunk in it:
                pending.append(self._submit(chunk))
                if len(pending) >= window:
                    yield from self._result(pending.popleft())
            while pending:
                yield from self._result(pending.popleft())
        finally:
            self.stop()

    def _submit(self, chunk: list[str]):
        return (chunk, self.client.submit(process_partition, chunk, self.model, self.max_chars,
                                          self.keep_text, retries=2, pure=False))

    def _result(self, item) -> list[Record]:
        chunk, future = item
        try:
            return future.result()
        except Exception as e:  # noqa: BLE001 - a partition that failed even after retries
            message = f"partition failed on the cluster: {type(e).__name__}: {e}".splitlines()[0]
            return [error_record(s, "ClusterError", message) for s in chunk]

    def stop(self) -> None:
        for thing in (self.client, self.cluster):
            if thing is not None:
                try:
                    thing.close()
                except Exception:  # noqa: BLE001 - shutting down anyway
                    pass
        self.client = self.cluster = None
