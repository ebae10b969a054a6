"""A tiny warehouse inventory."""

from dataclasses import dataclass
from typing import Dict, List


@dataclass
class Item:
    """One stock-keeping unit.

    >>> Item("widget", 2.5, 4).total_value()
    10.0
    """

    name: str
    unit_price: float
    quantity: int = 0

    def total_value(self) -> float:
        """Price times quantity.

        >>> Item("bolt", 0.25, 10).total_value()
        2.5
        """
        return self.unit_price * self.quantity


class Inventory:
    """Tracks items by name.

    >>> inv = Inventory()
    >>> inv.add("apple", 0.5, 10)
    >>> inv.add("pear", 0.75, 4)
    >>> inv.remove("apple", 3)
    >>> inv.quantity("apple")
    7
    >>> inv.total_value()
    6.5
    """

    def __init__(self) -> None:
        """Start with no stock.

        >>> Inventory().items
        {}
        """
        self.items: Dict[str, Item] = {}

    def add(self, name: str, unit_price: float, quantity: int = 1) -> None:
        """Add stock; a new price replaces the old one.

        >>> inv = Inventory(); inv.add("x", 1.0, 2); inv.add("x", 2.0, 1)
        >>> inv.items["x"]
        Item(name='x', unit_price=2.0, quantity=3)
        """
        if quantity < 0:
            raise ValueError("quantity must be non-negative")
        if name in self.items:
            item = self.items[name]
            item.quantity += quantity
            item.unit_price = unit_price
        else:
            self.items[name] = Item(name, unit_price, quantity)

    def remove(self, name: str, quantity: int) -> None:
        """Take stock out; items that reach zero are dropped.

        >>> inv = Inventory(); inv.add("x", 1.0, 2); inv.remove("x", 2); "x" in inv.items
        False
        >>> inv.remove("y", 1)
        Traceback (most recent call last):
        ...
        KeyError: 'y'
        """
        if name not in self.items:
            raise KeyError(name)
        item = self.items[name]
        if quantity > item.quantity:
            raise ValueError(f"only {item.quantity} {name} in stock")
        item.quantity -= quantity
        if item.quantity == 0:
            del self.items[name]

    def quantity(self, name: str) -> int:
        """Units in stock for name (0 if unknown).

        >>> Inventory().quantity("ghost")
        0
        """
        item = self.items.get(name)
        return item.quantity if item else 0

    def total_value(self) -> float:
        """Value of all stock.

        >>> Inventory().total_value()
        0
        """
        return sum(item.total_value() for item in self.items.values())

    def low_stock(self, threshold: int = 5) -> List[str]:
        """Names with quantity below threshold, sorted.

        >>> inv = Inventory(); inv.add("b", 1.0, 2); inv.add("a", 1.0, 1); inv.add("c", 1.0, 9)
        >>> inv.low_stock()
        ['a', 'b']
        """
        return sorted(name for name, item in self.items.items() if item.quantity < threshold)

    @classmethod
    def from_pairs(cls, pairs: List[tuple[str, float, int]]) -> "Inventory":
        """Build an inventory from (name, price, qty) triples.

        >>> Inventory.from_pairs([("a", 1.0, 2), ("b", 2.0, 1)]).total_value()
        4.0
        """
        inv = cls()
        for name, price, qty in pairs:
            inv.add(name, price, qty)
        return inv
