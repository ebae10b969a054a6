"""Atomic publication: staging, the _SUCCESS marker, stale files, fsspec URLs, retries."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import fsspec
import pytest
from fsspec.implementations.memory import MemoryFileSystem

from pipeline.storage.publish import (
    INCOMPLETE,
    MARKER,
    PUBLISHING,
    STAGING,
    Publisher,
    PublishError,
    retry,
)


class RecordingMemoryFS(MemoryFileSystem):
    """fsspec's memory filesystem, noting the order in which files land at their final path."""

    protocol = "recmem"
    landed: list[str] = []

    @classmethod
    def _strip_protocol(cls, path):
        if isinstance(path, str) and path.startswith("recmem://"):
            path = "memory://" + path[len("recmem://") :]
        return super()._strip_protocol(path)

    def pipe_file(self, path, value, *args, **kwargs):
        super().pipe_file(path, value, *args, **kwargs)
        self.landed.append(self._strip_protocol(path))

    def mv(self, path1, path2, *args, **kwargs):
        super().mv(path1, path2, *args, **kwargs)
        self.landed.append(self._strip_protocol(path2))


fsspec.register_implementation("recmem", RecordingMemoryFS, clobber=True)


def marker(root: Path, name: str = MARKER) -> dict:
    return json.loads((root / name).read_text())


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def publish(out: str, run_id: str, files: dict[str, str | bytes], complete: bool = True):
    pub = Publisher(out, run_id)
    for rel, data in files.items():
        pub.write(rel, data)
    pub.publish(complete=complete)
    return pub


def test_files_land_with_marker_and_no_staging(tmp_path: Path) -> None:
    out = tmp_path / "out"
    pub = Publisher(str(out), "run-1")
    pub.write("manifest.parquet", b"\x00PAR1")
    pub.write("crates/demo/src/lib.rs", "pub fn f() {}\n")
    pub.write("summary.json", '{"ok": true}')
    assert not (out / MARKER).exists()
    assert (out / STAGING / "run-1" / "crates/demo/src/lib.rs").exists()
    assert not (out / "summary.json").exists()  # nothing visible before publish
    pub.publish()
    assert files_under(out) == [
        MARKER,
        "crates/demo/src/lib.rs",
        "manifest.parquet",
        "summary.json",
    ]
    assert (out / "manifest.parquet").read_bytes() == b"\x00PAR1"
    assert (out / "crates/demo/src/lib.rs").read_text() == "pub fn f() {}\n"
    assert marker(out) == {
        "run_id": "run-1",
        "files": ["crates/demo/src/lib.rs", "manifest.parquet", "summary.json"],
    }
    assert not (out / STAGING).exists()


def test_marker_is_written_last() -> None:
    RecordingMemoryFS.landed.clear()
    root = f"/rec-{uuid.uuid4().hex[:8]}"
    publish(f"recmem://{root}", "r1", {"b.txt": "b", "a/a.txt": "a", "c.txt": "c"})
    final = [p for p in RecordingMemoryFS.landed if f"/{STAGING}/" not in p]
    assert final[0] == f"{root}/{PUBLISHING}"  # the note of what may be there comes first
    assert final[-1] == f"{root}/{MARKER}"
    assert sorted(final[1:-1]) == [f"{root}/a/a.txt", f"{root}/b.txt", f"{root}/c.txt"]
    assert not RecordingMemoryFS().exists(f"{root}/{PUBLISHING}")


