"""Unknown names (PT025) say why the engine does not know them (front/unknown.py): a builtin
class or a function of the module read as a value, a value imported from another module, a
name that is no module constant (a star import may bind it). Real sharder and engine."""

from __future__ import annotations

import pytest

from tests.translate.rules.harness import compile_module

SOURCE = """
import inspect
from os.path import *
from .primitives import EMPTY

if inspect:
    LATE = 3


def sort(xs: list[int]) -> list[int]:
    return sorted(xs)


def valmap(d: dict[str, int]) -> int:
    factory = dict  # stored (a default is the lambda calling it: test_callable_defaults.py)
    rv = factory()
    return len(rv) + len(d)


def get_code() -> str:
    return inspect.getsource(sort)


def is_empty(x: int) -> bool:
    return x is EMPTY


def sep_len() -> int:
    return len(sep_char)


def late() -> int:
    return LATE
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    return compile_module(tmp_path_factory.mktemp("unknown"), "names.py", SOURCE)


@pytest.mark.parametrize(
    ("qualname", "reason"),
    [
        (
            "valmap",
            "unknown name dict: the builtin class dict used as a value (passed, stored or a "
            "default, not called) is not supported",
        ),
        (
            "get_code",
            "unknown name sort: sort, a function or class of this module, used as a value",
        ),
        (
            "is_empty",
            "unknown name EMPTY: a value imported from .primitives (another module's values "
            "are carried only when they are immutable literal constants, functions or classes, "
            "bound once and never changed, of a module in the same partition)",
        ),
        ("sep_len", "perhaps bound by `from os.path import *` (not followed)"),
        (
            "late",
            "unknown name LATE: not imported, and no module constant (a name bound inside a "
            "top-level block",
        ),
    ],
)
def test_unknown_names_say_why(compiled, qualname: str, reason: str) -> None:
    assert reason in dict(compiled.refused)[qualname]
