"""Pass 1: Python ``ast`` of one unit -> IR (``ir``), refusing what the engine cannot express.

Lowering resolves imports (``math.sqrt`` becomes a call of ``"math.sqrt"``), drops docstrings
and pure-cache decorators, reads parameter annotations into the type language, and refuses
every construct outside the supported subset with a diagnostic naming it and its line.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from functools import lru_cache

from pipeline import pytypes
from pipeline.translate.rules import ir, lazy, typealiases
from pipeline.translate.rules.diagnostics import Refusal, Where

BINOPS = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.Pow: "**",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.MatMult: "@",
}
CMPOPS = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
}
UNOPS = {ast.USub: "-", ast.UAdd: "+", ast.Invert: "~", ast.Not: "not"}
CACHE_DECORATORS = {"functools.lru_cache", "functools.cache"}
# A container named without its item types (``x: set = set()``, ``-> Counter``): Python never
# checks annotations, so the variable or result takes the type inferred from the code instead.
BARE_CONTAINERS = frozenset(
    {
        "list",
        "List",
        "set",
        "Set",
        "dict",
        "Dict",
        "tuple",
        "Tuple",
        "frozenset",
        "FrozenSet",
        "Counter",
        "defaultdict",
        "DefaultDict",
        "deque",
        "Deque",
        "OrderedDict",
    }
)
EXCEPTIONS = {
    "ValueError",
    "IndexError",
    "KeyError",
    "ZeroDivisionError",
    "TypeError",
    "RuntimeError",
    "AssertionError",
    "ArithmeticError",
    "OverflowError",
    "LookupError",
    "NotImplementedError",
    "Exception",
    "StopIteration",
    "AttributeError",
}


def import_map(imports: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Local name -> dotted origin for the module's import statements."""
    return dict(_import_map(tuple(imports)))


