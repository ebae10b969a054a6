"""Untyped parameters typed by the attributes they are used with (docs/nodes.md).

``def reverse_list(head): ... head.next ...``: the module classes visible to the unit whose
members include every attribute the function uses on ``head`` (``pipeline/classattrs.py``;
one at least read or written, not only called) are its candidates. Exactly one node class:
``head`` is ``Optional[Node]`` (a node parameter may be None: the empty list, the missing
child), recorded as ``head: Optional[Node] (attributes)``. Two or more classes, one of them a
node class: refused, naming two of them. One class that is not a node class is left to the
usual typing (usage.py refuses an object parameter). Runs after the types from literal calls
and before the types from other uses.
"""

from __future__ import annotations

from collections.abc import Mapping

from pipeline import classattrs
from pipeline.pytypes import PyType
from pipeline.translate.rules.analysis.usage import Assumed
from pipeline.translate.rules.analysis.usage_walk import untyped_param
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.front import hierarchy
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import function_exprs, walk_stmts
from pipeline.translate.rules.types import handles


def apply(fn: ir.Function, sources: Mapping[str, str]) -> list[Assumed]:
    """Type ``fn``'s untyped parameters used with the attributes of one node class."""
    todo = [p for p in fn.params if untyped_param(p) and not p.star]
    if not todo or not handles.handles():
        return []
    classes = {n: c for n, src in sources.items() if (c := hierarchy.class_def(src)) is not None}
    used = _attributes(fn)
    out = []
    for p in todo:
        fits = classattrs.fitting(frozenset(used.get(p.name, ())), classes)
        if len(fits) > 1 and set(fits) & handles.handles():
            shown = sorted(u.removesuffix(classattrs.CALLED) for u in used[p.name])
            raise Refusal(
                Code.UNTYPED_PARAMETER,
                f"untyped parameter {p.name}: its attributes ({', '.join(shown)}) fit "
                f"classes {fits[0]} and {fits[1]}",
                p.line,
            )
        if fits and fits[0] in handles.handles() and _none_or_absent(p.default):
            p.ann = PyType("Optional", (PyType(fits[0]),))
            out.append(Assumed(p.name, p.ann, "attributes"))
    return out


def _attributes(fn: ir.Function) -> dict[str, set[str]]:
    """Name -> attributes (and methods) used on it directly or on a name bound to it."""
    used: dict[str, set[str]] = {}
    for e in function_exprs(fn):
        if isinstance(e, ir.Attr | ir.Method) and isinstance(e.obj, ir.Name):
            called = classattrs.CALLED if isinstance(e, ir.Method) else ""
            used.setdefault(e.obj.id, set()).add(e.name + called)
    aliases: dict[str, set[str]] = {}
    for s in walk_stmts(fn.body):
        if isinstance(s, ir.Assign) and isinstance(s.value, ir.Name):
            names = {t.id for t in s.targets if isinstance(t, ir.Name)}
            aliases.setdefault(s.value.id, set()).update(names)
    return classattrs.with_aliases(used, aliases)


def _none_or_absent(default: ir.Expr | None) -> bool:
    return default is None or (isinstance(default, ir.Const) and default.value is None)
