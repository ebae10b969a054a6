"""``portalis verify PATH.py::func``: verify one function and show every input side by side.

The developer's tool while growing the translator: the same stages as a run (translate,
compile check, differential test), on one function, printed as a table.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from pipeline.onefile import compile_file
from pipeline.records import Diagnostic


class TargetError(ValueError):
    """The PATH.py::func target does not name a translatable function."""


@dataclass
class VerifyReport:
    table: str
    verdict: str  # one line: verified / mismatch / untested … and why


def verify_target(
    target: str,
    root: str | None,
    engine: str,
    examples: int,
    seed: int,
) -> VerifyReport:
    from pipeline.verify import VerifyOptions, format_side_by_side, verify_unit

    path, sep, func = target.partition("::")
    if not sep or not func or not os.path.isfile(path):
        raise TargetError(f"expected an existing PATH.py::function, got {target!r}")
    root = root or os.path.dirname(os.path.abspath(path))
    done = compile_file(path, root, engine)
    if isinstance(done, Diagnostic):
        raise TargetError(f"{path}: {done.render()}")
    unit_name = func.split(".")[0]
    match = [(u, t) for u, t in done.items if u.qualname == unit_name]
    if not match:
        known = ", ".join(sorted(u.qualname for u, _ in done.items))
        raise TargetError(f"{path} has no top-level function or class {unit_name!r}; has: {known}")
    unit, tr = match[0]
    refusal = dict(done.refused).get(unit_name)
    if refusal is not None:
        return VerifyReport("", f"not translated: {refusal}")
    options = VerifyOptions(examples_per_function=examples, seed=seed)
    crate = done.outcome.crate
    modules = {done.rel: done.text}
    py_name = func if "." in func else None
    verdict, rows = verify_unit(crate.name, crate.files, modules, unit, tr, options, py_name)
    line = f"{verdict.status}: {verdict.inputs_matched}/{verdict.inputs_tried} inputs match"
    return VerifyReport(
        format_side_by_side(rows), line + (f" ({verdict.reason})" if verdict.reason else "")
    )
