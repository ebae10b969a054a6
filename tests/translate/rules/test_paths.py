"""``os.path``'s pure string functions: how each spelling lowers, what stays refused (the file
system, the working directory, the environment), and the ``pyrt`` helpers checked against
CPython's ``posixpath`` on every string of up to five characters over ``/``, ``.``, ``a``
(plus non-ASCII and NUL cases)."""

from __future__ import annotations

import itertools
import json
import posixpath
import subprocess

import pytest

from pipeline.pytypes import rust_str
from pipeline.translate.rules.engine import RuleEngine
from pipeline.translate.rules.runtime import select as runtime

from .harness import make_unit, rustc

IMPORTS = ("import os", "import os.path", "import posixpath", "from os import path as osp")


def translate(body: str, params: str = "p: str", returns: str = "str"):
    src = f"def f({params}) -> {returns}:\n    return {body}\n"
    return RuleEngine().translate(make_unit(src, imports=IMPORTS))


@pytest.mark.parametrize(
    ("body", "helper"),
    [
        ("os.path.join(p, 'x', p)", 'path_join(&[p, "x", p])'),
        ("posixpath.basename(p)", "path_basename(p)"),
        ("osp.dirname(p)", "path_dirname(p)"),
        ("os.path.normpath(p)", "path_normpath(p)"),
        ("os.path.splitext(p)[0]", "path_splitext(p).0"),
        ("os.path.split(p)[1]", "path_split(p).1"),
    ],
)
def test_each_spelling_reaches_the_helper(body: str, helper: str) -> None:
    tr = translate(body)
    assert tr.ok, tr.reason
    assert helper in tr.rust and tr.helpers, tr.rust


def test_isabs_and_commonprefix() -> None:
    tr = translate("os.path.isabs(p)", returns="bool")
    assert tr.ok and "str::starts_with(p, '/')" in tr.rust, tr.reason
    tr = translate("os.path.commonprefix(ps)", params="ps: list[str]")
    assert tr.ok and "path_commonprefix(ps)" in tr.rust, tr.reason


def test_from_import_and_untyped_use() -> None:
    src = "def stem(p: str) -> str:\n    return splitext(basename(p))[0]\n"
    unit = make_unit(src, imports=("from os.path import basename, splitext",))
    tr = RuleEngine().translate(unit)
    assert tr.ok, tr.reason
    assert "path_splitext(crate::pyrt::path_basename(p).as_str()).0" in tr.rust


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("os.path.exists(p)", "os.path.exists() reads the file system"),
        ("str(os.path.getsize(p))", "os.path.getsize() reads the file system"),
        ("os.path.realpath(p)", "os.path.realpath() reads the file system"),
        ("os.path.abspath(p)", "os.path.abspath() depends on the current working directory"),
        ("os.path.relpath(p, '/')", "os.path.relpath() depends on the current working"),
        ("os.path.expanduser(p)", "os.path.expanduser() reads the environment"),
        ("os.path.join()", "call of os.path.join() with these arguments is not supported"),
        ("os.path.basename(p, p)", "call of os.path.basename() with these arguments"),
        ("os.path.join(p, 1)", "os.path.join() argument"),
        ("os.path.commonpath([p])", "call of os.path.commonpath() with these arguments"),
    ],
)
def test_what_is_not_a_function_of_its_arguments_is_refused(body: str, reason: str) -> None:
    tr = translate(body)
    assert not tr.ok and reason in tr.reason, tr.reason


def test_bytes_paths_are_refused() -> None:
    tr = translate("os.path.basename(p)", params="p: bytes", returns="bytes")
    assert not tr.ok and "os.path.basename() argument" in tr.reason, tr.reason


PATHS = ["".join(t) for n in range(6) for t in itertools.product("/.a", repeat=n)] + [
    "é/ü.tar.gz",
    "/日本/..//語.",
    "a\x00/.b",
    "//x/../../y",
    "///a/./b/",
    "..a",
    ".a.b",
]
FUNCTIONS = {
    "split": "crate::pyrt::path_split(p)",
    "splitext": "crate::pyrt::path_splitext(p)",
    "basename": "crate::pyrt::path_basename(p)",
    "dirname": "crate::pyrt::path_dirname(p)",
    "normpath": "crate::pyrt::path_normpath(p)",
}


