"""Compile validation: type-check assembled crates with rustc in batches, map errors to units."""

from pipeline.compile.check import CompileOutcome, check_repo, format_crate

__all__ = ["CompileOutcome", "check_repo", "format_crate"]
