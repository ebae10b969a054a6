"""Fields typed by what the methods do with them (analysis/fieldtypes.py): ``self.items = []``
then ``push(item)``, ``defaultdict(list)`` graphs, counters on ``{}``; the methods' untyped
parameters typed by the same walk; uses that disagree refused, a value nothing says anything of
refused as before. Checked through rustc and the real verifier, with a method changed on
purpose shown caught as ``mismatch``."""

from __future__ import annotations

import dataclasses

import pytest

from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    rustc,
)
from tests.translate.rules.test_classes import ENGINE, class_unit, translate

STACK = """
class Stack:
    def __init__(self):
        self.items = []

    def push(self, item):
        self.items.append(item)

    def pop(self):
        return self.items.pop()

    def size(self):
        return len(self.items)
"""

WORDS = """
class WordCounter:
    def __init__(self):
        self.counts = {}

    def add_text(self, text):
        for word in text.split():
            self.counts[word] = self.counts.get(word, 0) + 1

    def count(self, word):
        return self.counts.get(word, 0)
"""

GRAPH = """
class Graph:
    def __init__(self):
        self.graph = defaultdict(list)

    def add_edge(self, u, v):
        self.graph[u].append(v)

    def degree(self, u):
        return len(self.graph[u])
"""

VECTOR = """
class Vector:
    def __init__(self, x: float, y: float):
        self.x = x
        self.y = y

    def dot(self, other):
        return self.x * other.x + self.y * other.y
"""

SQUARES = """
class Squares:
    def __init__(self, n):
        self.n = n
        self.table = [0] * self.n
        for i in range(self.n):
            self.table[i] = i * i

    def get(self, i):
        return self.table[i]
"""

QUEUE = """
class Queue:
    def __init__(self):
        self.items = []

    def enqueue(self, item):
        self.items.insert(0, item)

    def dequeue(self):
        return self.items.pop()
"""


def test_list_field_typed_from_push_and_pop() -> None:
    tr = translate(STACK)
    assert tr.ok, tr.reason
    assert "pub items: Vec<i64>," in tr.rust, tr.rust
    assert "pub fn push(&mut self, item: i64)" in tr.rust, tr.rust
    assert tr.typing == (
        "self.items: list[int] (method uses, only stored: int assumed)",
        "push.item: int (method uses, only stored: int assumed)",
    ), tr.typing


def test_dict_field_typed_from_split_words_and_get() -> None:
    tr = translate(WORDS)
    assert tr.ok, tr.reason
    assert "self.counts: dict[str, int] (method uses)" in tr.typing, tr.typing
    assert "add_text.text: str (method uses)" in tr.typing, tr.typing


def test_defaultdict_of_lists_field() -> None:
    unit = class_unit(GRAPH)
    unit = dataclasses.replace(unit, imports=(*unit.imports, "from collections import defaultdict"))
    tr = ENGINE.translate(unit)
    assert tr.ok, tr.reason
    assert tr.typing[0].startswith("self.graph: defaultdict[int, list[int]]"), tr.typing


def test_parameter_reading_the_class_attributes_is_an_object_of_the_class() -> None:
    tr = translate(VECTOR)
    assert tr.ok, tr.reason
    assert "dot.other: Vector (method uses)" in tr.typing, tr.typing


def test_insert_into_a_field() -> None:
    tr = translate(QUEUE)
    assert tr.ok, tr.reason
    assert "self.items.insert(crate::pyrt::insert_at(0, self.items.len()), item);" in tr.rust


def test_init_reads_and_fills_the_fields_it_has_set() -> None:
    tr = translate(SQUARES)
    assert tr.ok, tr.reason
    assert "let mut table: Vec<i64> = vec![0; crate::pyrt::repeat_count(n)];" in tr.rust, tr.rust
    assert "*table.at_mut(i) = i * i;" in tr.rust, tr.rust
    assert "n: int (method uses)" in tr.typing, tr.typing


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        (  # a dict display appended to
            "class A:\n    def __init__(self):\n        self.d = {}\n"
            "    def add(self, x):\n        self.d.append(x)\n",
            "PT050 line 1: fields of class A: their uses disagree (self.d: dict display",
        ),
        (  # nothing says what it is
            "class A:\n    def __init__(self):\n        self.v = None\n"
            "    def get(self):\n        return self.v\n",
            "PT050 line 3: type of attribute self.v cannot be inferred (annotate it)",
        ),
        (  # a method called while the object is being made
            "class A:\n    def __init__(self):\n        self.v = 1\n        self.w = self.f()\n"
            "    def f(self):\n        return 2\n",
            "PT050 line 4: __init__ uses self other than to set attributes at its top level",
        ),
        (  # a parameter defaulting to None only stored, in a field only returned
            "class A:\n    def __init__(self, v=None):\n        self.v = v\n"
            "    def get(self):\n        return self.v\n",
            "PT020 line 2: untyped parameter v of A.__init__",
        ),
    ],
)
def test_disagreeing_or_silent_uses_are_refused(source: str, reason: str) -> None:
    tr = translate(source)
    assert not tr.ok and tr.reason.startswith(reason), tr.reason


# -- through rustc and the verifier ------------------------------------------------------------

SOURCE = "from collections import defaultdict\n" + STACK + WORDS + GRAPH + VECTOR + SQUARES + QUEUE


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    if rustc() is None:
        pytest.fail("rustc is required for the end-to-end field typing tests")
    return compile_module(tmp_path_factory.mktemp("fields"), "fields.py", SOURCE)


@pytest.mark.parametrize("name", ["Stack", "WordCounter", "Graph", "Vector", "Squares", "Queue"])
def test_field_typed_classes_verify_end_to_end(compiled, name: str) -> None:
    verdict, rows = assert_verifies(compiled, name, examples=16)
    assert {r.function for r in rows} > {name}, {r.function for r in rows}


def test_methods_run_on_objects_their_mutators_changed(compiled) -> None:
    """``pop`` is tested on stacks ``push`` filled (``Stack(); .push(3)``), not only on new
    ones: a pop that reads the wrong end of the list is caught, where on empty stacks alone
    both sides raise alike."""
    verdict, rows = assert_verifies(compiled, "Stack", examples=16)
    assert any(r.function == "Stack.pop" and "; .push(" in r.inputs for r in rows), rows
    assert_change_caught(
        compiled, "Stack", "self.items.pop().expect(", "self.items.first().copied().expect(", 16
    )
