"""List manipulation: the list methods, slicing and in-place mutation."""

from typing import List, Optional, Sequence, Tuple


def append_squares(out: List[int], n: int) -> List[int]:
    """Append 0**2 .. (n-1)**2 to out (mutates) and return it.

    >>> acc = [100]
    >>> append_squares(acc, 4)
    [100, 0, 1, 4, 9]
    >>> acc
    [100, 0, 1, 4, 9]
    """
    for i in range(n):
        out.append(i * i)
    return out


def extend_unique(target: List[int], extra: List[int]) -> List[int]:
    """Extend target with the values of extra it does not already contain.

    >>> extend_unique([1, 2], [2, 3, 3, 4])
    [1, 2, 3, 4]
    """
    fresh = []
    for x in extra:
        if x not in target and x not in fresh:
            fresh.append(x)
    target.extend(fresh)
    return target


def insert_sorted(items: List[int], value: int) -> List[int]:
    """Insert value keeping an ascending list sorted.

    >>> insert_sorted([1, 3, 5], 4)
    [1, 3, 4, 5]
    >>> insert_sorted([], 7)
    [7]
    >>> insert_sorted([2, 3], 9)
    [2, 3, 9]
    """
    for i, x in enumerate(items):
        if value < x:
            items.insert(i, value)
            return items
    items.append(value)
    return items


def pop_last_n(items: List[str], n: int) -> List[str]:
    """Pop n items from the end; returns them in popped order.

    >>> stack = ["a", "b", "c", "d"]
    >>> pop_last_n(stack, 2)
    ['d', 'c']
    >>> stack
    ['a', 'b']
    """
    popped = []
    for _ in range(min(n, len(items))):
        popped.append(items.pop())
    return popped


def pop_front(items: List[int]) -> Optional[int]:
    """pop(0), or None when empty.

    >>> q = [5, 6]
    >>> pop_front(q), q
    (5, [6])
    >>> pop_front([]) is None
    True
    """
    return items.pop(0) if items else None


def remove_all(items: List[int], value: int) -> int:
    """Remove every occurrence with list.remove; returns how many were removed.

    >>> data = [1, 2, 1, 3, 1]
    >>> remove_all(data, 1)
    3
    >>> data
    [2, 3]
    """
    removed = 0
    while value in items:
        items.remove(value)
        removed += 1
    return removed


def index_of_all(items: List[str], value: str) -> List[int]:
    """All indices of value using list.index with a start position.

    >>> index_of_all(["x", "y", "x", "x"], "x")
    [0, 2, 3]
    """
    positions = []
    start = 0
    while True:
        try:
            i = items.index(value, start)
        except ValueError:
            break
        positions.append(i)
        start = i + 1
    return positions


def most_frequent(items: List[int]) -> int:
    """Most frequent value via list.count; the first such value wins ties.

    >>> most_frequent([3, 1, 3, 2, 1])
    3
    """
    return max(items, key=items.count)


def sort_people(people: List[Tuple[str, int]], by_age: bool = True) -> List[Tuple[str, int]]:
    """Sort in place by age descending, or by name.

    >>> folks = [("ann", 31), ("bob", 25), ("cat", 40)]
    >>> sort_people(folks)
    [('cat', 40), ('ann', 31), ('bob', 25)]
    >>> sort_people(folks, by_age=False)
    [('ann', 31), ('bob', 25), ('cat', 40)]
    """
    if by_age:
        people.sort(key=lambda p: p[1], reverse=True)
    else:
        people.sort()
    return people


def reverse_in_place(items: List[int]) -> List[int]:
    """list.reverse mutates and returns None; return the list ourselves.

    >>> reverse_in_place([1, 2, 3])
    [3, 2, 1]
    """
    items.reverse()
    return items


def reverse_manual(items: List[int]) -> None:
    """Two-pointer in-place reversal.

    >>> xs = [1, 2, 3, 4, 5]
    >>> reverse_manual(xs)
    >>> xs
    [5, 4, 3, 2, 1]
    """
    i, j = 0, len(items) - 1
    while i < j:
        items[i], items[j] = items[j], items[i]
        i += 1
        j -= 1


def safe_copy_append(items: List[int], value: int) -> List[int]:
    """Return a copy with value appended; the original is untouched.

    >>> original = [1, 2]
    >>> safe_copy_append(original, 3), original
    ([1, 2, 3], [1, 2])
    """
    copied = items.copy()
    copied.append(value)
    return copied


def delete_every_other(items: List[int]) -> List[int]:
    """del with a step slice.

    >>> delete_every_other([0, 1, 2, 3, 4, 5, 6])
    [1, 3, 5]
    """
    del items[::2]
    return items


