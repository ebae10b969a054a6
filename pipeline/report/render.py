"""The report's pages as relative path -> HTML: an index by repository (counts, a chart of
statuses, top refusal reasons), a page per repository (its files) and a page per file (its
functions, each with its Python and Rust side by side, the refusal's line highlighted and
the verification evidence). Pure functions: the same run gives the same bytes."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html import escape

SUCCESS = ("verified", "compiled")
ORDER = (
    "verified",
    "compiled",
    "overflow",
    "mismatch",
    "untested",
    "timeout",
    "compile_error",
    "unsupported",
    "parse_error",
    "skipped",
    "worker_crash",
    "internal_error",
)
COLORS = {
    "verified": "#2e7d32",
    "compiled": "#66bb6a",
    "overflow": "#f9a825",
    "mismatch": "#c62828",
    "unsupported": "#ef6c00",
    "compile_error": "#ad1457",
}
_LINE = re.compile(r"\bline (\d+)")
_NUMBERS = re.compile(r"\bline \d+:?\s*|\b\d+\b")
TOP_REASONS = 12

CSS = """body{font-family:system-ui,sans-serif;margin:1.5em;color:#1d1d1f}
table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ccc;padding:2px 8px;
text-align:left;vertical-align:top;font-size:13px}th{background:#f1efe9}
.code{font:12px/1.4 ui-monospace,"DejaVu Sans Mono",monospace;white-space:pre;margin:0;
overflow:auto;border:1px solid #ccc;background:#fbfbfb;padding:4px}
.side{display:grid;grid-template-columns:1fr 1fr;gap:1em}.ln{color:#999;user-select:none}
.refused{background:#ffd5d0;display:inline-block;width:100%}section.unit{margin:1.5em 0;
border-top:2px solid #ddd}.s-verified{color:#2e7d32}.s-mismatch,.s-compile_error,
.s-internal_error,.s-worker_crash{color:#c62828}.s-unsupported,.s-parse_error,.s-overflow,
.s-untested,.s-timeout{color:#ef6c00}nav{margin-bottom:1em}"""


@dataclass
class Run:
    rows: list[dict]  # manifest rows
    summary: dict  # summary.json
    python: dict[str, dict[str, str]]  # repo -> path -> text
    rust: dict[str, str]  # "repo:path::qualname" -> Rust
    matches: dict[str, list]  # unit id -> [(entry point, inputs, result)] (exported pairs)


def render(run: Run) -> dict[str, str]:
    pages = {"style.css": CSS, "index.html": _index(run)}
    by_repo: dict[str, list[dict]] = {}
    for row in run.rows:
        by_repo.setdefault(row["repo"], []).append(row)
    for repo, rows in sorted(by_repo.items()):
        pages[_repo_page(repo)] = _repo(repo, rows)
        by_file: dict[str, list[dict]] = {}
        for row in rows:
            by_file.setdefault(row["path"], []).append(row)
        for path, file_rows in sorted(by_file.items()):
            text = run.python.get(repo, {}).get(path)
            pages[_file_page(repo, path)] = _file(repo, path, file_rows, text, run)
    return pages


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", text) or "_"


def _repo_page(repo: str) -> str:
    return f"repos/{_slug(repo)}.html"


def _file_page(repo: str, path: str) -> str:
    return f"files/{_slug(repo)}/" + "/".join(_slug(p) for p in path.split("/")) + ".html"


def _up(page: str) -> str:
    return "../" * page.count("/")


def _page(title: str, page: str, body: str) -> str:
    up = _up(page)
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
        f'</title><link rel="stylesheet" href="{up}style.css"></head><body>\n'
        f'<nav><a href="{up}index.html">Portalis report</a></nav>\n<h1>{escape(title)}</h1>\n'
        f"{body}\n</body></html>\n"
    )


def _units(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["kind"] != "file"]


def _statuses(rows: list[dict]) -> list[str]:
    seen = {r["status"] for r in rows}
    return [s for s in ORDER if s in seen] + sorted(seen - set(ORDER))


def _counts_table(groups: list[tuple[str, list[dict]]], label: str) -> str:
    statuses = _statuses([r for _, rows in groups for r in rows])
    head = "".join(f'<th class="s-{s}">{s}</th>' for s in statuses)
    out = [f'<table class="counts"><tr><th>{label}</th><th>units</th>{head}</tr>']
    for link, rows in groups:
        counts = Counter(r["status"] for r in rows)
        cells = "".join(f"<td>{counts.get(s, 0) or ''}</td>" for s in statuses)
        out.append(f"<tr><td>{link}</td><td>{len(_units(rows))}</td>{cells}</tr>")
    return "\n".join(out) + "</table>"


def _chart(rows: list[dict]) -> str:
    counts = Counter(r["status"] for r in _units(rows))
    if not counts:
        return "<p>No units.</p>"
    top = max(counts.values())
    bars = []
    for n, status in enumerate(s for s in _statuses(_units(rows)) if counts[s]):
        width = 4 + 400 * counts[status] / top
        color = COLORS.get(status, "#78909c")
        y = n * 22
        bars.append(
            f'<text x="0" y="{y + 15}" font-size="13">{status}</text>'
            f'<rect class="bar" data-status="{status}" x="110" y="{y + 3}" width="{width:.0f}" '
            f'height="16" fill="{color}"/><text x="{116 + width:.0f}" y="{y + 15}" '
            f'font-size="13">{counts[status]}</text>'
        )
    height = 22 * len(bars) + 4
    return (
        f'<svg id="status-chart" width="600" height="{height}" role="img" '
        f'aria-label="units by status">{"".join(bars)}</svg>'
    )


def _top_reasons(rows: list[dict]) -> str:
    refused = [r for r in _units(rows) if r["status"] not in SUCCESS and r["reason"]]
    if not refused:
        return "<p>No refusals.</p>"
    kinds = Counter(_NUMBERS.sub("", r["reason"].splitlines()[0])[:160] for r in refused)
    items = "".join(
        f"<tr><td>{n}</td><td>{escape(reason)}</td></tr>"
        for reason, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_REASONS]
    )
    return f'<table id="reasons"><tr><th>units</th><th>reason</th></tr>{items}</table>'


def _index(run: Run) -> str:
    by_repo: dict[str, list[dict]] = {}
    for row in run.rows:
        by_repo.setdefault(row["repo"], []).append(row)
    groups = [
        (f'<a href="{_repo_page(repo)}">{escape(repo)}</a>', rows)
        for repo, rows in sorted(by_repo.items())
    ]
    s = run.summary
    versions = ", ".join(f"{k} {v}" for k, v in sorted(s.get("versions", {}).items()))
    state = "complete" if s.get("complete", True) else "INCOMPLETE (interrupted)"
    body = (
        f"<p>Run {escape(str(s.get('run_id', '')))}: {s.get('functions', 0)} units, "
        f"{state}. {escape(versions)}</p>\n{_isolation(s)}<h2>Repositories</h2>\n"
        f"{_counts_table(groups, 'repository')}\n<h2>Statuses</h2>\n{_chart(run.rows)}\n"
        f"<h2>Top refusal reasons</h2>\n{_top_reasons(run.rows)}"
    )
    return _page("Portalis report", "index.html", body)


def _isolation(summary: dict) -> str:
    """What the Python side of this run's verification ran inside (summary.json)."""
    used = summary.get("verification_isolation") or {}
    if not used:
        return ""
    items = "; ".join(f"{escape(k)} ({n} units)" for k, n in sorted(used.items()))
    return f'<p id="isolation">Verification isolation: {items}</p>\n'


def _repo(repo: str, rows: list[dict]) -> str:
    page = _repo_page(repo)
    by_file: dict[str, list[dict]] = {}
    for row in rows:
        by_file.setdefault(row["path"], []).append(row)
    groups = [
        (f'<a href="{_up(page)}{_file_page(repo, path)}">{escape(path)}</a>', file_rows)
        for path, file_rows in sorted(by_file.items())
    ]
    body = f"{_counts_table(groups, 'file')}\n<h2>Top refusal reasons</h2>\n{_top_reasons(rows)}"
    return _page(f"Repository {repo}", page, body)


def _file(repo: str, path: str, rows: list[dict], text: str | None, run: Run) -> str:
    rows = sorted(rows, key=lambda r: (r["first_line"], r["qualname"]))
    listing = "".join(
        f'<tr><td><a href="#{_anchor(r)}">{escape(r["qualname"] or "(file)")}</a></td>'
        f'<td>{r["first_line"]}-{r["last_line"]}</td><td class="s-{r["status"]}">'
        f"{r['status']}</td><td>{escape(r['reason'].splitlines()[0] if r['reason'] else '')}"
        "</td></tr>"
        for r in rows
    )
    table = (
        f'<table id="units"><tr><th>unit</th><th>lines</th><th>status</th><th>reason</th></tr>'
        f"{listing}</table>"
    )
    lines = text.splitlines() if text is not None else None
    sections = "\n".join(
        _unit(r, lines, run.rust.get(f"{repo}:{path}::{r['qualname']}", ""), run.matches)
        for r in rows
    )
    missing = (
        "" if text is not None else "<p>The Python source was not stored with this report.</p>"
    )
    return _page(f"{repo}: {path}", _file_page(repo, path), table + missing + sections)


def _anchor(row: dict) -> str:
    return "u-" + _slug(row["qualname"] or "file")


def _unit(row: dict, lines: list[str] | None, rust: str, matches: dict[str, list]) -> str:
    found = _LINE.search(row["reason"] or "")
    mark = int(found.group(1)) if found and row["status"] not in SUCCESS else None
    python = _python(lines, row["first_line"], row["last_line"], mark) if lines else ""
    rust_html = escape(rust) if rust else "// not translated"
    reason = f"<p>{escape(row['reason'])}</p>" if row["reason"] else ""
    return (
        f'<section class="unit" id="{_anchor(row)}" data-status="{row["status"]}">'
        f'<h2>{escape(row["qualname"] or "(file)")} <span class="s-{row["status"]}">'
        f'{row["status"]}</span></h2>{reason}<div class="side"><div><h3>Python</h3>'
        f'<pre class="code python">{python}</pre></div><div><h3>Rust</h3>'
        f'<pre class="code rust">{rust_html}</pre></div></div>'
        f"{_evidence(row, matches.get(row['unit_id'], []))}</section>"
    )


def _python(lines: list[str], first: int, last: int, mark: int | None) -> str:
    out = []
    for n in range(max(1, first), min(len(lines), max(first, last)) + 1):
        code = f'<span class="ln">{n:>5}</span>  {escape(lines[n - 1])}'
        out.append(f'<span class="refused" data-line="{n}">{code}</span>' if n == mark else code)
    return "\n".join(out)


def _evidence(row: dict, matched: list) -> str:
    """Counts, then the rows known: every matching input when the run exported its pairs,
    and the first mismatch (Python's and Rust's results)."""
    if not row["inputs_tried"]:
        return ""
    out = f"<p>Verification: {row['inputs_matched']}/{row['inputs_tried']} inputs matched.</p>"
    cells = [(f"{fn}({inputs})", result, result, "✓") for fn, inputs, result in matched]
    if row["mismatch_inputs"]:
        cells.append(
            (row["mismatch_inputs"], row["mismatch_expected"], row["mismatch_actual"], "✗")
        )
    if not cells:
        return out
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in cell) + "</tr>" for cell in cells
    )
    head = "<tr><th>inputs</th><th>Python</th><th>Rust</th><th></th></tr>"
    return out + f'<table class="verification">{head}{body}</table>'
