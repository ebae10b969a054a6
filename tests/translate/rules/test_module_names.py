"""Module names a function reads (issue 12, section 3): ``global`` declarations of names it
only reads (the module constants), and platform constants of modules (``os.sep``,
``sys.maxsize``, ``datetime.MAXYEAR``, ``errno.ENOENT``, ``os.O_RDWR``, ``sys.float_info``) as
this CPython's values. Writes to module state and the running process's (or interpreter's)
state stay refused, saying so. Real sharder, engine, rustc and verifier."""

from __future__ import annotations

import pytest

from pipeline.records import Status
from tests.translate.rules.harness import (
    assert_verifies,
    compile_module,
    compiled_rust,
    verify_compiled,
)

SOURCE = """
import datetime
import os
import sys
from os import path

LIMIT = 10
NAMES = ["a", "b", "c"]
_count = 0


def capped(x: int) -> int:
    global LIMIT
    return min(x, LIMIT)


def name_at(i: int) -> str:
    global NAMES, LIMIT
    return NAMES[i % len(NAMES)] * (LIMIT // 5)


def join2(a: str, b: str) -> str:
    return a + os.sep + b + path.extsep + os.path.curdir


def fits(n: int) -> bool:
    return -sys.maxsize - 1 <= n <= sys.maxsize and datetime.MINYEAR <= n <= datetime.MAXYEAR


def bump() -> int:
    global _count
    _count += 1
    return _count


def peek() -> int:
    return _count


def reset() -> None:
    global _count
    _count = 0


def args0() -> int:
    return len(sys.argv)
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("modnames"), "modnames.py", SOURCE)


@pytest.mark.parametrize(
    ("qualname", "text"),
    [
        ("capped", "const LIMIT: i64 = 10;"),
        ("name_at", 'vec!["a".to_string(), "b".to_string(), "c".to_string()]'),
        ("join2", '"/"'),
        ("fits", "9223372036854775807"),
    ],
)
def test_translated_and_verified(compiled, qualname: str, text: str) -> None:
    assert text in compiled_rust(compiled, qualname)
    assert_verifies(compiled, qualname)


@pytest.mark.parametrize(
    ("qualname", "words"),
    [
        (
            "bump",
            "PT902 line 30: reads module state '_count', which bump() rebinds under `global` "
            "(line 30): a call sees what the last call left, not a constant; not translated",
        ),
        ("peek", "PT902 line 36: reads module state '_count', which bump() rebinds"),
        (
            "reset",
            "PT010 line 41: global _count is assigned: the function changes module state (the "
            "next call would see it), which a translated function does not hold",
        ),
        (
            "args0",
            "PT017 line 46: module attribute sys.argv is not supported (the running "
            "process's state, not a constant)",
        ),
    ],
)
def test_module_state_is_refused_with_reason(compiled, qualname: str, words: str) -> None:
    assert dict(compiled.refused)[qualname].startswith(words)


def test_a_wrong_platform_constant_is_a_mismatch(compiled) -> None:
    files = dict(compiled.outcome.crate.files)
    key = next(k for k, v in files.items() if "pub fn join2(" in v)
    start = files[key].index("pub fn join2(")
    body = files[key][start:]
    assert '"/"' in body
    files[key] = files[key][:start] + body.replace('"/"', '"\\\\"', 1)
    verdict, rows = verify_compiled(compiled, "join2", files)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:3])


PLATFORM = """
import errno
import os
import stat
import sys
from errno import ENOENT


def retryable(code: int) -> bool:
    \"\"\"
    >>> retryable(111), retryable(2), retryable(5)
    (True, True, False)
    \"\"\"
    return code in (errno.EAGAIN, errno.EINTR, errno.ECONNREFUSED) or code == ENOENT


def write_flags(append: bool) -> int:
    flags = os.O_WRONLY | os.O_CREAT
    if append:
        flags |= os.O_APPEND
    return flags


def is_dir_mode(mode: int) -> bool:
    return (mode & 0o170000) == stat.S_IFDIR


def close_enough(a: float, b: float) -> bool:
    return abs(a - b) <= sys.float_info.epsilon * max(abs(a), abs(b), 1.0)


def float_bits() -> int:
    return sys.float_info.mant_dig + sys.float_info.max_exp


def interpreter() -> int:
    return sys.hexversion
"""


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("platform"), "platform_consts.py", PLATFORM)


@pytest.mark.parametrize(
    ("qualname", "text"),
    [
        ("retryable", "111"),
        ("write_flags", "1 | 64"),
        ("is_dir_mode", "16384"),
        ("close_enough", "2.220446049250313e-16"),
        ("float_bits", "53"),
    ],
)
def test_platform_constants_verify(platform, qualname: str, text: str) -> None:
    """errno, os.O_*, stat and sys.float_info values of this platform are literals."""
    assert text in compiled_rust(platform, qualname)
    assert_verifies(platform, qualname)


def test_a_wrong_errno_value_is_a_mismatch(platform) -> None:
    files = dict(platform.outcome.crate.files)
    key = next(k for k, v in files.items() if "pub fn retryable(" in v)
    files[key] = files[key].replace("111", "110", 1)
    verdict, rows = verify_compiled(platform, "retryable", files)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:3])


def test_the_interpreters_own_attributes_are_refused_saying_so(platform) -> None:
    assert dict(platform.refused)["interpreter"].startswith(
        "PT017 line 37: module attribute sys.hexversion is not supported (the running "
        "interpreter's version, build or installation, not a constant)"
    )
