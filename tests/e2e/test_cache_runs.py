"""Runs against a real redis-server: warm re-runs come from the cache; Redis dying mid-run
costs cache errors (counted in the summary), never the run."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from distributed import Client, LocalCluster

from pipeline.config import RunConfig
from pipeline.runner import run
from tests.e2e.test_fault_tolerance import make_repo, rows


def config(engine: str, url: str) -> RunConfig:
    return RunConfig(
        engine=f"tests.e2e.plugin_engines:{engine}",
        partition_lines=20,
        cache={"url": url, "namespace": "e2e"},
        verify={"enabled": False},
    )


def test_warm_run_is_all_hits_with_identical_rows(tmp_path: Path, redis_server) -> None:
    repo = make_repo(tmp_path / "repo", files=6, funcs=4)
    cfg = config("SimpleEngine", redis_server.url)
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address="127.0.0.1:0") as c,
        Client(c) as client,
    ):
        cold = run([str(repo)], str(tmp_path / "cold"), cfg, client)
        warm = run([str(repo)], str(tmp_path / "warm"), cfg, client)
    assert cold.cache_hits == 0 and cold.cache["writes"] > 0
    assert warm.cache_hits == warm.functions == 24
    assert warm.cache["errors"] == 0 and warm.cache["backend"] == "redis"
    strip = lambda rs: sorted((r["unit_id"], r["status"]) for r in rs)  # noqa: E731
    assert strip(rows(tmp_path / "warm")) == strip(rows(tmp_path / "cold"))


def test_redis_killed_mid_run_run_completes(tmp_path: Path, redis_server) -> None:
    repo = make_repo(tmp_path / "repo", files=30, funcs=6)
    cfg = config("SlowEngine", redis_server.url)
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address="127.0.0.1:0") as c,
        Client(c) as client,
    ):
        killer = threading.Thread(target=lambda: (time.sleep(1.5), redis_server.stop()))
        killer.start()
        summary = run([str(repo)], str(tmp_path / "out"), cfg, client)
        killer.join()
    assert summary.complete and summary.functions == 180
    assert {r["status"] for r in rows(tmp_path / "out") if r["kind"] == "function"} == {"compiled"}
    assert summary.cache["errors"] > 0
    assert redis_server.url.split("@")[-1] in summary.cache["url"]


def crate_files(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted((out / "crates").rglob("*"))
        if p.is_file()
    }


def test_unchanged_repo_is_finished_from_the_cache_and_a_changed_one_is_not(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", files=6, funcs=4)
    other = make_repo(tmp_path / "other", files=2, funcs=2)
    cfg = config("SimpleEngine", f"sqlite:///{tmp_path / 'c.sqlite'}")
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address="127.0.0.1:0") as c,
        Client(c) as client,
    ):
        cold = run([str(repo), str(other)], str(tmp_path / "cold"), cfg, client)
        warm = run([str(repo), str(other)], str(tmp_path / "warm"), cfg, client)
        (repo / "mod03.py").write_text(
            (repo / "mod03.py").read_text() + "def added() -> int:\n    return 7\n"
        )
        changed = run([str(repo), str(other)], str(tmp_path / "changed"), cfg, client)
    assert cold.cache["repos_unchanged"] == 0
    assert warm.cache["repos_unchanged"] == 2 and warm.cache_hits == warm.functions == 28
    assert crate_files(tmp_path / "warm") == crate_files(tmp_path / "cold")
    strip = lambda rs: sorted((r["unit_id"], r["status"], r["reason"]) for r in rs)  # noqa: E731
    assert strip(rows(tmp_path / "warm")) == strip(rows(tmp_path / "cold"))
    # one new function in one file: that repository runs its partitions again; the unchanged
    # functions (also those in the changed file) are still hits; the other repo is unchanged
    assert changed.cache["repos_unchanged"] == 1
    assert changed.functions == 29 and changed.cache_hits == 28
    assert (
        "pub fn added"
        in (tmp_path / "changed/crates")
        .joinpath(*crate_path(tmp_path / "changed", "mod03"))
        .read_text()
    )


def crate_path(out: Path, module: str) -> tuple[str, ...]:
    found = [p for p in (out / "crates").rglob(f"{module}.rs")]
    assert len(found) == 1, found
    return found[0].relative_to(out / "crates").parts
