"""Type inference of calls: builtins, the stdlib's modules, siblings (generic ones instantiated),
methods and constructors; mixed into Infer. The result-type tables live in ``types/tables.py``."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from pipeline.pytypes import PyType, is_class, is_typevar, substitute, typevar, typevars_in
from pipeline.translate.rules.analysis import closures
from pipeline.translate.rules.analysis.facts import (
    ClassLookup,
    NodeFacts,
    Signature,
)
from pipeline.translate.rules.analysis.infer_itertools import InferItertools
from pipeline.translate.rules.analysis.infer_regex import InferRegex
from pipeline.translate.rules.analysis.intfloats import mixed_minmax
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import bound_names, names_read, show, sub_exprs
from pipeline.translate.rules.types import intmode
from pipeline.translate.rules.types import unify as T
from pipeline.translate.rules.types.paths import impure_reason, path_signature
from pipeline.translate.rules.types.tables import (
    builtin_type,
    decode_options,
    encode_codec,
    math_type,
    method_type,
    module_call_type,
)


class InferCalls(InferItertools, InferRegex):
    """Inference's typing of calls (``e_Call``, ``e_Method``, ``e_Apply``)."""

    if TYPE_CHECKING:  # what it uses of its host, Infer (declared for mypy)
        classes: ClassLookup
        facts: NodeFacts
        fn: ir.Function
        local_sigs: dict[str, Signature]
        u: T.Unifier

        def expect(self, e: ir.Expr, want: PyType, what: str) -> None: ...
        def expr(self, e: ir.Expr) -> PyType: ...
        def fits(self, want: PyType, got: PyType) -> bool: ...
        def hashable(self, t: PyType, e: ir.Expr) -> PyType: ...
        def item_type(self, t: PyType, where: ir.Expr) -> PyType: ...
        def lambda_result(self, lam: ir.Expr, args: list[PyType]) -> PyType: ...
        def show(self, t: PyType) -> str: ...
        def sig_of(self, name: str) -> Signature | None: ...

    def e_Call(self, e: ir.Call) -> PyType:
        owner = e.func.split(".")[0]
        plain = "." not in e.func or self.classes(owner) is not None
        sig = self.sig_of(e.func) if plain and owner not in self.env else None
        if sig is not None and (sig.varargs or sig.varkw):
            self.pack_stars(e, sig)
        if e.star and sig is None and e.func == "zip" and len(e.args) == 1:
            return self.zip_rows(e)
        if e.star and e.func == "os.path.join":
            return self.path_call(e)
        if e.star and self.classes(e.func) is None:
            self.spread(e)
        if sig is not None:
            return self.sibling_call(e, sig)
        if e.func in self.env:
            held = self.u.resolve(self.env[e.func])
            if held.name == "Callable":
                return self.sibling_call(e, closures.callable_sig(e.func, held))
            raise Refusal(Code.CALL, f"call of local variable {e.func}", e.line)
        if e.func.startswith("random."):
            raise Refusal(
                Code.CALL,
                f"call of {e.func}(): random results differ from run to run, so the "
                "translation cannot be verified against Python",
                e.line,
            )
        if e.func.startswith("collections."):
            return self.collection_call(e)
        if e.func in ("map", "filter") and len(e.args) == 2 and not e.kwargs:
            return self.map_filter(e)
        if e.func == "functools.reduce" and len(e.args) in (2, 3) and not e.kwargs:
            return self.reduce(e)
        if e.func.startswith("itertools."):
            return self.itertools_call(e)
        if e.func.startswith("re."):
            return self.regex_call(e)
        if e.func == "str.translate":
            for a in e.args:
                self.expect(a, T.STR, "str.translate()/str.maketrans() argument")
            return T.STR
        if (
            e.func == "reversed"
            and len(e.args) == 1
            and isinstance(e.args[0], ir.Call)
            and e.args[0].func == "range"
            and e.func not in self.local_sigs
        ):
            return T.iter_of(self.item_type(self.expr(e.args[0]), e.args[0]))
        if e.func == "next" and e.func not in self.local_sigs:
            return self.next_call(e)
        if e.func == "iter" and "iter" not in self.local_sigs:
            return self.iter_call(e)
        if e.func in ("type.__name__", "exception.__str__"):
            return T.STR  # of the exception a handler caught (lowering checked the name)
        if e.func == "dict.fromkeys":
            return self.fromkeys(e)
        if e.func == "bytes.fromhex":
            self.expect(e.args[0], T.STR, "bytes.fromhex()")
            return T.BYTES
        if e.func == "isinstance" and "isinstance" not in self.local_sigs:
            return self.isinstance_call(e)
        if e.func in ("type.is", "type.name", "type.str"):
            return self.type_call(e)
        if e.func in ("copy.copy", "copy.deepcopy") and len(e.args) == 1 and not e.kwargs:
            return self.copy_call(e)
        if e.func.startswith("os.path."):
            return self.path_call(e)
        if e.func in ("os.fspath", "os.fsdecode") and len(e.args) == 1 and not e.kwargs:
            arg = self.u.resolve(self.expr(e.args[0]))  # a str (or bytes) is returned as is
            if arg == T.STR or (arg == T.BYTES and e.func == "os.fspath"):
                return arg
        if e.func == "len" and len(e.args) == 1 and _is_range(e.args[0]) and not e.kwargs:
            self.item_type(self.expr(e.args[0]), e.args[0])
            return T.INT
        arg_types = [self.u.resolve(self.expr(a)) for a in e.args]
        kw_types = {k: v for k, v in e.kwargs.items()}
        if e.func.startswith(("heapq.", "bisect.")):
            t = module_call_type(e.func, arg_types, kw_types, self)
        elif "." in e.func:
            t = math_type(e.func, arg_types)
        else:
            t = builtin_type(e.func, arg_types, kw_types, self)
        if t is None:
            raise Refusal(
                Code.CALL, f"call of {e.func}() with these arguments is not supported", e.line
            )
        if mixed_minmax(e, arg_types):
            if intmode.big():
                raise Refusal(Code.CALL, f"{e.func}() of ints and floats with big ints", e.line)
            self.facts.mixed_minmax.add(id(e))
            self.facts.exact_floats.update(
                id(a) for a, at in zip(e.args, arg_types, strict=True) if at.name == "int"
            )
        return t

    def path_call(self, e: ir.Call) -> PyType:
        """``os.path``'s pure string functions; the others are refused with their reason."""
        fn = e.func.removeprefix("os.path.")
        if e.star and self.u.resolve(self.expr(e.args[-1])).name == "tuple":
            self.spread(e)  # a fixed-size tuple: its items are the arguments
        if e.star:  # os.path.join(a, *parts): parts a list (or *args tuple) of str
            for a in e.args[:-1]:
                self.expect(a, T.STR, "os.path.join() argument")
            star = self.u.resolve(self.expr(e.args[-1])).name == "tuple..."
            want = PyType("tuple...", (T.STR,)) if star else T.list_of(T.STR)
            self.expect(e.args[-1], want, "os.path.join(*parts)")
            return T.STR
        reason = impure_reason(fn)
        if reason is not None:
            raise Refusal(Code.CALL, reason, e.line)
        shape = path_signature(fn, len(e.args)) if not e.kwargs else None
        if shape is None:
            raise Refusal(
                Code.CALL, f"call of {e.func}() with these arguments is not supported", e.line
            )
        params, result = shape
        for a, want in zip(e.args, params, strict=True):
            self.expect(a, want, f"{e.func}() argument")
        return result

    def pack_stars(self, e: ir.Call, sig: Signature) -> None:
        """A call of a sibling with ``*args`` / ``**kwargs``, bound as Python binds it: the
        positional arguments past the named ones become one tuple (``f(a, *xs)`` passes
        ``tuple(xs)``), the keywords no named parameter takes one ``dict[str, V]``; both then
        go by name like any argument (docs/args.md)."""
        if id(e) in self.facts.packed:
            return
        self.facts.packed.add(id(e))
        stars = {sig.varargs, sig.varkw} - {""}
        names = [n for n, _t, _m in sig.params if n not in stars]
        n_pos = (
            [n for n, _t, _m in sig.params].index(sig.varargs)
            if sig.varargs
            else len(sig.params) - sig.kwonly
        )
        line = e.line
        if e.star:
            if not sig.varargs or len(e.args) - 1 < n_pos:
                raise Refusal(
                    Code.CALL,
                    f"call of {e.func}: *{show(e.args[-1])} must go to its *args parameter "
                    "(after all its positional parameters)",
                    line,
                )
            items: ir.Expr = ir.Call("list", [e.args[-1]], line=line)
            if len(e.args) - 1 > n_pos:  # ``f(a, *xs)`` into ``def f(*args)``
                items = ir.BinOp("+", ir.Seq("list", e.args[n_pos:-1], line=line), items)
            packed: ir.Expr = ir.Call("tuple", [items], line=line)
            e.args, e.star = e.args[:n_pos], False
        else:
            extra = e.args[n_pos:]
            if extra and not sig.varargs:
                raise Refusal(Code.CALL, f"call of {e.func} passes too many arguments", line)
            packed = ir.Call("tuple", [ir.Seq("list", extra, line=line)], line=line)
            e.args = e.args[:n_pos]
        kwargs = {k: v for k, v in e.kwargs.items() if k in names}
        rest = {k: v for k, v in e.kwargs.items() if k not in names}
        if rest and not sig.varkw:
            raise Refusal(
                Code.CALL, f"call of {e.func} passes unexpected keyword {next(iter(rest))}", line
            )
        if sig.varargs:
            kwargs[sig.varargs] = packed
        if sig.varkw:
            keys: list[ir.Expr] = [ir.Const(k, line=line) for k in rest]
            kwargs[sig.varkw] = ir.DictLit(keys, list(rest.values()), line=line)
        e.kwargs = kwargs

    def zip_rows(self, e: ir.Call) -> PyType:
        """``zip(*rows)`` with rows a list of lists (or of ``tuple[T, ...]``): the columns, as
        many as the shortest row has items, each a ``tuple[T, ...]`` of one item per row."""
        rows = self.u.resolve(self.expr(e.args[0]))
        row = self.u.resolve(T.elem(rows) or T.NONE) if rows.name in ("list", "tuple...") else None
        if row is None or not T.is_seq(row):
            raise Refusal(
                Code.CALL,
                f"zip(*{self.show(rows)}) (only the rows of a list of lists are transposed)",
                e.line,
            )
        return T.iter_of(PyType("tuple...", (self.u.resolve(row.args[0]),)))

    def spread(self, e: ir.Call) -> None:
        """``f(a, *t)`` with ``t`` a fixed-size tuple: its items become the last arguments;
        ``print(a, *xs)`` with ``xs`` a list keeps its star."""
        last = e.args[-1]
        t = self.u.resolve(self.expr(last))
        if e.func == "print" and t.name in ("list", "tuple..."):
            return  # printed item by item (back/fmt.py print_call)
        if not isinstance(last, ir.Name) or t.name != "tuple":
            raise Refusal(
                Code.CALL,
                f"*{show(last)} in a call of {e.func} (only a fixed-size tuple is spread"
                + (", or a list or tuple printed)" if e.func == "print" else ")"),
                e.line,
            )
        items = [
            ir.Index(ir.Name(last.id, line=e.line), ir.Const(i, line=e.line), line=e.line)
            for i in range(len(t.args))
        ]
        e.args = [*e.args[:-1], *items]
        e.star = False

    def isinstance_call(self, e: ir.Call) -> PyType:
        """``isinstance(x, int)`` decided from ``x``'s static type where Python's answer
        cannot depend on the value (an int parameter may hold a bool, a float one an int:
        those questions are refused). ``x`` may be computed (``xs[0]``, ``f(y)``): it is
        still evaluated, once. ``e.decided``: "true", "false" or "is_some"."""
        classes = _class_names(e.args[1]) if len(e.args) == 2 and not e.kwargs else None
        x = e.args[0] if e.args else None
        if classes is None or x is None or isinstance(x, ir.Lambda):
            raise Refusal(
                Code.CALL,
                "isinstance() with classes other than builtin scalar and container types",
                e.line,
            )
        t = self.u.resolve(self.expr(x))
        if is_typevar(t):
            return self.class_query(e, [m for m in PY_CLASSES if _isinstance_of(m, classes)])
        optional = t.name == "Optional" and not (isinstance(x, ir.Name) and x.narrowed)
        inner = self.u.resolve(t.args[0]) if optional else t
        if isinstance(x, ir.Const):
            answer: bool | None = any(
                c in _RUNTIME_CLASSES.get(type(x.value).__name__, ()) for c in classes
            )
        else:
            answer = _static_isinstance(inner.name, classes)
        if answer is None:
            raise Refusal(
                Code.CALL,
                f"isinstance() of a {self.show(t)} value: Python's answer "
                "depends on the value passed",
                e.line,
            )
        self.facts.decided[id(e)] = "is_some" if optional and answer else str(answer).lower()
        return T.BOOL

    def type_call(self, e: ir.Call) -> PyType:
        """``type(x) is C`` (``type.is``; ``==`` too, negations lowered as ``not``),
        ``type(x).__name__`` (``type.name``) and ``str(type(x))`` (``type.str``) decided from
        ``x``'s static type where Python's answer cannot depend on the value: ``type(x) is
        int`` on an int parameter is refused (it may hold a bool), ``type(x) is list`` there
        is False. ``e.decided``: "true"/"false", or the class name."""
        x = e.args[0]
        t = self.u.resolve(self.expr(x))
        if is_typevar(t) and not isinstance(x, ir.Const):
            names = (_class_names(e.args[1]) or []) if e.func == "type.is" else []
            return self.class_query(e, [m for m in PY_CLASSES if m in names])
        const = x.value if isinstance(x, ir.Const) else None
        kinds = {type(const).__name__} if isinstance(x, ir.Const) else _MAY_BE.get(t.name, set())
        answers: set[bool] | set[str]
        if e.func == "type.is":
            classes = _class_names(e.args[1]) or []
            answers = {m in classes for m in kinds}
        else:
            answers = set(kinds)
        if len(answers) != 1:
            raise Refusal(
                Code.CALL,
                f"type() of a {self.show(t)} value: Python's answer depends on the value passed",
                e.line,
            )
        answer = answers.pop()
        self.facts.decided[id(e)] = str(answer).lower() if e.func == "type.is" else str(answer)
        return T.BOOL if e.func == "type.is" else T.STR

    def class_query(self, e: ir.Call, answers: list[str]) -> PyType:
        """``isinstance``/``type`` of a value of a type variable: asked at run time of the
        class ``pyrt::PyClass`` names for the Rust type (``e.decided``: ``class:`` then the
        classes, ``|``-separated, that answer True; see ``analysis/generics.py``)."""
        self.facts.decided[id(e)] = "class:" + "|".join(answers)
        return T.STR if e.func in ("type.name", "type.str") else T.BOOL

    def copy_call(self, e: ir.Call) -> PyType:
        """``copy.deepcopy(x)``: a clone (values are never shared in the translation);
        ``copy.copy(x)`` only where ``x``'s items are immutable (a shallow copy would share
        mutable items with the original, a clone would not)."""
        t = self.u.resolve(self.expr(e.args[0]))
        deep = e.func == "copy.deepcopy"
        parts = (t,) if deep or is_class(t) else t.args
        if any(_uncopyable(a, deep) for a in parts) or T.has_var(t):
            raise Refusal(
                Code.CALL,
                f"{e.func}() of a {self.show(t)}"
                + ("" if deep else " (its items are mutable: a shallow copy shares them)"),
                e.line,
            )
        return t

    def fromkeys(self, e: ir.Call) -> PyType:
        """``dict.fromkeys(keys[, value])``: every key maps to the one value (so it must be
        immutable: a shared list would be changed through every key)."""
        if len(e.args) not in (1, 2):
            raise Refusal(Code.CALL, "dict.fromkeys() takes keys and an optional value", e.line)
        key = self.item_type(self.expr(e.args[0]), e.args[0])
        value = self.u.resolve(self.expr(e.args[1])) if len(e.args) == 2 else T.NONE
        if T.contains_mutable(value) or T.is_var(value):
            raise Refusal(
                Code.ALIASING,
                f"dict.fromkeys() with a {self.show(value)} value shares it between keys",
                e.line,
            )
        if (e.args[0].ty or T.NONE).name == "set":
            raise Refusal(
                Code.SET_ORDER, "dict.fromkeys() of a set: its order differs in Rust", e.line
            )
        return self.hashable(T.dict_of(key, value), e)

    def iter_call(self, e: ir.Call) -> PyType:
        """``iter(xs)``: an iterator object over ``xs`` (where it may be used is checked by
        ``iterators``, once every type is known)."""
        if len(e.args) != 1 or e.kwargs:
            raise Refusal(
                Code.CALL,
                "iter(callable, sentinel) (only iter() of one iterable is translated)",
                e.line,
            )
        t = self.u.resolve(self.expr(e.args[0]))
        if t.name == "set":
            raise Refusal(Code.SET_ORDER, "iter() of a set: its order differs in Rust", e.line)
        if t.name == "Iterator":
            raise Refusal(
                Code.CALL,
                f"iter() of a {self.show(t)} (Python returns the same "
                "iterator object, shared state)",
                e.line,
            )
        return T.iterator_of(self.item_type(t, e.args[0]))

    def next_call(self, e: ir.Call) -> PyType:
        """``next(<generator expression>[, default])``: its first item (a fresh iterator, so
        no iterator state outlives the call); ``next(it[, default])`` of an ``iter()``
        variable (``iterators`` checks its uses)."""
        src = e.args[0] if 1 <= len(e.args) <= 2 and not e.kwargs else None
        gen = isinstance(src, ir.Comp) and src.kind == "gen"
        if not gen and not (
            isinstance(src, ir.Name) and self.u.resolve(self.expr(src)).name == "Iterator"
        ):
            raise Refusal(
                Code.CALL,
                "next() of anything but a generator expression or a variable bound to iter()",
                e.line,
            )
        assert src is not None
        item = self.item_type(self.expr(src), src)
        if len(e.args) == 1:
            return item
        default = e.args[1]
        if isinstance(default, ir.Const) and default.value is None:
            if self.u.resolve(item).name == "Optional":
                raise Refusal(
                    Code.CALL,
                    "next(..., None) over Optional items (a None item "
                    "and the end look the same in Python)",
                    e.line,
                )
            self.expr(default)
            return T.optional(item)
        self.expect(default, item, "default of next()")
        return self.u.resolve(item)

    def reduce(self, e: ir.Call) -> PyType:
        """``functools.reduce(f, items[, initial])`` with a two-argument lambda or function."""
        fn, items = e.args[0], e.args[1]
        it = self.u.resolve(self.expr(items))
        if it.name == "set":
            raise Refusal(Code.SET_ORDER, "reduce over a set: its order differs in Rust", e.line)
        item = self.item_type(it, items)
        acc = self.u.resolve(self.expr(e.args[2])) if len(e.args) == 3 else item
        self.binary_fn(fn, acc, item, e)
        return acc

    def map_filter(self, e: ir.Call) -> PyType:
        """``map(f, items)`` / ``filter(f, items)`` with a lambda or a named function."""
        fn, items = e.args
        it = self.u.resolve(self.expr(items))
        if it.name == "set":
            raise Refusal(
                Code.SET_ORDER, "map/filter over a set: its order differs in Rust", e.line
            )
        item = self.item_type(it, items)
        if e.func == "filter" and isinstance(fn, ir.Const) and fn.value is None:
            fn.ty = T.NONE
            return T.iter_of(item)
        out = self.lambda_result(fn, [item])
        return T.iter_of(out if e.func == "map" else item)

    def collection_call(self, e: ir.Call) -> PyType:
        """``defaultdict(factory)``, ``Counter(items)``, ``deque(items, maxlen)``."""
        kind = e.func.split(".", 1)[1]
        if kind == "defaultdict" and len(e.args) == 1 and not e.kwargs:
            value = factory_type(e.args[0], self)
            if value is not None:
                return PyType("defaultdict", (self.u.fresh(), value))
        if kind == "OrderedDict":
            return self.ordered_dict_call(e)
        if kind in ("Counter", "deque") and len(e.args) <= 1:
            maxlen = e.kwargs.pop("maxlen", None) if kind == "deque" else None
            if maxlen is not None:
                self.expect(maxlen, T.INT, "maxlen=")
                e.kwargs["maxlen"] = maxlen
            source = self.u.resolve(self.expr(e.args[0])) if e.args else None
            if kind == "Counter" and source is not None and source.name in T.DICTLIKE:
                counts = T.as_dict(source)  # Counter(mapping) copies the counts
                if self.u.unify(counts.args[1], T.INT):
                    return PyType("Counter", (counts.args[0],))
                raise Refusal(Code.CALL, "Counter() of a mapping whose values are not int", e.line)
            if not set(e.kwargs) - {"maxlen"}:
                item = self.item_type(self.expr(e.args[0]), e.args[0]) if e.args else self.u.fresh()
                name = "Counter" if kind == "Counter" else "deque"
                t = PyType(name, (item,))
                return self.hashable(t, e) if name == "Counter" else t
        raise Refusal(
            Code.CALL, f"call of {e.func}() with these arguments is not supported", e.line
        )

    def ordered_dict_call(self, e: ir.Call) -> PyType:
        """``OrderedDict()``, ``OrderedDict(mapping)`` and ``OrderedDict(pairs)``."""
        if e.kwargs or len(e.args) > 1:
            raise Refusal(
                Code.CALL,
                "OrderedDict() with keyword arguments or several arguments is not supported",
                e.line,
            )
        if not e.args:
            return PyType("OrderedDict", (self.u.fresh(), self.u.fresh()))
        source = self.u.resolve(self.expr(e.args[0]))
        if source.name in T.DICTLIKE:
            return PyType("OrderedDict", T.as_dict(source).args)
        item = self.u.resolve(self.item_type(source, e.args[0]))
        if item.name != "tuple" or len(item.args) != 2:
            raise Refusal(
                Code.CALL,
                f"OrderedDict() of {self.show(source)} (a mapping or "
                "(key, value) pairs are translated)",
                e.line,
            )
        return self.hashable(PyType("OrderedDict", item.args), e)

    def sibling_call(self, e: ir.Call, sig: Signature) -> PyType:
        """Check arguments against a sibling's signature (keywords mapped to positions)."""
        if sig.varargs or sig.varkw:  # a method's (a function's were packed in e_Call)
            self.pack_stars(e, sig)
        if sig.kwonly and (e.star or len(e.args) > len(sig.params) - sig.kwonly):
            raise Refusal(
                Code.CALL, f"call of {e.func} passes a keyword-only parameter by position", e.line
            )
        generic = sig
        sig = self.instantiate(sig, e)
        if sig is not generic:
            return self.generic_call(e, sig)
        if e.star:
            return self.star_call(e, sig)
        names = [p[0] for p in sig.params]
        if len(e.args) > len(names) or any(k not in names for k in e.kwargs):
            raise Refusal(Code.CALL, f"call of {e.func} does not match its signature", e.line)
        ordered: list[ir.Expr | None] = list(e.args) + [None] * (len(names) - len(e.args))
        for k, v in e.kwargs.items():
            ordered[names.index(k)] = v
        for i, (name, t, _mode) in enumerate(sig.params):
            arg = ordered[i]
            if arg is None and name in sig.implicit:
                arg = ordered[i] = ir.Name(name, line=e.line)  # a lifted, captured variable
            if arg is None:
                default = sig.defaults[i] if i < len(sig.defaults) else None
                if default is None:
                    raise Refusal(Code.CALL, f"call of {e.func} misses argument {name}", e.line)
                self.default_in_scope(e, name, default)
                ordered[i] = default
                continue
            if t.name == "Iterator":
                self.expect_items(arg, t, f"argument {name} of {e.func}")
            else:
                self.expect(arg, t, f"argument {name} of {e.func}")
        e.args = [a for a in ordered if a is not None]
        e.kwargs = {}
        return sig.returns

    def default_in_scope(self, e: ir.Call, name: str, default: ir.Expr) -> None:
        """A default is filled in at the call, typed and printed in the caller's scope: Python
        reads its names where the callee was defined (module values, builtins), so a name it
        reads or calls that the caller binds itself would read the caller's variable."""
        reads = set(names_read(default))
        for x in sub_exprs(default):
            if isinstance(x, ir.Call):
                reads.add(x.func.partition(".")[0])
            if isinstance(x, ir.Lambda):
                reads -= set(x.params)
        shadowed = sorted(reads & bound_names(self.fn))
        if shadowed:
            raise Refusal(
                Code.CALL,
                f"call of {e.func} takes the default of {name}, which reads {shadowed[0]}: a "
                "name this function binds itself (Python reads the callee's module value)",
                e.line,
            )

    def instantiate(self, sig: Signature, e: ir.Call) -> Signature:
        """A generic sibling's signature with fresh unknowns for its type variables (Rust
        infers them from the arguments, so each must occur in a parameter)."""
        names = [n for _, t, _ in sig.params for n in typevars_in(t)]
        missing = [n for n in typevars_in(sig.returns) if n not in names]
        if missing:
            raise Refusal(
                Code.ANNOTATION,
                f"call of {e.func}: type variable {missing[0]} occurs only in its result",
                e.line,
            )
        if not names:
            return sig
        mapping = {typevar(n).name: self.u.fresh() for n in names}
        params = [(n, substitute(t, mapping), m) for n, t, m in sig.params]
        return replace(sig, params=params, returns=substitute(sig.returns, mapping))

    def generic_call(self, e: ir.Call, sig: Signature) -> PyType:
        """A call of a generic sibling, with objects of user classes or callables as none of
        its type arguments (their Rust types need not meet the sibling's bounds)."""
        out = self.sibling_call(e, sig)
        for _, t, _ in sig.params:
            t = self.u.resolve(t)
            if T.contains_class(t) or "Callable" in t.render() or "lambda" in t.render():
                raise Refusal(
                    Code.ANNOTATION,
                    f"call of the generic function {e.func} with "
                    f"{self.show(t)} (only builtin types instantiate it)",
                    e.line,
                )
        return out

    def expect_items(self, e: ir.Expr, want: PyType, what: str) -> None:
        """An iterator parameter takes any ordered iterable of its items."""
        got = self.u.resolve(self.expr(e))
        if got.name == "set":
            raise Refusal(Code.SET_ORDER, f"{what}: a set, whose order differs in Rust", e.line)
        if not self.u.unify(want.args[0], self.item_type(got, e)):
            raise Refusal(
                Code.TYPE_MISMATCH,
                f"{what} expects items of {self.show(want.args[0])}, got {self.show(got)}",
                e.line,
            )

    def e_Apply(self, e: ir.Apply) -> PyType:
        """``table[op](a, b)``: the callee must hold a ``Callable``."""
        callee = self.u.resolve(self.expr(e.callee))
        if callee.name != "Callable" or len(callee.args) - 1 != len(e.args):
            raise Refusal(Code.CALL, f"call of a value of type {self.show(callee)}", e.line)
        for i, (arg, t) in enumerate(zip(e.args, callee.args[:-1], strict=True)):
            self.expect(arg, t, f"argument {i + 1}")
        return callee.args[-1]

    def star_call(self, e: ir.Call, sig: Signature) -> PyType:
        """``Cls(*items)``: every parameter must take the items' type (the length decides
        which defaults apply; a wrong length raises TypeError, as in Python)."""
        items = self.u.resolve(self.expr(e.args[0]))
        item = T.elem(items) if items.name in ("list", "tuple...", "tuple") else None
        if item is None:
            raise Refusal(Code.CALL, f"call {e.func}(*...) of {self.show(items)}", e.line)
        for name, t, _mode in sig.params:
            if not self.fits(t, item):
                raise Refusal(
                    Code.TYPE_MISMATCH,
                    f"argument {name} of {e.func} expects {self.show(t)}, "
                    f"got {self.show(item)} from *",
                    e.line,
                )
        return sig.returns

    def e_Method(self, e: ir.Method) -> PyType:
        recv = self.u.resolve(self.expr(e.obj))
        if is_class(recv):
            return self.method_call(e, recv.name, e.name, [e.obj, *e.args], e.kwargs)
        if T.is_var(recv) and e.name in ("append", "extend"):
            # an item of an empty list, grown before anything says its type (``new = []``
            # then ``new[i].append(x)``): a list; any later evidence of another type (a
            # deque put there) no longer unifies and refuses
            self.u.unify(recv, T.list_of(self.u.fresh()))
            recv = self.u.resolve(recv)
        self.float_get_default(e, recv)
        args = [self.u.resolve(self.expr(a)) for a in e.args]
        item = T.elem(recv) if recv.name in ("list", "tuple...", "deque") else None
        if item is not None and T.contains_class(item) and e.name in ("count", "index", "remove"):
            raise Refusal(
                Code.OPERATOR, f"{e.name}() on a list of objects (object equality)", e.line
            )
        t = method_type(recv, e.name, args, e.kwargs, self)
        if t is not None and recv.name == "str" and e.name == "encode" and encode_codec(e) is None:
            raise Refusal(
                Code.METHOD,
                "str.encode() other than UTF-8, ASCII or Latin-1 with strict errors, named by "
                "literals",
                e.line,
            )
        if t is not None and recv.name == "bytes" and e.name == "decode" and not decode_options(e):
            raise Refusal(
                Code.METHOD,
                "bytes.decode() other than UTF-8 or ASCII with strict, ignore or replace "
                "errors, named by literals",
                e.line,
            )
        if t is None:
            item = T.elem(recv) if recv.name in ("list", "deque", "set") else None
            note = next((_int_kept(item, a, self.u) for a in args if item is not None), "")
            raise Refusal(
                Code.METHOD,
                f"method {self.show(recv)}.{e.name}() with these arguments is not supported{note}",
                e.line,
            )
        return t

    def float_get_default(self, e: ir.Method, recv: PyType) -> None:
        """``prices.get(item, 0)`` on a dict of floats: the int literal default becomes the
        float equal to it (Python's ``0`` where the key is missing compares equal by value;
        printing the call is refused, ``check_int_float_shown``)."""
        if e.name != "get" or recv.name != "dict" or len(e.args) != 2 or e.kwargs:
            return
        default = e.args[1]
        if not isinstance(default, ir.Const) or type(default.value) is not int:
            return
        if self.u.resolve(recv.args[1]).name != "float" or float(default.value) != default.value:
            return
        e.args[1] = ir.Const(float(default.value), line=default.line)
        self.facts.int_defaults.add(id(e))

    def method_call(
        self, e: ir.Expr, cls: str, name: str, args: list[ir.Expr], kwargs: dict[str, ir.Expr]
    ) -> PyType:
        """``obj.name(args)`` on an object of class ``cls``: checked like a sibling call of
        ``Cls.name`` with the object first; the call is kept on ``e.call`` for emission."""
        model = self.classes(cls)
        sig = self.sig_of(f"{cls}.{name}") if model is not None and name in model.methods else None
        if sig is None or model is None or model.kinds[name] != "instance":
            raise Refusal(
                Code.METHOD, f"method {cls}.{name}() is not a translated instance method", e.line
            )
        call = ir.Call(f"{cls}.{name}", list(args), dict(kwargs), line=e.line)
        t = self.sibling_call(call, sig)
        self.facts.calls[id(e)] = call
        return t


