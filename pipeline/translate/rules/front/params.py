"""Lowering of a function's parameters, mixed into the Lowerer: annotations read into the
type language (a bare container or ``Any`` says "untyped"), defaults lowered, and the
``*args`` / ``**kwargs`` parameters of a top-level function as one tuple / dict parameter each
(docs/args.md)."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import TYPE_CHECKING

from pipeline import pytypes
from pipeline.translate.rules.diagnostics import Code, Refusal, Where
from pipeline.translate.rules.ir import nodes as ir

_CONTAINER_KINDS = frozenset({"list", "dict", "set", "tuple", "frozenset"})
# A builtin passed as a parameter's default (``factory=dict``, ``pred=bool``) is the lambda
# calling it with the arguments its idiom takes: a container class makes an empty one (a
# factory, no argument), a converter or predicate takes one. A call of the parameter with
# another count of arguments is refused when the lambda is typed (its arity differs).
BUILTIN_DEFAULT_ARITY = {
    "dict": 0,
    "list": 0,
    "set": 0,
    "frozenset": 0,
    "tuple": 0,
    "bool": 1,
    "int": 1,
    "float": 1,
    "str": 1,
    "len": 1,
    "abs": 1,
}


class ParamLowering:
    """The Lowerer's parameter rules."""

    if TYPE_CHECKING:  # what it uses of its host, Lowerer (declared for mypy)
        classes: frozenset[str]
        dotted: Callable[[ast.expr], str | None]
        imports: dict[str, str]
        nested: bool
        stars: bool
        where: Where

        def annotation(self, node: ast.expr) -> pytypes.PyType: ...
        def expr(self, node: ast.expr) -> ir.Expr: ...
        def refuse(self, code: Code, message: str, node: ast.AST) -> Refusal: ...

    def params(self, args: ast.arguments) -> list[ir.Param]:
        """Parameters with annotations and defaults, in Python's order: positional ones,
        ``*args``, keyword-only ones, ``**kwargs`` (a top-level function's). Rust has no
        keywords: the caller's keyword picks the position (``ir.Function.kwonly`` counts the
        keyword-only ones: no caller may pass them positionally); ``*args: T`` is one
        ``tuple[T, ...]`` parameter (a slice) and ``**kwargs: V`` one ``dict[str, V]``, which
        every caller fills (docs/args.md)."""
        where = "a nested def" if self.nested else "a special method (__init__, operators)"
        if args.kwonlyargs and (self.nested or not self.stars):
            what = f"keyword-only parameter {args.kwonlyargs[0].arg} of {where}"
            raise self.refuse(Code.PARAMETER_FORM, f"{what} is not supported", args.kwonlyargs[0])
        star = args.vararg or args.kwarg
        if star is not None and (self.nested or not self.stars):
            stars = "*" if star is args.vararg else "**"
            what = f"{stars}{star.arg} parameter of {where}"
            raise self.refuse(Code.PARAMETER_FORM, f"{what} is not supported", star)
        plain = args.posonlyargs + args.args
        defaults: list[ast.expr | None] = [None] * (len(plain) - len(args.defaults))
        defaults += list(args.defaults)
        out = [self.param(a, d) for a, d in zip(plain, defaults, strict=True)]
        if args.vararg:
            out.append(self.star_param(args.vararg, "*"))
        out += [self.param(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)]
        if args.kwarg:
            out.append(self.star_param(args.kwarg, "**"))
        return out

    def param(self, a: ast.arg, d: ast.expr | None) -> ir.Param:
        """One named parameter."""
        bare = self.untyped_annotation(a.annotation)
        ann = self.annotation(a.annotation) if a.annotation is not None and not bare else None
        if (
            isinstance(d, ast.Name)
            and d.id in BUILTIN_DEFAULT_ARITY
            and d.id not in self.imports
            and d.id not in self.classes
        ):
            d = builtin_lambda(d)
        default = self.expr(d) if d is not None else None
        iterable = isinstance(a.annotation, ast.Subscript) and (
            self.dotted(a.annotation.value) or ""
        ).rsplit(".", 1)[-1] in ("Iterable", "Iterator")
        line = self.where.line(a)
        return ir.Param(a.arg, ann, default, line=line, iterable=iterable, bare=bare)

    def star_param(self, a: ast.arg, star: str) -> ir.Param:
        """``*args: T`` -> ``tuple[T, ...]``; ``**kwargs: V`` -> ``dict[str, V]``; without an
        annotation the type comes from the body's uses like any untyped parameter's."""
        item = None
        if a.annotation is not None and not self.untyped_annotation(a.annotation):
            item = self.annotation(a.annotation)
        ann = None
        if item is not None:
            ann = (
                pytypes.PyType("tuple...", (item,))
                if star == "*"
                else pytypes.PyType("dict", (pytypes.PyType("str"), item))
            )
        return ir.Param(a.arg, ann, None, line=self.where.line(a), star=star)

    def untyped_annotation(self, node: ast.expr | None) -> str:
        """The name of a parameter annotation that says no more than "untyped" (a bare
        container, ``Any``, ``object``, or a container of such: ``List[tuple]`` says only
        "a list"): the parameter is typed from its uses and calls (usage.py)."""
        if node is None:
            return ""
        if isinstance(node, ast.Subscript):
            outer = self.untyped_annotation(node.value)
            inner = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            if outer in _CONTAINER_KINDS and any(self.untyped_annotation(x) for x in inner):
                return outer
            return ""
        name = self.dotted(node) if isinstance(node, ast.Name | ast.Attribute) else None
        last = (name or "").rsplit(".", 1)[-1]
        if name is not None and name not in self.classes and last in pytypes.UNTYPED_ANNOTATIONS:
            return last.lower() if last != "FrozenSet" else "frozenset"
        return ""


def builtin_lambda(name: ast.Name) -> ast.Lambda:
    """``dict`` as a default: ``lambda: dict()``; ``bool``: ``lambda bool_arg: bool(bool_arg)``."""
    params = [f"{name.id}_arg"][: BUILTIN_DEFAULT_ARITY[name.id]]
    call = ast.Call(ast.Name(name.id, ast.Load()), [ast.Name(p, ast.Load()) for p in params], [])
    lam = ast.Lambda(ast.arguments([], [ast.arg(p) for p in params], None, [], [], None, []), call)
    for child in ast.walk(lam):
        ast.copy_location(child, name)
    return lam
