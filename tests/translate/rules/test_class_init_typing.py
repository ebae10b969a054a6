"""Untyped ``__init__`` parameters typed as a function's are: from the module's ``Cls(...)``
calls with literal arguments, else from their uses in ``__init__``; a parameter its uses leave
generic (only stored) is refused, never a generic struct. The assumed types are the class
unit's ``Translation.typing``. Checked through rustc and the real verifier, with a constructor
changed on purpose shown caught as ``mismatch``."""

from __future__ import annotations

import ast
import dataclasses

import pytest

from pipeline.records import Translation
from pipeline.units.callsites import init_needs_evidence
from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    rustc,
)
from tests.translate.rules.test_classes import ENGINE, class_unit

STOCK = """
class Stock:
    def __init__(self, name, count):
        if count < 0:
            raise ValueError("negative count")
        self.name = name
        self.count = count

    def restock(self, n: int) -> int:
        self.count += n
        return self.count

    def label(self) -> str:
        return self.name + ":" + str(self.count)
"""

HOLDER = """
class Holder:
    def __init__(self, value):
        self.value = value
"""


def translate(source: str, *calls: str) -> Translation:
    unit = class_unit(source)
    pairs = tuple((call.split("(")[0], call) for call in calls)
    return ENGINE.translate(dataclasses.replace(unit, call_examples=pairs))


def test_init_parameters_typed_from_the_class_calls() -> None:
    tr = translate(STOCK, 'Stock("pear", 4)', 'Stock("fig", 0)')
    assert tr.ok, tr.reason
    assert "pub fn new(name: String, count: i64) -> Stock" in tr.rust, tr.rust
    assert tr.typing == ("name: str (calls)", "count: int (calls)"), tr.typing
    new = next(s for s in tr.signatures if s.rust_name == "Stock::new")
    assert [(p.name, p.py_type) for p in new.params] == [("name", "str"), ("count", "int")]


def test_init_parameter_typed_from_its_uses() -> None:
    source = """
    class Celsius:
        def __init__(self, degrees):
            if degrees < -273.15:
                raise ValueError("below absolute zero")
            self.degrees = degrees
    """
    tr = translate(source)
    assert tr.ok, tr.reason
    assert tr.typing == ("degrees: float (usage)",), tr.typing
    assert "pub degrees: f64" in tr.rust, tr.rust


def test_field_typed_by_its_parameters_literal_default() -> None:
    source = """
    class Buffer:
        def __init__(self, size=-1, name="buf", ratio=0.5, strict=False):
            self.size = size
            self.name = name
            self.ratio = ratio
            self.strict = strict
    """
    tr = translate(source)
    assert tr.ok, tr.reason
    fields = next(c for c in tr.classes if c.py_name == "Buffer").fields
    assert [(f.name, f.py_type) for f in fields] == [
        ("size", "int"),
        ("name", "str"),
        ("ratio", "float"),
        ("strict", "bool"),
    ]
    tr = translate(
        "class Later:\n    def __init__(self, items=None):\n        self.items = items\n"
    )
    assert not tr.ok and "untyped parameter items" in tr.reason, tr.reason


def test_calls_that_disagree_are_refused() -> None:
    tr = translate(HOLDER, "Holder(1)", 'Holder("a")')
    assert not tr.ok and tr.diagnostics[0].code == "PT020", tr.diagnostics
    assert "untyped parameter value" in tr.reason, tr.reason


def test_only_stored_parameter_is_an_assumed_int_not_generic() -> None:
    """A parameter nothing but stores is an ``int``, recorded as assumed (a struct is not
    generic; the verifier draws ints); one defaulting to None stays refused."""
    tr = translate(HOLDER)
    assert tr.ok, tr.reason
    assert "pub fn new(value: i64) -> Holder" in tr.rust, tr.rust
    assert "value: int (method uses, only stored: int assumed)" in tr.typing, tr.typing
    later = "class Later:\n    def __init__(self, items=None):\n        self.items = items\n"
    tr = translate(later)
    assert not tr.ok and tr.diagnostics[0].code == "PT020", tr.diagnostics
    assert "untyped parameter items of Later.__init__" in tr.reason, tr.reason
    assert tr.diagnostics[0].line == 2, tr.diagnostics


@pytest.mark.parametrize(
    ("source", "needs"),
    [
        (HOLDER, True),
        ("class A:\n    def __init__(self, n: str, m=0):\n        self.n = n\n", False),
        ("class A:\n    def __init__(self, n: int):\n        self.n = n\n", True),
        ("class A:\n    x: int = 0\n", False),
    ],
)
def test_which_classes_collect_their_calls(source: str, needs: bool) -> None:
    node = ast.parse(source.strip()).body[0]
    assert isinstance(node, ast.ClassDef)
    assert init_needs_evidence(node) is needs


# -- through rustc and the verifier ------------------------------------------------------------

SOURCE = (
    STOCK
    + """

class Celsius:
    def __init__(self, degrees):
        if degrees < -273.15:
            raise ValueError("below absolute zero")
        self.degrees = degrees

    def fahrenheit(self) -> float:
        return self.degrees * 9 / 5 + 32


class Window:
    def __init__(self, width=80, title="main"):
        self.width = width
        self.title = title

    def banner(self) -> str:
        return self.title.center(self.width, "*")


def shelf() -> str:
    s = Stock("pear", 4)
    s.restock(2)
    return s.label()
"""
)


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    if rustc() is None:
        pytest.fail("rustc is required for the end-to-end class typing tests")
    return compile_module(tmp_path_factory.mktemp("init"), "shop.py", SOURCE)


@pytest.mark.parametrize("name", ["Stock", "Celsius", "Window", "shelf"])
def test_typed_classes_verify_end_to_end(compiled, name: str) -> None:
    verdict, rows = assert_verifies(compiled, name, examples=16)
    if name != "shelf":  # the methods are verified through the class
        assert {r.function for r in rows} > {name}, {r.function for r in rows}


def test_a_wrong_constructor_is_a_mismatch(compiled) -> None:
    assert_change_caught(compiled, "Stock", "if count < 0 {", "if count < 1 {", examples=16)
