"""The verifier's Python child calls the unit under test or nothing: a module whose name the
interpreter itself holds before any path entry (``stat``: frozen), or a def rebound at import
time by an accelerator's ``from _accel import *``, is ``untested`` with the reason, never a
verdict about another file's code. A module named like one the child imported for itself
(``json``) is the repository's file, and verifies. Real translation, rustc and verifier."""

from __future__ import annotations

import pytest

from pipeline.records import Status
from pipeline.verify import VerifyOptions, verify_unit
from tests.translate.rules.harness import assert_verifies, compile_module, rustc

pytestmark = pytest.mark.skipif(rustc() is None, reason="rustc not installed")

FN = '''
def S_IFMT(mode: int) -> int:
    """>>> S_IFMT(33188)
    32768
    """
    return mode & 0o170000
'''

ACCEL = """
def S_IFMT(mode: int) -> int:
    return mode + 1
"""


def verdict(done, qualname: str, extra: dict[str, str] | None = None):
    unit, tr = next((u, t) for u, t in done.items if u.qualname == qualname)
    assert tr.ok, tr.reason
    crate = done.outcome.crate
    modules = {done.rel: done.text, **(extra or {})}  # ``extra``: the files at run time
    options = VerifyOptions(examples_per_function=8)
    return verify_unit(crate.name, crate.files, modules, unit, tr, options)


def test_a_module_named_like_a_loaded_stdlib_module_is_untested(tmp_path):
    done = compile_module(tmp_path, "stat.py", FN)
    result, rows = verdict(done, "S_IFMT")
    assert result.status == Status.UNTESTED, (result, rows[:2])
    assert "module stat imported from" in result.reason, result.reason
    assert "not the file under test" in result.reason, result.reason
    assert all(r.match is None for r in rows)


def test_a_package_named_like_the_verifiers_own_import_is_the_repositorys(tmp_path):
    (tmp_path / "json").mkdir()
    done = compile_module(tmp_path, "json/__init__.py", FN)
    result, rows = verdict(done, "S_IFMT")
    assert result.status == Status.VERIFIED, (result, rows[:2])


# The sharder refuses (PT902) a def that a later statement of its file may rebind, so these
# translate the plain def and run the child on the file with the rebinding added: the child's
# guard for what translation cannot see (another module assigning the name at import time).
ACCEL_IMPORT = "\n\ntry:\n    from _accel import *\nexcept ImportError:\n    pass\n"
BUILTIN_IMPORT = "\n\ntry:\n    from _stat import S_IFMT\nexcept ImportError:\n    pass\n"


def test_a_def_rebound_by_an_accelerator_import_is_untested(tmp_path):
    done = compile_module(tmp_path, "modes.py", FN)
    runtime = {done.rel: done.text + ACCEL_IMPORT, "_accel.py": ACCEL}
    result, rows = verdict(done, "S_IFMT", runtime)
    assert result.status == Status.UNTESTED, (result, rows[:2])
    assert "modes.S_IFMT at run time is defined in" in result.reason, result.reason
    assert "_accel.py, not this file's def" in result.reason, result.reason


def test_a_def_rebound_to_a_builtin_is_untested(tmp_path):
    done = compile_module(tmp_path, "modes.py", FN)
    result, _ = verdict(done, "S_IFMT", {done.rel: done.text + BUILTIN_IMPORT})
    assert result.status == Status.UNTESTED, result
    assert "modes.S_IFMT at run time is a builtin" in result.reason, result.reason


def test_an_ordinary_module_still_verifies(tmp_path):
    done = compile_module(tmp_path, "modes.py", FN)
    assert_verifies(done, "S_IFMT")
