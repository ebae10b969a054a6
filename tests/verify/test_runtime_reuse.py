"""The pyrt runtime compiled once per content and linked by every partition that carries it:
reused, rebuilt when damaged, raced safely, and never what decides a verdict."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from pipeline.records import Status
from pipeline.verify import VerifyOptions, verify_crate
from pipeline.verify.api import DRAWS
from pipeline.verify.runtime import CRATE, artifact_key, runtime_rlib, split_runtime
from tests.verify.crates import PYRT, Fixture, sig

PYTHON = "def inc(x: int) -> int:\n    return x + 1\n"
RUST = "pub fn inc(x: i64) -> i64 { x + 1 }\n"
# pub(crate): visible to a crate compiling pyrt as its module, not to one linking it
PRIVATE_PYRT = PYRT + "pub(crate) fn one() -> i64 { 1 }\n"
RUST_PRIVATE = "pub fn inc(x: i64) -> i64 { x + crate::pyrt::one() }\n"
OPTIONS = VerifyOptions(examples_per_function=5, min_examples=5)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PORTALIS_ARTIFACTS", str(tmp_path / "artifacts"))
    return tmp_path / "artifacts"


def _verify(rust: str = RUST, pyrt: str = PYRT) -> Status:
    fx = Fixture(crate="rt").module("m.py", PYTHON, rust)
    fx.unit("m.py", "inc", sig("inc"))
    files = fx.crate_files()
    files["src/pyrt.rs"] = pyrt
    [verdict] = verify_crate(fx.crate, files, fx.python, fx.items, OPTIONS)
    return verdict.status


def _artifact(store: Path, pyrt: str = PYRT) -> Path:
    return store / f"{CRATE}-{artifact_key(pyrt)}" / f"lib{CRATE}.rlib"


def test_the_runtime_is_built_once_and_linked(store: Path) -> None:
    assert _verify() == Status.VERIFIED
    rlib = _artifact(store)
    built = rlib.stat().st_mtime_ns
    assert _verify() == Status.VERIFIED
    assert rlib.stat().st_mtime_ns == built  # reused, not built again
    kept = [p.name for p in store.iterdir() if p.name != DRAWS]  # draws are kept too
    assert kept == [rlib.parent.name]  # no leftovers
    assert any((store / DRAWS).iterdir())  # the drawn inputs, for the next process


def test_a_damaged_artifact_is_built_again(store: Path) -> None:
    assert _verify() == Status.VERIFIED
    rlib = _artifact(store)
    rlib.write_bytes(rlib.read_bytes()[:100])  # truncated: as a disk fault would leave it
    assert _verify() == Status.VERIFIED
    assert rlib.stat().st_size > 100


def test_a_crate_that_cannot_link_it_is_built_the_old_way(store: Path) -> None:
    assert _verify(RUST_PRIVATE, PRIVATE_PYRT) == Status.VERIFIED  # not a build error
    assert _artifact(store, PRIVATE_PYRT).exists()


def test_a_runtime_that_does_not_build_alone_is_remembered(store: Path) -> None:
    broken = PYRT + "pub fn uses_the_crate() -> i64 { crate::m::inc(1) }\n"
    assert runtime_rlib(broken, store) is None
    assert (store / f"{CRATE}-{artifact_key(broken)}.standalone-fails").exists()
    assert runtime_rlib(broken, store) is None  # not built again


def test_concurrent_builds_leave_one_whole_artifact(store: Path) -> None:
    found: list[Path | None] = []
    threads = [
        threading.Thread(target=lambda: found.append(runtime_rlib(PYRT, store))) for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert found == [_artifact(store)] * 4
    assert [p.name for p in store.iterdir()] == [_artifact(store).parent.name]


def test_the_crate_links_the_runtime_in_place_of_its_module() -> None:
    files = {"src/lib.rs": "#![allow(dead_code)]\npub mod pyrt;\npub mod m;\n", "src/pyrt.rs": PYRT}
    source, linked = split_runtime(files)  # type: ignore[misc]
    assert source == PYRT and "src/pyrt.rs" not in linked
    assert linked["src/lib.rs"] == f"#![allow(dead_code)]\npub use {CRATE} as pyrt;\npub mod m;\n"
    assert split_runtime({"src/lib.rs": "pub mod m;\n"}) is None


def test_an_unwritable_store_means_no_reuse(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    assert runtime_rlib(PYRT, blocked / "store") is None
