"""The verifier's Python child and the repository's modules of the same name as its own.

The child imports modules for itself before the user's roots go on ``sys.path`` (json,
inspect, unittest, typing, textwrap...; ``site`` adds pathlib, re, urllib.parse...). A
repository with a top-level module of one of those names must still get its own file when its
code imports that name — as Python run from the repository would — not the copy the verifier
loaded first: else the unit is ``untested`` (the module under test), or worse its code runs
against another module (a dependency). Builtin and frozen modules (``stat``, ``os``) are found
by the interpreter before any path entry, so a repository's ``stat.py`` stays foreign.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pipeline import codec
from pipeline.verify.files import write_tree
from pipeline.verify.sandbox import PythonSandbox, SandboxLimits

MODULES = {
    # names the child itself imported before the user's roots went on sys.path
    "textwrap.py": "def dedent(text):\n    return 'the repository textwrap'\n",
    "json/__init__.py": "from .inner import where\n",
    "json/inner.py": "def where():\n    return __name__ + ' of the repository'\n",
    "difflib.py": "def ratio(a, b):\n    return len(a) * 100 + len(b)\n",
    # a frozen module: the interpreter's own, whatever the path says
    "stat.py": "def S_IFMT(mode):\n    return -1\n",
    "use.py": """
import textwrap
import json
import difflib

def shaped(x):
    return textwrap.dedent(x)

def inner():
    return json.where()

def ratio(a, b):
    return difflib.ratio(a, b)
""",
}


@pytest.fixture(scope="module")
def box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PythonSandbox]:
    scratch = tmp_path_factory.mktemp("scratch")
    write_tree(scratch / "src", MODULES)
    limits = SandboxLimits(call_timeout_s=5.0, cpu_s=5, memory_mb=512)
    with PythonSandbox(scratch, [str(scratch / "src")], limits) as sandbox:
        yield sandbox


def call(box: PythonSandbox, module: str, name: str, *args: object) -> dict:
    return box.call(module, name, [codec.encode(a) for a in args])


def test_a_dependency_named_like_the_childs_own_module_is_the_repositorys(box):
    assert call(box, "use", "shaped", "  x")["value"] == "the repository textwrap"
    assert call(box, "use", "ratio", "ab", "c")["value"] == 201


def test_a_package_named_like_the_childs_own_and_its_submodule_are_the_repositorys(box):
    assert call(box, "use", "inner")["value"] == "json.inner of the repository"
    assert call(box, "json.inner", "where")["value"] == "json.inner of the repository"


def test_a_module_under_test_named_like_the_childs_own_is_imported_from_the_repository(box):
    assert call(box, "difflib", "ratio", "abc", "")["value"] == 300


def test_a_frozen_module_of_the_interpreter_stays_foreign(box):
    response = call(box, "stat", "S_IFMT", 33188)
    assert response["status"] == "import_error", response
    assert "not the file under test" in response["error"], response


def test_the_child_still_encodes_and_decodes_after_giving_way(box):
    # codec, json and inspect of the child keep working with the repository's json loaded
    assert call(box, "use", "ratio", "é" * 3, "")["value"] == 300


def test_a_repositorys_distutils_wins_over_the_setuptools_shim(tmp_path):
    # setuptools' distutils-precedence.pth puts a finder ahead of the path for "distutils"
    files = {
        "distutils/__init__.py": "",
        "distutils/errors.py": "def name():\n    return __file__\n",
    }
    write_tree(tmp_path / "src", files)
    limits = SandboxLimits(call_timeout_s=5.0, cpu_s=5, memory_mb=512)
    with PythonSandbox(tmp_path, [str(tmp_path / "src")], limits) as sandbox:
        response = call(sandbox, "distutils.errors", "name")
    assert response["status"] == "ok", response
    assert response["value"] == str(tmp_path / "src" / "distutils" / "errors.py")
