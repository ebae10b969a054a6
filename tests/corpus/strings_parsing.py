"""Parsing small textual formats by hand."""

from typing import Dict, List, Optional, Tuple


def parse_csv_line(line: str, delimiter: str = ",") -> List[str]:
    '''Split a CSV line honouring double-quoted fields (with "" escapes).

    >>> parse_csv_line('a,"b,c",d')
    ['a', 'b,c', 'd']
    >>> parse_csv_line('"say ""hi""",x')
    ['say "hi"', 'x']
    >>> parse_csv_line('')
    ['']
    '''
    fields = []
    current = []
    in_quotes = False
    i = 0
    while i < len(line):
        ch = line[i]
        if in_quotes:
            if ch == '"':
                if i + 1 < len(line) and line[i + 1] == '"':
                    current.append('"')
                    i += 1
                else:
                    in_quotes = False
            else:
                current.append(ch)
        elif ch == '"':
            in_quotes = True
        elif ch == delimiter:
            fields.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    fields.append("".join(current))
    return fields


def parse_query_string(qs: str) -> Dict[str, List[str]]:
    """Parse 'a=1&b=2&a=3' keeping repeated keys; '+' decodes to space.

    >>> parse_query_string("a=1&b=two+words&a=3&flag")
    {'a': ['1', '3'], 'b': ['two words'], 'flag': ['']}
    >>> parse_query_string("")
    {}
    """
    result: Dict[str, List[str]] = {}
    if not qs:
        return result
    for part in qs.split("&"):
        key, _, value = part.partition("=")
        result.setdefault(key, []).append(value.replace("+", " "))
    return result


def parse_version(version: str) -> Tuple[int, ...]:
    """'1.10.3' -> (1, 10, 3).

    >>> parse_version("1.10.3")
    (1, 10, 3)
    >>> parse_version("2") < parse_version("10")
    True
    """
    return tuple(int(part) for part in version.split("."))


def compare_versions(a: str, b: str) -> int:
    """-1, 0 or 1; missing components count as zero.

    >>> compare_versions("1.2", "1.2.0"), compare_versions("1.2.1", "1.10"), compare_versions("3", "2.9")
    (0, -1, 1)
    """
    pa = [int(x) for x in a.split(".")]
    pb = [int(x) for x in b.split(".")]
    n = max(len(pa), len(pb))
    pa += [0] * (n - len(pa))
    pb += [0] * (n - len(pb))
    if pa < pb:
        return -1
    if pa > pb:
        return 1
    return 0


def parse_duration(text: str) -> int:
    """'1h30m15s' -> seconds.

    >>> parse_duration("1h30m15s")
    5415
    >>> parse_duration("45s")
    45
    >>> parse_duration("2d")
    172800
    """
    units = {"d": 86400, "h": 3600, "m": 60, "s": 1}
    total = 0
    number = ""
    for ch in text:
        if ch.isdigit():
            number += ch
        elif ch in units:
            if not number:
                raise ValueError(f"missing number before {ch!r}")
            total += int(number) * units[ch]
            number = ""
        else:
            raise ValueError(f"unexpected character {ch!r}")
    if number:
        raise ValueError("trailing number without unit")
    return total


def parse_ini(text: str) -> Dict[str, Dict[str, str]]:
    """Tiny INI parser: [sections], key = value, ';' and '#' comments.

    >>> cfg = parse_ini('''
    ... [server]
    ... host = example.org
    ... port=8080
    ... ; comment
    ... [client]
    ... retries = 3
    ... ''')
    >>> cfg
    {'server': {'host': 'example.org', 'port': '8080'}, 'client': {'retries': '3'}}
    """
    sections: Dict[str, Dict[str, str]] = {}
    current: Optional[str] = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in ";#":
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            sections.setdefault(current, {})
        elif "=" in line and current is not None:
            key, value = line.split("=", 1)
            sections[current][key.strip()] = value.strip()
    return sections


def parse_date(text: str) -> Tuple[int, int, int]:
    """Parse YYYY-MM-DD and validate ranges (no month-length check).

    >>> parse_date("2024-02-29")
    (2024, 2, 29)
    >>> parse_date("2024-13-01")
    Traceback (most recent call last):
    ...
    ValueError: month out of range: 13
    """
    year_s, month_s, day_s = text.split("-")
    year, month, day = int(year_s), int(month_s), int(day_s)
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range: {month}")
    if not 1 <= day <= 31:
        raise ValueError(f"day out of range: {day}")
    return year, month, day


