"""Why a name a function reads is unknown to the engine (PT025), said precisely from what the
unit carries: its module's import statements and the siblings it references.

- a builtin class read as a value (``factory=dict``, ``map(int, xs)`` is a call form, but
  ``key=str`` stored or passed on): a Rust value of a type has no counterpart here;
- a function or class of the module read as a value (``inspect.getsource(sort)``);
- a value imported from another module (``from .primitives import EMPTY``) that the sharder
  did not carry into the unit (``units/crossconst.py``: only immutable literal constants are;
  sentinels, tables and mutable values are not);
- (``explain_imported``) a class or function imported from another module of the repository
  that is refused as an annotation or a call (PT021, PT012): it was not carried;
- else a name neither imported nor a module constant (bound inside a top-level block, by
  unpacking, rebound, or not at all), which a star import may bind (not followed).
"""

from __future__ import annotations

import ast
import re
import sys

from pipeline.pyimports import import_nodes
from pipeline.records import Unit

BUILTIN_CLASSES = frozenset(
    {
        "bool",
        "bytearray",
        "bytes",
        "complex",
        "dict",
        "float",
        "frozenset",
        "int",
        "list",
        "object",
        "set",
        "str",
        "tuple",
        "type",
    }
)
_BARE = re.compile(r"unknown name (\w+)")
AS_VALUE = "used as a value (passed, stored or a default, not called) is not supported"


def explain(message: str, unit: Unit) -> str:
    """``message`` ("unknown name X") with the reason the name is unknown, when one is known."""
    bare = _BARE.fullmatch(message)
    if bare is None:
        return message
    name = bare.group(1)
    if name in BUILTIN_CLASSES:
        return f"{message}: the builtin class {name} {AS_VALUE}"
    if name in unit.calls:
        return f"{message}: {name}, a function or class of this module, {AS_VALUE}"
    origin, stars = _imported(name, unit.imports)
    if origin is not None:
        return (
            f"{message}: a value imported from {origin} (another module's values are carried "
            "only when they are immutable literal constants, functions or classes, bound once "
            "and never changed, of a module in the same partition)"
        )
    star = f"; perhaps bound by `from {stars[0]} import *` (not followed)" if stars else ""
    return (
        f"{message}: not imported, and no module constant (a name bound inside a top-level "
        f"block, by unpacking or more than once is not a constant){star}"
    )


_CLASS_USE = re.compile(
    r"unsupported annotation: (\w+)|call of (\w+)\(\) with these arguments is not supported"
)


def explain_imported(message: str, unit: Unit) -> str:
    """``message`` (PT021 "unsupported annotation: X", PT012 "call of X() ...") saying why,
    when X is imported from another module of the repository (relative, or of the unit's own
    top-level package): it was not carried (``units/crossconst.py``)."""
    used = _CLASS_USE.fullmatch(message)
    if used is None:
        return message
    name = used.group(1) or used.group(2)
    origin, _ = _imported(name, unit.imports)
    top = unit.module.partition(".")[0]
    if (
        origin is None
        or top in sys.stdlib_module_names  # the standard library's modules are never carried
        or not (origin.startswith(".") or origin.partition(".")[0] == top)
    ):
        return message
    return (
        f"{message}: {name} is imported from {origin}, and another module's functions and "
        "classes are carried only from a module in the same partition, bound once there, "
        "never assigned from another module (`geom.Point = Other`), translated there, and "
        "named like nothing else here"
    )


def _imported(name: str, imports: tuple[str, ...]) -> tuple[str | None, list[str]]:
    """The module ``name`` is imported from (``from m import name``), and the modules of the
    star imports."""
    stars: list[str] = []
    for node in import_nodes(imports):
        if not isinstance(node, ast.ImportFrom):
            continue
        module = "." * node.level + (node.module or "")
        for alias in node.names:
            if alias.name == "*":
                stars.append(module)
            elif (alias.asname or alias.name) == name:
                return module, stars
    return None, stars
