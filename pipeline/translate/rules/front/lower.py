"""Pass 1: Python ``ast`` of one unit -> IR (``ir``), refusing what the engine cannot express.

Lowering resolves imports (``math.sqrt`` becomes a call of ``"math.sqrt"``), drops docstrings
and pure-cache decorators, reads parameter annotations into the type language, and refuses
every construct outside the supported subset with a diagnostic naming it and its line.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from functools import lru_cache

from pipeline import pytypes
from pipeline.pyimports import import_nodes
from pipeline.translate.rules.diagnostics import Code, Refusal, Where
from pipeline.translate.rules.front import (
    contexts,
    hierarchy,
    iterreturns,
    methodalias,
    tee,
    walrus,
)
from pipeline.translate.rules.front import generators as lazy
from pipeline.translate.rules.front.exceptions import ExceptionLowering, check_general
from pipeline.translate.rules.front.lower_exprs import BINOPS, ExprLowering
from pipeline.translate.rules.front.params import ParamLowering
from pipeline.translate.rules.front.patterns import Compiled
from pipeline.translate.rules.front.withs import WithStatements
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.types import aliases as typealiases

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
# modules whose import has no effect but binding names: a function may import them locally
LOCAL_IMPORTS = frozenset(
    [
        "math",
        "heapq",
        "bisect",
        "collections",
        "functools",
        "itertools",
        "string",
        "operator",
        "typing",
        "sys",
        "re",
        "statistics",
        "copy",
        "unicodedata",
        # stdlib modules present on every platform, whose import only defines names: a
        # function-local import of one is the module's own import (a use the engine does
        # not support is refused where it is used, naming the call or attribute)
        "os",
        "posixpath",
        "time",
        "datetime",
        "struct",
        "io",
        "warnings",
        "textwrap",
        "fnmatch",
        "stat",
        "errno",
        "keyword",
        "types",
        "enum",
        "dataclasses",
        "decimal",
        "fractions",
        "random",
        "weakref",
        "contextlib",
        "abc",
        "numbers",
        "inspect",
        "traceback",
        "codecs",
        "binascii",
        "base64",
        "json",
        "html",
        "shlex",
        "locale",
        "getopt",
        "argparse",
        "tempfile",
        "shutil",
        "subprocess",
        "glob",
        "pathlib",
        "urllib",
        "email",
    ]
)

WARNING_CALLS = frozenset({"warnings.warn", "warnings.warn_explicit"})


def import_map(imports: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Local name -> dotted origin for the module's import statements."""
    return dict(_import_map(tuple(imports)))


