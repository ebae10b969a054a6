"""``__init__`` ending with uses of ``self`` after its last attribute store (a heap built by
``for v in values: self.push(v)``, a bank account's first ``self.deposit(balance)``): every
field is set by then, so ``new`` builds the struct into a local and runs that end on it
(front/initfields.py ``split_tail``). A store after such a use, a class with a base or
subclasses (a subclass may override the method called) and a name the local would shadow stay
refused. Real rustc and the real verifier; a wrong translation is caught."""

from __future__ import annotations

import pytest

from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    rustc,
)

SOURCE = """
from typing import Optional


class MinHeap:
    def __init__(self, values: list[int]) -> None:
        self.data: list[int] = []
        for v in values:
            self.push(v)

    def push(self, value: int) -> None:
        self.data.append(value)
        i = len(self.data) - 1
        while i > 0:
            parent = (i - 1) // 2
            if self.data[parent] <= self.data[i]:
                break
            self.data[parent], self.data[i] = self.data[i], self.data[parent]
            i = parent

    def peek(self) -> int:
        return self.data[0]


class Account:
    def __init__(self, balance: float, first: Optional[list[float]] = None) -> None:
        self.balance = 0.0
        self.history: list[float] = []
        self.deposit(balance)
        if first is not None:
            for x in first:
                self.deposit(x)

    def deposit(self, amount: float) -> None:
        if amount < 0:
            raise ValueError("negative")
        self.history.append(amount)
        self.balance += amount
"""


REFUSED = """
class Late:  # a field stored after the method call: the object is not complete when it runs
    def __init__(self, k: int) -> None:
        self.k = k
        self.reset()
        self.total = 0

    def reset(self) -> None:
        self.k = 0


class Shadowed:  # the local the object would live in is a parameter's name
    def __init__(self, this: int) -> None:
        self.x = 0
        self.add(this)

    def add(self, v: int) -> None:
        self.x += v


class Base:  # a subclass may override the method __init__ calls
    def __init__(self) -> None:
        self.x = 0
        self.setup()

    def setup(self) -> None:
        self.x = 1


class Derived(Base):
    def setup(self) -> None:
        self.x = 2
"""


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_other_uses_of_self_in_init_stay_refused(tmp_path) -> None:
    done = compile_module(tmp_path, "refused.py", REFUSED)
    reasons = {u.qualname: t.reason for u, t in done.items}
    for name in ("Late", "Shadowed"):
        assert "__init__ uses self" in reasons[name], (name, reasons[name])
    assert reasons["Base"].startswith("PT050"), reasons["Base"]


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_methods_called_at_the_end_of_init_verify(tmp_path) -> None:
    done = compile_module(tmp_path, "built.py", SOURCE)
    assert_verifies(done, "MinHeap", min_inputs=3)
    assert_verifies(done, "Account", min_inputs=3)
    # a constructor that skips the calls is caught
    assert_change_caught(done, "MinHeap", "this.push(v);", "let _ = v;")
