"""Every corpus and example module's doctests pass, and the corpus is big enough.

tests/corpus/*.py are standalone modules loaded by file path. The example
repositories under examples/<name>/ are packages, so their modules are
imported by dotted name with examples/<name> on sys.path. Files in
examples/textkit/textkit/broken/ are deliberately unreadable and skipped.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
EXAMPLES = ROOT / "examples"

BROKEN_FILES = {"broken_syntax.py", "latin1_comments.py", "empty.py", "blob.py"}
MIN_CORPUS_FUNCTIONS = 400
MIN_EXAMPLE_FUNCTIONS = 60


def _corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*.py") if p.name != "__init__.py")


def _example_modules() -> list[tuple[Path, str, Path]]:
    """(repo root, dotted module name, file) for every readable example module."""
    out = []
    for repo in sorted(p for p in EXAMPLES.iterdir() if p.is_dir()):
        for path in sorted(repo.rglob("*.py")):
            if path.name in BROKEN_FILES and path.parent.name == "broken":
                continue
            rel = path.relative_to(repo).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out.append((repo, ".".join(parts), path))
    return out


def _count_functions(path: Path) -> int:
    """Module-level functions plus methods of module-level classes."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    count = 0
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            count += 1
        elif isinstance(node, ast.ClassDef):
            count += sum(
                isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) for item in node.body
            )
    return count


def _run_doctests(module) -> doctest.TestResults:
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in finder.find(module, module.__name__):
        runner.run(test)
    return runner.summarize(verbose=False)


@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: p.name)
def test_corpus_module_doctests(path: Path) -> None:
    name = f"portalis_corpus_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look the module up while the class is built
    try:
        spec.loader.exec_module(module)
        result = _run_doctests(module)
    finally:
        sys.modules.pop(name, None)
    assert result.failed == 0, f"{path.name}: {result.failed} doctest failures"
    if _count_functions(path):
        assert result.attempted > 0, f"{path.name} has functions but no doctests"


@pytest.mark.parametrize(
    "repo,modname,path",
    _example_modules(),
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_example_module_doctests(repo: Path, modname: str, path: Path) -> None:
    sys.path.insert(0, str(repo))
    try:
        module = importlib.import_module(modname)
        assert Path(module.__file__).resolve() == path.resolve()
        result = _run_doctests(module)
    finally:
        sys.path.remove(str(repo))
        top = modname.split(".")[0]
        for key in [k for k in sys.modules if k == top or k.startswith(top + ".")]:
            del sys.modules[key]
    assert result.failed == 0, f"{modname}: {result.failed} doctest failures"


def test_corpus_size() -> None:
    total = sum(_count_functions(p) for p in _corpus_files())
    assert total >= MIN_CORPUS_FUNCTIONS, f"corpus has only {total} functions"


def test_examples_size() -> None:
    total = sum(_count_functions(path) for _, _, path in _example_modules())
    assert total >= MIN_EXAMPLE_FUNCTIONS, f"examples have only {total} functions"


def test_broken_examples_are_broken() -> None:
    broken = EXAMPLES / "textkit" / "textkit" / "broken"
    with pytest.raises(SyntaxError):
        ast.parse((broken / "broken_syntax.py").read_text(encoding="utf-8"))
    with pytest.raises(UnicodeDecodeError):
        (broken / "latin1_comments.py").read_bytes().decode("utf-8")
    assert (broken / "empty.py").read_bytes() == b""
    blob = (broken / "blob.py").read_bytes()
    assert b"\x00" in blob
    with pytest.raises(UnicodeDecodeError):
        blob.decode("utf-8")