def delete_range(items: List[int], start: int, stop: int) -> List[int]:
    """del items[start:stop] and del of a single index at the end.

    >>> delete_range([0, 1, 2, 3, 4, 5], 1, 3)
    [0, 3, 4]
    """
    del items[start:stop]
    if items:
        del items[-1]
    return items


def slice_views(items: Sequence[int]) -> Tuple[Sequence[int], ...]:
    """Common slices: first 3, last 3, middle, reversed, every second.

    >>> slice_views([0, 1, 2, 3, 4, 5, 6])
    ([0, 1, 2], [4, 5, 6], [1, 2, 3, 4, 5], [6, 5, 4, 3, 2, 1, 0], [0, 2, 4, 6])
    """
    return items[:3], items[-3:], items[1:-1], items[::-1], items[::2]


def replace_slice(items: List[int], start: int, stop: int, new: List[int]) -> List[int]:
    """Slice assignment may change the list length.

    >>> replace_slice([1, 2, 3, 4], 1, 3, [9, 9, 9])
    [1, 9, 9, 9, 4]
    >>> replace_slice([1, 2, 3], 0, 2, [])
    [3]
    """
    items[start:stop] = new
    return items


def second_largest(nums: List[int]) -> Optional[int]:
    """Second distinct largest value.

    >>> second_largest([4, 1, 4, 3])
    3
    >>> second_largest([7, 7]) is None
    True
    """
    distinct = sorted(set(nums))
    return distinct[-2] if len(distinct) >= 2 else None


def move_zeros(nums: List[int]) -> List[int]:
    """Move zeros to the end in place, keeping order of the rest.

    >>> move_zeros([0, 1, 0, 3, 12])
    [1, 3, 12, 0, 0]
    """
    write = 0
    for read in range(len(nums)):
        if nums[read] != 0:
            nums[write], nums[read] = nums[read], nums[write]
            write += 1
    return nums


def interleave(a: List[int], b: List[int]) -> List[int]:
    """Alternate elements; leftovers appended.

    >>> interleave([1, 3, 5, 7], [2, 4])
    [1, 2, 3, 4, 5, 7]
    """
    out = []
    for x, y in zip(a, b):
        out += [x, y]
    shorter = min(len(a), len(b))
    out.extend(a[shorter:])
    out.extend(b[shorter:])
    return out


def cumulative_product(nums: List[int]) -> List[int]:
    """Running product.

    >>> cumulative_product([1, 2, 3, 4])
    [1, 2, 6, 24]
    """
    out = []
    prod = 1
    for n in nums:
        prod *= n
        out.append(prod)
    return out


def product_except_self(nums: List[int]) -> List[int]:
    """For each i, product of all other elements without division.

    >>> product_except_self([1, 2, 3, 4])
    [24, 12, 8, 6]
    """
    n = len(nums)
    out = [1] * n
    left = 1
    for i in range(n):
        out[i] = left
        left *= nums[i]
    right = 1
    for i in range(n - 1, -1, -1):
        out[i] *= right
        right *= nums[i]
    return out


def split_at(items: List[int], pred_value: int) -> List[List[int]]:
    """Split on a separator value.

    >>> split_at([1, 2, 0, 3, 0, 0, 4], 0)
    [[1, 2], [3], [], [4]]
    """
    parts: List[List[int]] = [[]]
    for x in items:
        if x == pred_value:
            parts.append([])
        else:
            parts[-1].append(x)
    return parts


def remove_duplicates_sorted(nums: List[int]) -> int:
    """Compact a sorted list in place; returns the new logical length and truncates.

    >>> xs = [1, 1, 2, 3, 3, 3, 4]
    >>> remove_duplicates_sorted(xs), xs
    (4, [1, 2, 3, 4])
    """
    if not nums:
        return 0
    k = 1
    for i in range(1, len(nums)):
        if nums[i] != nums[k - 1]:
            nums[k] = nums[i]
            k += 1
    del nums[k:]
    return k


def matrix_column(matrix: List[List[int]], col: int) -> List[int]:
    """Extract one column; negative col counts from the right.

    >>> matrix_column([[1, 2, 3], [4, 5, 6]], -1)
    [3, 6]
    """
    return [row[col] for row in matrix]


def list_equal_ignoring_order(a: List[int], b: List[int]) -> bool:
    """Multiset equality via sorted copies.

    >>> list_equal_ignoring_order([1, 2, 2], [2, 1, 2]), list_equal_ignoring_order([1, 2], [1, 1])
    (True, False)
    """
    return sorted(a) == sorted(b)


def nested_sum(nested: List[List[int]]) -> int:
    """Sum of a list of lists.

    >>> nested_sum([[1, 2], [], [3, 4, 5]])
    15
    """
    total = 0
    for row in nested:
        total += sum(row)
    return total
