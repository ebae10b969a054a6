"""The interactive lane: translation-only requests whose answer is not known yet are translated
by a few processes of the service's own (``service.fast_path``, one per batch slot) instead of
as tasks on the cluster.

Why: a batch job's partition holds a worker thread for seconds to minutes (a task's Dask
priority orders the queue, it does not preempt a running task), and a request task that does
get a thread shares its worker process, and its GIL, with the partition running beside it.
The lane waits behind neither, and skips the scheduler's hops; what it runs is the same
function with the same arguments as the cluster task (``snippet.translate_snippets``: same
engine, same cache, same answers), its children at the interactive queue's OS priority.
Verification stays on the cluster (its Python runs, isolated, one source per task).

A lane process that dies (``BrokenProcessPool``) or a request that runs past the timeout
retires the pool: a fresh one takes the next requests, and the old one's processes exit when
their current call ends (a Python call cannot be stopped from outside). The caller decides
what a fault means (the service sends the batch to the cluster instead).
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from pipeline.translate import get_engine


class LaneFault(RuntimeError):
    """A lane process died under a call (the call itself said nothing)."""


class Lane:
    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"))

    async def warm(self, engine: str) -> None:
        """Start every process and load the engine in it (a cold one costs ~1 s)."""
        loop = asyncio.get_running_loop()
        calls = [loop.run_in_executor(self._pool, _load, engine) for _ in range(self.processes)]
        await asyncio.gather(*calls)

    async def run(self, fn: Callable[..., Any], *args: Any, timeout_s: float) -> Any:
        """``fn(*args)`` in a lane process; raises ``TimeoutError`` past ``timeout_s`` and
        :class:`LaneFault` when the process died, retiring the pool in both cases."""
        pool = self._pool
        try:  # a pool found broken raises at submission, one that breaks under the call later
            call = asyncio.get_running_loop().run_in_executor(pool, fn, *args)
            return await asyncio.wait_for(call, timeout_s)
        except TimeoutError:
            self._retire(pool)
            raise
        except BrokenProcessPool as exc:
            self._retire(pool)
            raise LaneFault(f"a lane process died: {exc}") from exc

    def _retire(self, pool: ProcessPoolExecutor) -> None:
        if pool is self._pool:  # not twice for the calls of one broken pool
            self._pool = self._new_pool()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _load(engine: str) -> None:
    get_engine(engine)
