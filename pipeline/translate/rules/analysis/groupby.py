"""Where ``itertools.groupby`` is exact with its groups read into lists.

CPython's group is a lazy view of the shared underlying iterator: it is emptied when the outer
loop moves on, and a second pass over it finds nothing. The runtime reads each group into a
list when its ``(key, group)`` pair is produced (``pyrt.rs``), which gives the same items exactly
where no one can tell the difference. So ``groupby(...)`` must be the iterable of a ``for``
loop or of a comprehension clause whose target is ``key, group``, and ``group`` is read at most
once, where it runs once per pair (not inside a nested loop, a later clause or a lambda), and
only consumed whole: the argument of ``list``/``tuple``/``set``/``sorted``/``sum``/``min``/
``max``/``any``/``all``/``str.join``, or the iterable of a loop or of a comprehension's first
clause. Anything else (``len(group)``, storing it, reading it twice) is refused.
"""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import assigned_names, function_exprs, walk_stmts

GROUPBY = "itertools.groupby"
CONSUMERS = frozenset({"list", "tuple", "set", "frozenset", "sorted", "sum", "min", "max"})
CONSUMERS_ALL = CONSUMERS | {"any", "all"}


def check(fn: ir.Function) -> None:
    """Refuse every ``groupby`` use outside the exact shape above."""
    exprs = function_exprs(fn)
    calls = [e for e in exprs if isinstance(e, ir.Call) and e.func == GROUPBY]
    if not calls:
        return
    admitted: set[int] = set()
    for s in walk_stmts(fn.body):
        if isinstance(s, ir.For) and _is_groupby(s.iter):
            group = _group(s.target, s.line)
            if group in assigned_names(s.body):
                raise Refusal(Code.CALL, f"groupby(): the group {group} is rebound", s.line)
            _once(group, [u for st in s.body for u in _stmt_uses(st, group)], s.line)
            admitted.add(id(s.iter))
    for e in exprs:
        if isinstance(e, ir.Comp):
            admitted |= _comp(e)
    for call in calls:
        if id(call) not in admitted:
            raise Refusal(
                Code.CALL,
                "groupby() other than as the iterable of a loop over `key, group`",
                call.line,
            )


def _is_groupby(e: ir.Expr) -> bool:
    return isinstance(e, ir.Call) and e.func == GROUPBY


def _group(target: ir.Expr, line: int | None) -> str:
    """The group variable of a ``key, group`` target."""
    if (
        isinstance(target, ir.Seq)
        and len(target.elts) == 2
        and all(isinstance(t, ir.Name) for t in target.elts)
    ):
        name: str = target.elts[1].id  # type: ignore[attr-defined]
        return name
    raise Refusal(Code.CALL, "groupby() in a loop whose target is not `key, group`", line)


def _once(group: str, uses: list[bool], line: int | None) -> None:
    if len(uses) > 1 or not all(uses):
        raise Refusal(
            Code.CALL,
            f"groupby(): the group {group} is used other than once, consumed whole, per pair",
            line,
        )


def _comp(e: ir.Comp) -> set[int]:
    """The groupby calls that are exact clause iterables of comprehension ``e``."""
    found: set[int] = set()
    for i, clause in enumerate(e.gens):
        if not _is_groupby(clause.iter):
            continue
        group = _group(clause.target, e.line)
        tail = [e.elt, *([e.value] if e.value else [])]
        later = e.gens[i + 1 :]
        once: list[ir.Expr] = [*clause.conds, *([later[0].iter] if later else tail)]
        again = [x for g in later for x in g.conds] + [g.iter for g in later[1:]]
        again += tail if later else []
        if any(group in _target_names(g.target) for g in later):
            raise Refusal(Code.CALL, f"groupby(): the group {group} is rebound", e.line)
        uses = [u for x in once for u in _uses(x, group, repeated=False)]
        uses += [u for x in again for u in _uses(x, group, repeated=True)]
        _once(group, uses, e.line)
        found.add(id(clause.iter))
    return found


def _target_names(t: ir.Expr) -> list[str]:
    if isinstance(t, ir.Name):
        return [t.id]
    if isinstance(t, ir.Seq):
        return [n for x in t.elts for n in _target_names(x)]
    return []


def _stmt_uses(s: ir.Stmt, group: str, repeated: bool = False) -> Iterator[bool]:
    """For each read of ``group`` in ``s``: whether it is an exact, once-per-pair consumption."""
    looping = isinstance(s, ir.For | ir.While)
    for name in ("targets", "target", "value", "test", "iter", "msg"):
        value = getattr(s, name, None)
        again = repeated or (looping and name == "test")
        if isinstance(s, ir.For) and name == "iter" and _is_name(value, group):
            yield not repeated
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, ir.Expr):
                yield from _uses(item, group, again)
    for attr in ("body", "orelse", "finalbody"):
        for inner in getattr(s, attr, []):
            yield from _stmt_uses(inner, group, repeated or (looping and attr == "body"))
    for h in getattr(s, "handlers", []):
        for inner in h.body:
            yield from _stmt_uses(inner, group, repeated)
    if isinstance(s, ir.LocalDef):
        for inner in s.fn.body:
            yield from _stmt_uses(inner, group, True)


def _is_name(e: object, name: str) -> bool:
    return isinstance(e, ir.Name) and e.id == name


def _uses(e: ir.Expr, group: str, repeated: bool) -> Iterator[bool]:
    """For each read of ``group`` in ``e``: whether it is an exact consumption."""
    if isinstance(e, ir.Name):
        if e.id == group:
            yield False
        return
    if isinstance(e, ir.Call) and e.func in CONSUMERS_ALL and e.args and _is_name(e.args[0], group):
        yield not repeated
        rest: list[ir.Expr] = [*e.args[1:], *e.kwargs.values()]
        for x in rest:
            yield from _uses(x, group, repeated)
        return
    if isinstance(e, ir.Method) and e.name == "join" and e.args and _is_name(e.args[0], group):
        yield not repeated
        yield from _uses(e.obj, group, repeated)
        return
    if isinstance(e, ir.Comp):
        first = e.gens[0]
        if _is_name(first.iter, group):
            yield not repeated
        else:
            yield from _uses(first.iter, group, repeated)
        rest = [*first.conds, e.elt, *([e.value] if e.value else [])]
        rest += [x for g in e.gens[1:] for x in (g.iter, *g.conds)]
        for x in rest:
            yield from _uses(x, group, True)
        return
    if isinstance(e, ir.Lambda):
        yield from _uses(e.body, group, True)
        return
    for child in _direct(e):
        yield from _uses(child, group, repeated)


def _direct(e: ir.Expr) -> Iterator[ir.Expr]:
    """The expressions directly inside ``e``."""
    for value in vars(e).values():
        items = list(value.values()) if isinstance(value, dict) else value
        for item in items if isinstance(items, list) else [items]:
            if isinstance(item, ir.Expr):
                yield item
            elif isinstance(item, ir.FmtField):
                yield item.value
                yield from item.spec_args
