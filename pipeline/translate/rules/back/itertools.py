"""Printing ``itertools`` calls (``i_<name>``), mixed into Calls: each is a lazy Rust iterator
of owned items, built on the runtime's ports of CPython's algorithms (``pyrt.rs``) or on std's
adapters where they behave the same (``chain``, ``takewhile``, ``dropwhile``, ``repeat``)."""

from __future__ import annotations

from pipeline.translate.rules.back.api import EmitterAPI
from pipeline.translate.rules.back.closures import item_closure
from pipeline.translate.rules.back.loops import iterate, owned_items
from pipeline.translate.rules.back.rust import R
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.types import unify as T


class Itertools:
    """The ``i_<name>`` printers of Calls."""

    em: EmitterAPI

    def itertools(self, e: ir.Call) -> R:
        name = e.func.removeprefix("itertools.").replace(".", "_")
        code: str = getattr(self, f"i_{name}")(e)
        return R(code, e.ty or T.NONE)

    # ------------------------------------------------------------ helpers
    def it_items(self, e: ir.Expr) -> str:
        """A Rust iterator of the owned items of ``e``."""
        return owned_items(self.em, iterate(self.em, e))

    def pool(self, e: ir.Expr) -> str:
        """The items of ``e`` read into a Vec, as CPython's ``tuple(iterable)`` does."""
        return f"{self.it_items(e)}.collect::<Vec<_>>()"

    def opt_int(self, e: ir.Expr | None) -> str:
        if e is None or isinstance(e, ir.Const) and e.value is None:
            return "None"
        return f"Some({self.em.int_val(e).code})"

    def tupled(self, code: str, e: ir.Call) -> str:
        """Vec items as fixed-size tuples where inference typed them so."""
        item = T.elem(e.ty or T.NONE) or T.NONE
        if item.name != "tuple":
            return code
        names = ", ".join(f"v{i}" for i in range(len(item.args)))
        fixed = self.em.rt("fixed")
        return f"{code}.map(|v| {{ let [{names}] = {fixed}(v); ({names},) }})"

    # ------------------------------------------------------------ combinatorics
    def i_permutations(self, e: ir.Call) -> str:
        r = e.args[1] if len(e.args) == 2 else e.kwargs.get("r")
        call = f"{self.em.rt('permutations')}({self.pool(e.args[0])}, {self.opt_int(r)})"
        return self.tupled(call, e)

    def i_combinations(self, e: ir.Call, repl: bool = False) -> str:
        r = e.args[1] if len(e.args) == 2 else e.kwargs["r"]
        em = self.em
        call = f"{em.rt('combinations')}({self.pool(e.args[0])}, {em.int_val(r).code}, {repl})"
        return self.tupled(call.replace("True", "true").replace("False", "false"), e)

    def i_combinations_with_replacement(self, e: ir.Call) -> str:
        return self.i_combinations(e, repl=True)

    def i_product(self, e: ir.Call) -> str:
        item = T.elem(e.ty or T.NONE) or T.NONE
        pools = [self.pool(a) for a in e.args]
        if item.name == "tuple" and len(pools) == 2 and item.args[0] != item.args[1]:
            return (
                f"{{ let (a, b) = ({pools[0]}, {pools[1]}); a.into_iter()"
                ".flat_map(move |x| b.clone().into_iter().map(move |y| (x.clone(), y))) }"
            )
        listed = f"vec![{', '.join(pools)}]"
        repeat = e.kwargs.get("repeat")
        if repeat is not None:
            times = self.em.int_val(repeat).code
            listed = (
                f"std::iter::repeat({listed}).take(usize::try_from({times}).unwrap_or(0))"
                ".flatten().collect()"
            )
        return self.tupled(f"{self.em.rt('product')}({listed})", e)

    # ------------------------------------------------------------ lazy transformers
    def i_accumulate(self, e: ir.Call) -> str:
        item = T.elem(e.ty or T.NONE) or T.NONE
        fn = e.args[1] if len(e.args) == 2 else e.kwargs.get("func")
        if fn is None:
            add = "a + &b" if item.name == "str" else "a + b"
            closure = f"|a, b| {add}"
        else:
            closure = self.binary_closure(fn, item)  # type: ignore[attr-defined]
        initial = e.kwargs.get("initial")
        start = "None" if initial is None else f"Some({self.em.owned(initial, item)})"
        return f"{self.em.rt('accumulate')}({self.it_items(e.args[0])}, {start}, {closure})"

    def i_groupby(self, e: ir.Call) -> str:
        item = T.elem(e.args[0].ty or T.NONE) or T.NONE
        key = e.kwargs.get("key")
        if key is None:
            closure = "|v| v.clone()" if not T.is_copy(item) else "|v| *v"
        else:
            closure = item_closure(self.em, key, item, "ref")
        return f"{self.em.rt('groupby')}({self.it_items(e.args[0])}, {closure})"

    def i_pairwise(self, e: ir.Call) -> str:
        return f"{self.em.rt('pairwise')}({self.it_items(e.args[0])})"

    def i_chain(self, e: ir.Call) -> str:
        first, *rest = [self.it_items(a) for a in e.args]
        return first + "".join(f".chain({r.removesuffix('.into_iter()')})" for r in rest)

    def i_chain_from_iterable(self, e: ir.Call) -> str:
        return f"{self.it_items(e.args[0])}.flatten()"

    def i_islice(self, e: ir.Call) -> str:
        bounds = e.args[1:]
        start, stop, step = (None, bounds[0], None) if len(bounds) == 1 else (*bounds, None)[:3]
        parts = ", ".join(self.opt_int(b) for b in (start, stop, step))
        return f"{self.em.rt('islice')}({self.it_items(e.args[0])}, {parts})"

    def i_count(self, e: ir.Call) -> str:
        start_e = e.args[0] if e.args else e.kwargs.get("start")
        start = self.em.int_val(start_e).code if start_e is not None else "0"
        step_e = e.args[1] if len(e.args) == 2 else e.kwargs.get("step")
        step = self.em.int_val(step_e).code if step_e is not None else "1"
        return f"{self.em.rt('count_from')}({start}, {step})"

    def i_repeat(self, e: ir.Call) -> str:
        value = self.em.owned(e.args[0], e.args[0].ty)
        times = e.args[1] if len(e.args) == 2 else e.kwargs.get("times")
        if times is None:
            return f"std::iter::repeat({value})"
        n = self.em.int_val(times).code
        return f"std::iter::repeat({value}).take(usize::try_from({n}).unwrap_or(0))"

    def i_zip_longest(self, e: ir.Call) -> str:
        a, b = (self.it_items(x) for x in e.args)
        call = f"{self.em.rt('zip_longest')}({a}, {b.removesuffix('.into_iter()')})"
        fill = e.kwargs.get("fillvalue")
        if fill is None or isinstance(fill, ir.Const) and fill.value is None:
            return call
        item = (T.elem(e.ty or T.NONE) or T.NONE).args[0]
        value = self.em.owned(fill, item)
        take = "fill" if T.is_copy(item) else "fill.clone()"
        return (
            f"{{ let fill = {value}; {call}.map(move |(x, y)| "
            f"(x.unwrap_or_else(|| {take}), y.unwrap_or_else(|| {take}))) }}"
        )

    def predicate(self, e: ir.Call) -> str:
        item = T.elem(e.ty or T.NONE) or T.NONE
        return item_closure(self.em, e.args[0], item, "ref", cond=True)

    def i_takewhile(self, e: ir.Call) -> str:
        return f"{self.it_items(e.args[1])}.take_while({self.predicate(e)})"

    def i_dropwhile(self, e: ir.Call) -> str:
        return f"{self.it_items(e.args[1])}.skip_while({self.predicate(e)})"

    def i_filterfalse(self, e: ir.Call) -> str:
        items = self.it_items(e.args[1])
        return f"{self.em.rt('filterfalse')}({items}, {self.predicate(e)})"
