"""Class names the Rust struct of a translated class may take: capitalised, and not one
of the std prelude's, the engine's or the runtime's type names (front/classes.py)."""

from __future__ import annotations

import ast

from pipeline import pytypes
from pipeline.pytypes import PyType
from pipeline.translate.rules.diagnostics import Code, Refusal, Where

# Names a struct must not shadow in the module (std prelude, types the engine emits, runtime)
RESERVED = frozenset(
    {
        "Vec",
        "String",
        "Option",
        "Some",
        "None",
        "Box",
        "Result",
        "Ok",
        "Err",
        "Self",
        "HashSet",
        "HashMap",
        "BTreeMap",
        "BTreeSet",
        "VecDeque",
        "Rc",
        "RefCell",
        "Cell",
        "Fn",
        "FnMut",
        "FnOnce",
        "Iterator",
        "IntoIterator",
        "Default",
        "Clone",
        "Copy",
        "Debug",
        "PartialEq",
        "PartialOrd",
        "Eq",
        "Ord",
        "Hash",
        "Ordering",
        "ToString",
        "From",
        "Into",
        "Drop",
        "Sized",
        "Send",
        "Sync",
        "PyDict",
        "PyDeque",
        "PySeq",
        "PyStr",
        "PyOrd",
    }
)


def check_name(node: ast.ClassDef, where: Where) -> None:
    if not pytypes.is_class(PyType(node.name)) or node.name in RESERVED:
        raise Refusal(
            Code.CLASS_FORM,
            f"class name {node.name} (a Rust type name must be capitalised "
            "and not shadow a std or runtime type)",
            where.line(node),
        )
