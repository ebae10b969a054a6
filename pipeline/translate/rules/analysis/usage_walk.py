"""The walk of ``usage``: one pass over a function's body recording what each use says of
each slot (see usage.py for the rules that turn slots into types)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.pytypes import PyType, typevars_in
from pipeline.translate.rules.analysis.facts import SigLookup
from pipeline.translate.rules.analysis.slots import (
    BARE_HINTS,
    BOOL,
    DICT,
    FLOAT,
    HASHABLE,
    INT,
    ITER,
    LIST,
    NUM,
    SEQ,
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
from pipeline.translate.rules.analysis.usage_calls import CallUses
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import (
    assigned_names,
    function_exprs,
    target_names,
    walk_stmts,
)

STR_ONLY = frozenset(
    [
        "split",
        "rsplit",
        "strip",
        "lstrip",
        "rstrip",
        "lower",
        "upper",
        "startswith",
        "endswith",
        "replace",
        "join",
        "find",
        "rfind",
        "isdigit",
        "isalpha",
        "isspace",
        "isupper",
        "islower",
        "isalnum",
        "isnumeric",
        "isdecimal",
        "istitle",
        "title",
        "capitalize",
        "casefold",
        "swapcase",
        "splitlines",
        "partition",
        "rpartition",
        "zfill",
        "ljust",
        "rjust",
        "center",
        "format",
        "removeprefix",
        "removesuffix",
        "expandtabs",
        "encode",
        "rindex",
    ]
)
BYTES_ONLY = frozenset(["decode", "hex"])  # of builtin types, only bytes have them
BYTES = PyType("bytes")
# methods of both str and bytes: a bytes literal argument says the receiver is bytes (Python
# raises TypeError for a str receiver: ``"ab".startswith(b"a")``)
STR_AND_BYTES = STR_ONLY - {"format", "encode", "casefold", "isnumeric", "isdecimal"} | {
    "index",
    "count",
}
CHAR_PREDICATES = frozenset(["isdigit", "isalpha", "isspace", "isupper", "islower", "isalnum"])
METHOD_KINDS: dict[str, frozenset[str]] = {
    **{m: frozenset({STR}) for m in STR_ONLY},
    **{m: frozenset({LIST}) for m in ("append", "extend", "insert", "sort", "reverse")},
    **{m: frozenset({DICT}) for m in ("items", "keys", "values", "get", "setdefault", "popitem")},
    **{
        m: frozenset({SET})
        for m in (
            "add",
            "discard",
            "union",
            "intersection",
            "difference",
            "issubset",
            "issuperset",
            "symmetric_difference",
            "isdisjoint",
        )
    },
    "pop": frozenset({LIST, DICT, SET}),
    "remove": frozenset({LIST, SET}),
    "index": SEQ,
    "count": SEQ,
    "copy": frozenset({LIST, DICT, SET}),
    "update": frozenset({DICT, SET}),
    "clear": frozenset({LIST, DICT, SET}),
}
ITEM_ARG_METHODS = {
    "append": 0,
    "add": 0,
    "remove": 0,
    "discard": 0,
    "insert": 1,
    "count": 0,
    "index": 0,
}
ARITH = frozenset({"+", "-", "*", "/", "//", "%", "**"})
ORDER = frozenset({"<", "<=", ">", ">="})


ConstantLookup = Callable[[str], ir.Expr | None]  # a module constant's value, lowered


def bound_names(fn: ir.Function) -> set[str]:
    """Every name ``fn`` or a nested def binds (parameters, assignments, loop and
    comprehension targets, handlers, nested defs): none of them is a module constant."""
    out = {p.name for p in fn.params} | assigned_names(fn.body)
    for st in walk_stmts(fn.body):
        if isinstance(st, ir.LocalDef):
            out.add(st.fn.name)
            out |= bound_names(st.fn)
        for h in getattr(st, "handlers", []):
            out.update([h.as_name] if h.as_name else [])
    for e in function_exprs(fn):
        if isinstance(e, ir.Comp):
            for gen in e.gens:
                out.update(target_names(gen.target))
        elif isinstance(e, ir.Lambda):
            out.update(e.params)
    return out


ANY_KEY, ANY_ITEM = "index or key", "item or value"  # of a list-or-dict subscript
Returned = Val | PyType | tuple[Val, ...]  # a base case's result: a value, a type, a tuple


@dataclass
class Returns:
    """What a function's return statements say: whether any returns a value, and what each
    that does not call the function itself (a base case) returns."""

    valued: bool = False
    base: list[Returned] = field(default_factory=list)


class Uses(CallUses):
    """One walk over a function's body collecting what each use says of each slot."""

    def __init__(
        self,
        fn: ir.Function,
        lookup: SigLookup,
        names: set[str],
        constants: ConstantLookup | None = None,
        typed: bool = False,
    ) -> None:
        self.fn = fn
        self.typed = typed  # a typed parameter's value is a slot of its type (``typed_val``)
        # module constants the body reads (``VOWELS = "aeiou"``): their values' kinds, where
        # no binding of the function (or of its nested defs) shadows the name
        self.constants = constants or (lambda name: None)
        self.bound: set[str] | None = None
        self.lookup = lookup
        self.slots = {n: Slot(n) for n in names}
        self.alias: dict[str, Slot] = dict(self.slots)
        self.kinds: dict[str, str] = {}
        self.hint_bare(fn)
        self.recursive = False
        self.own = Returns()  # the function's returns
        self.local_returns: dict[str, Returns] = {}  # each nested def's
        self.defs: list[str] = []  # the nested defs being walked, innermost last
        self.local_params: dict[str, list[Slot | None]] = {}  # a nested def's untyped params
        self.nested_params: list[tuple[ir.Param, Slot]] = []
        self.returned: Val = None  # what every return statement returns (one type)
        self.parsing = 0  # inside a try body whose handlers catch ValueError

    def hint_bare(self, fn: ir.Function) -> None:
        for p in fn.params:
            bare = getattr(p, "bare", "")
            if p.name in self.slots and bare in BARE_HINTS:
                narrow(self.slots[p.name], {BARE_HINTS[bare]}, f"annotated bare {bare}")
            factory = _factory_default(p.default)
            if p.name in self.slots and factory is not None:  # ``factory=dict``: ``lambda: dict()``
                join(self.call_value(self.slots[p.name], []), self.empty(*factory))

    def run(self) -> None:
        for p in self.fn.params:
            if p.name in self.slots:
                continue
            typed = typed_val(p.ann) if self.typed and p.ann is not None else None
            if isinstance(typed, Slot):  # ``xs: list[int]``: ``return xs[i]`` is an int
                self.alias[p.name] = typed
                continue
            kind = p.ann.name if p.ann is not None else None
            if kind is None and p.default is not None:  # typed by its default
                found = self.expr(p.default)
                kind = found if isinstance(found, str) else None
            if kind is not None:
                self.kinds[p.name] = kind
        self.block(self.fn.body)

    # ---------------------------------------------------------------- statements
    def block(self, body: list[ir.Stmt]) -> None:
        for st in body:
            self.stmt(st)

    def stmt(self, st: ir.Stmt) -> None:
        handler = getattr(self, "s_" + type(st).__name__, None)
        if handler is not None:
            handler(st)
        parsing = isinstance(st, ir.Try) and any(
            not h.names or {"ValueError", "Exception"} & set(h.names) for h in st.handlers
        )
        self.parsing += parsing
        self.block(getattr(st, "body", []) if not isinstance(st, ir.LocalDef) else [])
        self.parsing -= parsing
        for attr in ("orelse", "finalbody"):
            self.block(getattr(st, attr, []) if not isinstance(st, ir.LocalDef) else [])
        for h in getattr(st, "handlers", []):
            self.block(h.body)

    def s_Assign(self, st: ir.Assign) -> None:
        pairs = _parallel(st)
        if pairs:  # ``i, j = 0, n``: each name its own value
            vals = [self.expr(e) for _t, e in pairs]
            for (t, _e), v in zip(pairs, vals, strict=True):
                self.bind(t, v)
            return
        v = self.expr(st.value)
        for t in st.targets:
            self.bind(t, v)

    def bind(self, target: ir.Expr, v: Val) -> None:
        if isinstance(target, ir.Name):
            if target.id in self.alias:
                join_val(self.alias[target.id], v, f"{target.id} = ...")
            elif isinstance(v, Slot):
                if target.id in self.kinds:  # ``best = ""`` then ``best = w``: one type
                    kind = self.kinds[target.id]  # (a number may turn float: ``total = 0``)
                    narrow(
                        v, NUM | {BOOL} if kind in NUM | {BOOL} else {kind}, f"{target.id} = ..."
                    )
                self.alias[target.id] = v
            elif isinstance(v, str):
                self.kinds.setdefault(target.id, v)
        elif isinstance(target, ir.Seq):
            if isinstance(v, Slot):
                narrow(v, {TUPLE, LIST}, "unpacked")
                for i, elt in enumerate(target.elts):
                    self.bind(elt, v.kid(str(i)) if TUPLE in v.find().hard else v.kid("item"))
        elif isinstance(target, ir.Index):
            obj = self.expr(target.obj)
            idx = self.expr(target.index)
            if isinstance(obj, Slot):
                narrow(obj, {LIST, DICT}, "item assignment")
                join_val(self.subscript(obj, idx), v, "stored item")
        elif isinstance(target, ir.Attr):
            self.expr(target.obj)

    def s_AugAssign(self, st: ir.AugAssign) -> None:
        left = self.expr(st.target)
        right = self.expr(st.value)
        self.arith(st.op, left, right)

    def s_For(self, st: ir.For) -> None:
        self.bind(st.target, self.iterate(st.iter))

    def s_While(self, st: ir.While) -> None:
        self.test(st.test)

    def s_If(self, st: ir.If) -> None:
        self.test(st.test)

    def s_Return(self, st: ir.Return) -> None:
        if st.value is None:
            return
        for value in self.returned_branches(st.value):
            self.return_value(value)

    def returned_branches(self, e: ir.Expr) -> list[ir.Expr]:
        """``return a if c else b`` is two returns (one may be a base case of a recursion)."""
        if not isinstance(e, ir.IfExp):
            return [e]
        self.test(e.test)
        return [*self.returned_branches(e.body), *self.returned_branches(e.orelse)]

    def return_value(self, value: ir.Expr) -> None:
        rets = self.local_returns[self.defs[-1]] if self.defs else self.own
        rets.valued = True
        before = self.recursive
        self.recursive = False
        v, got = self.result_of(value)
        if not self.recursive:
            rets.base.append(got)
        self.recursive = self.recursive or before
        if not self.defs:  # a nested def's return is not the function's
            self.join_return(v)

    def result_of(self, e: ir.Expr) -> tuple[Val, Returned]:
        """A returned value, and what it says of the result's type: the value itself, a
        tuple display's items, an annotated parameter's annotation."""
        if isinstance(e, ir.Seq) and e.kind == "tuple":
            parts = tuple(self.expr(x) for x in e.elts)
            return TUPLE, parts
        v = self.expr(e)
        if isinstance(e, ir.Name) and e.id not in self.alias:
            ann = next((p.ann for p in self.fn.params if p.name == e.id), None)
            if ann is not None and not typevars_in(ann):
                return v, ann
        return v, v

    def join_return(self, v: Val) -> None:
        """Every return statement returns one type (None aside: an Optional)."""
        if self.returned is not None:
            join_val(self.returned, v, "another return")
        if self.returned is None or isinstance(v, Slot):
            self.returned = v

    def s_ExprStmt(self, st: ir.ExprStmt) -> None:
        self.expr(st.value)

    def s_Assert(self, st: ir.Assert) -> None:
        self.test(st.test)
        if st.msg is not None:
            self.expr(st.msg)

    def s_Raise(self, st: ir.Raise) -> None:
        if st.msg is not None:
            self.expr(st.msg)

    def s_Delete(self, st: ir.Delete) -> None:
        for t in st.targets:
            if isinstance(t, ir.Index):
                obj = self.expr(t.obj)
                if isinstance(obj, Slot):
                    narrow(obj, {LIST, DICT}, "del item")
                self.subscript(obj, self.expr(t.index))

    def s_Yield(self, st: ir.Yield) -> None:
        if st.value is not None:
            v = self.expr(st.value)
            if st.many:
                self.iterate_val(v)

    def s_LocalDef(self, st: ir.LocalDef) -> None:
        """A nested def's body reads the enclosing variables; its own untyped parameters get
        slots of their own, joined with the arguments of its calls (``local_params``)."""
        shadow = {p.name for p in st.fn.params}
        saved = {n: self.alias.pop(n) for n in list(self.alias) if n in shadow}
        own = {p.name: Slot(f"{st.fn.name}.{p.name}") for p in st.fn.params if untyped_param(p)}
        self.local_params[st.fn.name] = [own.get(p.name) for p in st.fn.params]
        self.nested_params += [(p, own[p.name]) for p in st.fn.params if p.name in own]
        self.alias.update(own)
        self.local_returns[st.fn.name] = Returns()
        self.defs.append(st.fn.name)
        self.block(st.fn.body)
        self.defs.pop()
        for name in own:
            del self.alias[name]
        self.alias.update(saved)

    def call_local(self, name: str, args: list[Val]) -> None:
        """A call of a nested def: its untyped parameters take its arguments' types."""
        for slot, a in zip(self.local_params[name], args, strict=False):
            if slot is not None:
                join_val(slot, a, f"argument of {name}")

    def test(self, e: ir.Expr) -> None:
        v = self.expr(e)
        if isinstance(v, Slot):
            v.find().truth = True

    # ---------------------------------------------------------------- expressions
    def expr(self, e: ir.Expr) -> Val:
        handler = getattr(self, "e_" + type(e).__name__, None)
        if handler is None:
            for kid in _kids(e):
                self.expr(kid)
            return None
        return handler(e)

    def e_Const(self, e: ir.Const) -> Val:
        if isinstance(e.value, bool):
            return BOOL
        for py, kind in ((int, INT), (float, FLOAT), (str, STR)):
            if isinstance(e.value, py):
                return kind
        return None

    def e_Name(self, e: ir.Name) -> Val:
        if e.id in self.alias:
            return self.alias[e.id].find()
        if e.id in self.kinds:
            return self.kinds[e.id]
        if self.bound is None:
            self.bound = bound_names(self.fn)
        value = self.constants(e.id) if e.id not in self.bound else None
        return self.expr(value) if value is not None else None

    def e_FStr(self, e: ir.FStr) -> Val:
        for part in e.parts:
            if isinstance(part, ir.FmtField):
                v = self.expr(part.value)
                spec = part.spec.rstrip()
                if isinstance(v, Slot):
                    v.find().shown = True
                if isinstance(v, Slot) and spec[-1:] in ("f", "e", "g", "%"):
                    narrow(v, NUM, f"formatted :{spec}")
                    v.find().floaty = True
                elif isinstance(v, Slot) and spec[-1:] in ("d", "x", "b", "o"):
                    narrow(v, {INT, BOOL}, f"formatted :{spec}")
                for a in part.spec_args:
                    self.expr(a)
        return STR

    def e_BinOp(self, e: ir.BinOp) -> Val:
        return self.arith(e.op, self.expr(e.left), self.expr(e.right))

    def arith(self, op: str, left: Val, right: Val) -> Val:
        if isinstance(left, Slot) and isinstance(right, Slot):
            if op in ("+", "-", "/", "//", "**", "&", "|", "^"):
                join(left, right)  # one type: numbers, or str/list (+), or sets (- & | ^)
                narrow(left, NUM, f"operand of {op}", soft=op in ("+", "-", "&", "|", "^"))
            else:
                narrow(left, NUM, f"operand of {op}", soft=True)
                narrow(right, NUM, f"operand of {op}", soft=True)
            return FLOAT if op == "/" else left
        slot, other = (left, right) if isinstance(left, Slot) else (right, left)
        if not isinstance(slot, Slot):
            return _known_arith(op, left, right)
        first = slot is left
        if other in (INT, FLOAT, BOOL):
            if op == "*" or (op == "%" and first):
                narrow(slot, NUM, f"{op} with a number", soft=True)
            else:
                narrow(slot, NUM, f"operand of {op} with a number")
            if other == FLOAT:
                slot.find().floaty = True
                return FLOAT
            return FLOAT if op == "/" else slot
        if other == STR:
            if op == "+":
                narrow(slot, {STR}, "+ with a str")
            elif op == "%" and not first:
                return STR
            elif op == "%":
                narrow(slot, {STR}, "str % ...")
            elif op == "*":
                narrow(slot, {INT}, "* with a str")
            return STR
        if other == LIST and op == "+":
            narrow(slot, {LIST}, "+ with a list")
            return slot
        if op in ARITH and op != "+" and op != "*":
            narrow(slot, NUM, f"operand of {op}", soft=True)
        return slot if op in ("+", "-", "*", "//", "%", "**") else None

    def e_Unary(self, e: ir.Unary) -> Val:
        v = self.expr(e.operand)
        if e.op == "not":
            if isinstance(v, Slot):
                v.find().truth = True
            return BOOL
        if isinstance(v, Slot):
            narrow(v, {INT, BOOL} if e.op == "~" else NUM, f"unary {e.op}")
        return v

    def e_BoolOp(self, e: ir.BoolOp) -> Val:
        vals = [self.expr(v) for v in e.values]
        for v in vals:
            if isinstance(v, Slot):
                v.find().truth = True
        return vals[0] if len({id(v) for v in vals}) == 1 else None

    def e_IfExp(self, e: ir.IfExp) -> Val:
        self.test(e.test)
        a, b = self.expr(e.body), self.expr(e.orelse)
        if isinstance(a, Slot) and isinstance(b, Slot):
            join(a, b)
        elif isinstance(a, Slot) or isinstance(b, Slot):
            join_val(a, b, "other branch of an if-expression")
        return a if a is not None else b

    def e_Compare(self, e: ir.Compare) -> Val:
        left = self.expr(e.left)
        for op, right_e in zip(e.ops, e.rights, strict=True):
            right = self.expr(right_e)
            self.compare(op, left, right, right_e)
            left = right
        return BOOL

    def compare(self, op: str, left: Val, right: Val, right_e: ir.Expr) -> None:
        if op in ("is", "is not"):
            return
        if isinstance(left, Slot) and (
            (op in ("==", "!=") and _bytes_lit(right_e))
            or (
                op in ("in", "not in")
                and isinstance(right_e, ir.Seq)
                and right_e.elts
                and all(map(_bytes_lit, right_e.elts))
            )
        ):
            _fix_bytes(left, f"{op} a bytes literal")
            return
        if op in ("in", "not in"):
            if isinstance(right, Slot):
                narrow(right, ITER, f"right of {op}")
                join_val(right.kid("item"), left, f"tested with {op}")
            elif right == STR and isinstance(left, Slot):
                narrow(left, {STR}, f"{op} a str")
                left.find().chars = True  # rule 2: a character of the string
            return
        if isinstance(left, Slot) and isinstance(right, Slot):
            join(left, right)
            if op in ORDER:
                narrow(left, NUM | SEQ, f"ordered with {op}", soft=True)
                narrow(left, NUM, f"ordered with {op}", soft=True)
            return
        slot, other = (left, right) if isinstance(left, Slot) else (right, left)
        if not isinstance(slot, Slot) or not isinstance(other, str):  # (both slots: above)
            return
        if op in ORDER:
            narrow(slot, NUM if other in (INT, FLOAT, BOOL) else {other}, f"{op} a {other}")
        else:
            narrow(slot, NUM | {BOOL} if other in NUM else {other}, f"{op} a {other}", soft=True)
            if other in NUM:
                narrow(slot, {other}, f"{op} a {other}", soft=True)
        if other == FLOAT:
            slot.find().floaty = True
        if other == STR and isinstance(right_e, ir.Const) and len(str(right_e.value)) == 1:
            slot.find().chars = True

    def e_Index(self, e: ir.Index) -> Val:
        obj, idx = self.expr(e.obj), self.expr(e.index)
        if (  # ``kv[1]`` of a pair (``d.items()``, ``enumerate``): that position's slot
            isinstance(obj, Slot)
            and obj.find().hard == {TUPLE}
            and isinstance(e.index, ir.Const)
            and type(e.index.value) is int
            and str(e.index.value) in obj.find().kids
        ):
            return obj.kid(str(e.index.value))
        return self.subscript(obj, idx)

    def subscript(self, obj: Val, idx: Val) -> Val:
        if isinstance(obj, Slot):
            if obj.find().hard == {DICT}:  # a known dict (``d = {}``): any index is a key
                join_val(obj.kid("item"), idx, "dict key")
                return obj.kid("value")
            if idx == STR:
                narrow(obj, {DICT}, "subscript with a str")
                narrow(obj.kid("item"), {STR}, "dict key")
                return obj.kid("value")
            if idx in (INT, BOOL) or _numeric(idx):
                narrow(obj, SEQ, "subscript with an int")
            else:
                narrow(obj, SEQ | {DICT}, "subscript")
            if isinstance(idx, Slot):
                narrow(idx, {INT}, "index", soft=True)
            if DICT in obj.find().hard and SEQ & obj.find().hard:
                # the item or the value: settled when the container's kind is (usage.settle)
                join_val(obj.kid(ANY_KEY), idx, "index or key")
                return obj.kid(ANY_ITEM)
            if obj.find().hard == {DICT}:
                join_val(obj.kid("item"), idx, "dict key")
                return obj.kid("value")
            if obj.find().hard == {STR}:
                return STR
            return obj.kid("item")
        if isinstance(idx, Slot) and obj in (STR, LIST, TUPLE):
            narrow(idx, {INT}, "index of a sequence")
        return STR if obj == STR else None

    def e_Slice(self, e: ir.Slice) -> Val:
        obj = self.expr(e.obj)
        for part in (e.lower, e.upper, e.step):
            if part is not None:
                v = self.expr(part)
                if isinstance(v, Slot):
                    narrow(v, {INT}, "slice bound")
        if isinstance(obj, Slot):
            narrow(obj, SEQ, "sliced")
        return obj

    def e_Seq(self, e: ir.Seq) -> Val:
        vals = [self.expr(x) for x in e.elts]
        if e.kind == "tuple":
            return TUPLE
        out = Slot(f"{e.kind} display")
        narrow(out, {LIST if e.kind == "list" else SET}, f"{e.kind} display")
        for v in vals:
            join_val(out.kid("item"), v, f"item of a {e.kind} display")
        if e.kind == "set":
            narrow(out.kid("item"), HASHABLE, "set member")
        return out

    def e_DictLit(self, e: ir.DictLit) -> Val:
        out = Slot("dict display")
        narrow(out, {DICT}, "dict display")
        narrow(out.kid("item"), HASHABLE, "dict key")
        for k, v in zip(e.keys, e.values, strict=True):
            join_val(out.kid("item"), self.expr(k), "dict key")
            join_val(out.kid("value"), self.expr(v), "dict value")
        return out

    def e_Comp(self, e: ir.Comp) -> Val:
        saved = dict(self.alias)
        for gen in e.gens:
            self.bind(gen.target, self.iterate(gen.iter))
            for c in gen.conds:
                self.test(c)
        elt = self.expr(e.elt)
        value = self.expr(e.value) if e.value is not None else None
        self.alias = saved
        if e.kind == "gen":  # an iterable of its items, of a kind of its own (as ``iter(xs)``)
            made = Slot("generator expression")
            join_val(made.kid("item"), elt, "generated item")
            return made
        out = Slot(f"{e.kind} comprehension")
        narrow(out, {{"list": LIST, "set": SET, "dict": DICT}[e.kind]}, "comprehension")
        join_val(out.kid("item"), elt, "comprehension item")
        if e.kind != "list":
            narrow(out.kid("item"), HASHABLE, "set member or dict key")
        if e.kind == "dict":
            join_val(out.kid("value"), value, "comprehension value")
        return out

    def e_Attr(self, e: ir.Attr) -> Val:
        v = self.expr(e.obj)
        if isinstance(v, Slot):
            v.find().opaque = f"attribute .{e.name} read"
        return None

    def e_Lambda(self, e: ir.Lambda) -> Val:
        saved = {n: self.alias.pop(n) for n in list(self.alias) if n in e.params}
        self.expr(e.body)
        self.alias.update(saved)
        return None

    def e_Method(self, e: ir.Method) -> Val:
        obj = self.expr(e.obj)
        args = [self.expr(a) for a in e.args]
        for kw in e.kwargs.values():
            self.expr(kw)
        if isinstance(obj, Slot) and e.name in STR_AND_BYTES and any(map(_bytes_lit, e.args)):
            _fix_bytes(obj, f".{e.name}() of a bytes literal")
        if isinstance(obj, Slot):
            return self.method_on_slot(obj, e.name, args)
        if _bytes_lit(e.obj) and e.name == "join" and args and isinstance(args[0], Slot):
            narrow(args[0], {LIST, TUPLE, SET}, "bytes.join argument")
            _fix_bytes(args[0].kid("item"), "item joined by a bytes literal")
        if obj == STR and e.name == "join" and args and isinstance(args[0], Slot):
            narrow(args[0], {LIST, TUPLE, SET}, "str.join argument")
            narrow(args[0].kid("item"), {STR}, "joined item")
            return STR
        if obj == STR and e.name in STR_ONLY:
            for a in args:
                if isinstance(a, Slot):
                    narrow(a, {STR}, f"argument of str.{e.name}", soft=True)
            return STR if e.name not in ("split", "rsplit", "splitlines") else LIST
        return None

    def method_on_slot(self, obj: Slot, name: str, args: list[Val]) -> Val:
        if name in BYTES_ONLY:
            slot = obj.find()
            slot.fixed = slot.fixed or BYTES
            slot.why.append(f".{name}()")
            return STR
        kinds = METHOD_KINDS.get(name)
        if kinds is None:
            obj.find().opaque = f"method .{name}() called"
            return None
        narrow(obj, kinds, f".{name}()")
        if name in CHAR_PREDICATES:
            obj.find().chars = True
        if obj.find().hard <= {SET, DICT}:
            narrow(obj.kid("item"), HASHABLE, "set member or dict key")
        if name in ITEM_ARG_METHODS and len(args) > ITEM_ARG_METHODS[name]:
            join_val(obj.kid("item"), args[ITEM_ARG_METHODS[name]], f"item of .{name}()")
        if name == "extend" and args and isinstance(args[0], Slot):
            narrow(args[0], ITER, "extend argument")
            join(obj.kid("item"), args[0].kid("item"))
        if name == "pop" and not args and obj.find().hard == {LIST}:
            return obj.kid("item")
        if name == "copy" and not args:
            return obj  # a copy has the type of what it copies
        if name in ("items", "keys", "values") and not args:  # ``sorted(d.items(), key=...)``
            view = Slot(f"{obj.label}.{name}()")
            narrow(view, {LIST}, f".{name}()")
            join_val(view.kid("item"), dict_view_item(obj, name), f"item of .{name}()")
            return view
        if name == "get" and args:
            join_val(obj.kid("item"), args[0], "dict key")
            if len(args) > 1:
                join_val(obj.kid("value"), args[1], "default of .get()")
            return obj.kid("value")
        if name in STR_ONLY:
            if obj.find().hard == {STR}:  # ``s.find(ch)``: as of a str (``e_Method``)
                for a in args:
                    if isinstance(a, Slot):
                        narrow(a, {STR}, f"argument of str.{name}", soft=True)
            return LIST if name in ("split", "rsplit", "splitlines") else STR
        return None

    # ---------------------------------------------------------------- iteration
    def iterate(self, e: ir.Expr) -> Val:
        """The value a ``for`` over ``e`` binds (a slot or a known kind)."""
        if isinstance(e, ir.Call) and e.func in ("enumerate", "zip", "range", "reversed"):
            return self.iterate_call(e)
        if isinstance(e, ir.Method) and e.name in ("items", "keys", "values"):
            obj = self.expr(e.obj)
            if isinstance(obj, Slot):
                narrow(obj, {DICT}, f".{e.name}()")
                return dict_view_item(obj, e.name)
            return None
        return self.iterate_val(self.expr(e))

    def iterate_val(self, v: Val) -> Val:
        if isinstance(v, Slot):
            narrow(v, ITER, "iterated")
            return v.kid("item")
        return STR if v == STR else None

    def iterate_call(self, e: ir.Call) -> Val:
        if e.func == "range":
            self.expr(e)
            return INT
        items = [self.iterate(a) for a in e.args]
        if e.func == "reversed":
            return items[0] if items else None
        pair = Slot(f"{e.func}()")
        narrow(pair, {TUPLE}, f"{e.func} item")
        if e.func == "enumerate":
            items = [INT, *items]
        for i, v in enumerate(items):
            join_val(pair.kid(str(i)), v, f"{e.func} item")
        return pair


