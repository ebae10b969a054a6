"""The codec and the comparison rules (pure functions, no processes)."""

from __future__ import annotations

import math

import pytest

from pipeline import codec
from pipeline.pytypes import DoesNotFit, parse
from pipeline.verify.compare import Tolerance, from_shape, rust_shape, same, to_shape

TOL = Tolerance(1e-9, 1e-12)


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        0,
        -(2**70),
        1.5,
        float("inf"),
        "héllo\n😀",
        [1, [2]],
        (1, "a"),
        {3, 1, 2},
        {"b": 1, "a": (2, 3)},
        {(1, 2): frozenset({1})},
        b"\x00\xff",
        [],
    ],
)
def test_codec_round_trips(value: object) -> None:
    assert codec.decode(codec.encode(value)) == value


def test_codec_keeps_types_apart_and_orders_sets() -> None:
    assert codec.key(codec.encode((1,))) != codec.key(codec.encode([1]))
    assert codec.key(codec.encode(1)) != codec.key(codec.encode(True))
    assert codec.encode({"b", "a", "c"}) == {"s": ["a", "b", "c"]}
    assert isinstance(codec.decode(codec.encode({1})), set)  # mutable where it can be


def test_codec_carries_unknown_objects_as_opaque() -> None:
    back = codec.decode(codec.encode(object()))
    assert isinstance(back, codec.Opaque) and back.type_name == "object"


def test_nan_codec() -> None:
    assert math.isnan(codec.decode(codec.encode(float("nan"))))


@pytest.mark.parametrize(
    ("t", "py", "rust"),
    [
        ("int", 3, 3),
        ("float", 0.1 + 0.2, 0.3),
        ("float", float("nan"), float("nan")),
        ("float", 2, 2.0),
        ("float", -0.0, -0.0),
        ("float", 0, 0.0),
        ("str", "é", "é"),
        ("list[tuple[int, str]]", [(1, "a")], [[1, "a"]]),
        ("tuple[int, ...]", (1, 2), [1, 2]),
        ("set[int]", {3, 1, 2}, [2, 3, 1]),
        ("Optional[int]", None, None),
        ("dict[str, int]", {"b": 1, "a": 2}, [["b", 1], ["a", 2]]),
        ("None", None, None),
        ("bytes", b"\x01", [1]),
    ],
)
def test_equal_values_match(t: str, py: object, rust: object) -> None:
    ty = parse(t)
    assert same(ty, to_shape(ty, py), rust_shape(ty, rust), TOL)


@pytest.mark.parametrize(
    ("t", "py", "rust"),
    [
        ("int", 3, 4),
        ("int", 3, 3.0),
        ("float", 1.0, 1.0 + 1e-6),
        ("float", float("inf"), float("-inf")),
        ("float", float("nan"), 0.0),
        ("float", -0.0, 0.0),  # prints, divides and copysigns differently
        ("float", 0.0, -0.0),
        ("bool", True, 1),
        ("list[int]", [1, 2], [2, 1]),
        ("list[int]", [1], [1, 1]),
        ("dict[str, int]", {"b": 1, "a": 2}, [["a", 2], ["b", 1]]),  # insertion order matters
        ("Optional[int]", 0, None),
    ],
)
def test_different_values_do_not_match(t: str, py: object, rust: object) -> None:
    ty = parse(t)
    assert not same(ty, to_shape(ty, py), rust_shape(ty, rust), TOL)


def test_tolerance_is_configurable() -> None:
    ty = parse("float")
    assert same(ty, 1.0, 1.0 + 1e-6, Tolerance(1e-5, 0.0))
    assert same(ty, 0.0, 1e-13, TOL) and not same(ty, 0.0, 1e-11, TOL)


@pytest.mark.parametrize(
    ("t", "value", "error"),
    [
        ("int", 2**63, DoesNotFit),
        ("list[int]", [-(2**63) - 1], DoesNotFit),
        ("str", "\ud800", DoesNotFit),
        ("int", "3", TypeError),
        ("tuple[int, int]", (1,), TypeError),
        ("int", codec.Opaque("Foo", "<Foo>"), TypeError),
    ],
)
def test_python_values_without_a_rust_counterpart(t: str, value: object, error: type) -> None:
    with pytest.raises(error):
        to_shape(parse(t), value)


def test_from_shape_rebuilds_python_values_for_display() -> None:
    assert from_shape(parse("dict[int, tuple[int, ...]]"), [[1, [2]]]) == {1: (2,)}
    assert from_shape(parse("set[str]"), ["a"]) == {"a"}
    assert from_shape(parse("bytes"), [104, 105]) == b"hi"


LONG = list(range(-500, 500))  # long enough for the whole-list paths (no call per item)


@pytest.mark.parametrize(
    ("t", "py", "rust", "equal"),
    [
        ("list[int]", LONG, LONG, True),
        ("list[int]", LONG, [*LONG[:-1], 0], False),
        ("list[int]", [True, *LONG], [1, *LONG], True),  # a bool in an int list: shaped to 1
        ("list[int]", LONG, [True if x == 1 else x for x in LONG], False),  # Rust's true != 1
        ("list[int]", LONG, [float(x) for x in LONG], False),
        ("list[str]", [str(x) for x in LONG], [str(x) for x in LONG], True),
        ("list[str]", [str(x) for x in LONG], [str(-x) for x in LONG], False),
        ("list[bool]", [x > 0 for x in LONG], [x > 0 for x in LONG], True),
        ("list[bool]", [x > 0 for x in LONG], [int(x > 0) for x in LONG], False),
        ("list[list[int]]", [LONG, LONG], [LONG, LONG[::-1]], False),
    ],
)
def test_long_lists_compare_item_by_item(t: str, py: object, rust: object, equal: bool) -> None:
    ty = parse(t)
    assert same(ty, to_shape(ty, py), rust_shape(ty, rust), TOL) is equal


@pytest.mark.parametrize(
    ("t", "value"),
    [
        ("list[int]", [*LONG, 2**63]),
        ("list[int]", [-(2**63) - 1, *LONG]),
        ("list[str]", ["a", "\ud800"]),
    ],
)
def test_long_lists_without_a_rust_counterpart(t: str, value: list) -> None:
    with pytest.raises(DoesNotFit):
        to_shape(parse(t), value)


def test_flat_lists_decode_as_they_are() -> None:
    tree = [1, "a", None, 2.5, True]
    assert codec.decode(tree) == tree and codec.decode(tree) is not tree
    assert codec.decode(tree, hashable=True) == tuple(tree)
    assert codec.decode([[1, 2], {"t": [3]}], hashable=True) == ((1, 2), (3,))
