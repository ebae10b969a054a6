"""Types for parameters nobody annotated, from how the body uses them (as Shed Skin and
pytype do), recorded with their source for the manifest (``s: str (usage)``).

Runs on the lowered IR after ``paramhints`` (types from literal calls), before inference.
Every parameter still without a type (no annotation or a bare ``list``/``dict``/``set``/
``tuple``/``Any``/``object`` one, and no typed default) gets a *slot*; so do the values
derived from it (its items, its dict values, the positions of a tuple). Each use narrows the
kinds a slot may have (``int float bool str list dict set tuple``):

- methods: ``s.split()`` str, ``xs.append(x)`` list (and ``x`` joins the item slot),
  ``d.items()`` dict, ``s.add(x)`` set, ``data.decode()``/``data.hex()`` bytes; shared names
  narrow to the kinds that have them;
- operators with an operand of known kind: ``n + 1``, ``n < 10``, ``-n`` a number,
  ``s + "!"`` str, ``n * 0.5`` a float number; two slots in one arithmetic or ordering are
  one kind (``a + b``); ``x == 0`` says int unless a harder use says otherwise;
- subscripts (``xs[i]`` a sequence, ``d["k"]`` a dict with str keys), slices, ``for x in xs``
  (an iterable whose items are the loop variable's slot; ``iter(xs)`` has the items of
  ``xs``), ``len``/``sorted``/``sum``/``range``/``abs``/``ord``/``chr``/``math.*``,
  f-string format specs (``:.2f`` float, ``:d`` int);
- arguments of functions of known signature, by position or by keyword: siblings of the
  module (their own parameters typed the same way, through ``lookup``: the module's call
  graph is solved callee first, and a recursive call joins its arguments to the function's
  own parameters); such a call's scalar result is of the sibling's return type.

Stated rules turn a slot's remaining kinds into one type, never by chance:

1. numbers are ``int`` unless a use needs a float (a float literal, a float format spec);
2. a container that is only iterated, measured or indexed is a ``list``; it is a ``str`` only
   when a use needs one (a str method, an operand of str), when its items are single
   characters (tested ``in`` a string, passed to ``ord``, char predicates), or when an item
   and a slice of it are the same value (``s[i]`` and ``s[a:b]`` both returned);
3. a value only stored, compared with ``==``, moved or returned is a type variable ``T``
   (``generics`` checks the body is exact for every ``T`` and verifies with int and str);
4. a value only tested for truth (``if flag:``) is a ``bool``; one only formatted or printed
   (f-strings, ``str``, ``print``) is a ``str``;
5. a dict key or set member (or an item passed to ``set()``) is hashable (not a list, dict or
   set), a ``str`` before a ``tuple``, and with no other evidence an ``int`` (hashing a ``T``
   has no exact Rust meaning: rule 1's default instead); a slot whose uses disagree is
   refused (both uses are named), as is a parameter whose attributes are read or whose
   methods are not those of a builtin type (an object);
7. a parameter called as a function (``f(x)``, ``key=f``, ``map(f, xs)``, ``filter(f, xs)``)
   is a ``Callable`` of its arguments' and its result's types (``Callable[[int], bool]`` for
   ``if pred(x):``), taken as ``impl Fn``; called with keywords or ``*args`` it stays untyped,
   and with another use of a value (``f + 1``, ``len(f)``) it disagrees. An argument or a
   result of such a call that no other use types is an ``int`` (rule 1's default, not a
   ``T``: the verifier passes functions from a catalogue of concrete signatures, and a
   closure over a type variable has no exact Rust meaning), recorded like every assumption
   (``f: Callable[[int], int] (usage)``).

A recursive function without a return annotation gets its return type here too (see
``_recursive_returns``), also when every parameter is typed.

A parameter left without a type keeps the usual ``PT020`` refusal. The verifier draws its
inputs from the assumed types; where Python itself raises TypeError/AttributeError on most of
them, the typing is refuted (pipeline/verify/outcome.py), never verified.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.pytypes import PyType, typevar, typevars_in
from pipeline.translate.rules.analysis.facts import SigLookup
from pipeline.translate.rules.analysis.slots import (
    ALL,
    BOOL,
    DICT,
    FLOAT,
    HASHABLE,
    INT,
    LIST,
    NUM,
    SET,
    STR,
    TUPLE,
    Conflict,
    Slot,
    Val,
    join,
    join_val,
    narrow,
)
from pipeline.translate.rules.analysis.usage_walk import (
    ANY_ITEM,
    ANY_KEY,
    ConstantLookup,
    Returned,
    Returns,
    Uses,
    untyped_param,
)
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import always_leaves, function_exprs, walk_stmts
from pipeline.translate.rules.types import paramhints
from pipeline.translate.rules.types.paramhints import GENERIC_NAMES

NONE, FLOAT_T = PyType("None"), PyType(FLOAT)


@dataclass
class Assumed:
    """The type a parameter was given without an annotation, and from what."""

    param: str
    type: PyType
    source: str  # "calls" (paramhints) | "usage"

    def render(self) -> str:
        return f"{self.param}: {self.type.render().replace('~', '')} ({self.source})"


def untyped(fn: ir.Function) -> list[str]:
    """Parameters with no annotation and no typed default (before any hint is applied)."""
    return [p.name for p in fn.params if untyped_param(p)]


def apply(
    fn: ir.Function,
    before: list[str],
    lookup: SigLookup,
    typevars: Iterable[str] = (),
    in_cycle: bool = False,
    constants: ConstantLookup | None = None,
) -> list[Assumed]:
    """Type ``fn``'s parameters still untyped from their uses; what was assumed, in order
    (``before``: the untyped parameters before ``paramhints`` ran: those it typed came from
    calls). A disagreement refuses (PT020) naming both uses. A recursive function (or one
    ``in_cycle`` of mutually recursive ones) also gets its return type."""
    out = [Assumed(p.name, p.ann, "calls") for p in fn.params if p.name in before and p.ann]
    todo = [p for p in fn.params if untyped_param(p)]
    recursive = not fn.has_return_ann and not fn.generator and (in_cycle or calls_itself(fn))
    if not todo and not recursive and not _untyped_nested(fn):
        return out
    taken = {*typevars, *(n for p in fn.params if p.ann for n in typevars_in(p.ann))}
    names = _Names(taken)
    params = _all_params(fn)
    before_anns = [p.ann for p in params]
    try:
        try:  # first with the typed parameters' item types (``return xs[i]`` or ``default``)
            walker = Uses(fn, lookup, {p.name for p in todo}, constants, typed=True)
            walker.run()
            assumed = _assume(todo, walker, names, paramhints.none_tested(fn))
        except Conflict:  # then as before, the typed parameters known by their kinds alone
            for p, ann in zip(params, before_anns, strict=True):
                p.ann = ann
            names = _Names(taken)
            walker = Uses(fn, lookup, {p.name for p in todo}, constants)
            walker.run()
            assumed = _assume(todo, walker, names, paramhints.none_tested(fn))
        out += assumed
    except Conflict as exc:
        if not todo:
            return out  # no parameter to refuse: inference says what is wrong, if anything
        raise Refusal(
            Code.UNTYPED_PARAMETER, f"untyped parameter: its uses disagree ({exc})", fn.line
        ) from None
    if recursive:
        _recursive_returns(fn, walker.own, names)
    _nested_returns(fn, walker, names)
    return out


def _all_params(fn: ir.Function) -> list[ir.Param]:
    """``fn``'s parameters and those of its nested defs (``_assume`` types both)."""
    out = list(fn.params)
    for s in walk_stmts(fn.body):
        if isinstance(s, ir.LocalDef):
            out += _all_params(s.fn)
    return out


