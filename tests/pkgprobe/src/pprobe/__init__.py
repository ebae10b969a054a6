"""A probe package: constants, functions and classes used across its modules."""

from .limits import MAX_ITEMS, SEPARATOR
from .text import normalize

__all__ = ["MAX_ITEMS", "SEPARATOR", "normalize"]