FACTORIES = {
    "list": "list",
    "set": "set",
    "dict": "dict",
    "int": "int",
    "float": "float",
    "str": "str",
    "bool": "bool",
}


def factory_type(e: ir.Expr, inf: InferCalls) -> PyType | None:
    """Value type made by a defaultdict factory (``list``, ``int``, ``lambda: 0``…)."""
    name = e.id if isinstance(e, ir.Name) else None
    if isinstance(e, ir.Lambda) and not e.params and _zero_value(e.body):
        return inf.expr(e.body)
    if (
        isinstance(e, ir.Lambda)
        and not e.params
        and isinstance(e.body, ir.Call)
        and e.body.func in ("collections.defaultdict", "collections.Counter")
        and len(e.body.args) <= 1
    ):  # lambda: defaultdict(int): an empty nested table
        return inf.expr(e.body)
    if name not in FACTORIES:
        return None
    kind = FACTORIES[name]
    if kind in ("list", "set"):
        return PyType(kind, (inf.u.fresh(),))
    if kind == "dict":
        return T.dict_of(inf.u.fresh(), inf.u.fresh())
    return PyType(kind)


_SCALARS = ("int", "float", "bool", "str", "bytes")
_CONTAINERS = ("list", "tuple", "dict", "set", "frozenset")


