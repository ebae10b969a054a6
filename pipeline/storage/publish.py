"""Atomic publication of a run's outputs through fsspec.

Files are first written under ``<out>/.portalis-staging/<run_id>/``; publishing removes the
previous ``_SUCCESS`` marker, moves the staged files into place, deletes outputs the previous
run wrote that this one did not, and writes ``_SUCCESS`` last. A reader that sees ``_SUCCESS``
sees a complete output; a crashed run leaves no marker. While publishing, ``_PUBLISHING`` lists
every file the output may hold, so that the run after a publish that died half-way still
removes stale files. Transient storage errors are retried.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from functools import partial
from typing import TypeVar

import fsspec

from pipeline.metrics import STORAGE_RETRIES

MARKER = "_SUCCESS"
INCOMPLETE = "_INCOMPLETE"
PUBLISHING = "_PUBLISHING"
STAGING = ".portalis-staging"
T = TypeVar("T")


class PublishError(RuntimeError):
    """Outputs could not be written; the message never contains credentials."""


def retry(action: Callable[[], T], what: str, attempts: int = 4, base_delay: float = 0.2) -> T:
    """Run ``action``, retrying OSErrors with exponential backoff."""
    for attempt in range(attempts):
        try:
            return action()
        except FileNotFoundError:
            raise
        except OSError as exc:
            if attempt == attempts - 1:
                raise PublishError(f"cannot {what}: {type(exc).__name__}: {exc}") from exc
            STORAGE_RETRIES.inc()
            time.sleep(base_delay * 2**attempt)
    raise AssertionError("unreachable")


class Publisher:
    """Stage files for one run, then publish them all at once."""

    def __init__(self, out: str, run_id: str, storage_options: dict | None = None) -> None:
        try:
            self.fs, root = fsspec.core.url_to_fs(out, **(storage_options or {}))
        except (ImportError, ValueError) as exc:
            raise PublishError(f"cannot use output location {out}: {exc}") from exc
        self.out = out
        self.root = root.rstrip("/")
        self.run_id = run_id
        self.staging = f"{self.root}/{STAGING}/{run_id}"
        self.written: list[str] = []

    def probe(self) -> None:
        """Fail fast (PublishError) when the output location is not writable."""
        self.write(".probe", b"")
        retry(lambda: self.fs.rm(f"{self.staging}/.probe"), "write to the output location")
        self.written.remove(".probe")

    def write(self, rel: str, data: bytes | str) -> None:
        payload = data.encode("utf-8") if isinstance(data, str) else data
        path = f"{self.staging}/{rel}"
        retry(lambda: self.fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True), f"create {rel}")
        retry(lambda: self.fs.pipe_file(path, payload), f"write {rel}")
        self.written.append(rel)

    def publish(self, complete: bool = True) -> None:
        """Move staged files into place and write the marker last.

        An interrupted run publishes what it finished with an ``_INCOMPLETE`` marker instead
        of ``_SUCCESS``.
        """
        marker = f"{self.root}/{MARKER}"
        pending = f"{self.root}/{PUBLISHING}"
        previous = sorted(
            {
                rel
                for name in (MARKER, INCOMPLETE, PUBLISHING)
                for rel in self._previous_files(f"{self.root}/{name}")
            }
        )
        note = json.dumps(
            {"run_id": self.run_id, "files": sorted(set(previous) | set(self.written))}, indent=1
        )
        retry(lambda: self.fs.pipe_file(pending, note.encode()), "write the publishing note")
        for name in (MARKER, INCOMPLETE):
            if self.fs.exists(f"{self.root}/{name}"):
                retry(partial(self.fs.rm, f"{self.root}/{name}"), "remove a previous marker")
        for rel in sorted(self.written):
            src, dst = f"{self.staging}/{rel}", f"{self.root}/{rel}"
            parent = dst.rsplit("/", 1)[0]
            retry(partial(self.fs.makedirs, parent, exist_ok=True), f"mkdir {rel}")
            retry(partial(self.fs.mv, src, dst), f"publish {rel}")
        stale = set(previous) - set(self.written) if complete else set()
        for rel in sorted(stale):
            if self.fs.exists(f"{self.root}/{rel}"):
                retry(partial(self.fs.rm, f"{self.root}/{rel}"), f"remove stale {rel}")
        self.discard()
        record: dict = {"run_id": self.run_id, "files": sorted(self.written)}
        if not complete:  # earlier outputs left in place: the next complete run removes them
            record["kept"] = sorted(set(previous) - set(self.written))
        body = json.dumps(record, indent=1)
        final = marker if complete else f"{self.root}/{INCOMPLETE}"
        retry(lambda: self.fs.pipe_file(final, body.encode()), "write the marker")
        retry(lambda: self.fs.rm(pending), "remove the publishing note")

    def discard(self) -> None:
        """Remove this run's staging area (after publishing, or when abandoning the run)."""
        try:
            if self.fs.exists(self.staging):
                self.fs.rm(self.staging, recursive=True)
            parent = f"{self.root}/{STAGING}"
            if self.fs.exists(parent) and not self.fs.ls(parent):
                self.fs.rmdir(parent)
        except OSError:
            pass

    def _previous_files(self, marker: str) -> list[str]:
        try:
            record = json.loads(self.fs.cat_file(marker))
            return list(record.get("files", [])) + list(record.get("kept", []))
        except (OSError, ValueError, AttributeError, TypeError):  # absent or not ours
            return []