@lru_cache(maxsize=256)
def _import_map(imports: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    names: dict[str, str] = {}
    for text in imports:
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    top = a.name.split(".")[0]
                    names[a.asname or top] = a.name if a.asname else top
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for a in node.names:
                    names[a.asname or a.name] = f"{node.module}.{a.name}"
    return tuple(names.items())


def parse_function(source: str, where: Where) -> ast.FunctionDef:
    """Parse a unit's source and return its single top-level ``def``."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise Refusal("PT001", f"syntax error: {exc.msg}", where.line(exc.lineno)) from None
    defs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    if len(tree.body) != 1 or len(defs) != 1:
        kind = type(tree.body[0]).__name__ if tree.body else "empty source"
        raise Refusal("PT002", f"unit is not a single function ({kind})", where.line(1))
    return defs[0]


class Lowerer:
    """Turns one ``ast.FunctionDef`` into an ``ir.Function``."""

    def __init__(
        self,
        where: Where,
        imports: dict[str, str],
        classes: frozenset[str] = frozenset(),
        aliases: dict[str, str] | None = None,
        typevars: frozenset[str] = frozenset(),
        type_aliases: Mapping[str, ast.expr] | None = None,
        may_yield: bool = True,
    ) -> None:
        self.where = where
        self.typevars = typevars  # the module's ``T = TypeVar("T")`` names
        self.type_aliases = type_aliases or {}  # ``Matrix = List[List[float]]``
        self.may_yield = may_yield  # False when the source has no ``yield``: no generator walk
        self.imports = imports
        self.classes = classes  # translated classes of the module, usable as types
        self.aliases = aliases or {}  # ``cls`` in a classmethod -> its class name
        self.nested = False  # inside a nested def (one level is supported)
        self.nonlocals: list[str] = []  # the ``nonlocal`` names of the nested def being lowered
        self.depth = 0  # statement nesting inside the current function
        self.fn: ast.FunctionDef | None = None  # the outermost def being lowered
        self.handler_names: list[str] = []  # ``except E as name`` around this point

    def refuse(self, code: str, message: str, node: ast.AST) -> Refusal:
        """A refusal located at ``node``."""
        return Refusal(code, message, self.where.line(node))

    # ------------------------------------------------------------ functions
    def function(self, fn: ast.FunctionDef) -> ir.Function:
        """Lower a whole function definition."""
        if not self.nested:
            self.fn = fn  # the outermost def: what a comprehension's walrus could leak into
        decorators = [self.decorator(d) for d in fn.decorator_list]
        params = self.params(fn.args)
        generator = self.may_yield and _is_generator(fn)
        if generator:
            returns = self.generator_annotation(fn)
        elif fn.returns is None or self.is_bare_container(fn.returns):
            returns = None  # inferred from the return statements
        else:
            returns = self.annotation(fn.returns)
        depth, self.depth = self.depth, 0
        body = self.block(_strip_docstring(fn.body))
        self.depth = depth
        out = ir.Function(
            fn.name,
            params,
            returns,
            body,
            has_return_ann=returns is not None,
            decorators=decorators,
            line=self.where.line(fn),
            generator=generator,
        )
        if lazy.is_infinite(out):  # checked now: its shape decides how it is translated
            if decorators:
                raise self.refuse("PT010", "decorated infinite generator (`while True`)", fn)
            lazy.plan(out)
            out.lazy = True
        return out

    def generator_annotation(self, fn: ast.FunctionDef) -> pytypes.PyType | None:
        """``Iterator[T]`` / ``Iterable[T]`` / ``Generator[T, ...]`` -> ``list[T]``
        (the verifier consumes a generator into a list)."""
        ann = fn.returns
        if ann is None:
            return None
        if isinstance(ann, ast.Subscript) and (self.dotted(ann.value) or "").rsplit(".", 1)[-1] in (
            "Iterator",
            "Iterable",
            "Generator",
        ):
            first = ann.slice.elts[0] if isinstance(ann.slice, ast.Tuple) else ann.slice
            return pytypes.PyType("list", (self.annotation(first),))
        raise self.refuse("PT021", f"generator annotated {ast.unparse(ann)}", ann)

    def decorator(self, node: ast.expr) -> str:
        """Accept memoising decorators (pure functions only); refuse the rest."""
        target = node.func if isinstance(node, ast.Call) else node
        name = self.dotted(target)
        if name in CACHE_DECORATORS:
            return name
        raise self.refuse("PT016", f"decorator @{ast.unparse(node)} is not supported", node)

    def params(self, args: ast.arguments) -> list[ir.Param]:
        """Positional parameters with annotations and defaults."""
        if args.vararg or args.kwarg or args.kwonlyargs:
            raise self.refuse(
                "PT015",
                "*args, **kwargs and keyword-only parameters are not supported",
                args.vararg or args.kwarg or args.kwonlyargs[0],
            )
        plain = args.posonlyargs + args.args
        defaults: list[ast.expr | None] = [None] * (len(plain) - len(args.defaults))
        defaults += list(args.defaults)
        out = []
        for a, d in zip(plain, defaults, strict=True):
            ann = self.annotation(a.annotation) if a.annotation is not None else None
            default = self.expr(d) if d is not None else None
            iterable = isinstance(a.annotation, ast.Subscript) and (
                self.dotted(a.annotation.value) or ""
            ).rsplit(".", 1)[-1] in ("Iterable", "Iterator")
            out.append(ir.Param(a.arg, ann, default, line=self.where.line(a), iterable=iterable))
        return out

    def annotation(self, node: ast.expr) -> pytypes.PyType:
        """Annotation -> type language, refusing anything outside it."""
        try:
            return pytypes.from_annotation(self.expand(node), self.classes, self.typevars)
        except pytypes.TypeSyntaxError as exc:
            raise self.refuse("PT021", str(exc), node) from None

    def is_bare_container(self, node: ast.expr) -> bool:
        """Whether ``node`` names a container type without its item types (``set``)."""
        name = self.dotted(node) if isinstance(node, ast.Name | ast.Attribute) else None
        return (
            name is not None
            and name not in self.classes
            and name.rsplit(".", 1)[-1] in BARE_CONTAINERS
        )

    def local_annotation(self, node: ast.expr) -> pytypes.PyType | None:
        """A local variable's annotation; ``None`` for a bare container (the variable's type
        is then inferred from its value and uses). A quoted annotation, ``"Counter[str]"``,
        is read as the expression it holds."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            node = self.quoted(node)
        if self.is_bare_container(node):
            return None
        try:
            return self.local_type(self.expand(node))
        except typealiases.RecursiveAlias as exc:
            raise self.refuse("PT021", str(exc), node) from None

    def expand(self, node: ast.expr) -> ast.expr:
        """``node`` with the module's type aliases replaced by their values."""
        return typealiases.expand(node, self.type_aliases)

    def local_type(self, node: ast.expr) -> pytypes.PyType:
        """A local annotation's type: the type language plus collections types."""
        try:
            return pytypes.from_annotation(node, self.classes, self.typevars)
        except pytypes.TypeSyntaxError:
            pass
        if isinstance(node, ast.Subscript):
            name = (self.dotted(node.value) or "").rsplit(".", 1)[-1]
            elts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            args = tuple(self.local_type(e) for e in elts)
            shapes = {
                "DefaultDict": ("defaultdict", 2),
                "defaultdict": ("defaultdict", 2),
                "Counter": ("Counter", 1),
                "Deque": ("deque", 1),
                "deque": ("deque", 1),
            }
            if name in shapes and len(args) == shapes[name][1]:
                return pytypes.PyType(shapes[name][0], args)
        return self.annotation(node)

    def quoted(self, node: ast.Constant) -> ast.expr:
        """The expression a string annotation holds, located at the string."""
        try:
            inner = ast.parse(str(node.value).strip(), mode="eval").body
        except SyntaxError:
            raise self.refuse("PT021", f"not a type: {node.value!r}", node) from None
        for n in ast.walk(inner):
            ast.copy_location(n, node)
        return inner

    # ------------------------------------------------------------ statements
    def block(self, stmts: list[ast.stmt]) -> list[ir.Stmt]:
        """Lower a statement list (nested defs only directly in the function body)."""
        self.depth += 1
        try:
            out = []
            for s in stmts:
                if isinstance(s, ast.FunctionDef) and self.depth > 1:
                    raise self.refuse("PT010", "nested def inside a block", s)
                out.append(self.stmt(s))
            return out
        finally:
            self.depth -= 1

    def stmt(self, node: ast.stmt) -> ir.Stmt:
        """Lower one statement."""
        method = getattr(self, "s_" + type(node).__name__, None)
        if method is None:
            raise self.refuse("PT010", f"{_describe(node)} statement is not supported", node)
        result: ir.Stmt = method(node)
        result.line = self.where.line(node)
        return result

    def s_Try(self, node: ast.Try) -> ir.Stmt:
        """``try`` whose body is one return / assignment / call; ``except E as name`` only
        when ``name`` serves as a ``raise ... from name`` cause; ``else`` and ``finally``."""
        body = self.block(node.body)
        first, rest = body[0], body[1:]
        if not all(_cannot_raise(s) for s in rest):
            raise self.refuse(
                "PT010",
                "try around several statements (only the first may raise) is not supported",
                node,
            )
        body = [first]  # what follows it cannot raise: it runs as the try's `else`
        simple = (
            (isinstance(first, ir.Return) and first.value is not None)
            or isinstance(first, ir.ExprStmt)
            or (
                isinstance(first, ir.Assign)
                and len(first.targets) == 1
                and isinstance(first.targets[0], ir.Name)
            )
        )
        if not simple:
            raise self.refuse("PT010", "try around this statement is not supported", node)
        handlers = []
        for h in node.handlers:
            if h.name is not None and _uses_exception(h.body, h.name):
                raise self.refuse(
                    "PT010",
                    "except ... as name (the exception object is used "
                    "other than as type(name).__name__) is not supported",
                    h,
                )
            self.handler_names.append(h.name or "")
            try:
                handlers.append(
                    ir.Handler(
                        self.exception_names(h.type),
                        self.block(h.body),
                        h.name,
                        line=self.where.line(h),
                    )
                )
            finally:
                self.handler_names.pop()
        orelse = rest + self.block(node.orelse)
        if orelse and isinstance(first, ir.Return):
            raise self.refuse("PT010", "try/else whose body returns", node)
        out = ir.Try(body, handlers, orelse, self.block(node.finalbody))
        if out.finalbody:
            self.check_finally(out, node)
        return out

    def check_finally(self, t: ir.Try, node: ast.Try) -> None:
        """``finally`` is printed on each way out of the try (after it, before a return in
        its body, before an uncaught exception propagates); that covers every path only when
        the handlers and ``else`` cannot raise or leave early, and ``finally`` cannot leave."""
        quiet = all(_cannot_raise(s) for s in [*t.orelse, *(x for h in t.handlers for x in h.body)])
        if not quiet:
            raise self.refuse(
                "PT010",
                "try/finally whose except or else blocks may raise or "
                "leave early (only plain assignments and appends are translated "
                "there)",
                node,
            )
        for s in ast.walk(ast.Module(body=node.finalbody, type_ignores=[])):
            if isinstance(s, ast.Return | ast.Break | ast.Continue):
                raise self.refuse("PT010", f"{_describe(s).lower()} inside finally", s)

    def exception_names(self, node: ast.expr | None) -> list[str]:
        """The classes an ``except`` clause names ([] for bare except / Exception)."""
        if node is None:
            return ["Exception"]
        elts = node.elts if isinstance(node, ast.Tuple) else [node]
        names = []
        for e in elts:
            if not isinstance(e, ast.Name) or e.id not in EXCEPTIONS | {"BaseException"}:
                raise self.refuse("PT010", f"except {ast.unparse(e)} is not supported", e)
            names.append("Exception" if e.id == "BaseException" else e.id)
        return names

    def s_FunctionDef(self, node: ast.FunctionDef) -> ir.Stmt:
        if self.nested:
            raise self.refuse("PT010", "nested def inside a nested def or a block", node)
        if node.decorator_list:
            raise self.refuse("PT016", "decorator on a nested def", node)
        self.nested = True
        self.nonlocals = []
        try:
            fn = self.function(node)
            fn.nonlocals = self.nonlocals
            return ir.LocalDef(fn)
        finally:
            self.nested = False

    def s_Nonlocal(self, node: ast.Nonlocal) -> ir.Stmt:
        """``nonlocal x`` in a nested def (the closures pass decides whether it is exact)."""
        if not self.nested or self.depth > 1:
            raise self.refuse("PT010", "nonlocal statement outside a nested def's body", node)
        self.nonlocals.extend(node.names)
        return ir.Pass()

    def s_Assign(self, node: ast.Assign) -> ir.Stmt:
        return ir.Assign([self.target(t) for t in node.targets], self.expr(node.value))

    def s_AnnAssign(self, node: ast.AnnAssign) -> ir.Stmt:
        if node.value is None:
            raise self.refuse("PT010", "annotation without a value is not supported", node)
        return ir.Assign(
            [self.target(node.target)],
            self.expr(node.value),
            ann=self.local_annotation(node.annotation),
        )

    def s_AugAssign(self, node: ast.AugAssign) -> ir.Stmt:
        op = BINOPS[type(node.op)]
        return ir.AugAssign(self.target(node.target), op, self.expr(node.value))

    def s_If(self, node: ast.If) -> ir.Stmt:
        return ir.If(self.expr(node.test), self.block(node.body), self.block(node.orelse))

    def s_While(self, node: ast.While) -> ir.Stmt:
        return ir.While(self.expr(node.test), self.block(node.body), self.block(node.orelse))

    def s_For(self, node: ast.For) -> ir.Stmt:
        return ir.For(
            self.target(node.target),
            self.expr(node.iter),
            self.block(node.body),
            self.block(node.orelse),
        )

    def s_Break(self, node: ast.Break) -> ir.Stmt:
        return ir.Break()

    def s_Continue(self, node: ast.Continue) -> ir.Stmt:
        return ir.Continue()

    def s_Pass(self, node: ast.Pass) -> ir.Stmt:
        return ir.Pass()

    def s_Return(self, node: ast.Return) -> ir.Stmt:
        return ir.Return(self.expr(node.value) if node.value is not None else None)

    def s_Expr(self, node: ast.Expr) -> ir.Stmt:
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return ir.Pass()
        if isinstance(node.value, ast.Yield | ast.YieldFrom):
            value = self.expr(node.value.value) if node.value.value is not None else None
            return ir.Yield(value, many=isinstance(node.value, ast.YieldFrom))
        if not isinstance(node.value, ast.Call):
            raise self.refuse("PT010", "expression statement without a call", node)
        chosen = self.chosen_receiver(node.value)
        if chosen is not None:
            return chosen
        return ir.ExprStmt(self.expr(node.value))

    def chosen_receiver(self, call: ast.Call) -> ir.Stmt | None:
        """``(a if test else b).method(args)`` as a statement: the same as ``if test:
        a.method(args) else: b.method(args)`` (the test runs first, then the arguments, in
        both), when ``a`` and ``b`` are plain names."""
        func = call.func
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.IfExp)):
            return None
        pick = func.value
        if not (isinstance(pick.body, ast.Name) and isinstance(pick.orelse, ast.Name)):
            return None
        branches = []
        for name in (pick.body, pick.orelse):
            one = ast.Call(ast.Attribute(name, func.attr, ast.Load()), call.args, call.keywords)
            branch = ast.Expr(ast.copy_location(one, call))
            branches.append([self.stmt(ast.copy_location(branch, call))])
        return ir.If(self.expr(pick.test), branches[0], branches[1])

    def s_Assert(self, node: ast.Assert) -> ir.Stmt:
        msg = self.expr(node.msg) if node.msg is not None else None
        return ir.Assert(self.expr(node.test), msg)

    def s_Match(self, node: ast.Match) -> ir.Stmt:
        """``match`` on literal patterns (``case 1 | 2:``, ``case "x" if cond:``, ``case _:``)
        becomes an if/elif chain of ``==`` tests, as Python's value patterns compare."""
        if not isinstance(node.subject, ast.Name):
            raise self.refuse(
                "PT010", "match on a computed subject (match a variable)", node.subject
            )
        subject = node.subject
        chain: list[ir.Stmt] = []
        for case in reversed(node.cases):
            body = self.block(case.body)
            test = self.case_test(subject, case.pattern)
            if case.guard is not None:
                guard = self.expr(case.guard)
                test = (
                    guard if test is None else self.at(ir.BoolOp("and", [test, guard]), case.guard)
                )
            if test is None:
                chain = body
                continue
            branch = ir.If(test, body, chain)
            branch.line = self.where.line(case.pattern)
            chain = [branch]
        if len(chain) == 1 and isinstance(chain[0], ir.If):
            return chain[0]
        return ir.If(self.at(ir.Const(True), node), chain, [])

    def case_test(self, subject: ast.Name, pattern: ast.pattern) -> ir.Expr | None:
        """The test a ``case`` pattern makes of the subject (None: matches anything)."""
        if isinstance(pattern, ast.MatchAs) and pattern.pattern is None and pattern.name is None:
            return None
        if isinstance(pattern, ast.MatchValue) and _literal(pattern.value):
            left = self.expr(subject)
            return self.at(ir.Compare(left, ["=="], [self.expr(pattern.value)]), pattern)
        if isinstance(pattern, ast.MatchSingleton) and pattern.value is None:
            left = self.expr(subject)
            return self.at(ir.Compare(left, ["is"], [self.at(ir.Const(None), pattern)]), pattern)
        if isinstance(pattern, ast.MatchOr):
            tests = [self.case_test(subject, p) for p in pattern.patterns]
            if any(t is None for t in tests):
                return None
            return self.at(ir.BoolOp("or", [t for t in tests if t is not None]), pattern)
        raise self.refuse(
            "PT010",
            f"case pattern {ast.unparse(pattern)} (only literals, `|` and `_` are translated)",
            pattern,
        )

    def s_Raise(self, node: ast.Raise) -> ir.Stmt:
        cause = node.cause
        plain_cause = (
            cause is None
            or isinstance(cause, ast.Name)
            or (isinstance(cause, ast.Constant) and cause.value is None)
        )
        if node.exc is None or not plain_cause:
            raise self.refuse(
                "PT010", "bare raise / raise ... from <expression> is not supported", node
            )
        # `from name` only chains the exception (its type and message stay): nothing to do
        exc = node.exc
        func = exc.func if isinstance(exc, ast.Call) else exc
        name = func.id if isinstance(func, ast.Name) else None
        if name is None or not (name in EXCEPTIONS or name.endswith(("Error", "Exception"))):
            raise self.refuse("PT010", f"raise {ast.unparse(exc)} is not supported", node)
        msg = None
        if isinstance(exc, ast.Call):
            if len(exc.args) > 1 or exc.keywords:
                raise self.refuse("PT010", "exception with several arguments", node)
            msg = self.expr(exc.args[0]) if exc.args else None
        return ir.Raise(name, msg)

    def s_Delete(self, node: ast.Delete) -> ir.Stmt:
        for t in node.targets:
            if not isinstance(t, ast.Subscript):
                raise self.refuse("PT010", f"del {ast.unparse(t)} is not supported", node)
        return ir.Delete([self.expr(t) for t in node.targets])

    # ------------------------------------------------------------ targets
    def target(self, node: ast.expr) -> ir.Expr:
        """An assignment target: name, tuple of targets, subscript or attribute."""
        if isinstance(node, ast.Name):
            return self.at(ir.Name(node.id), node)
        if isinstance(node, ast.Tuple | ast.List) and any(
            isinstance(e, ast.Starred) for e in node.elts
        ):
            return self.star_target(node)
        if isinstance(node, ast.Tuple | ast.List):
            return self.at(ir.Seq("tuple", [self.target(e) for e in node.elts]), node)
        if isinstance(node, ast.Subscript):
            return self.expr(node)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            return self.expr(node)
        raise self.refuse("PT010", f"assignment to {ast.unparse(node)} is not supported", node)

    def star_target(self, node: ast.Tuple | ast.List) -> ir.Expr:
        """``a, *rest, z = ...`` with plain names."""
        stars = [i for i, e in enumerate(node.elts) if isinstance(e, ast.Starred)]
        names = [e.value if isinstance(e, ast.Starred) else e for e in node.elts]
        if len(stars) != 1 or not all(isinstance(n, ast.Name) for n in names):
            raise self.refuse("PT010", f"assignment to {ast.unparse(node)} is not supported", node)
        lowered = [ir.Name(n.id, line=self.where.line(n)) for n in names if isinstance(n, ast.Name)]
        k = stars[0]
        return self.at(ir.StarUnpack(lowered[:k], lowered[k], lowered[k + 1 :]), node)

    # ------------------------------------------------------------ expressions
    def at(self, e: ir.Expr, node: ast.AST) -> ir.Expr:
        """Stamp ``e`` with the original line of ``node``."""
        e.line = self.where.line(node)
        return e

    def expr(self, node: ast.expr) -> ir.Expr:
        """Lower one expression."""
        method = getattr(self, "e_" + type(node).__name__, None)
        if method is None:
            raise self.refuse("PT011", f"{_describe(node)} expression is not supported", node)
        return self.at(method(node), node)

    def exprs(self, nodes: list[ast.expr]) -> list[ir.Expr]:
        """Lower several expressions."""
        return [self.expr(n) for n in nodes]

    def e_Constant(self, node: ast.Constant) -> ir.Expr:
        v = node.value
        if v is None or isinstance(v, bool | int | float | str):
            return ir.Const(v)
        raise self.refuse("PT011", f"{type(v).__name__} literal is not supported", node)

    def e_Name(self, node: ast.Name) -> ir.Expr:
        return ir.Name(
            self.imports.get(node.id, node.id)
            if node.id in self.imports and "." in self.imports[node.id]
            else node.id
        )

    def e_BinOp(self, node: ast.BinOp) -> ir.Expr:
        if (
            isinstance(node.op, ast.Mod)
            and isinstance(node.left, ast.Constant)
            and isinstance(node.left.value, str)
        ):
            return self.percent_format(node, node.left.value)
        return ir.BinOp(BINOPS[type(node.op)], self.expr(node.left), self.expr(node.right))

    def e_UnaryOp(self, node: ast.UnaryOp) -> ir.Expr:
        return ir.Unary(UNOPS[type(node.op)], self.expr(node.operand))

    def e_BoolOp(self, node: ast.BoolOp) -> ir.Expr:
        return ir.BoolOp("and" if isinstance(node.op, ast.And) else "or", self.exprs(node.values))

    def e_Compare(self, node: ast.Compare) -> ir.Expr:
        sentinel = self.infinite_default(node)
        if sentinel is not None:
            return sentinel
        ops = [CMPOPS[type(o)] for o in node.ops]
        return ir.Compare(self.expr(node.left), ops, self.exprs(node.comparators))

    def infinite_default(self, node: ast.Compare) -> ir.Expr | None:
        """``x < d.get(k, float("inf"))`` (the shortest-path idiom, whose ``get`` is an int or
        a float): ``(x < d[k]) if k in d else (x < float("inf"))``, the same test in Python,
        each branch of one type. Only with plain names, so nothing is evaluated twice."""
        if len(node.ops) != 1 or isinstance(node.ops[0], ast.In | ast.NotIn | ast.Is | ast.IsNot):
            return None
        sides = [node.left, node.comparators[0]]
        gets = [
            i
            for i, x in enumerate(sides)
            if isinstance(x, ast.Call)
            and isinstance(x.func, ast.Attribute)
            and x.func.attr == "get"
            and isinstance(x.func.value, ast.Name)
            and len(x.args) == 2
            and not x.keywords
            and isinstance(x.args[0], ast.Name | ast.Constant)
            and _infinity(x.args[1])
        ]
        other = sides[1 - gets[0]] if len(gets) == 1 else None
        if other is None or not isinstance(other, ast.Name | ast.Constant):
            return None
        get = sides[gets[0]]
        assert isinstance(get, ast.Call) and isinstance(get.func, ast.Attribute)
        key, default = get.args
        found = ast.Subscript(get.func.value, key, ast.Load())

        def test(value: ast.expr) -> ast.Compare:
            pair = [other, value] if gets[0] == 1 else [value, other]
            return ast.copy_location(ast.Compare(pair[0], node.ops, [pair[1]]), node)

        has = ast.copy_location(ast.Compare(key, [ast.In()], [get.func.value]), node)
        return self.expr(ast.copy_location(ast.IfExp(has, test(found), test(default)), node))

    def e_IfExp(self, node: ast.IfExp) -> ir.Expr:
        return ir.IfExp(self.expr(node.test), self.expr(node.body), self.expr(node.orelse))

    def e_Call(self, node: ast.Call) -> ir.Expr:
        name = self.dotted(node.func)
        if (
            name in self.classes
            and len(node.args) == 1
            and not node.keywords
            and isinstance(node.args[0], ast.Starred)
        ):
            return ir.Call(name, [self.expr(node.args[0].value)], star=True)
        folded = self.folded_call(node)
        if folded is not None:
            return folded
        front, last = node.args[:-1], (node.args[-1] if node.args else None)
        if (
            name is not None
            and isinstance(last, ast.Starred)
            and isinstance(last.value, ast.Name)
            and not node.keywords
            and not any(isinstance(a, ast.Starred) for a in front)
        ):
            # f(a, *t): spread by inference when t is a fixed-size tuple
            return ir.Call(name, [*self.exprs(front), self.expr(last.value)], star=True)
        if (
            isinstance(node.func, ast.Attribute)
            and node.func.attr == "fromkeys"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "dict"
            and not node.keywords
            and not any(isinstance(a, ast.Starred) for a in node.args)
        ):
            return ir.Call("dict.fromkeys", self.exprs(node.args))
        if any(k.arg is None for k in node.keywords) or any(
            isinstance(a, ast.Starred) for a in node.args
        ):
            raise self.refuse("PT012", f"*args/**kwargs in call {ast.unparse(node.func)}", node)
        func = node.func
        if (
            isinstance(func, ast.Name)
            and func.id == "format"
            and len(node.args) == 2
            and not node.keywords
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            spec = node.args[1].value
            return ir.FStr(
                [ir.FmtField(self.expr(node.args[0]), "", spec, line=self.where.line(node))]
            )
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "format"
            and isinstance(func.value, ast.Constant)
            and isinstance(func.value.value, str)
        ):
            return self.str_format(node, func.value.value)
        args = self.exprs(node.args)
        kwargs = {k.arg: self.expr(k.value) for k in node.keywords if k.arg}
        name = self.dotted(node.func)
        if name is not None:
            return ir.Call(name, args, kwargs)
        if isinstance(node.func, ast.Attribute):
            return ir.Method(self.expr(node.func.value), node.func.attr, args, kwargs)
        if isinstance(node.func, ast.Subscript | ast.Call) and not kwargs:
            return ir.Apply(self.expr(node.func), args)
        raise self.refuse("PT012", f"call of {ast.unparse(node.func)} is not supported", node)

    def folded_call(self, node: ast.Call) -> ir.Expr | None:
        """``math.gcd(*xs)`` / ``math.lcm(*xs)``: a fold from the operation's identity (0 and
        1: ``gcd(0, x) == abs(x)``, ``lcm(1, x) == abs(x)``, and no argument gives it)."""
        name = self.dotted(node.func)
        identity = {"math.gcd": 0, "math.lcm": 1}.get(name or "")
        if (
            identity is None
            or node.keywords
            or len(node.args) != 1
            or not isinstance(node.args[0], ast.Starred)
        ):
            return None
        fn = self.at(ir.Name(name or ""), node.func)
        start = self.at(ir.Const(identity), node)
        return ir.Call("functools.reduce", [fn, self.expr(node.args[0].value), start])

    def dotted(self, node: ast.expr) -> str | None:
        """Resolved name of a plain or imported callable (``sqrt`` -> ``math.sqrt``); a class
        (or ``cls``) and its static/class methods resolve to ``Cls`` / ``Cls.method``."""
        if isinstance(node, ast.Name):
            return self.aliases.get(node.id) or self.imports.get(node.id, node.id)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            owner = self.aliases.get(node.value.id) or (
                node.value.id if node.value.id in self.classes else None
            )
            if owner is not None:
                return f"{owner}.{node.attr}"
            base = self.imports.get(node.value.id)
            if base is not None:
                return f"{base}.{node.attr}"
        return None

    def e_Attribute(self, node: ast.Attribute) -> ir.Expr:
        caught = _exception_type_name(node)
        if caught is not None:
            if caught not in self.handler_names:
                raise self.refuse(
                    "PT011", "type(...).__name__ of a value other than a caught exception", node
                )
            return ir.Call("type.__name__", [ir.Const(caught)])
        name = self.dotted(node)
        if name is not None and isinstance(node.value, ast.Name) and node.value.id in self.imports:
            return ir.Name(name)
        return ir.Attr(self.expr(node.value), node.attr)

    def e_Subscript(self, node: ast.Subscript) -> ir.Expr:
        obj = self.expr(node.value)
        s = node.slice
        if isinstance(s, ast.Slice):
            part = [self.expr(p) if p is not None else None for p in (s.lower, s.upper, s.step)]
            return ir.Slice(obj, part[0], part[1], part[2])
        return ir.Index(obj, self.expr(s))

    def e_List(self, node: ast.List) -> ir.Expr:
        return ir.Seq("list", self.seq_elts(node.elts))

    def e_Tuple(self, node: ast.Tuple) -> ir.Expr:
        return ir.Seq("tuple", self.seq_elts(node.elts))

    def e_Set(self, node: ast.Set) -> ir.Expr:
        return ir.Seq("set", self.seq_elts(node.elts))

    def seq_elts(self, elts: list[ast.expr]) -> list[ir.Expr]:
        """Elements of a display; starred elements are refused."""
        for e in elts:
            if isinstance(e, ast.Starred):
                raise self.refuse("PT011", "starred element in a display", e)
        return self.exprs(elts)

    def e_Dict(self, node: ast.Dict) -> ir.Expr:
        if any(k is None for k in node.keys):
            raise self.refuse("PT011", "**unpacking in a dict display", node)
        return ir.DictLit(
            self.exprs([k for k in node.keys if k is not None]), self.exprs(node.values)
        )

    def comp_fors(
        self, gens: list[ast.comprehension], owner: ast.expr | None = None
    ) -> list[ir.CompFor]:
        """The ``for ... in ... if ...`` clauses of a comprehension. A condition that is a
        walrus ``if (n := v)`` becomes a clause ``for n in [v] if n`` (same order, same
        truth test) when ``n`` is used nowhere else in the function (Python's binding
        of ``n`` outside the comprehension then cannot be observed)."""
        out = []
        for g in gens:
            if g.is_async:
                raise self.refuse("PT011", "async comprehension", g.target)
            conds: list[ast.expr] = []
            target, source = g.target, self.expr(g.iter)
            for c in g.ifs:
                if not isinstance(c, ast.NamedExpr):
                    conds.append(c)
                    continue
                self.check_walrus(c, owner)
                out.append(
                    ir.CompFor(
                        self.target(target), source, self.exprs(conds), line=self.where.line(target)
                    )
                )
                value = self.at(ir.Seq("list", [self.expr(c.value)]), c.value)
                target, source, conds = c.target, value, [c.target]
            out.append(
                ir.CompFor(
                    self.target(target), source, self.exprs(conds), line=self.where.line(target)
                )
            )
        return out

    def check_walrus(self, c: ast.NamedExpr, owner: ast.expr | None) -> None:
        """Refuse a comprehension walrus whose name the rest of the function can see."""
        name = c.target.id
        inside = (
            sum(isinstance(n, ast.Name) and n.id == name for n in ast.walk(owner))
            if (owner is not None)
            else -1
        )
        everywhere = sum(isinstance(n, ast.Name) and n.id == name for n in ast.walk(self.fn or c))
        if inside != everywhere:
            raise self.refuse(
                "PT011",
                f"walrus (:=) binding {name}, which is also used outside its comprehension",
                c,
            )

    def e_ListComp(self, node: ast.ListComp) -> ir.Expr:
        return ir.Comp("list", self.expr(node.elt), None, self.comp_fors(node.generators, node))

    def e_SetComp(self, node: ast.SetComp) -> ir.Expr:
        return ir.Comp("set", self.expr(node.elt), None, self.comp_fors(node.generators, node))

    def e_GeneratorExp(self, node: ast.GeneratorExp) -> ir.Expr:
        return ir.Comp("gen", self.expr(node.elt), None, self.comp_fors(node.generators, node))

    def e_DictComp(self, node: ast.DictComp) -> ir.Expr:
        return ir.Comp(
            "dict",
            self.expr(node.key),
            self.expr(node.value),
            self.comp_fors(node.generators, node),
        )

    def e_JoinedStr(self, node: ast.JoinedStr) -> ir.Expr:
        parts: list[str | ir.FmtField] = []
        for v in node.values:
            if isinstance(v, ast.Constant):
                parts.append(str(v.value))
                continue
            assert isinstance(v, ast.FormattedValue)
            conv = {-1: "", 115: "s", 114: "r"}.get(v.conversion)
            spec, spec_args = self.format_spec(v.format_spec)
            if conv is None:
                raise self.refuse("PT018", "f-string conversion !a is not supported", v)
            parts.append(
                ir.FmtField(self.expr(v.value), conv, spec, spec_args, line=self.where.line(v))
            )
        return ir.FStr(parts)

    def format_spec(self, spec: ast.expr | None) -> tuple[str, list[ir.Expr]]:
        """A format spec; nested fields (``{x:{width}}``) become numbered markers."""
        if spec is None:
            return "", []
        assert isinstance(spec, ast.JoinedStr)
        text: list[str] = []
        args: list[ir.Expr] = []
        for p in spec.values:
            if isinstance(p, ast.Constant):
                text.append(str(p.value))
            elif isinstance(p, ast.FormattedValue) and p.conversion == -1 and not p.format_spec:
                text.append(f"\x00{len(args)}\x00")
                args.append(self.expr(p.value))
            else:
                raise self.refuse("PT018", "nested field with a conversion or spec", spec)
        return "".join(text), args

    def str_format(self, node: ast.Call, template: str) -> ir.Expr:
        """``"...{}...".format(args)`` lowered to the f-string IR."""
        import string

        args = self.exprs(node.args)
        kwargs = {k.arg: self.expr(k.value) for k in node.keywords if k.arg}
        parts: list[str | ir.FmtField] = []
        auto = 0
        used: list[int | str] = []
        try:
            parsed = list(string.Formatter().parse(template))
        except ValueError as exc:
            raise self.refuse("PT018", f"bad format string: {exc}", node) from None
        for literal, field_name, spec, conv in parsed:
            if literal:
                parts.append(literal)
            if field_name is None:
                continue
            if field_name == "":
                key: int | str = auto
                auto += 1
            else:
                key = int(field_name) if field_name.isdigit() else field_name
            value = (
                args[key]
                if isinstance(key, int) and key < len(args)
                else (kwargs.get(key) if isinstance(key, str) else None)
            )
            if value is None or "{" in (spec or "") or conv not in (None, "r", "s"):
                raise self.refuse("PT018", f"str.format field {{{field_name}}}", node)
            if key in used and not isinstance(value, ir.Name | ir.Const):
                raise self.refuse("PT018", "str.format repeats a computed argument", node)
            used.append(key)
            parts.append(ir.FmtField(value, conv or "", spec or "", line=self.where.line(node)))
        return ir.FStr(parts)

    def percent_format(self, node: ast.BinOp, template: str) -> ir.Expr:
        """``"%s: %5.1f" % (a, b)`` lowered to the f-string IR (each conversion becomes the
        format spec that prints the same text; flags, types and forms without one are
        refused)."""
        values = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
        if any(isinstance(v, ast.Starred) for v in values):
            raise self.refuse("PT018", "starred value in %-formatting", node)
        parts: list[str | ir.FmtField] = []
        pos, used = 0, 0
        for m in PERCENT.finditer(template):
            parts.append(template[pos : m.start()])
            pos = m.end()
            if m.group(0) == "%%":
                parts.append("%")
                continue
            if m.group("bad") is not None:
                raise self.refuse("PT018", f"%-format {m.group(0)!r}", node)
            if used >= len(values):
                raise self.refuse("PT018", "%-format with more conversions than values", node)
            spec, conv = _percent_spec(
                m.group("flags"), m.group("width"), m.group("prec"), m.group("type")
            )
            if spec is None:
                raise self.refuse("PT018", f"%-format conversion {m.group(0)!r}", node)
            parts.append(
                ir.FmtField(self.expr(values[used]), conv, spec, line=self.where.line(node))
            )
            used += 1
        if used != len(values) or "%" in template[pos:]:
            raise self.refuse("PT018", "%-format with a bad template or too many values", node)
        parts.append(template[pos:])
        fstr = ir.FStr([p for p in parts if p != ""])
        fstr.percent = not isinstance(node.right, ast.Tuple)  # type: ignore[attr-defined]
        return fstr

    def e_NamedExpr(self, node: ast.NamedExpr) -> ir.Expr:
        raise self.refuse(
            "PT011",
            "walrus (:=) other than as a whole comprehension condition is not supported",
            node,
        )

    def e_Lambda(self, node: ast.Lambda) -> ir.Expr:
        a = node.args
        if a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs:
            raise self.refuse("PT011", "lambda with special parameters", node)
        names = [p.arg for p in a.args]
        first = len(names) - len(a.defaults)
        for name, d in zip(names[first:], a.defaults, strict=True):
            if not (isinstance(d, ast.Name) and d.id == name):
                raise self.refuse(
                    "PT011",
                    f"lambda default {name}={ast.unparse(d)} (only "
                    f"{name}={name}, capturing the current value)",
                    node,
                )
        return ir.Lambda(names[:first], self.expr(node.body), bound=names[first:])


