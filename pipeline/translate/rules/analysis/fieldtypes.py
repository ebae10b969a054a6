"""Fields typed by what the methods do with them, and the methods' untyped parameters.

Everyday classes set ``self.items = []`` in ``__init__`` and say what goes in through their
methods: ``push(self, item): self.items.append(item)``, ``self.graph[u].append(v)`` on
``defaultdict(list)``, ``self.counts[w] = self.counts.get(w, 0) + 1``. A field whose type
``__init__`` alone does not tell (an empty display, a comprehension, ``deque()``,
``defaultdict(list)``, a parameter only stored) is *pending* (front/classes.py); this pass walks
``__init__`` and every instance method with ``usage``'s walker, where ``self.f`` is one slot per
pending field shared by all of them (a field of known type reads as its type), each method's
untyped parameters are slots too, and ``self.m(args)`` joins the arguments with ``m``'s
parameters and reads ``m``'s returns. The slots resolve by usage.py's stated rules, with one
difference: the items of a container whose kind the uses decide, when they are only stored
and returned (rule 3's type variable), are ``int``, recorded as assumed (``self.items:
list[int] (method uses, only stored: int assumed)``): a struct is not generic here; the
translation is exact for the values it accepts, and the verifier draws them. So is an
``__init__`` parameter only stored in a field (``Node(data)``: ``data: int (method uses, only
stored: int assumed)``), unless it defaults to ``None`` (``items=None`` is most often a
container) or the module's calls pass it literals (that left it generic: ``Holder(1)``,
``Holder("a")``): refused PT020; a field nothing else says anything of (``self.v = None`` only read)
is refused as before. An
untyped parameter whose only uses read the attributes of the class itself (``def dot(self,
other): return self.x * other.x``) is an object of the class.

The verifier runs each method on objects built by the constructor and then changed by the
class's own mutating methods (``ClassSig.mutators``: ``Stack(); .push(3); .push(-1)``), so a
method is exercised on the states the class makes, not only on new objects.

Uses that disagree refuse the class (PT050, both uses named); a field the uses leave without
a type keeps the refusal ``type of attribute self.f cannot be inferred``. Nothing here looks at
other functions of the module (every unit that sees the class types it the same way).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.pytypes import PyType, typevars_in
from pipeline.translate.rules.analysis.slots import (
    ALL,
    DICT,
    FLOAT,
    INT,
    LIST,
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
from pipeline.translate.rules.analysis.usage import Assumed, _Names, resolve, settle
from pipeline.translate.rules.analysis.usage_walk import Uses, untyped_param
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.front.classes import ClassModel
from pipeline.translate.rules.ir import nodes as ir

SOURCE = "method uses"
DEQUE_ONLY = {"popleft": "item", "appendleft": "arg", "extendleft": "extend", "rotate": ""}
FACTORY_KINDS = {"list": LIST, "set": SET, "dict": DICT, "int": INT, "float": FLOAT, "str": STR}
SCALARS = (INT, FLOAT, "bool", STR)
SPLITS = ("split", "rsplit", "splitlines")
STR_ARGS = frozenset(
    [
        "startswith",
        "endswith",
        "find",
        "rfind",
        "rindex",
        "split",
        "rsplit",
        "strip",
        "lstrip",
        "rstrip",
        "replace",
        "partition",
        "rpartition",
        "removeprefix",
        "removesuffix",
    ]
)
CONTAINERS = {"list": LIST, "set": SET, "dict": DICT, "defaultdict": DICT, "deque": LIST}


@dataclass
class _Shared:
    """What every walk of the class shares: the pending fields' slots, the known fields'
    types, each method's parameter slots and result."""

    model: ClassModel
    fields: dict[str, Slot] = field(default_factory=dict)
    wrappers: dict[str, str] = field(default_factory=dict)  # field -> "deque" | "defaultdict"
    params: dict[tuple[str, str], Slot] = field(default_factory=dict)  # (method, param)
    rets: dict[str, Slot] = field(default_factory=dict)
    objects: set[tuple[str, str]] = field(default_factory=set)  # params read as the class

    def member_type(self, name: str) -> Val:
        """``self.name`` read: a pending field's slot, a known field's type."""
        if name in self.fields:
            return self.fields[name]
        if name in self.model.fields and name not in self.model.pending:
            return slot_of(self.model.fields[name])
        return None


