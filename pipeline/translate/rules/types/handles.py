"""Which classes of the module being translated have Python's reference semantics.

A *node* class (a linked-list node, a tree node: an attribute that refers to its own class,
front/nodes.py) is emitted as a shared handle, ``pub struct Node(Rc<RefCell<NodeData>>)``:
two names bound to one object see each other's changes, ``is`` is ``Rc::ptr_eq``, and a
clone of the handle is a new reference, never a copy of the object (docs/nodes.md). The set
is fixed for one unit's translation by the engine and read by the passes that pass, copy and
compare values.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from pipeline.pytypes import PyType

_HANDLES: ContextVar[frozenset[str]] = ContextVar("portalis_handles", default=frozenset())


def handles() -> frozenset[str]:
    """The node classes of the module being translated."""
    return _HANDLES.get()


def is_handle(t: PyType) -> bool:
    """Whether ``t`` is a node class or an Optional of one (a shared reference in Rust)."""
    if t.name == "Optional" and t.args:
        return is_handle(t.args[0])
    return not t.args and t.name in _HANDLES.get()


def node_class(t: PyType) -> str:
    """The class name of a node type (``Node`` for ``Optional[Node]``)."""
    return t.args[0].name if t.name == "Optional" else t.name


@contextmanager
def handle_classes(names: frozenset[str]) -> Iterator[None]:
    """Translate with ``names`` as the module's node classes inside the block."""
    token = _HANDLES.set(names)
    try:
        yield
    finally:
        _HANDLES.reset(token)
