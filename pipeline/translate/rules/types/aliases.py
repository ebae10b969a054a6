"""Module-level type aliases (``Matrix = List[List[float]]``), expanded inside annotations.

An alias is a module constant whose value is a typing construct: a subscripted container or
``Optional``/``Union``/``Callable`` (``Point = Tuple[float, float]``), a ``|`` union of those
or builtin scalar types (``int | None``), or any
value annotated ``TypeAlias``. A plain name (``Number = int``) is not taken for one: it could as
well be a value. Annotations naming an alias are rewritten to its value before they are read
into the type language, also inside quoted forward references; an alias that names itself
(``NestedList = List[Union[int, "NestedList"]]``) is refused as recursive.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Iterable, Mapping
from functools import lru_cache

from pipeline import pytypes

CONSTRUCTORS = frozenset({*pytypes._ALIASES, "Union", "Callable", "Optional"})


class RecursiveAlias(pytypes.TypeSyntaxError):
    """An alias whose expansion names itself."""


def module_aliases(constants: Iterable[tuple[str, str]]) -> Mapping[str, ast.expr]:
    """The type aliases among a unit's module constants (name -> value expression)."""
    return dict(_aliases(tuple(constants)))


@lru_cache(maxsize=256)
def _aliases(constants: tuple[tuple[str, str], ...]) -> tuple[tuple[str, ast.expr], ...]:
    out = []
    for name, src in constants:
        try:
            node = ast.parse(src).body[0]
        except (SyntaxError, IndexError, ValueError):
            continue
        if (
            isinstance(node, ast.Assign | ast.AnnAssign)
            and node.value is not None
            and (_is_alias(node))
        ):
            out.append((name, node.value))
    return tuple(out)


def _is_alias(node: ast.stmt) -> bool:
    if isinstance(node, ast.AnnAssign):
        ann = node.annotation
        named = ann.attr if isinstance(ann, ast.Attribute) else getattr(ann, "id", None)
        return named == "TypeAlias" and node.value is not None
    if not isinstance(node, ast.Assign) or len(node.targets) != 1:
        return False
    return _is_type_expr(node.value)


def _is_type_expr(value: ast.expr) -> bool:
    if isinstance(value, ast.Subscript):
        base = value.value
        name = base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", None)
        return name in CONSTRUCTORS
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.BitOr):
        sides = (value.left, value.right)
        return all(_is_type_expr(v) or _is_builtin_type(v) for v in sides) and not all(
            isinstance(v, ast.Constant) for v in sides
        )
    return False


def _is_builtin_type(value: ast.expr) -> bool:
    """``int``, ``str``… or ``None``: one side of a ``|`` union (``int | None``)."""
    if isinstance(value, ast.Constant):
        return value.value is None
    return isinstance(value, ast.Name) and value.id in pytypes.SCALARS


def expand(node: ast.expr, aliases: Mapping[str, ast.expr]) -> ast.expr:
    """``node`` with every alias replaced by its value (a new tree; ``node`` is untouched)."""
    if not aliases:
        return node
    return _Expand(aliases).visit(copy.deepcopy(node))


class _Expand(ast.NodeTransformer):
    def __init__(self, aliases: Mapping[str, ast.expr]) -> None:
        self.aliases = aliases
        self.active: list[str] = []

    def visit_Name(self, node: ast.Name) -> ast.expr:  # ast visitor API
        if node.id not in self.aliases:
            return node
        if node.id in self.active:
            raise RecursiveAlias(f"recursive type alias {node.id}")
        self.active.append(node.id)
        try:
            return self.visit(copy.deepcopy(self.aliases[node.id]))
        finally:
            self.active.pop()

    def visit_Constant(self, node: ast.Constant) -> ast.expr:  # ast visitor API
        if not isinstance(node.value, str):
            return node
        try:
            parsed = ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return node
        return self.visit(parsed)
