"""Loading files: decoding as Python does, and refusing what is not Python source."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import fsspec

from pipeline.records import FileRef
from pipeline.units.load import DEFAULT_MAX_FILE_BYTES, load_file


def ref_for(path: Path, repo: str = "r") -> FileRef:
    return FileRef(repo=repo, path=path.name, url=str(path), size=path.stat().st_size)


def put(tmp_path: Path, data: bytes, name: str = "m.py") -> FileRef:
    path = tmp_path / name
    path.write_bytes(data)
    return ref_for(path)


def test_utf8_ok_and_sha256(tmp_path: Path) -> None:
    data = "def f():\n    return 'héllo ✓'\n".encode()
    src = load_file(put(tmp_path, data))
    assert src.error is None
    assert src.text == "def f():\n    return 'héllo ✓'\n"
    assert src.sha256 == hashlib.sha256(data).hexdigest()
    assert src.size == len(data)
    assert (src.repo, src.path) == ("r", "m.py")


def test_pep263_latin1_cookie(tmp_path: Path) -> None:
    data = b"# -*- coding: latin-1 -*-\nNAME = 'caf\xe9'\n"
    src = load_file(put(tmp_path, data))
    assert src.error is None
    assert src.text == "# -*- coding: latin-1 -*-\nNAME = 'café'\n"
    assert src.sha256 == hashlib.sha256(data).hexdigest()  # hash of the bytes, not the text


def test_cookie_on_second_line(tmp_path: Path) -> None:
    data = b"#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\nX = '\x80'\n"
    src = load_file(put(tmp_path, data))
    assert src.error is None and src.text.endswith("X = '€'\n")


def test_non_utf8_without_cookie_is_pt004_with_offset(tmp_path: Path) -> None:
    data = b"x = 1\ny = 'caf\xe9'\n"
    src = load_file(put(tmp_path, data))
    assert src.text is None
    assert src.error.code == "PT004"
    assert src.error.message == "not valid UTF-8 source (byte 0xe9 at offset 14, line 2)"
    assert src.error.line == 2
    assert src.sha256 == hashlib.sha256(data).hexdigest()


def test_non_utf8_on_first_line(tmp_path: Path) -> None:
    src = load_file(put(tmp_path, b"# caf\xe9\n"))
    assert src.error.code == "PT004" and "offset 5, line 1" in src.error.message


def test_bad_byte_after_bom_points_at_the_byte(tmp_path: Path) -> None:
    src = load_file(put(tmp_path, b"\xef\xbb\xbfx = 1\ny = '\xe9'\n"))
    assert src.error.message == "not valid UTF-8 source (byte 0xe9 at offset 14, line 2)"


def test_bad_byte_for_declared_encoding(tmp_path: Path) -> None:
    src = load_file(put(tmp_path, b"# coding: ascii\nx = '\xe9'\n"))
    assert src.error.message == "not valid ascii source (byte 0xe9 at offset 21, line 2)"


def test_unknown_cookie_is_pt004(tmp_path: Path) -> None:
    src = load_file(put(tmp_path, b"# coding: klingon\nx = 1\n"))
    assert src.text is None and src.error.code == "PT004"
    assert "klingon" in src.error.message


def test_binary_is_pt003(tmp_path: Path) -> None:
    src = load_file(put(tmp_path, b"x = 1\n\x00\x01\x02"))
    assert src.text is None and src.error.code == "PT003"
    assert "NUL" in src.error.message


def test_too_big_is_pt002(tmp_path: Path) -> None:
    ref = put(tmp_path, b"x = 1\n" * 100)
    src = load_file(ref, max_bytes=599)
    assert src.text is None and src.error.code == "PT002"
    assert "599" in src.error.message
    assert load_file(ref, max_bytes=600).error is None


def test_size_limit_checked_on_read_not_only_on_listed_size(tmp_path: Path) -> None:
    path = tmp_path / "grew.py"
    path.write_bytes(b"x = 1\n" * 100)
    stale = FileRef("r", "grew.py", str(path), size=10)  # listed small, grew since
    src = load_file(stale, max_bytes=100)
    assert src.error.code == "PT002"


def test_default_limit_rejects_5mb(tmp_path: Path) -> None:
    data = b"def f(x):\n    return x\n" * (5 * 1024 * 1024 // 24 + 1)
    assert len(data) > DEFAULT_MAX_FILE_BYTES
    src = load_file(put(tmp_path, data))
    assert src.error.code == "PT002" and src.text is None


def test_bom_stripped(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbfdef f():\n    return 1\n"
    src = load_file(put(tmp_path, data))
    assert src.error is None and src.text == "def f():\n    return 1\n"
    assert src.sha256 == hashlib.sha256(data).hexdigest()


def test_bom_with_conflicting_cookie_is_pt004(tmp_path: Path) -> None:
    src = load_file(put(tmp_path, b"\xef\xbb\xbf# coding: latin-1\nx = 1\n"))
    assert src.error.code == "PT004"


def test_missing_file_is_pt001(tmp_path: Path) -> None:
    ref = FileRef("r", "gone.py", str(tmp_path / "gone.py"), 10)
    src = load_file(ref)
    assert src.text is None and src.error.code == "PT001"


def test_fsspec_memory_url() -> None:
    url = f"memory:///load-{uuid.uuid4().hex}/m.py"
    with fsspec.open(url, "wb") as fh:
        fh.write(b"X = 1\n")
    src = load_file(FileRef("r", "m.py", url, 6))
    assert src.text == "X = 1\n"
