"""Which classes of a module an untyped parameter's attribute uses fit (syntax only).

``def reverse_list(head): ... head.next ...`` names no class, yet ``head`` can only be an
object whose class has a ``next``: the module classes whose members (attributes set through
``self`` in any method, and method names) include every attribute the function reads, writes
or calls on the parameter, one of them at least read or written (not only called). The
sharder puts those classes into the unit's context (so the engine sees them), and the rule
engine types the parameter when exactly one fits (translate/rules/analysis/nodeparams.py).
Standard library only; below the sharder and the engine.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Mapping

from pipeline.units.astnodes import nodes

Def = ast.FunctionDef | ast.AsyncFunctionDef


@functools.lru_cache(maxsize=4096)
def members(node: ast.ClassDef) -> frozenset[str]:
    """Attributes set on ``self`` in the class's methods, its methods, its annotated
    class-level fields."""
    out = set()
    for stmt in node.body:
        if isinstance(stmt, Def):
            out.add(stmt.name)
            for n in nodes(stmt):
                if (
                    isinstance(n, ast.Attribute)
                    and isinstance(n.ctx, ast.Store)
                    and isinstance(n.value, ast.Name)
                    and n.value.id == "self"
                ):
                    out.add(n.attr)
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            out.add(stmt.target.id)
    return frozenset(out)


CALLED = "()"  # suffix of a member that is called (``x.push(v)``: ``push()``)


def attributes_used(fn: Def) -> dict[str, set[str]]:
    """Name -> the members used on it directly in ``fn`` (``name.x``; ``x()`` when called),
    or on a name bound to it (``slow = fast = head``: ``head`` gets ``slow``'s and ``fast``'s)."""
    out: dict[str, set[str]] = {}
    aliases: dict[str, set[str]] = {}
    called: set[int] = set()
    attributes: list[ast.Attribute] = []
    for n in nodes(fn):  # one walk; the attributes are read once every call is known
        if isinstance(n, ast.Call):
            called.add(id(n.func))
        elif isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name):
            attributes.append(n)
        elif isinstance(n, ast.Assign) and isinstance(n.value, ast.Name):
            names = {t.id for t in n.targets if isinstance(t, ast.Name)}
            aliases.setdefault(n.value.id, set()).update(names)
    for a in attributes:
        name = a.value.id  # type: ignore[attr-defined]
        out.setdefault(name, set()).add(a.attr + (CALLED if id(a) in called else ""))
    return with_aliases(out, aliases)


def with_aliases(used: dict[str, set[str]], aliases: dict[str, set[str]]) -> dict[str, set[str]]:
    """``used`` with each name's aliases' uses added (transitively)."""
    out = {}
    for name in set(used) | set(aliases):
        seen, todo, attrs = {name}, [name], set()
        while todo:
            cur = todo.pop()
            attrs |= used.get(cur, set())
            for a in aliases.get(cur, ()):
                if a not in seen:
                    seen.add(a)
                    todo.append(a)
        out[name] = attrs
    return out


def fitting(used: frozenset[str], classes: Mapping[str, ast.ClassDef]) -> list[str]:
    """The classes (sorted) whose members include every member in ``used``, when at least
    one of them is an attribute, not a call (a parameter only called methods on, ``xs.append``,
    is left to the builtin types)."""
    if all(u.endswith(CALLED) for u in used):
        return []
    names = frozenset(u.removesuffix(CALLED) for u in used)
    return sorted(name for name, node in classes.items() if names <= members(node))


def untyped_params(fn: Def) -> list[str]:
    """Parameters without an annotation (``self``/``cls`` of a method left out)."""
    args = fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs
    return [a.arg for a in args if a.annotation is None and a.arg not in ("self", "cls")]


@functools.lru_cache(maxsize=8192)
def param_uses(fn: Def | ast.ClassDef) -> tuple[frozenset[str], ...]:
    """The members used on each untyped parameter of ``fn`` (and of the defs nested in it
    or, for a class, of its methods) that uses any (``attributes_used``; memoised: the AST
    nodes the callers pass are themselves cached per source)."""
    out = []
    for d in (n for n in nodes(fn) if isinstance(n, Def)):  # (the order is of no account)
        params = untyped_params(d)
        if not params:
            continue
        used = attributes_used(d)
        out += [frozenset(used[p]) for p in params if used.get(p)]
    return tuple(out)


def classes_fitting_params(fn: Def | ast.ClassDef, classes: Mapping[str, ast.ClassDef]) -> set[str]:
    """Every class that fits some untyped parameter of ``fn`` (``param_uses``)."""
    out: set[str] = set()
    if not classes:
        return out
    for used in param_uses(fn):
        out.update(fitting(used, classes))
    return out
