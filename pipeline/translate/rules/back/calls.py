"""Builtin functions, ``math`` functions and methods of str, list, dict and set.

Each entry maps a typed call to Rust with Python's semantics: empty ``max()`` raises,
``list.pop()`` on an empty list raises IndexError, ``dict[k]`` raises KeyError, ``sorted`` is
stable, ``str.find`` counts code points. Anything not listed was refused by inference.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.rustnames import ident
from pipeline.translate.rules import ir
from pipeline.translate.rules import tys as T
from pipeline.translate.rules.diagnostics import Refusal
from pipeline.translate.rules.emit import AS, ATOM, UNARY, R, float_lit, paren, rtype
from pipeline.translate.rules.fmt import print_call, py_trait, to_str
from pipeline.translate.rules.infer import const_int
from pipeline.translate.rules.iterators import is_iterator
from pipeline.translate.rules.loops import comprehension, iterate, owned_items, pattern
from pipeline.translate.rules.operators import binop, is_pure

if TYPE_CHECKING:
    from pipeline.translate.rules.emit import Emitter

MATH1 = {
    "sqrt": False,
    "exp": True,
    "log2": False,
    "log10": False,
    "sin": False,
    "cos": False,
    "tan": False,
    "asin": False,
    "acos": False,
    "atan": False,
    "sinh": True,
    "cosh": True,
    "tanh": False,
    "log1p": False,
    "expm1": True,
}
RUST_MATH = {"log2": "log2", "log10": "log10", "log1p": "ln_1p", "expm1": "exp_m1"}
EMPTY = "ValueError: {}() arg is an empty sequence"


class Calls:
    """Prints calls for an Emitter."""

    def __init__(self, em: Emitter) -> None:
        self.em = em

    # ------------------------------------------------------------ helpers
    def key_closure(self, key: ir.Expr | None, item: T.PyType) -> str:
        """A closure ``|v: &T| key(v)`` for key= arguments (identity when None)."""
        em = self.em
        if key is None or (isinstance(key, ir.Const) and key.value is None):
            return "|v| *v" if T.is_copy(item) else "|v| v.clone()"
        if isinstance(key, ir.Lambda):
            saved = dict(em.kinds)
            (param,) = key.params
            em.kinds[param] = "ref"
            body = em.owned(key.body)
            em.kinds = saved
            return f"|{ident(param)}| {body}"
        if isinstance(key, ir.Name):
            arg = ir.Name("__key__", ty=item)
            call = ir.Call(key.id, [arg], ty=(key.ty.args[-1] if key.ty else None))
            saved = dict(em.kinds)
            em.kinds["__key__"] = "ref"
            try:
                if call.ty is None:
                    raise Refusal("PT012", f"key function {key.id}", key.line)
                body = em.owned(call)
            finally:
                em.kinds = saved
            v = em.fresh("item")
            return f"|__key__| {body}".replace("__key__", v)
        if isinstance(key, ir.Attr) and hasattr(key, "call"):
            saved = dict(em.kinds)
            em.kinds["__arg__"] = "ref"
            try:
                body = em.owned(key.call)
            finally:
                em.kinds = saved
            v = em.fresh("item")
            return f"|{v}| {body}".replace("__arg__", v)
        raise Refusal("PT012", "key function form", key.line)

    def closure(self, fn: ir.Expr, item: T.PyType, kind: str, cond: bool = False) -> str:
        """A Rust closure applying a lambda or named function to one item.

        ``kind`` is how the item arrives: "place" (owned) or "ref" (``&T``)."""
        em = self.em
        saved = dict(em.kinds)
        try:
            if isinstance(fn, ir.Lambda):
                (param,) = fn.params
                em.kinds[param] = kind
                body = em.cond(fn.body) if cond else em.owned(fn.body)
                return f"|{ident(param)}| {body}"
            if isinstance(fn, ir.Name) and fn.ty is not None:
                arg = ir.Name("__item__", ty=item)
                call = ir.Call(fn.id, [arg], ty=fn.ty.args[-1], line=fn.line)
                em.kinds["__item__"] = kind
                body = em.cond(call) if cond else em.owned(call)
                v = em.fresh("item")
                return f"|{v}| {body}".replace("__item__", v)
            if isinstance(fn, ir.Attr) and hasattr(fn, "call"):
                em.kinds["__arg__"] = kind
                body = em.cond(fn.call) if cond else em.owned(fn.call)
                v = em.fresh("item")
                return f"|{v}| {body}".replace("__arg__", v)
        finally:
            em.kinds = saved
        raise Refusal("PT012", "function argument form", fn.line)

    def items(self, e: ir.Expr, ordered: bool = True) -> str:
        """Owned items of an iterable."""
        return owned_items(self.em, iterate(self.em, e, ordered))

    def items_arg(self, e: ir.Expr, ordered: bool = True) -> str:
        """``items`` for a parameter taking ``IntoIterator`` (no needless ``.into_iter()``)."""
        return self.items(e, ordered).removesuffix(".into_iter()")

    def owned_vec(self, e: ir.Expr) -> str:
        """An owned Vec holding the items of ``e``."""
        ty = e.ty or T.NONE
        if ty.name in ("list", "tuple..."):
            return self.em.copied(e)
        item = T.elem(ty) or T.NONE
        return f"{self.items(e, ordered=ty.name != 'set')}.collect::<Vec<{rtype(item)}>>()"

    # ------------------------------------------------------------ builtins
    def builtin(self, e: ir.Call) -> R:
        """Print a builtin or math call."""
        if e.func.startswith("math."):
            return self.math(e)
        if e.func.startswith(("heapq.", "bisect.")):
            return self.heap_bisect(e)
        if e.func.startswith("collections."):
            return self.collection(e)
        if e.func == "functools.reduce":
            return self.reduce(e)
        if e.func == "dict.fromkeys":
            return self.fromkeys(e)
        if e.func == "type.__name__":
            err = self.em.caught_errors.get(str(getattr(e.args[0], "value", "")))
            if err is None:
                raise Refusal("PT011", "type(...).__name__ outside its handler", e.line)
            return R(f"{self.em.rt('catch', 'exception_name')}(&{err})", T.STR)
        method = getattr(self, "b_" + e.func, None)
        if method is None:
            raise Refusal("PT012", f"call of {e.func}()", e.line)
        result: R = method(e)
        return result

    def b_len(self, e: ir.Call) -> R:
        (x,) = e.args
        ty = x.ty or T.NONE
        if ty.name == "tuple":
            return R(str(len(ty.args)), T.INT)
        if isinstance(x, ir.Call) and x.func == "range":
            em = self.em
            bounds = [em.int_val(a).code for a in x.args]
            start, stop, step = {1: ["0", *bounds, "1"], 2: [*bounds, "1"]}.get(len(bounds), bounds)
            return R(f"{em.rt('range_len')}({start}, {stop}, {step})", T.INT)
        if isinstance(x, ir.Method) and x.name == "encode":  # UTF-8 length, no copy
            return R(f"{self.recv(x)}.len() as i64", T.INT, prec=AS)
        r = self.em.expr(x)
        count = "chars().count()" if ty.name == "str" else "len()"
        return R(f"{paren(r, ATOM)}.{count} as i64", T.INT, prec=AS)

    def b_range(self, e: ir.Call) -> R:
        it = iterate(self.em, e)
        return R(it.code, e.ty or T.NONE)

    b_enumerate = b_reversed = b_map = b_filter = b_range

    def b_zip(self, e: ir.Call) -> R:
        if not getattr(e, "transpose", False):
            return self.b_range(e)
        em = self.em  # ``a, b = zip(*rows)``: the columns; no rows leaves nothing to unpack
        ty = e.ty or T.NONE
        rows, row = em.fresh("rows"), em.fresh("row")
        em.taken.discard(rows)
        em.taken.discard(row)
        columns = []
        for i, col in enumerate(ty.args):
            take = f"{row}.{i}" if T.is_copy(col.args[0]) else f"{row}.{i}.clone()"
            columns.append(f"{rows}.iter().map(|{row}| {take}).collect::<{rtype(col)}>()")
        empty = (
            f'panic!("ValueError: not enough values to unpack (expected {len(ty.args)}, got 0)")'
        )
        return R(
            f"{{ let {rows} = {em.slice_ref(e.args[0])}; if {rows}.is_empty() {{ {empty} }} "
            f"({', '.join(columns)}) }}",
            ty,
        )

    def b_isinstance(self, e: ir.Call) -> R:
        """Decided by inference from the static type (see ``Infer.isinstance_call``)."""
        decided = getattr(e, "decided", None)
        if decided == "is_some":
            return R(f"{paren(self.em.expr(e.args[0]), ATOM)}.is_some()", T.BOOL)
        if decided not in ("true", "false"):
            raise Refusal("PT012", "isinstance()", e.line)
        return R(decided, T.BOOL)

    def b_next(self, e: ir.Call) -> R:
        """``next(gen)`` raises StopIteration when empty; ``next(gen, default)`` evaluates
        the default first, as Python does (before the generator runs)."""
        em = self.em
        ty = e.ty or T.NONE
        src = e.args[0]
        first = f"{ident(src.id)}.next()" if is_iterator(src) else f"{self.items(src)}.next()"
        if len(e.args) == 1:
            return R(f'{first}.expect("StopIteration")', ty)
        default = e.args[1]
        if isinstance(default, ir.Const) and default.value is None:
            return R(first, ty)
        value = em.owned(default, ty)
        if isinstance(default, ir.Const | ir.Name) or const_int(default) is not None:
            return R(f"{first}.unwrap_or({value})", ty)
        var = em.fresh("default")
        em.taken.discard(var)
        return R(f"{{ let {var} = {value}; {first}.unwrap_or({var}) }}", ty)

    def b_iter(self, e: ir.Call) -> R:
        """``iter(xs)`` bound to a variable: an iterator over owned items (iterators.py)."""
        it = iterate(self.em, e.args[0])
        code = owned_items(self.em, it)
        if code == f"({it.loop_code})":  # ``let mut it = 0..n;`` (a range needs no parens)
            code = code[1:-1]
        return R(code, e.ty or T.NONE)

    def b_abs(self, e: ir.Call) -> R:
        (x,) = e.args
        if (e.ty or T.NONE).name == "float":
            return R(f"{paren(self.em.value(x), ATOM)}.abs()", T.FLOAT)
        return R(f"{self.em.rt('iabs')}({self.em.int_val(x).code})", T.INT)

    def b_hash(self, e: ir.Call) -> R:
        return R(f"{self.em.rt('hash_int')}({self.em.int_val(e.args[0]).code})", T.INT)

    def b_min(self, e: ir.Call) -> R:
        return self.minmax(e, "min")

    def b_max(self, e: ir.Call) -> R:
        return self.minmax(e, "max")

    def minmax(self, e: ir.Call, which: str) -> R:
        """``min``/``max`` of arguments or of an iterable, with key= and default=."""
        em = self.em
        ty = e.ty or T.NONE
        key = e.kwargs.get("key")
        if len(e.args) > 1:
            if key is None and ty.name in ("int", "bool"):
                vals = [em.int_val(a) if ty.name == "int" else em.value(a) for a in e.args]
                code = paren(vals[0], ATOM)
                for v in vals[1:]:
                    code = f"{code}.{which}({v.code})"
                return R(code, ty)
            items = f"[{', '.join(em.owned(a, ty) for a in e.args)}]"
        else:
            items = self.items(e.args[0], ordered=False)
            default = e.kwargs.get("default")
            optional = isinstance(default, ir.Const) and default.value is None
            simple = ty.args[0] if optional else ty
            if (
                key is None
                and not T.has_float(simple)
                and simple.name in ("int", "str", "bool", "tuple")
            ):
                got = f"{items}.{which}()"
                if optional:  # max(xs, default=None): Rust's Option is that already
                    return R(got, ty)
                if default is not None:
                    return R(f"{got}.unwrap_or({em.owned(default, ty)})", ty)
                return R(f'{got}.expect("{EMPTY.format(which)}")', ty)
        if "default" in e.kwargs:
            raise Refusal("PT012", f"{which}() with default= and key= or float items", e.line)
        closure = self.key_closure(key, ty)
        return R(f"{em.rt(which + '_by')}({items}, {closure})", ty)

    def b_sum(self, e: ir.Call) -> R:
        em = self.em
        ty = e.ty or T.NONE
        items = self.items(e.args[0], ordered=False)
        item_t = T.elem(e.args[0].ty or T.NONE) or T.INT
        if item_t.name == "bool":
            items = f"{items}.map(i64::from)"
        elif item_t.name == "int" and ty.name == "float":
            items = f"{items}.map(|v| v as f64)"
        else:
            items = items.removesuffix(".into_iter()")
        if ty.name == "float":
            start = em.as_float(e.args[1]) if len(e.args) > 1 else "0.0"
            return R(f"{em.rt('sum_float')}({items}, {start})", ty)
        start = em.int_val(e.args[1]).code if len(e.args) > 1 else "0"
        return R(f"{em.rt('sum_int')}({items}, {start})", ty)

    def b_any(self, e: ir.Call) -> R:
        return self.anyall(e, "any")

    def b_all(self, e: ir.Call) -> R:
        return self.anyall(e, "all")

    def anyall(self, e: ir.Call, which: str) -> R:
        """``any``/``all``, as ``iter.any(|x| test)`` when given a generator."""
        em = self.em
        (x,) = e.args
        if isinstance(x, ir.Comp) and x.kind == "gen" and len(x.gens) == 1 and not x.gens[0].conds:
            g = x.gens[0]
            saved = dict(em.kinds)
            it = iterate(em, g.iter, ordered=False)
            pat = pattern(em, g.target, it.item, it.shape)
            test = em.cond(x.elt)
            em.kinds = saved
            return R(f"{it.code}.{which}(|{pat}| {test})", T.BOOL)
        item = T.elem(x.ty or T.NONE) or T.NONE
        test = em.truthy(R("v", item, "place"))
        return R(f"{self.items(x, ordered=False)}.{which}(|v| {test})", T.BOOL)

    def b_sorted(self, e: ir.Call) -> R:
        em = self.em
        ty = e.ty or T.NONE
        vec = self.owned_vec(e.args[0])
        key, rev = e.kwargs.get("key"), e.kwargs.get("reverse")
        reverse = em.cond(rev) if rev is not None else "false"
        if key is None and not T.has_float(ty.args[0]):
            return R(f"{em.rt('sorted')}({vec}, {reverse})", ty)
        closure = self.key_closure(key, ty.args[0])
        return R(f"{em.rt('sorted_by')}({vec}, {closure}, {reverse})", ty)

    def sort_stmt(self, place: str, item: T.PyType, kw: dict[str, ir.Expr], e: ir.Expr) -> str:
        """Sort a Vec in place like ``list.sort(key=, reverse=)``."""
        em = self.em
        key = kw.get("key")
        rev = kw.get("reverse")
        reverse = em.cond(rev) if rev is not None else "false"
        if key is None and not T.has_float(item):
            if reverse == "false":
                return f"{place}.sort()"
            if reverse == "true":
                return f"{place}.sort_by(|a, b| b.cmp(a))"
        closure = self.key_closure(key, item)
        target = (
            place
            if place.startswith("&mut ")
            or place.startswith("crate::")
            or (place in em.kinds and em.kinds[place] == "mut")
            else f"&mut {place}"
        )
        return f"{em.rt('sort_by')}({target}, {closure}, {reverse})"

    def b_list(self, e: ir.Call) -> R:
        ty = e.ty or T.NONE
        if not e.args:
            return R("Vec::new()", ty)
        return R(self.owned_vec(e.args[0]), ty)

    def b_tuple(self, e: ir.Call) -> R:
        return self.b_list(e)

    def b_frozenset(self, e: ir.Call) -> R:
        return self.b_set(e)

    def b_set(self, e: ir.Call) -> R:
        ty = e.ty or T.NONE
        if not e.args:
            return R("std::collections::HashSet::new()", ty)
        return R(f"{self.items(e.args[0], ordered=False)}.collect::<{rtype(ty)}>()", ty)

    def b_dict(self, e: ir.Call) -> R:
        em = self.em
        ty = e.ty or T.NONE
        if not e.args:
            return R(f"{em.rt('dict', 'PyDict')}::new()", ty)
        if (e.args[0].ty or T.NONE).name in T.DICTLIKE:
            return R(self.dict_copy(e.args[0]), ty)
        return R(f"{em.rt('dict', 'PyDict')}::from_pairs({self.items(e.args[0])}.collect())", ty)

    def dict_copy(self, e: ir.Expr) -> str:
        """An owned ``PyDict`` copy of a mapping (an OrderedDict's inner dict)."""
        if (e.ty or T.NONE).name == "OrderedDict":
            return f"{self.em.receiver(e, mutable=False)}.to_dict()"
        return self.em.copied(e)

    def b_str(self, e: ir.Call) -> R:
        if not e.args:
            return R("String::new()", T.STR)
        return to_str(self.em, e.args[0])

    def b_repr(self, e: ir.Call) -> R:
        return R(py_trait(self.em, self.em.expr(e.args[0]), "py_repr"), T.STR)

    def b_int(self, e: ir.Call) -> R:
        em = self.em
        if len(e.args) == 2:
            base = em.int_val(e.args[1]).code
            return R(f"{em.rt('parse_int_base')}({em.str_ref(e.args[0])}, {base})", T.INT)
        (x,) = e.args
        name = (x.ty or T.NONE).name
        if name == "float":
            return R(f"{em.rt('float_to_int')}({em.value(x).code})", T.INT)
        if name == "str":
            return R(f"{em.rt('parse_int')}({em.str_ref(x)})", T.INT)
        return em.int_val(x)

    def b_float(self, e: ir.Call) -> R:
        em = self.em
        (x,) = e.args
        if isinstance(x, ir.Const) and isinstance(x.value, str):
            try:  # float("inf"): Python's own reading of the literal
                value = float(x.value)
            except ValueError:
                value = None
            if value is not None:
                code = float_lit(value)
                return R(code, T.FLOAT, prec=UNARY if code.startswith("-") else ATOM)
        if (x.ty or T.NONE).name == "str":
            return R(f"{em.rt('parse_float')}({em.str_ref(x)})", T.FLOAT)
        code = em.as_float(x)
        return R(code, T.FLOAT, prec=AS if code.endswith(" as f64") else ATOM)

    def b_bool(self, e: ir.Call) -> R:
        return R(self.em.cond(e.args[0]), T.BOOL, prec=30)

    def b_round(self, e: ir.Call) -> R:
        em = self.em
        x = e.args[0]
        is_float = (x.ty or T.NONE).name == "float"
        if len(e.args) == 1:
            if is_float:
                return R(f"{em.rt('round_int')}({em.value(x).code})", T.INT)
            return em.int_val(x)
        n = em.int_val(e.args[1]).code
        if is_float:
            return R(f"{em.rt('round_to')}({em.value(x).code}, {n})", T.FLOAT)
        return R(f"{em.rt('round_int_to')}({em.int_val(x).code}, {n})", T.INT)

    def b_divmod(self, e: ir.Call) -> R:
        em = self.em
        ty = e.ty or T.NONE
        if ty.args[0].name == "float":
            a, b = (em.as_float(x) for x in e.args)
            return R(f"{em.rt('fdivmod')}({a}, {b})", ty)
        a, b = (em.int_val(x).code for x in e.args)
        return R(f"{em.rt('divmod')}({a}, {b})", ty)

    def b_pow(self, e: ir.Call) -> R:
        em = self.em
        if len(e.args) == 3:
            a, b, m = (em.int_val(x).code for x in e.args)
            return R(f"{em.rt('powmod')}({a}, {b}, {m})", T.INT)
        return binop(em, ir.BinOp("**", e.args[0], e.args[1], ty=e.ty, line=e.line))

    def b_ord(self, e: ir.Call) -> R:
        return R(f"{self.em.rt('ord')}({self.em.str_ref(e.args[0])})", T.INT)

    def b_chr(self, e: ir.Call) -> R:
        return R(f"{self.em.rt('chr')}({self.em.int_val(e.args[0]).code})", T.STR)

    def b_print(self, e: ir.Call) -> R:
        return print_call(self.em, e)

    def radix(self, e: ir.Call, base: int, prefix: str) -> R:
        x = self.em.int_val(e.args[0]).code
        return R(f'{self.em.rt("fmt_radix")}({x}, {base}, "{prefix}")', T.STR)

    def b_hex(self, e: ir.Call) -> R:
        return self.radix(e, 16, "0x")

    def b_oct(self, e: ir.Call) -> R:
        return self.radix(e, 8, "0o")

    def b_bin(self, e: ir.Call) -> R:
        return self.radix(e, 2, "0b")

    def reduce(self, e: ir.Call) -> R:
        """``functools.reduce`` as ``Iterator::fold`` (no initial value: the first item)."""
        em = self.em
        ty = e.ty or T.NONE
        fn = e.args[0]
        saved = dict(em.kinds)
        try:
            if isinstance(fn, ir.Lambda):
                em.kinds[fn.params[0]] = em.kinds[fn.params[1]] = "place"
                closure = f"|{ident(fn.params[0])}, {ident(fn.params[1])}| {em.owned(fn.body, ty)}"
            else:
                em.kinds["__acc__"] = em.kinds["__item__"] = "place"
                acc, item = em.fresh("acc"), em.fresh("item")
                body = em.owned(fn.call, ty)  # type: ignore[attr-defined]
                closure = f"|{acc}, {item}| " + body.replace("__acc__", acc).replace(
                    "__item__", item
                )
        finally:
            em.kinds = saved
        items = self.items(e.args[1])
        if len(e.args) == 3:
            return R(f"{items}.fold({em.owned(e.args[2], ty)}, {closure})", ty)
        it = em.fresh("items")
        em.taken.discard(it)
        empty = "TypeError: reduce() of empty iterable with no initial value"
        return R(
            f'{{ let mut {it} = {items}; let first = {it}.next().expect("{empty}"); '
            f"{it}.fold(first, {closure}) }}",
            ty,
        )

    def fromkeys(self, e: ir.Call) -> R:
        """``dict.fromkeys(keys[, value])``: later duplicates keep the first position."""
        em = self.em
        ty = e.ty or T.NONE
        k, v = em.fresh("key"), em.fresh("value")
        em.taken.discard(k)
        em.taken.discard(v)
        keys = self.items(e.args[0])
        if len(e.args) == 1:  # the values are None
            pairs = f"{keys}.map(|{k}| ({k}, ())).collect()"
        else:
            copy = v if T.is_copy(ty.args[1]) else f"{v}.clone()"
            pairs = (
                f"{{ let {v} = {em.owned(e.args[1], ty.args[1])}; "
                f"{keys}.map(|{k}| ({k}, {copy})).collect() }}"
            )
        return R(f"{em.rt('dict', 'PyDict')}::from_pairs({pairs})", ty)

    def collection(self, e: ir.Call) -> R:
        """``defaultdict``, ``Counter``, ``deque`` and ``OrderedDict`` constructors."""
        em = self.em
        ty = e.ty or T.NONE
        if ty.name in ("defaultdict", "dict"):
            return R(f"{em.rt('dict', 'PyDict')}::new()", ty)
        if ty.name == "OrderedDict":
            return self.ordered_dict(e)
        if ty.name == "Counter" and e.args and (e.args[0].ty or T.NONE).name in T.DICTLIKE:
            return R(self.dict_copy(e.args[0]), ty)  # Counter(mapping) copies the counts
        items = self.items_arg(e.args[0], ordered=False) if e.args else "std::iter::empty()"
        if ty.name == "Counter":
            return R(f"{em.rt('counter')}({items})", ty)
        maxlen = e.kwargs.get("maxlen")
        limit = f"Some({em.int_val(maxlen).code})" if maxlen is not None else "None"
        return R(f"{em.rt('deque', 'PyDeque')}::new({items}, {limit})", ty)

    def ordered_dict(self, e: ir.Call) -> R:
        """``OrderedDict()``, ``OrderedDict(mapping)`` (a copy, in the mapping's order) and
        ``OrderedDict(pairs)`` (later duplicates keep the first position)."""
        em = self.em
        ty = e.ty or T.NONE
        new = em.rt("odict", "PyOrderedDict")
        if not e.args:
            return R(f"{new}::new()", ty)
        source = e.args[0]
        if (source.ty or T.NONE).name == "OrderedDict":
            return R(em.copied(source), ty)
        if (source.ty or T.NONE).name in T.DICTLIKE:
            return R(f"{new}::from({self.dict_copy(source)})", ty)
        return R(f"{new}::from_pairs({self.items(source)}.collect())", ty)

    def m_OrderedDict_move_to_end(self, e: ir.Method) -> R:
        key = self.em.key(e.args[0])
        return R(f"{self.target(e)}.move_to_end({key}, {self.last_flag(e, 1)})", T.NONE)

    def m_OrderedDict_popitem(self, e: ir.Method) -> R:
        return R(f"{self.target(e)}.popitem({self.last_flag(e, 0)})", e.ty or T.NONE)

    def last_flag(self, e: ir.Method, at: int) -> str:
        """The ``last`` argument of move_to_end/popitem (by position or keyword; True)."""
        last = e.kwargs.get("last", e.args[at] if len(e.args) > at else None)
        return "true" if last is None else self.em.cond(last)

    def m_dict_popitem(self, e: ir.Method) -> R:
        return R(f"{self.target(e)}.popitem(true)", e.ty or T.NONE)

    def m_Counter_most_common(self, e: ir.Method) -> R:
        n = f"Some({self.em.int_val(e.args[0]).code})" if e.args else "None"
        return R(
            f"{self.em.rt('counter', 'most_common')}({self.em.borrow(e.obj)}, {n})", e.ty or T.NONE
        )

    def m_Counter_update(self, e: ir.Method) -> R:
        items = self.items_arg(e.args[0], ordered=False)
        return R(
            f"{self.em.rt('counter', 'counter_update')}({self.em.mut_place(e.obj)}, {items})",
            T.NONE,
        )

    def m_Counter_total(self, e: ir.Method) -> R:
        return R(f"{self.em.rt('sum_int')}({self.recv(e)}.values().copied(), 0)", T.INT)

    def _deque_call(self, e: ir.Method) -> R:
        em = self.em
        item = (e.obj.ty or T.NONE).args[0]
        if e.name in ("append", "appendleft"):
            args = em.owned(e.args[0], item)
        elif e.name == "extend":
            args = self.items_arg(e.args[0])
        elif e.name == "rotate":
            args = em.int_val(e.args[0]).code if e.args else "1"
        else:
            args = ""
        return R(f"{self.target(e)}.{e.name}({args})", e.ty or T.NONE)

    m_deque_append = m_deque_appendleft = m_deque_pop = m_deque_popleft = _deque_call
    m_deque_extend = m_deque_rotate = m_deque_clear = _deque_call

    def heap_bisect(self, e: ir.Call) -> R:
        """``heapq`` and ``bisect`` functions (CPython's algorithms in pyrt)."""
        em = self.em
        fn = e.func.split(".", 1)[1]
        ty = e.ty or T.NONE
        if fn in ("nsmallest", "nlargest"):
            n = em.int_val(e.args[0]).code
            closure = self.key_closure(e.kwargs.get("key"), ty.args[0])
            rev = "true" if fn == "nlargest" else "false"
            items = f"{em.rt('sorted_by')}({self.owned_vec(e.args[1])}, {closure}, {rev})"
            return R(
                f"{items}.into_iter().take({em.rt('repeat_count')}({n})).collect::<{rtype(ty)}>()",
                ty,
            )
        if fn.startswith("bisect"):
            right = "false" if fn == "bisect_left" else "true"
            lo = em.int_val(e.args[2]).code if len(e.args) > 2 else "0"
            hi = f"Some({em.int_val(e.args[3]).code})" if len(e.args) > 3 else "None"
            return R(
                f"{em.rt('bisect')}({em.slice_ref(e.args[0])}, {em.owned_ref(e.args[1])}, "
                f"{lo}, {hi}, {right})",
                ty,
            )
        heap = em.mut_place(e.args[0])
        if fn.startswith("insort"):
            right = "false" if fn == "insort_left" else "true"
            return R(f"{em.rt('bisect', 'insort')}({heap}, {em.owned(e.args[1])}, {right})", ty)
        args = [heap] + [em.owned(a) for a in e.args[1:]]
        return R(f"{em.rt('heapq', fn)}({', '.join(args)})", ty)

    # ------------------------------------------------------------ math
    def math(self, e: ir.Call) -> R:
        """``math.*`` with CPython's domain and range errors."""
        em = self.em
        fn = e.func[5:]
        ty = e.ty or T.NONE
        if fn in ("gcd", "lcm", "factorial", "isqrt", "comb", "perm"):
            args = ", ".join(em.int_val(a).code for a in e.args)
            return R(f"{em.rt(fn)}({args})", ty)
        if fn in ("floor", "ceil", "trunc"):
            x = e.args[0]
            if (x.ty or T.NONE).name != "float":
                return em.int_val(x)
            return R(f"{em.rt('float_to_int')}({paren(em.value(x), ATOM)}.{fn}())", T.INT)
        fs = [em.as_float(a) for a in e.args]
        if fn in MATH1:
            rust = RUST_MATH.get(fn, fn)
            return R(f"{em.rt('math1')}({fs[0]}, f64::{rust}, {str(MATH1[fn]).lower()})", ty)
        if fn == "lgamma":  # CPython's own Lanczos port: the same floats and errors
            return R(f"{em.rt('lgamma')}({fs[0]})", ty)
        if fn == "log":
            ln = f"{em.rt('math1')}({fs[0]}, f64::ln, false)"
            if len(fs) == 1:
                return R(ln, ty)
            base = f"{em.rt('math1')}({fs[1]}, f64::ln, false)"
            return R(f"{em.rt('fdiv')}({ln}, {base})", ty)
        if fn in ("atan2", "hypot", "copysign", "fmod", "pow"):
            rust = {"fmod": "rem", "pow": "powf"}.get(fn, fn)
            path = "std::ops::Rem::rem" if rust == "rem" else f"f64::{rust}"
            return R(f"{em.rt('math2')}({fs[0]}, {fs[1]}, {path})", ty)
        simple = {
            "fabs": "abs",
            "degrees": "to_degrees",
            "radians": "to_radians",
            "isnan": "is_nan",
            "isinf": "is_infinite",
            "isfinite": "is_finite",
        }
        if fn in simple:
            return R(f"{_atom(fs[0])}.{simple[fn]}()", ty)
        if fn == "isclose":
            return R(f"{em.rt('isclose')}({fs[0]}, {fs[1]})", ty)
        raise Refusal("PT012", f"math.{fn}()", e.line)

    # ------------------------------------------------------------ methods
    def method(self, e: ir.Method) -> R:
        """Print a method call on str, list, dict or set."""
        recv = (e.obj.ty or T.NONE).name.replace("tuple...", "list")
        handler = getattr(self, f"m_{recv}_{e.name}", None)
        if handler is None and recv in ("defaultdict", "Counter"):
            handler = getattr(self, f"m_dict_{e.name}", None)
            e.obj.ty = T.as_dict(e.obj.ty or T.NONE)  # this occurrence reads like a dict
        if handler is None and recv == "OrderedDict":  # a PyDict through Deref
            handler = getattr(self, f"m_dict_{e.name}", None)
        if handler is None:
            raise Refusal("PT013", f"method {recv}.{e.name}()", e.line)
        result: R = handler(e)
        return result

    def recv(self, e: ir.Method) -> str:
        """The receiver, ready for a method call."""
        return self.em.receiver(e.obj, mutable=False)

    def arg_str(self, e: ir.Method, i: int = 0) -> str:
        return self.em.str_ref(e.args[i])

    # str ------------------------------------------------------------
    def m_str_lower(self, e: ir.Method) -> R:
        return R(f"{self.recv(e)}.to_lowercase()", T.STR)

    def m_str_upper(self, e: ir.Method) -> R:
        return R(f"{self.recv(e)}.to_uppercase()", T.STR)

    def _strip(self, e: ir.Method, which: str) -> R:
        em = self.em
        if e.args:
            return R(
                f"{em.rt('strip_chars')}({em.str_ref(e.obj)}, {self.arg_str(e)}, '{which}')", T.STR
            )
        method = {"b": "trim_matches", "l": "trim_start_matches", "r": "trim_end_matches"}
        # a &str borrowed from the receiver: owned only where a String is needed
        return R(f"{self.recv(e)}.{method[which]}({em.rt('is_space')})", T.STR, "sref")

    def m_str_strip(self, e: ir.Method) -> R:
        return self._strip(e, "b")

    def m_str_lstrip(self, e: ir.Method) -> R:
        return self._strip(e, "l")

    def m_str_rstrip(self, e: ir.Method) -> R:
        return self._strip(e, "r")

    def _case(self, e: ir.Method) -> R:
        helper = f"str_{e.name}"
        return R(f"{self.em.rt(helper)}({self.em.str_ref(e.obj)})", T.STR)

    m_str_title = m_str_capitalize = m_str_swapcase = m_str_casefold = _case

    def _pred(self, e: ir.Method) -> R:
        return R(f"{self.em.rt('str_' + e.name)}({self.em.str_ref(e.obj)})", T.BOOL)

    m_str_isdigit = m_str_isalpha = m_str_isalnum = m_str_isdecimal = m_str_isnumeric = _pred

    def _case_pred(self, e: ir.Method) -> R:
        return R(f"{self.em.rt('str_' + e.name)}({self.em.str_ref(e.obj)})", T.BOOL)

    m_str_isupper = m_str_islower = m_str_istitle = _case_pred

    def m_str_isspace(self, e: ir.Method) -> R:
        return R(f"{self.em.rt('str_isspace')}({self.em.str_ref(e.obj)})", T.BOOL)

    def _affix(self, e: ir.Method) -> R:
        em = self.em
        method = "starts_with" if e.name == "startswith" else "ends_with"
        arg = e.args[0]
        if len(e.args) == 2:  # s.startswith(p, start): test the suffix from code point start
            start = em.int_val(e.args[1]).code
            rest = f"{em.rt('str_slice')}({em.str_ref(e.obj)}, Some({start}), None, None)"
            return R(f"{rest}.{method}({self.arg_str(e)})", T.BOOL)
        if (arg.ty or T.NONE).name == "tuple":
            if not isinstance(arg, ir.Seq):
                raise Refusal("PT013", f"{e.name}() with a tuple variable", e.line)
            options = ", ".join(em.str_ref(x) for x in arg.elts)
            return R(f"[{options}].iter().any(|p| {self.recv(e)}.{method}(p))", T.BOOL)
        return R(f"{self.recv(e)}.{method}({self.arg_str(e)})", T.BOOL)

    m_str_startswith = m_str_endswith = _affix

    def _partition(self, e: ir.Method) -> R:
        em = self.em
        right = "true" if e.name == "rpartition" else "false"
        return R(
            f"{em.rt('partition')}({em.str_ref(e.obj)}, {self.arg_str(e)}, {right})", e.ty or T.NONE
        )

    m_str_partition = m_str_rpartition = _partition

    def _find(self, e: ir.Method) -> R:
        helper = {
            "find": "str_find",
            "rfind": "str_rfind",
            "index": "str_index_of",
            "rindex": "str_rindex_of",
            "count": "str_count",
        }[e.name]
        em = self.em
        if len(e.args) == 2:
            start = em.int_val(e.args[1]).code
            return R(
                f"{em.rt('str_find_from')}({em.str_ref(e.obj)}, {self.arg_str(e)}, {start})", T.INT
            )
        return R(f"{em.rt(helper)}({em.str_ref(e.obj)}, {self.arg_str(e)})", T.INT)

    m_str_find = m_str_rfind = m_str_index = m_str_rindex = m_str_count = _find

    def m_str_replace(self, e: ir.Method) -> R:
        a, b = self.arg_str(e, 0), self.arg_str(e, 1)
        if len(e.args) == 3:
            k = e.args[2]
            if not (isinstance(k, ir.Const) and isinstance(k.value, int) and k.value >= 0):
                raise Refusal("PT013", "str.replace count must be a non-negative literal", e.line)
            return R(f"{self.recv(e)}.replacen({a}, {b}, {k.value})", T.STR)
        return R(f"{self.recv(e)}.replace({a}, {b})", T.STR)

    def _split(self, e: ir.Method) -> R:
        em = self.em
        args = list(e.args)
        if "sep" in e.kwargs:
            args = [e.kwargs["sep"], *args]
        if "maxsplit" in e.kwargs:
            args = (args or [ir.Const(None, ty=T.NONE)]) + [e.kwargs["maxsplit"]]
        sep = args[0] if args else None
        maxsplit = em.int_val(args[1]).code if len(args) > 1 else "-1"
        s = em.str_ref(e.obj)
        ty = T.list_of(T.STR)
        if sep is None or (sep.ty or T.NONE).name == "None":
            if e.name == "rsplit" and maxsplit != "-1":
                raise Refusal("PT013", "rsplit(None, maxsplit)", e.line)
            return R(f"{em.rt('split_ws')}({s}, {maxsplit})", ty)
        helper = "split_sep" if e.name == "split" else "rsplit_sep"
        if (sep.ty or T.NONE).name == "Optional":  # None splits on whitespace runs
            if e.name == "rsplit" and maxsplit != "-1":
                raise Refusal("PT013", "rsplit(None, maxsplit)", e.line)
            v = em.fresh("sep")
            return R(
                f"match {paren(em.expr(sep), ATOM)}.as_deref() {{ Some({v}) => "
                f"{em.rt(helper)}({s}, {v}, {maxsplit}), None => "
                f"{em.rt('split_ws')}({s}, {maxsplit}) }}",
                ty,
            )
        return R(f"{em.rt(helper)}({s}, {em.str_ref(sep)}, {maxsplit})", ty)

    m_str_split = m_str_rsplit = _split

    def m_str_splitlines(self, e: ir.Method) -> R:
        return R(f"{self.em.rt('splitlines')}({self.em.str_ref(e.obj)})", T.list_of(T.STR))

    def m_str_join(self, e: ir.Method) -> R:
        em = self.em
        (x,) = e.args
        sep = self.em.str_ref(e.obj)
        xt = x.ty or T.NONE
        if xt.name in ("list", "tuple...") and not isinstance(x, ir.Comp):
            return R(f"{paren(em.expr(x), ATOM)}.join({sep})", T.STR)
        return R(f"{self.items(x)}.collect::<Vec<String>>().join({sep})", T.STR)

    def m_str_encode(self, e: ir.Method) -> R:
        return R(f"{self.recv(e)}.as_bytes().to_vec()", T.BYTES)

    def m_str_zfill(self, e: ir.Method) -> R:
        em = self.em
        return R(f"{em.rt('zfill')}({em.str_ref(e.obj)}, {em.int_val(e.args[0]).code})", T.STR)

    def _justify(self, e: ir.Method) -> R:
        em = self.em
        how = {"ljust": "l", "rjust": "r", "center": "c"}[e.name]
        fill = em.str_ref(e.args[1]) if len(e.args) > 1 else '" "'
        width = em.int_val(e.args[0]).code
        return R(f"{em.rt('justify')}({em.str_ref(e.obj)}, {width}, {fill}, '{how}')", T.STR)

    m_str_ljust = m_str_rjust = m_str_center = _justify

    def _remove_affix(self, e: ir.Method) -> R:
        if not is_pure(e.obj):
            raise Refusal("PT013", f"{e.name}() on a computed string", e.line)
        method = "strip_prefix" if e.name == "removeprefix" else "strip_suffix"
        s = self.em.str_ref(e.obj)
        return R(f"{self.recv(e)}.{method}({self.arg_str(e)}).unwrap_or({s}).to_string()", T.STR)

    m_str_removeprefix = m_str_removesuffix = _remove_affix

    # list ------------------------------------------------------------
    def target(self, e: ir.Method) -> str:
        """The receiver as a mutable place."""
        return self.em.receiver(e.obj, mutable=True)

    def m_list_append(self, e: ir.Method) -> R:
        item = (e.obj.ty or T.NONE).args[0]
        return R(f"{self.target(e)}.push({self.em.owned(e.args[0], item)})", T.NONE)

    def m_list_extend(self, e: ir.Method) -> R:
        from pipeline.translate.rules.assign import _extend_items

        return R(f"{self.target(e)}.extend({_extend_items(self.em, e.args[0])})", T.NONE)

    def m_list_insert(self, e: ir.Method) -> R:
        em = self.em
        if not isinstance(e.obj, ir.Name):
            raise Refusal("PT013", "insert() on a computed list", e.line)
        t = self.target(e)
        item = (e.obj.ty or T.NONE).args[0]
        at = f"{em.rt('insert_at')}({em.int_val(e.args[0]).code}, {t}.len())"
        return R(f"{t}.insert({at}, {em.owned(e.args[1], item)})", T.NONE)

    def m_list_pop(self, e: ir.Method) -> R:
        em = self.em
        ty = e.ty or T.NONE
        if not e.args:
            return R(f'{self.target(e)}.pop().expect("IndexError: pop from empty list")', ty)
        return R(f"{em.rt('list_pop')}({em.mut_place(e.obj)}, {em.int_val(e.args[0]).code})", ty)

    def m_list_remove(self, e: ir.Method) -> R:
        em = self.em
        item = (e.obj.ty or T.NONE).args[0]
        needle = em.owned_ref(e.args[0], item)
        return R(f"{em.rt('list_remove')}({em.mut_place(e.obj)}, {needle})", T.NONE)

    def m_list_index(self, e: ir.Method) -> R:
        em = self.em
        item = (e.obj.ty or T.NONE).args[0]
        needle = em.owned_ref(e.args[0], item)
        if len(e.args) > 1:  # xs.index(x, start[, stop])
            start = em.int_val(e.args[1]).code
            stop = f"Some({em.int_val(e.args[2]).code})" if len(e.args) > 2 else "None"
            return R(
                f"{em.rt('list_index_from')}({em.slice_ref(e.obj)}, {needle}, {start}, {stop})",
                T.INT,
            )
        return R(f"{em.rt('list_index')}({em.slice_ref(e.obj)}, {needle})", T.INT)

    def m_list_count(self, e: ir.Method) -> R:
        em = self.em
        item = (e.obj.ty or T.NONE).args[0]
        needle = em.str_ref(e.args[0]) if item.name == "str" else em.owned_ref(e.args[0], item)
        v = em.fresh("item")
        return R(
            f"{self.recv(e)}.iter().filter(|{v}| *{v} == {needle}).count() as i64", T.INT, prec=AS
        )

    def m_list_sort(self, e: ir.Method) -> R:
        item = (e.obj.ty or T.NONE).args[0]
        t = self.target(e)
        if t in self.em.kinds and self.em.kinds.get(t) == "mut":
            place = t
        else:
            place = t if isinstance(e.obj, ir.Name) else self.em.mut_place(e.obj)
        return R(self.sort_stmt(place, item, e.kwargs, e), T.NONE)

    def m_list_reverse(self, e: ir.Method) -> R:
        return R(f"{self.target(e)}.reverse()", T.NONE)

    def m_list_clear(self, e: ir.Method) -> R:
        return R(f"{self.target(e)}.clear()", T.NONE)

    def m_list_copy(self, e: ir.Method) -> R:
        return R(self.em.copied(e.obj), e.ty or T.NONE)

    m_dict_copy = m_set_copy = m_list_copy

    # dict ------------------------------------------------------------
    def m_dict_get(self, e: ir.Method) -> R:
        em = self.em
        ty = e.ty or T.NONE
        v = (e.obj.ty or T.NONE).args[1]
        take = "copied" if T.is_copy(v) else "cloned"
        got = f"{self.recv(e)}.get({em.key(e.args[0])}).{take}()"
        if len(e.args) == 1:
            return R(got, ty)
        return R(f"{got}.unwrap_or({em.owned(e.args[1], v)})", ty)

    def m_dict_keys(self, e: ir.Method) -> R:
        return R(iterate(self.em, e).code, e.ty or T.NONE)

    m_dict_values = m_dict_items = m_dict_keys

    def m_dict_setdefault(self, e: ir.Method) -> R:
        em = self.em
        k, v = (e.obj.ty or T.NONE).args
        key, default = em.owned(e.args[0], k), em.owned(e.args[1], v)
        return R(f"{self.target(e)}.setdefault({key}, {default})", e.ty or T.NONE, "mut")

    def m_dict_pop(self, e: ir.Method) -> R:
        em = self.em
        v = (e.obj.ty or T.NONE).args[1]
        key = em.key(e.args[0])
        if len(e.args) == 1:
            return R(f"{self.target(e)}.pop({key})", v)
        return R(f"{self.target(e)}.remove({key}).unwrap_or({em.owned(e.args[1], v)})", v)

    def m_dict_update(self, e: ir.Method) -> R:
        return R(f"{self.target(e)}.update({self.em.borrow(e.args[0])})", T.NONE)

    def m_dict_clear(self, e: ir.Method) -> R:
        return R(f"{self.target(e)}.clear()", T.NONE)

    # set ------------------------------------------------------------
    def m_set_add(self, e: ir.Method) -> R:
        item = (e.obj.ty or T.NONE).args[0]
        return R(f"{self.target(e)}.insert({self.em.owned(e.args[0], item)})", T.NONE)

    def m_set_discard(self, e: ir.Method) -> R:
        return R(f"{self.target(e)}.remove({self.em.key(e.args[0])})", T.NONE)

    def m_set_remove(self, e: ir.Method) -> R:
        em = self.em
        item = (e.obj.ty or T.NONE).args[0]
        return R(
            f"{em.rt('set_remove')}({em.mut_place(e.obj)}, {em.owned_ref(e.args[0], item)})", T.NONE
        )

    def _set_op(self, e: ir.Method) -> R:
        ty = e.ty or T.NONE
        other = self.em.borrow(e.args[0])
        return R(f"{self.recv(e)}.{e.name}({other}).cloned().collect::<{rtype(ty)}>()", ty)

    m_set_union = m_set_intersection = m_set_difference = m_set_symmetric_difference = _set_op

    def _set_pred(self, e: ir.Method) -> R:
        method = {
            "issubset": "is_subset",
            "issuperset": "is_superset",
            "isdisjoint": "is_disjoint",
        }[e.name]
        return R(f"{self.recv(e)}.{method}({self.em.borrow(e.args[0])})", T.BOOL)

    m_set_issubset = m_set_issuperset = m_set_isdisjoint = _set_pred

    def m_set_update(self, e: ir.Method) -> R:
        return R(f"{self.target(e)}.extend({self.items_arg(e.args[0], ordered=False)})", T.NONE)

    def m_set_clear(self, e: ir.Method) -> R:
        return R(f"{self.target(e)}.clear()", T.NONE)


def _atom(code: str) -> str:
    """Parenthesise a printed f64 expression for a method call."""
    return code if code.replace("_", "").replace(".", "").isalnum() else f"({code})"


__all__ = ["Calls", "comprehension"]
