"""Tuples wider than the harness prelude's impls (8) through rustc and the real verifier: the
harness adds a ``ToJson`` impl for each wider arity it serialises, so such functions verify
instead of ending ``untested``, and a wrong element is caught as a mismatch."""

from __future__ import annotations

import pytest

from pipeline.pytypes import PyType
from pipeline.verify.harness import HarnessFn, wide_tuple_impls
from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    rustc,
)

pytestmark = pytest.mark.skipif(rustc() is None, reason="rustc not installed")

SOURCE = """
def digit_counts(n: int) -> tuple[int, int, int, int, int, int, int, int, int, int]:
    c = [0] * 10
    for ch in str(abs(n)):
        c[int(ch)] += 1
    return (c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9])


def versions():
    return ("4.1.0", "5.0.0", "5.1.0", "5.2.0", "6.0.0", "6.1.0", "6.2.0", "6.3.0",
            "7.0.0", "8.0.0", "9.0.0", "10.0.0", "11.0.0")
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):  # onefile's result
    return compile_module(tmp_path_factory.mktemp("wide"), "wide.py", SOURCE)


def test_wide_tuples_verify(compiled) -> None:
    assert_verifies(compiled, "digit_counts", examples=20, min_inputs=5)
    assert_verifies(compiled, "versions")


def test_a_wrong_element_of_a_wide_tuple_is_a_mismatch(compiled) -> None:
    assert_change_caught(compiled, "versions", '"10.0.0"', '"10.0.1"')


def test_only_arities_beyond_the_prelude_get_an_impl() -> None:
    i64 = PyType("int")
    fns = [
        HarnessFn(0, "f", (), PyType("list", (PyType("tuple", (i64,) * 9),)), ()),
        HarnessFn(1, "g", (), PyType("tuple", (i64,) * 3), ()),
    ]
    assert wide_tuple_impls(fns) == [
        "tuple_json!(" + ", ".join(f"T{i}.{i}" for i in range(9)) + ");"
    ]