def _untyped_nested(fn: ir.Function) -> bool:
    return any(
        isinstance(s, ir.LocalDef) and any(untyped_param(p) for p in s.fn.params)
        for s in walk_stmts(fn.body)
    )


def calls_itself(fn: ir.Function) -> bool:
    return any(isinstance(e, ir.Call) and e.func == fn.name for e in function_exprs(fn))


def _assume(
    todo: list[ir.Param], walker: Uses, names: _Names, none_tested: set[str]
) -> list[Assumed]:
    """Resolve each parameter's slot by the stated rules; annotate it (Optional: one with a
    None default, or that the body compares with None and never rebinds)."""
    out = []
    seen: set[int] = set()
    for p in todo:
        settle(walker.slots[p.name], seen)
    for _p, slot in walker.nested_params:
        settle(slot, seen)
    for p in todo:
        slot = walker.slots[p.name]
        found = resolve(slot, names)
        if found is None:
            continue
        if (p.default is not None and not isinstance(p.default, ir.Lambda)) or (
            p.name in none_tested and found.name != "Optional"
        ):
            found = PyType("Optional", (found,))
        p.ann = found
        out.append(Assumed(p.name, found, "usage"))
    for p, slot in walker.nested_params:
        _nested_param(p, resolve(slot, names))
    return out