_RUNTIME_CLASSES = {
    "bool": ("bool", "int"),
    "int": ("int",),
    "float": ("float",),
    "str": ("str",),
    "bytes": ("bytes",),
    "NoneType": (),
    **{c: (c,) for c in _CONTAINERS},
    **{c: (c, "dict") for c in ("defaultdict", "Counter", "OrderedDict")},
}


def _class_names(e: ir.Expr) -> list[str] | None:
    """``int`` or ``(list, tuple)`` as class names (builtin scalars and containers only),
    else None."""
    elts = e.elts if isinstance(e, ir.Seq) and e.kind == "tuple" else [e]
    names = [x.id for x in elts if isinstance(x, ir.Name) and x.id in _SCALARS + _CONTAINERS]
    return names if names and len(names) == len(elts) else None


# the runtime classes a value of each static type may have: an ``int`` may be a ``bool``, a
# ``float`` an ``int`` (or a ``bool``), a ``set`` a ``frozenset``
_MAY_BE = {
    "bool": {"bool"},
    "int": {"int", "bool"},
    "float": {"float", "int", "bool"},
    "str": {"str"},
    "bytes": {"bytes"},
    "None": {"NoneType"},
    "list": {"list"},
    "tuple": {"tuple"},
    "tuple...": {"tuple"},
    "dict": {"dict"},
    "defaultdict": {"defaultdict"},
    "Counter": {"Counter"},
    "OrderedDict": {"OrderedDict"},
    "set": {"set", "frozenset"},
}


