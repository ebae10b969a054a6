"""The engine entry point: records, determinism, refusals, speed, and the corpus as a whole."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest

from pipeline.records import TranslationStatus, Unit
from pipeline.translate import get_engine, safe_translate
from pipeline.translate.rules.engine import RuleEngine

from .cases import ALL
from .harness import LIB_HEADER, make_unit, rustc

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_registry_finds_the_engine() -> None:
    engine = get_engine("rules")
    assert isinstance(engine, RuleEngine) and engine.name == "rules"


def test_translation_record() -> None:
    tr = RuleEngine().translate(
        make_unit("""
    def count(xs: list[int], s: str, n: int) -> dict[int, int]:
        out = {}
        for x in xs:
            out[x] = out.get(x, 0) + n + len(s)
        return out
    """)
    )
    assert tr.ok and tr.engine == "rules@" + RuleEngine.version
    assert tr.rust.startswith(
        "pub fn count(xs: &[i64], s: &str, n: i64) -> crate::pyrt::PyDict<i64, i64> {"
    )
    (sig,) = tr.signatures
    assert sig.py_name == "count" and sig.rust_name == "count" and sig.returns == "dict[int, int]"
    assert [(p.name, p.py_type, p.mode) for p in sig.params] == [
        ("xs", "list[int]", "ref"),
        ("s", "str", "ref"),
        ("n", "int", "value"),
    ]
    assert "dict" in tr.helpers and not tr.diagnostics


def test_same_unit_gives_identical_output() -> None:
    engine = RuleEngine()
    for case in ALL:
        unit = make_unit(case.source, case.context, case.constants)
        first, second = engine.translate(unit), RuleEngine().translate(unit)
        assert (first.rust, first.helpers, first.signatures, first.diagnostics) == (
            second.rust,
            second.helpers,
            second.signatures,
            second.diagnostics,
        )


def test_refusal_is_a_record_with_original_line() -> None:
    unit = make_unit(
        "def f(x: int) -> int:\n    y = x\n    with open(y) as fh:\n        return 1\n",
        first_line=120,
    )
    tr = RuleEngine().translate(unit)
    assert tr.status is TranslationStatus.REFUSED and not tr.ok and tr.rust == ""
    (diag,) = tr.diagnostics
    assert (diag.code, diag.line) == ("PT010", 122)
    assert "files and sockets are out of scope" in diag.message
    assert tr.reason == "PT010 line 122: with open(y): files and sockets are out of scope"


def test_subclasses_refused_not_crashed() -> None:
    unit = Unit(
        id="t:m.py::C",
        repo="t",
        path="m.py",
        module="m",
        qualname="C",
        kind="class",
        source="class C(Base):\n    pass\n",
        first_line=3,
        last_line=4,
    )
    tr = safe_translate(RuleEngine(), unit)
    assert tr.status is TranslationStatus.REFUSED and not tr.ok
    assert tr.reason == (
        "PT050 line 3: class C inherits from Base, not a class of this module "
        "(inheritance is supported from a base class defined in the same "
        "module)"
    )


def test_runtime_source_only_what_is_used() -> None:
    engine = RuleEngine()
    tr = engine.translate(make_unit("def f(a: int, b: int) -> int:\n    return a // b\n"))
    src = engine.runtime_source(tr.helpers)
    assert "pub fn floordiv" in src and "pub fn modulo" not in src
    assert engine.runtime_source([]) == ""


# Translation speed (median <= 2 ms per function) is measured by benchmarks/bench_corpus.py,
# not asserted here: timed unit tests fail on busy machines and prove nothing.


def _corpus_units() -> list[Unit]:
    units = []
    for path in sorted(CORPUS.glob("*.py")):
        src = path.read_text()
        tree = ast.parse(src)
        lines = src.splitlines()
        imports = tuple(
            ast.get_source_segment(src, n) or ""
            for n in tree.body
            if isinstance(n, ast.Import | ast.ImportFrom)
        )
        defs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
        text = {
            n.name: "\n".join(
                lines[min([n.lineno] + [d.lineno for d in n.decorator_list]) - 1 : n.end_lineno]
            )
            + "\n"
            for n in defs
        }
        consts = tuple(
            (t.id, ast.get_source_segment(src, n) or "")
            for n in tree.body
            if isinstance(n, ast.Assign)
            for t in n.targets
            if isinstance(t, ast.Name)
        )
        for n in defs:
            units.append(
                Unit(
                    id=f"c:{path.name}::{n.name}",
                    repo="c",
                    path=path.name,
                    module=path.stem,
                    qualname=n.name,
                    kind="function",
                    source=text[n.name],
                    first_line=n.lineno,
                    last_line=n.end_lineno or n.lineno,
                    imports=imports,
                    constants=consts,
                    context=tuple(sorted((k, v) for k, v in text.items() if k != n.name)),
                )
            )
    return units


@pytest.mark.skipif(not CORPUS.exists() or rustc() is None, reason="needs corpus and rustc")
def test_corpus_translations_compile(tmp_path) -> None:
    engine = RuleEngine()
    modules: dict[str, list[str]] = {}
    uses: dict[str, set[str]] = {}
    helpers: set[str] = set()
    units = _corpus_units()
    for unit in units:
        tr = engine.translate(unit)
        assert tr.status is not TranslationStatus.INTERNAL_ERROR, tr.reason
        if tr.ok:
            modules.setdefault(unit.module, []).append(tr.rust)
            uses.setdefault(unit.module, set()).update(tr.uses)
            helpers.update(tr.helpers)
    assert sum(len(v) for v in modules.values()) >= len(units) * 0.6
    lib = [LIB_HEADER, "pub mod pyrt;"]
    for module, items in modules.items():
        lib.append(f"pub mod {module};")
        head = "".join(f"use {u};\n" for u in sorted(uses[module]))
        (tmp_path / f"{module}.rs").write_text(head + "\n".join(items))
    (tmp_path / "pyrt.rs").write_text(engine.runtime_source(helpers))
    (tmp_path / "lib.rs").write_text("\n".join(lib) + "\n")
    build = subprocess.run(
        [
            rustc(),
            "--edition",
            "2021",
            "--crate-type",
            "lib",
            "--emit=metadata",
            "-o",
            str(tmp_path / "lib.rmeta"),
            str(tmp_path / "lib.rs"),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-4000:]
