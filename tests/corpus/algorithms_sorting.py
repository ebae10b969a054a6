"""Sorting algorithms written out by hand, plus a few sort-based helpers."""

from typing import List, Sequence, Tuple


def bubble_sort(items: List[int]) -> List[int]:
    """Bubble sort returning a new list; stops early once a pass makes no swaps.

    >>> bubble_sort([5, 1, 4, 2, 8])
    [1, 2, 4, 5, 8]
    >>> bubble_sort([])
    []
    """
    result = items[:]
    n = len(result)
    for i in range(n):
        swapped = False
        for j in range(0, n - i - 1):
            if result[j] > result[j + 1]:
                result[j], result[j + 1] = result[j + 1], result[j]
                swapped = True
        if not swapped:
            break
    return result


def insertion_sort(items: List[int]) -> List[int]:
    """Insertion sort, in place; the same list is returned for convenience.

    >>> data = [3, -1, 2, -1, 0]
    >>> insertion_sort(data)
    [-1, -1, 0, 2, 3]
    >>> data
    [-1, -1, 0, 2, 3]
    """
    for i in range(1, len(items)):
        key = items[i]
        j = i - 1
        while j >= 0 and items[j] > key:
            items[j + 1] = items[j]
            j -= 1
        items[j + 1] = key
    return items


def selection_sort(items: list[int]) -> list[int]:
    """Selection sort on a copy.

    >>> selection_sort([64, 25, 12, 22, 11])
    [11, 12, 22, 25, 64]
    """
    arr = list(items)
    for i in range(len(arr)):
        smallest = i
        for j in range(i + 1, len(arr)):
            if arr[j] < arr[smallest]:
                smallest = j
        arr[i], arr[smallest] = arr[smallest], arr[i]
    return arr


def merge(left: List[int], right: List[int]) -> List[int]:
    """Merge two sorted lists into one sorted list.

    >>> merge([1, 4, 9], [2, 3, 10, 11])
    [1, 2, 3, 4, 9, 10, 11]
    """
    out = []
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    out.extend(left[i:])
    out.extend(right[j:])
    return out


def merge_sort(items: List[int]) -> List[int]:
    """Top-down merge sort.

    >>> merge_sort([38, 27, 43, 3, 9, 82, 10])
    [3, 9, 10, 27, 38, 43, 82]
    >>> merge_sort([1])
    [1]
    """
    if len(items) <= 1:
        return items[:]
    mid = len(items) // 2
    return merge(merge_sort(items[:mid]), merge_sort(items[mid:]))


