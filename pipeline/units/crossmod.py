"""Repository-wide evidence for unannotated parameters: calls from other modules.

Each partition exports its modules' literal calls of imported functions (``outcalls.py``) and
names the units refused for want of a typed call (``awaits_evidence``). At the end of the run
the repository's calls are indexed by callee (``index``); a waiting unit whose function, or a
sibling it calls, is called from elsewhere (``added_calls``) gets those calls appended to its
``call_examples`` (``widen``) and is translated again (``stages.finalize_repo``). What still
has no evidence is then refused with the repository named as the scope searched
(``repository_wording``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from pipeline.records import Translation, Unit
from pipeline.translate.rules.analysis.facts import NO_EVIDENCE
from pipeline.translate.rules.analysis.usage import GENERIC_NAMES
from pipeline.units import callsites

# (caller path, callee module, function, call source), as partitions export them
RepoCall = tuple[str, str, str, str]
Index = dict[tuple[str, str], tuple[str, ...]]
Alias = tuple[str, str, str]  # (package, name, dotted path it stands for)
MAX_HOPS = 4  # re-exports followed from one call (pkg -> pkg.sub -> pkg.sub.a ...)
MODULE_SCOPE = "in its module"
REPO_SCOPE = "in its repository"
USAGE = "(usage)"  # a typing assumed from the body alone (analysis/usage.py)
GENERIC = re.compile(r"\b(?:" + "|".join(GENERIC_NAMES) + r")\b")


def awaits_evidence(tr: Translation) -> bool:
    """Whether ``tr`` was refused because some parameter (its own or a sibling's) has no
    type and no literal call in its module. The code alone cannot tell: the refusal is PT020
    for the unit's own parameter but PT040 when a sibling or class it needs is refused so, and
    PT020 also covers calls that disagree; the NO_EVIDENCE wording is what marks it.

    A translation whose parameter types were only assumed from their uses in the body
    (``typing`` entries ``... (usage)``) waits too: calls from other modules outrank that
    guess, and calls that disagree with each other (an int here, a float there) refuse it
    rather than leave a Rust type narrower than its callers' values. A generic typing
    (``x: T (usage)``, ``xs: list[T] (usage)``) already holds for every type its calls pass."""
    if tr.ok:
        return any(_concrete_guess(t) for t in tr.typing)
    return any(NO_EVIDENCE in d.message for d in tr.diagnostics)


def _concrete_guess(typing: str) -> bool:
    """``typing`` (``"x: list[int] (usage)"``) was assumed from the body and names no
    type variable."""
    if not typing.endswith(USAGE):
        return False
    _, _, rendered = typing.removesuffix(USAGE).partition(":")
    return GENERIC.search(rendered) is None


def index(calls: Iterable[RepoCall], aliases: Iterable[Alias] = ()) -> Index:
    """(callee module, function) -> its calls, ordered by caller path then source order
    (whatever order the partitions finished in), at most MAX_CALLS each; a call through a
    package's re-export counts for the function it names."""
    table = {(pkg, name): dotted for pkg, name, dotted in aliases}
    ordered = sorted(enumerate(calls), key=lambda it: (it[1][0], it[0]))
    found: dict[tuple[str, str], list[str]] = {}
    for _, (_, module, fn, text) in ordered:
        callsites.keep(found.setdefault(_resolved(module, fn, table), []), text)
    return {key: tuple(texts) for key, texts in found.items()}


def _resolved(module: str, fn: str, table: dict[tuple[str, str], str]) -> tuple[str, str]:
    """``(module, fn)`` after following re-exports (at most MAX_HOPS)."""
    for _ in range(MAX_HOPS):
        dotted = table.get((module, fn))
        if dotted is None or "." not in dotted:
            break
        module, _, fn = dotted.rpartition(".")
    return module, fn


def added_calls(unit: Unit, calls: Index) -> tuple[tuple[str, str], ...]:
    """The calls from other modules of ``unit`` and of the siblings it calls that its
    ``call_examples`` lack, as ``(function, call source)`` pairs."""
    extra = [
        (name, text)
        for name in (unit.qualname, *unit.calls)
        for text in _calls_of(unit.module, name, calls)
    ]
    have = set(unit.call_examples)
    return tuple(pair for pair in extra if pair not in have)


def widen(unit: Unit, added: tuple[tuple[str, str], ...]) -> Unit:
    """``unit`` with those of ``added`` its ``call_examples`` lack appended to them."""
    have = set(unit.call_examples)
    return replace(
        unit, call_examples=(*unit.call_examples, *(pair for pair in added if pair not in have))
    )


def _calls_of(module: str, name: str, calls: Index) -> tuple[str, ...]:
    """Calls of ``module.name``, also those spelled from a shorter module path (a
    ``src/pkg/a.py`` imported as ``pkg.a``)."""
    out: list[str] = []
    for (callee, fn), texts in calls.items():
        if fn == name and (callee == module or module.endswith("." + callee)):
            for text in texts:
                callsites.keep(out, text)
    return tuple(out)


def repository_wording(tr: Translation) -> Translation:
    """``tr`` with its want-of-evidence refusals saying the repository was searched."""
    if not awaits_evidence(tr):
        return tr
    widened = NO_EVIDENCE.replace(MODULE_SCOPE, REPO_SCOPE)

    def widen_text(s: str) -> str:
        return s.replace(NO_EVIDENCE, widened)

    diags = tuple(replace(d, message=widen_text(d.message)) for d in tr.diagnostics)
    return replace(tr, diagnostics=diags)
