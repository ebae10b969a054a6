"""Test support: translate Python functions, build them with rustc, and run them against Python.

Many functions are batched into one crate and one rustc process (rustc costs ~100 ms a call).
The Rust side prints ``repr``-style results through ``pyrt::PyStr`` and turns panics into
``raised``; the Python side is run in-process on deep copies of the same inputs.
"""

from __future__ import annotations

import ast
import copy
import os
import shutil
import subprocess
import tempfile
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import pytypes
from pipeline.records import Translation, Unit
from pipeline.translate.rules.engine import RuleEngine

ENGINE = RuleEngine()
LIB_HEADER = "#![allow(non_snake_case, dead_code, unused_parens, unused_mut)]\n"


def rustc() -> str | None:
    """Path of rustc (PATH first, then ~/.cargo/bin)."""
    found = shutil.which("rustc")
    if found:
        return found
    cargo = Path.home() / ".cargo" / "bin" / "rustc"
    return str(cargo) if cargo.exists() else None


def make_unit(
    source: str,
    context: dict[str, str] | None = None,
    constants: dict[str, str] | None = None,
    imports: tuple[str, ...] = (),
    first_line: int = 1,
) -> Unit:
    """A Unit for one function source (dedented)."""
    src = textwrap.dedent(source).strip() + "\n"
    name = next(n.name for n in ast.parse(src).body if isinstance(n, ast.FunctionDef))
    return Unit(
        id=f"t:m.py::{name}",
        repo="t",
        path="m.py",
        module="m",
        qualname=name,
        kind="function",
        source=src,
        first_line=first_line,
        last_line=first_line + src.count("\n") - 1,
        imports=imports
        or (
            "import math",
            "import functools",
            "import heapq",
            "import bisect",
            "import itertools",
            "import operator",
            "import re",
            "from collections import Counter, OrderedDict, defaultdict, deque",
            "from typing import DefaultDict, Iterator",
            "from typing import List, Dict, Optional, Tuple",
        ),
        constants=tuple((constants or {}).items()),
        calls=tuple(sorted(context or {})),
        context=tuple(sorted((context or {}).items())),
    )


@dataclass
class Case:
    """A function with inputs; ``context`` holds sibling sources it calls."""

    source: str
    inputs: list[tuple] = field(default_factory=list)
    context: dict[str, str] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return next(
            n.name
            for n in ast.parse(textwrap.dedent(self.source)).body
            if isinstance(n, ast.FunctionDef)
        )


def as_declared(t: pytypes.PyType, value: object) -> object:
    """Ints where floats are declared read as floats (the verifier compares them so)."""
    if t.name == "float" and type(value) is int:
        return float(value)
    if t.name in ("list", "tuple...") and isinstance(value, list | tuple):
        return type(value)(as_declared(t.args[0], v) for v in value)
    if t.name == "tuple" and isinstance(value, tuple) and len(value) == len(t.args):
        return tuple(as_declared(a, v) for a, v in zip(t.args, value, strict=True))
    if t.name == "Optional" and value is not None:
        return as_declared(t.args[0], value)
    return value


def python_results(case: Case, modes: list[str], returns: str = "None") -> list[str]:
    """repr of results (and of mutated arguments) from running the Python function."""
    namespace: dict = {}
    header = (
        "import math, functools, heapq, bisect, itertools, operator, re\n"
        "from typing import Dict, List, Optional, Iterator, Tuple, "
        "DefaultDict\nfrom collections import Counter, OrderedDict, defaultdict, deque\n"
    )
    exec(header, namespace)
    for src in case.constants.values():
        exec(src, namespace)
    for src in case.context.values():
        exec(textwrap.dedent(src), namespace)
    exec(textwrap.dedent(case.source), namespace)
    fn = namespace[case.name]
    out = []
    for args in case.inputs:
        args = copy.deepcopy(args)
        try:
            result = fn(*args)
            if isinstance(result, Iterator):  # the verifier consumes generators into lists
                result = list(result)
            result = as_declared(pytypes.parse(returns), result)
        except Exception:  # any Python exception is "raised"
            out.append("raised")
            continue
        muts = [repr(a) for a, m in zip(args, modes, strict=True) if m == "mut"]
        out.append(" | ".join([repr(result), *muts]) if fits_i64(result) else "raised")
    return out


def fits_i64(value: object) -> bool:
    """Whether every int inside ``value`` fits i64 (else Rust must have raised)."""
    if isinstance(value, bool):
        return True
    if isinstance(value, int):
        return pytypes.I64_MIN <= value <= pytypes.I64_MAX
    if isinstance(value, list | tuple | set):
        return all(fits_i64(v) for v in value)
    if isinstance(value, dict):
        return all(fits_i64(k) and fits_i64(v) for k, v in value.items())
    return True


def rust_call(tr: Translation, case: Case, index: int, args: tuple) -> str:
    """A Rust statement printing the result of one call (or ``raised``)."""
    sig = tr.signatures[0]
    lets, passed, shown = [], [], []
    for i, (p, value) in enumerate(zip(sig.params, args, strict=True)):
        t = pytypes.parse(p.py_type)
        lets.append(f"let mut a{i} = {pytypes.rust_literal(t, value)};")
        passed.append({"value": f"a{i}", "mut": f"&mut a{i}"}.get(p.mode, f"&a{i}"))
        if p.mode == "mut":
            shown.append(f"crate::pyrt::PyStr::py_repr(&a{i})")
    call = f"m::{sig.rust_name}({', '.join(passed)})"
    parts = ", ".join(["crate::pyrt::PyStr::py_repr(&r)", *shown])
    body = " ".join(lets) + f' let r = {call}; vec![{parts}].join(" | ")'
    guarded = f"std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {{ {body} }}))"
    shown_out = 'out.unwrap_or_else(|_| "raised".into())'
    return f'    let out = {guarded};\n    println!("CASE {case.name} {index} {{}}", {shown_out});'


