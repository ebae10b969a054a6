"""Tuples returned with ``None`` at some places and values elsewhere (``return path, query`` /
``return url, None``) return ``tuple[..., Optional[T], ...]``, as if annotated so; only when
every return is a tuple display (its items are checked one by one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.translate.rules.engine import RuleEngine
from tests.translate.rules.harness import assert_verifies, compile_module, make_unit, rustc

MODULE = """
def splitquery(url: str):
    path, delim, query = url.rpartition('?')
    if delim:
        return path, query
    return url, None


def bounds(n: int):
    if n > 2:
        return None, n
    elif n < -5:
        return None, None
    return n - 1, n + 1
"""


def test_the_return_type_has_optional_places() -> None:
    tr = RuleEngine().translate(make_unit(MODULE.split("\n\n\n")[0]))
    assert tr.ok, tr.reason
    assert tr.signatures[0].returns == "tuple[str, Optional[str]]"
    assert "-> (String, Option<String>)" in tr.rust


@pytest.mark.parametrize(
    "body",
    [
        "    t = (n, n + 1)\n    if n > 2:\n        return None, n\n    return t\n",  # a variable
        "    if n > 2:\n        return None, n\n    return n, 'x'\n",  # int and str
    ],
)
def test_other_forms_stay_refused(body: str) -> None:
    tr = RuleEngine().translate(make_unit("def f(n: int):\n" + body))
    assert not tr.ok
    assert "returns both" in tr.reason


@pytest.mark.skipif(rustc() is None, reason="needs rustc")
def test_they_verify(tmp_path: Path) -> None:
    done = compile_module(tmp_path, "opt.py", MODULE)
    for name in ("splitquery", "bounds"):
        assert_verifies(done, name)