def quick_sort(items: List[int]) -> List[int]:
    """Quicksort with list comprehensions (not in place).

    >>> quick_sort([3, 6, 8, 10, 1, 2, 1])
    [1, 1, 2, 3, 6, 8, 10]
    """
    if len(items) <= 1:
        return list(items)
    pivot = items[len(items) // 2]
    less = [x for x in items if x < pivot]
    equal = [x for x in items if x == pivot]
    greater = [x for x in items if x > pivot]
    return quick_sort(less) + equal + quick_sort(greater)


def partition(arr: List[int], lo: int, hi: int) -> int:
    """Lomuto partition of arr[lo..hi] around arr[hi]; returns the pivot's final index.

    >>> a = [4, 7, 2, 6, 5]
    >>> partition(a, 0, 4)
    2
    >>> a
    [4, 2, 5, 6, 7]
    """
    pivot = arr[hi]
    i = lo
    for j in range(lo, hi):
        if arr[j] < pivot:
            arr[i], arr[j] = arr[j], arr[i]
            i += 1
    arr[i], arr[hi] = arr[hi], arr[i]
    return i


def quick_sort_in_place(arr: List[int], lo: int = 0, hi: int | None = None) -> None:
    """In-place quicksort using `partition`.

    >>> a = [9, -3, 5, 0, 5, 1]
    >>> quick_sort_in_place(a)
    >>> a
    [-3, 0, 1, 5, 5, 9]
    """
    if hi is None:
        hi = len(arr) - 1
    if lo < hi:
        p = partition(arr, lo, hi)
        quick_sort_in_place(arr, lo, p - 1)
        quick_sort_in_place(arr, p + 1, hi)


def counting_sort(items: List[int], max_value: int) -> List[int]:
    """Counting sort for small non-negative ints.

    >>> counting_sort([4, 2, 2, 8, 3, 3, 1], 8)
    [1, 2, 2, 3, 3, 4, 8]
    """
    counts = [0] * (max_value + 1)
    for x in items:
        counts[x] += 1
    out = []
    for value, c in enumerate(counts):
        out.extend([value] * c)
    return out


def shell_sort(items: List[int]) -> List[int]:
    """Shell sort with the halving gap sequence.

    >>> shell_sort([12, 34, 54, 2, 3])
    [2, 3, 12, 34, 54]
    """
    arr = items.copy()
    gap = len(arr) // 2
    while gap > 0:
        for i in range(gap, len(arr)):
            temp = arr[i]
            j = i
            while j >= gap and arr[j - gap] > temp:
                arr[j] = arr[j - gap]
                j -= gap
            arr[j] = temp
        gap //= 2
    return arr


def heapify(arr: List[int], n: int, i: int) -> None:
    """Sift arr[i] down in a max-heap of size n.

    >>> a = [1, 5, 3]
    >>> heapify(a, 3, 0)
    >>> a
    [5, 1, 3]
    """
    largest = i
    left, right = 2 * i + 1, 2 * i + 2
    if left < n and arr[left] > arr[largest]:
        largest = left
    if right < n and arr[right] > arr[largest]:
        largest = right
    if largest != i:
        arr[i], arr[largest] = arr[largest], arr[i]
        heapify(arr, n, largest)


def heap_sort(items: List[int]) -> List[int]:
    """Heap sort on a copy.

    >>> heap_sort([12, 11, 13, 5, 6, 7])
    [5, 6, 7, 11, 12, 13]
    """
    arr = list(items)
    n = len(arr)
    for i in range(n // 2 - 1, -1, -1):
        heapify(arr, n, i)
    for end in range(n - 1, 0, -1):
        arr[0], arr[end] = arr[end], arr[0]
        heapify(arr, end, 0)
    return arr


def sort_by_length(words: List[str]) -> List[str]:
    """Sort words by length, then alphabetically.

    >>> sort_by_length(["pear", "fig", "apple", "kiwi"])
    ['fig', 'kiwi', 'pear', 'apple']
    """
    return sorted(words, key=lambda w: (len(w), w))


def sort_desc(values: List[float]) -> List[float]:
    """Descending sort.

    >>> sort_desc([1.5, -2.0, 3.25])
    [3.25, 1.5, -2.0]
    """
    return sorted(values, reverse=True)


def sort_records(records: List[Tuple[str, int]]) -> List[Tuple[str, int]]:
    """Sort (name, score) by score descending, name ascending, in place.

    >>> recs = [("bo", 3), ("al", 5), ("cy", 3)]
    >>> sort_records(recs)
    [('al', 5), ('bo', 3), ('cy', 3)]
    """
    records.sort(key=lambda r: (-r[1], r[0]))
    return records


def is_sorted(items: Sequence[int]) -> bool:
    """True if non-decreasing.

    >>> is_sorted([1, 2, 2, 5])
    True
    >>> is_sorted([3, 1])
    False
    >>> is_sorted([])
    True
    """
    return all(items[i] <= items[i + 1] for i in range(len(items) - 1))


def stable_sort_by_parity(nums: List[int]) -> List[int]:
    """Evens first, odds after, keeping relative order (sort is stable).

    >>> stable_sort_by_parity([3, 8, 5, 2, 7, 4])
    [8, 2, 4, 3, 5, 7]
    """
    return sorted(nums, key=lambda n: n % 2)


def kth_smallest(items: List[int], k: int) -> int:
    """k-th smallest element (1-based).

    >>> kth_smallest([7, 10, 4, 3, 20, 15], 3)
    7
    """
    if not 1 <= k <= len(items):
        raise IndexError("k out of range")
    return sorted(items)[k - 1]


def count_inversions(items: List[int]) -> int:
    """Number of pairs i < j with items[i] > items[j] (quadratic version).

    >>> count_inversions([2, 4, 1, 3, 5])
    3
    >>> count_inversions([5, 4, 3, 2, 1])
    10
    """
    count = 0
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if items[i] > items[j]:
                count += 1
    return count


def dutch_flag(colors: List[int]) -> List[int]:
    """Sort a list of 0s, 1s and 2s in one pass, in place.

    >>> dutch_flag([2, 0, 2, 1, 1, 0])
    [0, 0, 1, 1, 2, 2]
    """
    low, mid, high = 0, 0, len(colors) - 1
    while mid <= high:
        if colors[mid] == 0:
            colors[low], colors[mid] = colors[mid], colors[low]
            low += 1
            mid += 1
        elif colors[mid] == 1:
            mid += 1
        else:
            colors[mid], colors[high] = colors[high], colors[mid]
            high -= 1
    return colors


def rank_scores(scores: List[int]) -> List[int]:
    """Dense rank of each score (highest score gets rank 1).

    >>> rank_scores([100, 90, 90, 80])
    [1, 2, 2, 3]
    """
    distinct = sorted(set(scores), reverse=True)
    rank = {s: i + 1 for i, s in enumerate(distinct)}
    return [rank[s] for s in scores]
