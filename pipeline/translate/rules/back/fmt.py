"""Text output: ``str()`` of values, f-strings with format specs, ``print``.

Python's ``str(1.0)`` is ``1.0`` and ``str(True)`` is ``True``; Rust's ``Display`` differs, so
floats, bools and containers print through ``pyrt`` (``float_repr``, the ``PyStr`` trait).
Format specs are parsed here and turned into helper calls; specs whose output we cannot
reproduce exactly (``g``, ``n``, ``c``…) are refused.
"""

from __future__ import annotations

import re

from pipeline.pytypes import PyType, is_class, rust_str
from pipeline.translate.rules.back.api import EmitterAPI
from pipeline.translate.rules.back.rust import ATOM, UNARY, R, paren
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.types import intmode
from pipeline.translate.rules.types import unify as T

SPEC = re.compile(
    r"^(?:(?P<fill>.)?(?P<align>[<>=^]))?(?P<sign>[-+ ])?(?P<alt>#)?(?P<zero>0)?"
    r"(?P<width>\d+|\x00\d+\x00)?(?P<group>[,_])?(?:\.(?P<prec>\d+|\x00\d+\x00))?"
    r"(?P<type>[bdefgGosxX%])?$"
)
FLOAT_TYPES = ("f", "e", "g", "G", "%")  # presentation types that format an int as a float
PLAIN_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")
# runtime helpers that already return an owned String
RUNTIME_STRING = ("crate::pyrt::fmt_", "crate::pyrt::float_repr(", "crate::pyrt::PyStr::")


def _needs_dict(t: PyType) -> bool:
    return t.name == "dict" or any(_needs_dict(a) for a in t.args)


def display(em: EmitterAPI, e: ir.Expr) -> str:
    """An argument that ``{}`` prints exactly as Python's ``str(e)``."""
    r = em.expr(e)
    return display_r(em, r)


def display_r(em: EmitterAPI, r: R) -> str:
    """``display`` for an already printed expression."""
    name = r.ty.name
    if name in ("str", "int"):
        return r.code
    if name == "float":
        return f"{em.rt('float_repr')}({em.to_owned(r)})"
    if name == "bool":
        return f'if {em.truthy(r)} {{ "True" }} else {{ "False" }}'
    if name == "None":
        return '"None"'
    return py_trait(em, r, "py_str")


def py_trait(em: EmitterAPI, r: R, method: str) -> str:
    """``crate::pyrt::PyStr::py_str(&x)`` / ``py_repr`` for any displayable value."""
    check_classes_shown(em, r.ty, method)
    if _needs_dict(r.ty):
        em.helpers.add("py_str_dict")
    arg = r.code if r.kind in ("ref", "sref", "mut") else f"&{paren(r, ATOM)}"
    return f"{em.rt('py_str', 'PyStr')}::{method}({arg})"


def check_classes_shown(em: EmitterAPI, t: PyType, method: str) -> None:
    """Objects print through their class's ``__str__``/``__repr__`` (or a dataclass's own
    repr); a class without one would print ``<X object at 0x…>`` in Python: refused."""
    if t.name in T.COLLECTIONS or t.name == "bytes":
        what = "str" if method == "py_str" else "repr"
        raise Refusal(
            Code.FORMAT,
            f"{what} of a value of type {t.name} (Python prints its "
            "class name or b'...', which the runtime does not)",
            None,
        )
    if t.name in ("set", "frozenset"):
        raise Refusal(
            Code.FORMAT,
            f"{'str' if method == 'py_str' else 'repr'} of a {t.name} (Python prints its items "
            "in its hash table's order, which a Rust set does not keep)",
            None,
        )
    if is_class(t):
        model = em.classes(t.name)
        ok = model is not None and (
            model.has_repr() or (method == "py_str" and "__str__" in model.methods)
        )
        if not ok:
            raise Refusal(
                Code.FORMAT,
                f"{'str' if method == 'py_str' else 'repr'} of a {t.name} "
                "object (no __repr__/__str__ to translate)",
                None,
            )
        return
    for a in t.args:
        check_classes_shown(em, a, "py_repr")


