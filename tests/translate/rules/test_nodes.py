"""Node classes (linked lists) with Python's reference semantics (docs/nodes.md): the class,
its methods and module functions over it translate, compile and verify with the real rustc
and verifier; deliberately wrong translations (a dropped ``.next`` update, ``==`` by value
where Python compares identity, a ring that is not closed) are caught as ``mismatch``."""

from __future__ import annotations

import ast

import pytest

from pipeline import classattrs, codec
from pipeline.pytypes import ClassShape, PyType
from pipeline.translate.rules.front.nodes import node_classes
from pipeline.verify.compare import Tolerance, rust_shape, same, to_shape
from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    compiled_rust,
)

SOURCE = """
from typing import Optional


class Node:
    def __init__(self, val: int, next=None):
        self.val = val
        self.next = next

    def length(self) -> int:
        n = 0
        cur = self
        while cur is not None:
            n += 1
            cur = cur.next
        return n

    def bump(self, d: int) -> None:
        cur = self
        while cur is not None:
            cur.val += d
            cur = cur.next

    def append(self, v: int) -> None:
        cur = self
        while cur.next is not None:
            cur = cur.next
        cur.next = Node(v)


def reverse_list(head: Optional[Node]) -> Optional[Node]:
    prev = None
    while head:
        head.next, prev, head = prev, head, head.next
    return prev


def is_cyclic(head: Optional[Node]) -> bool:
    slow = head
    fast = head
    while fast is not None and fast.next is not None:
        slow = slow.next
        fast = fast.next.next
        if slow is fast:
            return True
    return False


def build_chain(n: int) -> Optional[Node]:
    head = None
    for i in range(n):
        head = Node(i, head)
    return head


class Stack:
    def __init__(self):
        self.top = None
        self.size = 0

    def push(self, v: int) -> None:
        self.top = Node(v, self.top)
        self.size += 1

    def pop(self) -> int:
        node = self.top
        self.top = node.next
        self.size -= 1
        return node.val

    def peek_node(self) -> Optional[Node]:
        return self.top


def middle(head):
    slow = fast = head
    while fast is not None and fast.next is not None:
        slow = slow.next
        fast = fast.next.next
    return slow


def splice(a, b):
    first = cur = Node(0)
    while a and b:
        if a.val < b.val:
            cur.next = a
            a = a.next
        else:
            cur.next = b
            b = b.next
        cur = cur.next
    cur.next = a or b
    return first.next


def fresh_nodes_differ(v: int) -> bool:
    a = Node(v)
    b = Node(v, a)
    return a is not b and b.next is a


def make_ring(a: int, b: int) -> Node:
    first = Node(a)
    second = Node(b, first)
    first.next = second
    return first
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("nodes"), "nodes.py", SOURCE)


def test_node_class_is_found_from_its_none_default():
    assert node_classes({"Node": SOURCE.split("\n\n\ndef ")[0].split("\n\n\n")[1]}) == {"Node"}
    plain = "class P:\n    def __init__(self, x: int, tag=None):\n        self.x = x\n"
    assert node_classes({"P": plain}) == frozenset()  # ``tag`` is not stored


def test_evidence_outside_the_class_unit_does_not_make_it_a_node():
    # ``chain`` stores an Item into ``after``, but Item's own unit cannot see ``chain``: both
    # units decide from Item's own view (front/nodes.own_sources), so both refuse, neither
    # compiles against a struct the other does not have
    item = (
        "class Item:\n    def __init__(self, v: int, after=None):\n"
        "        self.v = v\n        self.after = after\n"
    )
    chain = "def chain(a: int):\n    x = Item(a)\n    x.after = Item(a + 1)\n    return x\n"
    assert node_classes({"Item": item, "chain": chain}) == frozenset()
    assert node_classes({"Item": item}) == frozenset()


def test_only_called_methods_leave_a_parameter_to_the_builtin_types():
    bag = ast.parse(
        "class Bag:\n    def __init__(self):\n        self.items = []\n"
        "    def append(self, v):\n        self.items.append(v)\n"
    ).body[0]
    assert isinstance(bag, ast.ClassDef)
    assert classattrs.fitting(frozenset({"append()"}), {"Bag": bag}) == []  # xs.append(1)
    assert classattrs.fitting(frozenset({"items", "append()"}), {"Bag": bag}) == ["Bag"]


def test_node_class_is_a_shared_handle(compiled):
    rust = compiled_rust(compiled, "Node")
    assert "pub struct Node(pub std::rc::Rc<std::cell::RefCell<NodeData>>);" in rust
    assert "std::rc::Rc::ptr_eq(&self.0, &other.0)" in rust
    assert "pub fn length(&self) -> i64" in rust
    reverse = compiled_rust(compiled, "reverse_list")
    assert "pub fn reverse_list(mut head: Option<Node>) -> Option<Node>" in reverse


@pytest.mark.parametrize(
    "name",
    [
        "Node",
        "reverse_list",
        "is_cyclic",
        "fresh_nodes_differ",
        "make_ring",
        "Stack",
        "middle",
        "splice",
    ],
)
def test_node_functions_verify(compiled, name):
    assert_verifies(compiled, name, min_inputs=1 if name == "make_ring" else 4)


def test_long_chains_are_not_compared_beyond_the_pipe(compiled):
    verdict, rows = assert_verifies(compiled, "build_chain", examples=30, min_inputs=4)
    deep = [r for r in rows if "deeper than" in r.note]
    assert deep and all(r.outcome == "dropped" for r in deep), rows


def test_dropped_next_update_is_caught(compiled):
    rust = compiled_rust(compiled, "reverse_list")
    assert ".next = v0;" in rust
    assert_change_caught(compiled, "reverse_list", ".next = v0;", ".next = v2.clone();")


def test_value_equality_instead_of_identity_is_caught(compiled):
    assert_change_caught(
        compiled,
        "fresh_nodes_differ",
        "std::rc::Rc::ptr_eq(&self.0, &other.0)",
        "self.val() == other.val()",
    )


def test_ring_left_open_is_caught(compiled):
    rust = compiled_rust(compiled, "make_ring")
    assert_change_caught(
        compiled, "make_ring", "next = Some(second", "next = Some(Node::new(b, None)"
    )
    assert rust


def test_shared_nodes_and_cycles_compare_by_shape():
    classes = {
        "N": ClassShape(
            "N",
            "c::N",
            (),
            (("v", PyType("int")), ("next", PyType("Optional", (PyType("N"),)))),
            handle=True,
        )
    }

    class N:
        def __init__(self, v, nxt=None):
            self.v, self.next = v, nxt

    a = N(1)
    a.next = N(2, a)  # a ring of two
    t = PyType("N")
    shaped = to_shape(t, codec.decode(codec.encode(a)), classes)
    assert shaped == [1, [2, {"ref": 0}]]
    assert same(t, shaped, rust_shape(t, [1, [2, {"ref": 0}]], classes), Tolerance(), classes)
    assert not same(t, shaped, rust_shape(t, [1, [2, [1, None]]], classes), Tolerance(), classes)
    pair = PyType("tuple", (t, t))
    b = N(5)
    assert to_shape(pair, codec.decode(codec.encode((b, b))), classes) == [[5, None], {"ref": 0}]


TREES = """
class TreeNode:
    def __init__(self, val: int, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right


class Pair:
    def __init__(self, left: int, top: int):
        self.left = left
        self.top = top


def max_depth(root):
    if root is None:
        return 0
    return 1 + max(max_depth(root.left), max_depth(root.right))


def insert(root, v: int):
    if root is None:
        return TreeNode(v)
    if v < root.val:
        root.left = insert(root.left, v)
    else:
        root.right = insert(root.right, v)
    return root


def invert(root):
    if root is not None:
        root.left, root.right = invert(root.right), invert(root.left)
    return root


def ambiguous(x):
    return x.left
"""


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("trees"), "trees.py", TREES)


@pytest.mark.parametrize("name", ["TreeNode", "max_depth", "insert", "invert"])
def test_tree_functions_typed_from_attributes_verify(trees, name):
    assert_verifies(trees, name, min_inputs=4)


def test_parameter_typing_from_attributes_is_recorded(trees):
    tr = next(t for u, t in trees.items if u.qualname == "insert")
    assert "root: Optional[TreeNode] (attributes)" in tr.typing, tr.typing


def test_attributes_of_two_classes_are_refused_naming_both(trees):
    tr = next(t for u, t in trees.items if u.qualname == "ambiguous")
    assert not tr.ok
    assert "untyped parameter x: its attributes (left) fit classes Pair and TreeNode" in tr.reason


def test_swapped_children_are_caught(trees):
    rust = compiled_rust(trees, "invert")
    assert "borrow_mut().left = v0;" in rust
    assert_change_caught(
        trees, "invert", "borrow_mut().left = v0;", "borrow_mut().left = v1.clone();"
    )
