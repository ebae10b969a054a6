"""A parameter typed from its calls that the body compares with None (``if r is None:``) and
never rebinds takes None too: ``Optional`` of the calls' type (``types/paramhints.py``), or
of the type its uses give (``analysis/usage.py``), as a ``None`` default makes it; verified
end to end with None among the inputs. A parameter the body rebinds keeps the calls' type
(the test stays refused)."""

from __future__ import annotations

import pytest

from pipeline.pytypes import PyType
from pipeline.translate.rules.front import lower
from pipeline.translate.rules.types import paramhints
from tests.translate.rules.harness import assert_verifies, compile_module, rustc

INT = PyType("int")


def typed(src: str, calls: list[str]) -> dict[str, PyType | None]:
    fn = lower.lower_function(src, lower.Where(1), {}, frozenset(), frozenset(), {})
    paramhints.apply(fn, calls)
    return {p.name: p.ann for p in fn.params}


@pytest.mark.parametrize(
    "body, want",
    [
        ("return x is None", PyType("Optional", (INT,))),
        ("if None != x:\n        return 1\n    return 0", PyType("Optional", (INT,))),
        ("if x is None:\n        x = 0\n    return x", INT),  # rebound: not widened
        ("return x + 1", INT),
    ],
)
def test_a_none_test_makes_the_calls_type_optional(body: str, want: PyType) -> None:
    assert typed(f"def f(x):\n    {body}\n", ["f(3)", "f(-1)"])["x"] == want


SOURCE = '''
def isnone(x):
    """
    >>> isnone(3)
    False
    """
    return x is None


def pick(r, n):
    """
    >>> pick(2, 5)
    2
    """
    if r is None or r == n:
        return n
    return min(r, n) * 2


def either(x, y):
    if x is None:
        return y
    return x
'''


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_none_tested_parameters_verify_with_none(tmp_path) -> None:
    done = compile_module(tmp_path, "m.py", SOURCE)
    for name in ("isnone", "pick", "either"):
        _, rows = assert_verifies(done, name, min_inputs=4)
        assert any(r.inputs.startswith("None") for r in rows), rows[:3]
