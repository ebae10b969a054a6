"""Run-length encoding and friends."""

from typing import List, Tuple


def rle_encode(text: str) -> str:
    """Run-length encode: 'aaab' -> '3a1b'.

    >>> rle_encode("aaabccdddd")
    '3a1b2c4d'
    >>> rle_encode("")
    ''
    """
    if not text:
        return ""
    out = []
    prev = text[0]
    count = 1
    for ch in text[1:]:
        if ch == prev:
            count += 1
        else:
            out.append(f"{count}{prev}")
            prev, count = ch, 1
    out.append(f"{count}{prev}")
    return "".join(out)


def rle_decode(encoded: str) -> str:
    """Inverse of rle_encode; counts may have several digits.

    >>> rle_decode("3a1b2c4d")
    'aaabccdddd'
    >>> rle_decode("12x")
    'xxxxxxxxxxxx'
    """
    out = []
    digits = ""
    for ch in encoded:
        if ch.isdigit():
            digits += ch
        else:
            out.append(ch * int(digits))
            digits = ""
    return "".join(out)


def runs(text: str) -> List[Tuple[str, int]]:
    """Runs of repeated characters as (char, length) pairs.

    >>> runs("mississippi")
    [('m', 1), ('i', 1), ('s', 2), ('i', 1), ('s', 2), ('i', 1), ('p', 2), ('i', 1)]
    """
    result: List[Tuple[str, int]] = []
    for ch in text:
        if result and result[-1][0] == ch:
            result[-1] = (ch, result[-1][1] + 1)
        else:
            result.append((ch, 1))
    return result


def hex_dump(data: str) -> str:
    """Space-separated hex codes of each character's code point.

    >>> hex_dump("Hi!")
    '48 69 21'
    >>> hex_dump("é")
    'e9'
    """
    return " ".join(format(ord(ch), "02x") for ch in data)
