"""Printing method calls on str, list, dict, set, deque, Counter and OrderedDict values
(``m_<type>_<method>``), mixed into Calls, which dispatches to them from ``method``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.translate.rules.back.api import EmitterAPI
from pipeline.translate.rules.back.assign import _extend_items
from pipeline.translate.rules.back.loops import iterate
from pipeline.translate.rules.back.operators import is_pure
from pipeline.translate.rules.back.rust import AS, ATOM, R, paren, rtype
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import names_read
from pipeline.translate.rules.types import unify as T
from pipeline.translate.rules.types.handles import is_handle
from pipeline.translate.rules.types.tables import ENCODE_LIMITS, decode_options, encode_codec


class Methods:
    """The ``m_<type>_<method>`` printers of Calls."""

    if TYPE_CHECKING:  # what it uses of its host, Calls (declared for mypy)
        em: EmitterAPI

        def items(self, e: ir.Expr, ordered: bool = True) -> str: ...
        def items_arg(self, e: ir.Expr, ordered: bool = True) -> str: ...
        def sort_stmt(
            self, place: str, item: T.PyType, kw: dict[str, ir.Expr], e: ir.Expr
        ) -> str: ...

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
        if (arg.ty or T.NONE).name == "tuple" and not isinstance(arg, ir.Seq):
            raise Refusal(Code.METHOD, f"{e.name}() with a tuple variable", e.line)
        if len(e.args) > 1:  # s.startswith(p, start[, end]): CPython's tailmatch on the window
            s, bounds = em.str_ref(e.obj), self.bounds(e)
            suffix = str(e.name == "endswith").lower()
            test = f"{em.rt('str_affix_in')}({s}, {{}}, {bounds}, {suffix})"
            if isinstance(arg, ir.Seq):
                options = ", ".join(em.str_ref(x) for x in arg.elts)
                return R(f"[{options}].iter().any(|p| {test.format('p')})", T.BOOL)
            return R(test.format(self.arg_str(e)), T.BOOL)
        if isinstance(arg, ir.Seq):
            options = ", ".join(em.str_ref(x) for x in arg.elts)
            return R(f"[{options}].iter().any(|p| {self.recv(e)}.{method}(p))", T.BOOL)
        return R(f"{self.recv(e)}.{method}({self.arg_str(e)})", T.BOOL)

    def bounds(self, e: ir.Method) -> str:
        """``Some(start), Some(end)`` / ``None`` of a str method's optional range arguments."""
        given = [f"Some({self.em.int_val(x).code})" for x in e.args[1:3]]
        return ", ".join(given + ["None"] * (2 - len(given)))

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
        if len(e.args) > 1:  # s.find(sub, start[, end]): on the window, CPython's bounds
            s, bounds = em.str_ref(e.obj), self.bounds(e)
            if e.name == "count":
                call = f"{em.rt('str_count_in')}({s}, {self.arg_str(e)}, {bounds})"
                return R(call, T.INT)
            right = str(e.name.startswith("r")).lower()
            fn = "str_find_in" if e.name.endswith("find") else "str_index_in"
            return R(f"{em.rt(fn)}({s}, {self.arg_str(e)}, {bounds}, {right})", T.INT)
        return R(f"{em.rt(helper)}({em.str_ref(e.obj)}, {self.arg_str(e)})", T.INT)

    m_str_find = m_str_rfind = m_str_index = m_str_rindex = m_str_count = _find

    def m_str_replace(self, e: ir.Method) -> R:
        a, b = self.arg_str(e, 0), self.arg_str(e, 1)
        if len(e.args) == 3:
            k = e.args[2]
            if not (isinstance(k, ir.Const) and isinstance(k.value, int) and k.value >= 0):
                n = self.em.int_val(k).code  # a negative count replaces every occurrence
                s = self.em.str_ref(e.obj)
                return R(f"{self.em.rt('str_replace_n')}({s}, {a}, {b}, {n})", T.STR)
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
                raise Refusal(Code.METHOD, "rsplit(None, maxsplit)", e.line)
            return R(f"{em.rt('split_ws')}({s}, {maxsplit})", ty)
        helper = "split_sep" if e.name == "split" else "rsplit_sep"
        if (sep.ty or T.NONE).name == "Optional":  # None splits on whitespace runs
            if e.name == "rsplit" and maxsplit != "-1":
                raise Refusal(Code.METHOD, "rsplit(None, maxsplit)", e.line)
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
        em = self.em
        if e.args:  # keepends
            keep = em.cond(e.args[0])
            return R(f"{em.rt('splitlines_ends')}({em.str_ref(e.obj)}, {keep})", T.list_of(T.STR))
        return R(f"{self.em.rt('splitlines')}({self.em.str_ref(e.obj)})", T.list_of(T.STR))

    def m_str_expandtabs(self, e: ir.Method) -> R:
        em = self.em
        size = em.int_val(e.args[0]).code if e.args else "8"
        return R(f"{em.rt('str_expandtabs')}({em.str_ref(e.obj)}, {size})", T.STR)

    def m_str_isascii(self, e: ir.Method) -> R:
        return R(f"{self.recv(e)}.is_ascii()", T.BOOL)

    def m_str_join(self, e: ir.Method) -> R:
        em = self.em
        (x,) = e.args
        sep = self.em.str_ref(e.obj)
        xt = x.ty or T.NONE
        if xt.name in ("list", "tuple...") and not isinstance(x, ir.Comp):
            return R(f"{paren(em.expr(x), ATOM)}.join({sep})", T.STR)
        return R(f"{self.items(x)}.collect::<Vec<String>>().join({sep})", T.STR)

    def m_str_encode(self, e: ir.Method) -> R:
        codec = encode_codec(e)
        if codec is None:  # inference refuses it first
            raise Refusal(Code.METHOD, "str.encode() with this codec", e.line)
        if codec == "utf-8":
            return R(f"{self.recv(e)}.as_bytes().to_vec()", T.BYTES)
        limit = ENCODE_LIMITS[codec]
        args = f'{self.em.str_ref(e.obj)}, {limit}, "{codec}"'
        return R(f"{self.em.rt('str_encode_below')}({args})", T.BYTES)

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
            raise Refusal(Code.METHOD, f"{e.name}() on a computed string", e.line)
        method = "strip_prefix" if e.name == "removeprefix" else "strip_suffix"
        s = self.em.str_ref(e.obj)
        return R(f"{self.recv(e)}.{method}({self.arg_str(e)}).unwrap_or({s}).to_string()", T.STR)

    m_str_removeprefix = m_str_removesuffix = _remove_affix

    # bytes -----------------------------------------------------------
    def data(self, e: ir.Method, i: int | None = None) -> str:
        """The receiver (``i`` None) or argument ``i`` as a ``&[u8]``."""
        return self.em.slice_ref(e.obj if i is None else e.args[i])

    def _bytes_call(self, e: ir.Method, helper: str, ty: T.PyType, *extra: str) -> R:
        args = ", ".join([self.data(e), *(self.data(e, i) for i in range(len(e.args))), *extra])
        return R(f"{self.em.rt(helper)}({args})", ty)

    def m_bytes_lower(self, e: ir.Method) -> R:
        return R(f"{self.data(e)}.to_ascii_lowercase()", T.BYTES)

    def m_bytes_upper(self, e: ir.Method) -> R:
        return R(f"{self.data(e)}.to_ascii_uppercase()", T.BYTES)

    def _bytes_strip(self, e: ir.Method) -> R:
        chars = f"Some({self.data(e, 0)})" if e.args else "None"
        which = {"strip": "b", "lstrip": "l", "rstrip": "r"}[e.name]
        return R(f"{self.em.rt('bytes_strip')}({self.data(e)}, {chars}, '{which}')", T.BYTES)

    m_bytes_strip = m_bytes_lstrip = m_bytes_rstrip = _bytes_strip

    def _bytes_pred(self, e: ir.Method) -> R:
        return R(f'{self.em.rt("bytes_pred")}({self.data(e)}, "{e.name}")', T.BOOL)

    m_bytes_isdigit = m_bytes_isalpha = m_bytes_isalnum = _bytes_pred
    m_bytes_isspace = m_bytes_isupper = m_bytes_islower = _bytes_pred

    def _bytes_affix(self, e: ir.Method) -> R:
        method = "starts_with" if e.name == "startswith" else "ends_with"
        arg = e.args[0]
        if (arg.ty or T.NONE).name != "tuple":
            return R(f"{self.data(e)}.{method}({self.data(e, 0)})", T.BOOL)
        if not isinstance(arg, ir.Seq):
            raise Refusal(Code.METHOD, f"{e.name}() with a tuple variable", e.line)
        options = ", ".join(self.em.slice_ref(x) for x in arg.elts)
        return R(f"[{options}].iter().any(|p| {self.data(e)}.{method}(p))", T.BOOL)

    m_bytes_startswith = m_bytes_endswith = _bytes_affix

    def _bytes_search(self, e: ir.Method) -> R:
        helper = {"index": "bytes_index_of", "rindex": "bytes_rindex_of"}.get(e.name)
        return self._bytes_call(e, helper or f"bytes_{e.name}", T.INT)

    m_bytes_find = m_bytes_rfind = m_bytes_index = m_bytes_rindex = _bytes_search
    m_bytes_count = _bytes_search

    def m_bytes_replace(self, e: ir.Method) -> R:
        count = self.em.int_val(e.args[2]).code if len(e.args) == 3 else "-1"
        args = [self.data(e), self.data(e, 0), self.data(e, 1), count]
        return R(f"{self.em.rt('bytes_replace')}({', '.join(args)})", T.BYTES)

    def _bytes_split(self, e: ir.Method) -> R:
        sep = f"Some({self.data(e, 0)})" if e.args else "None"
        count = self.em.int_val(e.args[1]).code if len(e.args) == 2 else "-1"
        helper = self.em.rt(f"bytes_{e.name}")
        return R(f"{helper}({self.data(e)}, {sep}, {count})", T.list_of(T.BYTES))

    m_bytes_split = m_bytes_rsplit = _bytes_split

    def _bytes_partition(self, e: ir.Method) -> R:
        return self._bytes_call(e, f"bytes_{e.name}", T.tuple_of(T.BYTES, T.BYTES, T.BYTES))

    m_bytes_partition = m_bytes_rpartition = _bytes_partition

    def m_bytes_join(self, e: ir.Method) -> R:
        return R(f"{self.em.rt('bytes_join')}({self.data(e)}, {self.data(e, 0)})", T.BYTES)

    def m_bytes_hex(self, e: ir.Method) -> R:
        return R(f"{self.em.rt('bytes_hex')}({self.data(e)})", T.STR)

    def m_bytes_decode(self, e: ir.Method) -> R:
        options = decode_options(e)
        if options is None:  # inference checked them
            raise Refusal(Code.METHOD, "bytes.decode() options", e.line)
        codec, errors = options
        return R(f'{self.em.rt("bytes_decode")}({self.data(e)}, "{codec}", "{errors}")', T.STR)

    # list ------------------------------------------------------------
    def target(self, e: ir.Method) -> str:
        """The receiver as a mutable place."""
        return self.em.receiver(e.obj, mutable=True)

    def m_list_append(self, e: ir.Method) -> R:
        item = (e.obj.ty or T.NONE).args[0]
        return R(f"{self.target(e)}.push({self.em.owned(e.args[0], item)})", T.NONE)

    def m_list_extend(self, e: ir.Method) -> R:
        return R(f"{self.target(e)}.extend({_extend_items(self.em, e.args[0])})", T.NONE)

    def m_list_insert(self, e: ir.Method) -> R:
        em = self.em
        if not _plain_place(e.obj):  # (read twice: ``t.insert(at(i, t.len()), x)``)
            raise Refusal(Code.METHOD, "insert() on a computed list", e.line)
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
        call = f"{em.rt('list_remove')}({em.mut_place(e.obj)}, {{}})"
        if reads_root(e.args[0], e.obj):  # `a.remove(a[0])`: the needle first, then `&mut a`
            v = em.fresh("needle")
            return R(f"{{ let {v} = {em.owned(e.args[0], item)}; {call.format('&' + v)} }}", T.NONE)
        return R(call.format(em.owned_ref(e.args[0], item)), T.NONE)

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

    # int ------------------------------------------------------------
    def m_int_bit_length(self, e: ir.Method) -> R:
        value = paren(self.em.int_val(e.obj), ATOM)
        return R(f"(64 - {value}.unsigned_abs().leading_zeros() as i64)", T.INT)

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

    def set_arg(self, e: ir.Expr) -> str:
        """A borrowed set of the items of ``e`` (a set as it is; another iterable collected)."""
        if (e.ty or T.NONE).name == "set":
            return self.em.borrow(e)
        items = self.items(e, ordered=False)  # type: ignore[attr-defined]
        return f"&{items}.collect::<{rtype(T.set_of(T.elem(e.ty or T.NONE) or T.NONE))}>()"

    def _set_op(self, e: ir.Method) -> R:
        ty = e.ty or T.NONE
        code = self.recv(e)
        for arg in e.args:
            code = f"{paren(R(code, ty), ATOM)}.{e.name}({self.set_arg(arg)}).cloned()"
            code += f".collect::<{rtype(ty)}>()"
        return R(code, ty)

    m_set_union = m_set_intersection = m_set_difference = m_set_symmetric_difference = _set_op

    def _set_pred(self, e: ir.Method) -> R:
        method = {
            "issubset": "is_subset",
            "issuperset": "is_superset",
            "isdisjoint": "is_disjoint",
        }[e.name]
        return R(f"{self.recv(e)}.{method}({self.set_arg(e.args[0])})", T.BOOL)

    m_set_issubset = m_set_issuperset = m_set_isdisjoint = _set_pred

    def m_set_update(self, e: ir.Method) -> R:
        return R(f"{self.target(e)}.extend({self.items_arg(e.args[0], ordered=False)})", T.NONE)

    def m_set_clear(self, e: ir.Method) -> R:
        return R(f"{self.target(e)}.clear()", T.NONE)


def reads_root(e: ir.Expr, place: ir.Expr) -> bool:
    """Whether ``e`` reads the variable that ``place`` lives in (``a[0]`` for ``a``)."""
    while isinstance(place, ir.Index | ir.Attr | ir.Slice):
        place = place.obj
    return isinstance(place, ir.Name) and place.id in set(names_read(e))


def _plain_place(e: ir.Expr) -> bool:
    """A variable, or a field of one that is a plain struct (``self.items``: a place Rust
    reads again without side effects; a node's field is read through a borrow)."""
    if isinstance(e, ir.Attr):
        return isinstance(e.obj, ir.Name) and not is_handle(e.obj.ty or T.NONE)
    return isinstance(e, ir.Name)