@pytest.mark.skipif(rustc() is None, reason="rustc not installed")
def test_helpers_match_posixpath_exhaustively(tmp_path) -> None:
    names = ["path_join", *(f"path_{n}" for n in FUNCTIONS), "path_commonprefix"]
    lines = [
        "mod pyrt {",
        runtime.runtime_source(names),
        "}",
        "fn show(s: &str) -> String {",
        '    format!("{:?}", s.chars().map(|c| c as u32).collect::<Vec<_>>())',
        "}",
        "fn main() {",
        f"    let paths: Vec<&str> = vec![{', '.join(rust_str(p) for p in PATHS)}];",
        "    for p in &paths {",
        "        let p: &str = p;",
    ]
    for name, call in FUNCTIONS.items():
        if name in ("split", "splitext"):
            lines.append(
                f'        let (a, b) = {call}; println!("{name} {{}} {{}}", show(&a), show(&b));'
            )
        else:
            lines.append(f'        println!("{name} {{}}", show(&{call}));')
    lines += [
        '        println!("join {}", show(&crate::pyrt::path_join(&[p, "b", p])));',
        '        println!("join1 {}", show(&crate::pyrt::path_join(&["a/", p])));',
        '        let pair = vec![p.to_string(), String::from("a/.a")];',
        '        println!("commonprefix {}", show(&crate::pyrt::path_commonprefix(&pair)));',
        "    }",
        '    println!("empty {}", show(&crate::pyrt::path_commonprefix(&[])));',
        "}",
    ]
    src = tmp_path / "main.rs"
    src.write_text("\n".join(lines).replace("crate::pyrt::", "pyrt::") + "\n")
    exe = tmp_path / "main"
    proc = subprocess.run(
        [rustc() or "rustc", "--edition", "2021", "-o", str(exe), str(src)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = subprocess.run([str(exe)], capture_output=True, text=True, check=True).stdout

    def show(s: str) -> str:
        return json.dumps([ord(c) for c in s])

    want = []
    for p in PATHS:
        for name in FUNCTIONS:
            r = getattr(posixpath, name)(p)
            want.append(f"{name} " + (" ".join(map(show, r)) if isinstance(r, tuple) else show(r)))
        want.append(f"join {show(posixpath.join(p, 'b', p))}")
        want.append(f"join1 {show(posixpath.join('a/', p))}")
        want.append(f"commonprefix {show(posixpath.commonprefix([p, 'a/.a']))}")
    want.append(f"empty {show(posixpath.commonprefix([]))}")
    assert got.splitlines() == want


def test_untyped_parameters_are_typed_str_by_os_path() -> None:
    src = (
        "def f(root, name):\n    return os.path.isabs(root) and os.path.join(root, name) != name\n"
    )
    tr = RuleEngine().translate(make_unit(src, imports=IMPORTS))
    assert tr.ok, tr.reason
    assert [p.py_type for p in tr.signatures[0].params] == ["str", "str"]
    assert tr.signatures[0].returns == "bool"


def test_join_of_a_spread_list() -> None:
    tr = translate("os.path.join(p, *ps)", params="p: str, ps: list[str]")
    assert tr.ok and "path_join_all(&[p], ps)" in tr.rust, tr.reason
    src = "def f(root, parts):\n    return os.path.join(root, *parts)\n"
    tr = RuleEngine().translate(make_unit(src, imports=IMPORTS))
    assert tr.ok, tr.reason
    assert [p.py_type for p in tr.signatures[0].params] == ["str", "list[str]"]
    tr = translate("os.path.join(*ps)", params="ps: set[str]")
    assert not tr.ok and "os.path.join(*parts) expects list[str]" in tr.reason, tr.reason


def test_join_of_star_args() -> None:
    src = "def f(*parts: str) -> str:\n    return os.path.join('/', *parts)\n"
    tr = RuleEngine().translate(make_unit(src, imports=IMPORTS))
    assert tr.ok and 'path_join_all(&["/"], parts)' in tr.rust, tr.reason
