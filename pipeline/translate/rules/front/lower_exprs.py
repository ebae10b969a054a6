"""Lowering of expressions: one method per Python expression node (``e_<Node>``), mixed into
the Lowerer, which dispatches to them from ``expr``; str.format and %-formatting become f-string
IR here."""

from __future__ import annotations

import ast
import datetime
import errno
import locale
import os
import re
import stat
import string
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

from pipeline.translate.rules.diagnostics import Code, Refusal, Where
from pipeline.translate.rules.front import callforms, operator_module
from pipeline.translate.rules.front.patterns import Compiled, inline_flags, rewritten
from pipeline.translate.rules.ir import nodes as ir

# module attributes that are constants of the language (``string.ascii_uppercase``,
# ``sys.float_info.epsilon``: IEEE 754 doubles, as Rust's f64) or of this platform's CPython
# (``os.sep``, ``sys.maxsize``, ``errno.ENOENT``, ``os.O_RDWR``, ``stat.S_IFDIR``,
# ``locale.LC_TIME``): their values, read from this Python's own modules, are literals in the
# IR (the translation is for the platform it runs on)
_OS_FLAGS = ("O_", "SEEK_", "EX_")
_FLOAT_INFO = type(sys.float_info).__match_args__
_CONSTANT_NAMES = {
    string: (
        "ascii_letters",
        "ascii_lowercase",
        "ascii_uppercase",
        "digits",
        "hexdigits",
        "octdigits",
        "punctuation",
        "whitespace",
        "printable",
    ),
    os: (
        "sep",
        "altsep",
        "extsep",
        "pathsep",
        "linesep",
        "curdir",
        "pardir",
        "devnull",
        "name",
        "F_OK",
        "R_OK",
        "W_OK",
        "X_OK",
        *(n for n in dir(os) if n.startswith(_OS_FLAGS) and isinstance(getattr(os, n), int)),
    ),
    os.path: ("sep", "altsep", "extsep", "pathsep", "curdir", "pardir", "devnull"),
    sys: ("maxsize", "maxunicode", "byteorder", "platform"),
    datetime: ("MINYEAR", "MAXYEAR"),
    errno: tuple(n for n in dir(errno) if n.startswith("E") and n.isupper()),
    stat: tuple(n for n in dir(stat) if n.isupper() and type(getattr(stat, n)) is int),
    locale: (*(n for n in dir(locale) if n.startswith("LC_")), "CHAR_MAX"),
}
MODULE_CONSTANTS = {
    f"{'os.path' if module is os.path else module.__name__}.{n}": getattr(module, n)
    for module, names in _CONSTANT_NAMES.items()
    for n in names
} | {f"sys.float_info.{n}": getattr(sys.float_info, n) for n in _FLOAT_INFO}
# module attributes that hold the running process's state, never a constant
MODULE_STATE = frozenset(
    f"sys.{n}"
    for n in (
        "argv",
        "orig_argv",
        "path",
        "path_hooks",
        "path_importer_cache",
        "meta_path",
        "modules",
        "stdin",
        "stdout",
        "stderr",
        "flags",
        "executable",
        "warnoptions",
        "_xoptions",
        "dont_write_bytecode",
        "pycache_prefix",
    )
) | {"os.environ", "os.environb"}
# module attributes of the interpreter that runs, its build or its installation: not values of
# the translated code
INTERPRETER_STATE = frozenset(
    f"sys.{n}"
    for n in (
        "version",
        "version_info",
        "hexversion",
        "api_version",
        "implementation",
        "copyright",
        "abiflags",
        "float_repr_style",
        "builtin_module_names",
        "stdlib_module_names",
        "platlibdir",
        "prefix",
        "exec_prefix",
        "base_prefix",
        "base_exec_prefix",
        "_framework",
        "_emscripten_info",
        "_git",
        "thread_info",
    )
)


def path_function(name: str | None) -> str | None:
    """``os.path.join`` for a function of ``os.path`` however it is reached (``os.path.join``,
    ``posixpath.join``, ``from os import path``): this platform's ``os.path`` is ``posixpath``,
    the module the verifier's CPython runs."""
    for module in ("os.path.", "posixpath."):
        if name is not None and name.startswith(module) and name.count(".") == module.count("."):
            return "os.path." + name.removeprefix(module)
    return None


