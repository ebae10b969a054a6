"""Raising and handling built-in exceptions; assertions as contracts."""

from typing import Dict, List, Optional, Sequence, Tuple


def safe_int(text: str, default: int = 0) -> int:
    """int() with a fallback.

    >>> safe_int("17"), safe_int("x"), safe_int("3.5", -1)
    (17, 0, -1)
    """
    try:
        return int(text)
    except ValueError:
        return default


def checked_sqrt(x: float) -> float:
    """Raise ValueError for negatives.

    >>> checked_sqrt(2.25)
    1.5
    >>> checked_sqrt(-1)
    Traceback (most recent call last):
    ...
    ValueError: cannot take sqrt of negative number -1
    """
    if x < 0:
        raise ValueError(f"cannot take sqrt of negative number {x}")
    return x ** 0.5


def get_item(items: Sequence[int], index: int) -> int:
    """Bounds-checked indexing with a helpful IndexError.

    >>> get_item([10, 20, 30], -1)
    30
    >>> get_item([10, 20, 30], 3)
    Traceback (most recent call last):
    ...
    IndexError: index 3 out of range for length 3
    """
    if not -len(items) <= index < len(items):
        raise IndexError(f"index {index} out of range for length {len(items)}")
    return items[index]


def divide(a: float, b: float) -> float:
    """Let ZeroDivisionError propagate.

    >>> divide(9, 3)
    3.0
    >>> divide(1, 0)
    Traceback (most recent call last):
    ...
    ZeroDivisionError: division by zero
    """
    return a / b


def safe_divide(a: float, b: float) -> Optional[float]:
    """Catch ZeroDivisionError and return None.

    >>> safe_divide(1, 4), safe_divide(1, 0)
    (0.25, None)
    """
    try:
        return a / b
    except ZeroDivisionError:
        return None


def require_keys(d: Dict[str, object], keys: List[str]) -> None:
    """Raise KeyError naming the first missing key.

    >>> require_keys({"a": 1}, ["a"])
    >>> require_keys({"a": 1}, ["a", "b"])
    Traceback (most recent call last):
    ...
    KeyError: 'b'
    """
    for k in keys:
        if k not in d:
            raise KeyError(k)


def lookup_or_default(d: Dict[str, int], key: str) -> int:
    """try/except KeyError around indexing.

    >>> lookup_or_default({"a": 1}, "a"), lookup_or_default({"a": 1}, "b")
    (1, -1)
    """
    try:
        return d[key]
    except KeyError:
        return -1


def parse_age(text: str) -> int:
    """Validate an age with chained checks.

    >>> parse_age("42")
    42
    >>> parse_age("-3")
    Traceback (most recent call last):
    ...
    ValueError: age must be between 0 and 150, got -3
    >>> parse_age("abc")
    Traceback (most recent call last):
    ...
    ValueError: invalid literal for int() with base 10: 'abc'
    """
    age = int(text)
    if not 0 <= age <= 150:
        raise ValueError(f"age must be between 0 and 150, got {age}")
    return age


def type_checked_add(a: object, b: object) -> int:
    """Raise TypeError for non-ints (bools rejected too).

    >>> type_checked_add(2, 3)
    5
    >>> type_checked_add(2, "3")
    Traceback (most recent call last):
    ...
    TypeError: expected ints, got int and str
    """
    if not isinstance(a, int) or not isinstance(b, int) or isinstance(a, bool) or isinstance(b, bool):
        raise TypeError(f"expected ints, got {type(a).__name__} and {type(b).__name__}")
    return a + b


def mean_asserting(values: List[float]) -> float:
    """assert as a precondition.

    >>> mean_asserting([1, 2, 3])
    2.0
    >>> mean_asserting([])
    Traceback (most recent call last):
    ...
    AssertionError: values must not be empty
    """
    assert len(values) > 0, "values must not be empty"
    return sum(values) / len(values)


def normalize_weights(weights: List[float]) -> List[float]:
    """Normalize to sum 1; asserts no negative weights.

    >>> normalize_weights([1, 1, 2])
    [0.25, 0.25, 0.5]
    """
    assert all(w >= 0 for w in weights)
    total = sum(weights)
    if total == 0:
        raise ValueError("weights sum to zero")
    return [w / total for w in weights]


def first_valid_number(tokens: List[str]) -> float:
    """First token that parses as float; else raise ValueError.

    >>> first_valid_number(["x", "", "2.5e3", "7"])
    2500.0
    >>> first_valid_number(["a"])
    Traceback (most recent call last):
    ...
    ValueError: no numeric token
    """
    for tok in tokens:
        try:
            return float(tok)
        except ValueError:
            continue
    raise ValueError("no numeric token")