def _nested_param(p: ir.Param, found: PyType | None) -> None:
    """A nested def's parameter takes the type its uses and calls give, unless it is a type
    variable (a lifted Rust ``fn`` cannot use its enclosing function's): it is the enclosing
    function's own business, not an input of the unit, so it is not recorded in ``typing``."""
    if found is None or typevars_in(found):
        return
    p.ann = PyType("Optional", (found,)) if p.default is not None else found


def _nested_returns(fn: ir.Function, walker: Uses, names: _Names) -> None:
    """A recursive nested def gets its return type by the same rules (not a type variable:
    a lifted Rust ``fn`` cannot use its enclosing function's)."""
    for st in walk_stmts(fn.body):
        if not isinstance(st, ir.LocalDef) or st.fn.name not in walker.local_returns:
            continue
        local = st.fn
        if local.has_return_ann or local.generator or not calls_itself(local):
            continue
        _recursive_returns(local, walker.local_returns[local.name], names)
        if local.returns is not None and typevars_in(local.returns):
            local.returns, local.has_return_ann = None, False
        local.declared_returns = local.returns


def _recursive_returns(fn: ir.Function, rets: Returns, names: _Names) -> None:
    """A recursive function needs its return type up front (inference then checks every
    return statement against it, a recursive one included):

    - one that returns no value anywhere (``return`` alone, or falls off the end) returns
      ``None``;
    - else the one type its base-case returns agree on, those whose type the walk knows
      (``return arr`` and ``return merge(a, b)``: ``arr``'s type), when every path ends in a
      return; a ``float`` only when every base case says so (an int returned where a float
      is declared would become a float, which Python does not do)."""
    if not rets.valued:
        fn.returns, fn.has_return_ann = NONE, True
        return
    found = [resolve_val(v, names) for v in rets.base]
    known = [t for t in found if t is not None]
    if not known or any(t != known[0] for t in known) or not always_leaves(fn.body):
        return
    if known[0] == FLOAT_T and len(known) < len(found):
        return
    fn.returns = known[0]
    fn.has_return_ann = True


class _Names:
    """Fresh type-variable names, none of the module's own; what each slot resolved to."""

    def __init__(self, taken: set[str]) -> None:
        self.free = [n for n in GENERIC_NAMES if n not in taken]
        self.done: dict[int, PyType | None] = {}

    def fresh(self) -> PyType | None:
        return typevar(self.free.pop(0)) if self.free else None


def resolve_val(v: Val | Returned, names: _Names) -> PyType | None:
    if isinstance(v, Slot):
        return resolve(v, names)
    if isinstance(v, PyType):
        return v
    if isinstance(v, tuple):
        parts = [resolve_val(x, names) for x in v]
        return None if None in parts else PyType(TUPLE, tuple(parts))  # type: ignore[arg-type]
    if v in (INT, FLOAT, BOOL, STR):
        return PyType(v)
    return None


def resolve(slot: Slot, names: _Names, seen: frozenset[int] = frozenset()) -> PyType | None:
    """The type the stated rules give a slot (None: left untyped, also for a slot that
    contains itself, as ``flatten(x)`` called on the items of ``x`` would say)."""
    s = slot.find()
    if s.fixed is not None:
        return s.fixed
    if s.opaque or id(s) in seen:
        return None
    if id(s) not in names.done:
        names.done[id(s)] = _resolve(s, names, seen | {id(s)})
    return names.done[id(s)]


