"""Classes through the verifier: every method is a differential test whose inputs are
(constructor arguments, method arguments), and whose result is (return value, the object's
fields after the call). Uses the real rule engine and rustc."""

from __future__ import annotations

import pytest

from pipeline.codec import New
from pipeline.records import Status
from pipeline.verify import VerifyOptions, verify_unit
from pipeline.verify.inputs import doctest_calls
from tests.translate.rules.harness import compile_module

SOURCE = '''
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List


@dataclass
class Cart:
    """A cart.

    >>> Cart("ann").add("pear", 3)
    3
    """

    owner: str
    counts: Dict[str, int] = field(default_factory=dict)
    limit: int = 10

    def add(self, name: str, qty: int = 1) -> int:
        if qty > self.limit:
            raise ValueError("too many")
        self.counts[name] = self.counts.get(name, 0) + qty
        return self.counts[name]

    def total(self) -> int:
        return sum(self.counts.values())

    @staticmethod
    def for_owner(owner: str) -> Cart:
        return Cart(owner)

    @classmethod
    def small(cls, owner: str) -> Cart:
        return cls(owner, {}, 2)


@dataclass(frozen=True, order=True)
class Version:
    """>>> Version(1, 2) < Version(1, 10)
    True
    """

    major: int
    minor: int = 0

    @classmethod
    def parse(cls, text: str) -> Version:
        return cls(*[int(p) for p in text.split(".")])

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}"


class Account:
    def __init__(self, owner: str, balance: int = 0) -> None:
        if balance < 0:
            raise ValueError("negative balance")
        self.owner = owner
        self.balance = balance
        self.history: List[int] = []

    def deposit(self, amount: int) -> int:
        self.balance += amount
        self.history.append(amount)
        return self.balance

    def __repr__(self) -> str:
        return f"Account({self.owner!r}, {self.balance})"


class Thermo:
    """>>> Thermo(-40.0).fahrenheit
    -40.0
    """

    def __init__(self, celsius: float) -> None:
        self.celsius = celsius

    @property
    def fahrenheit(self) -> float:
        return self.celsius * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, value: float) -> None:
        self.celsius = (value - 32) * 5 / 9


def warm_up(t: Thermo, by: float) -> float:
    t.fahrenheit = t.fahrenheit + by
    return t.celsius


def pay_all(accts: List[Account], amount: int) -> int:
    for a in accts:
        a.deposit(amount)
    fresh = Account("new")
    fresh.deposit(amount)
    return sum(a.balance for a in accts) + fresh.balance


class Price:
    def __init__(self, cents: int) -> None:
        self.cents = cents

    def __eq__(self, other: Price) -> bool:
        return abs(self.cents - other.cents) < 5

    def __lt__(self, other: Price) -> bool:
        return self.cents < other.cents - 5

    def __repr__(self) -> str:
        return f"Price({self.cents})"


class Coin:
    def __init__(self, cents: int) -> None:
        self.cents = cents

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Coin) and self.cents == other.cents

    def __hash__(self) -> int:
        return hash(self.cents)


def int_hash(n: int) -> int:
    """Python's int hash at its edges.

    >>> int_hash(-1), int_hash(-2), int_hash(2305843009213693951), int_hash(2305843009213693952)
    (-2, -2, 0, 1)
    >>> int_hash(9223372036854775807), int_hash(-9223372036854775808), int_hash(0)
    (3, -4, 0)
    >>> int_hash(-2305843009213693951)
    0
    """
    return hash(n)


def cheapest(prices: List[Price]) -> Price:
    best = prices[0]
    for p in prices:
        if p < best:
            best = p
    return best


def close_or_above(a: Price, b: Price) -> bool:
    return a == b or a > b


def next_major(v: Version) -> Version:
    v = Version(v.major + 1)
    return v


def newest(versions: List[Version]) -> Version:
    best = versions[0]
    for v in versions:
        if best < v:
            best = v
    return best


def balance_after(acct: Account, amounts: List[int]) -> int:
    total = acct.balance
    for a in amounts:
        total += a
    return total
'''


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("classes"), "shop.py", SOURCE)


def _verify(done, qualname: str, crate_files=None, translation=None):
    unit, tr = next((u, t) for u, t in done.items if u.qualname == qualname)
    assert tr.ok, tr.reason
    assert unit.id in done.outcome.compiled_ids, done.outcome.failed.get(unit.id)
    crate = done.outcome.crate
    return verify_unit(
        crate.name,
        crate_files or crate.files,
        {done.rel: done.text},
        unit,
        translation or tr,
        VerifyOptions(examples_per_function=12),
    )


