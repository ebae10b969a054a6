"""Small container classes."""

from datakit.structures.inventory import Inventory, Item
from datakit.structures.stack import Stack

__all__ = ["Inventory", "Item", "Stack"]
