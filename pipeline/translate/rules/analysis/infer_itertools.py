"""Type inference of ``itertools`` calls; mixed into InferCalls.

Every supported call is a lazy Rust iterator with Python's order and laziness (``iter`` of its
items). Combinatoric generators (``permutations``, ``combinations``,
``combinations_with_replacement``, ``product``) snapshot their pools first, as CPython does
(``tuple(iterable)``), and yield tuples: a fixed-size tuple where the length is known from the
source (``combinations(xs, 2)``, ``product(a, b)``), else ``tuple[T, ...]``. ``groupby`` yields
``(key, group)`` with the group read into a list; ``analysis/groupby.py`` admits it only where
that cannot be observed (the group consumed inside the loop that made it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.pytypes import PyType
from pipeline.translate.rules.analysis.facts import NodeFacts
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import const_int
from pipeline.translate.rules.types import unify as T

FIXED_TUPLE_MAX = 8  # a longer known length is typed tuple[T, ...]
ACCUMULATE_DEFAULT = ("int", "float", "str")  # items ``+`` adds exactly in Rust


class InferItertools:
    """``itertools.<name>(...)``: ``itertools_call`` dispatches to ``it_<name>``."""

    if TYPE_CHECKING:  # what it uses of its host, Infer (declared for mypy)
        env: dict[str, PyType]
        facts: NodeFacts
        u: T.Unifier

        def expect(self, e: ir.Expr, want: PyType, what: str) -> None: ...
        def expr(self, e: ir.Expr) -> PyType: ...
        def fits(self, want: PyType, got: PyType) -> bool: ...
        def item_type(self, t: PyType, where: ir.Expr) -> PyType: ...
        def lambda_result(self, lam: ir.Expr, args: list[PyType]) -> PyType: ...
        def show(self, t: PyType) -> str: ...

    def itertools_call(self, e: ir.Call) -> PyType:
        name = e.func.removeprefix("itertools.").replace(".", "_")
        handler = getattr(self, f"it_{name}", None)
        if handler is None:
            raise Refusal(Code.CALL, f"call of {e.func}() is not supported", e.line)
        t: PyType | None = handler(e)
        if t is None:
            raise Refusal(
                Code.CALL, f"call of {e.func}() with these arguments is not supported", e.line
            )
        return t

    # ------------------------------------------------------------ helpers
    def ordered_items(self, e: ir.Expr, what: str) -> PyType:
        """Item type of an iterable argument (a set's order differs in Rust: refused)."""
        t = self.u.resolve(self.expr(e))
        if t.name == "set":
            raise Refusal(Code.SET_ORDER, f"{what} over a set: its order differs in Rust", e.line)
        return self.u.resolve(self.item_type(t, e))

    def same_items(self, args: list[ir.Expr], what: str) -> PyType | None:
        """The common item type of several iterables (None if they differ)."""
        items = [self.ordered_items(a, what) for a in args]
        for t in items[1:]:
            if not self.u.unify(items[0], t):
                return None
        return self.u.resolve(items[0])

    def count_arg(self, e: ir.Expr | None, what: str) -> int | None:
        """An int argument: its literal value when it is one (else None, checked at run time)."""
        if e is None:
            return None
        self.expect(e, T.INT, what)
        return const_int(e)

    # ------------------------------------------------------------ combinatorics
    def combinatoric(self, e: ir.Call, r_default_is_n: bool) -> PyType | None:
        if not 1 <= len(e.args) <= 2 or set(e.kwargs) - {"r"}:
            return None
        r_arg = e.args[1] if len(e.args) == 2 else e.kwargs.get("r")
        if r_arg is None and not r_default_is_n:
            return None
        item = self.ordered_items(e.args[0], e.func)
        r = self.count_arg(r_arg, "r")
        return T.iter_of(_tuple_type(item, r))

    def it_permutations(self, e: ir.Call) -> PyType | None:
        return self.combinatoric(e, r_default_is_n=True)

    def it_combinations(self, e: ir.Call) -> PyType | None:
        return self.combinatoric(e, r_default_is_n=False)

    it_combinations_with_replacement = it_combinations

    def it_product(self, e: ir.Call) -> PyType | None:
        if set(e.kwargs) - {"repeat"} or not e.args:
            return None
        repeat = self.count_arg(e.kwargs.get("repeat"), "repeat=")
        if "repeat" in e.kwargs and repeat is None:
            return None  # the tuple's length must be known
        n = len(e.args) * (1 if repeat is None else max(repeat, 0))
        items = [self.ordered_items(a, e.func) for a in e.args]
        if len(items) == 2 and repeat is None and items[0] != items[1]:
            return T.iter_of(T.tuple_of(*items))  # two pools of different types
        common = self.same_items(e.args, e.func)
        return None if common is None else T.iter_of(_tuple_type(common, n))

    # ------------------------------------------------------------ lazy transformers
    def it_accumulate(self, e: ir.Call) -> PyType | None:
        if not 1 <= len(e.args) <= 2 or set(e.kwargs) - {"initial", "func"}:
            return None
        item = self.ordered_items(e.args[0], e.func)
        fn = e.args[1] if len(e.args) == 2 else e.kwargs.get("func")
        if "initial" in e.kwargs:
            self.expect(e.kwargs["initial"], item, "initial=")
        if fn is None:
            return T.iter_of(item) if item.name in ACCUMULATE_DEFAULT else None
        self.binary_fn(fn, item, item, e)
        return T.iter_of(item)

    def it_groupby(self, e: ir.Call) -> PyType | None:
        if len(e.args) != 1 or set(e.kwargs) - {"key"}:
            return None
        item = self.ordered_items(e.args[0], e.func)
        key = e.kwargs.get("key")
        k = item if key is None else self.lambda_result(key, [item])
        return T.iter_of(T.tuple_of(self.u.resolve(k), T.list_of(item)))

    def it_pairwise(self, e: ir.Call) -> PyType | None:
        if len(e.args) != 1 or e.kwargs:
            return None
        item = self.ordered_items(e.args[0], e.func)
        return T.iter_of(T.tuple_of(item, item))

    def it_chain(self, e: ir.Call) -> PyType | None:
        item = self.same_items(e.args, e.func) if e.args and not e.kwargs else None
        return None if item is None else T.iter_of(item)

    def it_chain_from_iterable(self, e: ir.Call) -> PyType | None:
        if len(e.args) != 1 or e.kwargs:
            return None
        inner = self.ordered_items(e.args[0], e.func)
        if not T.is_seq(inner):
            return None
        return T.iter_of(self.u.resolve(inner.args[0]))

    def it_islice(self, e: ir.Call) -> PyType | None:
        if not 2 <= len(e.args) <= 4 or e.kwargs:
            return None
        item = self.ordered_items(e.args[0], e.func)
        for a in e.args[1:]:
            if not (isinstance(a, ir.Const) and a.value is None):
                self.expect(a, T.INT, "islice() index")
            else:
                a.ty = T.NONE
        return T.iter_of(item)

    def it_count(self, e: ir.Call) -> PyType | None:
        if len(e.args) + len(e.kwargs) > 2 or set(e.kwargs) - {"start", "step"}:
            return None
        for a in [*e.args, *e.kwargs.values()]:
            self.expect(a, T.INT, "count() argument")
        return T.iter_of(T.INT)

    def it_repeat(self, e: ir.Call) -> PyType | None:
        if not 1 <= len(e.args) <= 2 or set(e.kwargs) - {"times"}:
            return None
        item = self.u.resolve(self.expr(e.args[0]))
        if T.contains_mutable(item):  # Python repeats one shared object
            raise Refusal(Code.ALIASING, "repeat() of a mutable value shares it", e.line)
        times = e.args[1] if len(e.args) == 2 else e.kwargs.get("times")
        if times is not None:
            self.expect(times, T.INT, "times")
        return T.iter_of(item)

    def it_zip_longest(self, e: ir.Call) -> PyType | None:
        if len(e.args) != 2 or set(e.kwargs) - {"fillvalue"}:
            return None
        a, b = (self.ordered_items(x, e.func) for x in e.args)
        fill = e.kwargs.get("fillvalue")
        if fill is None or isinstance(fill, ir.Const) and fill.value is None:
            if fill is not None:
                fill.ty = T.NONE
            return T.iter_of(T.tuple_of(T.optional(a), T.optional(b)))
        f = self.u.resolve(self.expr(fill))
        if not (self.u.unify(a, f) and self.u.unify(b, f)):
            return None
        return T.iter_of(T.tuple_of(f, f))

    def predicate_filter(self, e: ir.Call) -> PyType | None:
        if len(e.args) != 2 or e.kwargs:
            return None
        item = self.ordered_items(e.args[1], e.func)
        self.lambda_result(e.args[0], [item])
        return T.iter_of(item)

    it_takewhile = it_dropwhile = it_filterfalse = predicate_filter

    # ------------------------------------------------------------ shared with reduce
    def binary_fn(self, fn: ir.Expr, acc: PyType, item: PyType, e: ir.Call) -> None:
        """Type ``fn(acc, item)`` (a two-parameter lambda or a named function) and check it
        returns ``acc``'s type; a named function's call is kept in ``facts.calls``."""
        if isinstance(fn, ir.Lambda) and len(fn.params) == 2:
            saved = dict(self.env)
            self.env[fn.params[0]], self.env[fn.params[1]] = acc, item
            out = self.expr(fn.body)
            self.env = saved
        elif isinstance(fn, ir.Name):
            pair = [
                ir.Name(n, ty=t, line=e.line) for n, t in (("__acc__", acc), ("__item__", item))
            ]
            call = ir.Call(fn.id, list(pair), line=e.line)
            self.env["__acc__"], self.env["__item__"] = acc, item
            try:
                out = self.expr(call)
            finally:
                self.env.pop("__acc__", None)
                self.env.pop("__item__", None)
            self.facts.calls[id(fn)] = call
        else:
            raise Refusal(Code.CALL, f"{e.func}() with this function", e.line)
        if not self.fits(acc, out):
            raise Refusal(
                Code.TYPE_MISMATCH,
                f"{e.func}() function returns {self.show(out)}, not {self.show(acc)}",
                e.line,
            )


def _tuple_type(item: PyType, n: int | None) -> PyType:
    """Tuples of ``n`` items: fixed-size when ``n`` is known and small."""
    if n is not None and 1 <= n <= FIXED_TUPLE_MAX:
        return T.tuple_of(*[item] * n)
    return PyType("tuple...", (item,))