_KIDS = {"list": ("item",), "set": ("item",), "dict": ("item", "value"), "tuple...": ("item",)}
_CONTAINER_KINDS = {"list": LIST, "set": SET, "dict": DICT, "tuple": TUPLE, "tuple...": TUPLE}


def typed_val(t: PyType) -> Val:
    """A value of the known type ``t`` (a parameter annotated or typed by its calls): a
    scalar's kind, or a slot fixed to ``t`` whose item slots are fixed to its items (so a
    value joined with them takes their type); None for a type this cannot express."""
    if t.name in (INT, FLOAT, BOOL, STR) and not t.args:
        return t.name
    kind = _CONTAINER_KINDS.get(t.name)
    if kind is None or typevars_in(t) or not t.args:
        return None
    out = Slot(t.render())
    narrow(out, {kind}, f"declared {t.render()}")
    out.fixed = t
    keys = _KIDS.get(t.name) or tuple(str(i) for i in range(len(t.args)))
    for key, arg in zip(keys, t.args, strict=True):
        kid = typed_val(arg)
        if kid is None:
            return None
        if isinstance(kid, str):
            narrow(out.kid(key), {kid}, f"declared {t.render()}")
            out.kid(key).fixed = arg
        else:
            join(out.kid(key), kid)
    return out


