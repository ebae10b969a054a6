"""Control flow: branches, loops, break/continue, loop-else, early returns."""

from typing import List, Optional, Tuple


def fizzbuzz(n: int) -> List[str]:
    """Classic FizzBuzz.

    >>> fizzbuzz(15)[-5:]
    ['11', 'Fizz', '13', '14', 'FizzBuzz']
    """
    out = []
    for i in range(1, n + 1):
        if i % 15 == 0:
            out.append("FizzBuzz")
        elif i % 3 == 0:
            out.append("Fizz")
        elif i % 5 == 0:
            out.append("Buzz")
        else:
            out.append(str(i))
    return out


def print_fizzbuzz(n: int) -> None:
    """Print FizzBuzz lines.

    >>> print_fizzbuzz(5)
    1
    2
    Fizz
    4
    Buzz
    """
    for line in fizzbuzz(n):
        print(line)


def grade(score: float) -> str:
    """Letter grade from a percentage.

    >>> [grade(s) for s in (95, 85.5, 72, 65, 12)]
    ['A', 'B', 'C', 'D', 'F']
    """
    if score >= 90:
        return "A"
    elif score >= 80:
        return "B"
    elif score >= 70:
        return "C"
    elif score >= 60:
        return "D"
    else:
        return "F"


def classify_triangle(a: int, b: int, c: int) -> str:
    """Triangle type from side lengths.

    >>> classify_triangle(3, 3, 3), classify_triangle(3, 3, 5), classify_triangle(3, 4, 5), classify_triangle(1, 2, 9)
    ('equilateral', 'isosceles', 'scalene', 'invalid')
    """
    x, y, z = sorted((a, b, c))
    if x <= 0 or x + y <= z:
        return "invalid"
    if x == z:
        return "equilateral"
    if x == y or y == z:
        return "isosceles"
    return "scalene"


def countdown(n: int) -> List[int]:
    """range with a negative step.

    >>> countdown(5)
    [5, 4, 3, 2, 1, 0]
    >>> countdown(-1)
    []
    """
    return [i for i in range(n, -1, -1)]


def evens_descending(hi: int, lo: int) -> List[int]:
    """Even numbers from hi down to lo inclusive.

    >>> evens_descending(10, 3)
    [10, 8, 6, 4]
    >>> evens_descending(9, 0)
    [8, 6, 4, 2, 0]
    """
    start = hi if hi % 2 == 0 else hi - 1
    return list(range(start, lo - 1, -2))


def first_negative(nums: List[int]) -> Optional[int]:
    """Index of the first negative number, using break.

    >>> first_negative([3, 0, -2, -5]), first_negative([1, 2])
    (2, None)
    """
    found = None
    for i, n in enumerate(nums):
        if n < 0:
            found = i
            break
    return found


def sum_skipping_multiples(n: int, skip: int) -> int:
    """Sum 1..n skipping multiples of skip, using continue.

    >>> sum_skipping_multiples(10, 3)
    37
    """
    total = 0
    for i in range(1, n + 1):
        if i % skip == 0:
            continue
        total += i
    return total


def is_prime_for_else(n: int) -> bool:
    """Prime test with for...else.

    >>> [k for k in range(2, 20) if is_prime_for_else(k)]
    [2, 3, 5, 7, 11, 13, 17, 19]
    """
    if n < 2:
        return False
    for d in range(2, n):
        if d * d > n:
            break
        if n % d == 0:
            return False
    else:
        return True
    return True


def find_pair_for_else(nums: List[int], target: int) -> str:
    """Report whether two numbers sum to target, using for...else.

    >>> find_pair_for_else([1, 4, 6], 10), find_pair_for_else([1, 4, 6], 3)
    ('4+6', 'none')
    """
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] + nums[j] == target:
                result = f"{nums[i]}+{nums[j]}"
                break
        else:
            continue
        break
    else:
        result = "none"
    return result


def while_else_search(items: List[str], target: str) -> int:
    """while...else: the else runs only if the loop was not broken.

    >>> while_else_search(["a", "b", "c"], "b"), while_else_search(["a"], "z")
    (1, -1)
    """
    i = 0
    while i < len(items):
        if items[i] == target:
            break
        i += 1
    else:
        return -1
    return i


