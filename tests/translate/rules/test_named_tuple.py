"""``class P(NamedTuple)`` is a frozen struct ordered as its tuple of fields: the same ``==``,
``<``, ``hash()`` and repr ``P(x=1, y=0)`` as Python's; the tuple protocol on it (indexing,
unpacking, ``len``, ``_replace``) is refused. Its objects cross the verifier's pipe as objects
of their class (codec), not tuples. Checked through rustc and the real verifier, with a
constructor that swaps the fields shown caught as ``mismatch``."""

from __future__ import annotations

import collections
from typing import NamedTuple

import pytest

from pipeline import codec
from pipeline.translate.rules.diagnostics import Refusal, Where
from pipeline.translate.rules.front.classes import lower_class
from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    rustc,
)

SOURCE = '''
from typing import NamedTuple
import typing


class Point(NamedTuple):
    """A point."""

    x: int
    y: int = 0

    def norm1(self) -> int:
        return abs(self.x) + abs(self.y)


class Tagged(typing.NamedTuple):
    name: str
    weight: float


def farther(a: Point, b: Point) -> Point:
    return a if a.norm1() >= b.norm1() else b


def smaller(a: Point, b: Point) -> bool:
    return a < b


def label(t: Tagged) -> str:
    return t.name.upper() + repr(t)


def first(p: Point) -> int:
    return p[0]


def unpack(p: Point) -> int:
    x, y = p
    return x + y


def size(p: Point) -> int:
    return len(p)


def moved(p: Point) -> Point:
    return p._replace(x=p.x + 1)
'''


class Pair(NamedTuple):
    a: int
    b: str = "z"


def test_named_tuple_crosses_the_pipe_as_an_object() -> None:
    tree = codec.encode(Pair(1))
    assert tree == {
        "o": "Pair",
        "r": "Pair(a=1, b='z')",
        "i": 0,  # its number among the instances of the value (shared nodes refer to it)
        "attrs": [["a", 1], ["b", "z"]],
    }
    assert codec.encode(collections.namedtuple("Q", "a b")(1, 2)) == {"t": [1, 2]}
    assert codec.encode((1, 2)) == {"t": [1, 2]}


def test_named_tuple_is_a_frozen_ordered_model() -> None:
    model = lower_class(
        "class P(NamedTuple):\n    x: int\n    y: str = 'a'\n",
        Where(1),
        {"NamedTuple": "typing.NamedTuple"},
        frozenset({"P"}),
    )
    assert model.is_dataclass and model.frozen and model.order
    assert [p.name for p in model.new.params] == ["x", "y"]


def test_a_class_deriving_from_a_named_tuple_class_is_refused() -> None:
    sources = {
        "P": "class P(NamedTuple):\n    x: int\n",
        "Q": "class Q(P):\n    pass\n",
    }
    imports = {"NamedTuple": "typing.NamedTuple"}
    with pytest.raises(Refusal, match="in a class hierarchy is not supported"):
        lower_class(sources["P"], Where(1), imports, frozenset(sources), sources)


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    if rustc() is None:
        pytest.fail("rustc is required for the end-to-end NamedTuple tests")
    return compile_module(tmp_path_factory.mktemp("nt"), "shapes.py", SOURCE)


def test_named_tuple_struct_derives_python_order(compiled) -> None:
    rust = next(t.rust for u, t in compiled.items if u.qualname == "Point")
    assert "#[derive(Clone, Debug, PartialEq, PartialOrd)]\npub struct Point" in rust, rust


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("first", "indexing Point"),
        ("unpack", "cannot unpack Point"),
        ("size", "len()"),
        ("moved", "_replace"),
    ],
)
def test_tuple_protocol_on_a_named_tuple_is_refused(compiled, name: str, reason: str) -> None:
    tr = next(t for u, t in compiled.items if u.qualname == name)
    assert not tr.ok and reason in tr.reason, tr.reason


@pytest.mark.parametrize("name", ["Point", "Tagged", "farther", "smaller", "label"])
def test_named_tuples_verify_end_to_end(compiled, name: str) -> None:
    verdict, rows = assert_verifies(compiled, name, examples=16)
    if name == "Point":  # its method and generated repr, through the class
        assert {"Point.norm1", "Point.__repr__"} <= {r.function for r in rows}


def test_swapped_fields_are_a_mismatch(compiled) -> None:
    assert_change_caught(compiled, "Point", "Self { x, y }", "Self { x: y, y: x }", examples=16)
