"""Identifier case conversion."""

import re


def to_snake_case(name: str) -> str:
    """Convert CamelCase or kebab-case to snake_case.

    >>> to_snake_case("HTTPServerError")
    'http_server_error'
    >>> to_snake_case("getUserName")
    'get_user_name'
    >>> to_snake_case("already-kebab-case")
    'already_kebab_case'
    """
    name = name.replace("-", "_")
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return name.lower()


def to_camel_case(name: str) -> str:
    """Convert snake_case to lowerCamelCase.

    >>> to_camel_case("get_user_name")
    'getUserName'
    >>> to_camel_case("_private_thing")
    'privateThing'
    """
    parts = [p for p in name.split("_") if p]
    if not parts:
        return ""
    return parts[0].lower() + "".join(p.capitalize() for p in parts[1:])


def to_title(text: str) -> str:
    """Title-case every word, keeping small words lower-case except the first.

    >>> to_title("the lord of the rings")
    'The Lord of the Rings'
    """
    small = {"a", "an", "and", "of", "the", "in", "on", "to"}
    out = []
    for i, word in enumerate(text.lower().split()):
        if i > 0 and word in small:
            out.append(word)
        else:
            out.append(word[0].upper() + word[1:])
    return " ".join(out)


def swap_case(text: str) -> str:
    """Swap upper and lower case by hand.

    >>> swap_case("Hello World 42")
    'hELLO wORLD 42'
    """
    chars = []
    for ch in text:
        if ch.isupper():
            chars.append(ch.lower())
        elif ch.islower():
            chars.append(ch.upper())
        else:
            chars.append(ch)
    return "".join(chars)


def slugify(text: str, sep: str = "-") -> str:
    """Make a URL slug: lower-case alphanumerics joined by sep.

    >>> slugify("  Hello, World! 2024 edition ")
    'hello-world-2024-edition'
    >>> slugify("A__B", sep="_")
    'a_b'
    """
    words = []
    current = []
    for ch in text.lower():
        if ch.isalnum():
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return sep.join(words)
