"""Type inference of ``re`` calls; mixed into InferCalls.

``re.findall``, ``re.sub``, ``re.split`` and the truth of ``re.match``/``re.search``/
``re.fullmatch`` (lowered as ``<func>:found`` where only the truth is used) with a literal
pattern the runtime's matcher takes (``types/regex.py``). Match objects are not supported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.pytypes import PyType
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import const_int
from pipeline.translate.rules.types import unify as T
from pipeline.translate.rules.types.regex import RegexRefused, compile_pattern, compile_template

FOUND = ("re.match:found", "re.search:found", "re.fullmatch:found")
# positional parameters after the pattern, and the int keyword each call may take
SHAPES = {
    "re.findall": (("string",), None),
    "re.split": (("string", "maxsplit"), "maxsplit"),
    "re.sub": (("repl", "string", "count"), "count"),
    **{name: (("string",), None) for name in FOUND},
}


class InferRegex:
    """``re.<name>(...)``: ``regex_call`` checks the pattern and types the result."""

    if TYPE_CHECKING:  # what it uses of its host, Infer (declared for mypy)

        def expect(self, e: ir.Expr, want: PyType, what: str) -> None: ...
        def expr(self, e: ir.Expr) -> PyType: ...

    def regex_call(self, e: ir.Call) -> PyType:
        if e.func not in SHAPES:
            what = e.func.removesuffix(":found")
            if what in ("re.match", "re.search", "re.fullmatch"):
                raise Refusal(
                    Code.CALL,
                    f"{what}() whose match object is used (only its truth is supported)",
                    e.line,
                )
            raise Refusal(Code.CALL, f"call of {e.func}() is not supported", e.line)
        names, int_kw = SHAPES[e.func]
        args = self.regex_args(e, names, int_kw)
        pattern = args["pattern"]
        if not (isinstance(pattern, ir.Const) and isinstance(pattern.value, str)):
            raise Refusal(Code.CALL, f"{e.func}() with a pattern that is not a literal", e.line)
        try:
            rx = compile_pattern(pattern.value)
            repl = args.get("repl")
            if repl is not None:
                if not (isinstance(repl, ir.Const) and isinstance(repl.value, str)):
                    raise RegexRefused("a replacement that is not a string literal")
                compile_template(repl.value, pattern.value)
        except RegexRefused as err:
            raise Refusal(Code.CALL, f"{e.func.removesuffix(':found')}(): {err}", e.line) from None
        for a in args.values():
            self.expr(a)
        self.expect(args["string"], T.STR, f"{e.func}() string")
        if e.func == "re.split" and rx.groups:
            raise Refusal(Code.CALL, "re.split() with a pattern that has groups", e.line)
        if e.func == "re.findall":
            if rx.groups <= 1:
                return T.list_of(T.STR)
            return T.list_of(T.tuple_of(*[T.STR] * rx.groups))
        return {"re.split": T.list_of(T.STR), "re.sub": T.STR}.get(e.func, T.BOOL)

    def regex_args(self, e: ir.Call, names: tuple[str, ...], int_kw: str | None) -> dict:
        """The call's arguments by parameter name; a count argument must be a literal >= 0."""
        if not e.args or len(e.args) > len(names) + 1 or set(e.kwargs) - {int_kw}:
            raise Refusal(
                Code.CALL, f"{e.func.removesuffix(':found')}() with these arguments", e.line
            )
        args = dict(zip(("pattern", *names), e.args, strict=False))
        args.update(e.kwargs)
        if int_kw in args:
            count = const_int(args[int_kw])
            if count is None or count < 0:
                raise Refusal(Code.CALL, f"{e.func}() with {int_kw} not a literal >= 0", e.line)
        if "string" not in args:
            raise Refusal(Code.CALL, f"{e.func}() with these arguments", e.line)
        return args
