"""Immutable records that flow one way through the stages.

discover -> FileRef -> load -> SourceFile -> shard -> Unit -> translate -> Translation
-> compile -> CompileVerdict -> verify -> VerifyVerdict -> write (UnitRecord rows)

Every stage is a plain function over these records; none of them knows about Dask.
A stage never raises for bad input: it returns a record saying what happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """Final state of one unit; one manifest row carries exactly one."""

    VERIFIED = "verified"  # compiled and matched Python on every input (>= 1)
    MISMATCH = "mismatch"  # compiled, but differed from Python on some input
    OVERFLOW = "overflow"  # matched Python except where Python's ints outgrew i64 (Rust panicked)
    UNTESTED = "untested"  # compiled, but no usable inputs (reason says why)
    TIMEOUT = "timeout"  # compiled, but the Rust side ran out of time
    COMPILED = "compiled"  # compiled; verification not run (--no-exec)
    COMPILE_ERROR = "compile_error"  # engine produced Rust that rustc rejected
    UNSUPPORTED = "unsupported"  # engine refused (reason names construct and line)
    PARSE_ERROR = "parse_error"  # the file could not be read or parsed
    SKIPPED = "skipped"  # excluded, or not a translatable unit
    WORKER_CRASH = "worker_crash"  # the unit repeatedly killed its worker
    INTERNAL_ERROR = "internal_error"  # a bug in Portalis (traceback in reason)


class TranslationStatus(StrEnum):
    """What an engine made of one unit."""

    TRANSLATED = "translated"  # Rust items (compiling and verifying them comes later)
    REFUSED = "refused"  # outside the engine's subset: the diagnostics name construct and line
    INTERNAL_ERROR = "internal_error"  # the engine crashed: a bug (traceback in the diagnostics)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding about a unit: a stable code, a message and a 1-based source line."""

    code: str
    message: str
    line: int | None = None
    col: int | None = None

    def render(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{self.code} {where}{self.message}"


@dataclass(frozen=True, slots=True)
class FileRef:
    """A Python source file found by discovery; not yet read."""

    repo: str  # repository name (one per SOURCE argument)
    path: str  # posix path relative to the repository root
    url: str  # fsspec URL (or local path) to read the bytes from
    size: int  # bytes
    module: str = ""  # dotted name from the repository's import root ("": from the path)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file after loading: decoded text and content hash, or why it is unusable."""

    repo: str
    path: str
    size: int
    sha256: str
    text: str | None  # None when the file is unusable
    error: Diagnostic | None = None
    module: str = ""  # dotted name from the repository's import root ("": from the path)


@dataclass(frozen=True, slots=True)
class Unit:
    """One top-level function, or one class with its methods, plus the context it needs.

    ``context`` holds the full source of the module-level functions and classes this unit
    calls (transitively, within its module), so that the engine can see their signatures
    and the verifier can run the original Python.
    """

    id: str  # "repo:path/to/mod.py::qualname"
    repo: str
    path: str
    module: str  # dotted module name, e.g. "pkg.mod"
    qualname: str
    kind: str  # "function" | "class"
    source: str  # dedented source of the def/class, decorators included
    first_line: int  # 1-based, decorators included
    last_line: int
    imports: tuple[str, ...] = ()  # the module's import statements, as source
    constants: tuple[tuple[str, str], ...] = ()  # (name, assignment source) referenced
    calls: tuple[str, ...] = ()  # names of sibling functions/classes it calls (sorted)
    context: tuple[tuple[str, str], ...] = ()  # (name, full source) of those siblings
    # (function name, call source) of the literal calls of this unit and its siblings seen
    # in the module (doctests and code): the types of parameters without annotations
    call_examples: tuple[tuple[str, str], ...] = ()
    file_sha256: str = ""
    # functions of another module of the repository it calls (``from .util import clamp``)
    # and the siblings they need, each as a unit of its own module: the rule engine emits
    # their Rust as items nested in this unit's function (units/crossconst.py)
    foreign: tuple[Unit, ...] = ()

    @property
    def lines(self) -> int:
        return self.last_line - self.first_line + 1


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter of a translated function, in the shared type language (pytypes)."""

    name: str  # Python's name; ``*args`` / ``**kwargs`` parameters keep their stars
    py_type: str  # normalised type string, e.g. "list[int]" (see pipeline.pytypes)
    mode: str = "value"  # "value" (owned), "ref" (&T / &str / &[T]), "mut" (&mut T) or
    # "optmut" (Option<&mut T> for an Optional[T] changed in place when not None)


@dataclass(frozen=True, slots=True)
class FnSig:
    """A callable entry point of a translation: how to call it from Rust."""

    py_name: str  # Python qualname, e.g. "gcd" or "Stack.push"
    rust_name: str  # path inside the unit's Rust module, e.g. "gcd" or "Stack::push"
    params: tuple[Param, ...]
    returns: str  # normalised type string; "None" for ()

    @property
    def python_name(self) -> str:
        """The Python callable: ``py_name`` without an instantiation suffix (``take[int]``
        is ``take`` called with ints; see translate/rules/analysis/generics.py)."""
        return self.py_name.partition("[")[0]


@dataclass(frozen=True, slots=True)
class ClassSig:
    """A translated class: how the verifier builds its objects and reads them back.

    Its methods are FnSigs named ``Cls.method`` (Rust ``Cls::method``); an instance method's
    first parameter is ``self`` (mode ``ref`` or ``mut``); the constructor is the FnSig ``Cls``
    (Rust ``Cls::new``).
    """

    py_name: str  # "Point"
    rust_name: str  # "Point"
    init: tuple[Param, ...]  # constructor parameters (all "value")
    fields: tuple[Param, ...]  # struct fields in declaration order (mode unused)
    defaults: tuple[str, ...] = ()  # Python literals of the last len(defaults) init params
    variants: tuple[str, ...] = ()  # a base class: its subclasses (a value is one of them)
    handle: bool = False  # a node class: a shared Rust handle (docs/nodes.md)
    # methods that change the object (``self`` mut), called on a drawn object before the
    # tested call (``Stack(); .push(3)``) so that methods run on objects in many states
    mutators: tuple[FnSig, ...] = ()


@dataclass(frozen=True, slots=True)
class Translation:
    """What an engine made of one unit: Rust items, or a refusal with diagnostics."""

    unit_id: str
    engine: str  # "rules@<version>"
    status: TranslationStatus
    rust: str = ""  # Rust items for this unit (fns, struct + impl), module-relative
    uses: tuple[str, ...] = ()  # `use` paths the items need, e.g. "std::collections::HashMap"
    helpers: tuple[str, ...] = ()  # runtime helper names used (see engine.runtime_source)
    signatures: tuple[FnSig, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    seconds: float = 0.0
    classes: tuple[ClassSig, ...] = ()  # the classes its signatures mention (and its own)
    # parameter types nobody annotated, as assumed and from what: "s: str (usage)",
    # "xs: list[int] (calls)" (translate/rules/usage.py); the verifier refutes a wrong one
    typing: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.status, TranslationStatus):  # a bool here would read as refused
            raise TypeError(f"Translation.status must be a TranslationStatus, not {self.status!r}")

    @property
    def ok(self) -> bool:
        """Whether the unit was translated (not refused, not crashed)."""
        return self.status is TranslationStatus.TRANSLATED

    @property
    def reason(self) -> str:
        return "; ".join(d.render() for d in self.diagnostics)


@dataclass(frozen=True, slots=True)
class Mismatch:
    """The first input on which Python and Rust disagreed."""

    inputs: str  # repr of the arguments
    expected: str  # Python result (repr) or "raised ExcType"
    actual: str  # Rust result or "raised panic: ..."


@dataclass(frozen=True, slots=True)
class VerifyVerdict:
    """Result of differential testing of one unit."""

    unit_id: str
    status: Status  # VERIFIED | MISMATCH | OVERFLOW | UNTESTED | TIMEOUT
    inputs_tried: int = 0
    inputs_matched: int = 0
    mismatch: Mismatch | None = None
    reason: str = ""
    seconds: float = 0.0
    # (entry point, inputs, result) of every matching input: the proof, exportable as data
    evidence: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class LearnedNote:
    """What the learned engine did for one unit (pipeline/learn.py)."""

    attempts: int
    gpu_s: float  # GPU seconds its generations cost (0 on a CPU or a remote endpoint)
    outcome: str  # verified | compile_error | mismatch | refused | fault | not_taken | ...
    detail: str = ""  # the last failure (compiler message, failing input, fault)


@dataclass(frozen=True, slots=True)
class UnitRecord:
    """One manifest row: everything known about a unit at the end of a run."""

    unit_id: str
    repo: str
    path: str
    qualname: str
    kind: str
    first_line: int
    last_line: int
    status: Status
    reason: str = ""
    codes: tuple[str, ...] = ()
    engine: str = ""
    translate_s: float = 0.0
    compile_s: float = 0.0
    verify_s: float = 0.0
    inputs_tried: int = 0
    inputs_matched: int = 0
    mismatch_inputs: str = ""
    mismatch_expected: str = ""
    mismatch_actual: str = ""
    in_crate: bool = False  # its Rust is in the written crate (crate.admitted says which)
    typing: str = ""  # the typing assumed for unannotated parameters ("; "-joined), and from what
    attempts: int = 0  # learned engine: attempts made (0: not routed to it)
    gpu_s: float = 0.0  # learned engine: GPU seconds spent on this unit
    learned: str = ""  # learned engine: its outcome (verified, compile_error, mismatch, ...)

    @property
    def lines(self) -> int:
        return self.last_line - self.first_line + 1
