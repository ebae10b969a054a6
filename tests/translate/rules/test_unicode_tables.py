"""The stored Unicode tables are exactly what a fresh scan of this Python gives."""

from __future__ import annotations

import json
import unicodedata

from pipeline.translate.rules.runtime import unicode_tables as ut


def test_stored_tables_match_a_fresh_scan() -> None:
    path = ut.DATA_DIR / f"{unicodedata.unidata_version}.json"
    if not path.is_file():  # another Python's Unicode version: lookups scan instead
        assert ut._stored() == {}
        return
    assert json.loads(path.read_text(encoding="utf-8")) == ut.scan_all()


def test_python_3_11_unicode_tables_are_stored() -> None:
    assert (ut.DATA_DIR / "14.0.0.json").is_file()  # Python 3.11's Unicode version


def test_lookups_agree_with_a_scan() -> None:
    assert ut.ranges("DIGIT") == ut.scan_ranges("DIGIT")
    assert ut.mapping("TITLE_MAP") == ut.scan_mapping("TITLE_MAP")
    assert (0x41, 0x5A) in ut.ranges("UPPER")  # A-Z
    assert dict(ut.mapping("FOLD_MAP"))[0xDF] == "ss"  # ß casefolds to "ss"
