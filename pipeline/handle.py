"""A run going on in a thread of the driver (``pipeline.runner.submit``): its summary when it
ends, its Dask futures as it submits them, and Dask's own progress widget over them.

The run's graph grows as it goes (cache probes, then partitions, learned tasks, one final task
per repository), so the widget is a box to which every wave of submissions adds Dask's
``progress`` bars (one per kind of task). The handle holds the run's futures until the run
ends and every bar has caught up with them (a bar set up after its tasks were released
would wait for them forever); then it lets them go.
"""

from __future__ import annotations

import concurrent.futures
import threading
import time
from collections.abc import Callable
from typing import Any

from distributed import Client, Future, progress

WAVE_S = 0.5  # submissions this close together share one set of bars
RELEASE_S = 60.0  # after the run, bars that have not caught up by then are left behind
INSTALL_HINT = "pip install 'portalis[notebooks]'"

Start = Callable[[Callable[[list[Future]], None]], Any]


class RunHandle:
    """Started by ``submit``; ``result()`` waits for the run's summary (or raises its error)."""

    def __init__(self, client: Client, start: Start) -> None:
        if client.loop is None:
            raise ValueError("the client is closed")
        self.client = client
        self._loop = client.loop  # the client's event loop thread: where bars listen
        self._lock = threading.Lock()
        self._futures: list[Future] = []  # held while the run goes on
        self._keys: list[str] = []
        self._box: Any = None  # the progress widget, once asked for
        self._bars: list[Any] = []  # Dask's progress widgets in it
        self._pending: list[Future] = []  # submitted since the widget's last bars
        self._flushing = False
        self._outcome: concurrent.futures.Future = concurrent.futures.Future()
        self._thread = threading.Thread(
            target=self._run, args=(start,), name="portalis-run", daemon=True
        )
        self._thread.start()

    def result(self, timeout: float | None = None) -> Any:
        """The run's summary, once it has finished (TimeoutError after ``timeout`` seconds)."""
        return self._outcome.result(timeout)

    def done(self) -> bool:
        return self._outcome.done()

    def futures(self) -> list[Future]:
        """The Dask futures of the tasks submitted so far (none once the run has ended)."""
        with self._lock:
            return list(self._futures)

    def keys(self) -> list[str]:
        """The keys of every task the run has submitted, in order (kept after it ends)."""
        with self._lock:
            return list(self._keys)

    def progress(self) -> Any:
        """Dask's progress widget for this run: a box that gains ``distributed.progress``
        bars for every wave of tasks the run submits. Make it the last expression of a
        notebook cell; it updates while the kernel is free."""
        try:
            from ipywidgets import VBox
        except ImportError as exc:
            raise ImportError(f"the progress widget needs ipywidgets: {INSTALL_HINT}") from exc
        with self._lock:
            if self._box is None:
                self._box = VBox()
                self._pending = list(self._futures)
                self._schedule()
            return self._box

    def _run(self, start: Start) -> None:
        try:
            self._outcome.set_result(start(self._submitted))
        except BaseException as exc:  # the caller gets it from result()
            self._outcome.set_exception(exc)
        finally:
            try:
                self._loop.add_callback(self._release, time.monotonic() + RELEASE_S)
            except RuntimeError:  # the client's loop is closed: no bar can follow anything
                with self._lock:
                    self._futures, self._pending = [], []

    def _release(self, deadline: float) -> None:
        """Let the run's futures go once every bar has caught up (on the client's loop)."""
        with self._lock:
            behind = self._pending or self._flushing
            behind = behind or any(getattr(b, "status", None) is None for b in self._bars)
            if not behind or time.monotonic() > deadline:
                self._futures, self._pending = [], []
                return
        self._loop.call_later(WAVE_S, self._release, deadline)

    def _submitted(self, futures: list[Future]) -> None:
        with self._lock:
            self._futures += futures
            self._keys += [str(f.key) for f in futures]
            if self._box is not None:
                self._pending += futures
                self._schedule()

    def _schedule(self) -> None:
        """Add bars for the pending futures soon, on the client's event loop (caller holds
        the lock)."""
        if self._pending and not self._flushing:
            self._flushing = True
            self._loop.add_callback(lambda: self._loop.call_later(WAVE_S, self._add_bars))

    def _add_bars(self) -> None:
        with self._lock:
            wave, self._pending, self._flushing = self._pending, [], False
        if not wave:
            return
        address = self.client.scheduler.address
        bars = progress(*wave, notebook=True, multi=True, complete=True, scheduler=address)
        self._bars.append(bars)
        self._box.children = (*self._box.children, bars.widget)
        self._loop.add_callback(bars.listen)