def test_second_run_replaces_files_and_removes_stale_ones(tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish(str(out), "run-1", {"keep.txt": "one", "old/only1.txt": "x", "same.txt": "s"})
    (out / "user-notes.txt").write_text("not ours")
    publish(str(out), "run-2", {"keep.txt": "two", "new.txt": "n", "same.txt": "s"})
    assert files_under(out) == [MARKER, "keep.txt", "new.txt", "same.txt", "user-notes.txt"]
    assert (out / "keep.txt").read_text() == "two"
    assert marker(out)["run_id"] == "run-2"
    assert marker(out)["files"] == ["keep.txt", "new.txt", "same.txt"]


def test_unpublished_run_leaves_no_marker(tmp_path: Path) -> None:
    out = tmp_path / "out"
    pub = Publisher(str(out), "crashed")
    pub.write("manifest.parquet", b"x")
    assert not (out / MARKER).exists() and not (out / "manifest.parquet").exists()
    pub.discard()
    assert not (out / STAGING).exists()
    assert not (out / MARKER).exists()


def test_failed_publish_removes_the_earlier_marker(tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish(str(out), "run-1", {"a.txt": "1"})
    assert (out / MARKER).exists()
    pub = Publisher(str(out), "run-2")
    pub.write("a.txt", "2")
    pub.write("b.txt", "2")
    (out / STAGING / "run-2" / "b.txt").unlink()  # the staged file vanished: publish fails
    with pytest.raises(FileNotFoundError):
        pub.publish()
    # a reader must not take the half-published directory for a complete output
    assert not (out / MARKER).exists()


def test_run_after_a_publish_that_died_half_way_removes_stale_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish(str(out), "run-1", {"a.txt": "1", "only1.txt": "1"})
    pub = Publisher(str(out), "run-2")
    pub.write("a.txt", "2")
    pub.write("b.txt", "2")
    (out / STAGING / "run-2" / "b.txt").unlink()
    with pytest.raises(FileNotFoundError):
        pub.publish()  # a.txt moved, then died: no marker, no list of what is there
    assert (out / PUBLISHING).exists() and not (out / MARKER).exists()
    publish(str(out), "run-3", {"a.txt": "3"})
    assert files_under(out) == [MARKER, "a.txt"]
    assert (out / "a.txt").read_text() == "3"


def test_incomplete_publish_then_complete_run_cleans_up(tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish(str(out), "run-1", {"a.txt": "1", "only1.txt": "1"})
    publish(str(out), "run-2", {"a.txt": "2", "only2.txt": "2"}, complete=False)
    assert not (out / MARKER).exists()
    record = marker(out, INCOMPLETE)
    assert record["run_id"] == "run-2" and record["files"] == ["a.txt", "only2.txt"]
    assert (out / "only1.txt").exists()  # an interrupted run removes nothing
    publish(str(out), "run-3", {"a.txt": "3"})
    assert files_under(out) == [MARKER, "a.txt"]  # stale files of runs 1 and 2 are gone
    assert not (out / INCOMPLETE).exists()


def test_memory_url() -> None:
    root = f"/pub-{uuid.uuid4().hex[:8]}/out"
    url = f"memory://{root}"
    publish(url, "m1", {"x/y.txt": "hello", "z.bin": b"\x01\x02"})
    fs = fsspec.filesystem("memory")
    assert fs.cat_file(f"{root}/x/y.txt") == b"hello"
    assert fs.cat_file(f"{root}/z.bin") == b"\x01\x02"
    assert json.loads(fs.cat_file(f"{root}/{MARKER}"))["files"] == ["x/y.txt", "z.bin"]
    assert not fs.exists(f"{root}/{STAGING}")
    publish(url, "m2", {"z.bin": b"\x03"})
    assert not fs.exists(f"{root}/x/y.txt")
    assert fs.cat_file(f"{root}/z.bin") == b"\x03"
    fs.rm(root.rsplit("/", 1)[0], recursive=True)


def test_retry_retries_oserror_then_succeeds() -> None:
    calls = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise ConnectionResetError("reset by peer")
        return "done"

    assert retry(flaky, "upload", attempts=4, base_delay=0) == "done"
    assert len(calls) == 3


def test_retry_gives_up_with_publish_error() -> None:
    calls = []

    def broken() -> None:
        calls.append(1)
        raise OSError(5, "Input/output error")

    with pytest.raises(PublishError, match=r"^cannot upload x: OSError: .*Input/output") as info:
        retry(broken, "upload x", attempts=3, base_delay=0)
    assert len(calls) == 3
    assert isinstance(info.value.__cause__, OSError)


def test_retry_does_not_retry_missing_files_or_other_errors() -> None:
    calls = []

    def missing() -> None:
        calls.append(1)
        raise FileNotFoundError("gone")

    with pytest.raises(FileNotFoundError):
        retry(missing, "read", base_delay=0)
    assert len(calls) == 1
    with pytest.raises(ValueError):
        retry(lambda: (_ for _ in ()).throw(ValueError("bug")), "x", base_delay=0)


def test_unwritable_output_is_a_publish_error(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output directory should be")
    pub = Publisher(str(blocker), "r")
    with pytest.raises(PublishError, match="cannot create a.txt"):
        pub.write("a.txt", "x")