def slot_of(t: PyType) -> Val:
    """A value of the known type ``t`` as ``usage`` sees it: a scalar's kind, a container's
    slot with its items' kinds (fixed to ``t``), or nothing (objects, Optional...)."""
    if t.name in SCALARS:
        return t.name
    kind = CONTAINERS.get(t.name) or (TUPLE if t.name in ("tuple", "tuple...") else None)
    if kind is None or typevars_in(t):
        return None
    s = Slot(t.render())
    narrow(s, {kind}, f"a {t.render()}")
    s.fixed = t
    if kind == DICT and len(t.args) == 2:
        join_val(s.kid("item"), slot_of(t.args[0]), "key")
        join_val(s.kid("value"), slot_of(t.args[1]), "value")
    elif kind == TUPLE and t.name == "tuple":
        for i, a in enumerate(t.args):
            join_val(s.kid(str(i)), slot_of(a), "item")
    elif len(t.args) == 1:
        join_val(s.kid("item"), slot_of(t.args[0]), "item")
    return s


def _no_sibling(name: str) -> None:
    return None


class FieldUses(Uses):
    """``usage``'s walk of one method (or ``__init__``), ``self.f`` read and written as the
    class's shared slots."""

    def __init__(self, fn: ir.Function, key: str, shared: _Shared, names: set[str]) -> None:
        super().__init__(fn, _no_sibling, names)
        self.key, self.shared = key, shared
        for name in names:
            slot = shared.params.setdefault((key, name), self.slots[name])
            self.slots[name] = self.alias[name] = slot
        self.own_names = names

    def e_Attr(self, e: ir.Attr) -> Val:
        if isinstance(e.obj, ir.Name) and e.obj.id == "self":
            return self.shared.member_type(e.name)
        if (
            isinstance(e.obj, ir.Name)
            and e.obj.id in self.own_names
            and e.obj.id in self.alias
            and e.name in self.shared.model.fields
        ):  # ``other.x``: read as an object of the class (checked when resolved)
            self.shared.objects.add((self.key, e.obj.id))
            return self.shared.member_type(e.name)
        return super().e_Attr(e)

    def bind(self, target: ir.Expr, v: Val) -> None:
        if (
            isinstance(target, ir.Attr)
            and isinstance(target.obj, ir.Name)
            and target.obj.id == "self"
        ):
            join_val(self.shared.member_type(target.name), v, f"stored in self.{target.name}")
            return
        super().bind(target, v)

    def e_Call(self, e: ir.Call) -> Val:
        if e.func == "collections.deque" and len(e.args) <= 1 and not e.kwargs:
            out = self.empty(LIST, "deque")
            if e.args:
                join_val(out.kid("item"), self.iterate(e.args[0]), "item of deque()")
            return out
        if e.func == "collections.defaultdict" and len(e.args) == 1 and not e.kwargs:
            factory = e.args[0]
            kind = FACTORY_KINDS.get(factory.id) if isinstance(factory, ir.Name) else None
            if kind is not None and isinstance(factory, ir.Name):
                out = self.empty(DICT, "defaultdict")
                if kind in (LIST, SET, DICT):
                    narrow(out.kid("value"), {kind}, f"defaultdict({factory.id})")
                else:
                    join_val(out.kid("value"), kind, f"defaultdict({factory.id})")
                return out
        return super().e_Call(e)

    def e_Method(self, e: ir.Method) -> Val:
        shared = self.shared
        if (
            isinstance(e.obj, ir.Name)
            and e.obj.id == "self"
            and e.name in shared.model.methods
            and not e.kwargs
        ):  # ``self.m(args)``: m's parameters, m's result
            callee = shared.model.methods[e.name]
            args = [self.expr(a) for a in e.args]
            for p, a in zip(callee.params[1:], args, strict=False):
                if (e.name, p.name) in shared.params:
                    join_val(shared.params[(e.name, p.name)], a, f"argument {p.name} of {e.name}")
                elif p.ann is not None:
                    join_val(slot_of(p.ann), a, f"argument {p.name} of {e.name}")
            return shared.rets.setdefault(e.name, Slot(f"{e.name}()"))
        return super().e_Method(e)

    def iterate(self, e: ir.Expr) -> Val:
        if isinstance(e, ir.Method) and e.name in SPLITS:  # ``for w in text.split()``
            obj = self.expr(e.obj)
            if isinstance(obj, Slot):
                narrow(obj, {STR}, f".{e.name}()")
            for a in e.args:
                self.expr(a)
            return STR if obj in (STR,) or isinstance(obj, Slot) else None
        return super().iterate(e)

    def subscript(self, obj: Val, idx: Val) -> Val:
        if isinstance(obj, Slot) and obj.find().hard == {DICT}:  # ``d[i]``: a key, an int too
            join_val(obj.kid("item"), idx, "dict key")
            return obj.kid("value")
        return super().subscript(obj, idx)

    def e_Seq(self, e: ir.Seq) -> Val:
        if e.kind != "tuple" or any(isinstance(x, ir.StarUnpack) for x in e.elts):
            return super().e_Seq(e)
        out = Slot("tuple display")  # its positions' types (a dict key ``(u, v)``)
        narrow(out, {TUPLE}, "tuple display")
        for i, x in enumerate(e.elts):
            join_val(out.kid(str(i)), self.expr(x), "item of a tuple display")
        return out

    def method_on_slot(self, obj: Slot, name: str, args: list[Val]) -> Val:
        deques = [self.shared.fields[f] for f, w in self.shared.wrappers.items() if w == "deque"]
        if name in DEQUE_ONLY and any(obj.find() is d.find() for d in deques):
            use = DEQUE_ONLY[name]
            if use == "arg" and args:
                join_val(obj.kid("item"), args[0], f"item of .{name}()")
            if use == "extend" and args and isinstance(args[0], Slot):
                join(obj.kid("item"), args[0].kid("item"))
            return obj.kid("item") if use == "item" else None
        out = super().method_on_slot(obj, name, args)
        if name in STR_ARGS and obj.find().hard <= {STR}:  # ``line.startswith(prefix)``
            for a in args:
                if isinstance(a, Slot):
                    narrow(a, {STR}, f"argument of str.{name}", soft=True)
        return out


