"""The bundled notebooks run top to bottom on a fresh kernel (as a user would run them)."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def test_quickstart_notebook_runs(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PORTALIS_ROOT", str(ROOT))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    nb = nbformat.read(ROOT / "notebooks" / "quickstart.ipynb", as_version=4)
    NotebookClient(
        nb,
        kernel_name="python3",
        timeout=600,
        resources={"metadata": {"path": str(ROOT / "notebooks")}},
    ).execute()
    outputs = "".join(
        o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
        for cell in nb.cells
        if cell.cell_type == "code"
        for o in cell.outputs
    )
    assert "dashboard: http://127.0.0.1:" in outputs
    assert "'verified':" in outputs  # the run's counts
    assert "pub fn" in outputs
