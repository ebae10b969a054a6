"""The OS priority of the child processes a task starts: rustc, rustfmt, the verifier's Python
child (and its bubblewrap layer), the Rust harness.

On a shared worker a batch job's children and an interactive request's compete for the same
cores; a task's Dask priority only orders the queue. So each queue of the workload policy
also names an OS priority for its children (``nice`` 0-19 and a Linux scheduling class:
``normal``, ``batch`` = SCHED_BATCH, ``idle`` = SCHED_IDLE), the runner runs each task of a
job under :class:`AtPriority`, and every place that starts a child passes its command through
:func:`command`. The command is prefixed with ``nice -n N`` and ``chrt --batch|--idle 0``
(coreutils, util-linux): an exec of each (~1 ms), where ``preexec_fn`` would fork a threaded
worker unsafely; the priority is inherited by everything the child starts (rustc's linker,
bubblewrap's sandboxed Python). The kernel lets any process lower a child's priority, so no
privilege is needed. Where a tool is missing the child runs without that part (logged once).

A child started in a session of its own (``start_new_session``, bubblewrap's ``--new-session``)
also needs :func:`own_session`: where Linux's ``sched_autogroup`` is on (the default of most
distributions' kernels), the CPU is first shared between sessions, and a task's nice weighs only
against the tasks of its own session. Measured on one core: a busy child at nice 10 in a session
of its own took 1.07 s of 4 s, as much as a nice-0 process of the service's session (0.96 s),
and 0.12 s once its session's group had nice 10 too; so a batch job's verifier children took
the interactive lane's share whatever their nice.

Only children are lowered, not the task's own thread: it shares its worker process with other
tasks' threads, and an unprivileged process cannot raise a thread's priority back. A worker
that only ever runs batch work can be started lowered as a whole (``nice -n 10 dask worker``).

The priority lives in a context variable: set for the duration of a task, copied into the
threads a task starts (:func:`carried`), and back to normal in every other task.
"""

from __future__ import annotations

import contextvars
import functools
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

log = logging.getLogger(__name__)

Scheduling = Literal["normal", "batch", "idle"]


@dataclass(frozen=True)
class ChildPriority:
    """``nice`` (0 normal .. 19 lowest) and the scheduling class of a task's children."""

    nice: int = 0
    scheduling: Scheduling = "normal"

    def prefix(self) -> list[str]:
        """The command words that start a child at this priority (none at normal)."""
        words: list[str] = []
        if self.nice > 0 and _tool("nice"):
            words += [_tool("nice"), "-n", str(self.nice)]
        if self.scheduling != "normal" and _tool("chrt"):
            words += [_tool("chrt"), f"--{self.scheduling}", "0"]
        return words


NORMAL = ChildPriority()
_CURRENT: contextvars.ContextVar[ChildPriority] = contextvars.ContextVar(
    "portalis_child_priority", default=NORMAL
)


def current() -> ChildPriority:
    return _CURRENT.get()


def command(argv: list[str]) -> list[str]:
    """``argv`` as it starts at the current task's child priority."""
    return [*_CURRENT.get().prefix(), *argv]


class AtPriority:
    """``AtPriority(fn, priority)(*args)``: ``fn(*args)`` with its children at ``priority``
    (picklable: what the runner and the service submit to Dask)."""

    def __init__(self, fn: Callable[..., Any], priority: ChildPriority) -> None:
        self.fn, self.priority = fn, priority
        self.__name__ = getattr(fn, "__name__", "task")  # Dask names the task after it

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        token = _CURRENT.set(self.priority)
        try:
            return self.fn(*args, **kwargs)
        finally:
            _CURRENT.reset(token)


def session_nice() -> int:
    """The nice for the session of a child started now in a session of its own: the child's
    (this process's nice plus the task's) when the task lowers its children, else 0 (the
    kernel's default for a new session; children at normal priority are left as they were:
    the verifier times each Python call by the wall clock)."""
    lowered = _CURRENT.get().nice
    return min(19, os.nice(0) + lowered) if lowered > 0 else 0


def own_session(pid: int) -> None:
    """Give the session that the child ``pid`` leads (started with ``start_new_session``)
    :func:`session_nice`: the scheduler's group of that session (``/proc/PID/autogroup``)
    weighs as much as the service's whole session otherwise. Best effort: nothing where the
    kernel has no autogroup (no such file) or refuses (an unprivileged parent's writes are
    rate-limited: the child then runs at its own nice inside a group of normal weight, as
    before)."""
    nice = session_nice()
    if nice <= 0:
        return
    try:
        with open(f"/proc/{pid}/autogroup", "w") as fh:
            fh.write(str(nice))
    except OSError as exc:
        log.debug("session of child %d keeps its scheduler group's nice: %s", pid, exc)


def carried(fn: Callable[[], None]) -> Callable[[], None]:
    """``fn`` to run in a new thread with the current child priority (a thread starts with
    an empty context)."""
    return functools.partial(contextvars.copy_context().run, fn)


@functools.lru_cache(maxsize=4)
def _tool(name: str) -> str:
    found = shutil.which(name) or ""
    if not found:
        log.warning("%s not found: child processes run without it (normal OS priority)", name)
    return found
