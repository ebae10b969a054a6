"""Functions, classes and constants of another module reached through a module name.

``ops.py`` does ``from . import geom`` (or ``import pkg.geom as geom``, or ``import pkg.geom``
and then ``pkg.geom.total``) and calls ``geom.total(geom.Pair(x, 2 * x))``. The unit reads
``total`` and ``Pair`` of ``geom`` as ``from .geom import total, Pair`` would bind them, so
``units/crossconst.py`` carries them the same way, when all of this holds:

- the module name is bound once, by one top-level import of the importing module (``from
  PKG import geom`` where ``PKG.geom`` is a module of the partition, ``import a.b as g``,
  ``import a.b``), and the module it names is not named like a standard-library module;
- the module is surely its package's attribute of that name: its package's ``__init__`` is in
  the partition and binds the name only by importing the module (a package doing ``geom =
  Other`` makes ``from . import geom`` that value), and a module reached as an attribute
  (``import a`` then ``a.b.f()``) is one the importing module imports by name;
- every use of it in the unit (and the siblings it calls) reads an attribute, on one line: a
  store or a ``del`` (``geom.LIMIT = 5``), or the module used as a value (``getattr(geom,
  n)``) leaves the unit as it is;
- the attribute's name means nothing else there: it is no name the module binds, no
  identifier of the unit or its siblings (a parameter, a local, an attribute elsewhere), no
  builtin, and no other module's attribute of the same name is read beside it.

Then the unit's source (and its siblings', as its context) reads the bare name (``total(...)``
at the same line: only the translation reads it; the verifier runs the module as it ships)
and the name joins the module's imports for this unit only. ``carry`` keeps a rewrite only
where what it names was carried (a constant, a function or a class of the partition, by the
rules of ``crossconst``): otherwise the unit stays as it was and is refused naming the module.
A name another module assigns at its top level (``geom.Point = Other``) is never carried.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

_BUILTINS = frozenset(dir(builtins))


@dataclass(frozen=True)
class Rewrite:
    """A unit's sources with module attributes read as bare names."""

    source: str
    context: tuple[tuple[str, str], ...]
    names: Mapping[str, tuple[str, str]]  # bare name -> (module, name) it reads


def module_aliases(tree: ast.Module, counts: Mapping[str, int]) -> dict[str, str]:
    """Local name -> dotted module for ``import a.b as g`` (``g`` -> ``a.b``) and ``import a.b``
    (``a`` -> ``a``), bound once at the module's top level. ``from PKG import m`` is in the
    module's from-imports (``crossconst.ModuleConstants.imports``), resolved by ``rewrite``."""
    out: dict[str, str] = {}
    for node in tree.body:
        if not isinstance(node, ast.Import):
            continue
        for a in node.names:
            local = a.asname or a.name.partition(".")[0]
            if counts.get(local) == 1:
                out[local] = a.name if a.asname else local
    return out


class Importer(Protocol):
    """What ``rewrite`` reads of the importing module (``crossconst.ModuleConstants``)."""

    @property
    def aliases(self) -> Mapping[str, str]: ...
    @property
    def imports(self) -> Mapping[str, tuple[str, str]]: ...
    @property
    def bound(self) -> frozenset[str]: ...
    @property
    def imported(self) -> frozenset[str]: ...


