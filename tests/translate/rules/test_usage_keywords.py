"""An untyped parameter passed on by keyword to a sibling (``total(ys, start=s)``) takes the
type of the sibling parameter of that name, as a positional argument takes its position's
(usage.py); verified end to end, and a wrong body is caught."""

from __future__ import annotations

import pytest

from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    compiled_rust,
)

SOURCE = """
def total(xs, start=0):
    t = start
    for x in xs:
        t += x
    return t


def scaled(x, factor=2):
    return x * factor


def from_start(ys, s):
    return total(ys, start=s)


def scale_by(a, b):
    return scaled(a, factor=b) - 1
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("keywords"), "keywords_mod.py", SOURCE)


@pytest.mark.parametrize(
    ("qualname", "typing"),
    [
        ("from_start", ("ys: list[int] (usage)", "s: int (usage)")),
        ("scale_by", ("a: int (usage)", "b: int (usage)")),
    ],
)
def test_a_keyword_argument_takes_the_named_parameters_type(compiled, qualname, typing) -> None:
    tr = next(t for u, t in compiled.items if u.qualname == qualname)
    assert tr.ok, tr.reason
    assert tr.typing == typing
    assert_verifies(compiled, qualname, min_inputs=3)


def test_a_wrong_body_is_a_mismatch(compiled) -> None:
    assert "scaled(a, b) - 1" in compiled_rust(compiled, "scale_by")
    assert_change_caught(compiled, "scale_by", "scaled(a, b) - 1", "scaled(a, b + 1) - 1")
