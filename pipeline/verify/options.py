"""The one configuration object of the verification stage."""

from __future__ import annotations

from dataclasses import dataclass

# Part of every cached verdict's key: bump it when the verifier draws other inputs or judges
# them differently, so a re-run verifies again instead of reusing verdicts of the old rules.
# 2: doctest calls anywhere in an example, class and callable entry points, overflow outcome.
# 3: lazy iterators observed by their first items; iterators returned by closures collected.
# 4: base classes: values drawn from the hierarchy, methods called as obj.method().
# 5: mode optmut (the None-default idiom): Option<&mut T>, compared after the call; doctests
#    may omit such a parameter (passed as None).
# 6: OrderedDict values: drawn as real OrderedDicts, carried tagged, compared in order.
# 7: coverage-guided stopping: generated inputs beyond a floor stop once the Python side's
#    line arcs stop growing (verify.min_examples, verify.coverage_patience).
# 8: units whose verdict is overflow are translated again with unbounded ints (bigint values).
# 9: what a call prints to stdout is compared too (exactly), on both sides.
# 10: node classes (linked lists, trees): drawn as chains/trees through their constructor,
#     observed when passed by value, compared with their identity structure ({"ref": k}).
# 11: the child calls only what comes from the file under test (else untested, with the file
#     it came from); an instance of a class with ``__slots__ = ()`` is an object of its class.
# 12: objects drawn for a class with mutating methods are changed by calls of them first
#     (``Stack(); .push(3)``: ClassSig.mutators), so methods run on objects in many states.
# 13: a case's time limit does not count the time its process waited for a CPU; a case that
#     never got its time on a CPU is dropped as ``starved`` (was a ``timeout`` verdict).
# 14: deque values: drawn as real deques, carried tagged, written as PyDeque literals
# 15: the repository's modules come first in the child (its own json, typing... set aside, a
#     finder ahead of site's shims), and a partition's sandbox holds the rest of its packages
# 16: factories (``Callable[[], dict[K, V]]``, list, set): the catalogue draws empty and
#     one-item ones (were untested: no catalogue function)
# 17: a str parameter passed straight to ord() is drawn mostly as one character (was refuted:
#     most strings of any length made ord raise)
VERIFIER_VERSION = 17


@dataclass(frozen=True)
class VerifyOptions:
    """Knobs for differential verification (see docs/verification.md).

    examples_per_function: generated inputs per entry point (doctests and user cases come on
    top); seed: makes generation reproducible; call_timeout_s: wall clock per call, on each
    side, less the time the process waited for a CPU (procs.ChargedClock); memory_mb /
    cpu_s: address-space and CPU-time rlimits of the child processes;
    float_rel_tol / float_abs_tol: float comparison; cases_file: a JSON cases file;
    isolate: run the Python side inside the bubblewrap layer (``isolation.py``);
    min_examples / coverage_patience: generated inputs always run, and how many more in a row
    may add no new line arc of the Python side (nor a new kind of outcome) before the rest of
    the generated inputs are left out (coverage_patience 0: all are run); reuse_runtime:
    link the ``pyrt`` runtime compiled once per content (``runtime.py``; the artifact
    directory is ``$PORTALIS_ARTIFACTS`` or the user cache directory's ``portalis/rlib``),
    and keep the drawn inputs' streams there for the next process (``draws/``).
    """

    examples_per_function: int = 50
    seed: int = 0
    call_timeout_s: float = 1.0
    memory_mb: int = 512
    cpu_s: int = 30
    float_rel_tol: float = 1e-9
    float_abs_tol: float = 1e-12
    cases_file: str | None = None
    isolate: bool = False
    min_examples: int = 16
    coverage_patience: int = 8
    reuse_runtime: bool = True
