"""Printing calls of Python's builtins (``b_<name>``) and of collections' constructors, mixed
into Calls, which dispatches to them from ``builtin``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.pytypes import rust_str, typevars_in
from pipeline.rustnames import ident
from pipeline.translate.rules.analysis.iterators import is_iterator
from pipeline.translate.rules.back.api import EmitterAPI
from pipeline.translate.rules.back.closures import key_closure
from pipeline.translate.rules.back.fmt import print_call, py_trait, to_str
from pipeline.translate.rules.back.loops import (
    comprehension,
    iterate,
    owned_items,
    pattern,
    short_circuit,
    unpack_items,
)
from pipeline.translate.rules.back.operators import big_ref, binop
from pipeline.translate.rules.back.rust import AS, ATOM, UNARY, R, float_lit, paren, rtype
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import const_int, sub_exprs
from pipeline.translate.rules.types import intmode
from pipeline.translate.rules.types import unify as T


class Builtins:
    """The ``b_<name>`` printers of Calls (builtins, collections' constructors)."""

    if TYPE_CHECKING:  # what it uses of its host, Calls (declared for mypy)
        em: EmitterAPI

        def items(self, e: ir.Expr, ordered: bool = True) -> str: ...
        def items_arg(self, e: ir.Expr, ordered: bool = True) -> str: ...
        def owned_vec(self, e: ir.Expr) -> str: ...
        def recv(self, e: ir.Method) -> str: ...
        def target(self, e: ir.Method) -> str: ...

    def b_len(self, e: ir.Call) -> R:
        r = self.len_i64(e)
        if intmode.big():  # a length always fits i64: made an Int after
            return R(f"{self.em.rt('bigint', 'Int')}::from({r.code})", T.INT)
        return r

    def len_i64(self, e: ir.Call) -> R:
        """``len(x)`` as an i64."""
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
        if isinstance(x, ir.Comp) and x.kind == "list" and _order_free(x, self.em):
            r = comprehension(self.em, x, ordered=False)  # a count: any order of a set's items
            return R(f"{paren(r, ATOM)}.len() as i64", T.INT, prec=AS)
        r = self.em.expr(x)
        count = "chars().count()" if ty.name == "str" else "len()"
        return R(f"{paren(r, ATOM)}.{count} as i64", T.INT, prec=AS)

    def b_bytes(self, e: ir.Call) -> R:
        """``bytes()``, ``bytes(n)``, ``bytes(ints)``, ``bytes(data)``."""
        em = self.em
        if not e.args:
            return R("Vec::<u8>::new()", T.BYTES)
        (x,) = e.args
        ty = x.ty or T.NONE
        if ty.name == "bytes":
            return R(em.copied(x), T.BYTES)
        if ty.name == "int":
            return R(f"{em.rt('bytes_zeros')}({em.int_val(x).code})", T.BYTES)
        return R(f"{em.rt('bytes_from_ints')}({em.slice_ref(x)})", T.BYTES)

    def b_range(self, e: ir.Call) -> R:
        it = iterate(self.em, e)
        return R(it.code, e.ty or T.NONE)

    b_enumerate = b_reversed = b_map = b_filter = b_range

    def b_zip(self, e: ir.Call) -> R:
        if id(e) not in self.em.typed.facts.transposed:
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
        decided = self.em.typed.facts.decided.get(id(e))
        if decided is not None and decided.startswith("class:"):
            classes = [rust_str(c) for c in decided.removeprefix("class:").split("|") if c]
            if not classes:
                return R(f"{{ let _ = &{paren(self.em.expr(e.args[0]), UNARY)}; false }}", T.BOOL)
            return R(f"matches!({self.py_class(e.args[0])}, {' | '.join(classes)})", T.BOOL)
        if decided == "is_some":
            return R(f"{paren(self.em.expr(e.args[0]), ATOM)}.is_some()", T.BOOL)
        if decided not in ("true", "false"):
            raise Refusal(Code.CALL, "isinstance()", e.line)
        x = e.args[0]
        if isinstance(x, ir.Name | ir.Const):
            return R(decided, T.BOOL)
        return R(f"{{ let _ = &{paren(self.em.expr(x), UNARY)}; {decided} }}", T.BOOL)

    def type_name(self, e: ir.Call) -> R:
        """``type(x).__name__`` / ``str(type(x))``, decided by inference (``Infer.type_call``)."""
        name = self.em.typed.facts.decided[id(e)]
        if name.startswith("class:"):  # of a type variable's value: asked at run time
            of = self.py_class(e.args[0])
            if e.func == "type.name":
                return R(f"{of}.to_string()", T.STR)
            return R(f"format!(\"<class '{{}}'>\", {of})", T.STR)
        text = rust_str(name if e.func == "type.name" else f"<class '{name}'>")
        x = e.args[0]
        if isinstance(x, ir.Name | ir.Const):
            return R(f"String::from({text})", T.STR)
        return R(f"{{ let _ = &{paren(self.em.expr(x), UNARY)}; String::from({text}) }}", T.STR)

    def py_class(self, x: ir.Expr) -> str:
        """``pyrt::PyClass::py_class(&x)``: the Python class name of a generic value."""
        r = self.em.expr(x)
        arg = r.code if r.kind in ("ref", "sref", "mut") else f"&{paren(r, ATOM)}"
        return f"{self.em.rt('py_class', 'PyClass')}::py_class({arg})"

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
        if intmode.big():
            return R(f"{paren(self.em.expr(x), ATOM)}.abs()", T.INT)
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
                vals = [self.int_owned(a) if ty.name == "int" else em.value(a) for a in e.args]
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
            return self.minmax_default(e, which, items)
        closure = key_closure(self.em, key, ty)
        return R(f"{em.rt(which + '_by')}({items}, {closure})", ty)

    def minmax_default(self, e: ir.Call, which: str, items: str) -> R:
        """``max(xs, key=k, default=d)`` (or float items): ``d`` when ``xs`` is empty. ``d``
        must be a literal or a name (nothing it evaluates can run in another order)."""
        em = self.em
        ty = e.ty or T.NONE
        default = e.kwargs["default"]
        if not isinstance(default, ir.Const | ir.Name):
            raise Refusal(Code.CALL, f"{which}() with a computed default=", e.line)
        optional = isinstance(default, ir.Const) and default.value is None
        item = ty.args[0] if optional else ty
        found = f"{em.rt(which + '_by')}({{v}}, {key_closure(em, e.kwargs.get('key'), item)})"
        fallback = "None" if optional else em.owned(default, ty)
        v = em.fresh("items")
        found = found.format(v=v)
        if optional:
            found = f"Some({found})"
        return R(
            f"{{ let {v}: Vec<_> = {items}.collect(); "
            f"if {v}.is_empty() {{ {fallback} }} else {{ {found} }} }}",
            ty,
        )

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
        if intmode.big() and item_t.name == "int":
            total = f"{items}.sum::<{em.rt('bigint', 'Int')}>()"
            if len(e.args) > 1:
                return R(f"&{em.borrow(e.args[1])} + &{total}".replace("&&", "&", 1), ty)
            return R(total, ty)
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
            it = unpack_items(em, iterate(em, g.iter, ordered=False), g.target)
            pat = pattern(em, g.target, it.item, it.shape)
            test = em.cond(x.elt)
            em.kinds = saved
            return R(f"{it.code}.{which}(|{pat}| {test})", T.BOOL)
        if isinstance(x, ir.Comp) and x.kind == "gen" and len(x.gens) > 1:
            return R(short_circuit(em, x, which), T.BOOL)
        item = T.elem(x.ty or T.NONE) or T.NONE
        test = em.truthy(R("v", item, "place"))
        return R(f"{self.items(x, ordered=False)}.{which}(|v| {test})", T.BOOL)

    def b_sorted(self, e: ir.Call) -> R:
        em = self.em
        ty = e.ty or T.NONE
        vec = self.owned_vec(e.args[0])
        key, rev = e.kwargs.get("key"), e.kwargs.get("reverse")
        reverse = em.cond(rev) if rev is not None else "false"
        if key is None and not T.has_float(ty.args[0]) and not typevars_in(ty):
            return R(f"{em.rt('sorted')}({vec}, {reverse})", ty)
        closure = key_closure(self.em, key, ty.args[0])
        return R(f"{em.rt('sorted_by')}({vec}, {closure}, {reverse})", ty)

    def sort_stmt(self, place: str, item: T.PyType, kw: dict[str, ir.Expr], e: ir.Expr) -> str:
        """Sort a Vec in place like ``list.sort(key=, reverse=)``."""
        em = self.em
        key = kw.get("key")
        rev = kw.get("reverse")
        reverse = em.cond(rev) if rev is not None else "false"
        if key is None and not T.has_float(item) and not typevars_in(item):
            if reverse == "false":
                return f"{place}.sort()"
            if reverse == "true":
                return f"{place}.sort_by(|a, b| b.cmp(a))"
        closure = key_closure(self.em, key, item)
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
            return self.float_to_int(em.value(x).code)
        if name == "str" and intmode.big():
            return R(f"{em.rt('bigint', 'Int')}::parse({em.str_ref(x)})", T.INT)
        if name == "str":
            return R(f"{em.rt('parse_int')}({em.str_ref(x)})", T.INT)
        return self.int_owned(x)

    def int_owned(self, x: ir.Expr) -> R:
        """An int (or bool) value as an owned int: an i64, or in big-int mode an ``Int``."""
        if intmode.big() and (x.ty or T.NONE).name == "int":
            return R(self.em.owned(x), T.INT)
        return self.em.int_val(x)

    def float_to_int(self, code: str) -> R:
        """``int(x)`` of a float expression: ValueError/OverflowError as Python raises."""
        if intmode.big():
            return R(f"{self.em.rt('bigint', 'Int')}::from_f64({code})", T.INT)
        return R(f"{self.em.rt('float_to_int')}({code})", T.INT)

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
            if is_float and intmode.big():  # round() of a float: half to even, then int()
                return self.float_to_int(f"{paren(em.value(x), ATOM)}.round_ties_even()")
            if is_float:
                return R(f"{em.rt('round_int')}({em.value(x).code})", T.INT)
            return self.int_owned(x)
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
        if intmode.big():
            a, b = (big_ref(em, x) for x in e.args)
            return R(f"{em.rt('bigint', 'Int')}::divmod({a}, {b})", ty)
        a, b = (em.int_val(x).code for x in e.args)
        return R(f"{em.rt('divmod')}({a}, {b})", ty)

    def b_pow(self, e: ir.Call) -> R:
        em = self.em
        if len(e.args) == 3 and intmode.big():
            a, b, m = (big_ref(em, x) for x in e.args)
            return R(f"{em.rt('bigint', 'Int')}::powmod({a}, {b}, {m})", T.INT)
        if len(e.args) == 3:
            a, b, m = (em.int_val(x).code for x in e.args)
            return R(f"{em.rt('powmod')}({a}, {b}, {m})", T.INT)
        return binop(em, ir.BinOp("**", e.args[0], e.args[1], ty=e.ty, line=e.line))

    def b_ord(self, e: ir.Call) -> R:
        arg = e.args[0]
        value = arg.value if isinstance(arg, ir.Const) else None
        if isinstance(value, bytes) and len(value) == 1:
            return R(f"{value[0]}i64", T.INT)  # ord(b"P"): the byte's value
        if arg.ty == T.BYTES:
            return R(f"{self.em.rt('ord_bytes')}({self.em.slice_ref(arg)})", T.INT)
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
        closure = self.binary_closure(e.args[0], ty)
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

    def binary_closure(self, fn: ir.Expr, ty: T.PyType) -> str:
        """A Rust closure ``|acc, item| ...`` of owned values for a two-parameter lambda or a
        named function (its call typed by inference in ``facts.calls``) returning ``ty``."""
        em = self.em
        saved = dict(em.kinds)
        try:
            if isinstance(fn, ir.Lambda):
                em.kinds[fn.params[0]] = em.kinds[fn.params[1]] = "place"
                return f"|{ident(fn.params[0])}, {ident(fn.params[1])}| {em.owned(fn.body, ty)}"
            em.kinds["__acc__"] = em.kinds["__item__"] = "place"
            acc, item = em.fresh("acc"), em.fresh("item")
            body = em.owned(em.typed.facts.calls[id(fn)], ty)
            return f"|{acc}, {item}| " + body.replace("__acc__", acc).replace("__item__", item)
        finally:
            em.kinds = saved

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

    def m_deque_remove(self, e: ir.Method) -> R:
        """``d.remove(x)``: the first item equal to ``x`` (ValueError when none); the needle
        is evaluated first (``d.remove(d[0])`` reads ``d`` before it is borrowed mutably)."""
        em = self.em
        item = (e.obj.ty or T.NONE).args[0]
        v = em.fresh("needle")
        needle = em.owned(e.args[0], item)
        return R(f"{{ let {v} = {needle}; {self.target(e)}.remove(&{v}) }}", T.NONE)

    def heap_bisect(self, e: ir.Call) -> R:
        """``heapq`` and ``bisect`` functions (CPython's algorithms in pyrt)."""
        em = self.em
        fn = e.func.split(".", 1)[1]
        ty = e.ty or T.NONE
        if fn in ("nsmallest", "nlargest"):
            n = em.int_val(e.args[0]).code
            closure = key_closure(self.em, e.kwargs.get("key"), ty.args[0])
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


EMPTY = "ValueError: {}() arg is an empty sequence"


# methods that change their receiver: a comprehension calling one has effects in item order
_CHANGING = frozenset(
    {"append", "extend", "insert", "pop", "remove", "add", "discard", "update", "clear"}
    | {"setdefault", "popitem", "sort", "reverse", "appendleft", "popleft", "move_to_end"}
)


_PURE_CALLS = frozenset(
    {"len", "str", "int", "float", "bool", "abs", "min", "max", "sum", "sorted", "ord", "chr"}
    | {"round", "list", "set", "tuple", "range", "enumerate", "zip", "any", "all", "reversed"}
    | {"isinstance", "divmod", "pow", "repr"}
)


def _order_free(e: ir.Comp, em: EmitterAPI) -> bool:
    """Whether the items of ``e`` may be made in any order for a count: no call of the
    module's functions, of ``print`` or of anything but plain builtins, nor of a method that
    changes its receiver (a raise anywhere raises either way; the count does not depend on
    the order)."""
    parts = [e.elt, *(x for g in e.gens for x in (g.iter, *g.conds))]
    for part in parts:
        for x in sub_exprs(part):
            if isinstance(x, ir.Method) and x.name in _CHANGING:
                return False
            if isinstance(x, ir.Call) and (x.func not in _PURE_CALLS or x.func in em.sigs):
                return False
    return True
