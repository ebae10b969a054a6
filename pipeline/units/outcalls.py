"""A module's literal calls of functions imported from other modules: evidence to export.

An unannotated parameter of ``pkg/a.py::scale`` may be typed by a call in ``pkg/b.py``
(``from .a import scale`` then ``scale([1, 2], 3)``). The sharder, which has the module's
tree already, binds each name its top-level imports introduce to the dotted path it stands for
(``from .a import scale`` in ``pkg.b``: ``scale`` -> ``pkg.a.scale``; ``import pkg.a as m``:
``m`` -> ``pkg.a``; ``from . import a``: ``a`` -> ``pkg.a``) and keeps the literal calls
through those names (``scale(...)``, ``m.scale(...)``, ``pkg.a.scale(...)``) as
``(callee module, function, call source)``, the call spelled ``scale(...)``: the form the
rule engine reads (``translate/rules/types/paramhints.py``). Which of them name a function of the
repository is decided at the end of the run, where every module's calls meet
(``crossmod.py``). Names the module rebinds itself, and the standard library, are left out.
A package's ``__init__.py`` also exports its bindings (``reexports``): a call of ``pkg.f`` is
one of ``pkg.a.f`` when ``pkg/__init__.py`` does ``from .a import f``.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable

from pipeline.units import callsites

OutCall = tuple[str, str, str]  # (callee module, function name, call source)
MAX_SOURCE = 400  # characters: a call longer than this is not worth its room in cache keys
MAX_PER_MODULE = 256  # calls exported by one module, all callees together


def bindings(tree: ast.Module, module: str, is_package: bool) -> dict[str, str]:
    """Name -> dotted path, for the names the module's top-level imports bind (less those
    it rebinds at top level, and the standard library's)."""
    package = module if is_package else module.rpartition(".")[0]
    out: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    out[alias.asname] = alias.name
                else:
                    root = alias.name.partition(".")[0]
                    out[root] = root
        elif isinstance(node, ast.ImportFrom):
            base = import_base(node, package)
            for alias in node.names:
                if base is not None and alias.name != "*":
                    out[alias.asname or alias.name] = f"{base}.{alias.name}" if base else alias.name
    for name in _rebound(tree):
        out.pop(name, None)
    return {k: v for k, v in out.items() if v.partition(".")[0] not in sys.stdlib_module_names}


def import_base(node: ast.ImportFrom, package: str) -> str | None:
    """The module ``from X import`` reads from, relative levels resolved (None: above the
    repository's top)."""
    if not node.level:
        return node.module or None
    parts = package.split(".") if package else []
    if node.level - 1 > len(parts):
        return None
    kept = parts[: len(parts) - (node.level - 1)]
    return ".".join([*kept, *([node.module] if node.module else [])])


def _rebound(tree: ast.Module) -> set[str]:
    """Top-level names bound by something other than an import (a def, an assignment)."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
    return names


def reexports(names: dict[str, str], module: str, path: str) -> tuple[tuple[str, str, str], ...]:
    """A package's imported names as ``(package, name, dotted path)``: ``from pkg import f``
    elsewhere may mean ``pkg.a.f`` (only ``__init__.py`` files, where re-exports live)."""
    if not path.endswith("__init__.py"):
        return ()
    return tuple(
        (module, name, dotted)
        for name, dotted in sorted(names.items())
        if dotted != f"{module}.{name}"
    )


def target(call: ast.Call, names: dict[str, str]) -> str | None:
    """The dotted path ``call`` calls through an imported name (``m.f`` -> ``pkg.a.f``)."""
    attrs: list[str] = []
    func = call.func
    while isinstance(func, ast.Attribute):
        attrs.append(func.attr)
        func = func.value
    if not isinstance(func, ast.Name) or func.id not in names:
        return None
    return ".".join([names[func.id], *reversed(attrs)])


def exported(calls: Iterable[ast.Call], names: dict[str, str], module: str) -> tuple[OutCall, ...]:
    """``(callee module, function, call source)`` of each call through an imported name
    (at most MAX_CALLS per callee, MAX_PER_MODULE in all; calls into ``module`` itself and
    overlong ones are left out)."""
    found: dict[tuple[str, str], list[str]] = {}
    total = 0
    for call in calls:
        path = target(call, names)
        callee, _, fn = (path or "").rpartition(".")
        if not callee or callee == module or total >= MAX_PER_MODULE:
            continue
        text = ast.unparse(ast.Call(ast.Name(fn, ast.Load()), call.args, call.keywords))
        if len(text) <= MAX_SOURCE:
            kept = found.setdefault((callee, fn), [])
            before = len(kept)
            callsites.keep(kept, text)
            total += len(kept) - before
    return tuple((callee, fn, text) for (callee, fn), texts in found.items() for text in texts)
