"""The Python sandbox on its own: one child, deadlines, limits, restarts, confinement."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import codec
from pipeline.verify.files import write_tree
from pipeline.verify.sandbox import PythonSandbox, SandboxLimits

MODULES = {
    "pkg/__init__.py": "",
    "pkg/util.py": "BASE = 10\n",
    "pkg/mod.py": """
import os, sys
from .util import BASE

def add(x):
    print("noise on stdout", x)
    sys.stderr.write("noise on stderr\\n")
    return x + BASE

def where():
    return [os.getcwd(), os.environ["HOME"], os.environ["TMPDIR"]]

def ask():
    return input()

def mutate(xs, s):
    xs.append(1)
    s.add("x")

def spin():
    while True:
        pass

def die():
    os._exit(9)

def hog():
    return bytearray(1 << 40)

def leave():
    sys.exit(0)

def boom():
    raise KeyError("k")

def weird():
    return object()

def evens(n):
    return (i for i in range(n) if i % 2 == 0)

def keys():
    return {"b": 1, "a": 2}.keys()

def kw_only(a, *, b, c=1):
    return a - b + c
""",
    "bad.py": "def f(:\n",
    "../outside.py": "x = 1\n",
}


@pytest.fixture(scope="module")
def box(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PythonSandbox, Path]]:
    scratch = tmp_path_factory.mktemp("scratch")
    skipped = write_tree(scratch / "src", MODULES)
    assert skipped == ["../outside.py"]
    limits = SandboxLimits(call_timeout_s=1.0, cpu_s=5, memory_mb=256)
    with PythonSandbox(scratch, [str(scratch / "src")], limits) as sandbox:
        yield sandbox, scratch


def call(box: tuple[PythonSandbox, Path], name: str, *args: object) -> dict:
    return box[0].call("pkg.mod", name, [codec.encode(a) for a in args])


def test_relative_imports_and_stdout_noise(box: tuple[PythonSandbox, Path]) -> None:
    assert call(box, "add", 5)["value"] == 15


def test_cwd_home_and_tmp_are_in_the_scratch_dir(box: tuple[PythonSandbox, Path]) -> None:
    cwd, home, tmp = call(box, "where")["value"]
    scratch = str(box[1])
    assert cwd == f"{scratch}/work" and home.startswith(scratch) and tmp.startswith(scratch)


def test_stdin_is_closed(box: tuple[PythonSandbox, Path]) -> None:
    assert call(box, "ask")["type"] == "EOFError"


def test_post_call_arguments_come_back(box: tuple[PythonSandbox, Path]) -> None:
    response = call(box, "mutate", [0], {"a"})
    assert [codec.decode(a) for a in response["args"]] == [[0, 1], {"a", "x"}]


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("spin", "timeout"),
        ("die", "crashed"),
        ("hog", "resource"),
        ("leave", "exit"),
        ("boom", "raised"),
    ],
)
def test_failures_cost_one_call(box: tuple[PythonSandbox, Path], name: str, status: str) -> None:
    assert call(box, name)["status"] == status
    assert call(box, "add", 1)["value"] == 11  # the next call is served (by a fresh child)


def test_unknown_objects_come_back_opaque(box: tuple[PythonSandbox, Path]) -> None:
    back = codec.decode(call(box, "weird")["value"])
    assert isinstance(back, codec.Opaque) and back.type_name == "object"


def test_iterators_are_materialised_as_lists(box: tuple[PythonSandbox, Path]) -> None:
    assert call(box, "evens", 5)["value"] == [0, 2, 4]
    assert call(box, "keys")["value"] == ["b", "a"]


def test_keyword_only_parameters_are_passed_by_name(box: tuple[PythonSandbox, Path]) -> None:
    assert call(box, "kw_only", 5, 3, 10)["value"] == 12


def test_import_errors_are_reported_once(box: tuple[PythonSandbox, Path]) -> None:
    first = box[0].call("bad", "f", [])
    assert first["status"] == "import_error" and first["type"] == "SyntaxError"
    assert box[0].call("bad", "f", []) is first  # cached: not imported again
    missing = box[0].call("pkg.mod", "nope", [])
    assert missing["status"] == "import_error" and missing["type"] == "AttributeError"
