"""The calls of ``usage``'s walk (mixed into ``usage_walk.Uses``): builtins that iterate,
measure or rebuild their arguments, ``key=`` functions, siblings' parameter types (by
position or keyword), recursive calls, and parameters called as functions (rule 7)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pipeline.pytypes import typevars_in
from pipeline.translate.rules.analysis.facts import SigLookup
from pipeline.translate.rules.analysis.slots import (
    ALL,
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
    Conflict,
    Slot,
    Val,
    join,
    join_val,
    narrow,
)
from pipeline.translate.rules.diagnostics import Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.types.paths import PURE as PURE_PATH

NUM_BUILTINS = frozenset({"abs", "round"})
# builtins whose arguments Python only takes as ints (a float raises TypeError), by result
INT_ONLY = {"bin": STR, "oct": STR, "hex": STR, "math.gcd": INT, "math.lcm": INT}
INT_ONLY |= {"math.isqrt": INT, "math.factorial": INT, "math.comb": INT, "math.perm": INT}
KEYED = frozenset({"sorted", "min", "max"})
REBUILT = {"set": SET, "frozenset": SET, "sorted": LIST, "list": LIST}
# calls that iterate some of their positional arguments (None: all of them)
ITER_ARGS: dict[str, tuple[int, ...] | None] = {
    "zip": None,
    "iter": (0,),
    "map": (1,),
    "filter": (1,),
    "functools.reduce": (1,),
    "itertools.chain": None,
    "itertools.zip_longest": None,
    "itertools.product": None,
    "itertools.permutations": (0,),
    "itertools.combinations": (0,),
    "itertools.accumulate": (0,),
    "itertools.groupby": (0,),
    "itertools.pairwise": (0,),
    "itertools.islice": (0,),
    "itertools.tee": (0,),
    "itertools.cycle": (0,),
}
ITER_BUILTINS = frozenset(
    {"sorted", "list", "set", "tuple", "reversed", "enumerate", "any", "all", "frozenset"}
)


_FACTORY_KINDS = {"int": INT, "float": FLOAT, "str": STR, "list": LIST, "set": SET}


class CallUses:
    """What calls say of the slots of their arguments and results."""

    if TYPE_CHECKING:  # what it uses of its host, usage_walk.Uses (declared for mypy)
        fn: ir.Function
        lookup: SigLookup
        slots: dict[str, Slot]
        alias: dict[str, Slot]
        recursive: bool
        returned: Val
        defs: list[str]
        local_params: dict[str, list[Slot | None]]
        parsing: int  # inside a try body whose handlers catch ValueError

        def arith(self, op: str, left: Val, right: Val) -> Val: ...
        def expr(self, e: ir.Expr) -> Val: ...
        def iterate_val(self, v: Val) -> Val: ...
        def call_local(self, name: str, args: list[Val]) -> None: ...

    def key_fn(self, key: ir.Expr, seq: Slot) -> None:
        """``key=`` of ``sorted``/``min``/``max``: applied to the items of ``seq``."""
        narrow(seq, ITER, "iterated with a key")
        item = seq.kid("item")
        if isinstance(key, ir.Name) and key.id == "len":
            narrow(item, ITER, "key=len")
        elif (
            isinstance(key, ir.Attr)
            and key.name in ("get", "__getitem__")
            and isinstance(self.expr(key.obj), Slot)
        ):  # ``max(d, key=d.get)``: the items are keys of the dict
            table = self.expr(key.obj)
            assert isinstance(table, Slot)
            narrow(table, {DICT}, f"key={key.name}")
            join(item, table.kid("item"))
            narrow(table.kid("value"), NUM, "compared as a key", soft=True)
        elif isinstance(key, ir.Lambda) and len(key.params) == 1:
            saved = self.alias.get(key.params[0])
            self.alias[key.params[0]] = item
            ordered = self.expr(key.body)
            if isinstance(ordered, Slot):  # what the key returns is compared: rule 1
                narrow(ordered, NUM | SEQ, "returned by a key=", soft=True)
                narrow(ordered, NUM, "returned by a key=", soft=True)
            self.alias.pop(key.params[0])
            if saved is not None:
                self.alias[key.params[0]] = saved
        else:
            v = self.expr(key)
            if isinstance(v, Slot):  # a parameter given as the key: called on each item
                self.call_value(v, [item])

    def e_Call(self, e: ir.Call) -> Val:
        args = [self.expr(a) for a in e.args]
        f = e.func
        if f in self.alias:  # a parameter (or a value of one) called: a function
            for kw in e.kwargs.values():
                self.expr(kw)
            if e.kwargs or e.star:
                self.alias[f].find().opaque = "called with keyword or starred arguments"
                return None
            return self.call_value(self.alias[f], args)
        if f in ("map", "filter") and len(args) >= 2 and isinstance(args[0], Slot):
            self.need(args[1:], ITER, f)
            ret = self.call_value(args[0], [self.iterate_val(a) for a in args[1:]])
            if f == "filter":
                ret.find().truth = True  # filter() tests the truth of what it returns
            return None
        key = e.kwargs.get("key")
        if key is not None and f in KEYED and args and isinstance(args[0], Slot):
            self.key_fn(key, args[0])
        keywords: dict[str, Val] = {}
        for name, kw in e.kwargs.items():
            if name != "key" or f not in KEYED:
                keywords[name] = self.expr(kw)
                if name == "default" and args and isinstance(args[0], Slot):
                    join_val(args[0].kid("item"), keywords[name], f"default of {f}()")
        if f == self.fn.name:
            self.recursive = True
            self.call_self(args)
            return self.returned  # what the returns seen so far return (they agree)
        if f in ("len",):
            self.need(args, ITER, "len()")
            return INT
        if f == "range":
            for a in args:
                if isinstance(a, Slot):
                    narrow(a, {INT}, "range() bound")
            return None
        if f in INT_ONLY and not e.kwargs and not e.star:  # ``bin(n)``, ``math.gcd(a, b)``
            self.need(args, {INT}, f"{f}()")
            return INT_ONLY[f]
        if f in NUM_BUILTINS or f.startswith("math."):
            self.need(args[:1], NUM, f"{f}()")
            if f in ("math.frexp", "math.modf"):  # a pair
                return None
            return (INT if f in ("math.floor", "math.ceil") else FLOAT) if "." in f else None
        if f.startswith("os.path.") and f[8:] in PURE_PATH:  # os.path.join(...) of strs
            self.need(args[:-1] if e.star else args, {STR}, f"{f}()")
            if e.star and isinstance(args[-1], Slot):  # os.path.join(root, *parts)
                narrow(args[-1], {LIST}, f"*parts of {f}()")
                join_val(args[-1].kid("item"), STR, f"*parts of {f}()")
            return {"str": STR, "bool": BOOL}.get(PURE_PATH[f[8:]][1].name)
        if f == "ord":
            self.need(args, {STR}, "ord()")
            for a in args:
                if isinstance(a, Slot):
                    a.find().chars = True
            return INT
        if f == "chr":
            self.need(args, {INT}, "chr()")
            return STR
        if f == "pow" and len(args) == 2:
            return self.arith("**", args[0], args[1])
        if f in ("int", "float") and len(args) == 1 and self.parsing and not e.kwargs:
            # ``try: n = int(s) except ValueError: ...``: a text parsed, its failure caught
            self.need(args, {STR}, f"{f}() whose ValueError is caught")
            return INT if f == "int" else FLOAT
        if f == "divmod" and len(args) == 2 and not e.kwargs:  # ``a // b`` and ``a % b``
            self.arith("//", args[0], args[1])
            return None
        if f == "pow" and len(args) == 3:  # Python takes only ints with a modulus
            self.need(args, {INT}, "pow() with a modulus")
            return INT
        if f == "int" and len(args) + ("base" in e.kwargs) == 2:
            self.need(args[:1], {STR}, "int() with a base")
            self.need(args[1:], {INT}, "base of int()")
            return INT
        if f in ("str", "repr", "print"):
            for a in args:
                if isinstance(a, Slot):
                    a.find().shown = True
            return STR if f != "print" else None
        if f == "sum" and len(args) == 1:
            self.need(args, ITER - {STR, DICT}, "sum()")
            if isinstance(args[0], Slot):
                narrow(args[0].kid("item"), NUM, "summed item")
                return args[0].kid("item")
            return None
        if f in ("min", "max") and len(args) == 1:
            self.need(args, ITER - ({DICT} if key is None else set()), f"{f}()")
            return args[0].kid("item") if isinstance(args[0], Slot) else None
        if f in ("min", "max") and len(args) > 1:
            slots = [a for a in args if isinstance(a, Slot)]
            for s in slots[1:]:
                join(slots[0], s)
            for a in args:
                if isinstance(a, str) and slots:
                    join_val(slots[0], a, f"{f}() with a {a}")
            if slots:
                narrow(slots[0], NUM, f"{f}() of values", soft=True)
            return slots[0] if slots else None
        if f in ("set", "list", "dict") and not args and not e.kwargs:
            return self.empty(REBUILT.get(f, DICT), f)
        if f in ("copy.copy", "copy.deepcopy") and len(args) == 1 and not e.kwargs and not e.star:
            return args[0]  # a copy has its argument's type: ``new = copy.deepcopy(grid)``
        if f == "dict" and len(args) == 1 and isinstance(args[0], Slot) and not e.kwargs:
            narrow(args[0], {DICT}, "dict() of it")  # a copy (rule: a mapping, not pairs)
            return args[0]
        if f == "collections.Counter" and len(args) == 1 and isinstance(args[0], Slot):
            self.need(args, ITER - {DICT}, "Counter()")  # counts of its items
            out = self.empty(DICT, "Counter")
            join(out.kid("item"), args[0].kid("item"))
            join_val(out.kid("value"), INT, "a count")
            return out
        if f == "collections.defaultdict" and len(e.args) == 1 and not e.kwargs:
            made = _FACTORY_KINDS.get(e.args[0].id if isinstance(e.args[0], ir.Name) else "")
            if made is not None:  # ``defaultdict(int)``: a dict of the factory's values
                out = self.empty(DICT, "defaultdict")
                value = self.empty(made, made) if made in (LIST, SET) else made
                join_val(out.kid("value"), value, "value of defaultdict()")
                return out
        if f in ITER_BUILTINS:
            self.need(args[:1], ITER, f"{f}()")
            return self.rebuilt(f, args[0]) if len(args) == 1 else None
        if f in ITER_ARGS:
            where = ITER_ARGS[f]
            self.need([a for i, a in enumerate(args) if where is None or i in where], ITER, f)
            if f == "itertools.islice":
                self.need(args[1:], {INT}, "islice() bound")
            if f == "iter" and len(args) == 1 and isinstance(args[0], Slot):
                return self.iterator_of(args[0])
            return None
        if f in self.local_params:
            self.recursive = self.recursive or (bool(self.defs) and f == self.defs[-1])
            self.call_local(f, args)
            return None
        return self.call_sibling(f, args, keywords)

    def iterator_of(self, seq: Slot) -> Slot:
        """``iter(xs)``: a value of its own (not a container of ``xs``'s kind) whose items
        are ``xs``'s items."""
        out = Slot(f"iter({seq.label})")
        join(out.kid("item"), seq.kid("item"))
        return out

    def call_value(self, fn: Slot, args: list[Val]) -> Slot:
        """``f(a, b)`` where ``f`` is a slot: a function of that many arguments, whose
        parameters take the arguments' types; its result (a slot) is what the call gives."""
        s = fn.find()
        if s.called >= 0 and s.called != len(args):
            raise Conflict(f"{s.label}: called with {s.called} and with {len(args)} arguments")
        s.called = len(args)
        for i, a in enumerate(args):
            join_val(s.kid(f"arg{i}"), a, f"argument {i + 1} of {s.label}()")
            s.kid(f"arg{i}").fnval = True
        ret = s.kid("ret")
        ret.fnval = True
        return ret

    def rebuilt(self, f: str, arg: Val) -> Val:
        """``set(xs)``, ``sorted(xs)``, ``list(xs)``...: a new container of the same items."""
        kind = REBUILT.get(f)
        if kind is None or not isinstance(arg, Slot):
            return kind
        out = self.empty(kind, f)
        join(out.kid("item"), arg.kid("item"))
        return out

    def empty(self, kind: str, f: str) -> Slot:
        """A new container of ``kind`` (its items known from later uses)."""
        out = Slot(f"{f}()")
        narrow(out, {kind}, f"{f}()")
        if kind in (SET, DICT):
            narrow(out.kid("item"), HASHABLE, f"item of {f}()")
        return out

    def need(self, args: list[Val], kinds: Iterable[str], why: str) -> None:
        for a in args:
            if isinstance(a, Slot):
                narrow(a, kinds, why)

    def call_self(self, args: list[Val]) -> None:
        """A recursive call: its arguments are of the function's own parameter types."""
        for p, a in zip(self.fn.params, args, strict=False):
            if p.name in self.slots:
                join_val(self.slots[p.name], a, f"argument {p.name} of the recursive call")

    def call_sibling(self, name: str, args: list[Val], keywords: dict[str, Val]) -> Val:
        """Arguments of a sibling, positional or by keyword, take its parameter types (its
        own typed the same way); the call gives its result's kind when that is a scalar."""
        if not any(isinstance(a, Slot) for a in [*args, *keywords.values()]):
            return None
        try:
            sig = self.lookup(name)
        except Refusal:
            return None
        if sig is None:
            return None
        pairs = [(pname, t, a) for (pname, t, _mode), a in zip(sig.params, args, strict=False)]
        named = {p: t for p, t, _mode in sig.params if p not in (sig.varargs, sig.varkw)}
        pairs += [(k, named[k], a) for k, a in keywords.items() if k in named]
        for pname, t, a in pairs:
            if isinstance(a, Slot) and not typevars_in(t):
                s = a.find()
                if s.fixed is not None and s.fixed != t:
                    raise Conflict(f"{s.label}: passed as {s.fixed} and as {t} ({name})")
                if t.name in ALL:
                    narrow(s, {t.name}, f"argument {pname} of {name}")
                s.fixed = t
        return sig.returns.name if sig.returns.name in (INT, FLOAT, BOOL, STR) else None