def _is_generator(fn: ast.FunctionDef) -> bool:
    """Whether ``yield`` occurs in ``fn`` itself (not in nested functions or lambdas)."""
    stack: list[ast.AST] = list(fn.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Yield | ast.YieldFrom):
            return True
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            stack.extend(ast.iter_child_nodes(node))
    return False


PERCENT = re.compile(
    r"%%|%(?P<flags>[-+ 0]*)(?P<width>\d*)(?:\.(?P<prec>\d+))?"
    r"(?:(?P<type>[sdirfeEgGxXo])|(?P<bad>.?))"
)


def _percent_spec(flags: str, width: str, prec: str | None, kind: str) -> tuple[str | None, str]:
    """The format spec (and conversion) printing what one ``%`` conversion prints; None
    when there is no exact equivalent."""
    left = "-" in flags
    if kind in ("s", "r"):
        if set(flags) - {"-"} or prec is not None or (kind == "r" and width):
            return None, ""
        return ((("<" if left else ">") + width) if width else ""), kind
    if kind in ("E",) or (prec is not None and kind in "dixXo"):
        return None, ""
    sign = "+" if "+" in flags else (" " if " " in flags else "")
    zero = "0" if "0" in flags and not left and width else ""
    align = "<" if left and width else ""
    kind = "d" if kind == "i" else kind
    return f"{align}{sign}{zero}{width}{'.' + prec if prec is not None else ''}{kind}", ""


