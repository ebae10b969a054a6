"""``Union[int, float]`` / ``int | float`` (with or without ``None``) is ``float``: PEP 484's
numeric tower already lets an int stand where ``float`` is declared, so both spellings are
translated, drawn and compared alike (f64). Every other union is refused naming its members."""

from __future__ import annotations

import pytest

from pipeline import pytypes
from pipeline.translate.rules.engine import RuleEngine

from .harness import assert_change_caught, assert_verifies, compile_module, make_unit

SOURCE = '''
from typing import Optional, Union


def absolute(x: Union[int, float]) -> Union[int, float]:
    """
    >>> absolute(-4)
    4
    >>> absolute(-2.5)
    2.5
    """
    return -x if x < 0 else x


def scaled(x: int | float, k: Optional[Union[int, float]] = None) -> float:
    """
    >>> scaled(3, 2)
    6.0
    >>> scaled(1.5)
    1.5
    """
    if k is None:
        return x * 1.0
    return x * k
'''


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Union[int, float]", "float"),
        ("float | int", "float"),
        ("Optional[Union[int, float]]", "Optional[float]"),
        ("int | float | None", "Optional[float]"),
        ("Union[int, float] | None", "Optional[float]"),
        ("Optional[int]", "Optional[int]"),
    ],
)
def test_number_unions_are_float(text: str, want: str) -> None:
    assert pytypes.parse(text).render() == want


@pytest.mark.parametrize(
    "text",
    ["Union[int, str]", "int | float | str", "Union[int, int]", "list[Union[str, list[int]]]"],
)
def test_other_unions_are_refused_naming_their_members(text: str) -> None:
    with pytest.raises(pytypes.TypeSyntaxError, match="union .*: unions other than Optional"):
        pytypes.parse(text)


def test_a_refused_union_names_its_line() -> None:
    tr = RuleEngine().translate(
        make_unit("def f(v: Union[int, str]) -> str:\n    return str(v)\n", first_line=7)
    )
    assert not tr.ok and "PT021" in tr.reason and "line 7" in tr.reason
    assert "union int | str" in tr.reason


@pytest.fixture(scope="module")
def done(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("unions"), "unions.py", SOURCE)


def test_number_unions_translate_as_f64_and_verify(done) -> None:
    for name in ("absolute", "scaled"):
        assert_verifies(done, name, min_inputs=5)
    tr = next(t for u, t in done.items if u.qualname == "scaled")
    assert "pub fn scaled(x: f64, k: Option<f64>) -> f64" in tr.rust


def test_a_wrong_number_union_translation_is_caught(done) -> None:
    assert_change_caught(done, "absolute", "-x", "x")
