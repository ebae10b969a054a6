"""``os.fspath(x)`` / ``os.fsdecode(x)`` of a str (``fspath`` also of bytes) is ``x`` itself:
path functions that normalise their argument first (``p = os.fspath(p)``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.translate.rules.engine import RuleEngine
from tests.translate.rules.harness import assert_verifies, compile_module, make_unit, rustc

MODULE = """
import os


def base(p):
    p = os.fspath(p)
    i = p.rfind('/') + 1
    return p[i:]


def raw(b: bytes) -> bytes:
    return os.fspath(b) + b'x'


def parts(p: str):
    return os.fsdecode(p).split('/')
"""


@pytest.mark.parametrize(
    "call",
    ["os.fsdecode(b)", "os.fspath(n)", "os.fspath(p, p)"],
)
def test_other_arguments_stay_refused(call: str) -> None:
    src = f"import os\n\ndef f(b: bytes, n: int, p: str):\n    return {call}\n"
    tr = RuleEngine().translate(make_unit(src.split("\n\n", 1)[1], imports=("import os",)))
    assert not tr.ok
    assert f"call of {call.split('(')[0]}() with these arguments is not supported" in tr.reason


@pytest.mark.skipif(rustc() is None, reason="needs rustc")
def test_they_verify(tmp_path: Path) -> None:
    done = compile_module(tmp_path, "fsp.py", MODULE)
    for name in ("base", "raw", "parts"):
        assert_verifies(done, name)