def dict_view_item(d: Slot, name: str) -> Slot:
    """An item of ``d.keys()`` / ``d.values()`` / ``d.items()`` (a key-value pair)."""
    if name == "keys":
        return d.kid("item")
    if name == "values":
        return d.kid("value")
    pair = Slot(f"{d.label}.items")
    narrow(pair, {TUPLE}, "dict item")
    join(pair.kid("0"), d.kid("item"))
    join(pair.kid("1"), d.kid("value"))
    return pair


def _bytes_lit(e: ir.Expr) -> bool:
    """A bytes literal, or a tuple display of them (``startswith((b"GIF87a", b"GIF89a"))``)."""
    if isinstance(e, ir.Seq) and e.kind == "tuple" and e.elts:
        return all(isinstance(x, ir.Const) and isinstance(x.value, bytes) for x in e.elts)
    return isinstance(e, ir.Const) and isinstance(e.value, bytes)


def _fix_bytes(slot: Slot, why: str) -> None:
    """``slot`` holds bytes: a use only bytes values allow (a conflict if a call typed it)."""
    s = slot.find()
    if (s.fixed is not None and s.fixed != BYTES) or not s.hard & SEQ:
        raise Conflict(f"{s.label}: {', '.join(s.why)} and {why}")
    s.fixed = BYTES
    s.why.append(why)


