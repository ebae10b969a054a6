"""The names a star import binds, found without running the repository's code.

``from math import *`` binds ``pow`` (math's, float-only: ``pow(2, 3)`` is ``8.0``), ``from os
import *`` binds ``open``, ``from .helpers import *`` binds whatever ``helpers`` exports: a
function reading such a name reads the imported object, not the builtin the engine would
translate it as (units/rebind.py). What a star import binds is ``__all__`` where the module
defines it, else its public top-level names:

- a module of the standard library (``sys.stdlib_module_names``, never one of the repository's
  own top package, never one whose import has effects: ``antigravity``...) is imported, as
  the engine imports the stdlib's exception classes, and its ``__all__`` or public names read;
- a module of the repository (any the repository has: ``lookup``, dotted name -> text; a
  relative import or one under the importer's own top package never goes further) is
  read from its source: a literal ``__all__``
  (a list or tuple of strings, extended by ``+=``/``.extend``/``.append`` of literals), else
  its public top-level bindings (units/rebind.py's reading of a module's bindings), its own
  star imports followed the same way;
- anything else (a third-party module, a dynamic ``__all__``, a package ``__init__`` without
  a literal ``__all__``, whose submodules become names once imported anywhere, a module not
  found) is unknown: None, and the caller assumes it may bind every name.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
import sys
import warnings
from collections.abc import Callable
from functools import lru_cache

from pipeline.units import rebind
from pipeline.units.tryimports import NEVER_IMPORTED

# dotted module name -> (its source, whether it is a package's __init__), None when not found
Lookup = Callable[[str], tuple[str, bool] | None]
STAR_IMPORT = re.compile(r"\bimport\s*\(?\s*\*")  # a quick test before parsing
MAX_DEPTH = 8  # star imports followed through the repository's modules


def star_target(node: ast.ImportFrom, importer: str, is_init: bool) -> str | None:
    """The absolute dotted name ``from <node> import *`` in module ``importer`` names; None
    where a relative import climbs above the top package."""
    if not node.level:
        return node.module or None
    parts = importer.split(".")
    base = parts if is_init else parts[:-1]
    up = node.level - 1
    if up > len(base) or (up == len(base) and not node.module):
        return None
    base = base[: len(base) - up]
    return ".".join([*base, *([node.module] if node.module else [])]) or None


def bound_names(
    node: ast.ImportFrom, importer: str, is_init: bool, lookup: Lookup | None
) -> frozenset[str] | None:
    """The names the star import ``node`` of module ``importer`` binds; None when unknown."""
    target = star_target(node, importer, is_init)
    if target is None:
        return None
    return _names(target, bool(node.level), importer.partition(".")[0], lookup, 0)


def _names(
    target: str, relative: bool, own_top: str, lookup: Lookup | None, depth: int
) -> frozenset[str] | None:
    top = target.partition(".")[0]
    known = top in sys.stdlib_module_names and top not in NEVER_IMPORTED
    if lookup is not None and depth < MAX_DEPTH:
        found = lookup(target)
        if found is not None:
            # the repository's module (also where it shadows the stdlib's), unless it is
            # this interpreter's own file (the repository is the standard library)
            if known and found[0] == _interpreter_text(target):
                return stdlib_names(target)
            return _source_names(*found, target, own_top, lookup, depth)
    if relative or top == own_top or not known:
        return None
    try:
        if importlib.util.find_spec(top) is None:
            # not on this platform (``from nt import *`` on Linux): the import raises
            # where it runs, so it binds nothing in a module that imports at all
            return frozenset()
    except (ImportError, ValueError):
        return None
    return stdlib_names(target)


@lru_cache(maxsize=64)
def _interpreter_text(module: str) -> str | None:
    """The source of this interpreter's standard-library ``module``, if it has one."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    origin = spec.origin if spec is not None else None
    if not origin or not origin.endswith(".py"):
        return None
    try:
        with open(origin, encoding="utf-8") as fh:
            return fh.read()
    except (OSError, UnicodeDecodeError):
        return None