class ExprLowering:
    """The Lowerer's ``e_<Node>`` rules."""

    if TYPE_CHECKING:  # what it uses of its host, Lowerer (declared for mypy)
        aliases: dict[str, str]
        classes: frozenset[str]
        fn: ast.FunctionDef | None
        handler_names: list[str]
        imports: dict[str, str]
        patterns: Mapping[str, Compiled]
        where: Where

        def at(self, e: ir.Expr, node: ast.AST) -> ir.Expr: ...
        def expr(self, node: ast.expr) -> ir.Expr: ...
        def exprs(self, nodes: list[ast.expr]) -> list[ir.Expr]: ...
        def refuse(self, code: Code, message: str, node: ast.AST) -> Refusal: ...
        def target(self, node: ast.expr) -> ir.Expr: ...

    def e_Constant(self, node: ast.Constant) -> ir.Expr:
        v = node.value
        if v is None or isinstance(v, bool | int | float | str | bytes):
            return ir.Const(v)
        raise self.refuse(Code.EXPRESSION, f"{type(v).__name__} literal is not supported", node)

    def e_Name(self, node: ast.Name) -> ir.Expr:
        name = (
            self.imports.get(node.id, node.id)
            if node.id in self.imports and "." in self.imports[node.id]
            else node.id
        )
        lam = operator_module.value(name, node)
        if lam is not None:  # ``from operator import add`` passed as a value
            return self.expr(lam)
        return ir.Const(MODULE_CONSTANTS[name]) if name in MODULE_CONSTANTS else ir.Name(name)

    def e_BinOp(self, node: ast.BinOp) -> ir.Expr:
        if (
            isinstance(node.op, ast.Mod)
            and isinstance(node.left, ast.Constant)
            and isinstance(node.left.value, str)
        ):
            return self.percent_format(node, node.left.value)
        return ir.BinOp(BINOPS[type(node.op)], self.expr(node.left), self.expr(node.right))

    def e_UnaryOp(self, node: ast.UnaryOp) -> ir.Expr:
        if isinstance(node.op, ast.Not):
            return ir.Unary("not", self.test(node.operand))
        return ir.Unary(UNOPS[type(node.op)], self.expr(node.operand))

    def test(self, node: ast.expr) -> ir.Expr:
        """An expression used only for its truth: there a ``re.match``/``re.search``/
        ``re.fullmatch`` call is whether it found a match (``<func>:found``, a bool), and an
        ``and``/``or`` of such tests is the same test of bools."""
        if self.regex_test(node) is not None:
            return self.regex_found(node)  # type: ignore[arg-type]
        if isinstance(node, ast.BoolOp):
            op = "and" if isinstance(node.op, ast.And) else "or"
            return self.at(ir.BoolOp(op, [self.test(v) for v in node.values]), node)
        return self.expr(node)

    def regex_test(self, node: ast.expr) -> str | None:
        """The function's name when ``node`` is a call of re's match/search/fullmatch."""
        if not isinstance(node, ast.Call):
            return None
        name = self.dotted((rewritten(node, self.patterns, self.fn) or node).func)
        return name if name in ("re.match", "re.search", "re.fullmatch") else None

    def regex_found(self, node: ast.Call) -> ir.Expr:
        call = self.expr(node)
        assert isinstance(call, ir.Call)
        call.func += ":found"
        return call

    def e_BoolOp(self, node: ast.BoolOp) -> ir.Expr:
        return ir.BoolOp("and" if isinstance(node.op, ast.And) else "or", self.exprs(node.values))

    def e_Compare(self, node: ast.Compare) -> ir.Expr:
        sentinel = self.infinite_default(node)
        if sentinel is not None:
            return sentinel
        if (
            len(node.ops) == 1
            and isinstance(node.ops[0], ast.Is | ast.IsNot)
            and isinstance(node.comparators[0], ast.Constant)
            and node.comparators[0].value is None
            and self.regex_test(node.left) is not None
        ):
            found = self.regex_found(node.left)  # type: ignore[arg-type]
            return found if isinstance(node.ops[0], ast.IsNot) else ir.Unary("not", found)
        typed = self.type_test(node)
        if typed is not None:
            return typed
        ops = [CMPOPS[type(o)] for o in node.ops]
        return ir.Compare(self.expr(node.left), ops, self.exprs(node.comparators))

    def type_test(self, node: ast.Compare) -> ir.Expr | None:
        """``type(x) is C`` / ``type(x) == C`` (either side; ``is not`` / ``!=`` negated) with
        ``C`` a builtin class: ``type.is(x, C)``, decided by inference."""
        tests = ast.Is | ast.IsNot | ast.Eq | ast.NotEq
        if len(node.ops) != 1 or not isinstance(node.ops[0], tests):
            return None
        sides = [node.left, node.comparators[0]]
        for value, cls in (sides, sides[::-1]):
            x = callforms.type_call(value)
            if x is not None and isinstance(cls, ast.Name) and cls.id in BUILTIN_CLASSES:
                where = self.where.line(node)
                test = ir.Call("type.is", [self.expr(x), ir.Name(cls.id)], line=where)
                negated = isinstance(node.ops[0], ast.IsNot | ast.NotEq)
                return ir.Unary("not", test) if negated else test
        return None

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
        return ir.IfExp(self.test(node.test), self.expr(node.body), self.expr(node.orelse))

    def e_Call(self, node: ast.Call) -> ir.Expr:
        node = rewritten(node, self.patterns, self.fn) or node  # ``WORD.findall(s)``
        # ``re.search(p, s, re.M)``: the flags inline in the literal pattern
        node = inline_flags(node, self.dotted(node.func), self.imports, self.fn) or node
        caught = caught_str(node, self.handler_names)
        if caught is not None:  # a caught exception's message, in another's (exceptions.py)
            return ir.Call("exception.__str__", [ir.Const(caught)])
        parts = callforms.translate_args(node)
        if parts is not None:
            return ir.Call("str.translate", self.exprs(parts))
        spread = callforms.print_spread(node)
        if spread is not None:
            return self.expr(spread)
        if callforms.is_maketrans(node):
            raise self.refuse(
                Code.CALL, "str.maketrans() other than as the argument of str.translate()", node
            )
        name = self.dotted(node.func)
        inner = node.args[0] if name == "next" and node.args else None
        called = self.dotted(inner.func) if isinstance(inner, ast.Call) else None
        first = callforms.next_of_iterator(node, called) if called else None
        if first is not None:  # ``next(filter(p, xs), d)``: of a generator expression
            return self.e_Call(first)
        getter = callforms.itemgetter(node) if name == "operator.itemgetter" else None
        if getter is not None:
            return self.expr(getter)
        written = operator_module.call(name, node)
        if written is not None:  # ``operator.add(x, y)`` is ``x + y``
            return self.expr(written)
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
        if name == "int" and len(node.args) == 1 and [k.arg for k in node.keywords] == ["base"]:
            return ir.Call("int", [self.expr(node.args[0]), self.expr(node.keywords[0].value)])
        single = len(node.args) == 1 and not node.keywords
        of = callforms.type_call(node.args[0]) if single else None
        if name in ("str", "repr") and of is not None:  # ``str(type(x))``: "<class 'int'>"
            return ir.Call("type.str", [self.expr(of)])
        if name == "bool" and len(node.args) == 1 and self.regex_test(node.args[0]) is not None:
            return self.regex_found(node.args[0])  # type: ignore[arg-type]
        front, last = node.args[:-1], (node.args[-1] if node.args else None)
        if (
            name is not None
            and isinstance(last, ast.Starred)
            and (isinstance(last.value, ast.Name) or name == "print" or name == "zip" and not front)
            and (not node.keywords or name == "print" and all(k.arg for k in node.keywords))
            and not any(isinstance(a, ast.Starred) for a in front)
        ):
            # f(a, *t): spread by inference when t is a fixed-size tuple (print: a list too)
            args = [*self.exprs(front), self.expr(last.value)]
            kwargs = {k.arg: self.expr(k.value) for k in node.keywords if k.arg}
            return ir.Call(name, args, kwargs, star=True)
        if (
            isinstance(node.func, ast.Attribute)
            and node.func.attr == "fromkeys"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "dict"
            and not node.keywords
            and not any(isinstance(a, ast.Starred) for a in node.args)
        ):
            return ir.Call("dict.fromkeys", self.exprs(node.args))
        if (
            isinstance(node.func, ast.Attribute)
            and node.func.attr == "fromhex"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "bytes"
            and not node.keywords
            and len(node.args) == 1
            and not isinstance(node.args[0], ast.Starred)
        ):
            return ir.Call("bytes.fromhex", self.exprs(node.args))
        inner = node.args[0] if name in callforms.CONSUMERS and node.args else None
        if isinstance(inner, ast.Call) and callforms.is_list_call(inner):
            # ``sorted(list(set(xs)))``: the consumer takes every item of any iterable in
            # order, so without the list() it takes the same items (a set's, sorted)
            node = ast.Call(node.func, [inner.args[0], *node.args[1:]], node.keywords)
            return self.e_Call(ast.copy_location(node, inner))
        if name == "dict" and not node.args and node.keywords and all(k.arg for k in node.keywords):
            # ``dict(even=0, odd=0)`` is the display ``{"even": 0, "odd": 0}`` (keyword order)
            line = self.where.line(node)
            keys: list[ir.Expr] = [ir.Const(k.arg, line=line) for k in node.keywords]
            return ir.DictLit(keys, self.exprs([k.value for k in node.keywords]), line=line)
        if any(k.arg is None for k in node.keywords) or any(
            isinstance(a, ast.Starred) for a in node.args
        ):
            raise self.refuse(Code.CALL, f"*args/**kwargs in call {ast.unparse(node.func)}", node)
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
        raise self.refuse(Code.CALL, f"call of {ast.unparse(node.func)} is not supported", node)

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
            name = self.aliases.get(node.id) or self.imports.get(node.id, node.id)
            return path_function(name) or name
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            owner = self.aliases.get(node.value.id) or (
                node.value.id if node.value.id in self.classes else None
            )
            if owner is not None:
                return f"{owner}.{node.attr}"
            base = self.imports.get(node.value.id)
            if base is not None and base not in MODULE_CONSTANTS:  # a constant's method: no
                return path_function(f"{base}.{node.attr}") or f"{base}.{node.attr}"
        chain = isinstance(node, ast.Attribute) and node.attr == "from_iterable"
        if chain and self.dotted(node.value) == "itertools.chain":  # type: ignore[attr-defined]
            return "itertools.chain.from_iterable"
        return path_function(self.module_chain(node))

    def e_Attribute(self, node: ast.Attribute) -> ir.Expr:
        caught = _exception_type_name(node)
        of = callforms.type_call(node.value) if node.attr == "__name__" else None
        if of is not None and caught not in self.handler_names:
            return ir.Call("type.name", [self.expr(of)])
        if caught is not None:
            if caught not in self.handler_names:
                raise self.refuse(
                    Code.EXPRESSION,
                    "type(...).__name__ of a value other than a caught exception",
                    node,
                )
            return ir.Call("type.__name__", [ir.Const(caught)])
        name = self.dotted(node)
        lam = operator_module.value(name, node)
        if lam is not None:  # ``operator.add`` passed as a value
            return self.expr(lam)
        if name is not None and isinstance(node.value, ast.Name) and node.value.id in self.imports:
            return ir.Const(MODULE_CONSTANTS[name]) if name in MODULE_CONSTANTS else ir.Name(name)
        chain = self.module_chain(node)
        if chain in MODULE_CONSTANTS:  # ``os.path.sep``
            return ir.Const(MODULE_CONSTANTS[chain])
        return ir.Attr(self.expr(node.value), node.attr)

    def module_chain(self, node: ast.expr) -> str | None:
        """``os.path.sep`` spelled from the module ``os`` names, if ``node`` is an attribute
        chain that starts at an imported module."""
        attrs = []
        while isinstance(node, ast.Attribute):
            attrs.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name) or node.id not in self.imports:
            return None
        return ".".join([self.imports[node.id], *reversed(attrs)])

    def e_Subscript(self, node: ast.Subscript) -> ir.Expr:
        obj = self.expr(node.value)
        s = node.slice
        if isinstance(s, ast.Slice):
            part = [self.expr(p) if p is not None else None for p in (s.lower, s.upper, s.step)]
            return ir.Slice(obj, part[0], part[1], part[2])
        return ir.Index(obj, self.expr(s))

    def e_List(self, node: ast.List) -> ir.Expr:
        if _starred(node.elts):
            return self.expr(_spread(node, node.elts, "list"))
        return ir.Seq("list", self.seq_elts(node.elts))

    def e_Tuple(self, node: ast.Tuple) -> ir.Expr:
        if _starred(node.elts) and isinstance(node.ctx, ast.Load):
            return self.expr(_spread(node, node.elts, "tuple"))
        return ir.Seq("tuple", self.seq_elts(node.elts))

    def e_Set(self, node: ast.Set) -> ir.Expr:
        if _starred(node.elts):
            return self.expr(_spread(node, node.elts, "set"))
        return ir.Seq("set", self.seq_elts(node.elts))

    def seq_elts(self, elts: list[ast.expr]) -> list[ir.Expr]:
        """Elements of a display; starred elements are refused."""
        for e in elts:
            if isinstance(e, ast.Starred):
                raise self.refuse(Code.EXPRESSION, "starred element in a display", e)
        return self.exprs(elts)

    def e_Dict(self, node: ast.Dict) -> ir.Expr:
        if any(k is None for k in node.keys):
            return self.expr(_merged(node))
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
                raise self.refuse(Code.EXPRESSION, "async comprehension", g.target)
            conds: list[ast.expr] = []
            target, source = g.target, self.expr(g.iter)
            for c in g.ifs:
                if not isinstance(c, ast.NamedExpr):
                    conds.append(c)
                    continue
                self.check_walrus(c, owner)
                out.append(
                    ir.CompFor(
                        self.target(target),
                        source,
                        [self.test(x) for x in conds],
                        line=self.where.line(target),
                    )
                )
                value = self.at(ir.Seq("list", [self.expr(c.value)]), c.value)
                target, source, conds = c.target, value, [c.target]
            out.append(
                ir.CompFor(
                    self.target(target),
                    source,
                    [self.test(x) for x in conds],
                    line=self.where.line(target),
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
                Code.EXPRESSION,
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
                raise self.refuse(Code.FORMAT, "f-string conversion !a is not supported", v)
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
                raise self.refuse(Code.FORMAT, "nested field with a conversion or spec", spec)
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
            raise self.refuse(Code.FORMAT, f"bad format string: {exc}", node) from None
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
                raise self.refuse(Code.FORMAT, f"str.format field {{{field_name}}}", node)
            if key in used and not isinstance(value, ir.Name | ir.Const):
                raise self.refuse(Code.FORMAT, "str.format repeats a computed argument", node)
            used.append(key)
            parts.append(ir.FmtField(value, conv or "", spec or "", line=self.where.line(node)))
        return ir.FStr(parts)

    def percent_format(self, node: ast.BinOp, template: str) -> ir.Expr:
        """``"%s: %5.1f" % (a, b)`` lowered to the f-string IR (each conversion becomes the
        format spec that prints the same text; flags, types and forms without one are
        refused)."""
        values = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
        if any(isinstance(v, ast.Starred) for v in values):
            raise self.refuse(Code.FORMAT, "starred value in %-formatting", node)
        wanted = sum(m.group(0) != "%%" for m in PERCENT.finditer(template))
        spread = wanted if wanted > 1 and isinstance(node.right, ast.Name) else 0
        if spread:  # ``"%s=%s" % pair``: Python spreads the tuple ``pair`` holds (the
            # inference checks it is one of exactly ``spread`` items, e_FStr)
            values = [
                ast.copy_location(ast.Subscript(node.right, ast.Constant(i), ast.Load()), node)
                for i in range(spread)
            ]
        parts: list[str | ir.FmtField] = []
        pos, used = 0, 0
        for m in PERCENT.finditer(template):
            parts.append(template[pos : m.start()])
            pos = m.end()
            if m.group(0) == "%%":
                parts.append("%")
                continue
            if m.group("bad") is not None:
                raise self.refuse(Code.FORMAT, f"%-format {m.group(0)!r}", node)
            if used >= len(values):
                raise self.refuse(Code.FORMAT, "%-format with more conversions than values", node)
            spec, conv = _percent_spec(
                m.group("flags"), m.group("width"), m.group("prec"), m.group("type")
            )
            if spec is None:
                raise self.refuse(Code.FORMAT, f"%-format conversion {m.group(0)!r}", node)
            parts.append(
                ir.FmtField(self.expr(values[used]), conv, spec, line=self.where.line(node))
            )
            used += 1
        if used != len(values) or "%" in template[pos:]:
            raise self.refuse(Code.FORMAT, "%-format with a bad template or too many values", node)
        parts.append(template[pos:])
        percent = not isinstance(node.right, ast.Tuple) and not spread
        return ir.FStr([p for p in parts if p != ""], percent, spread)

    def e_NamedExpr(self, node: ast.NamedExpr) -> ir.Expr:
        raise self.refuse(
            Code.EXPRESSION,
            "walrus (:=) other than as a whole comprehension condition or first in a "
            "statement's test or value (front/walrus.py) is not supported",
            node,
        )

    def e_Lambda(self, node: ast.Lambda) -> ir.Expr:
        a = node.args
        if a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs:
            raise self.refuse(Code.EXPRESSION, "lambda with special parameters", node)
        names = [p.arg for p in a.args]
        first = len(names) - len(a.defaults)
        for name, d in zip(names[first:], a.defaults, strict=True):
            if not (isinstance(d, ast.Name) and d.id == name):
                raise self.refuse(
                    Code.EXPRESSION,
                    f"lambda default {name}={ast.unparse(d)} (only "
                    f"{name}={name}, capturing the current value)",
                    node,
                )
        return ir.Lambda(names[:first], self.expr(node.body), bound=names[first:])


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


BUILTIN_CLASSES = frozenset(
    {"int", "float", "bool", "str", "bytes", "list", "tuple", "dict", "set", "frozenset"}
)


def caught_str(node: ast.Call, handler_names: list[str]) -> str | None:
    """``name`` of ``str(name)`` for a caught exception ``name`` (its message), else None."""
    arg = node.args[0] if len(node.args) == 1 else None
    if isinstance(arg, ast.Name) and arg.id in handler_names and is_str_of(node, arg.id):
        return arg.id
    return None


def is_str_of(e: ast.AST, name: str) -> bool:
    """Whether ``e`` is ``str(name)``."""
    return (
        isinstance(e, ast.Call)
        and isinstance(e.func, ast.Name)
        and e.func.id == "str"
        and len(e.args) == 1
        and not e.keywords
        and isinstance(e.args[0], ast.Name)
        and e.args[0].id == name
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


# ---------------------------------------------------------------- starred displays
# ``[*a, x, *b]`` is ``list(a) + [x] + list(b)``, ``(*a, x)`` its ``tuple(...)``, ``{*a, *b}``
# is ``set(a) | set(b)``: the same items, evaluated in the same order. ``{**d1, "k": v, **d2}``
# is a comprehension over the parts in order, ``{k: v for d in [d1, {"k": v}, d2] for k, v in
# d.items()}``: a later key keeps the first one's position and takes the later value, as the
# display does.
SPREAD_NAMES = ("spread_part", "spread_key", "spread_value")


def _starred(elts: list[ast.expr]) -> bool:
    return any(isinstance(e, ast.Starred) for e in elts)


def _spread(node: ast.expr, elts: list[ast.expr], kind: str) -> ast.expr:
    """The operations a display with ``*`` items performs."""
    parts: list[ast.expr] = []
    run: list[ast.expr] = []
    maker = "set" if kind == "set" else "list"
    for e in elts:
        if isinstance(e, ast.Starred):
            if run:
                parts.append(ast.Set(run) if kind == "set" else ast.List(run, ast.Load()))
                run = []
            parts.append(callforms.call_of(maker, e.value))
        else:
            run.append(e)
    if run:
        parts.append(ast.Set(run) if kind == "set" else ast.List(run, ast.Load()))
    out = parts[0]
    for p in parts[1:]:
        out = ast.BinOp(out, ast.BitOr() if kind == "set" else ast.Add(), p)
    if kind == "tuple":
        out = callforms.call_of("tuple", out)
    return ast.fix_missing_locations(ast.copy_location(out, node))


def _merged(node: ast.Dict) -> ast.expr:
    """``{**d1, k: v, **d2}`` as a comprehension over its parts in order."""
    parts: list[ast.expr] = []
    keys: list[ast.expr | None] = []
    values: list[ast.expr] = []
    for k, v in zip(node.keys, node.values, strict=True):
        if k is None:
            if keys:
                parts.append(ast.Dict(keys, values))
                keys, values = [], []
            parts.append(v)
        else:
            keys.append(k)
            values.append(v)
    if keys:
        parts.append(ast.Dict(keys, values))
    d, k, v = (ast.Name(n, ast.Load()) for n in SPREAD_NAMES)
    store: list[ast.expr] = [ast.Name(n, ast.Store()) for n in SPREAD_NAMES]
    items = ast.Call(ast.Attribute(d, "items", ast.Load()), [], [])
    comp = ast.DictComp(
        k,
        v,
        [
            ast.comprehension(store[0], ast.List(parts, ast.Load()), [], 0),
            ast.comprehension(ast.Tuple(store[1:], ast.Store()), items, [], 0),
        ],
    )
    return ast.fix_missing_locations(ast.copy_location(comp, node))
