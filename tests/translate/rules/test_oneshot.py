"""A finite generator's result is a one-shot iterator in Python (the engine collects it into a
``Vec``): consumed once it translates and verifies; iterated twice, passed on to a function,
or consumed again by a loop, it is refused naming the generator (analysis/oneshot.py), never
compiled with a list's semantics (``sum(g) + sum(g)`` is ``sum(g) + 0`` in Python)."""

from __future__ import annotations

import pytest

from tests.translate.rules.harness import assert_verifies, compile_module, rustc

SOURCE = """
def positives(xs: list[int]):
    for x in xs:
        if x > 0:
            yield x


def total(xs):
    return sum(xs) + len(list(xs))


def once(v: list[int]) -> int:
    g = positives(v)
    return sum(g)


def per_row(rows: list[list[int]]) -> int:
    t = 0
    for row in rows:
        g = positives(row)
        t += sum(g)
    return t


def direct(v: list[int]) -> list[int]:
    return sorted(positives(v)) + [x * 2 for x in positives(v)]


def relayed(v: list[int]):
    yield from positives(v)
    for x in positives(v):
        yield -x


def twice(v: list[int]) -> int:
    g = positives(v)
    n = 0
    for a in g:
        n += a
    for b in g:
        n += b
    return n


def passed_on(v: list[int]) -> int:
    return total(positives(v))


def looped_again(v: list[int], k: int) -> int:
    g = positives(v)
    n = 0
    for _ in range(k):
        n += sum(g)
    return n


def returned(v: list[int]):
    return positives(v)


def changed_later(v: list[int]) -> int:
    g = positives(v)
    v.append(5)
    return sum(g)


def rebound_later(v: list[int]) -> int:
    g = positives(v)
    v = [1]
    return sum(g) + len(v)


def nested(v: list[int]) -> int:
    def inner(xs: list[int]):
        for x in xs:
            yield x * x

    g = inner(v)
    return max(g, default=0) + sum(g)
"""


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_consumed_once_verifies_and_reuse_is_refused(tmp_path) -> None:
    done = compile_module(tmp_path, "gens.py", SOURCE)
    for name in ("positives", "once", "per_row", "direct", "relayed"):
        assert_verifies(done, name)
    for name, why in (
        ("twice", "positives() bound to g, which is used more than once"),
        ("passed_on", "positives() used other than by one loop or consuming call"),
        ("looped_again", "positives() bound to g, which a loop uses again"),
        ("returned", "positives() used other than by one loop or consuming call"),
        ("nested", "inner() bound to g, which is used more than once"),
        ("changed_later", "while v, which it reads lazily, is changed later"),
        ("rebound_later", "while v, which it reads lazily, is changed later"),
    ):
        tr = next(t for u, t in done.items if u.qualname == name)
        assert not tr.ok and why in tr.reason, (name, tr.reason)
