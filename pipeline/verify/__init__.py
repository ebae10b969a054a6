"""Differential verification: run each translated function and its Python original on the
same inputs and compare (see docs/verification.md).

Public API: :func:`verify_crate` (the runner's entry point, one call per repository),
:func:`verify_unit` / :func:`verify_one` and :func:`format_side_by_side` (for
``portalis verify PATH.py::func``),
:class:`VerifyOptions`, and :class:`Row`.
"""

from pipeline.verify.api import format_side_by_side, verify_crate, verify_one, verify_unit
from pipeline.verify.options import VerifyOptions
from pipeline.verify.outcome import Row

__all__ = [
    "Row",
    "VerifyOptions",
    "format_side_by_side",
    "verify_crate",
    "verify_one",
    "verify_unit",
]
