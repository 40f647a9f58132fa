"""Worker processes for batch runs, each with a pipe of its own.

Why not `concurrent.futures.ProcessPoolExecutor`: one dying worker breaks the whole executor,
and its manager thread can wait for ever on a result the dying worker was half-way through
writing; `shutdown(wait=True)` (and the interpreter's exit, which joins that thread) then
hangs. Here the parent reads each worker's pipe itself, sees a death from the process's
sentinel or a cut pipe, and ending the pool is bounded: terminate, join with a timeout, kill.
Workers die with their parent (Linux: PR_SET_PDEATHSIG; elsewhere a thread that watches the
parent's pid), so a `kill -9` of the main process leaves no worker behind.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from multiprocessing.connection import wait
from typing import Callable, Optional

PER_WORKER = 2  # tasks sent to a worker ahead (it runs them in turn), so it never waits for us


def _die_with_parent(parent: int) -> None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0:  # PR_SET_PDEATHSIG
            if os.getppid() != parent:  # the parent died before the call took effect
                os._exit(1)
            return
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _worker_main(conn, parent: int, setup: Callable, setup_args: tuple, work: Callable) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # terminate() ends a worker quietly
    _die_with_parent(parent)
    setup(*setup_args)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        task_id, payload = msg
        conn.send((task_id, work(payload)))


class Worker:
    def __init__(self, ctx, setup: Callable, setup_args: tuple, work: Callable):
        parent_end, child_end = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child_end, os.getpid(), setup, setup_args, work),
                                daemon=True)
        self.proc.start()
        child_end.close()
        self.conn = parent_end
        self.tasks: list[int] = []  # ids sent and not yet answered, in the order sent

    def send(self, task_id: int, payload) -> bool:
        try:
            self.conn.send((task_id, payload))
        except (OSError, ValueError):
            return False
        self.tasks.append(task_id)
        return True

    def end(self, timeout: float = 2.0) -> None:
        if self.proc.is_alive():
            self.proc.terminate()
            self.proc.join(timeout)
            if self.proc.is_alive():
                self.proc.kill()
                self.proc.join(timeout)
        else:
            self.proc.join(0)
        self.conn.close()


class Pool:
    """`jobs` workers; `run(tasks)` hands each task (id, payload) to a worker and yields
    (id, result) as they come, or (id, None) for each task lost with a worker that died
    (the worker is replaced). `alone` ids are sent only to a worker with nothing else to do,
    and it gets nothing else until that one is answered."""

    def __init__(self, jobs: int, setup: Callable, setup_args: tuple, work: Callable):
        import multiprocessing as mp

        self.ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context("spawn")
        self.spec = (setup, setup_args, work)
        self.workers = [Worker(self.ctx, *self.spec) for _ in range(max(1, jobs))]

    def assign(self, pending: list, alone: set) -> None:
        """Send tasks from the front of `pending` (a list of (id, payload)) to idle places. A
        worker found dead with nothing in hand is replaced first; one whose pipe refuses a
        task is replaced and the task stays pending."""
        for w in list(self.workers):
            if not w.tasks and not w.proc.is_alive():
                w = self._replace(w)
            while pending and len(w.tasks) < PER_WORKER:
                task_id = pending[0][0]
                if (task_id in alone and w.tasks) or any(t in alone for t in w.tasks):
                    break
                if not w.send(*pending[0]):
                    if not w.tasks:
                        w = self._replace(w)
                    break
                pending.pop(0)

    def collect(self, timeout: float = 1.0) -> list[tuple[int, object]]:
        """Wait for answers (at most `timeout` seconds: never on nothing, never for ever);
        (id, result) for each, (id, None) for each task lost with a worker."""
        by_conn = {w.conn: w for w in self.workers if w.tasks}
        by_sentinel = {w.proc.sentinel: w for w in self.workers if w.tasks}
        out: list[tuple[int, object]] = []
        if not by_conn:
            return out
        ready_list = wait(list(by_conn) + list(by_sentinel), timeout)
        if not ready_list:  # (a worker gone without its pipe or sentinel saying so yet)
            ready_list = [w.proc.sentinel for w in by_conn.values() if not w.proc.is_alive()]
        for ready in ready_list:
            w = by_conn.get(ready) or by_sentinel.get(ready)
            if w is None or w not in self.workers:
                continue
            if not self._read(w, out):
                out.extend((t, None) for t in w.tasks)
                w.tasks = []
            if not w.tasks and not w.proc.is_alive():
                self._replace(w)
        return out

    def _read(self, w: Worker, out: list) -> bool:
        """Every answer waiting in w's pipe; False when the worker is gone."""
        try:
            while w.tasks and w.conn.poll():
                task_id, result = w.conn.recv()
                w.tasks.remove(task_id)
                out.append((task_id, result))
        except Exception:  # noqa: BLE001 - a cut or garbled pipe (EOFError, OSError, unpickling)
            return False
        return w.proc.is_alive() or not w.tasks

    def _replace(self, w: Worker) -> Worker:
        w.end(0.5)
        new = self.workers[self.workers.index(w)] = Worker(self.ctx, *self.spec)
        return new

    def close(self) -> None:
        """End every worker: bounded, never waits on a broken pipe."""
        for w in self.workers:
            try:
                w.conn.send(None)
            except (OSError, ValueError):
                pass
        for w in self.workers:
            w.end()
        self.workers = []
