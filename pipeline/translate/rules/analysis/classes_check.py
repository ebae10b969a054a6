"""Classes, after ownership: what a Rust method cannot mean the way the Python method does.

- ``self`` rebound inside a method (Python rebinds a local name; a Rust ``self`` cannot be);
- a method returning ``self`` or one of its mutable attributes: Python hands out the object
  itself, so a caller changing the result changes the object; the Rust method returns a copy;
- a Python name ``self_`` (the emitter spells ``self`` that way before the method is printed);
- ``__str__``/``__repr__`` typed other than ``str`` (``PyStr``'s methods return ``String``).
"""

from __future__ import annotations

from pipeline.translate.rules.analysis.facts import Ownership, Typed
from pipeline.translate.rules.analysis.ownership import is_alias, root
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.front.classes import ClassModel
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import walk_stmts


def check_method(
    fn: ir.Function, typed: Typed, own: Ownership, model: ClassModel, method: str
) -> None:
    """Refuse a method whose Rust form would not behave like the Python one."""
    if "self_" in typed.locals or "self_" in typed.params:
        raise Refusal(
            Code.CLASS_FORM, f"name self_ in method {method} (reserved for self)", fn.line
        )
    if fn.generator and not fn.lazy:
        raise Refusal(
            Code.CLASS_FORM,
            f"method {model.name}.{method} is a finite generator (its items are collected "
            "at the call; a caller's obj.m() result, a one-shot iterator in Python, is not "
            "checked to be consumed once and whole)",
            fn.line,
        )
    if model.kinds[method] != "instance":
        return
    if method in ("__str__", "__repr__") and typed.returns.name != "str":
        raise Refusal(
            Code.CLASS_FORM,
            f"{model.name}.{method} returns {typed.returns}, not str "
            "(annotate it -> str if it always raises)",
            fn.line,
        )
    if own.modes.get("self") == "value":
        raise Refusal(Code.CLASS_FORM, f"method {model.name}.{method} rebinds self", fn.line)
    for s in walk_stmts(fn.body):
        if isinstance(s, ir.LocalDef) and "self" in s.fn.captured:
            raise Refusal(
                Code.CLASS_FORM, f"nested def {s.fn.name} in method {method} uses self", s.line
            )
        if (
            isinstance(s, ir.Return)
            and s.value is not None
            and is_alias(s.value)
            and (root(s.value) == "self")
        ):
            raise Refusal(
                Code.ALIASING,
                f"method {model.name}.{method} returns self or one of its "
                "mutable attributes (Python callers would share it)",
                s.line,
            )
