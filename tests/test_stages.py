"""process_partition and finalize_repo in-process, with the real engine, rustc and verifier."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.cache import open_cache
from pipeline.config import RunConfig
from pipeline.records import FileRef
from pipeline.stages import finalize_repo, finish_unchanged_repo, process_partition
from pipeline.units.partition import WHOLE

SOURCE = '''
def gcd(a: int, b: int) -> int:
    """
    >>> gcd(12, 18)
    6
    """
    while b:
        a, b = b, a % b
    return abs(a)
'''


def refs_for(repo: Path) -> list[FileRef]:
    return [
        FileRef(repo.name, p.relative_to(repo).as_posix(), str(p), p.stat().st_size)
        for p in sorted(repo.rglob("*.py"))
    ]


def make_repo(tmp_path: Path, cases: dict | None = None) -> Path:
    repo = tmp_path / "r"
    repo.mkdir()
    (repo / "m.py").write_text(SOURCE)
    if cases is not None:
        (repo / "portalis_cases.json").write_text(json.dumps(cases))
    return repo


def config(tmp_path: Path) -> RunConfig:
    return RunConfig(
        verify={"examples_per_function": 5}, cache={"url": f"sqlite:///{tmp_path}/c.sqlite"}
    )


def test_partition_translates_compiles_and_verifies(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    out = process_partition(refs_for(repo), config(tmp_path))
    assert [u.qualname for u in out.units] == ["gcd"]
    assert out.verdicts["r:m.py::gcd"].status == "verified"
    result = finalize_repo("r", config(tmp_path), None, out)
    assert [r.status for r in result.records] == ["verified"]
    assert "pub fn gcd(" in result.files["src/m.rs"]


def test_user_cases_next_to_the_sources_are_used_and_keyed(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    repo = make_repo(tmp_path, {"m.py::gcd": ["99999999999999999999, 3"]})
    cache = open_cache(cfg.cache.url)
    first = process_partition(refs_for(repo), cfg, cache)
    # the input beyond i64 overflows the i64 translation; the big-int one verifies
    assert first.verdicts["r:m.py::gcd"].status == "verified"
    assert first.translations["r:m.py::gcd"].typing == ("ints: big",)
    again = process_partition(refs_for(repo), cfg, cache)
    assert again.cache_hits == 1 and again.verdicts["r:m.py::gcd"].status == "verified"
    (repo / "portalis_cases.json").write_text(json.dumps({"m.py::gcd": [[4, 6]]}))
    changed = process_partition(refs_for(repo), cfg, cache)
    assert changed.cache_hits == 0  # new cases: new key, verified afresh
    assert changed.verdicts["r:m.py::gcd"].status == "verified"
    assert changed.translations["r:m.py::gcd"].typing == ()  # nothing overflowed: i64


def test_unchanged_repository_is_finished_by_its_probe(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    repo = make_repo(tmp_path)
    (repo / "n.py").write_text(SOURCE.replace("gcd", "gcd2"))
    batches = [[ref] for ref in refs_for(repo)]  # two partitions: m.py, n.py
    tasks = [(batch, WHOLE) for batch in batches]
    first = open_cache(cfg.cache.url)
    assert finish_unchanged_repo("r", tasks, cfg, first) is None
    assert first.counters().misses == 1  # a cold cache costs one lookup of one partition
    parts = [process_partition(b, cfg, open_cache(cfg.cache.url)) for b in batches]
    expected = finalize_repo("r", cfg, None, *parts)
    probe_cache = open_cache(cfg.cache.url)
    result = finish_unchanged_repo("r", tasks, cfg, probe_cache)
    assert result is not None and result.unchanged and result.cache_hits == 2
    assert result.files == expected.files
    assert [(r.unit_id, r.status) for r in result.records] == [
        (r.unit_id, r.status) for r in expected.records
    ]
    (repo / "n.py").write_text(SOURCE.replace("gcd", "gcd3"))  # the second partition changes
    assert finish_unchanged_repo("r", tasks, cfg, open_cache(cfg.cache.url)) is None


def test_a_new_verifier_version_verifies_again(tmp_path: Path, monkeypatch) -> None:
    from pipeline.verify import options

    cfg = config(tmp_path)
    repo = make_repo(tmp_path)
    cache = open_cache(cfg.cache.url)
    assert process_partition(refs_for(repo), cfg, cache).cache_hits == 0
    assert process_partition(refs_for(repo), cfg, cache).cache_hits == 1
    monkeypatch.setattr(options, "VERIFIER_VERSION", options.VERIFIER_VERSION + 1)
    again = process_partition(refs_for(repo), cfg, cache)
    assert again.cache_hits == 0 and again.verdicts["r:m.py::gcd"].status == "verified"


def test_a_unit_typed_by_another_partitions_call_compiles_with_its_siblings(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    (repo / "pkg").mkdir(parents=True)
    # in its own partition apply's items are a T (usage.py), passed to the generic helper:
    # refused; the call in b.py types it list[int]
    (repo / "pkg" / "a.py").write_text(
        "def helper(x):\n    return x\n\n\ndef apply(xs):\n    return [helper(x) for x in xs]\n"
    )
    # b.py calls it through the package's re-export
    (repo / "pkg" / "__init__.py").write_text("from .a import apply as apply\n")
    (repo / "pkg" / "b.py").write_text("from pkg import apply\n\napply([1, 2])\n")
    cfg = RunConfig(
        verify={"examples_per_function": 5},
        export_pairs=True,
        cache={"url": f"sqlite:///{tmp_path}/c.sqlite"},
    )
    cache = open_cache(cfg.cache.url)
    parts = [process_partition([ref], cfg, cache) for ref in refs_for(repo)]
    assert not parts[1].translations["r:pkg/a.py::apply"].ok
    result = finalize_repo("r", cfg, cache, *parts)
    status = {r.qualname: r.status for r in result.records if r.kind == "function"}
    assert status == {"helper": "verified", "apply": "verified"}
    assert "pub fn apply(xs: &[i64]) -> Vec<i64>" in result.files["src/pkg/a.rs"]
    assert result.files["src/pkg/a.rs"].count("pub fn helper<") == 1
    pair = next(p for p in result.pairs if p["qualname"] == "apply")
    assert pair["python"].startswith("def apply(xs):") and "pub fn apply" in pair["rust"]
    # warm: the partitions and the typed unit come from the cache, pairs included
    batches = [[ref] for ref in refs_for(repo)]
    warm = finish_unchanged_repo("r", [(b, WHOLE) for b in batches], cfg, open_cache(cfg.cache.url))
    assert warm is not None and warm.files == result.files and warm.pairs == result.pairs
    assert [(r.unit_id, r.status, r.translate_s) for r in warm.records] == [
        (r.unit_id, r.status, 0.0) for r in result.records
    ]
