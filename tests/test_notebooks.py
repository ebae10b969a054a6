"""The bundled notebooks run top to bottom on a fresh kernel (as a user would run them)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
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


NOTEBOOKS = ROOT / "notebooks"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def execute(name: str, env: dict[str, str], monkeypatch, extra: str = "") -> str:
    """Run notebooks/<name> top to bottom on a fresh kernel, then the code ``extra`` (if any)
    in one more cell; return its text and HTML outputs (images as the marker ``<image/png>``,
    widgets as ``<widget>``)."""
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    if extra:
        nb.cells.append(nbformat.v4.new_code_cell(extra))
    NotebookClient(
        nb, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(NOTEBOOKS)}}
    ).execute()
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            parts.append(
                out.get("text", "") + data.get("text/html", "") + data.get("text/plain", "")
            )
            parts.append("<image/png>" if "image/png" in data else "")
            parts.append("<widget>" if WIDGET_VIEW in data else "")
    return "\n".join(parts)


# The progress widget's bars as the kernel holds them once every bar has finished: one line
# "bar: <label> <fraction>" each. Read in the kernel, not from the widget messages the notebook
# recorded: a bar drawn in the moment between two cells sends its messages under the cell
# that already ended, which a live frontend shows but nbclient does not record.
READ_BARS = """
import re, time
from ipywidgets import HTML, FloatProgress, HBox

def _bars(widget):
    if isinstance(widget, HBox) and len(widget.children) == 3:
        _, bar, label = widget.children
        if isinstance(bar, FloatProgress) and isinstance(label, HTML):
            yield re.sub("<[^>]+>", "", label.value), bar.value
    for child in getattr(widget, "children", ()):
        yield from _bars(child)

box = run.progress()
for _ in range(600):
    bars = list(_bars(box))
    drawn = all(wave.children for wave in box.children)
    if drawn and bars and all(value == 1.0 for _, value in bars):
        break
    time.sleep(0.1)
for label, value in bars:
    print("bar:", label, value)
"""


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> dict[str, str]:
    """One cache and one output for the notebooks of a batch: 03 analyses 01's run."""
    base = tmp_path_factory.mktemp("notebooks")
    return {
        "PORTALIS_ROOT": str(ROOT),
        "XDG_CACHE_HOME": str(base / "cache"),
        "PORTALIS_NB_OUT": str(base / "out"),
        "PORTALIS_WORKERS": "2",
    }


def test_batch_translation_notebook(shared: dict[str, str], monkeypatch) -> None:
    text = execute("01_batch_translation.ipynb", shared, monkeypatch, extra=READ_BARS)
    assert "dashboard: http://127.0.0.1:" in text
    assert "95 units, 0 from the cache" in text
    # Dask's progress widget, with bars for every wave of the run's tasks, all complete
    assert text.count("<widget>") == 1
    bars = dict(re.findall(r"^bar: ([\w-]+) ([\d.]+)$", text, re.M))
    assert {"finish_unchanged_repo", "partition-mathkit", "finalize_repo"} <= set(bars), bars
    assert all(float(v) == 1.0 for v in bars.values()), bars
    for repo in ("datakit", "mathkit", "textkit"):
        assert f"<th>{repo}</th>" in text  # the table by repository and status
    assert text.count("<image/png>") == 1  # the chart
    assert "mathkit:mathkit/primes.py::is_prime: " in text
    assert (
        "def is_prime(n: int) -&gt; bool:" in text and "pub fn is_prime(n: i64) -&gt; bool" in text
    )
    assert (Path(shared["PORTALIS_NB_OUT"]) / "_SUCCESS").exists()


def test_cost_and_budgets_notebook(shared: dict[str, str], monkeypatch) -> None:
    text = execute("02_cost_and_budgets.ipynb", shared, monkeypatch)
    assert "team-a nightly-mathkit: 67 units, " in text
    assert "team-b adhoc-datakit: 28 units, " in text
    assert text.count("<image/png>") == 2  # spend over time and by tenant; used and idle
    assert "__idle__" in text and "efficiency" in text
    assert "spot" in text and "m5.xlarge" in text  # team-a ran on demand: a spot saving
    assert "__total__" in text and "forecast_usd" in text


def test_failure_analysis_notebook(shared: dict[str, str], monkeypatch) -> None:
    text = execute("03_failure_analysis.ipynb", shared, monkeypatch)
    assert text.count("<image/png>") == 2  # reasons, codes
    assert "PT020" in text and "untyped parameter base of recursive function" in text
    assert "rustc error codes: none in this run" in text  # the bundled examples all compile
    assert '<a href="../examples/textkit/textkit/broken/broken_syntax.py#L13">' in text


def test_notebooks_are_committed_without_outputs() -> None:
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, path.name