# the Python classes of the Rust types that implement ``pyrt::PyClass`` (one class each)
PY_CLASSES = ("int", "bool", "float", "str", "NoneType", "list", "tuple")


def _isinstance_of(runtime: str, classes: list[str]) -> bool:
    """Whether a value of class ``runtime`` is an instance of one of ``classes``."""
    return any(c in _RUNTIME_CLASSES[runtime] for c in classes)


def _uncopyable(t: PyType, deep: bool) -> bool:
    """Whether ``copy.copy``/``copy.deepcopy`` of a ``t`` (an item, for ``copy``) is not a
    clone: iterators and functions are not values; a shallow copy shares mutable items."""
    if t.name in ("iter", "Iterator", "Callable", "lambda"):
        return True
    if not deep and (T.contains_mutable(t) or T.contains_class(t)):
        return True
    return any(_uncopyable(a, deep) for a in t.args)


def _static_isinstance(kind: str, classes: list[str]) -> bool | None:
    """Python's answer for any value of static type ``kind``, or None if it depends (see
    ``_MAY_BE``)."""
    may_be = _MAY_BE.get(kind) if kind != "None" else None
    if may_be is None:
        return None
    answers = {any(c in classes for c in _RUNTIME_CLASSES[m]) for m in may_be}
    return answers.pop() if len(answers) == 1 else None


def _int_kept(want: PyType, got: PyType, u: T.Unifier) -> str:
    """Why an int is not taken where a float is wanted (a note for the refusal)."""
    if u.resolve(want).name == "float" and u.resolve(got).name == "int":
        return " (Python keeps the int: its value is not converted to a float)"
    return ""


def _is_range(e: ir.Expr) -> bool:
    """Whether ``e`` is a call of the builtin ``range``."""
    return isinstance(e, ir.Call) and e.func == "range"


def _zero_value(e: ir.Expr) -> bool:
    """``lambda: 0`` style factories whose value is the type's empty/zero value."""
    if isinstance(e, ir.Const):
        return e.value in (0, "", False) and e.value is not None
    return isinstance(e, ir.Seq | ir.DictLit) and not getattr(e, "elts", getattr(e, "keys", []))
