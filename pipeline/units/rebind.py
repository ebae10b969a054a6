"""Top-level defs and classes whose name a later top-level statement may rebind.

``def S_IFMT(mode): ...`` followed by ``try: from _stat import * / except ImportError: pass``
leaves the C accelerator's ``S_IFMT`` as the module's function at run time: a translation of
the def would stand for a function the module does not have (PT902). A later statement may
rebind a name, in any block (if/try/with/for/while/match, outside nested defs and lambdas),
by a star import, an import binding it, a store to it (``=``, ``+=``, ``for``, ``with ... as``,
``except ... as``, ``:=``, a match capture) or a def or class of that name. Two exceptions,
both sound: the accelerator pattern that deletes the imported name again
(``try: from _c import * / except ImportError: ... / else: del f``: with the accelerator the
module has no ``f``, without it ``f`` is the def), and a branch that never runs when the module
is imported (``if False:``, the ``if __name__ == "__main__":`` block of a script).
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pipeline.units import fold

DefNode = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
Located = ast.stmt | ast.ExceptHandler  # where a binding is reported
STAR = "*"
MAX_TEXT = 60


StarNames = Callable[[ast.ImportFrom], frozenset[str] | None]  # None: not known


@dataclass(frozen=True)
class Rebinding:
    """The first later statement that may rebind a def's name."""

    line: int
    text: str  # the statement, shortened (``from _stat import *``)
    maybe: bool = False  # a star import whose names could not be read: it may bind the name


def later_rebinds(tree: ast.Module, star: StarNames | None = None) -> dict[str, Rebinding]:
    """Name of each last top-level def or class of its name -> the first later statement of
    the module that may rebind that name. A star import binds the names ``star`` reads for it
    (``from _heapq import *`` binds ``heappop``, never ``_siftup``: a star import without
    ``__all__`` skips ``_`` names), any name where that is unknown (None)."""
    out: dict[str, Rebinding] = {}
    first: dict[str, Located] = {}  # name -> first binding after the current statement
    # later star imports, names they spare, the names they bind (None: any)
    stars: list[tuple[Located, set[str], frozenset[str] | None]] = []
    last: set[str] = set()  # an earlier top-level def of a name is dead code (the sharder)
    for top in reversed(tree.body):
        if isinstance(top, DefNode) and top.name not in last:
            last.add(top.name)
            hits = [first.get(top.name)] + [
                s
                for s, spared, binds in stars
                if top.name not in spared and (binds is None or top.name in binds)
            ]
            found = [s for s in hits if s is not None]
            if found:
                stmt = min(found, key=lambda s: s.lineno)
                out[top.name] = Rebinding(stmt.lineno, _text(stmt))  # text only when found
        for name, stmt, spared in reversed(list(_top_bindings(top))):
            if name == STAR:
                binds = star(stmt) if star is not None else None  # type: ignore[arg-type]
                stars.append((stmt, spared, binds))
            else:
                first[name] = stmt
    return out


def _top_bindings(top: ast.stmt) -> Iterator[tuple[str, Located, set[str]]]:
    """(name or ``*``, innermost statement, names an accelerator's ``else: del`` spares)
    for each binding of a top-level statement, in source order."""
    if fold.accelerator(top) is not None:
        spared = fold.else_deletes(top)  # type: ignore[arg-type]
        for name, stmt in _bindings(top.body[0]):  # type: ignore[attr-defined]
            if name == STAR or name not in spared:
                yield name, stmt, spared
        for sub in (*top.handlers, *top.orelse):  # type: ignore[attr-defined]
            for name, stmt in _bindings(sub, top):
                yield name, stmt, set()
        return
    for name, stmt in _bindings(top):
        yield name, stmt, set()


def _bindings(node: ast.AST, stmt: Located | None = None) -> Iterator[tuple[str, Located]]:
    """The names ``node`` may bind in its module's namespace, each with the innermost
    statement (or ``except`` clause) binding it."""
    if isinstance(node, Located):
        stmt = node
    assert stmt is not None
    if isinstance(node, DefNode):
        yield node.name, node
        return
    if isinstance(node, ast.Import | ast.ImportFrom):
        for alias in node.names:
            yield (STAR if alias.name == STAR else alias.asname or alias.name.split(".")[0]), node
        return
    if isinstance(node, ast.Lambda):
        return
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
        yield node.id, stmt
    elif isinstance(node, ast.ExceptHandler | ast.MatchAs | ast.MatchStar) and node.name:
        yield node.name, stmt
    elif isinstance(node, ast.MatchMapping) and node.rest:
        yield node.rest, stmt
    for child in _live_children(node):
        yield from _bindings(child, stmt)


