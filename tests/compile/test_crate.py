"""pipeline.crate.assemble: file layout, ordering, spans and determinism (no Rust tools)."""

from __future__ import annotations

from pipeline.crate import RUNTIME_FILE, assemble, cargo_toml, module_file
from pipeline.rustnames import module_path
from tests.compile.helpers import Runtime, item

ITEMS = [
    item("pkg/sub.py", "later", 30, "pub fn later() -> i64 { 2 }", uses=("std::fmt::Write",)),
    item(
        "pkg/sub.py",
        "early",
        3,
        "pub fn early() -> i64 { 1 }\n\n\n",
        uses=("std::collections::HashMap", "std::fmt::Write"),
    ),
    item("pkg/__init__.py", "p", 1, "pub fn p() -> i64 { 0 }"),
    item("top.py", "t", 7, "pub fn t() -> i64 { 3 }", helpers=("b_helper", "a_helper")),
    item("deep/er/mod.py", "d", 1, "pub fn d() {}"),
    item("__init__.py", "root_fn", 1, "pub fn root_fn() {}"),
]


def test_layout_and_module_declarations() -> None:
    crate = assemble("My-Repo", ITEMS, Runtime())
    assert crate.name == "my_repo"
    assert sorted(crate.files) == sorted(
        [
            "Cargo.toml",
            "src/lib.rs",
            RUNTIME_FILE,
            "src/top.rs",
            "src/pkg/mod.rs",
            "src/pkg/sub.rs",
            "src/deep/mod.rs",
            "src/deep/er/mod.rs",
            "src/deep/er/mod_.rs",
        ]
    )
    assert crate.files["Cargo.toml"] == cargo_toml("my_repo")
    lib = crate.files["src/lib.rs"]
    assert "`My-Repo`" in lib
    assert "pub mod pyrt;" in lib
    assert "pub mod deep;\npub mod pkg;\npub mod top;\n" in lib
    assert "// __init__.py::root_fn (lines 1-2)\npub fn root_fn() {}\n" in lib  # crate root
    assert crate.files["src/deep/mod.rs"] == "pub mod er;\n"
    assert crate.files["src/deep/er/mod.rs"] == "pub mod mod_;\n"  # `mod` is a keyword
    assert crate.files["src/pkg/mod.rs"].startswith("pub mod sub;\n")


def test_module_file_contents_order_and_uses() -> None:
    crate = assemble("demo", ITEMS, Runtime())
    assert crate.files["src/pkg/sub.rs"] == (
        "\nuse std::collections::HashMap;\nuse std::fmt::Write;\n"
        "\n// pkg/sub.py::early (lines 3-4)\npub fn early() -> i64 { 1 }\n"
        "\n// pkg/sub.py::later (lines 30-31)\npub fn later() -> i64 { 2 }\n"
    )


def test_runtime_gets_sorted_union_of_helpers() -> None:
    runtime = Runtime("pub fn a_helper() {}\npub fn b_helper() {}\n")
    crate = assemble("demo", ITEMS, runtime)
    assert runtime.calls == [["a_helper", "b_helper"]]
    assert crate.files[RUNTIME_FILE] == runtime.text
    plain = assemble("demo", [it for it in ITEMS if not it[1].helpers], runtime)
    assert RUNTIME_FILE not in plain.files and "pyrt" not in plain.files["src/lib.rs"]
    assert len(runtime.calls) == 1  # not asked for a runtime nobody needs


def test_spans_point_at_each_units_code() -> None:
    crate = assemble("demo", ITEMS, Runtime())
    assert set(crate.spans) == {u.id for u, _ in ITEMS}
    for unit, tr in ITEMS:
        span = crate.spans[unit.id]
        lines = crate.files[span.file].split("\n")
        # the span covers the unit's comment line and then exactly its code
        assert lines[span.first - 1].startswith(f"// {unit.path}::{unit.qualname} ")
        code = "\n".join(lines[span.first : span.last])
        assert code == tr.rust.rstrip("\n"), unit.id


def test_byte_identical_and_order_independent() -> None:
    first = assemble("demo", ITEMS, Runtime())
    second = assemble("demo", list(reversed(ITEMS)), Runtime())
    assert first.files == second.files
    assert list(first.files) == list(second.files)
    assert first.spans == second.spans


def test_module_file() -> None:
    assert module_file(()) == "src/lib.rs"
    assert module_file(module_path("a.py")) == "src/a.rs"
    assert module_file(module_path("pkg/__init__.py"), has_children=True) == "src/pkg/mod.rs"
    assert module_file(module_path("lib.py")) == "src/lib/mod.rs"  # never the crate root
    assert module_file(module_path("pkg/lib.py")) == "src/pkg/lib.rs"
    crate = assemble("demo", ITEMS, Runtime())
    for unit, _ in ITEMS:
        assert crate.spans[unit.id].file in crate.files
