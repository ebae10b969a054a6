"""A None test on a node's child narrows it, as one on a name does: ``if node.left:
queue.append(node.left)`` appends a node (the child's read is an ``expect``), so a queue of nodes
stays one; also after ``if node.right is None: continue``. Not where the region could change the
child (a store to ``.left`` on any object, a call of a sibling or a method). Through rustc and
the real verifier; a wrong translation is caught."""

from __future__ import annotations

import pytest

from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    compiled_rust,
    rustc,
)

pytestmark = pytest.mark.skipif(rustc() is None, reason="rustc not installed")

SOURCE = '''
from __future__ import annotations

from collections import deque


class TreeNode:
    def __init__(self, val: int, left: TreeNode | None = None, right: TreeNode | None = None):
        self.val = val
        self.left = left
        self.right = right


def build(values: list[int]) -> TreeNode | None:
    root: TreeNode | None = None
    for v in values:
        root = insert(root, v)
    return root


def insert(root: TreeNode | None, val: int) -> TreeNode:
    if root is None:
        return TreeNode(val)
    if val < root.val:
        root.left = insert(root.left, val)
    else:
        root.right = insert(root.right, val)
    return root


def level_sums(values: list[int]) -> list[int]:
    """
    >>> level_sums([5, 3, 8, 1, 4])
    [5, 11, 5]
    """
    root = build(values)
    if root is None:
        return []
    sums = []
    queue = deque([root])
    while queue:
        total = 0
        for _ in range(len(queue)):
            node = queue.popleft()
            total += node.val
            if node.left:
                queue.append(node.left)
            if node.right is not None:
                queue.append(node.right)
        sums.append(total)
    return sums


def right_spine(values: list[int]) -> list[int]:
    """
    >>> right_spine([2, 1, 3, 4])
    [2, 3, 4]
    """
    node = build(values)
    out = []
    while node is not None:
        out.append(node.val)
        if node.right is None:
            break
        child = node.right
        out.append(child.val * 0)
        node = child
    return out


def cut_left(values: list[int]) -> list[int]:
    root = build(values)
    if root is None:
        return []
    kept = [root]
    if root.left:
        root.left = None
        kept.append(root.left)
    return [n.val for n in kept]


class LinkedList:
    """
    >>> ll = LinkedList()
    >>> ll.push(3); ll.push(4)
    >>> ll.first(), ll.second()
    (4, 3)
    """

    def __init__(self) -> None:
        self.head: TreeNode | None = None

    def push(self, v: int) -> None:
        self.head = TreeNode(v, None, self.head)

    def first(self) -> int:
        if self.head:
            return self.head.val
        return -1

    def second(self) -> int:
        if self.head is not None and self.head.right is not None:
            return self.head.right.val
        return -1


def second_of(values: list[int]) -> int:
    """
    >>> second_of([1, 2, 3])
    2
    """
    head = None
    for v in reversed(values):
        head = TreeNode(v, None, head)
    if head is not None and head.right:
        nxt = head.right
        return nxt.val
    return -1
'''


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):  # onefile's result
    return compile_module(tmp_path_factory.mktemp("attr_narrowing"), "attr_narrowing.py", SOURCE)


@pytest.mark.parametrize("name", ["level_sums", "right_spine", "LinkedList", "second_of"])
def test_narrowed_children_verify(compiled, name: str) -> None:
    assert_verifies(compiled, name, examples=20, min_inputs=3)


def test_the_narrowed_child_is_read_with_expect(compiled) -> None:
    assert 'queue.append(node.left().expect("narrowed by a None test"))' in compiled_rust(
        compiled, "level_sums"
    )


def test_a_region_storing_to_the_child_is_not_narrowed(compiled) -> None:
    tr = next(t for u, t in compiled.items if u.qualname == "cut_left")
    assert not tr.ok and "append" in tr.reason, tr.reason


def test_the_other_child_enqueued_is_a_mismatch(compiled) -> None:
    assert_change_caught(
        compiled,
        "level_sums",
        'queue.append(node.left().expect("narrowed by a None test"))',
        'queue.append(node.right().expect("narrowed by a None test"))',
    )
