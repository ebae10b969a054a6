"""What the per-task work of a run produces: one partition's outcome (``PartitionOutput``, also
cached whole, see ``serialize.partition_to_dict``) and one repository's (``RepoResult``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.cache import CacheStats
from pipeline.records import FileRef, LearnedNote, Translation, Unit, UnitRecord, VerifyVerdict
from pipeline.units.crossmod import Alias, RepoCall


@dataclass
class PartitionOutput:
    """What one partition produced: its units, their translations, compile and verify results."""

    repo: str
    units: list[Unit] = field(default_factory=list)
    translations: dict[str, Translation] = field(default_factory=dict)
    records: list[UnitRecord] = field(default_factory=list)  # rows already final
    failed: dict[str, tuple[list[str], str]] = field(default_factory=dict)  # compile errors
    verdicts: dict[str, VerifyVerdict] = field(default_factory=dict)
    lines: int = 0
    cache_hits: int = 0
    cache_stats: CacheStats | None = None  # this task's cache counters (errors included)
    pairs: list[dict] = field(default_factory=list)  # verified pairs, when exporting
    compile_s: float = 0.0
    verify_s: float = 0.0
    verify_phases: dict[str, float] = field(default_factory=dict)  # wall s per verifier phase
    isolation: dict[str, int] = field(default_factory=dict)  # units verified, by isolation.describe
    # literal calls of functions imported from other modules (units/outcalls.py), and the
    # units refused for want of such a call, with their files (units/crossmod.py)
    outgoing: list[RepoCall] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)  # packages' re-exports
    pending: list[str] = field(default_factory=list)  # ids
    pending_refs: dict[str, FileRef] = field(default_factory=dict)  # all its files, by path
    learned: dict[str, LearnedNote] = field(default_factory=dict)  # what pipeline/learn.py did

    def compiled(self) -> list[tuple[Unit, Translation]]:
        return [
            (u, self.translations[u.id])
            for u in self.units
            if self.translations[u.id].ok and u.id not in self.failed
        ]


@dataclass
class RepoResult:
    """What the driver gathers per repository: the crate files and one row per unit."""

    repo: str
    crate_name: str
    files: dict[str, str]
    records: list[UnitRecord]
    compile_s: float = 0.0
    verify_s: float = 0.0
    cache_hits: int = 0
    cache_stats: CacheStats | None = None
    pairs: list[dict] = field(default_factory=list)  # verified pairs, when exporting
    unchanged: bool = False  # finished from the cache in one task: no file had changed
    trace_note: str = ""  # how tracing the repository's tests went (verify/trace.py)
    isolation: dict[str, int] = field(default_factory=dict)  # units verified, by isolation.describe
