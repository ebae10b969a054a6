"""A static, browsable HTML report of a batch run, written beside its manifest
(``OUT/report/index.html``), like coverage.py's ``htmlcov``: plain files with relative links,
readable from the local disk or from wherever the fsspec output location serves them.

    collect.py   read the run's outputs (manifest, summary, crates) and the Python sources
    render.py    the pages, as relative path -> HTML (pure functions, no I/O)
"""

from pipeline.report.collect import read_sources, write_report

__all__ = ["read_sources", "write_report"]