class _IntNames(_Names):
    """Rule 3's type variables become ``int`` (counted: the assumption is recorded)."""

    def __init__(self) -> None:
        super().__init__(set())
        self.assumed = 0

    def fresh(self) -> PyType | None:
        self.assumed += 1
        return PyType(INT)


def _wrapper(value: ir.Expr) -> str:
    if isinstance(value, ir.Call) and value.func in (
        "collections.deque",
        "collections.defaultdict",
    ):
        return value.func.split(".")[1]
    return ""


def _generic(p: ir.Param) -> bool:
    """A parameter still without a type of its own (untyped, or rule 3's type variable)."""
    return untyped_param(p) or (p.ann is not None and bool(typevars_in(p.ann)))


def apply(model: ClassModel, passed: frozenset[str] | set[str] = frozenset()) -> list[Assumed]:
    """Type ``model``'s pending fields and its instance methods' untyped parameters from
    their uses (in place: fields, ``new``'s stores and parameters, the methods' parameters);
    what was assumed. Refuses (PT050) a field whose uses disagree or say nothing."""
    methods = {k: fn for k, fn in model.methods.items() if model.kinds.get(k) == "instance"}
    untyped = {k: {p.name for p in fn.params[1:] if untyped_param(p)} for k, fn in methods.items()}
    if not model.pending and not any(untyped.values()):
        return []
    shared = _Shared(model)
    for name, pending in model.pending.items():
        shared.fields[name] = Slot(f"self.{name}")
        if _wrapper(pending.value):
            shared.wrappers[name] = _wrapper(pending.value)
    walks: list[FieldUses] = []
    try:
        if model.init is not None:
            init_names = {p.name for p in model.init.params if _generic(p)}
            walk = FieldUses(model.init, "__init__", shared, init_names)
            for name, pending in model.pending.items():  # ``parent[i] = i`` after the store
                local = pending.store.targets[0] if pending.store is not None else None
                if isinstance(local, ir.Name) and local.id not in walk.alias:
                    walk.alias[local.id] = shared.fields[name]
            walks.append(walk)
        for key, fn in methods.items():
            walks.append(FieldUses(fn, key, shared, untyped[key]))
        for walk in walks:
            walk.run()
            if walk.key in methods and walk.returned is not None:
                ret = shared.rets.setdefault(walk.key, Slot(f"{walk.key}()"))
                join_val(ret, walk.returned, f"returned by {walk.key}")
        return _settled(model, shared, passed)
    except Conflict as exc:
        raise Refusal(
            Code.CLASS_FORM,
            f"fields of class {model.name}: their uses disagree ({exc})",
            model.line,
        ) from None