def to_str(em: EmitterAPI, e: ir.Expr) -> R:
    """Python ``str(e)`` as an owned String."""
    return to_str_r(em, em.expr(e))


def to_str_r(em: EmitterAPI, r: R) -> R:
    """``to_str`` for an already printed expression."""
    if r.ty.name == "str":
        return R(em.to_owned(r), T.STR)
    if r.ty.name == "int" and intmode.big():  # CPython's 4300-digit limit
        return R(f"{paren(r, ATOM)}.to_py_str()", T.STR)
    if r.ty.name == "int":
        return R(f"{paren(r, ATOM)}.to_string()", T.STR)
    if r.ty.name == "float":
        return R(display_r(em, r), T.STR)
    if r.ty.name in ("bool", "None"):
        return R(f"String::from({display_r(em, r)})", T.STR)
    return R(display_r(em, r), T.STR)


def fstring_parts(em: EmitterAPI, e: ir.FStr) -> tuple[list[str], list[str]]:
    """The ``format!`` template pieces and arguments of an f-string."""
    template: list[str] = []
    args: list[str] = []
    for part in e.parts:
        if isinstance(part, str):
            template.append(part.replace("{", "{{").replace("}", "}}"))
            continue
        arg = field(em, part)
        if PLAIN_IDENT.match(arg) and arg not in ("true", "false"):
            template.append("{" + arg + "}")
        else:
            template.append("{}")
            args.append(arg)
    return template, args


def fstring(em: EmitterAPI, e: ir.FStr) -> R:
    """An f-string as ``format!`` (a lone field becomes that field's String)."""
    template, args = fstring_parts(em, e)
    if len(e.parts) == 1 and isinstance(e.parts[0], ir.FmtField):
        if args and args[0].startswith(RUNTIME_STRING):
            return R(args[0], T.STR)
        value = args[0] if args else template[0][1:-1]
        wrapped = value if PLAIN_IDENT.match(value) or value.endswith(")") else f"({value})"
        return R(f"{wrapped}.to_string()", T.STR)
    text = rust_str("".join(template))
    if not args and "{" not in "".join(template).replace("{{", ""):
        literal = rust_str("".join(p for p in e.parts if isinstance(p, str)))
        if not any(isinstance(p, ir.FmtField) for p in e.parts):
            return R(literal, T.STR, "sref")
    joined = ", ".join([text, *args])
    return R(f"format!({joined})", T.STR)


def field(em: EmitterAPI, f: ir.FmtField) -> str:
    """One ``{value!conv:spec}`` field as a Display argument."""
    r = em.expr(f.value)
    if f.conv == "r":
        if f.spec:
            raise Refusal(Code.FORMAT, "!r with a format spec", f.line)
        return py_trait(em, r, "py_repr")
    if not f.spec:
        return display_r(em, r)
    fill = f.fill_arg()
    text = ir.FILL_FIELD.sub("x", f.spec) if fill is not None else f.spec
    m = SPEC.match(text)
    if m is None:
        raise Refusal(Code.FORMAT, f"format spec {f.spec!r} is not supported", f.line)
    spec = m.groupdict()
    if fill is not None:
        if not spec["width"] or spec["zero"]:
            raise Refusal(Code.FORMAT, "a computed fill without a width or with 0-padding", f.line)
        # Python builds the spec text: a fill of 0 characters means a space, of 2 or more an
        # invalid spec (ValueError)
        spec["fill"] = f"{em.rt('fmt_fill')}({em.str_ref(f.spec_args[fill])})"
    for part in ("width", "prec"):
        value = spec[part]
        if value and value.startswith("\x00"):
            arg = em.int_val(f.spec_args[int(value.strip("\x00"))]).code
            spec[part] = f'usize::try_from({arg}).expect("ValueError: negative {part}")'
    return formatted(em, r, spec, f)


