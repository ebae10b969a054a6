"""Siblings in usage typing (usage_calls.py): an untyped parameter passed on by keyword
(``total(ys, start=s)``) takes the type of the sibling parameter of that name, as a positional
argument takes its position's; a sibling's scalar result is of its return type, so a parameter
combined with it is typed by it (``helper(a) + b``). Verified end to end with rustc and the
real verifier, and a wrong body is caught."""

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


def label(n):
    return "x" * n


def plus_scaled(a, b):
    c = scaled(a)
    return c + b


def labelled(a, tail):
    return label(a) + tail
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("keywords"), "keywords_mod.py", SOURCE)


@pytest.mark.parametrize(
    ("qualname", "typing"),
    [
        ("from_start", ("ys: list[int] (usage)", "s: int (usage)")),
        ("scale_by", ("a: int (usage)", "b: int (usage)")),
        ("plus_scaled", ("a: int (usage)", "b: int (usage)")),
        ("labelled", ("a: int (usage)", "tail: str (usage)")),
    ],
)
def test_siblings_type_the_parameters_passed_or_combined(compiled, qualname, typing) -> None:
    tr = next(t for u, t in compiled.items if u.qualname == qualname)
    assert tr.ok, tr.reason
    assert tr.typing == typing
    assert_verifies(compiled, qualname, min_inputs=3)


def test_a_wrong_body_is_a_mismatch(compiled) -> None:
    assert "scaled(a, b) - 1" in compiled_rust(compiled, "scale_by")
    assert_change_caught(compiled, "scale_by", "scaled(a, b) - 1", "scaled(a, b + 1) - 1")


def test_a_wrong_body_using_a_siblings_result_is_a_mismatch(compiled) -> None:
    rust = compiled_rust(compiled, "plus_scaled")
    assert "c + b" in rust, rust
    assert_change_caught(compiled, "plus_scaled", "c + b", "c - b")
