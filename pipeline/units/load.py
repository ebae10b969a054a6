"""Read one file's bytes and decode them the way Python would, or say why not."""

from __future__ import annotations

import hashlib
import io
import tokenize

import fsspec

from pipeline.records import Diagnostic, FileRef, SourceFile

DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024


def load_file(
    ref: FileRef, storage_options: dict | None = None, max_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> SourceFile:
    """Read and decode ``ref``. Never raises: problems become ``SourceFile.error``."""
    if ref.size > max_bytes:
        return _unusable(
            ref,
            "",
            "PT002",
            f"file is {ref.size} bytes, above the limit of "
            f"{max_bytes} bytes (max_file_bytes); generated code?",
        )
    try:
        with fsspec.open(ref.url, "rb", **(storage_options or {})) as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return _unusable(ref, "", "PT001", f"cannot read file: {type(exc).__name__}: {exc}")
    digest = hashlib.sha256(data).hexdigest()
    if len(data) > max_bytes:
        return _unusable(ref, digest, "PT002", f"file is above the limit of {max_bytes} bytes")
    return decode(ref, data, digest)


def decode(ref: FileRef, data: bytes, digest: str) -> SourceFile:
    """Decode bytes as Python source (PEP 263 cookie or UTF-8); reject binary files."""
    if b"\x00" in data:
        return _unusable(
            ref, digest, "PT003", "binary file (contains NUL bytes), not Python source"
        )
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding)
    except SyntaxError as exc:
        if b"coding" not in data[:200]:  # no cookie: the bytes just aren't UTF-8
            return _not_utf8(ref, data, digest)
        return _unusable(ref, digest, "PT004", f"bad encoding declaration: {exc.msg}")
    except (UnicodeDecodeError, LookupError) as exc:
        if not isinstance(exc, UnicodeDecodeError):
            return _unusable(ref, digest, "PT004", f"not valid UTF-8 source ({exc})")
        return _bad_byte(ref, data, digest, exc, encoding)
    text = text.removeprefix("\ufeff")
    return SourceFile(ref.repo, ref.path, len(data), digest, text, module=ref.module)


def _not_utf8(ref: FileRef, data: bytes, digest: str) -> SourceFile:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _bad_byte(ref, data, digest, exc, "utf-8")
    return _unusable(ref, digest, "PT004", "not valid UTF-8 source")


def _bad_byte(
    ref: FileRef, data: bytes, digest: str, exc: UnicodeDecodeError, encoding: str
) -> SourceFile:
    """PT004 naming the first undecodable byte, its offset and its 1-based line."""
    start = exc.start + len(data) - len(exc.object)  # utf-8-sig reports past the BOM
    line = data.count(b"\n", 0, start) + 1
    where = f"byte 0x{data[start]:02x} at offset {start}, line {line}"
    name = "UTF-8" if encoding.replace("_", "-").lower() in ("utf-8", "utf-8-sig") else encoding
    return _unusable(ref, digest, "PT004", f"not valid {name} source ({where})", line)


def _unusable(
    ref: FileRef, digest: str, code: str, message: str, line: int | None = None
) -> SourceFile:
    return SourceFile(ref.repo, ref.path, ref.size, digest, None, Diagnostic(code, message, line))
