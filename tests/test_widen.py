"""Ints beyond i64 end to end (pipeline/widen.py): the real engine, rustc and verifier.

Units whose i64 translation overflowed are translated again with unbounded ints and verified (an
index that is an int goes through a checked conversion); a unit that nothing overflowed stays
i64; one that the big-int mode cannot lower keeps ``overflow`` with the reason; the attempts are
cached under their own keys; a wrong big-int operation is caught as a mismatch."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.cache import get_entries, open_cache, unit_key
from pipeline.checks import cache_options
from pipeline.config import RunConfig
from pipeline.crate import assemble
from pipeline.outputs import PartitionOutput
from pipeline.records import Status, VerifyVerdict
from pipeline.stages import finalize_repo, process_partition
from pipeline.translate.rules.engine import RuleEngine
from pipeline.units.load import load_file
from pipeline.units.shard import shard_file
from pipeline.verify import VerifyOptions, verify_unit
from pipeline.widen import widen
from tests.test_stages import refs_for

SOURCE = '''
def factorial(n: int) -> int:
    """
    >>> factorial(25)
    15511210043330985984000000
    """
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


def fib(n: int) -> int:
    """
    >>> fib(100)
    354224848179261915075
    """
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def sum_of_squares(xs: list[int]) -> int:
    """
    >>> sum_of_squares([3037000500, 4000000000])
    25223372037000250000
    """
    total = 0
    for x in xs:
        total += x * x
    return total


def mixed(a: int, b: int) -> int:
    """
    >>> mixed(123456789012345678901, -7)
    1001796520062587002068
    """
    return a // b - a % b + (a << 3) - (b >> 1) + (a & b | a ^ b) + abs(a) * 3


def pick(xs: list[int], i: int) -> int:
    """
    >>> pick([50, 2], 0)
    50000000000000000000
    """
    return xs[i] * 10**18


def modpow(a: int, b: int) -> int:
    """
    >>> modpow(3, 100)
    41745579179292917813953351511015323088870709282081
    """
    return pow(a, b, 97) * a**b


def rev_factorial(n: int) -> int:
    """
    >>> rev_factorial(25)
    15511210043330985984000000
    """
    p = 1
    for i in reversed(range(1, n + 1)):
        p *= i
    return p


def small(a: int, b: int) -> int:
    return max(a, b) % 1000 + min(a, b) % 1000


def by_square(xs: list[int]) -> list[int]:
    """
    >>> by_square([3037000500, -2, 1])
    [1, -2, 3037000500]
    """
    return sorted(xs, key=lambda x: x * x)


def tri(n: int) -> int:
    """
    >>> tri(10000000000)
    50000000005000000000
    """
    return n * (n + 1) // 2


def tri_sum(a: int, b: int) -> int:
    """
    >>> tri_sum(10000000000, 3)
    50000000005000000006
    """
    return tri(a) + tri(b)


def down(n: int) -> int:
    """
    >>> down(25)
    15511210043330985984000000
    """
    p = 1
    for i in reversed(range(1, n + 1)):
        p *= i
    return p


def down_twice(n: int) -> int:
    """
    >>> down_twice(3)
    12
    """
    return down(n) * 2
'''


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("widen")
    repo = tmp / "r"
    repo.mkdir()
    (repo / "m.py").write_text(SOURCE)
    cfg = RunConfig(
        verify={"examples_per_function": 10}, cache={"url": f"sqlite:///{tmp}/c.sqlite"}
    )
    cache = open_cache(cfg.cache.url)
    out = process_partition(refs_for(repo), cfg, cache)
    return cfg, cache, repo, out


def test_overflowed_units_verify_with_big_ints(run) -> None:
    cfg, _, _, out = run
    for name in ("factorial", "fib", "sum_of_squares", "mixed", "pick", "by_square"):
        verdict, tr = out.verdicts[f"r:m.py::{name}"], out.translations[f"r:m.py::{name}"]
        assert verdict.status == Status.VERIFIED, (name, verdict.reason, tr.rust)
        assert tr.typing == ("ints: big",) and tr.engine.endswith("+ints:big")
    result = finalize_repo("r", cfg, None, out)
    rows = {r.qualname: r for r in result.records}
    assert rows["factorial"].in_crate and rows["factorial"].typing == "ints: big"
    assert "pub struct Int" in result.files["src/pyrt.rs"]
    assert "pub fn factorial(n: &crate::pyrt::Int) -> crate::pyrt::Int" in result.files["src/m.rs"]


def test_a_call_group_is_retried_together(run) -> None:
    """tri_sum calls tri: both overflow, and neither can change its ints alone (their Rust
    signatures must agree), so the two are translated, compiled and verified together."""
    _, _, _, out = run
    for name in ("tri", "tri_sum"):
        verdict, tr = out.verdicts[f"r:m.py::{name}"], out.translations[f"r:m.py::{name}"]
        assert verdict.status == Status.VERIFIED, (name, verdict.reason)
        assert tr.typing == ("ints: big",)
    assert "&tri(a) + &tri(b)" in out.translations["r:m.py::tri_sum"].rust


def test_a_call_group_changes_only_when_every_member_verifies(run) -> None:
    _, _, _, out = run
    verdict = out.verdicts["r:m.py::down"]  # reversed(range()) fails the whole group
    assert verdict.status == Status.OVERFLOW
    assert "big ints: with its call group (down, down_twice): down: did not compile" in (
        verdict.reason
    ), verdict.reason
    for name in ("down", "down_twice"):
        assert out.translations[f"r:m.py::{name}"].typing == ()


def test_i64_stays_where_nothing_overflows(run) -> None:
    _, _, _, out = run
    tr = out.translations["r:m.py::small"]
    assert out.verdicts["r:m.py::small"].status == Status.VERIFIED
    assert tr.typing == () and "i64" in tr.rust


def test_a_unit_the_big_mode_cannot_lower_keeps_overflow_with_the_reason(run) -> None:
    _, _, _, out = run
    verdict = out.verdicts["r:m.py::rev_factorial"]  # reversed(range()): not lowered yet
    assert verdict.status == Status.OVERFLOW
    assert "big ints: did not compile" in verdict.reason, verdict.reason
    assert "ints: big" not in out.translations["r:m.py::rev_factorial"].typing


def test_a_unit_still_overflowing_in_big_mode_says_so(run) -> None:
    _, _, _, out = run
    verdict = out.verdicts["r:m.py::modpow"]  # a ** b with b < 0 is a float in Python
    assert verdict.status == Status.OVERFLOW
    assert "big ints: overflow:" in verdict.reason and "int ** negative int" in verdict.reason


def test_big_int_attempts_are_cached_under_their_own_keys(run) -> None:
    cfg, cache, repo, _ = run
    (ref,) = refs_for(repo)
    units = {u.qualname: u for u in shard_file(load_file(ref, {}, 1 << 20)).units}
    options = cache_options(cfg)
    i64_key = unit_key(units["factorial"], RuleEngine().engine_id, options)
    big_key = unit_key(units["factorial"], RuleEngine("big").engine_id, options)
    assert i64_key != big_key
    found = get_entries(cache, [i64_key, big_key])
    assert found[i64_key]["verdict"]["status"] == "overflow"  # what i64 gave, kept apart
    assert found[big_key]["verdict"]["status"] == "verified"
    assert "+ints:big" in found[big_key]["translation"]["engine"]
    again = process_partition(refs_for(repo), cfg, cache)
    assert again.translations["r:m.py::factorial"].typing == ("ints: big",)


def test_a_wrong_big_int_operation_is_caught_as_mismatch(run, tmp_path: Path) -> None:
    _, _, repo, out = run
    unit = next(u for u in out.units if u.qualname == "mixed")
    good = RuleEngine("big").translate(
        replace(unit, source=SOURCE[SOURCE.index("def mixed") : SOURCE.index("def pick")])
    )
    assert "crate::pyrt::Int::floordiv(" in good.rust
    bad = replace(good, rust=good.rust.replace("Int::floordiv(", "Int::modulo(", 1))
    crate = assemble("r", [(unit, bad)], RuleEngine().runtime_source)
    verdict, rows = verify_unit(
        crate.name,
        crate.files,
        {"m.py": (repo / "m.py").read_text()},
        unit,
        bad,
        VerifyOptions(examples_per_function=10),
    )
    assert verdict.status == Status.MISMATCH, (verdict, rows[:3])


def test_a_fault_of_the_verifier_is_reported_and_never_cached(run) -> None:
    cfg, cache, repo, _ = run
    (ref,) = refs_for(repo)
    unit = next(u for u in shard_file(load_file(ref, {}, 1 << 20)).units if u.qualname == "fib")
    part = PartitionOutput(repo="r", units=[unit])
    part.translations[unit.id] = RuleEngine().translate(unit)
    part.verdicts[unit.id] = VerifyVerdict(unit.id, Status.OVERFLOW, reason="fib: i64 overflow")
    calls = []

    def broken(crate, items):  # what run_verifier returns when the verifier itself failed
        calls.append([u.id for u, _ in items])
        reason = "verifier failed: Traceback ... BrokenPipeError"
        return [VerifyVerdict(u.id, Status.INTERNAL_ERROR, reason=reason) for u, _ in items]

    entries, faulted = widen(part, RuleEngine(), {"fresh": 1}, cache, broken)
    assert calls == [[unit.id]] and faulted and entries == {}
    verdict = part.verdicts[unit.id]
    assert verdict.status == Status.OVERFLOW and part.translations[unit.id].typing == ()
    assert "big ints: internal_error: verifier failed" in verdict.reason