def formatted(em: EmitterAPI, r: R, spec: dict[str, str | None], f: ir.FmtField) -> str:
    """Apply a parsed format spec to a value."""
    kind = r.ty.name
    numeric = kind in ("int", "float")
    base = _base(em, r, spec, f)
    if spec["sign"] in ("+", " "):
        if not numeric:
            raise Refusal(Code.FORMAT, "sign option on a non-number", f.line)
        base = f"{em.rt('fmt_sign')}({base}, '{spec['sign']}')"
    if spec["width"]:
        fill, align = spec["fill"] or " ", spec["align"]
        if spec["zero"] and not align:
            fill, align = "0", "=" if numeric else "<"
        align = align or (">" if numeric else "<")
        if align == "=" and not numeric:
            raise Refusal(Code.FORMAT, "'=' alignment on a non-number", f.line)
        fill_lit = (
            "'\\''"
            if fill == "'"
            else "'\\\\'"
            if fill == "\\"
            else (f"'{fill}'" if len(fill) == 1 else fill)
        )
        text = base if kind == "str" else f"&{base}"
        base = f"{em.rt('fmt_pad')}({text}, {fill_lit}, '{align}', {_num(spec['width'])})"
    return base


def _base(em: EmitterAPI, r: R, spec: dict[str, str | None], f: ir.FmtField) -> str:
    """The formatted value before sign and padding."""
    kind, ftype, prec = r.ty.name, spec["type"], spec["prec"]
    if spec["alt"] and ftype not in ("x", "X", "o", "b"):
        raise Refusal(Code.FORMAT, "'#' option", f.line)
    if kind == "str":
        if ftype not in (None, "s") or prec or spec["group"]:
            raise Refusal(Code.FORMAT, f"format spec {f.spec!r} on str", f.line)
        if spec["width"]:  # fmt_pad takes the &str directly
            return r.code if r.kind == "sref" else f"{paren(r, ATOM)}.as_str()"
        return em.to_owned(r) if r.kind == "sref" else f"{paren(r, ATOM)}.to_string()"
    if kind not in ("int", "float"):
        raise Refusal(Code.FORMAT, f"format spec on {r.ty}", f.line)
    value = em.to_owned(r)
    # the owned text keeps the operand's precedence (``n + 1``, ``xs.len() as i64``); a
    # dereference added by to_owned binds looser than a method call: ``(*x).to_string()``
    # (``*x.to_string()`` is an unsized ``str``, a rustc error as a format! argument)
    owned_prec = UNARY if value.startswith("*") else ATOM
    valued = R(value, r.ty, prec=r.prec if value == r.code else owned_prec)
    if kind == "int" and ftype in (None, "d"):
        if prec:
            raise Refusal(Code.FORMAT, "precision on an int", f.line)
        text = f"{paren(valued, ATOM)}.to_string()"
        return _group(em, text, spec, f)
    if kind == "int" and ftype in ("x", "X", "o", "b"):
        radix = {"x": 16, "X": 16, "o": 8, "b": 2}[ftype]
        prefix = f'"0{ftype}"' if spec["alt"] else '""'
        if spec["group"]:
            raise Refusal(Code.FORMAT, "grouping with x/o/b", f.line)
        text = f"{em.rt('fmt_radix')}({value}, {radix}, {prefix})"
        return f"{text}.to_uppercase()" if ftype == "X" else text
    if kind == "int":
        value = f"{paren(valued, 85)} as f64" if ftype in FLOAT_TYPES else value
    if ftype in ("f", "%"):
        p = _num(prec) if prec is not None else "6"
        if ftype == "%":
            text = f'format!("{{}}%", {em.rt("fmt_fixed")}({value} * 100.0, {p}))'
            return _group(em, text, spec, f)
        return _group(em, f"{em.rt('fmt_fixed')}({value}, {p})", spec, f)
    if ftype == "e" and not spec["group"]:
        p = _num(prec) if prec is not None else "6"
        return f"{em.rt('fmt_exp')}({value}, {p})"
    if ftype in ("g", "G") and not spec["group"]:
        p = _num(prec) if prec is not None else "6"
        text = f"{em.rt('fmt_general')}({value}, {p})"
        return f"{text}.to_uppercase()" if ftype == "G" else text
    if ftype is None and prec is None and kind == "float" and not spec["group"]:
        return f"{em.rt('float_repr')}({value})"
    raise Refusal(Code.FORMAT, f"format spec {f.spec!r} on {r.ty}", f.line)


