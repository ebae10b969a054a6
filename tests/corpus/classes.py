"""Classes: dataclasses, plain classes, dunder methods, class/static methods."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Dict, List, Optional


@dataclass
class Point:
    """A 2-D point.

    >>> Point(1, 2)
    Point(x=1, y=2)
    >>> Point(1, 2) == Point(1, 2)
    True
    """

    x: float
    y: float

    def distance_to(self, other: Point) -> float:
        """Euclidean distance.

        >>> Point(0, 0).distance_to(Point(3, 4))
        5.0
        """
        return math.hypot(self.x - other.x, self.y - other.y)

    def translate(self, dx: float, dy: float) -> Point:
        """A new, shifted point.

        >>> Point(1, 1).translate(2, -3)
        Point(x=3, y=-2)
        """
        return Point(self.x + dx, self.y + dy)

    @staticmethod
    def origin() -> Point:
        """The origin.

        >>> Point.origin()
        Point(x=0, y=0)
        """
        return Point(0, 0)

    @classmethod
    def from_tuple(cls, t: tuple[float, float]) -> Point:
        """Build from a tuple.

        >>> Point.from_tuple((2.5, -1.0))
        Point(x=2.5, y=-1.0)
        """
        return cls(t[0], t[1])


@dataclass(frozen=True, order=True)
class Version:
    """Comparable, hashable semantic version.

    >>> Version(1, 2, 3) < Version(1, 10, 0)
    True
    >>> sorted([Version(2, 0, 0), Version(1, 9, 9)])
    [Version(major=1, minor=9, patch=9), Version(major=2, minor=0, patch=0)]
    """

    major: int
    minor: int = 0
    patch: int = 0

    @classmethod
    def parse(cls, text: str) -> Version:
        """Parse 'X.Y.Z'.

        >>> Version.parse("3.11.7")
        Version(major=3, minor=11, patch=7)
        """
        parts = [int(p) for p in text.split(".")]
        return cls(*parts)

    def bump(self, part: str) -> Version:
        """Bump one component, resetting the lower ones.

        >>> str(Version(1, 4, 2).bump("minor"))
        '1.5.0'
        """
        if part == "major":
            return Version(self.major + 1, 0, 0)
        if part == "minor":
            return Version(self.major, self.minor + 1, 0)
        if part == "patch":
            return Version(self.major, self.minor, self.patch + 1)
        raise ValueError(f"unknown part {part!r}")

    def __str__(self) -> str:
        """Dotted form.

        >>> str(Version(0, 1))
        '0.1.0'
        """
        return f"{self.major}.{self.minor}.{self.patch}"


@dataclass
class ShoppingCart:
    """A cart with a mutable default made safely with field().

    >>> cart = ShoppingCart("ann")
    >>> cart.add("apple", 0.5, 4)
    >>> cart.add("bread", 2.25)
    >>> cart.total()
    4.25
    """

    owner: str
    items: Dict[str, int] = field(default_factory=dict)
    prices: Dict[str, float] = field(default_factory=dict)

    def add(self, name: str, price: float, qty: int = 1) -> None:
        """Add qty of an item.

        >>> c = ShoppingCart("x"); c.add("a", 1.0); c.add("a", 1.0, 2); c.items
        {'a': 3}
        """
        self.items[name] = self.items.get(name, 0) + qty
        self.prices[name] = price

    def remove(self, name: str) -> bool:
        """Remove an item entirely; False if absent.

        >>> c = ShoppingCart("x"); c.add("a", 1.0); c.remove("a"), c.remove("a")
        (True, False)
        """
        if name not in self.items:
            return False
        del self.items[name]
        del self.prices[name]
        return True

    def total(self) -> float:
        """Total price.

        >>> ShoppingCart("nobody").total()
        0
        """
        return sum(self.prices[n] * q for n, q in self.items.items())


class BankAccount:
    """A plain class with validation and a class-level counter.

    >>> acct = BankAccount("Ada", 100)
    >>> acct.deposit(50)
    150
    >>> acct.withdraw(500)
    Traceback (most recent call last):
    ...
    ValueError: insufficient funds
    """

    interest_rate: float = 0.02
    accounts_opened: int = 0

    def __init__(self, owner: str, balance: int = 0) -> None:
        """Open an account and count it.

        >>> BankAccount("x").history
        []
        """
        self.owner: str = owner
        self.balance: int = balance
        self.history: List[int] = []
        BankAccount.accounts_opened += 1

    def deposit(self, amount: int) -> int:
        """Deposit a positive amount; returns the new balance.

        >>> BankAccount("x").deposit(10)
        10
        """
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(amount)
        return self.balance

    def withdraw(self, amount: int) -> int:
        """Withdraw; returns the new balance.

        >>> BankAccount("x", 30).withdraw(10)
        20
        """
        if amount > self.balance:
            raise ValueError("insufficient funds")
        self.balance -= amount
        self.history.append(-amount)
        return self.balance

    def apply_interest(self) -> float:
        """Balance with one year of interest, rounded to cents.

        >>> BankAccount("x", 1000).apply_interest()
        1020.0
        """
        return round(self.balance * (1 + self.interest_rate), 2)

    def __repr__(self) -> str:
        """Debug representation.

        >>> BankAccount("Grace", 5)
        BankAccount(owner='Grace', balance=5)
        """
        return f"BankAccount(owner={self.owner!r}, balance={self.balance})"

    def __eq__(self, other: object) -> bool:
        """Accounts are equal when owner and balance match.

        >>> BankAccount("a", 1) == BankAccount("a", 1), BankAccount("a", 1) == "a"
        (True, False)
        """
        if not isinstance(other, BankAccount):
            return NotImplemented
        return (self.owner, self.balance) == (other.owner, other.balance)


class Money:
    """Amounts in integer cents with arithmetic and ordering.

    >>> Money(250) + Money(199)
    Money('4.49')
    >>> sorted([Money(500), Money(5), Money(50)])
    [Money('0.05'), Money('0.50'), Money('5.00')]
    """

    def __init__(self, cents: int) -> None:
        """Store an amount in integer cents.

        >>> Money(-250).cents
        -250
        """
        self.cents = cents

    @classmethod
    def from_string(cls, text: str) -> Money:
        """Parse '12.34' (or '-0.50').

        >>> Money.from_string("12.34").cents, Money.from_string("-0.5").cents
        (1234, -50)
        """
        negative = text.startswith("-")
        whole, _, frac = text.lstrip("-").partition(".")
        cents = int(whole or "0") * 100 + int((frac + "00")[:2])
        return cls(-cents if negative else cents)

    def __add__(self, other: Money) -> Money:
        """Addition.

        >>> (Money(1) + Money(2)).cents
        3
        """
        return Money(self.cents + other.cents)

    def __sub__(self, other: Money) -> Money:
        """Subtraction.

        >>> Money(100) - Money(250)
        Money('-1.50')
        """
        return Money(self.cents - other.cents)

    def __mul__(self, factor: int) -> Money:
        """Multiply by an integer quantity.

        >>> Money(125) * 3
        Money('3.75')
        """
        return Money(self.cents * factor)

    def __eq__(self, other: object) -> bool:
        """Equality by cents.

        >>> Money(100) == Money(100), Money(1) == 1
        (True, False)
        """
        return isinstance(other, Money) and self.cents == other.cents

    def __lt__(self, other: Money) -> bool:
        """Ordering by cents.

        >>> Money(1) < Money(2)
        True
        """
        return self.cents < other.cents

    def __hash__(self) -> int:
        """Hash by cents so Money works in sets.

        >>> len({Money(1), Money(1), Money(2)})
        2
        """
        return hash(self.cents)

    def __str__(self) -> str:
        """Human format.

        >>> str(Money(-5)), str(Money(123456))
        ('-0.05', '1234.56')
        """
        sign = "-" if self.cents < 0 else ""
        whole, frac = divmod(abs(self.cents), 100)
        return f"{sign}{whole}.{frac:02d}"

    def __repr__(self) -> str:
        """Debug format.

        >>> Money(7)
        Money('0.07')
        """
        return f"Money('{self}')"

    def split(self, ways: int) -> List[Money]:
        """Split into `ways` parts that differ by at most one cent.

        >>> Money(100).split(3)
        [Money('0.34'), Money('0.33'), Money('0.33')]
        """
        base, extra = divmod(self.cents, ways)
        return [Money(base + (1 if i < extra else 0)) for i in range(ways)]


class Matrix2:
    """A tiny immutable 2x2 matrix.

    >>> Matrix2(1, 2, 3, 4) @ Matrix2(0, 1, 1, 0)
    Matrix2(2, 1, 4, 3)
    """

    __slots__ = ("a", "b", "c", "d")

    def __init__(self, a: int, b: int, c: int, d: int) -> None:
        """Row-major entries [[a, b], [c, d]].

        >>> Matrix2(1, 2, 3, 4).c
        3
        """
        self.a, self.b, self.c, self.d = a, b, c, d

    def __matmul__(self, o: Matrix2) -> Matrix2:
        """Matrix product.

        >>> Matrix2(1, 1, 1, 0) @ Matrix2(1, 1, 1, 0)
        Matrix2(2, 1, 1, 1)
        """
        return Matrix2(self.a * o.a + self.b * o.c, self.a * o.b + self.b * o.d,
                       self.c * o.a + self.d * o.c, self.c * o.b + self.d * o.d)

    def determinant(self) -> int:
        """ad - bc.

        >>> Matrix2(1, 2, 3, 4).determinant()
        -2
        """
        return self.a * self.d - self.b * self.c

    def power(self, n: int) -> Matrix2:
        """Fast exponentiation; Fibonacci numbers fall out of [[1,1],[1,0]].

        >>> Matrix2(1, 1, 1, 0).power(90).b
        2880067194370816120
        >>> Matrix2(1, 1, 1, 0).power(100).b
        354224848179261915075
        """
        result = Matrix2(1, 0, 0, 1)
        base = self
        while n > 0:
            if n & 1:
                result = result @ base
            base = base @ base
            n >>= 1
        return result

    def __repr__(self) -> str:
        """Debug format.

        >>> Matrix2(0, 0, 0, 1)
        Matrix2(0, 0, 0, 1)
        """
        return f"Matrix2({self.a}, {self.b}, {self.c}, {self.d})"


class Node:
    """Singly linked list node.

    >>> Node(1, Node(2)).next.value
    2
    """

    def __init__(self, value: int, next: Optional[Node] = None) -> None:
        """A node pointing at an optional successor.

        >>> Node(7).next is None
        True
        """
        self.value = value
        self.next = next


class LinkedList:
    """A singly linked list with the usual operations.

    >>> ll = LinkedList.from_list([1, 2, 3])
    >>> ll.prepend(0)
    >>> ll.to_list(), len(ll)
    ([0, 1, 2, 3], 4)
    """

    def __init__(self) -> None:
        """An empty list.

        >>> LinkedList().head is None
        True
        """
        self.head: Optional[Node] = None
        self.size = 0

    @classmethod
    def from_list(cls, values: List[int]) -> LinkedList:
        """Build from a Python list.

        >>> LinkedList.from_list([]).to_list()
        []
        """
        ll = cls()
        for v in reversed(values):
            ll.prepend(v)
        return ll

    def prepend(self, value: int) -> None:
        """Insert at the head.

        >>> ll = LinkedList(); ll.prepend(5); ll.to_list()
        [5]
        """
        self.head = Node(value, self.head)
        self.size += 1

    def to_list(self) -> List[int]:
        """Values head to tail.

        >>> LinkedList.from_list([3, 1]).to_list()
        [3, 1]
        """
        out = []
        node = self.head
        while node is not None:
            out.append(node.value)
            node = node.next
        return out

    def reverse(self) -> None:
        """Reverse in place.

        >>> ll = LinkedList.from_list([1, 2, 3]); ll.reverse(); ll.to_list()
        [3, 2, 1]
        """
        prev = None
        node = self.head
        while node:
            node.next, prev, node = prev, node, node.next
        self.head = prev

    def __len__(self) -> int:
        """Number of nodes.

        >>> len(LinkedList())
        0
        """
        return self.size

    def __contains__(self, value: int) -> bool:
        """Linear membership test.

        >>> 2 in LinkedList.from_list([1, 2]), 9 in LinkedList.from_list([1, 2])
        (True, False)
        """
        node = self.head
        while node:
            if node.value == value:
                return True
            node = node.next
        return False


class Temperature:
    """Property-based unit conversion.

    >>> t = Temperature(25)
    >>> t.fahrenheit
    77.0
    >>> t.fahrenheit = 212
    >>> t.celsius
    100.0
    """

    def __init__(self, celsius: float) -> None:
        """Store the temperature in Celsius.

        >>> Temperature(21.5).celsius
        21.5
        """
        self.celsius = celsius

    @property
    def fahrenheit(self) -> float:
        """Derived Fahrenheit value.

        >>> Temperature(-40).fahrenheit
        -40.0
        """
        return self.celsius * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, value: float) -> None:
        """Set via Fahrenheit; stored as Celsius.

        >>> t = Temperature(0); t.fahrenheit = 50; t.celsius
        10.0
        """
        self.celsius = (value - 32) * 5 / 9

    @staticmethod
    def kelvin_to_celsius(k: float) -> float:
        """Static conversion helper.

        >>> Temperature.kelvin_to_celsius(273.15)
        0.0
        """
        return round(k - 273.15, 2)


class Shape:
    """Base class with polymorphic area()."""

    name: str = "shape"

    def area(self) -> float:
        """Overridden by subclasses.

        >>> Shape().area()
        Traceback (most recent call last):
        ...
        NotImplementedError
        """
        raise NotImplementedError

    def describe(self) -> str:
        """Uses the subclass's name and area.

        >>> Rectangle(2, 3).describe()
        'rectangle with area 6.00'
        """
        return f"{self.name} with area {self.area():.2f}"


class Rectangle(Shape):
    """Axis-aligned rectangle.

    >>> Rectangle(2, 3).area()
    6
    """

    name = "rectangle"

    def __init__(self, width: float, height: float) -> None:
        """Store the two side lengths.

        >>> Rectangle(2, 5).height
        5
        """
        self.width = width
        self.height = height

    def area(self) -> float:
        """width * height.

        >>> Rectangle(1.5, 4).area()
        6.0
        """
        return self.width * self.height


class Circle(Shape):
    """Circle.

    >>> Circle(1).describe()
    'circle with area 3.14'
    """

    name = "circle"

    def __init__(self, radius: float) -> None:
        """Store the radius.

        >>> Circle(0.5).radius
        0.5
        """
        self.radius = radius

    def area(self) -> float:
        """pi r^2.

        >>> round(Circle(2).area(), 3)
        12.566
        """
        return math.pi * self.radius ** 2


def total_area(shapes: List[Shape]) -> float:
    """Sum areas polymorphically, rounded to 2 places.

    >>> total_area([Rectangle(1, 2), Circle(1), Rectangle(0.5, 0.5)])
    5.39
    """
    return round(sum(s.area() for s in shapes), 2)
