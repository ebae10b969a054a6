"""Imports a top-level ``try`` makes on this interpreter.

The compatibility idiom ``try: from functools import lru_cache`` / ``except ImportError:
from backports.functools_lru_cache import lru_cache`` binds the standard library's object
wherever the standard library has it: on this interpreter, which the verifier's Python child
runs too, the handler never runs. Such a ``try``'s imports count as the module's own
(``Unit.imports``), so ``@lru_cache(maxsize=128)`` is the memoising decorator it is.

Only a ``try`` whose body is nothing but imports of standard-library modules
(``sys.stdlib_module_names``) that this interpreter has, each imported name an attribute or a
submodule of its module, whose handlers catch only ``ImportError``/``ModuleNotFoundError``,
with no ``else`` or ``finally``. Anything else (a third-party module, whose presence depends
on the environment; a name this Python lacks, as ``from itertools import izip``) leaves the
names unknown, as before. Checking a name imports the standard-library module (never the
repository's code), as the engine does for the stdlib's exception classes.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import sys
import warnings
from collections.abc import Iterator
from functools import lru_cache

IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError"})
NEVER_IMPORTED = frozenset({"this", "antigravity", "__main__", "idlelib", "tkinter", "turtle"})


def statements(tree: ast.Module) -> Iterator[tuple[ast.stmt, bool]]:
    """The module's top-level import statements, and those of the ``try`` blocks above, in
    source order; each with whether it is inside such a ``try``."""
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, False
        elif isinstance(node, ast.Try) and _stdlib_try(node):
            yield from ((n, True) for n in node.body)


def _stdlib_try(node: ast.Try) -> bool:
    if node.orelse or node.finalbody or not node.handlers:
        return False
    for h in node.handlers:
        caught = h.type.elts if isinstance(h.type, ast.Tuple) else [h.type]
        if not all(isinstance(c, ast.Name) and c.id in IMPORT_ERRORS for c in caught):
            return False
    return all(_stdlib_import(s) for s in node.body)


def _stdlib_import(node: ast.stmt) -> bool:
    if isinstance(node, ast.Import):
        return all(_has_module(a.name) for a in node.names)
    if isinstance(node, ast.ImportFrom) and not node.level and node.module:
        return _has_module(node.module) and all(
            a.name != "*" and _has_name(node.module, a.name) for a in node.names
        )
    return False


@lru_cache(maxsize=512)
def _has_module(dotted: str) -> bool:
    top = dotted.partition(".")[0]
    if top not in sys.stdlib_module_names or top in NEVER_IMPORTED:
        return False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return importlib.util.find_spec(dotted) is not None
    except (ImportError, ValueError):  # a parent package that fails to import
        return False


@lru_cache(maxsize=512)
def _has_name(module: str, name: str) -> bool:
    if not _has_module(module):
        return False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if hasattr(importlib.import_module(module), name):
                return True
    except Exception:  # a module this platform cannot import
        return False
    return _has_module(f"{module}.{name}")