def _live_children(node: ast.AST) -> list[ast.AST]:
    """The children of ``node`` that may run when the module is imported: not the branch of
    an ``if`` whose test is a constant or ``__name__ == "__main__"``, and not a
    comprehension's target (its own variable)."""
    if isinstance(node, ast.If):
        test = _static_test(node.test)
        if test is not None:
            return [node.test, *(node.body if test else node.orelse)]
    if isinstance(node, ast.comprehension):
        return [node.iter, *node.ifs]
    return list(ast.iter_child_nodes(node))


def _static_test(test: ast.expr) -> bool | None:
    """The value of an ``if`` test at import time, where it is certain."""
    if isinstance(test, ast.Constant):
        return bool(test.value)
    if (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.Eq)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value == "__main__"
    ):
        return False
    return None


def _text(stmt: Located) -> str:
    """A short text of the binding statement (its first line)."""
    if isinstance(stmt, DefNode):
        return f"{'class' if isinstance(stmt, ast.ClassDef) else 'def'} {stmt.name}"
    text = ast.unparse(stmt).splitlines()[0]
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 3] + "..."


# modules whose names of builtins are the builtins themselves (py2/3 compatibility imports)
_SAME_BUILTINS = frozenset({"builtins", "future.builtins", "six.moves"})
BUILTIN_NAMES = frozenset(n for n in dir(builtins) if not n.startswith("_"))
_SEEN = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.Import,
    ast.ImportFrom,
)  # bindings the engine resolves


def builtin_rebinds(tree: ast.Module, star: StarNames | None = None) -> dict[str, Rebinding]:
    """Builtin names (``len``, ``dict``, ``bool``...) the module binds at top level other than
    by a top-level def, class or import (those the engine resolves: a sibling, the module's
    import table): ``len = sum``, a def or import inside ``try``/``if``, ``for input in ...``,
    a star import binding it (``from math import *``: ``pow``; ``star`` says what each star
    import binds, None where that is unknown: then it may bind every builtin name): name ->
    the first such binding. A function reading the name reads the module's value, not the
    builtin the engine translates it as."""
    out: dict[str, Rebinding] = {}
    for top in tree.body:
        for name, stmt, _ in _top_bindings(top):
            if name == STAR and isinstance(stmt, ast.ImportFrom):
                if stmt.module in _SAME_BUILTINS and not stmt.level:
                    continue
                names = star(stmt) if star is not None else None
                bound = BUILTIN_NAMES if names is None else names & BUILTIN_NAMES
                for b in sorted(bound - out.keys()):
                    out[b] = Rebinding(stmt.lineno, _text(stmt), names is None)
                continue
            if name not in BUILTIN_NAMES or name in out or stmt is top and isinstance(top, _SEEN):
                continue
            if not _same_builtin(stmt, name):
                out[name] = Rebinding(stmt.lineno, _text(stmt))
    return out


def _same_builtin(stmt: Located, name: str) -> bool:
    """``from builtins import str``: the binding is the builtin itself."""
    return (
        isinstance(stmt, ast.ImportFrom)
        and stmt.module in _SAME_BUILTINS
        and any(a.name == name and a.asname in (None, name) for a in stmt.names)
    )


def value_reads(node: DefNode) -> frozenset[str]:
    """Names ``node`` reads other than as the function of a call (``key=format``,
    ``pred=bool``, ``map(str, xs)``)."""
    found = list(ast.walk(node))
    called = {id(n.func) for n in found if isinstance(n, ast.Call)}
    return frozenset(
        n.id
        for n in found
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and id(n) not in called
    )


def annotation_only(node: DefNode) -> frozenset[str]:
    """Names ``node`` reads only inside annotations (``x: int``, ``-> list[str]``): rebinding
    such a name (``from numpy import *`` may bind ``int``) changes no value the code computes."""
    in_annotations: set[str] = set()
    elsewhere: set[str] = set()
    stack: list[tuple[ast.AST, bool]] = [(node, False)]
    while stack:
        cur, ann = stack.pop()
        if isinstance(cur, ast.Name):
            (in_annotations if ann else elsewhere).add(cur.id)
        notes = _annotations(cur)
        for child in ast.iter_child_nodes(cur):
            stack.append((child, ann or any(child is n for n in notes)))
    return frozenset(in_annotations - elsewhere)


def _annotations(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.arg | ast.AnnAssign):
        return [node.annotation] if node.annotation is not None else []
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return [node.returns] if node.returns is not None else []
    return []