def is_leap_year(year: int) -> bool:
    """Gregorian leap year.

    >>> [y for y in (1900, 2000, 2023, 2024) if is_leap_year(y)]
    [2000, 2024]
    """
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def day_of_year(date: str) -> int:
    """Ordinal day for YYYY-MM-DD.

    >>> day_of_year("2024-03-01"), day_of_year("2023-03-01"), day_of_year("2023-12-31")
    (61, 60, 365)
    """
    year, month, day = parse_date(date)
    lengths = [31, 29 if is_leap_year(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return sum(lengths[: month - 1]) + day


def parse_hex_color(color: str) -> Tuple[int, int, int]:
    """'#RRGGBB' or '#RGB' to an RGB tuple.

    >>> parse_hex_color("#ff8000")
    (255, 128, 0)
    >>> parse_hex_color("#0f0")
    (0, 255, 0)
    """
    h = color.lstrip("#")
    if len(h) == 3:
        h = "".join(ch * 2 for ch in h)
    if len(h) != 6:
        raise ValueError(f"bad colour: {color}")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def rgb_to_hex(r: int, g: int, b: int) -> str:
    """RGB tuple to '#rrggbb'.

    >>> rgb_to_hex(255, 128, 0)
    '#ff8000'
    """
    return "#{:02x}{:02x}{:02x}".format(r, g, b)


def roman_to_int(s: str) -> int:
    """Roman numerals to int.

    >>> roman_to_int("MCMXCIV"), roman_to_int("LVIII"), roman_to_int("IV")
    (1994, 58, 4)
    """
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(s):
        v = values[ch]
        if i + 1 < len(s) and values[s[i + 1]] > v:
            total -= v
        else:
            total += v
    return total


def int_to_roman(n: int) -> str:
    """int to Roman numerals (1..3999).

    >>> int_to_roman(1994), int_to_roman(3999), int_to_roman(4)
    ('MCMXCIV', 'MMMCMXCIX', 'IV')
    """
    table = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
             (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for value, numeral in table:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def evaluate_rpn(tokens: List[str]) -> int:
    """Evaluate reverse Polish notation with + - * / (division truncates toward zero).

    >>> evaluate_rpn(["2", "1", "+", "3", "*"])
    9
    >>> evaluate_rpn(["4", "13", "5", "/", "+"])
    6
    >>> evaluate_rpn(["7", "-2", "/"])
    -3
    """
    stack: List[int] = []
    for tok in tokens:
        if tok in ("+", "-", "*", "/"):
            b = stack.pop()
            a = stack.pop()
            if tok == "+":
                stack.append(a + b)
            elif tok == "-":
                stack.append(a - b)
            elif tok == "*":
                stack.append(a * b)
            else:
                stack.append(int(a / b))
        else:
            stack.append(int(tok))
    return stack[0]


def evaluate_expression(expr: str) -> int:
    """Evaluate + - * and parentheses over non-negative ints (recursive descent).

    >>> evaluate_expression("2 + 3 * 4")
    14
    >>> evaluate_expression("(2 + 3) * (4 - 6)")
    -10
    """
    tokens = expr.replace("(", " ( ").replace(")", " ) ").replace("+", " + ") \
        .replace("-", " - ").replace("*", " * ").split()
    pos = 0

    def peek() -> Optional[str]:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> str:
        nonlocal pos
        tok = tokens[pos]
        pos += 1
        return tok

    def factor() -> int:
        tok = take()
        if tok == "(":
            value = expression()
            take()
            return value
        return int(tok)

    def term() -> int:
        value = factor()
        while peek() == "*":
            take()
            value *= factor()
        return value

    def expression() -> int:
        value = term()
        while peek() in ("+", "-"):
            if take() == "+":
                value += term()
            else:
                value -= term()
        return value

    return expression()


def split_camel(name: str) -> List[str]:
    """Split a camelCase/PascalCase identifier into words.

    >>> split_camel("parseHTTPResponseCode")
    ['parse', 'HTTP', 'Response', 'Code']
    >>> split_camel("simple")
    ['simple']
    """
    words: List[str] = []
    current = ""
    for i, ch in enumerate(name):
        starts_word = ch.isupper() and current and (
            not current[-1].isupper() or (i + 1 < len(name) and name[i + 1].islower())
        )
        if starts_word:
            words.append(current)
            current = ch
        else:
            current += ch
    if current:
        words.append(current)
    return words


def parse_bool(text: str) -> bool:
    """Interpret common truthy/falsy spellings.

    >>> parse_bool("Yes"), parse_bool(" off "), parse_bool("1")
    (True, False, True)
    >>> parse_bool("maybe")
    Traceback (most recent call last):
    ...
    ValueError: not a boolean: 'maybe'
    """
    t = text.strip().lower()
    if t in ("1", "true", "yes", "y", "on"):
        return True
    if t in ("0", "false", "no", "n", "off", ""):
        return False
    raise ValueError(f"not a boolean: {text!r}")


def parse_range_list(spec: str) -> List[int]:
    """Expand '1-3,7,10-12' into a list of ints.

    >>> parse_range_list("1-3,7,10-12")
    [1, 2, 3, 7, 10, 11, 12]
    >>> parse_range_list("")
    []
    """
    out: List[int] = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part:
            lo, hi = part.split("-")
            out.extend(range(int(lo), int(hi) + 1))
        else:
            out.append(int(part))
    return out


def parse_kv_pairs(text: str) -> Dict[str, int]:
    """'a:1 b:2' -> {'a': 1, 'b': 2}; malformed pairs are skipped.

    >>> parse_kv_pairs("a:1 b:2 junk c:x d:4")
    {'a': 1, 'b': 2, 'd': 4}
    """
    result = {}
    for pair in text.split():
        if pair.count(":") != 1:
            continue
        key, value = pair.split(":")
        if value.lstrip("-").isdigit():
            result[key] = int(value)
    return result


def extract_numbers(text: str) -> List[float]:
    """Pull signed integers and decimals out of free text.

    >>> extract_numbers("Temp -3.5C at 14:05, humidity 80%")
    [-3.5, 14.0, 5.0, 80.0]
    """
    numbers = []
    token = ""
    for ch in text + " ":
        if ch.isdigit() or (ch == "." and token and "." not in token) or (ch == "-" and not token):
            token += ch
        else:
            if token and token not in ("-", "."):
                numbers.append(float(token))
            token = "-" if ch == "-" else ""
    return numbers