@lru_cache(maxsize=256)
def _import_map(imports: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    names: dict[str, str] = {}
    for node in import_nodes(imports):
        if isinstance(node, ast.Import):
            for a in node.names:
                top = a.name.split(".")[0]
                names[a.asname or top] = a.name if a.asname else top
        elif node.module and not node.level:
            for a in node.names:
                names[a.asname or a.name] = f"{node.module}.{a.name}"
    return tuple(names.items())


def parse_function(source: str, where: Where) -> ast.FunctionDef:
    """Parse a unit's source and return its single top-level ``def``."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise Refusal(Code.SYNTAX, f"syntax error: {exc.msg}", where.line(exc.lineno)) from None
    defs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    if len(tree.body) != 1 or len(defs) != 1:
        kind = type(tree.body[0]).__name__ if tree.body else "empty source"
        raise Refusal(Code.UNIT_KIND, f"unit is not a single function ({kind})", where.line(1))
    fn = walrus.hoist(defs[0]) if ":=" in source else defs[0]
    return methodalias.inline(fn) if methodalias.has_alias(source) else fn


class Lowerer(WithStatements, ExceptionLowering, ExprLowering, ParamLowering):
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
        keyword_only: bool = False,
        managers: Mapping[str, contexts.Manager | ast.FunctionDef] | None = None,
        stars: bool = False,
        exceptions: Mapping[str, tuple[str, ...]] | None = None,
        foreign: hierarchy.Foreign = hierarchy.NO_FOREIGN,
        passthrough: frozenset[str] = frozenset(),
        patterns: Mapping[str, Compiled] | None = None,
    ) -> None:
        self.where = where
        self.passthrough = passthrough  # registering decorators of the module (decorators.py)
        self.patterns = patterns or {}  # the module's compiled-pattern constants (patterns.py)
        # the exception classes of the module and the stdlib's it names, with their chains
        self.exceptions = {**(exceptions or {}), **dict(foreign.stdlib)}
        self.foreign = foreign  # exception classes the module does not define
        self.keyword_only = keyword_only  # a top-level function: keyword-only params allowed
        self.stars = stars or keyword_only  # ``*args`` / ``**kwargs`` allowed (not nested)
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
        self.managers = managers or {}  # context manager classes of the module (contexts.py)
        self.withs = 0  # ``with`` statements rewritten so far (their manager variables)
        self.locks: dict[str, str] = {}  # locks local to the function -> Lock / RLock

    def refuse(self, code: Code, message: str, node: ast.AST) -> Refusal:
        """A refusal located at ``node``."""
        return Refusal(code, message, self.where.line(node))

    # ------------------------------------------------------------ functions
    def function(self, fn: ast.FunctionDef) -> ir.Function:
        """Lower a whole function definition."""
        if not self.nested:
            self.fn = fn  # the outermost def: what a comprehension's walrus could leak into
            # ``return map(f, xs)`` of a top-level function: a generator (not of a method,
            # whose result ``obj.m()`` the one-shot checks of analysis/oneshot.py do not see)
            if self.keyword_only and iterreturns.rewritten(fn, self.dotted):
                self.may_yield = True
        decorators = [  # a registering decorator returns the def itself: as undecorated
            self.decorator(d)
            for d in fn.decorator_list
            if not (isinstance(d, ast.Name) and d.id in self.passthrough)
        ]
        params = self.params(fn.args)
        generator = self.may_yield and _is_generator(fn)
        if generator:
            returns = self.generator_annotation(fn)
        elif fn.returns is None or self.is_bare_container(fn.returns) or self.says_any(fn.returns):
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
            kwonly=len(fn.args.kwonlyargs) + bool(fn.args.kwarg),
            line=self.where.line(fn),
            generator=generator,
        )
        if lazy.is_infinite(out):  # checked now: its shape decides how it is translated
            if decorators:
                raise self.refuse(Code.STATEMENT, "decorated infinite generator (`while True`)", fn)
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
        raise self.refuse(Code.ANNOTATION, f"generator annotated {ast.unparse(ann)}", ann)

    def decorator(self, node: ast.expr) -> str:
        """Accept memoising decorators (pure functions only); refuse the rest."""
        target = node.func if isinstance(node, ast.Call) else node
        name = self.dotted(target)
        if name in CACHE_DECORATORS:
            return name
        if name in ("contextmanager", "contextlib.contextmanager"):
            raise self.refuse(
                Code.DECORATOR,
                f"@{name} generator: translated inline where a `with` of its module uses it, "
                "not as a function of its own",
                node,
            )
        raise self.refuse(Code.DECORATOR, f"decorator @{ast.unparse(node)} is not supported", node)

    def annotation(self, node: ast.expr) -> pytypes.PyType:
        """Annotation -> type language, refusing anything outside it."""
        try:
            return pytypes.from_annotation(self.expand(node), self.classes, self.typevars)
        except pytypes.TypeSyntaxError as exc:
            raise self.refuse(Code.ANNOTATION, str(exc), node) from None

    def is_bare_container(self, node: ast.expr) -> bool:
        """Whether ``node`` names a container type without its item types (``set``, and
        ``List[tuple]``: a list of what, it does not say)."""
        if isinstance(node, ast.Subscript):
            return bool(self.untyped_annotation(node))
        name = self.dotted(node) if isinstance(node, ast.Name | ast.Attribute) else None
        return (
            name is not None
            and name not in self.classes
            and name.rsplit(".", 1)[-1] in BARE_CONTAINERS
        )

    def says_any(self, node: ast.expr) -> bool:
        """``-> Any`` / ``-> object``: a result annotation that says nothing (Python never
        checks it), so the result is typed from the return statements, as if unannotated."""
        name = self.dotted(node) if isinstance(node, ast.Name | ast.Attribute) else None
        return (
            name is not None
            and name not in self.classes
            and name.rsplit(".", 1)[-1] in ("Any", "object")
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
            raise self.refuse(Code.ANNOTATION, str(exc), node) from None

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
            raise self.refuse(Code.ANNOTATION, f"not a type: {node.value!r}", node) from None
        for n in ast.walk(inner):
            ast.copy_location(n, node)
        return inner

    # ------------------------------------------------------------ statements
    def block(self, stmts: list[ast.stmt]) -> list[ir.Stmt]:
        """Lower a statement list (nested defs only directly in the function body)."""
        self.depth += 1
        try:
            out: list[ir.Stmt] = []
            for i, s in enumerate(stmts):
                if isinstance(s, ast.FunctionDef) and self.depth > 1:
                    self.check_block_def(s, stmts[i + 1 :])
                if isinstance(s, ast.Assign) and self.lock_assignment(s):
                    continue  # a lock only a ``with`` of this function uses (contexts.py)
                if isinstance(s, ast.Assign) and tee.is_tee(s.value, self.dotted):
                    out.extend(self.stmt(c) for c in tee.iter_copies(s, self.refuse))
                    continue
                if isinstance(s, ast.With):
                    self.depth -= 1  # its statements belong to this block
                    try:
                        out.extend(self.with_statements(s))
                    finally:
                        self.depth += 1
                else:
                    out.append(self.stmt(s))
            return out
        finally:
            self.depth -= 1

    def check_block_def(self, node: ast.FunctionDef, rest: list[ast.stmt]) -> None:
        """A nested def inside a block (``if strict: def check(x): ...``) is lowered where it
        stands when Python could not see it otherwise: its name is bound by nothing else in
        the function and read only by the statements after it in its block (a Rust closure
        there has the same scope); refused otherwise."""
        assert self.fn is not None
        name = node.name
        binders = [
            n
            for n in ast.walk(self.fn)
            if (isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load) and n.id == name)
            or (isinstance(n, ast.FunctionDef | ast.ClassDef) and n.name == name)
            or (isinstance(n, ast.arg) and n.arg == name)
            or (isinstance(n, ast.alias) and (n.asname or n.name.split(".")[0]) == name)
            or (isinstance(n, ast.ExceptHandler | ast.MatchAs | ast.MatchStar) and n.name == name)
        ]
        later = {id(n) for s in rest for n in ast.walk(s)}
        reads = [n for n in ast.walk(self.fn) if isinstance(n, ast.Name) and n.id == name]
        if binders != [node] or any(id(n) not in later for n in reads):
            raise self.refuse(
                Code.STATEMENT,
                f"nested def {name} inside a block, its name bound elsewhere in the function "
                "or read outside the rest of its block",
                node,
            )

    def stmt(self, node: ast.stmt) -> ir.Stmt:
        """Lower one statement."""
        method = getattr(self, "s_" + type(node).__name__, None)
        if method is None:
            raise self.refuse(Code.STATEMENT, f"{_describe(node)} statement is not supported", node)
        result: ir.Stmt = method(node)
        result.line = self.where.line(node)
        return result

    def s_Try(self, node: ast.Try) -> ir.Stmt:
        """``try`` whose body is one return / assignment / call (its value computed under
        ``pyrt::catch``), else any body run as one protected region (``general``, printed by
        back/exceptions.py); ``except E as name`` only when ``name`` serves as a ``raise ...
        from name`` cause, a re-raise or ``type(name).__name__``; ``else`` and ``finally``."""
        body = self.block(node.body)
        handlers = self.handlers(node)
        first, rest = body[0], body[1:]
        simple = all(_cannot_raise(s) for s in rest) and (
            (isinstance(first, ir.Return) and first.value is not None and not rest)
            or isinstance(first, ir.ExprStmt)
            or (
                isinstance(first, ir.Assign)
                and len(first.targets) == 1
                and isinstance(first.targets[0], ir.Name)
            )
        )
        orelse = self.block(node.orelse)
        finalbody = self.block(node.finalbody)
        if not simple or (node.orelse and isinstance(first, ir.Return)):
            out = ir.Try(body, handlers, orelse, finalbody, general=True)
            check_general(out)
            return out
        # what follows the first statement cannot raise: it runs as the try's `else`
        out = ir.Try([first], handlers, rest + orelse, finalbody)
        if out.finalbody and not _quiet(out):
            out.general = True
            check_general(out)
            return out
        if out.finalbody:
            self.check_finally(node)
        return out

    def check_finally(self, node: ast.Try) -> None:
        """``finally`` is printed on each way out of the one-statement try (after it, before a
        return in its body, before an uncaught exception propagates); ``finally`` itself
        cannot leave."""
        for s in ast.walk(ast.Module(body=node.finalbody, type_ignores=[])):
            if isinstance(s, ast.Return | ast.Break | ast.Continue):
                raise self.refuse(Code.STATEMENT, f"{_describe(s).lower()} inside finally", s)

    def s_FunctionDef(self, node: ast.FunctionDef) -> ir.Stmt:
        if self.nested:
            raise self.refuse(Code.STATEMENT, "nested def inside a nested def or a block", node)
        if node.decorator_list:
            raise self.refuse(Code.DECORATOR, "decorator on a nested def", node)
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
            raise self.refuse(
                Code.STATEMENT, "nonlocal statement outside a nested def's body", node
            )
        self.nonlocals.extend(node.names)
        return ir.Pass()

    def s_Global(self, node: ast.Global) -> ir.Stmt:
        """``global X`` in a function that only reads ``X``: each read is the module
        constant's (the sharder refuses, PT902, a name top-level code changes after binding
        it, also through a call of a function that rebinds it). A function that assigns or
        deletes ``X`` changes module state, which a translated function cannot hold."""
        assert self.fn is not None
        stored = {
            n.id
            for n in ast.walk(self.fn)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store | ast.Del)
        }
        written = [n for n in node.names if n in stored]
        if written:
            raise self.refuse(
                Code.STATEMENT,
                f"global {written[0]} is assigned: the function changes module state (the "
                "next call would see it), which a translated function does not hold",
                node,
            )
        return ir.Pass()

    def s_Assign(self, node: ast.Assign) -> ir.Stmt:
        return ir.Assign([self.target(t) for t in node.targets], self.expr(node.value))

    def s_AnnAssign(self, node: ast.AnnAssign) -> ir.Stmt:
        if node.value is None:
            raise self.refuse(Code.STATEMENT, "annotation without a value is not supported", node)
        return ir.Assign(
            [self.target(node.target)],
            self.expr(node.value),
            ann=self.local_annotation(node.annotation),
        )

    def s_AugAssign(self, node: ast.AugAssign) -> ir.Stmt:
        op = BINOPS[type(node.op)]
        return ir.AugAssign(self.target(node.target), op, self.expr(node.value))

    def s_If(self, node: ast.If) -> ir.Stmt:
        return ir.If(self.test(node.test), self.block(node.body), self.block(node.orelse))

    def s_While(self, node: ast.While) -> ir.Stmt:
        return ir.While(self.test(node.test), self.block(node.body), self.block(node.orelse))

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

    def s_Import(self, node: ast.Import | ast.ImportFrom) -> ir.Stmt:
        """A function-local ``import`` of a module without import-time effects binds its
        names for the rest of the function, as the module's own imports do (a use of a name
        it does not support is refused where it is used)."""
        module = node.module if isinstance(node, ast.ImportFrom) else None
        tops = [module] if module is not None else [a.name for a in node.names]
        level = getattr(node, "level", 0)
        if level or any(t.split(".")[0] not in LOCAL_IMPORTS for t in tops):
            raise self.refuse(
                Code.STATEMENT, f"import of {', '.join(tops)} inside a function", node
            )
        if any(a.name == "*" for a in node.names):
            raise self.refuse(Code.STATEMENT, "import * inside a function", node)
        self.imports = {**self.imports, **import_map((ast.unparse(node),))}
        return ir.Pass()

    s_ImportFrom = s_Import

    def s_Return(self, node: ast.Return) -> ir.Stmt:
        return ir.Return(self.expr(node.value) if node.value is not None else None)

    def s_Expr(self, node: ast.Expr) -> ir.Stmt:
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return ir.Pass()
        if isinstance(node.value, ast.Yield | ast.YieldFrom):
            value = self.expr(node.value.value) if node.value.value is not None else None
            return ir.Yield(value, many=isinstance(node.value, ast.YieldFrom))
        if not isinstance(node.value, ast.Call):
            raise self.refuse(Code.STATEMENT, "expression statement without a call", node)
        if self.dotted(node.value.func) in WARNING_CALLS:
            raise self.refuse(
                Code.CALL,
                f"{self.dotted(node.value.func)}() writes to stderr once per call site and "
                "category, as the process's warning filters decide: not reproduced",
                node,
            )
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
                Code.STATEMENT, "match on a computed subject (match a variable)", node.subject
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
            Code.STATEMENT,
            f"case pattern {ast.unparse(pattern)} (only literals, `|` and `_` are translated)",
            pattern,
        )

    def s_Delete(self, node: ast.Delete) -> ir.Stmt:
        for t in node.targets:
            if not isinstance(t, ast.Subscript):
                raise self.refuse(Code.STATEMENT, f"del {ast.unparse(t)} is not supported", node)
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
        raise self.refuse(
            Code.STATEMENT, f"assignment to {ast.unparse(node)} is not supported", node
        )

    def star_target(self, node: ast.Tuple | ast.List) -> ir.Expr:
        """``a, *rest, z = ...`` with plain names."""
        stars = [i for i, e in enumerate(node.elts) if isinstance(e, ast.Starred)]
        names = [e.value if isinstance(e, ast.Starred) else e for e in node.elts]
        if len(stars) != 1 or not all(isinstance(n, ast.Name) for n in names):
            raise self.refuse(
                Code.STATEMENT, f"assignment to {ast.unparse(node)} is not supported", node
            )
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
            raise self.refuse(
                Code.EXPRESSION, f"{_describe(node)} expression is not supported", node
            )
        return self.at(method(node), node)

    def exprs(self, nodes: list[ast.expr]) -> list[ir.Expr]:
        """Lower several expressions."""
        return [self.expr(n) for n in nodes]


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


def _quiet(t: ir.Try) -> bool:
    """Whether a one-statement try's handlers and ``else`` can neither raise nor leave early
    (its ``finally`` is then printed on each way out without a guard)."""
    return all(_cannot_raise(s) for s in [*t.orelse, *(x for h in t.handlers for x in h.body)])


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
    managers: Mapping[str, contexts.Manager | ast.FunctionDef] | None = None,
    exceptions: Mapping[str, tuple[str, ...]] | None = None,
    foreign: hierarchy.Foreign = hierarchy.NO_FOREIGN,
    passthrough: frozenset[str] = frozenset(),
    patterns: Mapping[str, Compiled] | None = None,
) -> ir.Function:
    """Parse and lower a unit's function source (``classes``: the module's class names,
    ``typevars``: its ``TypeVar`` names, ``type_aliases``: its type aliases, ``managers``:
    its context manager classes, ``exceptions``: its exception classes, ``foreign``: those
    it does not define, ``passthrough``: its registering decorators, ``patterns``: its
    compiled-pattern constants)."""
    lowerer = Lowerer(
        where,
        imports,
        classes,
        typevars=typevars,
        type_aliases=type_aliases,
        may_yield="yield" in source,
        keyword_only=True,
        managers=managers,
        exceptions=exceptions,
        foreign=foreign,
        passthrough=passthrough,
        patterns=patterns,
    )
    return lowerer.function(parse_function(source, where))