def settle(slot: Slot, seen: set[int]) -> None:
    """Subscripts read while a container could still be a list or a dict (``d[k]``, ``k``
    of no known kind) join, once its kind is decided, its items and an int index (a
    sequence) or its keys and values (a dict: also when the one value both indexes it and is
    tested ``in`` it); for every slot reachable from ``slot``."""
    s = slot.find()
    if id(s) in seen:
        return
    seen.add(id(s))
    key, item = s.kids.pop(ANY_KEY, None), s.kids.pop(ANY_ITEM, None)
    kind = _container_kind(s, _kinds(s)) if key or item else None
    if kind == LIST and DICT in s.hard and key is not None and s.kid("item") is key.find():
        kind = DICT  # ``k in d`` and ``d[k]``: ``k`` is a key
    if kind is not None:
        narrow(s, {kind}, f"settled as a {kind}")
    if kind == DICT:
        if key is not None:
            join(s.kid("item"), key)
        if item is not None:
            join(s.kid("value"), item)
    elif kind in (LIST, TUPLE, STR):
        if key is not None:
            narrow(key, {INT, BOOL}, "index")
        if item is not None:
            join_val(item, STR if kind == STR else s.kid("item"), "item of a str")
    for kid in list(s.kids.values()):
        settle(kid, seen)


def _kinds(s: Slot) -> frozenset[str]:
    return s.hard & s.soft if s.hard & s.soft else s.hard


def _container_kind(s: Slot, kinds: frozenset[str]) -> str | None:
    """Which container (or str) the stated rules make a slot of these kinds."""
    if TUPLE in kinds and any(k.isdigit() for k in s.kids):  # unpacked: ``a, b = pair``
        return TUPLE
    if STR in kinds and (kinds == {STR} or _chars(s)):
        return STR
    for kind in (LIST, DICT, SET):
        if kind in kinds:
            return kind
    if STR in kinds:
        return STR
    return TUPLE if TUPLE in kinds else None


def _resolve(s: Slot, names: _Names, seen: frozenset[int]) -> PyType | None:
    kinds = _kinds(s)
    if s.called >= 0:
        return _callable(s, names, seen)
    if kinds == ALL:
        if s.truth or s.shown:  # rules 4 and 6
            return PyType(BOOL if s.truth else STR)
        if s.fnval:  # rule 7
            return PyType(INT)
        return names.fresh()
    if kinds <= NUM | {BOOL}:
        if FLOAT in kinds and (s.floaty or INT not in kinds):
            return PyType(FLOAT)
        return PyType(INT) if INT in kinds else PyType(BOOL)
    if kinds >= HASHABLE:
        return PyType(INT)  # rule 5: only hashed
    kind = _container_kind(s, kinds)
    if kind == STR:
        return PyType(STR)
    return _container(s, kind, names, seen) if kind is not None else None


def _callable(s: Slot, names: _Names, seen: frozenset[int]) -> PyType | None:
    """Rule 7: a slot called as a function is a ``Callable`` of its arguments' and result's
    types; any use that needs a value of a builtin kind disagrees."""
    if s.hard != ALL:
        raise Conflict(f"{s.label}: called as a function and {', '.join(s.why)}")
    parts = [resolve(s.kid(f"arg{i}"), names, seen) for i in range(s.called)]
    parts.append(resolve(s.kid("ret"), names, seen))
    return None if None in parts else PyType("Callable", tuple(parts))  # type: ignore[arg-type]


def _chars(s: Slot) -> bool:
    """Whether the items of ``s`` are characters (or ``s`` itself: a str's item is a str)."""
    item = s.kids.get("item")
    if item is None:
        return False
    item = item.find()
    return item is s or (item.chars and STR in item.hard)


def _container(s: Slot, kind: str, names: _Names, seen: frozenset[int]) -> PyType | None:
    if kind == TUPLE and any(k.isdigit() for k in s.kids):
        count = 1 + max(int(k) for k in s.kids if k.isdigit())
        parts = [resolve(s.kid(str(i)), names, seen) for i in range(count)]
        return None if None in parts else PyType(TUPLE, tuple(parts))  # type: ignore[arg-type]
    item = s.kid("item")
    if kind in (DICT, SET):
        narrow(item, HASHABLE, f"{kind} key")
    if kind == DICT:
        key, value = resolve(item, names, seen), resolve(s.kid("value"), names, seen)
        return None if key is None or value is None else PyType(DICT, (key, value))
    t = resolve(item, names, seen)
    if t is None:
        return None
    return PyType("tuple...", (t,)) if kind == TUPLE else PyType(kind, (t,))
