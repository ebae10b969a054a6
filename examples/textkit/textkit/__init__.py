"""textkit: everyday string processing helpers."""

from textkit.case import to_snake_case, to_camel_case
from textkit.tokens import words

__all__ = ["to_snake_case", "to_camel_case", "words"]
