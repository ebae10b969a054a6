"""Lowering, pass 0: a local bound to a container's method (``seen_add = seen.add``) and only
ever called is that method called on its object.

Library code hoists method lookups out of loops (more_itertools' ``unique_everseen``,
``rstrip``; the stdlib's ``append = result.append``): ``seen_add(x)`` runs exactly
``seen.add(x)`` as long as ``seen`` names the same object at every call as at the binding, the
attribute means the same method at both times, and the alias is never used but called. The
rewrite is made only where that holds by construction:

- the binding ``alias = recv.meth`` is a statement of the function's own body (not inside a
  loop, branch or ``try``), and ``recv`` is a parameter or bound by a plain assignment earlier
  in that body, never stored, deleted, declared ``global``/``nonlocal`` or a nested function's
  parameter anywhere else in the function;
- ``meth`` is the name of a method of a builtin container or string type (``add``,
  ``append``, ``clear``, ``extend``, ``get``, ``join``...), and nothing in the function stores
  an attribute of that name (a user class's method of the same name stays one method);
- ``alias`` is bound nowhere else, read nowhere before its binding, never declared
  ``global``/``nonlocal``, and every later read of it is the callee of a call outside any
  nested function, lambda or class (at least one).

Anything else is left as written, and lowering refuses it as before (``attribute access .add
is not supported``). Attribute lookups on builtin types run no code, so dropping the binding
statement changes no effect: a lookup that would fail (``None.add``) is the call's failure,
which typing refuses.
"""

from __future__ import annotations

import ast
import collections
import copy
from collections.abc import Iterator

BUILTIN_METHODS = frozenset(
    name
    for t in (
        list,
        set,
        frozenset,
        dict,
        str,
        bytes,
        bytearray,
        tuple,
        collections.deque,
        collections.Counter,
        collections.OrderedDict,
        collections.defaultdict,
    )
    for name in dir(t)
    if not name.startswith("_")
)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def has_alias(source: str) -> bool:
    """A cheap pre-test on a unit's source: some line binds a name to ``name.attr``."""
    return any(_looks_like_alias(line) for line in source.splitlines())


def _looks_like_alias(line: str) -> bool:
    left, eq, right = line.partition("=")
    if not eq or right.startswith("=") or left.rstrip().endswith(("!", "<", ">", "=")):
        return False
    recv, dot, meth = right.strip().partition(".")
    return (
        bool(dot)
        and left.strip().isidentifier()
        and recv.isidentifier()
        and meth in BUILTIN_METHODS
    )


def inline(fn: ast.FunctionDef) -> ast.FunctionDef:
    """``fn`` with its method aliases replaced by the calls they stand for (in place)."""
    for index, stmt in enumerate(list(fn.body)):
        found = _alias(stmt)
        if found is None:
            continue
        alias, recv, meth = found
        calls = _calls_if_safe(fn, index, alias, recv, meth)
        if calls is None:
            continue
        target = stmt.value  # type: ignore[attr-defined]
        for call in calls:
            func = copy.deepcopy(target)
            ast.copy_location(func, call.func)
            ast.fix_missing_locations(func)
            call.func = func
        fn.body[index] = ast.copy_location(ast.Pass(), stmt)
    return fn


def _alias(stmt: ast.stmt) -> tuple[str, str, str] | None:
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1):
        return None
    target, value = stmt.targets[0], stmt.value
    if not (
        isinstance(target, ast.Name)
        and isinstance(value, ast.Attribute)
        and isinstance(value.value, ast.Name)
        and value.attr in BUILTIN_METHODS
        and value.value.id != target.id
    ):
        return None
    return target.id, value.value.id, value.attr


def _calls_if_safe(
    fn: ast.FunctionDef, index: int, alias: str, recv: str, meth: str
) -> list[ast.Call] | None:
    """The calls of ``alias`` to rewrite, or None where the rewrite might not be exact."""
    params = {a.arg for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)}
    params |= {a.arg for a in (fn.args.vararg, fn.args.kwarg) if a is not None}
    if alias in params:
        return None
    recv_bound = recv in params
    for before in fn.body[:index]:
        if _reads(before, alias) or _stores(before, alias):
            return None
        if _binds_plainly(before, recv):
            recv_bound = True
    if not recv_bound:
        return None
    after = fn.body[index + 1 :]
    if any(_stores(s, recv) or _stores(s, alias) for s in after):
        return None
    for node in _walk(after):
        if isinstance(node, ast.arg) and node.arg in (alias, recv):
            return None
    for node in ast.walk(fn):
        if isinstance(node, (ast.Global, ast.Nonlocal)) and {alias, recv} & set(node.names):
            return None
        if (
            isinstance(node, ast.Attribute)
            and node.attr == meth
            and not isinstance(node.ctx, ast.Load)
        ):
            return None  # an attribute of that name stored: the method may not stay one
        if isinstance(node, ast.Name) and node.id in ("setattr", "delattr"):
            return None
    calls: list[ast.Call] = []
    callees: set[int] = set()
    for node, nested in _walk_scoped(after):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == alias:
            if nested:
                return None
            calls.append(node)
            callees.add(id(node.func))
    for node in _walk(after):
        if isinstance(node, ast.Name) and node.id == alias and id(node) not in callees:
            return None
    return calls or None


def _binds_plainly(stmt: ast.stmt, name: str) -> bool:
    """``name = value`` or ``name: T = value``."""
    if isinstance(stmt, ast.Assign):
        return any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets)
    return (
        isinstance(stmt, ast.AnnAssign)
        and stmt.value is not None
        and isinstance(stmt.target, ast.Name)
        and stmt.target.id == name
    )


def _walk(stmts: list[ast.stmt]) -> Iterator[ast.AST]:
    for s in stmts:
        yield from ast.walk(s)


def _walk_scoped(stmts: list[ast.stmt]) -> Iterator[tuple[ast.AST, bool]]:
    """Every node under ``stmts`` with whether it lies inside a nested function or class."""
    todo: list[tuple[ast.AST, bool]] = [(s, False) for s in reversed(stmts)]
    while todo:
        node, nested = todo.pop()
        yield node, nested
        inner = nested or isinstance(node, _SCOPES)
        todo.extend((c, inner) for c in reversed(list(ast.iter_child_nodes(node))))


def _reads(stmt: ast.stmt, name: str) -> bool:
    return any(
        isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)
        for n in ast.walk(stmt)
    )


def _stores(stmt: ast.stmt, name: str) -> bool:
    """Whether ``stmt`` binds or deletes ``name`` anywhere (targets, imports, defs, ``as``)."""
    for n in ast.walk(stmt):
        if isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load):
            return True
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == name:
            return True
        if isinstance(n, ast.ExceptHandler) and n.name == name:
            return True
        if isinstance(n, (ast.Import, ast.ImportFrom)) and any(
            (a.asname or a.name.split(".")[0]) == name for a in n.names
        ):
            return True
        if isinstance(n, (ast.MatchAs, ast.MatchStar)) and n.name == name:
            return True
        if isinstance(n, ast.MatchMapping) and n.rest == name:
            return True
    return False
