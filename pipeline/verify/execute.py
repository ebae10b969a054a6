"""Run both sides for a set of FnPlans: the Python sandbox and the Rust build and harness.

The Python calls run in a thread (they mostly wait on the child) while the main thread builds
the rlib and the harness, so the two overlap. Everything lives in one scratch directory:

    <scratch>/src    copy of the Python sources        <scratch>/work  cwd of both children
    <scratch>/crate  copy of the crate                 <scratch>/build rlib, harness.rs, harness
    <scratch>/home, <scratch>/tmp   HOME and TMPDIR of the Python child
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pipeline import codec
from pipeline.childprio import carried
from pipeline.verify.files import write_bytecode, write_tree
from pipeline.verify.harness import HarnessFn, generate
from pipeline.verify.options import VerifyOptions
from pipeline.verify.plan import FnPlan, build_literals
from pipeline.verify.procs import children_cpu, kill_group
from pipeline.verify.runtime import runtime_rlib, split_runtime
from pipeline.verify.rustc import (
    BuildResult,
    HarnessLimits,
    build_harness,
    finish_rustc,
    opt_level,
    run_harness,
    start_rlib,
)
from pipeline.verify.sandbox import PythonSandbox, SandboxLimits

FAILURE_STREAK = 2  # consecutive Python timeouts/crashes after which a function is given up
STREAK_BREAKERS = ("timeout", "starved", "crashed", "resource")
HARNESS_ATTEMPTS = 3
RUNNABLE = ("ok", "raised")


@dataclass
class Execution:
    """What the run learned beyond per-case results: build errors per plan index, and the
    wall seconds of each phase (phases that overlap are timed each on its own); under
    ``cpu:<phase>`` the CPU seconds of the thread that ran it, and of the child processes
    reaped meanwhile (rustc and the harness); ``cpu:python_child``: the Python child's own
    (as it reports them: inside the isolation layer it is not ours to reap; a child that was
    restarted after a timeout is not counted)."""

    build_errors: dict[int, str] = field(default_factory=dict)
    phases: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def timed(self, phase: str, children: bool = True) -> Iterator[None]:
        start, cpu, reaped = time.perf_counter(), time.thread_time(), children_cpu()
        try:
            yield
        finally:
            self.add(phase, time.perf_counter() - start)
            used = time.thread_time() - cpu + (children_cpu() - reaped if children else 0.0)
            self.add(f"cpu:{phase}", used)

    def add(self, key: str, seconds: float) -> None:
        self.phases[key] = self.phases.get(key, 0.0) + seconds


def python_paths(src: Path, plans: list[FnPlan]) -> list[str]:
    """sys.path entries: the source root, plus roots implied by path vs dotted module name
    (``src/pkg/mod.py`` with module ``pkg.mod`` adds ``<src>/src``)."""
    roots = [str(src)]
    for plan in plans:
        parts = list(PurePosixPath(plan.unit.path.removesuffix(".py")).parts)
        if parts and parts[-1] == "__init__":
            parts.pop()
        mod = plan.unit.module.split(".") if plan.unit.module else []
        if mod and parts[-len(mod) :] == mod:
            root = str(src.joinpath(*parts[: len(parts) - len(mod)]))
            if root not in roots:
                roots.append(root)
    return roots


GIVEN_UP = {
    "status": "timeout",
    "error": f"not run after {FAILURE_STREAK} inputs in a row timed out, ran out of memory or died",
}


def run_python(sandbox: PythonSandbox, plans: list[FnPlan], options: VerifyOptions) -> None:
    """Fill ``run.py`` for every input (not-fit ones too: their Python result is shown),
    one request per function with all its inputs; after a call that timed out or killed
    the child, the rest go in a new request, until FAILURE_STREAK failures in a row.

    Doctest, call and user inputs always run, and the first ``min_examples`` generated ones;
    past those, the child stops once ``coverage_patience`` inputs in a row add no coverage,
    and the inputs it did not run leave the plan (neither side runs them). Generated inputs
    are drawn as the child asks for them: planning drew the first ``min_examples +
    coverage_patience``; while the child runs every input it is sent and coverage still
    grows, the plan draws ``coverage_patience // 2`` more and the child goes on with the same
    coverage (``resume``), so the inputs that run are those of one request of all of them."""
    for plan in plans:
        if not plan.problem:
            _run_plan(sandbox, plan, options)


def _run_plan(sandbox: PythonSandbox, plan: FnPlan, options: VerifyOptions) -> None:
    probe = plan.observe.probe if plan.observe is not None else None
    must = options.min_examples + sum(r.case.origin != "generated" for r in plan.cases)
    pending, streak, quiet, resume = list(plan.cases), 0, 0, False
    while streak < FAILURE_STREAK:
        if not pending and resume and _coverage_grows(options, plan, must, quiet):
            pending = plan.draw(max(1, options.coverage_patience // 2))
        if not pending:
            break
        cases = [[codec.encode(a) for a in run.case.args] for run in pending]
        answered = len(plan.cases) - len(pending)
        stop = _stop_rule(options, must - answered, resume)
        responses = sandbox.calls(plan.unit.module, plan.sig.python_name, cases, probe, stop)
        quiet = quiet if resume else 0
        for run, response in zip(pending, responses, strict=False):
            if streak >= FAILURE_STREAK:
                break
            run.py = response
            streak = streak + 1 if response["status"] in STREAK_BREAKERS else 0
            quiet = 0 if response.pop("new", True) else quiet + 1
        resume = stop is not None and len(responses) == len(pending)
        pending = [run for run in pending if run.py is None]
    if streak >= FAILURE_STREAK:  # given up: the rest of the draw as well, as in one request
        pending += plan.draw(options.examples_per_function)
    for run in pending:
        run.py = dict(GIVEN_UP)
    plan.cases = [run for run in plan.cases if run.py != COVERED]


COVERED = {"status": "covered"}


def _coverage_grows(options: VerifyOptions, plan: FnPlan, must: int, quiet: int) -> bool:
    """Whether the child, its last request all run, would run a next input: none was
    ``covered`` and the stop rule (``child.py``) does not hold yet."""
    if any(run.py == COVERED for run in plan.cases):
        return False
    return len(plan.cases) < must or quiet < options.coverage_patience


def _stop_rule(options: VerifyOptions, after: int, resume: bool = False) -> dict | None:
    if options.coverage_patience <= 0:
        return None
    rule = {"after": max(0, after), "patience": options.coverage_patience}
    return {**rule, "resume": True} if resume else rule


def _python_thread(
    scratch: Path,
    crate: str,
    modules: dict[str, str],
    plans: list[FnPlan],
    options: VerifyOptions,
    execution: Execution,
) -> tuple[threading.Thread, list[Exception]]:
    """Start the Python side in a thread, then build the Rust literals of the inputs it ran;
    the list receives its exception if it fails."""
    failure: list[Exception] = []
    limits = SandboxLimits(
        options.call_timeout_s, options.cpu_s, options.memory_mb, options.isolate
    )

    def work() -> None:
        try:
            with execution.timed("python", children=False):  # rustc is reaped meanwhile
                write_tree(scratch / "src", modules)
                write_bytecode(scratch / "src", modules)
                box = PythonSandbox(scratch, python_paths(scratch / "src", plans), limits)
                try:
                    run_python(box, plans, options)
                    execution.add("cpu:python_child", box.child_cpu())
                finally:
                    box.close()
            with execution.timed("literals", children=False):  # of the inputs that ran
                build_literals(plans, crate)
        except Exception as exc:
            failure.append(exc)

    thread = threading.Thread(target=carried(work), name="portalis-verify-python", daemon=True)
    thread.start()
    return thread, failure


class RustBuild:
    """The Rust side's builds: the rlib starts compiling at construction (so that it overlaps
    input generation and the Python side), the harness is built by :meth:`harness` once the
    Python side has run. With a ``runtime_store``, the crate links the runtime compiled once
    per content (``runtime.py``) instead of compiling its ``pyrt`` module; if the crate does
    not build so, it is built again the old way, which alone decides."""

    def __init__(
        self,
        crate: str,
        crate_files: dict[str, str],
        scratch: Path,
        runtime_store: Path | None = None,
    ) -> None:
        self.crate, self.files, self.scratch = crate, crate_files, scratch
        self.with_dict = "PyDict" in crate_files.get("src/pyrt.rs", "")
        self.dir = scratch / "build"
        self.dir.mkdir()
        split = split_runtime(crate_files) if runtime_store is not None else None
        self.runtime = runtime_rlib(split[0], runtime_store) if split and runtime_store else None
        self._start(split[1] if split and self.runtime else crate_files)
        self._rlib: BuildResult | None = None

    def _start(self, files: dict[str, str]) -> None:
        crate_dir = self.scratch / "crate"
        shutil.rmtree(crate_dir, ignore_errors=True)
        write_tree(crate_dir, files)
        opt = opt_level(self.files.get("src/pyrt.rs", ""))
        self._proc, self._started = start_rlib(self.crate, crate_dir, self.dir, opt, self.runtime)

    def wait_rlib(self, execution: Execution) -> None:
        """Wait for the rlib (a Fault when rustc was killed from outside)."""
        with execution.timed("rustc_rlib_wait"):
            self._rlib = finish_rustc(self._proc, self._started)
            if not self._rlib.ok and self.runtime is not None:  # the old way decides
                self.runtime = None
                self._start(self.files)
                self._rlib = finish_rustc(self._proc, self._started)
        execution.phases["rustc_rlib"] = self._rlib.seconds

    def harness(self, plans: list[FnPlan], execution: Execution) -> Path | None:
        """Build the harness once the rlib is built (dropping functions whose calls do not
        compile); None when nothing can run."""
        fns = [p.harness_fn(self.crate) for p in plans if not p.problem and _has_literals(p)]
        assert self._rlib is not None, "wait_rlib first"
        if not self._rlib.ok:
            message = f"the crate did not build for verification: {self._rlib.first_error()}"
            execution.build_errors.update({fn.index: message for fn in fns})
            return None
        return _build_harness(self, fns, execution)

    def close(self) -> None:
        """Stop the rlib build if it is still running (after a failure elsewhere)."""
        if self._proc.poll() is None:
            kill_group(self._proc)

    def __enter__(self) -> RustBuild:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _has_literals(plan: FnPlan) -> bool:
    return any(run.literals is not None for run in plan.cases)


def _build_harness(build: RustBuild, fns: list[HarnessFn], execution: Execution) -> Path | None:
    for _ in range(HARNESS_ATTEMPTS):
        if not fns:
            return None
        with execution.timed("harness_generate"):
            source = generate(build.crate, fns, build.with_dict)
        with execution.timed("rustc_harness"):
            result = build_harness(build.crate, source.text, build.dir, build.runtime, source.data)
        if result.ok:
            return build.dir / "harness"
        bad: dict[int, str] = {}
        for message, line in result.errors:
            index = source.fn_at(line) if line is not None else None
            if index is not None:
                bad.setdefault(index, f"its call does not compile in the harness: {message}")
        if not bad:  # an error outside any function's code: nothing can run
            bad = {fn.index: f"the harness did not compile: {result.first_error()}" for fn in fns}
        execution.build_errors.update(bad)
        fns = [fn for fn in fns if fn.index not in bad]
    return None


def run_rust(
    binary: Path, plans: list[FnPlan], options: VerifyOptions, scratch: Path, execution: Execution
) -> None:
    """Run every input whose Python call finished, fill ``run.rust``."""
    fn_of, ids = {}, []
    for plan in plans:
        if plan.problem or plan.index in execution.build_errors:
            continue
        for run in plan.cases:
            if run.literals is not None and run.py is not None and run.py["status"] in RUNNABLE:
                fn_of[run.id] = plan.index
                ids.append(run.id)
    limits = HarnessLimits(options.call_timeout_s, options.cpu_s, options.memory_mb)
    with execution.timed("harness_run"):
        rows = run_harness(binary, ids, fn_of, limits, scratch / "work")
    for plan in plans:
        for run in plan.cases:
            run.rust = rows.get(run.id, run.rust)


def execute(
    build: RustBuild,
    modules: dict[str, str],
    plans: list[FnPlan],
    options: VerifyOptions,
    scratch: Path,
    execution: Execution,
) -> None:
    """Run both sides in ``scratch``; per-case results land in the plans' CaseRuns."""
    (scratch / "work").mkdir(exist_ok=True)
    thread, failure = _python_thread(scratch, build.crate, modules, plans, options, execution)
    build.wait_rlib(execution)  # the rlib builds while the Python side runs
    thread.join()
    if failure:
        raise failure[0]  # a Fault stays one (retried); anything else is a verifier bug
    binary = build.harness(plans, execution)  # only the inputs the Python side ran
    if binary is not None:
        run_rust(binary, plans, options, scratch, execution)
