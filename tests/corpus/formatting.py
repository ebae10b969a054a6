"""String formatting: f-strings, format specs, str()/repr() of numbers."""

from typing import Dict, List, Sequence, Tuple

CURRENCY_SYMBOL = "$"


def greet(name: str, age: int) -> str:
    """Basic f-string interpolation.

    >>> greet("Ada", 36)
    'Hello, Ada! You are 36 years old.'
    """
    return f"Hello, {name}! You are {age} years old."


def money(amount: float) -> str:
    """Thousands separator and two decimals.

    >>> money(1234567.891), money(-0.5), money(0)
    ('$1,234,567.89', '-$0.50', '$0.00')
    """
    sign = "-" if amount < 0 else ""
    return f"{sign}{CURRENCY_SYMBOL}{abs(amount):,.2f}"


def percent(fraction: float, places: int = 1) -> str:
    """Percent format spec with a variable precision.

    >>> percent(0.256), percent(1 / 3, 3), percent(1)
    ('25.6%', '33.333%', '100.0%')
    """
    return f"{fraction:.{places}%}"


def padded_table(rows: List[Tuple[str, int, float]]) -> str:
    """Aligned columns with width/alignment specs.

    >>> print(padded_table([("apple", 3, 1.5), ("kiwi", 12, 0.25)]))
    name      | qty |  price
    apple     |   3 |   1.50
    kiwi      |  12 |   0.25
    """
    lines = [f"{'name':<10}| {'qty':>3} | {'price':>6}"]
    for name, qty, price in rows:
        lines.append(f"{name:<10}| {qty:>3} | {price:>6.2f}")
    return "\n".join(lines)


def centered_title(title: str, width: int = 20, fill: str = "=") -> str:
    """Center alignment with a fill character.

    >>> centered_title("Report")
    '=======Report======='
    """
    return f"{title:{fill}^{width}}"


def hex_bin_oct(n: int) -> List[str]:
    """Integer presentation types.

    >>> hex_bin_oct(255)
    ['ff', 'FF', '0xff', '11111111', '0b11111111', '377', '0o377']
    >>> hex_bin_oct(-10)
    ['-a', '-A', '-0xa', '-1010', '-0b1010', '-12', '-0o12']
    """
    return [f"{n:x}", f"{n:X}", f"{n:#x}", f"{n:b}", f"{n:#b}", f"{n:o}", f"{n:#o}"]


def zero_padded(n: int, width: int) -> str:
    """Zero padding via format spec, sign-aware.

    >>> zero_padded(42, 6), zero_padded(-42, 6)
    ('000042', '-00042')
    """
    return f"{n:0{width}d}"


def signed(values: Sequence[float]) -> List[str]:
    """Always show the sign.

    >>> signed([1, -2.5, 0])
    ['+1', '-2.5', '+0']
    """
    return [f"{v:+}" for v in values]


def scientific(x: float, digits: int = 2) -> str:
    """Exponent notation.

    >>> scientific(123456.789), scientific(0.000123, 1)
    ('1.23e+05', '1.2e-04')
    """
    return f"{x:.{digits}e}"


def general_format(values: List[float]) -> List[str]:
    """The 'g' presentation type switches notation.

    >>> general_format([0.0001, 123456789.0, 1.5, 100.0])
    ['0.0001', '1.23457e+08', '1.5', '100']
    """
    return [f"{v:g}" for v in values]


def float_str_repr(values: List[float]) -> List[str]:
    """str() of floats uses the shortest round-tripping repr.

    >>> float_str_repr([0.1, 1 / 3, 1e16, 1e-5, 2.0, 100.0, 1e22, 0.1 + 0.2])
    ['0.1', '0.3333333333333333', '1e+16', '1e-05', '2.0', '100.0', '1e+22', '0.30000000000000004']
    """
    return [str(v) for v in values]


def repr_vs_str(value: str) -> Tuple[str, str]:
    """repr quotes and escapes; str does not.

    >>> repr_vs_str("it's")
    ("it's", '"it\\'s"')
    >>> repr_vs_str("tab\\there")
    ('tab\\there', "'tab\\\\there'")
    """
    return str(value), repr(value)


def debug_fstring(x: int, y: int) -> str:
    """The = specifier (3.8+) and !r conversion.

    >>> debug_fstring(3, 4)
    'x=3, y=4, total=7'
    >>> f"{'quoted'!r}"
    "'quoted'"
    """
    total = x + y
    return f"{x=}, {y=}, {total=}"


