"""Stop tasks that hang: restart the worker running a task past its time limit.

A Python thread cannot be killed, so a unit whose translation (or verification harness
supervision) never returns would hold its worker forever and the run would never finish.
The watchdog polls the scheduler for our tasks in ``processing``; one running longer than the
limit gets its worker restarted (the nanny starts a fresh one). Dask then retries the task
elsewhere and, after ``distributed.scheduler.allowed-failures`` such deaths, fails it with
KilledWorker — and the runner isolates it like any poison pill, reporting ``timeout``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable

from distributed import Client

log = logging.getLogger(__name__)


class Watchdog:
    """A background thread enforcing ``limit_s`` on tasks whose key ``is_ours``."""

    def __init__(
        self,
        client: Client,
        limit_s: float,
        is_ours: Callable[[Hashable], bool],
        poll_s: float | None = None,
    ) -> None:
        self.client, self.limit_s, self.is_ours = client, limit_s, is_ours
        self.poll_s = poll_s if poll_s is not None else min(5.0, max(0.2, limit_s / 10))
        self.timed_out: set[Hashable] = set()  # keys whose worker we restarted
        self._seen: dict[tuple[Hashable, str], float] = {}  # (key, worker) -> first seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="portalis-watchdog", daemon=True)

    def __enter__(self) -> Watchdog:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _loop(self) -> None:
        while not self._stop.wait(self.poll_s):
            try:
                self.check()
            except Exception as exc:  # the watchdog must not take the run down
                log.debug("watchdog check failed: %s", exc)

    def check(self) -> None:
        """One poll: note newly running tasks, restart workers of overdue ones."""
        now = time.monotonic()
        running = {
            (key, worker)
            for worker, keys in self.client.processing().items()
            for key in keys
            if self.is_ours(key)
        }
        self._seen = {kw: self._seen.get(kw, now) for kw in running}
        overdue = {
            worker: key for (key, worker), since in self._seen.items() if now - since > self.limit_s
        }
        for worker, key in overdue.items():
            log.warning(
                "task %s ran over %.0f s on %s: restarting that worker", key, self.limit_s, worker
            )
            self.timed_out.add(key)
            self._seen = {kw: t for kw, t in self._seen.items() if kw[1] != worker}
            self.client.restart_workers([worker], raise_for_error=False)
