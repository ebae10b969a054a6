"""Archive sources: extraction, discovery, and rejection of unsafe members."""

from __future__ import annotations

import io
import tarfile
import uuid
import zipfile
from pathlib import Path

import fsspec
import pytest

from pipeline.sources import discover_repo, resolve_sources
from pipeline.sources.archives import archive_stem, is_archive, unsafe_reason
from pipeline.sources.discover import SourceError

GOOD = {"pkg/__init__.py": b"", "pkg/mod.py": b"def f():\n    return 1\n", "top.py": b"x = 1\n"}
EVIL = ["../../x.py", "/abs/x.py", "..\\evil.py", "a/../../../y.py"]


def make_zip(path: Path, members: dict[str, bytes], symlinks: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o120777 << 16
            zf.writestr(info, target)
    return path


def make_tar(
    path: Path,
    members: dict[str, bytes],
    symlinks: dict[str, str] | None = None,
    hardlinks: dict[str, str] | None = None,
    mode: str = "w:gz",
) -> Path:
    with tarfile.open(path, mode) as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
        for kind, links in ((tarfile.SYMTYPE, symlinks), (tarfile.LNKTYPE, hardlinks)):
            for name, target in (links or {}).items():
                info = tarfile.TarInfo(name)
                info.type = kind
                info.linkname = target
                tf.addfile(info)
    return path


def assert_nothing_escaped(tmp_path: Path) -> None:
    """None of the evil members landed anywhere around the extraction directory."""
    for probe in [
        tmp_path / "x.py",
        tmp_path.parent / "x.py",
        tmp_path.parent.parent / "x.py",
        Path("/abs/x.py"),
        tmp_path / "evil.py",
        tmp_path / "work" / "evil.py",
        tmp_path / "work" / "sources" / "evil.py",
        tmp_path / "y.py",
        tmp_path / "work" / "x.py",
        tmp_path / "work" / "y.py",
    ]:
        assert not probe.exists(), probe
    for name in ("x.py", "y.py", "evil.py", "..\\evil.py"):
        assert not list(tmp_path.rglob(name)), name


def test_names_and_suffixes() -> None:
    assert is_archive("a.zip") and is_archive("X.TAR.GZ") and is_archive("b.tgz")
    assert not is_archive("dir") and not is_archive("a.py")
    assert archive_stem("/x/proj-1.2.tar.gz") == "proj-1.2"
    assert archive_stem("s3://b/k/proj.zip") == "proj"
    assert unsafe_reason("pkg/a.py") is None
    assert unsafe_reason("C:/x.py") == "absolute path in archive member"
    for name in EVIL:
        assert unsafe_reason(name) is not None, name


@pytest.mark.parametrize("kind", ["zip", "tar.gz", "tar.bz2", "tar.xz", "tar"])
def test_archive_extracted_and_discovered(tmp_path: Path, kind: str) -> None:
    members = {**GOOD, "README.md": b"# no\n", "pkg/data.bin": b"\0\1"}
    if kind == "zip":
        archive = make_zip(tmp_path / "proj.zip", members)
    else:
        mode = {"tar.gz": "w:gz", "tar.bz2": "w:bz2", "tar.xz": "w:xz", "tar": "w"}[kind]
        archive = make_tar(tmp_path / f"proj.{kind}", members, mode=mode)
    (repo,) = resolve_sources([str(archive)], tmp_path / "work")
    assert repo.name == "proj"
    assert Path(repo.root) == tmp_path / "work" / "sources" / "proj"
    assert repo.rejected == ()
    disc = discover_repo(repo)
    assert [f.path for f in disc.files] == ["pkg/__init__.py", "pkg/mod.py", "top.py"]
    assert {f.path: f.size for f in disc.files} == {k: len(v) for k, v in GOOD.items()}
    assert (Path(repo.root) / "pkg/mod.py").read_bytes() == GOOD["pkg/mod.py"]
    assert not (Path(repo.root) / "README.md").exists()  # only .py members are extracted


def test_zip_unsafe_members_rejected(tmp_path: Path) -> None:
    members = {**GOOD, **{name: b"import os\nos.system('rm -rf /')\n" for name in EVIL}}
    archive = make_zip(tmp_path / "evil.zip", members, symlinks={"link.py": "/etc/passwd"})
    (repo,) = resolve_sources([str(archive)], tmp_path / "work")
    rejected = dict(repo.rejected)
    assert rejected["../../x.py"] == "archive member path escapes the extraction directory ('..')"
    assert rejected["a/../../../y.py"] == rejected["../../x.py"]
    assert rejected["..\\evil.py"] == rejected["../../x.py"]
    assert rejected["/abs/x.py"] == "absolute path in archive member"
    assert rejected["link.py"] == "symbolic link in archive"
    disc = discover_repo(repo)
    assert [f.path for f in disc.files] == ["pkg/__init__.py", "pkg/mod.py", "top.py"]
    assert set(EVIL) | {"link.py"} <= dict(disc.skipped).keys()
    assert not (Path(repo.root) / "link.py").exists()
    assert_nothing_escaped(tmp_path)


def test_tar_unsafe_members_and_links_rejected(tmp_path: Path) -> None:
    members = {**GOOD, **{name: b"x = 1\n" for name in EVIL}}
    archive = make_tar(
        tmp_path / "evil.tar.gz",
        members,
        symlinks={"sym.py": "/etc/passwd", "up.py": "../../x.py"},
        hardlinks={"hard.py": "/etc/passwd"},
    )
    (repo,) = resolve_sources([str(archive)], tmp_path / "work")
    rejected = dict(repo.rejected)
    for name in ["sym.py", "up.py", "hard.py"]:
        assert rejected[name] == "link or special file in archive"
    assert rejected["/abs/x.py"] == "absolute path in archive member"
    assert "escapes" in rejected["../../x.py"] and "escapes" in rejected["..\\evil.py"]
    root = Path(repo.root)
    for name in ["sym.py", "up.py", "hard.py"]:
        assert not (root / name).exists() and not (root / name).is_symlink()
    disc = discover_repo(repo)
    assert [f.path for f in disc.files] == ["pkg/__init__.py", "pkg/mod.py", "top.py"]
    assert dict(disc.skipped)["sym.py"] == "link or special file in archive"
    assert_nothing_escaped(tmp_path)


@pytest.mark.parametrize("kind", ["zip", "tar.gz", "tar.xz", "tar.bz2"])
def test_corrupt_archive_is_a_source_error(tmp_path: Path, kind: str) -> None:
    data = b"def f():\n    return 1\n" * 5000
    if kind == "zip":
        good = make_zip(tmp_path / "g.zip", {"a.py": data, "b.py": data})
    else:
        good = make_tar(
            tmp_path / f"g.{kind}", {"a.py": data, "b.py": data}, mode="w:" + kind.split(".")[1]
        )
    raw = bytearray(good.read_bytes())
    mid = len(raw) // 2
    raw[mid : mid + 40] = bytes(b ^ 0xFF for b in raw[mid : mid + 40])  # damage the payload
    damaged = tmp_path / f"damaged.{kind}"
    damaged.write_bytes(bytes(raw))
    truncated = tmp_path / f"truncated.{kind}"
    truncated.write_bytes(good.read_bytes()[: len(raw) // 3])
    garbage = tmp_path / f"garbage.{kind}"
    garbage.write_bytes(b"this is not an archive at all\n" * 10)
    for bad in (damaged, truncated, garbage):
        with pytest.raises(SourceError, match="cannot read archive"):
            resolve_sources([str(bad)], tmp_path / "work")


def test_damaged_member_header_in_plain_tar(tmp_path: Path) -> None:
    data = b"x = 1\n" * 1000
    good = make_tar(tmp_path / "g.tar", {"a.py": data, "b.py": data}, mode="w")
    raw = bytearray(good.read_bytes())
    second = 512 + ((len(data) + 511) // 512) * 512  # where b.py's header starts
    raw[second + 10 : second + 50] = b"\xff" * 40
    damaged = tmp_path / "damaged.tar"
    damaged.write_bytes(bytes(raw))
    # tarfile alone would stop quietly after a.py; the repository would silently lose b.py
    with pytest.raises(SourceError, match="damaged member header"):
        resolve_sources([str(damaged)], tmp_path / "work")


def test_missing_archive_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not found"):
        resolve_sources([str(tmp_path / "nope.zip")], tmp_path / "work")


def test_two_archives_with_the_same_stem(tmp_path: Path) -> None:
    a = make_zip(tmp_path / "proj.zip", {"a.py": b"x = 1\n"})
    (tmp_path / "other").mkdir()
    b = make_tar(tmp_path / "other" / "proj.tar.gz", {"b.py": b"y = 2\n"})
    repos = resolve_sources([str(a), str(b)], tmp_path / "work")
    assert [r.name for r in repos] == ["proj", "proj-2"]
    assert [[f.path for f in discover_repo(r).files] for r in repos] == [["a.py"], ["b.py"]]


def test_archive_on_an_fsspec_url(tmp_path: Path) -> None:
    local = make_zip(tmp_path / "remote.zip", {**GOOD, "../up.py": b"x = 1\n"})
    url = f"memory:///arch-{uuid.uuid4().hex[:8]}/remote.zip"
    fs = fsspec.filesystem("memory")
    fs.pipe_file(url, local.read_bytes())
    (repo,) = resolve_sources([url], tmp_path / "work")
    assert repo.name == "remote" and repo.is_local  # extracted to a local directory
    assert [f.path for f in discover_repo(repo).files] == sorted(GOOD)
    assert dict(repo.rejected)["../up.py"].startswith("archive member path escapes")
    assert not (tmp_path / "work" / "sources" / "up.py").exists()
    fs.rm(url)


def test_member_the_filesystem_cannot_hold_is_rejected_not_fatal(tmp_path: Path) -> None:
    long_name = "x" * 300 + ".py"  # longer than NAME_MAX
    archive = make_zip(
        tmp_path / "odd.zip",
        {
            "a.py": b"x = 1\n",
            "a.py/b.py": b"y = 2\n",
            long_name: b"z = 3\n",
            "ok.py": b"k = 4\n",
        },
    )
    (repo,) = resolve_sources([str(archive)], tmp_path / "work")
    rejected = dict(repo.rejected)
    assert rejected["a.py/b.py"].startswith("cannot extract archive member")
    assert rejected[long_name].startswith("cannot extract archive member")
    assert [f.path for f in discover_repo(repo).files] == ["a.py", "ok.py"]


@pytest.mark.parametrize("kind", ["zip", "tar.gz"])
def test_an_sdist_wrapper_directory_is_the_repository_root(tmp_path: Path, kind: str) -> None:
    """An sdist (``proj-1.0/`` holding pyproject.toml, src/, tests/) is read from inside its
    one wrapping directory, with its packaging file, so modules are named as the package
    imports them (``proj.mod``, not ``proj-1.0.src.proj.mod``, which no import finds)."""
    members = {
        "proj-1.0/pyproject.toml": b'[tool.setuptools.packages.find]\nwhere = ["src"]\n',
        "proj-1.0/setup.py": b"from setuptools import setup\nsetup()\n",
        "proj-1.0/PKG-INFO": b"Name: proj\n",
        "proj-1.0/src/proj/__init__.py": b"",
        "proj-1.0/src/proj/mod.py": b"def f(x: int) -> int:\n    return x + 1\n",
        "proj-1.0/tests/test_mod.py": b"def test_f():\n    pass\n",
    }
    if kind == "zip":
        archive = make_zip(tmp_path / "proj-1.0.zip", members)
    else:
        archive = make_tar(tmp_path / "proj-1.0.tar.gz", members)
    (repo,) = resolve_sources([str(archive)], tmp_path / "work")
    assert Path(repo.root) == tmp_path / "work" / "sources" / "proj-1.0" / "proj-1.0"
    disc = discover_repo(repo)
    assert {f.path: f.module for f in disc.files} == {
        "src/proj/__init__.py": "proj",
        "src/proj/mod.py": "proj.mod",
    }
    assert disc.layout.root == "src" and disc.tests == ["tests/test_mod.py"]


def test_an_archived_package_directory_keeps_its_name(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "pkg.zip", {"pkg/__init__.py": b"", "pkg/mod.py": b"X = 1\n"})
    (repo,) = resolve_sources([str(archive)], tmp_path / "work")
    assert Path(repo.root) == tmp_path / "work" / "sources" / "pkg"
    assert [f.module for f in discover_repo(repo).files] == ["pkg", "pkg.mod"]
