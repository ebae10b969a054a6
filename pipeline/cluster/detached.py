"""A local cluster whose scheduler runs in a process of its own.

``LocalCluster`` keeps its scheduler (and the workers' nannies) in the process that starts
it. For ``portalis run`` that is the driver, which mostly waits. For ``portalis serve`` it is
the service: the scheduler's heartbeats and monitors would share the event loop's process
and GIL with every request. :func:`detached_local` starts the same ``LocalCluster`` in a
child process instead and yields its scheduler's address; the cluster closes when the block
ends, or, should this process die first, when the child sees the pipe to it close.

Its workers run without Dask's statistical profiler (which samples every thread's stack
every 10 ms, for the dashboard's profile page) and report system metrics once a second, not
twice: measured on 2 idle workers, 119 -> 83 ms of CPU per second for the profiler alone, and
~6% less CPU on busy ones. An interactive service pays that CPU on every request.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Iterator
from multiprocessing.connection import Connection

import dask

from pipeline.cluster.connect import LEAN, connect
from pipeline.cluster.errors import ClusterConnectError, ClusterError

START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 60.0


@contextlib.contextmanager
def detached_local(
    workers: int | None = None, threads_per_worker: int = 1, nice: int = 0
) -> Iterator[str]:
    """A local cluster (``connect("local", ...)``) hosted by a child process; yields its
    scheduler's address. ``nice``: the host process, and so its scheduler, nannies and workers
    (which inherit it), run that much nicer than this one. Raises
    :class:`ClusterConnectError` when it does not start."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    host = context.Process(
        target=_host, args=(theirs, workers, threads_per_worker, nice), name="portalis-cluster"
    )
    host.start()
    theirs.close()
    try:
        yield _address(ours, host)
    finally:
        ours.close()  # the host closes its cluster and exits
        host.join(STOP_TIMEOUT_S)
        if host.is_alive():
            host.terminate()
            host.join(STOP_TIMEOUT_S)


def _address(conn: Connection, host: multiprocessing.process.BaseProcess) -> str:
    if not conn.poll(START_TIMEOUT_S):
        raise ClusterConnectError(f"the local cluster did not start within {START_TIMEOUT_S:g}s")
    try:
        kind, text = conn.recv()
    except EOFError:
        raise ClusterConnectError(
            f"the local cluster's process exited (code {host.exitcode}) before it started"
        ) from None
    if kind != "address":
        raise ClusterConnectError(text)
    return text


def _host(conn: Connection, workers: int | None, threads_per_worker: int, nice: int) -> None:
    """The child: start the cluster, send its address, hold it until the pipe closes."""
    if nice > 0:
        os.nice(nice)
    try:
        with dask.config.set(LEAN):  # its scheduler too
            handle = connect(
                "local", workers=workers, threads_per_worker=threads_per_worker, lean=True
            )
    except ClusterError as exc:
        conn.send(("error", str(exc)))
        return
    with handle, contextlib.suppress(EOFError):
        conn.send(("address", handle.scheduler_address))
        conn.recv()  # nothing is ever sent: returns (EOFError) once the parent's end closes
