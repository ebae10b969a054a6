"""Registering decorators of the module (``def rule(f): _rules.append(f); return f``): the
decorated def is translated as undecorated, since the decorator returns it; decorators of any
other form stay refused (front/decorators.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.translate.rules.front.decorators import passthrough
from tests.translate.rules.harness import assert_verifies, compile_module, rustc

MODULE = '''
_rules = []
_named = {}


def rule(rulefunc):
    """Register a test."""
    _rules.append(rulefunc)
    return rulefunc


def named(func):
    _named[func.__name__] = func
    return func


@rule
def _gif(h):
    if h[:6] in (b'GIF87a', b'GIF89a'):
        return 'gif'


@named
@rule
def double(n):
    return n * 2 + 1


def use(n):
    return double(n) - 1
'''


@pytest.mark.skipif(rustc() is None, reason="needs rustc")
def test_registered_defs_compile_and_verify(tmp_path: Path) -> None:
    done = compile_module(tmp_path, "reg.py", MODULE)
    for name in ("_gif", "double", "use"):
        assert_verifies(done, name)


REG = {"_rules": "[]", "_named": "{}", "_seen": "set()", "_other": "Registry()"}


@pytest.mark.parametrize(
    ("source", "ok"),
    [
        ("def rule(f):\n    _rules.append(f)\n    return f\n", True),
        ("def rule(f):\n    _seen.add(f)\n    return f\n", True),
        ("def rule(f):\n    _named[f.__qualname__, 'x'] = f\n    return f\n", True),
        ("def rule(f):\n    'doc'\n    return f\n", True),
        ("def rule(f):\n    _other.append(f)\n    return f\n", False),  # not a builtin registry
        ("def rule(f):\n    f.tag = 1\n    return f\n", False),  # changes the function
        ("def rule(f):\n    print(f)\n    return f\n", False),  # passes it on
        ("def rule(f):\n    _named[f] = f\n    return f\n", False),  # hashes it
        ("def rule(f):\n    _rules.append(f)\n", False),  # returns None
        ("def rule(f):\n    return wrap(f)\n", False),
        ("def rule(f, g=None):\n    return f\n", False),
        ("def rule(f):\n    f = other\n    return f\n", False),
        ("@functools.cache\ndef rule(f):\n    return f\n", False),
        ("async def rule(f):\n    return f\n", False),
    ],
)
def test_only_the_strict_form_passes_through(source: str, ok: bool) -> None:
    assert passthrough({"rule": source}, REG) == (frozenset({"rule"}) if ok else frozenset())


def test_other_decorators_stay_refused(tmp_path: Path) -> None:
    done = compile_module(
        tmp_path,
        "wrap.py",
        """
        _rules = []

        def tag(f):
            f.tagged = True
            return f

        def rule(f):
            _rules.append(f)
            return f

        @tag
        def a(n):
            return n + 1

        @rule()
        def b(n):
            return n + 2
        """,
    )
    reasons = {u.qualname: t.reason for u, t in done.items}
    assert "decorator @tag is not supported" in reasons["a"]
    assert "decorator @rule() is not supported" in reasons["b"]
