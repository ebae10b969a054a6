"""check_repo with real rustc: blame exactly the broken units, and emit a crate that builds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pipeline.compile import check_repo
from tests.compile.helpers import (
    Runtime,
    cargo_build,
    item,
    rustc_check,
    rustfmt_check,
    write_crate,
)

GOOD = [
    item("a.py", "inc", 1, "pub fn inc(x: i64) -> i64 { x + 1 }"),
    item("a.py", "twice", 20, "pub fn twice(x: i64) -> i64 { inc(inc(x)) }"),
    item("pkg/__init__.py", "base", 1, "pub fn base() -> i64 { 2 }"),
    item(
        "pkg/sub.py",
        "length",
        1,
        "pub fn length(v: &[i64]) -> usize { v.len() }",
        uses=("std::collections::HashMap",),
    ),
    item(
        "pkg/sub.py",
        "table",
        5,
        "pub fn table() -> HashMap<i64, i64> { let mut m = HashMap::new(); m.insert(1, 2); m }",
        uses=("std::collections::HashMap",),
    ),
    item(
        "pkg/sub.py",
        "Stack",
        10,
        "pub struct Stack { items: Vec<i64> }\n"
        "impl Stack {\n    pub fn new() -> Self { Stack { items: Vec::new() } }\n"
        "    pub fn push(&mut self, x: i64) { self.items.push(x) }\n}",
        kind="class",
        lines=6,
    ),
    item("match.py", "kw", 1, "pub fn kw() -> i64 { crate::a::inc(crate::pkg::base()) }"),
]
BROKEN = {
    "demo:a.py::bad_type": (
        "E0308",
        item("a.py", "bad_type", 5, 'pub fn bad_type() -> i64 { "x" }'),
    ),
    "demo:a.py::unknown": (
        "E0425",
        item("a.py", "unknown", 9, "pub fn unknown() -> i64 { nope() }"),
    ),
    # fine on its own, but calls a broken sibling that gets dropped
    "demo:a.py::caller": (
        "E0425",
        item("a.py", "caller", 13, "pub fn caller() -> i64 { bad_type() + inc(1) }"),
    ),
    "demo:pkg/sub.py::wrong_arity": (
        "E0061",
        item("pkg/sub.py", "wrong_arity", 20, "pub fn wrong_arity() -> usize { length() }"),
    ),
}


@pytest.fixture(scope="module")
def outcome():
    items = GOOD + [it for _, it in BROKEN.values()]
    return check_repo("demo", items, Runtime())


def test_blames_exactly_the_broken_units(outcome) -> None:
    assert set(outcome.failed) == set(BROKEN)
    for uid, (code, _) in BROKEN.items():
        codes, message = outcome.failed[uid]
        assert codes == [code], uid
        assert message.startswith(f"rustc {code}: ")
    assert "bad_type" in outcome.failed["demo:a.py::caller"][1]
    assert outcome.compiled_ids == {u.id for u, _ in GOOD}
    assert outcome.rounds >= 3  # broken units first, then the dependant, then a clean round
    assert outcome.formatted


def test_layout(outcome) -> None:
    files = outcome.crate.files
    assert outcome.crate.name == "demo"
    assert sorted(files) == [
        "Cargo.toml",
        "src/a.rs",
        "src/lib.rs",
        "src/match_.rs",
        "src/pkg/mod.rs",
        "src/pkg/sub.rs",
    ]
    assert 'name = "demo"' in files["Cargo.toml"] and 'edition = "2021"' in files["Cargo.toml"]
    lib = files["src/lib.rs"]
    assert "pub mod a;\npub mod match_;\npub mod pkg;\n" in lib
    assert "pyrt" not in lib  # nobody uses a helper
    assert lib.index("#![allow(") < lib.index("pub mod a;")
    pkg = files["src/pkg/mod.rs"]
    assert pkg.startswith("pub mod sub;\n")
    assert "// pkg/__init__.py::base (lines 1-2)\npub fn base() -> i64 {" in pkg
    sub = files["src/pkg/sub.rs"]
    assert sub.count("use std::collections::HashMap;") == 1  # de-duplicated
    order = [sub.index(f"// pkg/sub.py::{n} ") for n in ("length", "table", "Stack")]
    assert order == sorted(order)  # source order
    assert "// pkg/sub.py::Stack (lines 10-15)\npub struct Stack {" in sub
    a = files["src/a.rs"]
    assert "bad_type" not in a and "unknown" not in a and "caller" not in a


def test_final_crate_typechecks_formats_and_builds(outcome, tmp_path: Path) -> None:
    root = write_crate(tmp_path / "crate", outcome.crate.files)
    check = rustc_check(root, outcome.crate.name)
    assert check.returncode == 0, check.stderr
    fmt = rustfmt_check(root)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr
    build = cargo_build(root, tmp_path / "target")
    assert build.returncode == 0, build.stderr
    assert (tmp_path / "target" / "debug" / "libdemo.rlib").exists()


def test_deterministic_whatever_the_input_order(outcome) -> None:
    items = GOOD + [it for _, it in BROKEN.values()]
    shuffled = list(items)
    random.Random(3).shuffle(shuffled)
    again = check_repo("demo", shuffled, Runtime())
    assert again.crate.files == outcome.crate.files
    assert list(again.crate.files) == list(outcome.crate.files)
    assert again.failed == outcome.failed


def test_runtime_written_only_when_helpers_are_used(tmp_path: Path) -> None:
    runtime = Runtime()
    items = [
        item("a.py", "plain", 1, "pub fn plain() -> i64 { 3 }"),
        item(
            "b.py",
            "uses_helper",
            1,
            "pub fn uses_helper() -> i64 { crate::pyrt::helper() }",
            helpers=("helper",),
        ),
        item(
            "b.py",
            "also",
            5,
            "pub fn also() -> i64 { crate::pyrt::helper() + 1 }",
            helpers=("helper", "other"),
        ),
    ]
    out = check_repo("rt", items, runtime)
    assert out.failed == {}
    assert out.crate.files["src/pyrt.rs"] == "pub fn helper() -> i64 {\n    1\n}\n"
    assert "pub mod pyrt;" in out.crate.files["src/lib.rs"]
    assert runtime.calls and all(c == ["helper", "other"] for c in runtime.calls)
    root = write_crate(tmp_path / "crate", out.crate.files)
    assert rustc_check(root, "rt").returncode == 0

    no_helpers = check_repo("rt", items[:1], runtime)
    assert "src/pyrt.rs" not in no_helpers.crate.files
    assert "pyrt" not in no_helpers.crate.files["src/lib.rs"]


def test_broken_runtime_blames_the_units_using_helpers() -> None:
    items = [
        item("a.py", "plain", 1, "pub fn plain() -> i64 { 3 }"),
        item(
            "b.py",
            "uses_helper",
            1,
            "pub fn uses_helper() -> i64 { crate::pyrt::helper() }",
            helpers=("helper",),
        ),
    ]
    out = check_repo("rt", items, Runtime('pub fn helper() -> i64 { "not an int" }\n'))
    assert set(out.failed) == {"demo:b.py::uses_helper"}
    assert out.failed["demo:b.py::uses_helper"][0] == ["E0308"]
    assert out.compiled_ids == {"demo:a.py::plain"}
    assert "src/pyrt.rs" not in out.crate.files


def test_unclosed_delimiter_blames_the_unit_that_opened_it() -> None:
    # rustc reports this at the end of the file, i.e. inside whichever item comes last
    items = [
        item("a.py", "first", 1, "pub fn first() -> i64 { 1 }"),
        item("a.py", "opened", 5, "pub fn opened() -> i64 {\n    if true { 1\n}"),
        item("a.py", "last", 9, "pub fn last() -> i64 { 1 }"),
        item("b.py", "other", 1, "pub fn other() -> i64 { 1 }"),
    ]
    out = check_repo("demo", items, Runtime())
    assert set(out.failed) == {"demo:a.py::opened"}
    assert out.compiled_ids == {"demo:a.py::first", "demo:a.py::last", "demo:b.py::other"}


@pytest.mark.parametrize(
    "rust",
    [
        "pub fn bad() -> i64 { let x = ; x }",
        "pub fn bad() -> i64 { 1 }}",
        "pub fn bad() -> i64 { 1 } /* unterminated comment",
        "pub fn bad() -> &'static str { \"unterminated }",
    ],
)
def test_syntax_errors_blame_only_their_unit(rust: str) -> None:
    items = [
        item("a.py", "first", 1, "pub fn first() -> i64 { 1 }"),
        item("a.py", "bad", 5, rust),
        item("a.py", "last", 9, "pub fn last() -> i64 { 1 }"),
    ]
    out = check_repo("demo", items, Runtime())
    assert set(out.failed) == {"demo:a.py::bad"}
    assert out.compiled_ids == {"demo:a.py::first", "demo:a.py::last"}


def test_bad_use_blames_only_the_units_that_asked_for_it() -> None:
    items = [
        item(
            "a.py",
            "first",
            1,
            "pub fn first() -> usize { HashMap::<i64, i64>::new().len() }",
            uses=("std::collections::HashMap",),
        ),
        item(
            "a.py",
            "wants_nope",
            5,
            "pub fn wants_nope() -> i64 { 1 }",
            uses=("std::collections::Nope",),
        ),
        item("a.py", "last", 9, "pub fn last() -> i64 { 1 }"),
    ]
    out = check_repo("demo", items, Runtime())
    assert set(out.failed) == {"demo:a.py::wants_nope"}
    assert out.failed["demo:a.py::wants_nope"][0] == ["E0432"]
    assert "Nope" not in out.crate.files["src/a.rs"]


def test_duplicate_definition_blames_the_second() -> None:
    items = [
        item("a.py", "f", 1, "pub fn f() -> i64 { 1 }"),
        item("a.py", "g", 5, "pub fn f() -> i64 { 2 }"),  # same Rust name: E0428
    ]
    out = check_repo("demo", items, Runtime())
    assert set(out.failed) == {"demo:a.py::g"} and out.failed["demo:a.py::g"][0] == ["E0428"]


def test_no_translations_gives_an_empty_crate_that_builds(tmp_path: Path) -> None:
    out = check_repo("empty-repo", [], Runtime())
    assert out.failed == {} and out.rounds == 0 and out.compiled_ids == set()
    assert sorted(out.crate.files) == ["Cargo.toml", "src/lib.rs"]
    root = write_crate(tmp_path / "crate", out.crate.files)
    assert rustc_check(root, out.crate.name).returncode == 0


@pytest.mark.parametrize(
    "paths",
    [
        ("lib.py",),  # would be src/lib.rs: the crate root itself
        ("lib/__init__.py", "lib/inner.py"),
    ],
)
def test_python_module_named_lib(paths: tuple[str, ...], tmp_path: Path) -> None:
    items = [
        item("__init__.py", "root_fn", 1, "pub fn root_fn() -> i64 { crate::x::h() }"),
        item("x.py", "h", 1, "pub fn h() -> i64 { 2 }"),
    ]
    items += [
        item(p, f"f{i}", 1, f"pub fn f{i}() -> i64 {{ crate::x::h() + {i} }}")
        for i, p in enumerate(paths)
    ]
    out = check_repo("demo", items, Runtime())
    assert out.failed == {}
    assert out.compiled_ids == {u.id for u, _ in items}
    lib = out.crate.files["src/lib.rs"]
    assert "pub fn root_fn()" in lib and "pub mod x;" in lib
    assert '#[path = "lib/mod.rs"]\npub mod lib;' in lib
    assert "pub fn f0()" in out.crate.files["src/lib/mod.rs"]
    root = write_crate(tmp_path / "crate", out.crate.files)
    assert rustc_check(root, "demo").returncode == 0
    build = cargo_build(root, tmp_path / "target")
    assert build.returncode == 0, build.stderr
