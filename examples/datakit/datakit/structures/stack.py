"""A bounded LIFO stack."""

from typing import List, Optional


class Stack:
    """A stack of ints with an optional capacity.

    >>> s = Stack(capacity=2)
    >>> s.push(1); s.push(2)
    >>> s.push(3)
    Traceback (most recent call last):
    ...
    OverflowError: stack is full
    """

    def __init__(self, capacity: Optional[int] = None) -> None:
        """An empty stack; capacity None means unbounded.

        >>> Stack().capacity is None
        True
        """
        self.capacity = capacity
        self._items: List[int] = []

    def push(self, value: int) -> None:
        """Push a value.

        >>> s = Stack(); s.push(5); len(s)
        1
        """
        if self.capacity is not None and len(self._items) >= self.capacity:
            raise OverflowError("stack is full")
        self._items.append(value)

    def pop(self) -> int:
        """Remove and return the top value.

        >>> s = Stack(); s.push(1); s.push(2); s.pop()
        2
        >>> Stack().pop()
        Traceback (most recent call last):
        ...
        IndexError: pop from empty stack
        """
        if not self._items:
            raise IndexError("pop from empty stack")
        return self._items.pop()

    def peek(self) -> Optional[int]:
        """Top value without removing it, or None if empty.

        >>> s = Stack(); s.push(7); s.peek()
        7
        >>> Stack().peek() is None
        True
        """
        return self._items[-1] if self._items else None

    def is_empty(self) -> bool:
        """True when there is nothing on the stack.

        >>> Stack().is_empty()
        True
        """
        return not self._items

    def __len__(self) -> int:
        """Number of items.

        >>> s = Stack(); s.push(1); s.push(1); len(s)
        2
        """
        return len(self._items)

    def __repr__(self) -> str:
        """Show contents bottom to top.

        >>> s = Stack(3); s.push(1); s.push(2); s
        Stack([1, 2], capacity=3)
        """
        return f"Stack({self._items!r}, capacity={self.capacity})"


def balanced_brackets(text: str) -> bool:
    """Check bracket balance using a stack of opening positions.

    >>> balanced_brackets("{[()()]}")
    True
    >>> balanced_brackets("([)]")
    False
    >>> balanced_brackets("((")
    False
    """
    pairs = {")": "(", "]": "[", "}": "{"}
    stack: List[str] = []
    for ch in text:
        if ch in "([{":
            stack.append(ch)
        elif ch in pairs:
            if not stack or stack.pop() != pairs[ch]:
                return False
    return not stack