def rewrite(
    source: str,
    context: tuple[tuple[str, str], ...],
    table: Importer,
    modules: frozenset[str],
    keep: frozenset[str] | None = None,
) -> Rewrite | None:
    """The unit's ``source`` and ``context`` with each attribute of a module of ``modules``
    read through a module name (``table.aliases``, or a from-import naming a module) replaced
    by the bare name; None when there is none to replace. A name ``table.bound`` (the
    importing module binds it) is kept only where it imports that very attribute (``from
    .geom import Pair``); a module reached as an attribute (``a.b`` after ``import a``) only
    where the module imports it by name; ``keep``: only these bare names."""
    aliases, from_imports, bound = table.aliases, table.imports, table.bound
    names = dict(aliases)
    for local, (base, name) in from_imports.items():
        if f"{base}.{name}" in modules:
            names[local] = f"{base}.{name}"
    if not names:
        return None
    trees = []
    for text in (source, *(s for _, s in context)):
        try:
            trees.append(ast.parse(text))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
    found: dict[str, tuple[str, str]] = {}
    spots: list[list[tuple[int, int, int, str]]] = []
    blocked: set[str] = set()
    idents: set[str] = set()
    for tree in trees:
        mine: list[tuple[int, int, int, str]] = []
        bases: set[int] = set()
        nodes = list(ast.walk(tree))
        for node in nodes:
            if isinstance(node, ast.Attribute | ast.Subscript):
                root = _base(node)
                bases.add(id(root))
                stored = not isinstance(node.ctx, ast.Load)
                if stored and isinstance(root, ast.Name) and root.id in names:
                    return None  # the module's state changed from here (geom.X = ...)
        for node in nodes:
            if isinstance(node, ast.Name) and node.id in names and id(node) not in bases:
                return None  # the module itself used as a value
            idents |= _identifiers(node)
            if not isinstance(node, ast.Attribute):
                continue
            chain = _chain(node.value)
            if chain is None or chain[0] not in names:
                continue
            module = ".".join((names[chain[0]], *chain[1:]))
            if module not in modules or f"{module}.{node.attr}" in modules:
                continue
            if len(chain) > 1 and module not in table.imported:
                continue  # import a; a.b.f(): a.b only if something imported it
            if node.lineno != node.end_lineno:
                blocked.add(node.attr)
                continue
            if found.get(node.attr, (module, node.attr)) != (module, node.attr):
                blocked.add(node.attr)
                continue
            found[node.attr] = (module, node.attr)
            assert node.end_col_offset is not None
            mine.append((node.lineno, node.col_offset, node.end_col_offset, node.attr))
        spots.append(mine)
    wanted = {
        n
        for n in found
        if n not in blocked
        and (n not in bound or from_imports.get(n) == found[n])
        and n not in _BUILTINS
        and n not in idents
        and (keep is None or n in keep)
    }
    if not wanted:
        return None
    texts = [source, *(s for _, s in context)]
    out = [
        _replace(text, [s for s in places if s[3] in wanted])
        for text, places in zip(texts, spots, strict=True)
    ]
    return Rewrite(
        out[0],
        tuple((name, text) for (name, _), text in zip(context, out[1:], strict=True)),
        {n: found[n] for n in sorted(wanted)},
    )


def _chain(e: ast.expr) -> list[str] | None:
    """``a.b.c`` as ``["a", "b", "c"]``, or None for anything but names and attributes."""
    parts: list[str] = []
    while isinstance(e, ast.Attribute):
        parts.append(e.attr)
        e = e.value
    if not isinstance(e, ast.Name) or not isinstance(e.ctx, ast.Load):
        return None
    return [e.id, *reversed(parts)]


def _identifiers(node: ast.AST) -> set[str]:
    """Every name a node binds or reads itself (not an attribute's name)."""
    out: set[str] = set()
    if isinstance(node, ast.Name):
        out.add(node.id)
    elif isinstance(node, ast.arg):
        out.add(node.arg)
    elif isinstance(
        node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.ExceptHandler
    ):
        out.add(node.name or "")
    elif isinstance(node, ast.alias):
        out.add(node.asname or node.name.partition(".")[0])
    elif isinstance(node, ast.Global | ast.Nonlocal):
        out.update(node.names)
    elif isinstance(node, ast.MatchAs | ast.MatchStar) and node.name:
        out.add(node.name)
    elif isinstance(node, ast.MatchMapping) and node.rest:
        out.add(node.rest)
    return out


def _base(node: ast.Attribute | ast.Subscript) -> ast.expr:
    """The innermost value of ``a.b[c].d``: ``a``."""
    e: ast.expr = node
    while isinstance(e, ast.Attribute | ast.Subscript):
        e = e.value
    return e


def _replace(text: str, places: list[tuple[int, int, int, str]]) -> str:
    """``text`` with each (line, start byte, end byte, name) span replaced by the name."""
    if not places:
        return text
    lines = text.splitlines(keepends=True)
    for line, start, end, name in sorted(places, reverse=True):
        raw = lines[line - 1].encode()
        lines[line - 1] = (raw[:start] + name.encode() + raw[end:]).decode()
    return "".join(lines)
