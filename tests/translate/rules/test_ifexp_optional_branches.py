"""A conditional expression whose branches are an Optional and None (``x.next if x else None``)
or an Optional and its value type (``a if a is not None else b`` with ``a: Node``, ``b:
Optional[Node]``) is that Optional, the value branch wrapped in ``Some``: linked-list walks of
annotated algorithm collections. Through rustc and the real verifier; a wrong translation is
caught."""

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

class Node:
    def __init__(self, data: int, next_node: Node | None = None) -> None:
        self.data = data
        self.next_node = next_node


def build_list(values: list[int]) -> Node | None:
    """
    >>> build_list([1]).data
    1
    """
    head: Node | None = None
    for v in reversed(values):
        head = Node(v, head)
    return head


def middle_value(values: list[int]) -> int | None:
    """
    >>> middle_value([1, 2, 3, 4, 5])
    3
    >>> middle_value([]) is None
    True
    """
    head = build_list(values)
    slow = fast = head
    while fast is not None and fast.next_node is not None:
        fast = fast.next_node.next_node
        slow = slow.next_node if slow else None
    return slow.data if slow else None


def merged_values(xs: list[int], ys: list[int]) -> list[int]:
    """
    >>> merged_values([1, 4], [2, 3, 5])
    [1, 2, 3, 4, 5]
    """
    a = build_list(xs)
    b = build_list(ys)
    dummy = Node(0)
    tail = dummy
    while a is not None and b is not None:
        if a.data <= b.data:
            tail.next_node = a
            a = a.next_node
        else:
            tail.next_node = b
            b = b.next_node
        tail = tail.next_node
    tail.next_node = a if a is not None else b
    out = []
    node = dummy.next_node
    while node is not None:
        out.append(node.data)
        node = node.next_node
    return out


def first_or(values: dict[str, int], key: str, fallback: int) -> int | None:
    """
    >>> first_or({"a": 1}, "a", 5)
    1
    >>> first_or({"a": 1}, "b", 5) is None
    True
    >>> first_or({}, "", 7)
    7
    """
    return values.get(key) if key else fallback
'''


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):  # onefile's result
    return compile_module(tmp_path_factory.mktemp("ifexp_optional"), "ifexp_optional.py", SOURCE)


@pytest.mark.parametrize("name", ["middle_value", "merged_values", "first_or"])
def test_optional_branches_verify(compiled, name: str) -> None:
    assert_verifies(compiled, name, examples=20, min_inputs=3)


def test_the_value_branch_is_wrapped_in_some(compiled) -> None:
    assert "Some(fallback)" in compiled_rust(compiled, "first_or")


def test_a_fallback_dropped_to_none_is_a_mismatch(compiled) -> None:
    assert_change_caught(compiled, "first_or", "Some(fallback)", "None")