def _settled(
    model: ClassModel, shared: _Shared, passed: frozenset[str] | set[str]
) -> list[Assumed]:
    """Resolve every slot; set the types found; refuse a pending field left untyped
    (``passed``: the ``__init__`` parameters the module's ``Cls(...)`` calls pass literals
    for: never assumed, their calls said what they are)."""
    seen: set[int] = set()
    for slot in [*shared.fields.values(), *shared.params.values(), *shared.rets.values()]:
        settle(slot, seen)
    out: list[Assumed] = []
    stored: set[int] = set()  # fields of an ``__init__`` parameter only stored (int assumed)
    for name, pending in model.pending.items():
        names = _IntNames()
        slot = shared.fields[name]
        param = pending.param
        if _unknown(slot) and param is not None and param.ann and typevars_in(param.ann):
            if param.default is not None or param.name in passed:
                continue  # ``items=None``, or calls passing other types: refused (PT020)
            stored.add(id(slot.find()))  # a parameter only stored: ``int``, as items are
        found = None if _unknown(slot) and id(slot.find()) not in stored else resolve(slot, names)
        if found is None:
            raise Refusal(
                Code.CLASS_FORM,
                f"type of attribute self.{name} cannot be inferred (annotate it)",
                pending.line,
            )
        found = _wrapped(found, shared.wrappers.get(name, ""))
        model.fields[name] = found
        if pending.store is not None:
            pending.store.ann = found
        if pending.param is not None:
            pending.param.ann = _optional(pending.param, found)
        note = ", only stored: int assumed" if names.assumed else ""
        out.append(Assumed(f"self.{name}", found, SOURCE + note))
    items = _items(list(shared.fields.values())) | stored
    for (key, pname), slot in sorted(shared.params.items()):
        fn = model.init if key == "__init__" else model.methods[key]
        assert fn is not None
        p = next(p for p in fn.params if p.name == pname)
        names = _IntNames()
        if (key, pname) in shared.objects:
            found = _object(model, slot)
        elif _unknown(slot) and id(slot.find()) not in items:
            found = None  # nothing says what it is: refused as before (PT020)
        else:
            found = resolve(slot, names)
        if found is None:
            continue
        p.ann = _optional(p, found)
        note = ", only stored: int assumed" if names.assumed else ""
        label = f"{key}.{pname}" if key != "__init__" else pname
        out.append(Assumed(label, p.ann, SOURCE + note))
    return out


def _items(slots: list[Slot]) -> set[int]:
    """The slots of the items, keys and values inside the fields (at any depth)."""
    out: set[int] = set()
    todo = [k for s in slots for k in s.find().kids.values()]
    while todo:
        s = todo.pop().find()
        if id(s) not in out:
            out.add(id(s))
            todo += s.kids.values()
    return out


def _unknown(slot: Slot) -> bool:
    """Nothing says what the value is (only stored, returned or compared with ``==``): its
    type is not assumed (items of a container its uses decide are: ``int``)."""
    s = slot.find()
    kinds = s.hard & s.soft or s.hard
    return (
        s.fixed is None
        and s.called < 0
        and not (s.truth or s.shown or s.fnval)
        and kinds == frozenset(ALL)
    )


def _object(model: ClassModel, slot: Slot) -> PyType | None:
    """A parameter whose attributes of the class are read: an object of the class when
    nothing else is done with it (else it stays untyped: refused as before)."""
    s = slot.find()
    if s.kids or s.called >= 0 or s.truth or s.shown or s.why or s.opaque or s.fixed:
        return None
    return PyType(model.name)


def _wrapped(t: PyType, wrapper: str) -> PyType:
    if wrapper == "deque" and t.name == LIST:
        return PyType("deque", t.args)
    if wrapper == "defaultdict" and t.name == DICT:
        return PyType("defaultdict", t.args)
    return t


def _optional(p: ir.Param, t: PyType) -> PyType:
    if p.default is not None and isinstance(p.default, ir.Const) and p.default.value is None:
        return PyType("Optional", (t,))
    return t
