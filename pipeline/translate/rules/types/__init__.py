"""Types: unification, result-type tables, module aliases, hints for unannotated parameters."""
