"""The static HTML report of a run, browsed in a real browser (headless chromium): written by
``portalis run`` beside the manifest, rebuilt by ``portalis report OUT``, from the local disk
and from an S3 output location (moto's S3 server over HTTP)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import fsspec
import pytest
import yaml
from selenium.webdriver.common.by import By

ROOT = Path(__file__).resolve().parents[2]
SOURCE = '''def area(w: int, h: int) -> int:
    """
    >>> area(2, 3)
    6
    """
    return w * h


def untyped(x: complex) -> complex:
    return x
'''


def portalis(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "pipeline.cli", *args]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def run_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("report")
    repo = tmp / "geometry"
    (repo / "shapes").mkdir(parents=True)
    (repo / "shapes" / "plane.py").write_text(SOURCE)
    (repo / "broken.py").write_text("def f(:\n")
    out = tmp / "out"
    done = portalis(
        "run", str(repo), "--out", str(out), "--workers", "1", "--cache", "none://",
        "--export-pairs",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"report: {out}/report/index.html" in done.stdout
    return out


def test_report_browsed_from_disk(run_out: Path, browser) -> None:
    browser.get((run_out / "report" / "index.html").as_uri())
    assert browser.title == "Portalis report"
    used = browser.find_element(By.ID, "isolation").text  # as root, as this project's workers
    assert used == "Verification isolation: bubblewrap (1 units)"
    bars = browser.find_elements(By.CSS_SELECTOR, "#status-chart rect.bar")
    assert {b.get_attribute("data-status") for b in bars} == {"verified", "unsupported"}
    assert "unsupported annotation: complex" in browser.find_element(By.ID, "reasons").text
    browser.find_element(By.LINK_TEXT, "geometry").click()
    assert "shapes/plane.py" in browser.find_element(By.CSS_SELECTOR, "table.counts").text
    assert "parse_error" in browser.find_element(By.CSS_SELECTOR, "table.counts").text
    browser.find_element(By.LINK_TEXT, "shapes/plane.py").click()
    units = browser.find_element(By.ID, "units").text
    assert "area 1-6 verified" in units and "untyped 9-10 unsupported PT021" in units
    browser.find_element(By.LINK_TEXT, "untyped").click()
    refused = browser.find_element(By.CSS_SELECTOR, "#u-untyped .python .refused")
    assert refused.get_attribute("data-line") == "9" and "def untyped(x: complex)" in refused.text
    area = browser.find_element(By.ID, "u-area")
    assert "pub fn area(w: i64, h: i64) -> i64" in area.find_element(By.CSS_SELECTOR, ".rust").text
    assert "return w * h" in area.find_element(By.CSS_SELECTOR, ".python").text
    assert "inputs matched" in area.text
    rows = area.find_elements(By.CSS_SELECTOR, "table.verification tr")
    cells = [[c.text for c in r.find_elements(By.TAG_NAME, "td")] for r in rows[1:]]
    assert ["area(2, 3)", "6", "6", "✓"] in cells  # the doctest's input, from the pairs


def test_report_rebuilds_identically(run_out: Path) -> None:
    report = run_out / "report"
    before = {p.relative_to(report): p.read_bytes() for p in report.rglob("*") if p.is_file()}
    for path in report.rglob("*.html"):
        path.unlink()
    done = portalis("report", str(run_out))
    assert done.returncode == 0, done.stderr
    after = {p.relative_to(report): p.read_bytes() for p in report.rglob("*") if p.is_file()}
    assert after == before  # from OUT alone (the Python is stored with the report)
    missing = portalis("report", str(run_out / "nothing"))
    assert missing.returncode == 2 and "holds no finished run" in missing.stderr


def test_report_on_s3_browsed_over_http(run_out: Path, s3_server, tmp_path: Path, browser) -> None:
    fs = fsspec.filesystem("s3", **s3_server.storage_options)
    prefix = f"{s3_server.bucket}/runs/{tmp_path.name}"
    for path in sorted(run_out.rglob("*")):
        if path.is_file() and "report" not in path.relative_to(run_out).parts:
            fs.put_file(str(path), f"{prefix}/{path.relative_to(run_out)}")
    fs.put_file(str(run_out / "report" / "python.json.gz"), f"{prefix}/report/python.json.gz")
    config = tmp_path / "portalis.yaml"
    config.write_text(yaml.safe_dump({"storage_options": s3_server.storage_options}))
    done = portalis("report", f"s3://{prefix}", "--config", str(config))
    assert done.returncode == 0, done.stderr
    for key in fs.find(f"{prefix}/report"):  # published as a static site: readable by all
        fs.chmod(key, "public-read")
    browser.get(f"{s3_server.endpoint_url}/{prefix}/report/index.html")
    assert browser.title == "Portalis report"
    browser.find_element(By.LINK_TEXT, "geometry").click()
    browser.find_element(By.LINK_TEXT, "shapes/plane.py").click()
    assert "area 1-6 verified" in browser.find_element(By.ID, "units").text
