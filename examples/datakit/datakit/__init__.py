"""datakit: helpers for wrangling plain Python collections."""

from datakit.collections_ops import dedup, group_by_key
from datakit.matrix import transpose

__all__ = ["dedup", "group_by_key", "transpose"]