def _factory_default(e: ir.Expr | None) -> tuple[str, str] | None:
    """(kind, class) of a default that makes an empty container (``lambda: dict()``, what
    ``factory=dict`` lowers to): what the parameter's calls give."""
    if not (isinstance(e, ir.Lambda) and not e.params and isinstance(e.body, ir.Call)):
        return None
    kind = {"dict": DICT, "list": LIST, "set": SET}.get(e.body.func)
    if kind is None or e.body.args or e.body.kwargs:
        return None
    return kind, e.body.func


def untyped_param(p: ir.Param) -> bool:
    """No annotation, and no default, a ``None`` one or a lambda (a callable default, typed
    by the parameter's calls in the body like the values callers pass): typed from calls or
    uses."""
    return p.ann is None and (
        p.default is None
        or (isinstance(p.default, ir.Const) and p.default.value is None)
        or isinstance(p.default, ir.Lambda)
    )


def _parallel(st: ir.Assign) -> list[tuple[ir.Expr, ir.Expr]]:
    """``a, b = x, y`` (one target, both tuple displays of one length): the pairs."""
    if len(st.targets) != 1:
        return []
    target, value = st.targets[0], st.value
    if not (isinstance(target, ir.Seq) and isinstance(value, ir.Seq) and value.kind == "tuple"):
        return []
    if len(target.elts) != len(value.elts) or any(
        isinstance(e, ir.StarUnpack) for e in [*target.elts, *value.elts]
    ):
        return []
    return list(zip(target.elts, value.elts, strict=True))


def _numeric(v: Val) -> bool:
    """A slot some use already made a number (an index that is an int, not a dict key)."""
    return isinstance(v, Slot) and v.find().hard <= NUM | {BOOL}


def _known_arith(op: str, left: Val, right: Val) -> Val:
    if left == FLOAT or right == FLOAT or (op == "/" and left in NUM and right in NUM):
        return FLOAT if left in NUM | {BOOL} and right in NUM | {BOOL} else None
    if left == INT and right in (INT, BOOL):
        return INT
    if left == STR and (right == STR or op == "%"):
        return STR
    if op == "*" and STR in (left, right) and {left, right} - {STR} <= {INT, BOOL}:
        return STR  # ``"#" * n`` (``n * "-"``): a str repeated
    return None


def _kids(e: ir.Expr) -> list[ir.Expr]:
    out: list[ir.Expr] = []
    for value in vars(e).values():
        items = value if isinstance(value, list) else [value]
        out += [x for x in items if isinstance(x, ir.Expr)]
    return out
