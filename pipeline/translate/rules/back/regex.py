"""Printing ``re`` calls (``regex``), mixed into Calls: the pattern becomes a Rust constant of
the runtime matcher's nodes (``types/regex.py``), evaluated by ``pyrt``'s ``regex`` helper."""

from __future__ import annotations

from pipeline.translate.rules.back.api import EmitterAPI
from pipeline.translate.rules.back.rust import R
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import const_int
from pipeline.translate.rules.types import unify as T
from pipeline.translate.rules.types.regex import compile_pattern, compile_template

FOUND = {  # (anchored, full) of re_found
    "re.search:found": ("false", "false"),
    "re.match:found": ("true", "false"),
    "re.fullmatch:found": ("true", "true"),
}
POSITIONAL = {"re.findall": 1, "re.split": 1, "re.sub": 2}  # the string's index after pattern


class Regex:
    """The ``re`` printer of Calls."""

    em: EmitterAPI

    def regex(self, e: ir.Call) -> R:
        em = self.em
        pattern = str(e.args[0].value)  # type: ignore[attr-defined]
        rx = compile_pattern(pattern)
        fn = em.rt("regex", "re_found" if e.func in FOUND else e.func.replace(".", "_"))
        text = e.args[POSITIONAL.get(e.func, 1)]
        s = em.str_ref(text)
        const = f"const RX: &[crate::pyrt::Rx] = {rx.rust};"
        ty = e.ty or T.NONE
        if e.func in FOUND:
            anchored, full = FOUND[e.func]
            return R(f"{{ {const} {fn}(RX, {rx.groups}, {s}, {anchored}, {full}) }}", ty)
        if e.func == "re.sub":
            template = compile_template(str(e.args[1].value), pattern)  # type: ignore[attr-defined]
            count = _count(e, "count", 3)
            return R(f"{{ {const} {fn}(RX, {rx.groups}, {template}, {s}, {count}) }}", ty)
        if e.func == "re.split":
            return R(f"{{ {const} {fn}(RX, {s}, {_count(e, 'maxsplit', 2)}) }}", ty)
        found = f"{fn}(RX, {rx.groups}, {s})"
        item = T.elem(ty) or T.NONE
        if item.name == "tuple":
            names = ", ".join(f"v{i}" for i in range(len(item.args)))
            fixed = em.rt("fixed")
            rows = f"{found}.into_iter().map(|v| {{ let [{names}] = {fixed}(v); ({names}) }})"
        else:
            rows = f"{found}.into_iter().map(|mut v| v.remove(0))"
        return R(f"{{ {const} {rows}.collect::<Vec<_>>() }}", ty)


def _count(e: ir.Call, keyword: str, index: int) -> int:
    """A literal count argument (0: no limit)."""
    arg = e.kwargs.get(keyword) or (e.args[index] if len(e.args) > index else None)
    return 0 if arg is None else const_int(arg) or 0
