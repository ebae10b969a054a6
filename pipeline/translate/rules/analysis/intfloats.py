"""Ints held by float locals: the ``float("inf")`` sentinel of a min/max loop.

    low = float("inf")
    for v in values:          # values: list[int]
        if v < low:
            low = v           # Python's low is now an int
    return int(low)

Python's ``low`` holds the float ``inf`` or an int; ``max(best, running)`` with a float and an
int returns whichever argument is larger, keeping its type. The Rust holds such a value as an
f64 equal to the int: each int stored (``low = v``) or passed among floats to ``min``/``max``
is converted exactly or not at all (``pyrt::exact_float`` raises beyond 2**53, an ``overflow``
for the verifier, never a rounded value), so comparisons, ``min``/``max`` and ``int(low)``
give Python's answers. What differs is the int's *text* and its arithmetic (``6`` vs ``6.0``,
float rounding), so every read of such a local and every mixed ``min``/``max`` must be

- an operand of a comparison, the argument of ``int()``,
- an argument of a mixed ``min``/``max`` that is itself so used,
- the value assigned to such a local (a local given a mixed ``min``/``max`` is one), or
  returned where float is declared (the verifier
  compares Python's int with the f64 by value, as for any float function's ``return 0``);

anything else (printing, arithmetic, passing it on, a nested def) is refused, naming the local.
"""

from __future__ import annotations

from pipeline.pytypes import PyType
from pipeline.translate.rules.analysis.facts import NodeFacts
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import function_exprs, walk_stmts

MINMAX = ("min", "max")


def mixed_minmax(e: ir.Call, arg_types: list[PyType]) -> bool:
    """Whether ``e`` is ``min``/``max`` of two or more arguments mixing ints and floats."""
    return (
        e.func in MINMAX
        and len(e.args) >= 2
        and not e.kwargs
        and not e.star
        and {t.name for t in arg_types} == {"int", "float"}
    )


def check_uses(fn: ir.Function, names: set[str], facts: NodeFacts, float_return: bool) -> None:
    """Refuse a read of a float local given ints (``names``) or a mixed min/max call
    (``facts.mixed_minmax``) anywhere but the uses the module docstring lists."""
    mixed = {id(e) for e in function_exprs(fn) if id(e) in facts.mixed_minmax}
    if not names and not mixed:
        return
    names = set(names)
    for s in walk_stmts(fn.body):  # ``best = max(best, v)``: best may hold an int too
        if isinstance(s, ir.Assign) and id(s.value) in mixed:
            names |= {t.id for t in s.targets if isinstance(t, ir.Name)}
    allowed: set[int] = set()
    stores: set[int] = set()
    for s in walk_stmts(fn.body):
        if isinstance(s, ir.LocalDef) and names:
            raise Refusal(
                Code.TYPE_CHANGE,
                f"variable {sorted(names)[0]} holds ints and floats (float('inf') then ints), "
                "and the function has a nested def",
                s.line,
            )
        if isinstance(s, ir.Assign):
            stores |= {id(t) for t in s.targets}
            target = s.targets[0] if len(s.targets) == 1 else None
            if isinstance(target, ir.Name) and target.id in names:
                allowed.add(id(s.value))
        if isinstance(s, ir.Return) and s.value is not None and float_return:
            allowed.add(id(s.value))
    calls: list[ir.Call] = []
    for e in function_exprs(fn):
        if isinstance(e, ir.Compare):
            allowed |= {id(x) for x in (e.left, *e.rights)}
        elif isinstance(e, ir.Call) and e.func == "int" and len(e.args) == 1 and not e.kwargs:
            allowed.add(id(e.args[0]))
        elif isinstance(e, ir.Call) and id(e) in mixed:
            calls.append(e)
    grew = True
    while grew:  # min(max(a, b), c): a mixed call's arguments are used as the call is
        grew = False
        for call in calls:
            if id(call) in allowed and not all(id(a) in allowed for a in call.args):
                allowed |= {id(a) for a in call.args}
                grew = True
    for e in function_exprs(fn):
        if id(e) in allowed or id(e) in stores:
            continue
        if isinstance(e, ir.Name) and e.id in names:
            raise Refusal(
                Code.TYPE_CHANGE,
                f"variable {e.id} holds ints and floats (float('inf') then ints); it may only "
                "be compared, converted with int(), given to min()/max() or returned as a float",
                e.line,
            )
        if isinstance(e, ir.Call) and id(e) in mixed:
            raise Refusal(
                Code.CALL,
                f"{e.func}() of ints and floats keeps the type of the argument it returns; "
                "its result may only be compared, converted with int(), stored in a float "
                "local or returned as a float",
                e.line,
            )