def _uses_exception(body: list[ast.stmt], name: str) -> bool:
    """Whether a handler reads its ``as`` name other than as a ``raise ... from`` cause or
    in ``type(name).__name__``."""
    allowed = {id(n.cause) for b in body for n in ast.walk(b) if isinstance(n, ast.Raise)}
    allowed |= {
        id(n.value.args[0])
        for b in body
        for n in ast.walk(b)
        if isinstance(n, ast.Attribute)
        and isinstance(n.value, ast.Call)
        and _exception_type_name(n) is not None
    }
    return any(
        isinstance(n, ast.Name) and n.id == name and id(n) not in allowed
        for b in body
        for n in ast.walk(b)
    )


def _exception_type_name(node: ast.AST) -> str | None:
    """``name`` in ``type(name).__name__``, else None."""
    if (
        isinstance(node, ast.Attribute)
        and node.attr == "__name__"
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
        and node.value.func.id == "type"
        and len(node.value.args) == 1
        and not node.value.keywords
        and isinstance(node.value.args[0], ast.Name)
    ):
        return node.value.args[0].id
    return None


def _cannot_raise(s: ir.Stmt) -> bool:
    """Statements that can neither raise nor leave their block: ``pass``, ``x = literal or
    name``, ``xs.append(literal or name)``."""

    def plain(e: ir.Expr) -> bool:
        if isinstance(e, ir.Unary) and e.op == "-":
            e = e.operand
        return isinstance(e, ir.Const | ir.Name)

    if isinstance(s, ir.Pass):
        return True
    if isinstance(s, ir.Assign):
        return len(s.targets) == 1 and isinstance(s.targets[0], ir.Name) and plain(s.value)
    return (
        isinstance(s, ir.ExprStmt)
        and isinstance(s.value, ir.Method)
        and s.value.name == "append"
        and isinstance(s.value.obj, ir.Name)
        and len(s.value.args) == 1
        and plain(s.value.args[0])
        and not s.value.kwargs
    )


