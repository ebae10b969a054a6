"""A list changed while a ``for`` loop iterates it (analysis/iterated.py) is refused naming
the list and the change, never left to a compile error; a change the loop leaves right after
(``return``, a ``break`` of that loop) is translated, compiles and verifies."""

from __future__ import annotations

import pytest

from pipeline.translate.rules.engine import RuleEngine
from tests.translate.rules.harness import (
    assert_verifies,
    compile_module,
    make_unit,
)

FILL = """
def fill(grid: list[list[int]], i: int, j: int) -> None:
    if i < 0 or i >= len(grid) or j < 0 or j >= len(grid[i]) or grid[i][j] != 1:
        return
    grid[i][j] = 0
    fill(grid, i, j + 1)
"""


def _reason(source: str, context: dict[str, str] | None = None) -> str:
    tr = RuleEngine().translate(make_unit(source, context=context))
    assert not tr.ok
    return tr.reason


@pytest.mark.parametrize(
    ("source", "change"),
    [
        (
            "def f(names: list[str]) -> None:\n    for i, n in enumerate(names):\n"
            "        if n.endswith('.py'):\n            names[i] = n[:-3]\n",
            "list names is changed while a for loop iterates it (an item stored)",
        ),
        (
            "def f(xs: list[int]) -> None:\n    for x in xs:\n        if x == 1:\n"
            "            xs.append(0)\n",
            "list xs is changed while a for loop iterates it (.append())",
        ),
        (  # a break of an inner loop does not leave the iterating one
            "def f(xs: list[int]) -> None:\n    for x in xs:\n        for y in range(3):\n"
            "            xs.pop()\n            break\n",
            "list xs is changed while a for loop iterates it (.pop())",
        ),
    ],
)
def test_a_list_changed_while_iterated_is_refused(source: str, change: str) -> None:
    reason = _reason(source)
    assert reason.startswith("PT030") and change in reason, reason


def test_passing_the_list_to_a_function_that_changes_it_is_refused() -> None:
    source = (
        "def islands(grid: list[list[int]]) -> int:\n    count = 0\n"
        "    for i in range(len(grid)):\n        for j, c in enumerate(grid[i]):\n"
        "            if c == 1:\n                fill(grid, i, j)\n                count += 1\n"
        "    return count\n"
    )
    reason = _reason(source, {"fill": FILL.strip() + "\n"})
    assert "list grid is changed while a for loop iterates it (passed to fill" in reason


SOURCE = """
def insert_sorted(items: list[int], value: int) -> list[int]:
    for i, x in enumerate(items):
        if value < x:
            items.insert(i, value)
            return items
    items.append(value)
    return items


def drop_first_even(xs: list[int]) -> list[int]:
    for i, x in enumerate(xs):
        if x % 2 == 0:
            del xs[i]
            break
    return xs


def islands(grid: list[list[int]]) -> int:
    count = 0
    for i in range(len(grid)):
        for j in range(len(grid[i])):
            if grid[i][j] == 1:
                count += 1
    return count
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("iterated"), "iterated.py", SOURCE)


@pytest.mark.parametrize("qualname", ["insert_sorted", "drop_first_even", "islands"])
def test_a_change_the_loop_leaves_right_after_compiles_and_verifies(compiled, qualname) -> None:
    assert_verifies(compiled, qualname)