@pytest.mark.parametrize(
    "qualname",
    [
        "Cart",
        "Version",
        "Account",
        "Thermo",
        "warm_up",
        "pay_all",
        "Price",
        "cheapest",
        "close_or_above",
        "Coin",
        "int_hash",
        "next_major",
        "newest",
        "balance_after",
    ],
)
def test_classes_and_their_users_verify(compiled, qualname: str) -> None:
    verdict, rows = _verify(compiled, qualname)
    assert verdict.status == Status.VERIFIED, (verdict, rows[:5])
    functions = {r.function for r in rows}
    if qualname == "Cart":  # the constructor and every method are entry points
        assert functions == {
            "Cart",
            "Cart.add",
            "Cart.total",
            "Cart.for_owner",
            "Cart.small",
            "Cart.__repr__",
        }
        assert any(r.origin == "doctest" and r.function == "Cart.add" for r in rows)
        assert any("after: self=" in r.rust for r in rows if r.function == "Cart.add")
    if qualname == "Price":  # __eq__ / __lt__ through PartialEq::eq / PartialOrd::lt
        assert {"Price.__eq__", "Price.__lt__", "Price.__repr__"} <= functions
    if qualname == "int_hash":
        assert sum(r.origin == "doctest" for r in rows) == 8
    if qualname == "Thermo":  # a property's getter and setter, as Python reaches them
        assert functions == {"Thermo", "Thermo.fahrenheit.fget", "Thermo.fahrenheit.fset"}
        assert any(r.origin == "doctest" and r.function == "Thermo.fahrenheit.fget" for r in rows)


def test_wrong_method_is_a_mismatch(compiled) -> None:
    """A translation that changes the wrong field is caught by comparing the object after
    the call, even though the return value is right."""
    crate = compiled.outcome.crate
    files = dict(crate.files)
    key = next(k for k, v in files.items() if "pub fn deposit" in v)
    good = "self.history.push(amount);"
    assert good in files[key]
    files[key] = files[key].replace(good, "self.history.push(amount + 1);")
    verdict, rows = _verify(compiled, "Account", crate_files=files)
    assert verdict.status == Status.MISMATCH
    assert verdict.reason.startswith("Account.deposit: argument self after the call differs")
    bad = next(r for r in rows if r.outcome == "mismatch")
    assert bad.function == "Account.deposit" and "history=[" in bad.rust


def test_doctest_inputs_build_objects() -> None:
    text = '''
def f():
    """
    >>> Point(1, 2).move(3)
    >>> print(Point(0, 0).move(-1).x)
    >>> Point.origin()
    """
'''
    classes = ["Point"]
    assert doctest_calls(text, "Point.move", ["self", "d"], classes) == [
        (New("Point", (1, 2)), 3),
        (New("Point", (0, 0)), -1),
    ]
    assert doctest_calls(text, "Point", ["x", "y"], classes) == [(1, 2), (0, 0)]
    assert doctest_calls(text, "Point.origin", [], classes) == [()]


SHAPES_SOURCE = '''
import math
from typing import List


class Shape:
    """>>> Rect(2, 3).describe()
    'rect with area 6.00'
    """

    name: str = "shape"

    def area(self) -> float:
        raise NotImplementedError

    def describe(self) -> str:
        return f"{self.name} with area {self.area():.2f}"


class Rect(Shape):
    name = "rect"

    def __init__(self, w: float, h: float) -> None:
        super().__init__()
        self.w = w
        self.h = h

    def area(self) -> float:
        return self.w * self.h


class Disc(Shape):
    def __init__(self, r: float) -> None:
        self.r = r

    def area(self) -> float:
        return math.pi * self.r ** 2


def total(shapes: List[Shape]) -> float:
    """>>> total([Rect(1, 2), Disc(1)])
    5.14
    """
    return round(sum(s.area() for s in shapes), 2)
'''


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("shapes"), "shapes.py", SHAPES_SOURCE)


@pytest.mark.parametrize("qualname", ["Shape", "Rect", "Disc", "total"])
def test_hierarchy_verifies(shapes, qualname: str) -> None:
    verdict, rows = _verify(shapes, qualname)
    assert verdict.status == Status.VERIFIED, (verdict, rows[:5])
    if qualname == "total":  # lists drawn from every class of the hierarchy
        shown = " ".join(r.rust for r in rows)
        assert "Rect(w=" in shown and "Disc(r=" in shown
        assert any(r.origin == "doctest" for r in rows)
    if qualname == "Shape":  # a base method on a subclass's object runs the override
        assert any(
            r.function == "Shape.area" and "Rect(w=" in r.rust and "raised" not in r.rust
            for r in rows
        )


def test_wrong_override_is_a_mismatch(shapes) -> None:
    files = dict(shapes.outcome.crate.files)
    key = next(k for k, v in files.items() if "pub struct Rect" in v)
    good = "self.w * self.h"
    assert good in files[key]
    files[key] = files[key].replace(good, "self.w + self.h")
    for qualname in ("Rect", "total"):
        verdict, rows = _verify(shapes, qualname, crate_files=files)
        assert verdict.status == Status.MISMATCH, (qualname, verdict)
        assert any(r.outcome == "mismatch" for r in rows)
