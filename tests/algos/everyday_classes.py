"""Everyday classes (written for this project)."""

from dataclasses import dataclass, field
from typing import List, Optional


class Stack:
    def __init__(self):
        self.items = []

    def push(self, item):
        self.items.append(item)

    def pop(self):
        if not self.items:
            raise IndexError("pop from empty stack")
        return self.items.pop()

    def peek(self):
        return self.items[-1] if self.items else None

    def is_empty(self):
        return len(self.items) == 0

    def __len__(self):
        return len(self.items)


def balanced(s):
    """balanced("([]{})") ➞ True"""
    pairs = {")": "(", "]": "[", "}": "{"}
    st = Stack()
    for ch in s:
        if ch in "([{":
            st.push(ch)
        elif ch in pairs:
            if st.is_empty() or st.pop() != pairs[ch]:
                return False
    return st.is_empty()


class BankAccount:
    def __init__(self, owner: str, balance: float = 0.0):
        self.owner = owner
        self.balance = balance

    def deposit(self, amount: float) -> float:
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        return self.balance

    def withdraw(self, amount: float) -> float:
        if amount > self.balance:
            raise ValueError("insufficient funds")
        self.balance -= amount
        return self.balance


@dataclass
class Point:
    x: float
    y: float

    def distance_to(self, other: "Point") -> float:
        return ((self.x - other.x) ** 2 + (self.y - other.y) ** 2) ** 0.5

    def __add__(self, other: "Point") -> "Point":
        return Point(self.x + other.x, self.y + other.y)


@dataclass
class Inventory:
    items: dict = field(default_factory=dict)

    def add(self, name: str, qty: int) -> None:
        self.items[name] = self.items.get(name, 0) + qty

    def remove(self, name: str, qty: int) -> bool:
        have = self.items.get(name, 0)
        if have < qty:
            return False
        self.items[name] = have - qty
        return True

    def total(self) -> int:
        return sum(self.items.values())


class Matrix:
    def __init__(self, rows: List[List[float]]):
        self.rows = rows

    def transpose(self) -> "Matrix":
        return Matrix([list(r) for r in zip(*self.rows)])

    def scale(self, k: float) -> "Matrix":
        return Matrix([[k * v for v in r] for r in self.rows])

    def __repr__(self):
        return f"Matrix({self.rows})"


class Counter:
    count = 0

    def __init__(self, start=0):
        self.value = start

    def increment(self, by=1):
        self.value += by
        return self.value


class Temperature:
    def __init__(self, celsius):
        self._celsius = celsius

    @property
    def fahrenheit(self):
        return self._celsius * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, value):
        self._celsius = (value - 32) * 5 / 9

    @staticmethod
    def from_fahrenheit(f):
        return Temperature((f - 32) * 5 / 9)


def shortest_name(people: List[str]) -> Optional[str]:
    """
    >>> shortest_name(["bob", "al", "carol"])
    'al'
    """
    if not people:
        return None
    return min(people, key=len)
