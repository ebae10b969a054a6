"""Everyday idioms found by the probe tests/algos/everyday_untyped_5.py.

- a method call whose argument changes the same receiver (``q.append(q.popleft())``,
  ``out.append(out.pop(0))``, ``out.insert(0, out.pop())``): Python evaluates the argument
  first; the Rust did the same inside the call and failed to compile (E0499, two mutable borrows
  of one variable). The arguments are now bound to locals first, in order;
- ``deque.remove(x)`` (the first equal item; ValueError when none), and ``s in d`` for a deque of
  str (the Rust compared a ``&str`` with ``&String`` and failed to compile, E0308).

Real rustc and the real verifier."""

from __future__ import annotations

import pytest

from tests.translate.rules.harness import assert_verifies, compile_module, rustc

RECEIVER_SOURCE = """
from collections import deque


def hot_potato(names: list[str], k: int) -> str:
    '''>>> hot_potato(["a", "b", "c", "d", "e"], 2)
    'd'
    '''
    q = deque(names)
    while len(q) > 1:
        for _ in range(k):
            q.append(q.popleft())
        q.popleft()
    return q[0]


def cycle_list(items: list[int], k: int) -> list[int]:
    '''>>> cycle_list([1, 2, 3, 4], 3)
    [4, 1, 2, 3]
    '''
    out = list(items)
    for _ in range(k):
        out.append(out.pop(0))
    return out


def back_to_front(items: list[int]) -> list[int]:
    '''>>> back_to_front([1, 2, 3])
    [3, 1, 2]
    '''
    out = list(items)
    if out:
        out.insert(0, out.pop())
    return out


def move_to_end(d: dict[str, int], key: str) -> list[str]:
    d.setdefault("z", d.pop(key, 0))
    return list(d)
"""


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_arguments_that_change_the_receiver_are_evaluated_first(tmp_path) -> None:
    done = compile_module(tmp_path, "receiver.py", RECEIVER_SOURCE)
    rust = "\n".join(t.rust for _, t in done.items)
    assert "let arg = q.popleft();" in rust, rust
    for name in ("hot_potato", "cycle_list", "back_to_front", "move_to_end"):
        _, rows = assert_verifies(done, name)
        # the docstring's example (one where the order of pop and push shows) was among them
        assert name == "move_to_end" or any(r.origin == "doctest" for r in rows), rows


DEQUE_SOURCE = """
from collections import deque


def recent_unique(events: list[str], n: int) -> list[str]:
    '''>>> recent_unique(["a", "b", "a", "c", "d"], 3)
    ['a', 'c', 'd']
    '''
    d = deque()
    for e in events:
        if e in d:
            d.remove(e)
        d.append(e)
        if len(d) > n:
            d.popleft()
    return list(d)


def drop_first(items: list[int]) -> list[int]:
    d = deque(items)
    d.remove(d[0])
    return list(d)


def remove_value(items: list[int], x: int) -> list[int]:
    '''>>> remove_value([1, 2, 3, 2], 2)
    [1, 3, 2]
    >>> remove_value([1, 2], 5)
    Traceback (most recent call last):
    ValueError: deque.remove(x): x not in deque
    '''
    d = deque(items, maxlen=5)
    d.remove(x)
    return list(d)
"""


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_deque_remove_and_str_membership_verify(tmp_path) -> None:
    done = compile_module(tmp_path, "dq.py", DEQUE_SOURCE)
    for name in ("recent_unique", "drop_first", "remove_value"):
        assert_verifies(done, name)
    _, rows = assert_verifies(done, "remove_value")
    assert any(r.rust.startswith("raised") for r in rows), rows  # the absent item raises
