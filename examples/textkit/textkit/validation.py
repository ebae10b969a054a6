"""Input validators returning bools or cleaned values."""

from typing import Optional


def is_valid_email(address: str) -> bool:
    """A deliberately simple e-mail check.

    >>> is_valid_email("alice@example.com")
    True
    >>> is_valid_email("bob@@example.com")
    False
    >>> is_valid_email("no-at-sign.org")
    False
    """
    if address.count("@") != 1:
        return False
    local, domain = address.split("@")
    if not local or "." not in domain:
        return False
    return not domain.startswith(".") and not domain.endswith(".")


def is_valid_ipv4(address: str) -> bool:
    """Dotted-quad IPv4 check without leading zeros.

    >>> is_valid_ipv4("192.168.0.1")
    True
    >>> is_valid_ipv4("256.1.1.1")
    False
    >>> is_valid_ipv4("01.2.3.4")
    False
    """
    parts = address.split(".")
    if len(parts) != 4:
        return False
    for part in parts:
        if not part.isdigit():
            return False
        if len(part) > 1 and part[0] == "0":
            return False
        if int(part) > 255:
            return False
    return True


def luhn_valid(number: str) -> bool:
    """Luhn checksum used by credit card numbers (spaces allowed).

    >>> luhn_valid("4539 1488 0343 6467")
    True
    >>> luhn_valid("8273 1232 7352 0569")
    False
    """
    digits = number.replace(" ", "")
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def parse_int(text: str, default: Optional[int] = None) -> Optional[int]:
    """Parse an int, returning default on failure.

    >>> parse_int(" 42 ")
    42
    >>> parse_int("4x2", default=-1)
    -1
    >>> parse_int("") is None
    True
    """
    try:
        return int(text.strip())
    except ValueError:
        return default


def is_strong_password(password: str) -> bool:
    """At least 8 chars with upper, lower, digit and a symbol.

    >>> is_strong_password("Tr0ub4dor&3")
    True
    >>> is_strong_password("password")
    False
    """
    if len(password) < 8:
        return False
    has_upper = any(ch.isupper() for ch in password)
    has_lower = any(ch.islower() for ch in password)
    has_digit = any(ch.isdigit() for ch in password)
    has_symbol = any(not ch.isalnum() for ch in password)
    return has_upper and has_lower and has_digit and has_symbol


def normalize_phone(raw: str) -> str:
    """Format a 10-digit US number as (XXX) XXX-XXXX.

    >>> normalize_phone("555.867.5309")
    '(555) 867-5309'
    >>> normalize_phone("12")
    Traceback (most recent call last):
    ...
    ValueError: expected 10 digits, got 2
    """
    digits = "".join(ch for ch in raw if ch.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        raise ValueError(f"expected 10 digits, got {len(digits)}")
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
