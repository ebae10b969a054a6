"""Batch jobs submitted over HTTP: each is a ``portalis run`` of one repository, driven by the
pipeline's own runner in a thread of the service, on the same Dask cluster, at the tenant's
queue priority. Cancelling stops submitting, keeps what finished and publishes it with the
runner's ``_INCOMPLETE`` marker (the progress hook raises the runner's interrupt). A job's
HTML report is written beside its manifest, as ``portalis run`` does."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import fsspec
import pyarrow.parquet as pq
from distributed import Client

from pipeline.config import RunConfig
from pipeline.report import read_sources, write_report
from pipeline.runner import RunHooks, run

log = logging.getLogger(__name__)
STATES = ("queued", "running", "done", "cancelled", "failed")


@dataclass
class Job:
    id: str
    tenant: str
    source: str
    out: str
    queue: str  # the workload policy's queue its tasks are submitted at
    state: str = "queued"
    done: int = 0  # files finished
    total: int = 0  # files found
    counts: dict[str, int] = field(default_factory=dict)
    error: str = ""
    created: float = field(default_factory=time.time)
    cancel: threading.Event = field(default_factory=threading.Event, repr=False)

    def view(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state,
            "source": self.source,
            "out": self.out,
            "queue": self.queue,
            "progress": {"files_done": self.done, "files_total": self.total},
            "counts": self.counts,
            "error": self.error,
            "created": self.created,
        }


class _Progress:
    """The runner's progress bar, recording into the job; raises the runner's interrupt
    (KeyboardInterrupt) once the job is cancelled."""

    def __init__(self, job: Job, total: int = 0, **_: object) -> None:
        self.job = job
        job.total = total

    def update(self, n: int = 1) -> None:
        self.job.done += n
        self._check()

    def set_postfix(self, *args: object, **kwargs: object) -> None:
        self._check()

    def _check(self) -> None:
        if self.job.cancel.is_set():
            raise KeyboardInterrupt

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class JobManager:
    def __init__(self, config: RunConfig, scheduler: str) -> None:
        self.config, self.scheduler = config, scheduler
        self.jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._uploads = tempfile.mkdtemp(prefix="portalis-uploads-")

    def running(self, tenant: str) -> int:
        return sum(
            j.tenant == tenant and j.state in ("queued", "running") for j in self.jobs.values()
        )

    def submit(self, tenant: str, source: str, queue: str) -> Job:
        job_id = uuid.uuid4().hex[:16]
        out = f"{self.config.service.jobs_out.rstrip('/')}/{job_id}"
        job = Job(job_id, tenant, source, out, queue)
        with self._lock:
            self.jobs[job_id] = job
        config = self.config.with_overrides(priority=queue)
        threading.Thread(target=self._run, args=(job, config), daemon=True).start()
        return job

    def upload_path(self, name: str, data: bytes) -> str:
        """Store an uploaded archive; its local path (a source for :meth:`submit`)."""
        directory = os.path.join(self._uploads, uuid.uuid4().hex)
        os.mkdir(directory)
        path = os.path.join(directory, name)
        with open(path, "wb") as fh:
            fh.write(data)
        return path

    def get(self, tenant: str, job_id: str) -> Job | None:
        job = self.jobs.get(job_id)
        return job if job is not None and job.tenant == tenant else None

    def manifest(self, job: Job) -> list[dict]:
        with fsspec.open(f"{job.out}/manifest.parquet", "rb", **self.config.storage_options) as fh:
            return pq.read_table(fh).to_pylist()

    def states(self) -> dict[str, int]:
        return {s: sum(j.state == s for j in self.jobs.values()) for s in STATES}

    def _report(self, job: Job, out: str, config: RunConfig) -> None:
        try:
            write_report(out, config.storage_options, read_sources([job.source], config))
        except Exception as exc:  # the run stands; the job says what is missing
            log.warning("report of job %s not written", job.id, exc_info=True)
            job.error = f"report not written: {type(exc).__name__}: {exc}"

    def _run(self, job: Job, config: RunConfig) -> None:
        job.state = "running"
        hooks = RunHooks(progress=lambda **kw: _Progress(job, **kw))
        try:
            with Client(self.scheduler) as client:  # the runner uses the default client
                summary = run([job.source], job.out, config, client, hooks)
            job.counts = dict(summary.counts)
            self._report(job, summary.out, config)
            job.state = "done" if summary.complete else "cancelled"
        except Exception as exc:  # reported in the job, never raised into the service
            log.warning("job %s failed", job.id, exc_info=True)
            job.error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            job.state = "failed"
        finally:
            if job.source.startswith(self._uploads):
                with contextlib.suppress(OSError):
                    shutil.rmtree(os.path.dirname(job.source))