@dataclass
class BuildResult:
    """Translations, compiler output and per-case Rust results."""

    translations: dict[str, Translation]
    stderr: str
    rust: dict[str, list[str]]
    returncode: int


def assert_like_python(built: BuildResult, case: Case) -> None:
    """``case``'s Rust results (and mutated arguments) in ``built`` equal Python's."""
    tr = built.translations[case.name]
    assert tr.ok, tr.reason
    sig = tr.signatures[0]
    modes = [p.mode for p in sig.params]
    assert built.rust[case.name] == python_results(case, modes, sig.returns), tr.rust


def build_and_run(cases: list[Case], workdir: str | None = None) -> BuildResult:
    """Translate every case, compile them into one binary and run it."""
    translations = {
        c.name: ENGINE.translate(make_unit(c.source, c.context, c.constants)) for c in cases
    }
    ok = [c for c in cases if translations[c.name].ok]
    helpers = {"py_str", "py_str_dict", "dict", "seq"}
    items = []
    for c in ok:
        tr = translations[c.name]
        helpers.update(tr.helpers)
        items.append(tr.rust)
        for name, src in sorted(c.context.items()):
            sib = ENGINE.translate(
                make_unit(src, {k: v for k, v in c.context.items() if k != name}, c.constants)
            )
            assert sib.ok, sib.reason
            helpers.update(sib.helpers)
            if sib.rust not in items:
                items.append(sib.rust)
    calls = [
        rust_call(translations[c.name], c, i, args) for c in ok for i, args in enumerate(c.inputs)
    ]
    main = "\n".join(["fn main() {", "    std::panic::set_hook(Box::new(|_| {}));", *calls, "}"])
    root = Path(workdir or tempfile.mkdtemp(prefix="pt_rules_"))
    (root / "pyrt.rs").write_text(ENGINE.runtime_source(helpers))
    (root / "m.rs").write_text("use crate::pyrt::PySeq;\n" + "\n".join(items))
    (root / "main.rs").write_text(LIB_HEADER + "pub mod pyrt;\npub mod m;\n" + main + "\n")
    exe = root / "main"
    proc = subprocess.run(
        [
            rustc() or "rustc",
            "--edition",
            "2021",
            "-C",
            "overflow-checks=on",
            "-C",
            "opt-level=0",
            "-C",
            "debuginfo=0",
            "-o",
            str(exe),
            str(root / "main.rs"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "RUSTFLAGS": ""},
    )
    results: dict[str, list[str]] = {c.name: [] for c in ok}
    if proc.returncode == 0:
        run = subprocess.run([str(exe)], capture_output=True, text=True, timeout=60)
        for line in run.stdout.splitlines():
            if not line.startswith("CASE "):
                continue
            _, name, _idx, value = line.split(" ", 3)
            results[name].append(value)
    return BuildResult(translations, proc.stderr, results, proc.returncode)


def compile_module(root: Path, name: str, source: str):  # onefile's result
    """``portalis translate``'s front half on one module written under ``root``: its units,
    translations and the checked crate. Fails (never skips) when the file cannot be taken."""
    from pipeline import onefile

    path = root / name
    path.write_text(textwrap.dedent(source))
    done = onefile.compile_file(str(path), str(root), "rules")
    assert hasattr(done, "items"), done
    return done


def crate_with_change(done, old: str, new: str) -> dict[str, str]:
    """The crate files of a ``compile_module`` result with the first ``old`` (in the first file
    holding it) replaced by ``new``: a deliberately wrong translation for the verifier."""
    files = dict(done.outcome.crate.files)
    path = next(p for p, text in files.items() if old in text)
    files[path] = files[path].replace(old, new, 1)
    return files


def compiled_rust(done, qualname: str) -> str:
    """The Rust of ``qualname`` in a ``compile_module`` result; fails if it was refused."""
    tr = next(t for u, t in done.items if u.qualname == qualname)
    assert tr.ok, tr.reason
    return tr.rust


def verify_compiled(done, qualname: str, files: dict[str, str] | None = None, examples: int = 12):
    """The real verifier on one unit of a ``compile_module`` result (``files``: the crate's
    files with a change, to show a wrong translation is caught): ``(verdict, rows)``."""
    from pipeline.verify import VerifyOptions, verify_unit

    unit, tr = next((u, t) for u, t in done.items if u.qualname == qualname)
    assert tr.ok, tr.reason
    crate = done.outcome.crate
    return verify_unit(
        crate.name,
        files or crate.files,
        {done.rel: done.text},
        unit,
        tr,
        VerifyOptions(examples_per_function=examples),
    )


def assert_verifies(done, qualname: str, examples: int = 12, min_inputs: int = 1):
    """The real verifier says ``verified`` for ``qualname`` after at least ``min_inputs``:
    ``(verdict, rows)``."""
    from pipeline.records import Status

    verdict, rows = verify_compiled(done, qualname, examples=examples)
    assert verdict.status == Status.VERIFIED, (qualname, verdict, rows[:3])
    assert verdict.inputs_tried >= min_inputs, (qualname, verdict)
    return verdict, rows


def assert_change_caught(done, qualname: str, old: str, new: str, examples: int = 12):
    """The crate with ``old`` replaced by ``new`` (a deliberately wrong translation) is a
    ``mismatch`` for ``qualname``, the verifier catches it: ``(verdict, rows)``."""
    from pipeline.records import Status

    files = crate_with_change(done, old, new)
    verdict, rows = verify_compiled(done, qualname, files, examples=examples)
    assert verdict.status == Status.MISMATCH, (verdict, rows[:5])
    return verdict, rows