@lru_cache(maxsize=256)
def stdlib_names(module: str) -> frozenset[str] | None:
    """``__all__`` (or the public names) of the standard library's ``module``, imported."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mod = importlib.import_module(module)
    except Exception:  # a module this platform lacks, or one that fails to import
        return None
    names = getattr(mod, "__all__", None)
    if names is None:
        return frozenset(n for n in vars(mod) if not n.startswith("_"))
    try:
        return frozenset(str(n) for n in names)
    except TypeError:
        return None


def _source_names(
    text: str, package: bool, dotted: str, own_top: str, lookup: Lookup, depth: int
) -> frozenset[str] | None:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    declared = literal_all(tree)
    if declared is not None:
        return declared if declared is not _DYNAMIC else None
    if package:  # its submodules are names too, once imported anywhere
        return None
    names: set[str] = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Name) and node.id in _DYNAMIC_NAMESPACE) or (
            isinstance(node, ast.Attribute) and node.attr == "modules"
        ):
            return None  # globals()[name] = ..., setattr(sys.modules[__name__], ...)
        if isinstance(node, ast.Global):
            names.update(node.names)  # bound when a function runs
    for top in tree.body:
        for name, stmt, _ in rebind._top_bindings(top):
            if name != rebind.STAR:
                names.add(name)
                continue
            assert isinstance(stmt, ast.ImportFrom)
            target = star_target(stmt, dotted, package)
            more = (
                None
                if target is None
                else _names(target, bool(stmt.level), own_top, lookup, depth + 1)
            )
            if more is None:
                return None
            names |= more
    return frozenset(n for n in names if not n.startswith("_"))


_DYNAMIC: frozenset[str] = frozenset({"<dynamic>"})
_DYNAMIC_NAMESPACE = frozenset({"globals", "vars", "locals", "exec", "__dict__"})


def literal_all(tree: ast.Module) -> frozenset[str] | None:
    """The module's ``__all__`` where every statement touching it at top level is a literal
    list/tuple of strings (``=``, ``+=``, ``.extend``, ``.append``); ``_DYNAMIC`` where some
    is not (or it is touched inside a block); None where the module has none."""
    names: set[str] | None = None
    for top in tree.body:
        found = _all_statement(top)
        if found is None:
            touched = [n for n in ast.walk(top) if isinstance(n, ast.Name) and n.id == "__all__"]
            if not touched:
                continue
            # inside a block (``try: from _c import f; __all__.append("f")``) only literal
            # additions, which may or may not run: counted as if they did
            added = _block_additions(top, len(touched))
            if added is None or names is None:
                return _DYNAMIC
            names |= added
            continue
        kind, values = found
        if values is None or (kind != "=" and names is None):
            return _DYNAMIC
        names = set(values) if kind == "=" else (names or set()) | set(values)
    return None if names is None else frozenset(names)


def _block_additions(top: ast.stmt, touched: int) -> set[str] | None:
    """The literal names the statements nested in ``top`` add to ``__all__``; None where
    some use of ``__all__`` there (of ``touched`` in all) is anything else."""
    added: set[str] = set()
    seen = 0
    for node in ast.walk(top):
        if node is top or not isinstance(node, ast.stmt):
            continue
        found = _all_statement(node)
        if found is None:
            continue
        kind, values = found
        if kind == "=" or values is None:
            return None
        added |= set(values)
        seen += 1
    return added if seen == touched else None


def _all_statement(top: ast.stmt) -> tuple[str, list[str] | None] | None:
    """(``=`` or ``+``, the literal strings or None) for a top-level statement that assigns,
    extends or appends to ``__all__``; None for any other statement."""
    value: ast.expr | None = None
    kind = "+"
    if (
        isinstance(top, ast.Assign)
        and len(top.targets) == 1
        and isinstance(top.targets[0], ast.Name)
        and top.targets[0].id == "__all__"
    ):
        kind, value = "=", top.value
    elif isinstance(top, ast.AnnAssign) and isinstance(top.target, ast.Name):
        if top.target.id != "__all__":
            return None
        kind, value = "=", top.value
    elif (
        isinstance(top, ast.AugAssign)
        and isinstance(top.target, ast.Name)
        and top.target.id == "__all__"
        and isinstance(top.op, ast.Add)
    ):
        value = top.value
    elif (
        isinstance(top, ast.Expr)
        and isinstance(top.value, ast.Call)
        and isinstance(top.value.func, ast.Attribute)
        and isinstance(top.value.func.value, ast.Name)
        and top.value.func.value.id == "__all__"
        and top.value.func.attr in ("extend", "append")
        and len(top.value.args) == 1
        and not top.value.keywords
    ):
        arg = top.value.args[0]
        if top.value.func.attr == "append":
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                return kind, [arg.value]
            return kind, None
        value = arg
    else:
        return None
    if isinstance(value, ast.List | ast.Tuple) and all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts
    ):
        return kind, [e.value for e in value.elts]  # type: ignore[attr-defined]
    return kind, None