def _infinity(node: ast.expr) -> bool:
    """``float("inf")``, ``float("-inf")``, ``math.inf`` or ``-math.inf``."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    if isinstance(node, ast.Attribute):
        return node.attr == "inf" and isinstance(node.value, ast.Name) and node.value.id == "math"
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "float"
        and len(node.args) == 1
        and not node.keywords
        and isinstance(node.args[0], ast.Constant)
        and str(node.args[0].value).strip().lower()
        in ("inf", "-inf", "+inf", "infinity", "-infinity", "+infinity")
    )


def _literal(node: ast.expr) -> bool:
    """A number or string literal (possibly negated), as value patterns allow."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    return isinstance(node, ast.Constant) and type(node.value) in (int, float, str)


def _strip_docstring(body: list[ast.stmt]) -> list[ast.stmt]:
    first = body[0] if body else None
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        return body[1:] or [ast.Pass(lineno=first.lineno, col_offset=0)]
    return body


def _describe(node: ast.AST) -> str:
    """A human name for an AST node kind (``Try`` -> ``try``)."""
    names = {
        "Try": "try",
        "TryStar": "try",
        "With": "with",
        "AsyncWith": "async with",
        "Global": "global",
        "Nonlocal": "nonlocal",
        "Match": "match",
        "ClassDef": "class",
        "FunctionDef": "nested def",
        "AsyncFunctionDef": "async def",
        "Import": "import",
        "ImportFrom": "import",
        "AsyncFor": "async for",
        "Yield": "yield",
        "YieldFrom": "yield from",
        "Await": "await",
        "NamedExpr": "walrus (:=)",
        "Starred": "starred",
        "Slice": "slice",
    }
    kind = type(node).__name__
    return names.get(kind, kind)


def lower_function(
    source: str,
    where: Where,
    imports: dict[str, str],
    classes: frozenset[str] = frozenset(),
    typevars: frozenset[str] = frozenset(),
    type_aliases: Mapping[str, ast.expr] | None = None,
) -> ir.Function:
    """Parse and lower a unit's function source (``classes``: the module's class names,
    ``typevars``: its ``TypeVar`` names, ``type_aliases``: its type aliases)."""
    lowerer = Lowerer(
        where,
        imports,
        classes,
        typevars=typevars,
        type_aliases=type_aliases,
        may_yield="yield" in source,
    )
    return lowerer.function(parse_function(source, where))
