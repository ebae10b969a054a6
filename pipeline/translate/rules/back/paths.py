"""Printing ``os.path``'s pure string functions (``os.path.join`` ...), mixed into Calls: each
one is CPython's ``posixpath`` algorithm, in ``pyrt`` (``path_*``) or inline."""

from __future__ import annotations

from pipeline.translate.rules.back.api import EmitterAPI
from pipeline.translate.rules.back.rust import R
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.types import unify as T

HELPERS = {
    "split": "path_split",
    "splitext": "path_splitext",
    "basename": "path_basename",
    "dirname": "path_dirname",
    "normpath": "path_normpath",
}


class Paths:
    """The ``os.path`` printer of Calls."""

    em: EmitterAPI

    def ospath(self, e: ir.Call) -> R:
        """``os.path.<fn>(...)`` of str arguments (inference checked the function and types)."""
        em = self.em
        fn = e.func.removeprefix("os.path.")
        ty = e.ty or T.NONE
        if fn == "commonprefix":
            return R(f"{em.rt('path_commonprefix')}({em.slice_ref(e.args[0])})", ty)
        if e.star:  # os.path.join(a, *parts)
            head = ", ".join(em.str_ref(a) for a in e.args[:-1])
            parts = em.slice_ref(e.args[-1])
            return R(f"{em.rt('path_join_all')}(&[{head}], {parts})", ty)
        args = [em.str_ref(a) for a in e.args]
        if fn == "join":
            return R(f"{em.rt('path_join')}(&[{', '.join(args)}])", ty)
        if fn == "isabs":
            return R(f"str::starts_with({args[0]}, '/')", ty)
        if fn == "normcase":  # posixpath.normcase changes nothing
            return R(f"String::from({args[0]})", ty)
        if fn == "splitdrive":  # no drives on POSIX: ('', p)
            return R(f"(String::new(), String::from({args[0]}))", ty)
        return R(f"{em.rt(HELPERS[fn])}({args[0]})", ty)
