"""``s.encode("ascii")`` / ``s.encode("latin-1")`` (strict, named by literals as
``codecs.lookup`` resolves them): one byte per code point below 128 / 256, and
UnicodeEncodeError (a ValueError) at the first other, as CPython's codecs."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.translate.rules.engine import RuleEngine
from tests.translate.rules.harness import (
    assert_change_caught,
    assert_verifies,
    compile_module,
    make_unit,
    rustc,
)

MODULE = """
def ascii_bytes(s: str) -> bytes:
    return s.encode('ASCII')


def latin(s: str) -> bytes:
    return s.encode('iso-8859-1', 'strict')


def is_ascii(s: str) -> bool:
    try:
        s.encode('us-ascii')
    except ValueError:
        return False
    return True
"""


@pytest.mark.parametrize(
    "call",
    [
        "s.encode('cp1252')",
        "s.encode('ascii', 'ignore')",
        "s.encode(encoding='ascii')",
        "s.encode(codec)",
    ],
)
def test_other_codecs_and_errors_stay_refused(call: str) -> None:
    tr = RuleEngine().translate(
        make_unit(f"def f(s: str, codec: str) -> bytes:\n    return {call}\n")
    )
    assert not tr.ok
    assert "PT013" in tr.reason and "encode()" in tr.reason


@pytest.mark.skipif(rustc() is None, reason="needs rustc")
def test_they_verify_and_a_wrong_limit_is_caught(tmp_path: Path) -> None:
    done = compile_module(tmp_path, "enc.py", MODULE)
    for name in ("ascii_bytes", "latin", "is_ascii"):
        assert_verifies(done, name)
    assert_change_caught(done, "ascii_bytes", ", 128,", ", 256,", examples=40)