def _num(text: str | None) -> str:
    """A width/precision: a literal number or the Rust expression computing it."""
    assert text is not None
    return str(int(text)) if text.isdigit() else text


def _group(em: EmitterAPI, text: str, spec: dict[str, str | None], f: ir.FmtField) -> str:
    if not spec["group"]:
        return text
    if spec["zero"] or (spec["width"] and spec["fill"] == "0"):
        raise Refusal(Code.FORMAT, "zero padding with grouping", f.line)
    return f"{em.rt('fmt_group')}(&{text}, '{spec['group']}')"


def print_call(em: EmitterAPI, e: ir.Call) -> R:
    """``print(a, b, sep=.., end=..)`` with constant separators."""
    seps: dict[str, str] = {}
    for k in ("sep", "end"):
        v = e.kwargs.get(k)
        if v is None:
            seps[k] = " " if k == "sep" else "\n"
        elif isinstance(v, ir.Const) and isinstance(v.value, str):
            seps[k] = v.value
        else:
            raise Refusal(Code.CALL, f"print {k}= must be a string literal", e.line)
    if e.star:
        return _print_spread(em, e, seps["sep"], seps["end"])
    template, args = [], []
    for a in e.args:
        if isinstance(a, ir.FStr):  # print(f"...") splices the f-string's own template
            pieces, inner = fstring_parts(em, a)
            template.append("".join(pieces))
            args.extend(inner)
            continue
        arg = display(em, a)
        if PLAIN_IDENT.match(arg) and arg not in ("true", "false"):
            template.append("{" + arg + "}")
        else:
            template.append("{}")
            args.append(arg)
    sep = str(seps["sep"]).replace("{", "{{").replace("}", "}}")
    end = str(seps["end"]).replace("{", "{{").replace("}", "}}")
    body = sep.join(template)
    if end == "\n":
        text = rust_str(body)
        return R(f"println!({', '.join([text, *args])})" if body else "println!()", T.NONE)
    return R(f"print!({', '.join([rust_str(body + end), *args])})", T.NONE)


def _print_spread(em: EmitterAPI, e: ir.Call, sep: str, end: str) -> R:
    """``print(a, *xs, sep=.., end=..)`` with ``xs`` a list (``print(*xs)`` alone is lowered
    to a ``join``): Python joins ``str()`` of every argument and item with ``sep``, then
    writes ``end``."""
    first = [to_str(em, a).code for a in e.args[:-1]]
    xs = em.expr(e.args[-1])
    each = to_str_r(em, R("x", T.elem(xs.ty) or T.NONE, "ref")).code
    seq = xs.code if xs.kind in ("ref", "sref", "mut") else f"&{paren(xs, ATOM)}"
    parts = f"{{ let mut parts: Vec<String> = vec![{', '.join(first)}]; "
    parts += f"parts.extend({seq}.iter().map(|x| {each})); parts }}"
    end_text = rust_str(end.replace("{", "{{").replace("}", "}}"))[1:-1]
    return R(f'print!("{{}}{end_text}", {parts}.join({rust_str(sep)}))', T.NONE)