def try_else_finally(values: List[int], log: List[str]) -> int:
    """try/except/else/finally ordering recorded in log.

    >>> log = []
    >>> try_else_finally([4, 2], log), log
    (2, ['else', 'finally'])
    >>> log = []
    >>> try_else_finally([4, 0], log), log
    (-1, ['except', 'finally'])
    """
    try:
        result = values[0] // values[1]
    except ZeroDivisionError:
        log.append("except")
        result = -1
    else:
        log.append("else")
    finally:
        log.append("finally")
    return result


def multiple_excepts(data: Dict[str, List[int]], key: str, index: int) -> str:
    """Handle several exception types separately.

    >>> d = {"a": [1, 2]}
    >>> multiple_excepts(d, "a", 1), multiple_excepts(d, "b", 0), multiple_excepts(d, "a", 5)
    ('value 2', 'missing key b', 'bad index 5')
    """
    try:
        return f"value {data[key][index]}"
    except KeyError as exc:
        return f"missing key {exc.args[0]}"
    except IndexError:
        return f"bad index {index}"


def combined_except(text: str, divisor: int) -> Optional[int]:
    """Catch a tuple of exception types.

    >>> combined_except("10", 2), combined_except("ten", 2), combined_except("10", 0)
    (5, None, None)
    """
    try:
        return int(text) // divisor
    except (ValueError, ZeroDivisionError):
        return None


def reraise_with_context(text: str) -> int:
    """Wrap a ValueError with a clearer message (raise ... from ...).

    >>> reraise_with_context("12")
    12
    >>> reraise_with_context("1 2")
    Traceback (most recent call last):
    ...
    ValueError: bad port number: '1 2'
    """
    try:
        return int(text)
    except ValueError as exc:
        raise ValueError(f"bad port number: {text!r}") from exc


def pop_or_raise(stack: List[int]) -> int:
    """list.pop raises IndexError on empty lists.

    >>> pop_or_raise([1, 2])
    2
    >>> pop_or_raise([])
    Traceback (most recent call last):
    ...
    IndexError: pop from empty list
    """
    return stack.pop()


def validate_matrix(rows: List[List[int]]) -> Tuple[int, int]:
    """Return (rows, cols) or raise for ragged/empty input.

    >>> validate_matrix([[1, 2], [3, 4], [5, 6]])
    (3, 2)
    >>> validate_matrix([[1, 2], [3]])
    Traceback (most recent call last):
    ...
    ValueError: row 1 has 1 columns, expected 2
    """
    if not rows or not rows[0]:
        raise ValueError("empty matrix")
    width = len(rows[0])
    for i, row in enumerate(rows):
        if len(row) != width:
            raise ValueError(f"row {i} has {len(row)} columns, expected {width}")
    return len(rows), width


def count_errors(items: List[str]) -> Dict[str, int]:
    """Classify conversion failures by exception type name.

    >>> count_errors(["1", "x", "2", "", "y"])
    {'ok': 2, 'ValueError': 3}
    """
    counts: Dict[str, int] = {}
    for item in items:
        try:
            int(item)
            key = "ok"
        except Exception as exc:
            key = type(exc).__name__
        counts[key] = counts.get(key, 0) + 1
    return counts


def withdraw(balance: int, amount: int) -> int:
    """Several validation branches with different exception types.

    >>> withdraw(100, 30)
    70
    >>> withdraw(100, -5)
    Traceback (most recent call last):
    ...
    ValueError: amount must be positive
    >>> withdraw(10, 30)
    Traceback (most recent call last):
    ...
    ArithmeticError: insufficient funds: balance 10, requested 30
    """
    if amount <= 0:
        raise ValueError("amount must be positive")
    if amount > balance:
        raise ArithmeticError(f"insufficient funds: balance {balance}, requested {amount}")
    return balance - amount


def retry(attempt_results: List[bool], max_attempts: int = 3) -> int:
    """Number of attempts until success; RuntimeError when giving up.

    >>> retry([False, True])
    2
    >>> retry([False, False, False, True])
    Traceback (most recent call last):
    ...
    RuntimeError: gave up after 3 attempts
    """
    for attempt in range(1, max_attempts + 1):
        if attempt <= len(attempt_results) and attempt_results[attempt - 1]:
            return attempt
    raise RuntimeError(f"gave up after {max_attempts} attempts")


def not_implemented_op(op: str) -> int:
    """NotImplementedError for unsupported operations.

    >>> not_implemented_op("one")
    1
    >>> not_implemented_op("two")
    Traceback (most recent call last):
    ...
    NotImplementedError: operation 'two' is not supported yet
    """
    if op == "one":
        return 1
    raise NotImplementedError(f"operation {op!r} is not supported yet")
