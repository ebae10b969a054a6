"""Discovery over real directories, symlinks and fsspec's memory filesystem."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import fsspec
import pytest

from pipeline.config import DEFAULT_EXCLUDES
from pipeline.sources import RepoSource, discover_repo, resolve_sources
from pipeline.sources.discover import SourceError, is_excluded


def write(root: Path, rel: str, text: str = "x = 1\n") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def local(root: Path, name: str = "repo") -> RepoSource:
    return RepoSource(name=name, root=str(root))


def paths(disc) -> list[str]:
    return [f.path for f in disc.files]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for rel in [
        "main.py",
        "b.py",
        "a.py",
        "pkg/__init__.py",
        "pkg/z.py",
        "pkg/sub/deep.py",
        ".hidden/h.py",
        "pkg/.git/hooks/x.py",
        "__pycache__/c.py",
        "pkg/__pycache__/d.py",
        "venv/lib/v.py",
        ".venv/lib/v.py",
        "env/e.py",
        "myenv/lib/site.py",
        "node_modules/n.py",
        "build/gen.py",
        "tests/test_a.py",
        "docs/readme.txt",
    ]:
        write(root, rel)
    (root / "myenv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (root / "data.pyc").write_bytes(b"\0")
    return root


def test_skips_hidden_cache_and_virtualenv_dirs(tree: Path) -> None:
    disc = discover_repo(local(tree), scope="all")
    assert paths(disc) == [
        "a.py",
        "b.py",
        "build/gen.py",
        "main.py",
        "pkg/__init__.py",
        "pkg/sub/deep.py",
        "pkg/z.py",
        "tests/test_a.py",
    ]
    skipped = dict(disc.skipped)
    assert skipped["myenv"] == "virtualenv or generated directory"  # found by pyvenv.cfg
    assert skipped["venv"] == skipped["env"] == skipped["__pycache__"]
    assert "pkg/__pycache__" in skipped and "node_modules" in skipped
    # hidden directories are pruned without being walked
    assert not any(p.startswith((".hidden", ".venv", "pkg/.git")) for p in paths(disc))
    # by default the tests are not library code: set aside, counted apart
    library = discover_repo(local(tree))
    assert paths(library) == [p for p in paths(disc) if p != "tests/test_a.py"]
    assert library.set_aside == [("tests/test_a.py", "tests")]


def test_exclude_globs(tree: Path) -> None:
    disc = discover_repo(local(tree), exclude=["tests", "pkg/sub", "*/z.py", "m*.py"])
    assert paths(disc) == ["a.py", "b.py", "build/gen.py", "pkg/__init__.py"]
    skipped = dict(disc.skipped)
    for rel in ["tests", "pkg/sub", "pkg/z.py", "main.py"]:
        assert skipped[rel] == "excluded by configuration"
    # the default excludes drop the top-level build dir
    assert "build/gen.py" not in paths(discover_repo(local(tree), DEFAULT_EXCLUDES))


def test_is_excluded_matches_parents() -> None:
    assert is_excluded("build/x/y.py", ["build"])
    assert not is_excluded("pkg/build/y.py", ["build"])
    assert is_excluded("pkg/node_modules/y.py", ["**/node_modules"])
    assert not is_excluded("a.py", [])
    # written the way .gitignore files are
    assert is_excluded("tests/t.py", ["tests/"]) and is_excluded("tests/t.py", ["./tests"])
    assert is_excluded("node_modules/x.py", ["**/node_modules"])
    assert is_excluded("a/b/gen/x.py", ["**/gen/"])
    assert not is_excluded("a.py", ["", "/"])


def test_results_sorted_stable_and_sized(tree: Path) -> None:
    write(tree, "pkg/big.py", "y = 2\n" * 1000)
    first = discover_repo(local(tree))
    second = discover_repo(local(tree))
    assert first == second
    assert paths(first) == sorted(paths(first))
    assert first.skipped == sorted(first.skipped)
    by_path = {f.path: f for f in first.files}
    assert by_path["pkg/big.py"].size == 6000
    assert by_path["a.py"].size == 6
    ref = by_path["pkg/sub/deep.py"]
    assert ref.repo == "repo"
    assert Path(ref.url) == (tree / "pkg/sub/deep.py").resolve()


def test_directory_symlink_loop_is_skipped(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write(root, "pkg/a.py")
    os.symlink("..", root / "pkg" / "up")  # pkg/up -> repo: a cycle if followed
    os.symlink(root, root / "self")
    disc = discover_repo(local(root))
    assert paths(disc) == ["pkg/a.py"]
    skipped = dict(disc.skipped)
    assert skipped["pkg/up"] == "symbolic link to a directory (not followed)"
    assert skipped["self"] == "symbolic link to a directory (not followed)"


def test_file_symlink_loop_is_skipped(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write(root, "ok.py")
    os.symlink("b.py", root / "a.py")
    os.symlink("a.py", root / "b.py")
    os.symlink("missing.py", root / "dangling.py")
    disc = discover_repo(local(root))
    assert paths(disc) == ["ok.py"]
    skipped = dict(disc.skipped)
    assert skipped["a.py"] == "broken or looping symbolic link"
    assert skipped["b.py"] == "broken or looping symbolic link"
    assert skipped["dangling.py"] == "broken or looping symbolic link"


def test_symlink_outside_repo_is_skipped_inside_is_kept(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    outside = write(tmp_path, "outside/secret.py", "KEY = 1\n")
    write(root, "real.py")
    os.symlink(outside, root / "leak.py")
    os.symlink("real.py", root / "alias.py")
    disc = discover_repo(local(root))
    assert paths(disc) == ["alias.py", "real.py"]
    assert dict(disc.skipped)["leak.py"] == "symbolic link pointing outside the repository"


def test_resolve_local_sources_unique_names(tmp_path: Path) -> None:
    a = tmp_path / "one" / "proj"
    b = tmp_path / "two" / "proj"
    c = tmp_path / "three" / "proj-2"
    for root in (a, b, c):
        write(root, "m.py")
    repos = resolve_sources([str(a), str(b) + "/", str(c)], tmp_path / "work")
    assert [r.name for r in repos] == ["proj", "proj-2", "proj-2-2"]
    assert len({r.name for r in repos}) == 3
    assert [r.root for r in repos] == [str(a), str(b), str(c)]
    assert all(r.is_local for r in repos)


def test_dot_source_is_named_after_the_directory(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "myproject"
    write(root, "m.py")
    monkeypatch.chdir(root)
    (repo,) = resolve_sources(["."], tmp_path / "work")
    assert repo.name == "myproject"
    assert paths(discover_repo(repo)) == ["m.py"]


def test_missing_source_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not found"):
        resolve_sources([str(tmp_path / "nope")], tmp_path / "work")
    write(tmp_path, "file.py")
    with pytest.raises(SourceError):
        resolve_sources([str(tmp_path / "file.py")], tmp_path / "work")
    with pytest.raises(SourceError):
        resolve_sources([f"memory://absent-{uuid.uuid4().hex}"], tmp_path / "work")


@pytest.fixture
def memory_repo():
    fs = fsspec.filesystem("memory")
    base = f"/mem-{uuid.uuid4().hex[:8]}/proj"
    files = {
        "a.py": b"def f():\n    return 1\n",
        "pkg/__init__.py": b"",
        "pkg/mod.py": b"X = 1\n" * 10,
        ".hidden/h.py": b"x = 1\n",
        "__pycache__/c.py": b"x = 1\n",
        "venvish/pyvenv.cfg": b"home = /usr\n",
        "venvish/lib/v.py": b"x = 1\n",
        "tests/t.py": b"x = 1\n",
        "notes.txt": b"hello\n",
    }
    for rel, data in files.items():
        fs.pipe_file(f"{base}/{rel}", data)
    yield f"memory://{base}"
    fs.rm(base.rsplit("/", 1)[0], recursive=True)


def test_memory_filesystem_source(memory_repo: str, tmp_path: Path) -> None:
    (repo,) = resolve_sources([memory_repo + "/"], tmp_path / "work")
    assert repo.name == "proj" and not repo.is_local
    disc = discover_repo(repo, exclude=["tests"])
    assert paths(disc) == ["a.py", "pkg/__init__.py", "pkg/mod.py"]
    sizes = {f.path: f.size for f in disc.files}
    assert sizes == {"a.py": 22, "pkg/__init__.py": 0, "pkg/mod.py": 60}
    skipped = dict(disc.skipped)
    assert skipped["tests/t.py"] == "excluded by configuration"
    assert skipped["__pycache__/c.py"] == "virtualenv or generated directory"
    assert skipped["venvish/lib/v.py"] == "virtualenv or generated directory"
    # the URLs read back through fsspec
    ref = disc.files[0]
    with fsspec.open(ref.url, "rb") as fh:
        assert fh.read() == b"def f():\n    return 1\n"
    assert discover_repo(repo, exclude=["tests"]) == disc


def test_fifo_is_not_opened(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write(root, "ok.py")
    os.mkfifo(root / "pipe.py")  # reading it would block forever
    disc = discover_repo(local(root))
    assert paths(disc) == ["ok.py"]
    assert dict(disc.skipped)["pipe.py"] == "not a regular file"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any directory")
def test_unreadable_directory_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    write(root, "ok.py")
    write(root, "locked/inner.py")
    (root / "locked").chmod(0)
    try:
        disc = discover_repo(local(root))
    finally:
        (root / "locked").chmod(0o755)
    assert paths(disc) == ["ok.py"]
    assert dict(disc.skipped)["locked"].startswith("cannot read directory")