def format_method(name: str, score: float) -> str:
    """str.format with positional, keyword and indexed fields.

    >>> format_method("Bo", 9.456)
    'Bo scored 9.46 (Bo!)'
    """
    return "{0} scored {s:.2f} ({0}!)".format(name, s=score)


def percent_style(name: str, count: int, ratio: float) -> str:
    """Old %-style formatting still shows up in real code.

    >>> percent_style("files", 7, 0.4567)
    'files: 7 (45.7%)'
    """
    return "%s: %d (%.1f%%)" % (name, count, ratio * 100)


def format_duration(seconds: int) -> str:
    """HH:MM:SS with zero padding.

    >>> format_duration(3725), format_duration(59), format_duration(86399)
    ('01:02:05', '00:00:59', '23:59:59')
    """
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{h:02d}:{m:02d}:{s:02d}"


def human_bytes(size: int) -> str:
    """1024-based human-readable sizes.

    >>> human_bytes(512), human_bytes(2048), human_bytes(5 * 1024 ** 3), human_bytes(1536)
    ('512 B', '2.0 KiB', '5.0 GiB', '1.5 KiB')
    """
    units = ["B", "KiB", "MiB", "GiB", "TiB"]
    value = float(size)
    for unit in units:
        if value < 1024 or unit == units[-1]:
            if unit == "B":
                return f"{int(value)} {unit}"
            return f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st...

    >>> [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 102, 111)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '102nd', '111th']
    """
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def pluralize(count: int, word: str) -> str:
    """Naive pluralisation.

    >>> pluralize(1, "apple"), pluralize(3, "apple"), pluralize(0, "box"), pluralize(2, "city")
    ('1 apple', '3 apples', '0 boxes', '2 cities')
    """
    if count == 1:
        return f"{count} {word}"
    if word.endswith(("s", "x", "ch", "sh")):
        plural = word + "es"
    elif word.endswith("y") and word[-2:-1] not in "aeiou":
        plural = word[:-1] + "ies"
    else:
        plural = word + "s"
    return f"{count} {plural}"


def bar_chart(data: Dict[str, int], width: int = 10) -> str:
    """Scaled text bar chart.

    >>> print(bar_chart({"a": 5, "bb": 10, "c": 0}))
    a  | #####      | 5
    bb | ########## | 10
    c  |            | 0
    """
    top = max(data.values()) or 1
    label_w = max(len(k) for k in data)
    lines = []
    for label, value in data.items():
        bar = "#" * round(value / top * width)
        lines.append(f"{label:<{label_w}} | {bar:<{width}} | {value}")
    return "\n".join(lines)


def join_with_and(items: List[str]) -> str:
    """Human list joining with an Oxford comma.

    >>> join_with_and([]), join_with_and(["a"]), join_with_and(["a", "b"]), join_with_and(["a", "b", "c"])
    ('', 'a', 'a and b', 'a, b, and c')
    """
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} and {items[1]}"
    return ", ".join(items[:-1]) + f", and {items[-1]}"


def format_point(x: float, y: float) -> str:
    """Fixed-point with alignment inside a tuple-like string.

    >>> format_point(1, -2.345)
    '( 1.00, -2.35)'
    """
    return f"({x:5.2f}, {y:5.2f})"


def multiline_report(name: str, items: Dict[str, float]) -> str:
    """Build a report from several f-string lines.

    >>> print(multiline_report("Q1", {"rent": 1200.0, "food": 345.5}))
    Report: Q1
      rent      1,200.00
      food        345.50
      total     1,545.50
    """
    lines = [f"Report: {name}"]
    for key, value in items.items():
        lines.append(f"  {key:<8}{value:>10,.2f}")
    lines.append(f"  {'total':<8}{sum(items.values()):>10,.2f}")
    return "\n".join(lines)


def str_of_values() -> List[str]:
    """str() of assorted built-in values.

    >>> str_of_values()
    ['42', '-7', 'True', 'None', '[1, 2]', "{'a': 1}", '(1,)', '3.0', "['x']"]
    """
    return [str(42), str(-7), str(True), str(None), str([1, 2]), str({"a": 1}),
            str((1,)), str(3.0), str(["x"])]