def digits_reversed(n: int) -> List[int]:
    """While loop consuming digits.

    >>> digits_reversed(1234), digits_reversed(0)
    ([4, 3, 2, 1], [])
    """
    out = []
    while n > 0:
        out.append(n % 10)
        n //= 10
    return out


def collatz_sequence(n: int) -> List[int]:
    """Collatz sequence from n down to 1.

    >>> collatz_sequence(6)
    [6, 3, 10, 5, 16, 8, 4, 2, 1]
    """
    seq = [n]
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        seq.append(n)
    return seq


def guess_number(secret: int, guesses: List[int]) -> str:
    """Simulate a guessing game; report after how many tries it was won.

    >>> guess_number(42, [50, 25, 42, 1])
    'won in 3'
    >>> guess_number(7, [1, 2])
    'lost'
    """
    tries = 0
    for g in guesses:
        tries += 1
        if g == secret:
            return f"won in {tries}"
    return "lost"


def bounded_loop(limit: int) -> Tuple[int, int]:
    """Double a value until it passes a limit; count iterations.

    >>> bounded_loop(100)
    (128, 7)
    """
    value, steps = 1, 0
    while True:
        value *= 2
        steps += 1
        if value > limit:
            break
    return value, steps


def truthiness(values: List[object]) -> List[bool]:
    """Python truthiness of assorted values.

    >>> truthiness([0, 1, "", "a", [], [0], None, 0.0, -1])
    [False, True, False, True, False, True, False, False, True]
    """
    return [bool(v) for v in values]


def describe_list(items: List[int]) -> str:
    """Truthiness-driven branches on a list.

    >>> describe_list([]), describe_list([5]), describe_list([1, 2, 3])
    ('empty', 'single: 5', 'many: 3')
    """
    if not items:
        return "empty"
    if len(items) == 1:
        return f"single: {items[0]}"
    return f"many: {len(items)}"


def default_name(name: Optional[str]) -> str:
    """`or` as a fallback.

    >>> default_name(None), default_name(""), default_name("ann")
    ('anonymous', 'anonymous', 'ann')
    """
    return name or "anonymous"


def leap_years_between(start: int, end: int) -> List[int]:
    """Leap years in [start, end], nested conditions.

    >>> leap_years_between(1896, 1912)
    [1896, 1904, 1908, 1912]
    """
    result = []
    for y in range(start, end + 1):
        if y % 4 == 0:
            if y % 100 == 0:
                if y % 400 == 0:
                    result.append(y)
            else:
                result.append(y)
    return result


def traffic_light(state: str) -> str:
    """match statement on strings.

    >>> traffic_light("green"), traffic_light("amber"), traffic_light("blue")
    ('amber', 'red', 'unknown')
    """
    match state:
        case "green":
            return "amber"
        case "amber" | "yellow":
            return "red"
        case "red":
            return "green"
        case _:
            return "unknown"


def staircase(n: int) -> str:
    """Right-aligned staircase.

    >>> print(staircase(4))
       #
      ##
     ###
    ####
    """
    lines = []
    for i in range(1, n + 1):
        lines.append(" " * (n - i) + "#" * i)
    return "\n".join(lines)


def nested_break(matrix: List[List[int]], target: int) -> Optional[Tuple[int, int]]:
    """Find target in a matrix; break out of two loops with a flag.

    >>> nested_break([[1, 2], [3, 4]], 3), nested_break([[1]], 9)
    ((1, 0), None)
    """
    found = None
    for r, row in enumerate(matrix):
        for c, value in enumerate(row):
            if value == target:
                found = (r, c)
                break
        if found is not None:
            break
    return found


def step_range_sum(start: int, stop: int, step: int) -> int:
    """Sum of range(start, stop, step) for any sign of step.

    >>> step_range_sum(0, 10, 3), step_range_sum(10, 0, -3), step_range_sum(5, 5, 1)
    (18, 22, 0)
    """
    total = 0
    for i in range(start, stop, step):
        total += i
    return total


def print_table(rows: List[Tuple[str, int]]) -> None:
    """Print aligned name/value rows.

    >>> print_table([("apples", 3), ("kiwis", 12)])
    apples     3
    kiwis     12
    """
    for name, value in rows:
        print(f"{name:<8}{value:>4}")
