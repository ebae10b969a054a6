"""Copies in usage typing (usage_calls.py): ``new = copy.deepcopy(grid)`` (or ``copy.copy``,
``from copy import deepcopy``) has its argument's type, so an untyped parameter copied first
and then used only through the copy (``len(new)``, ``new[i][j] > new[i][k] + new[k][j]``) is
typed by those uses, as a community algorithms collection writes Floyd-Warshall. Verified end
to end with rustc and the real verifier; the copy keeps the caller's value unchanged, and a
wrong body is caught."""

from __future__ import annotations

import pytest

from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    compiled_rust,
)

SOURCE = """
import copy
from copy import deepcopy


def all_pairs(adjacency_matrix):
    new_array = copy.deepcopy(adjacency_matrix)
    for k in range(len(new_array)):
        for i in range(len(new_array)):
            for j in range(len(new_array)):
                if new_array[i][j] > new_array[i][k] + new_array[k][j]:
                    new_array[i][j] = new_array[i][k] + new_array[k][j]
    return new_array


def spread(values):
    out = copy.copy(values)
    out.sort()
    return out[-1] - out[0] if out else 0


def doubled_rows(rows):
    grid = deepcopy(rows)
    for row in grid:
        for j in range(len(row)):
            row[j] *= 2
    return grid
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("copies"), "copies_mod.py", SOURCE)


@pytest.mark.parametrize(
    ("qualname", "typing"),
    [
        ("all_pairs", ("adjacency_matrix: list[list[int]] (usage)",)),
        ("spread", ("values: list[int] (usage)",)),
        ("doubled_rows", ("rows: list[list[int]] (usage)",)),
    ],
)
def test_a_copy_types_the_parameter_it_copies(compiled, qualname, typing) -> None:
    tr = next(t for u, t in compiled.items if u.qualname == qualname)
    assert tr.ok, tr.reason
    assert tr.typing == typing
    assert_verifies(compiled, qualname, min_inputs=3)


def test_a_wrong_body_is_a_mismatch(compiled) -> None:
    rust = compiled_rust(compiled, "doubled_rows")
    assert "*= 2" in rust, rust
    assert_change_caught(compiled, "doubled_rows", "*= 2", "*= 3")
