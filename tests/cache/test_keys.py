"""Key derivation: what changes a unit's key and what must not."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cache.keys import (
    KEY_VERSION,
    canonical,
    normalise_source,
    unit_key,
    unit_key_document,
)
from pipeline.records import Unit

SOURCE = '''def gcd(a: int, b: int) -> int:
    """Greatest common divisor."""
    while b:
        a, b = b, a % b
    return a
'''

RESTYLED = '''def gcd(a:int,b:int)->int:   # comment added
    """Greatest common divisor."""

    # and a blank line and a comment
    while b :
        a , b = b , a%b
    return (a)
'''


def make_unit(**changes: object) -> Unit:
    unit = Unit(
        id="repo:pkg/m.py::gcd",
        repo="repo",
        path="pkg/m.py",
        module="pkg.m",
        qualname="gcd",
        kind="function",
        source=SOURCE,
        first_line=10,
        last_line=14,
        imports=("import math",),
        constants=(("LIMIT", "LIMIT = 10"),),
        calls=("helper",),
        context=(("helper", "def helper(x):\n    return x + 1\n"),),
        file_sha256="abc",
    )
    return dataclasses.replace(unit, **changes)


ENGINE = "rules@0.1.0"


def test_key_shape_and_stability() -> None:
    key = unit_key(make_unit(), ENGINE, {"opt": 1})
    assert len(key) == 64 and int(key, 16) >= 0
    assert unit_key(make_unit(), ENGINE, {"opt": 1}) == key


def test_layout_and_comments_do_not_matter() -> None:
    base = unit_key(make_unit(), ENGINE)
    assert unit_key(make_unit(source=RESTYLED), ENGINE) == base
    restyled_context = (("helper", "def helper( x ):  # hi\n    return x+1\n"),)
    assert unit_key(make_unit(context=restyled_context), ENGINE) == base
    assert unit_key(make_unit(imports=("import math  # why",)), ENGINE) == base


def test_location_and_identity_do_not_matter() -> None:
    base = unit_key(make_unit(), ENGINE)
    moved = make_unit(id="other:x.py::gcd", repo="other", path="x.py", module="x",
                      first_line=99, last_line=103, file_sha256="def")  # fmt: skip
    assert unit_key(moved, ENGINE) == base


@pytest.mark.parametrize(
    "changes",
    [
        {"source": SOURCE.replace("a % b", "a // b")},
        {"source": SOURCE.replace('"""Greatest common divisor."""', '"""GCD."""')},
        {"kind": "class"},
        {"imports": ("import math", "import os")},
        {"constants": (("LIMIT", "LIMIT = 11"),)},
        {"calls": ()},
        {"context": (("helper", "def helper(x):\n    return x + 2\n"),)},
    ],
    ids=["source", "docstring", "kind", "imports", "constants", "calls", "context"],
)
def test_meaningful_changes_change_the_key(changes: dict[str, object]) -> None:
    assert unit_key(make_unit(**changes), ENGINE) != unit_key(make_unit(), ENGINE)


def test_engine_and_options() -> None:
    base = unit_key(make_unit(), ENGINE, {"a": 1, "b": [1, 2]})
    assert unit_key(make_unit(), "rules@0.1.1", {"a": 1, "b": [1, 2]}) != base
    assert unit_key(make_unit(), "learned@0.1.0", {"a": 1, "b": [1, 2]}) != base
    assert unit_key(make_unit(), ENGINE, {"b": [1, 2], "a": 1}) == base  # order-free
    assert unit_key(make_unit(), ENGINE, {"a": 2, "b": [1, 2]}) != base
    assert unit_key(make_unit(), ENGINE, {"a": 1, "b": (1, 2)}) == base
    assert unit_key(make_unit(), ENGINE) == unit_key(make_unit(), ENGINE, {})
    assert unit_key(make_unit(), ENGINE, {"s": {"x", "y"}}) == unit_key(
        make_unit(), ENGINE, {"s": {"y", "x"}}
    )
    with pytest.raises(ValueError):
        unit_key(make_unit(), "")


@pytest.mark.parametrize("bad", [object(), float("nan"), {1: "int key"}])
def test_unstable_options_are_refused(bad: object) -> None:
    with pytest.raises(TypeError):
        canonical({"x": bad})


def test_unparsable_source_falls_back_to_text() -> None:
    broken = "def f(:\n    pass\n"
    assert normalise_source(broken) == "raw:" + broken
    a = unit_key(make_unit(source=broken), ENGINE)
    b = unit_key(make_unit(source=broken + " "), ENGINE)
    assert a != b  # raw text: every byte counts
    assert normalise_source("x = 1").startswith("ast:")


def test_positions_mode_tracks_lines_but_not_columns() -> None:
    base = unit_key(make_unit(), ENGINE, positions=True)
    assert unit_key(make_unit(), ENGINE) != base
    assert unit_key(make_unit(first_line=11), ENGINE, positions=True) != base
    spaced = SOURCE.replace("a % b", "a  %  b")
    assert unit_key(make_unit(source=spaced), ENGINE, positions=True) == base
    shifted = SOURCE.replace("    while b:", "    # note\n    while b:")
    assert unit_key(make_unit(source=shifted), ENGINE, positions=True) != base
    assert unit_key_document(make_unit(), ENGINE, positions=True)["first_line"] == 10


def test_same_key_in_another_interpreter() -> None:
    """No hash randomisation or dict order leaks into the key."""
    code = (
        "import sys; sys.path.insert(0, '.');"
        "from tests.cache.test_keys import make_unit, ENGINE;"
        "from pipeline.cache.keys import unit_key;"
        "print(unit_key(make_unit(), ENGINE, {'z': {'b', 'a'}, 'a': 1}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": "12345"},
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert out.stdout.strip() == unit_key(make_unit(), ENGINE, {"a": 1, "z": {"a", "b"}})
    assert unit_key_document(make_unit(), ENGINE)["key"] == KEY_VERSION
