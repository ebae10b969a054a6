"""Python functions with inputs, used by the end-to-end tests (translated, built, run)."""

from __future__ import annotations

from .harness import Case

SCALARS = [
    Case(
        """
    def arith(a: int, b: int) -> tuple[int, int, int, float]:
        return (a // b, a % b, a * b - a, a / b)
    """,
        [(7, 2), (-7, 2), (7, -2), (-7, -2), (5, 0), (0, 3)],
    ),
    Case(
        """
    def floats(x: float, y: float) -> tuple[float, float, float]:
        return (x // y, x % y, x ** 2)
    """,
        [(7.5, 2.0), (-7.5, 2.0), (7.5, -2.0), (1.0, 0.0), (0.1, 0.3)],
    ),
    Case(
        """
    def powers(a: int, b: int) -> int:
        return a ** b + pow(a, b, 7)
    """,
        [(2, 10), (3, 0), (-3, 3), (10, 18)],
    ),
    Case(
        """
    def mixed(n: int, x: float) -> float:
        total = n + x
        total *= 2
        return total / 3 + abs(x) - abs(n)
    """,
        [(3, 0.5), (-2, -1.25), (0, 0.0)],
    ),
    Case(
        """
    def absdiv(a: int, b: int) -> tuple[int, int]:
        q, r = divmod(a, b)
        return abs(q), r
    """,
        [(17, 5), (-17, 5), (17, -5), (-9223372036854775807, 1)],
    ),
    Case(
        """
    def bits(a: int, b: int) -> tuple[int, int, int, int, int, int]:
        return (a & b, a | b, a ^ b, ~a, a << 3, a >> 2)
    """,
        [(12, 10), (-12, 3), (0, 0), (1 << 60, 5)],
    ),
    Case(
        """
    def chained(a: int, b: int, c: int) -> bool:
        return a < b <= c and not (a == c) or b != 0 and c > 10
    """,
        [(1, 2, 3), (3, 2, 1), (1, 1, 1), (0, 0, 11), (1, 5, 3), (0, 1, 0)],
    ),
    Case(
        """
    def classify(n: int) -> str:
        if n < 0:
            return "negative"
        elif n == 0:
            return "zero"
        elif n % 2 == 0:
            return "even"
        else:
            return "odd"
    """,
        [(-5,), (0,), (4,), (7,)],
    ),
    Case(
        """
    def collatz(n: int) -> int:
        steps = 0
        while n != 1:
            if n % 2 == 0:
                n //= 2
            else:
                n = 3 * n + 1
            steps += 1
        return steps
    """,
        [(1,), (6,), (27,)],
    ),
    Case(
        """
    def ranges(n: int) -> int:
        total = 0
        for i in range(n):
            total += i
        for i in range(n, 0, -1):
            total -= i * 2
        for i in range(1, n, 3):
            if i == 7:
                continue
            if i > 20:
                break
            total += i * i
        return total
    """,
        [(0,), (5,), (30,)],
    ),
    Case(
        """
    def gcd(a: int, b: int) -> int:
        while b:
            a, b = b, a % b
        return a
    """,
        [(12, 18), (17, 5), (0, 9), (-12, 18)],
    ),
    Case(
        """
    def fact(n: int) -> int:
        if n <= 1:
            return 1
        return n * fact(n - 1)
    """,
        [(0,), (5,), (20,), (21,)],
    ),
    Case(
        """
    def hyp(a: float, b: float) -> float:
        return math.sqrt(a * a + b * b) + math.floor(a) - math.ceil(b)
    """,
        [(3.0, 4.0), (-1.5, 2.5)],
    ),
    Case(
        """
    def log_gamma(x: float) -> float:
        return math.lgamma(x)
    """,
        [
            (0.5,),
            (-0.5,),
            (-1.5,),
            (2.5,),
            (4.999999,),
            (5.0,),
            (171.61,),
            (1e-300,),
            (-1e-300,),
            (-2.0000001,),
            (1e300,),
            (1e308,),
            (0.0,),
            (-3.0,),
            (1.0,),
            (2.0,),
            (-1e17,),
        ],
    ),
    Case(
        """
    def rounding(x: float) -> tuple[int, float, float]:
        return round(x), round(x, 2), round(x, -1)
    """,
        [(2.5,), (3.5,), (-2.5,), (2.675,), (0.125,), (15.0,), (25.0,), (-0.4,)],
    ),
    Case(
        """
    def to_text(n: int, x: float, b: bool) -> str:
        return str(n) + " " + str(x) + " " + str(b) + " " + str(1e20) + " " + str(1e-7)
    """,
        [(5, 1.0, True), (-3, 0.1, False), (0, 123456.789, True)],
    ),
    Case(
        """
    def loop_else(n: int) -> str:
        for i in range(2, n):
            if n % i == 0:
                return "composite"
        else:
            return "prime"
    """,
        [(7,), (9,), (2,)],
    ),
    Case(
        """
    def find_first(limit: int) -> int:
        found = -1
        i = 0
        while i < limit:
            if i * i > 50:
                found = i
                break
            i += 1
        else:
            found = -2
        return found
    """,
        [(5,), (100,)],
    ),
    Case(
        """
    def swap_sum(a: int, b: int) -> int:
        a, b = b, a
        x = y = 3
        x += a
        return x * 10 + y - b
    """,
        [(1, 2), (5, -5)],
    ),
    Case(
        """
    def overflow(n: int) -> int:
        return n * n
    """,
        [(3,), (4294967296,)],
    ),
    Case(
        """
    def minmax(a: int, b: int, c: float) -> tuple[int, int, float]:
        return min(a, b), max(a, b, 0), max(c, 1.5)
    """,
        [(1, 2, 0.5), (-5, -7, 3.0)],
    ),
    Case(
        """
    def sign(x: float) -> int:
        return 1 if x > 0 else (-1 if x < 0 else 0)
    """,
        [(2.5,), (-0.1,), (0.0,)],
    ),
    Case(
        """
    def int_parse(s: str, x: float) -> int:
        return int(s) + int(x) + ord(s[0])
    """,
        [("42", 3.9), (" -7 ", -2.5), ("1_000", 0.0), ("abc", 1.0)],
    ),
    Case(
        """
    def divide(a: float, b: float) -> float:
        return a / b
    """,
        [(1.0, 4.0), (1.0, 0.0)],
    ),
]

SEQUENCES = [
    Case(
        """
    def list_ops(xs: List[int]) -> List[int]:
        out = []
        for x in xs:
            if x % 2 == 0:
                out.append(x * x)
        out.extend([1, 2])
        out.insert(0, -1)
        out.insert(-1, 99)
        out.pop()
        out.reverse()
        return out
    """,
        [([1, 2, 3, 4],), ([],)],
    ),
    Case(
        """
    def indexing(xs: list[int], i: int) -> tuple[int, int, list[int], list[int]]:
        return xs[i], xs[-1], xs[1:3], xs[::-2]
    """,
        [([10, 20, 30, 40], 1), ([10, 20, 30, 40], -2), ([10], 5), ([1, 2, 3, 4, 5], 0)],
    ),
    Case(
        """
    def slicing(s: str) -> tuple[str, str, str, str]:
        return s[1:], s[:-1], s[::-1], s[::2]
    """,
        [("hello",), ("",), ("héllo wörld",)],
    ),
    Case(
        """
    def builtins(xs: list[int]) -> tuple[int, int, int, bool, bool, list[int], int]:
        return (len(xs), sum(xs), max(xs), any(x > 3 for x in xs), all(xs),
                sorted(xs, reverse=True), min(xs))
    """,
        [([3, 1, 4, 1, 5],), ([],), ([0, 2],)],
    ),
    Case(
        """
    def enum_zip(a: list[str], b: list[int]) -> list[str]:
        out = []
        for i, (name, n) in enumerate(zip(a, b)):
            out.append(f"{i}:{name}={n}")
        for i, name in enumerate(a, 1):
            out.append(name * i)
        return out
    """,
        [(["x", "y", "z"], [1, 2]), ([], [])],
    ),
    Case(
        """
    def comps(n: int) -> tuple[list[int], dict[int, int], int, list[tuple[int, int]]]:
        squares = [i * i for i in range(n) if i % 2]
        table = {i: i * 3 for i in range(n)}
        total = sum(i for i in range(n))
        pairs = [(i, j) for i in range(n) for j in range(i) if (i + j) % 3 == 0]
        return squares, table, total, pairs
    """,
        [(0,), (6,)],
    ),
    Case(
        """
    def strings(s: str) -> list[str]:
        words = s.split()
        out = [w.strip(".,").lower() for w in words]
        out.append("-".join(words))
        out.append(s.replace("a", "4").upper())
        out.append(str(s.find("b")) + str(s.count("a")))
        out.append(s.zfill(12))
        return out
    """,
        [("a banana. Bob",), ("",), ("  many   spaces here  ",)],
    ),
    Case(
        """
    def predicates(s: str) -> list[bool]:
        return [s.isdigit(), s.isalpha(), s.startswith("ab"), s.endswith(("x", "y")),
                "b" in s, s.isupper(), s.islower()]
    """,
        [("abc",), ("123",), ("ABx",), ("",)],
    ),
    Case(
        """
    def char_loop(s: str) -> dict[str, int]:
        counts = {}
        for ch in s:
            counts[ch] = counts.get(ch, 0) + 1
        return counts
    """,
        [("hello world",), ("",), ("ééa",)],
    ),
    Case(
        """
    def dict_ops(words: list[str]) -> tuple[list[str], list[int], int, bool]:
        d: dict[str, int] = {}
        for w in words:
            if w in d:
                d[w] += 1
            else:
                d[w] = 1
        keys = [k for k in d]
        vals = list(d.values())
        total = 0
        for k, v in d.items():
            total += len(k) * v
        removed = d.pop("a", 0)
        return keys, vals, total + removed, "b" in d
    """,
        [(["a", "b", "a", "c"],), ([],)],
    ),
    Case(
        """
    def grouping(pairs: list[tuple[str, int]]) -> dict[str, list[int]]:
        groups: dict[str, list[int]] = {}
        for key, value in pairs:
            groups.setdefault(key, []).append(value)
        return groups
    """,
        [([("a", 1), ("b", 2), ("a", 3)],), ([],)],
    ),
    Case(
        """
    def set_ops(a: list[int], b: list[int]) -> tuple[list[int], list[int], int, bool]:
        sa, sb = set(a), set(b)
        both = sorted(sa & sb)
        either = sorted(sa | sb)
        seen = set()
        for x in a:
            seen.add(x)
        return both, either, len(seen - sb), 3 in sa
    """,
        [([1, 2, 3], [2, 3, 4]), ([], [1])],
    ),
    Case(
        """
    def matrix(n: int) -> list[list[int]]:
        grid = [[0] * n for _ in range(n)]
        for i in range(n):
            for j in range(n):
                grid[i][j] = i * n + j
        grid[-1][0] += 100
        return grid
    """,
        [(0,), (3,)],
    ),
    Case(
        """
    def in_place(xs: list[int]) -> None:
        xs.append(len(xs))
        xs[0] = -xs[0]
        xs.sort()
    """,
        [([3, 1, 2],), ([5],), ([],)],
    ),
    Case(
        """
    def sort_key(words: list[str]) -> list[str]:
        return sorted(words, key=lambda w: (len(w), w))
    """,
        [(["bb", "a", "ccc", "ab"],)],
    ),
    Case(
        """
    def best(words: list[str]) -> str:
        return max(words, key=len)
    """,
        [(["bb", "a", "cc"],), ([],)],
    ),
    Case(
        """
    def fstrings(name: str, x: float, n: int) -> str:
        return f"{name:>8}|{x:.2f}|{n:05d}|{n:,}|{x:10.3f}|{name!r}|{n:x}|{x:.1%}|{x}"
    """,
        [("bob", 3.14159, 1234567), ("", -0.5, -42)],
    ),
    Case(
        """
    def opt_default(xs: list[int], limit: Optional[int] = None) -> int:
        total = 0
        for x in xs:
            if limit is not None and x > limit:
                continue
            total += x
        return total
    """,
        [([1, 5, 10], 6), ([1, 5, 10], None)],
    ),
    Case(
        """
    def maybe_first(xs: list[int]) -> Optional[int]:
        for x in xs:
            if x > 2:
                return x
        return None
    """,
        [([1, 2, 3, 4],), ([],)],
    ),
    Case(
        """
    def tuples(points: list[tuple[int, int]]) -> tuple[int, int]:
        best = points[0]
        for p in points:
            if p[0] + p[1] > best[0] + best[1]:
                best = p
        x, y = best
        return y, x
    """,
        [([(1, 2), (3, 4), (0, 9)],), ([],)],
    ),
    Case(
        """
    def nested_lists(rows: list[list[int]]) -> list[int]:
        return [sum(r) for r in rows if r]
    """,
        [([[1, 2], [], [3]],)],
    ),
    Case(
        """
    def truthiness(s: str, xs: list[int], n: int) -> int:
        count = 0
        if s:
            count += 1
        if not xs:
            count += 10
        if n:
            count += 100
        return count
    """,
        [("", [], 0), ("a", [1], 5)],
    ),
    Case(
        """
    def or_default(s: str) -> str:
        return s or "default"
    """,
        [("",), ("given",)],
    ),
    Case(
        """
    def del_items(xs: list[int]) -> list[int]:
        ys = list(xs)
        del ys[0]
        ys.remove(3)
        return ys
    """,
        [([1, 2, 3, 4],), ([3],)],
    ),
    Case(
        """
    def joins(words: list[str]) -> str:
        return ", ".join(w.upper() for w in words) + "|" + "".join(reversed(words))
    """,
        [(["a", "b"],), ([],)],
    ),
    Case(
        """
    def counting(xs: list[int]) -> tuple[int, int]:
        return xs.count(2), xs.index(3)
    """,
        [([1, 2, 2, 3],), ([2],)],
    ),
    Case(
        """
    def uses_const(x: int) -> int:
        return x * FACTOR + len(NAMES)
    """,
        [(2,)],
        constants={"FACTOR": "FACTOR = 7", "NAMES": "NAMES = ['a', 'b']"},
    ),
    Case(
        """
    def caller(xs: list[int]) -> int:
        helper(xs, 5)
        return total(xs)
    """,
        [([1, 2],)],
        context={
            "helper": "def helper(ys: list[int], v: int) -> None:\n    ys.append(v)\n",
            "total": "def total(ys: list[int]) -> int:\n    return sum(ys)\n",
        },
    ),
    Case(
        """
    def assert_raise(n: int) -> int:
        assert n >= 0, "negative"
        if n > 100:
            raise ValueError(f"too big: {n}")
        return n
    """,
        [(5,), (-1,), (101,)],
    ),
    Case(
        """
    def list_mult(n: int) -> list[str]:
        return ["ab"] * n + [str(i) for i in range(n)]
    """,
        [(0,), (3,), (-1,)],
    ),
]

ALL = SCALARS + SEQUENCES

MEMO = [
    Case(
        """
    @functools.lru_cache(maxsize=None)
    def fib_memo(n: int) -> int:
        if n < 2:
            return n
        return fib_memo(n - 1) + fib_memo(n - 2)
    """,
        [(0,), (10,), (90,)],
    ),
    Case(
        """
    def fib_dict(n: int) -> int:
        memo = {0: 0, 1: 1}
        for i in range(2, n + 1):
            memo[i] = memo[i - 1] + memo[i - 2]
        return memo[n]
    """,
        [(1,), (50,)],
    ),
]

ALL = SCALARS + SEQUENCES + MEMO

OPTIONALS = [
    Case(
        """
    def first_negative(xs: list[int]) -> Optional[int]:
        found = None
        for x in xs:
            if x < 0:
                found = x
                break
        return found
    """,
        [([1, -2, -3],), ([],)],
    ),
    Case(
        """
    def decode(s: str) -> int:
        count = 0
        for i in range(2, len(s) + 1):
            if 10 <= int(s[i - 2:i]) <= 26:
                count += 1
            if 0 < int(s[i - 1]) * 2 < 9:
                count += 10
        return count
    """,
        [("1226",), ("",)],
    ),
]

ALL = SCALARS + SEQUENCES + MEMO + OPTIONALS

LIBRARY = [
    Case(
        """
    def heap_ops(xs: list[int]) -> tuple[list[int], list[int], list[int]]:
        h: list[int] = []
        for x in xs:
            heapq.heappush(h, x)
        snapshot = list(h)
        out = []
        while h:
            out.append(heapq.heappop(h))
        ys = list(xs)
        heapq.heapify(ys)
        return snapshot, out, ys
    """,
        [([5, 1, 4, 1, 5, 9, 2, 6],), ([],)],
    ),
    Case(
        """
    def pq(tasks: list[tuple[int, str]]) -> list[str]:
        heap = list(tasks)
        heapq.heapify(heap)
        order = []
        while heap:
            prio, name = heapq.heappop(heap)
            order.append(f"{prio}{name}")
        return order + [n for _, n in heapq.nsmallest(2, tasks)]
    """,
        [([(3, "c"), (1, "a"), (2, "b"), (1, "z")],)],
    ),
    Case(
        """
    def bisects(xs: list[int], x: int) -> tuple[int, int, list[int]]:
        ys = sorted(xs)
        bisect.insort(ys, x)
        return bisect.bisect_left(ys, x), bisect.bisect_right(ys, x), ys
    """,
        [([1, 3, 3, 5], 3), ([], 1), ([2, 4], 5)],
    ),
]

ALL = SCALARS + SEQUENCES + MEMO + OPTIONALS + LIBRARY

COLLECTIONS = [
    Case(
        """
    def group(words: list[str]) -> dict[int, list[str]]:
        groups: DefaultDict[int, List[str]] = defaultdict(list)
        for w in words:
            groups[len(w)].append(w)
        counts = defaultdict(int)
        for w in words:
            counts[w[0]] += 1
        return dict(groups) if counts["a"] == 0 or len(counts) > 0 else {}
    """,
        [(["ab", "c", "de", "fgh"],), ([],)],
    ),
    Case(
        """
    def counter_ops(text: str) -> tuple[list[tuple[str, int]], int, bool, int]:
        c = Counter(text)
        other = Counter(reversed(text))
        c.update("zz")
        return c.most_common(2), c["z"] + c["missing"], c == other, len(c)
    """,
        [("hello",), ("",), ("abba",)],
    ),
    Case(
        """
    def window(xs: list[int], k: int) -> list[int]:
        d = deque()
        out = []
        for i, x in enumerate(xs):
            while d and xs[d[-1]] <= x:
                d.pop()
            d.append(i)
            if d[0] <= i - k:
                d.popleft()
            if i >= k - 1:
                out.append(xs[d[0]])
        return out
    """,
        [([1, 3, -1, -3, 5, 3, 6, 7], 3), ([], 2)],
    ),
    Case(
        """
    def last_n(xs: list[int], n: int) -> list[int]:
        d = deque(xs, maxlen=n)
        d.appendleft(-1)
        d.rotate(1)
        return list(d)
    """,
        [([1, 2, 3, 4, 5], 3), ([1], 2)],
    ),
]

ALL = SCALARS + SEQUENCES + MEMO + OPTIONALS + LIBRARY + COLLECTIONS

FUNCTIONAL = [
    Case(
        """
    def functional(text: str, xs: list[int]) -> tuple[list[int], list[int], list[str], str]:
        nums = list(map(int, text.split(",")))
        odd = list(filter(lambda x: x % 2 == 1, xs))
        shown = list(map(lambda x: f"<{x:>{width(xs)}}>", xs))
        return nums, odd, shown, "{} + {} = {total:.1f}".format(1, 2, total=3.0)
    """,
        [("1,2,3", [5, 6, 7]), ("-4", [])],
        context={"width": "def width(xs: list[int]) -> int:\n    return len(xs) + 1\n"},
    ),
    Case(
        """
    def hexes(n: int) -> str:
        return f"{n:X}|{n:#x}|{n:08.3f}|{n:{n % 7}}"
    """,
        [(255,), (-3,), (7,)],
    ),
]

ALL = SCALARS + SEQUENCES + MEMO + OPTIONALS + LIBRARY + COLLECTIONS + FUNCTIONAL

UNICODE = [
    Case(
        """
    def unicode_preds(s: str) -> list[bool]:
        return [s.isalpha(), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isalnum(),
                s.isupper(), s.islower(), s.istitle(), s.isspace()]
    """,
        [
            (s,)
            for s in [
                "héllo",
                "日本",
                "\u0663",
                "\u00b2",
                "\u01c4",
                "\u01c5a",
                "ß",
                "STRASSE",
                "\x80",
                "\u216b",
                "",
                "Hello World",
                "\u2003",
            ]
        ],
    ),
    Case(
        """
    def unicode_case(s: str) -> list[str]:
        return [s.title(), s.capitalize(), s.swapcase(), s.casefold(), s.upper(), s.lower(),
                repr(s), s[::-1], str(len(s))]
    """,
        [
            (s,)
            for s in [
                "straße",
                "\u01c6emal",
                "\ufb01ne day",
                "hello wORLD",
                "\x80\u200b\U00080001",
                "\u03a3\u0391\u03a3 \u0391\u03a3",
                "it's",
                "日本語",
                "a\tb\n'\"",
            ]
        ],
    ),
]

ALL = SCALARS + SEQUENCES + MEMO + OPTIONALS + LIBRARY + COLLECTIONS + FUNCTIONAL + UNICODE

GENERATORS = [
    Case(
        """
    def count_up(start: int, stop: int, step: int = 1) -> Iterator[int]:
        if step == 0:
            raise ValueError("step must not be zero")
        i = start
        while (step > 0 and i < stop) or (step < 0 and i > stop):
            yield i
            i += step
    """,
        [(0, 5, 1), (5, 0, -2), (1, 2, 0)],
    ),
    Case(
        """
    def chunks(items: list[int], size: int) -> Iterator[list[int]]:
        chunk = []
        for x in items:
            chunk.append(x)
            if len(chunk) == size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk
        yield from [[-1]]
    """,
        [([1, 2, 3, 4, 5], 2), ([], 3)],
    ),
    Case(
        """
    def uses_gen(n: int) -> int:
        return sum(x * x for x in gen_up(0, n)) + len(list(gen_up(0, n, 2)))
    """,
        [(4,), (0,)],
        context={
            "gen_up": """
def gen_up(start: int, stop: int, step: int = 1) -> Iterator[int]:
    i = start
    while i < stop:
        yield i
        i += step
"""
        },
    ),
]

ALL = (
    SCALARS
    + SEQUENCES
    + MEMO
    + OPTIONALS
    + LIBRARY
    + COLLECTIONS
    + FUNCTIONAL
    + UNICODE
    + GENERATORS
)

MORE = [
    Case(
        """
    def int_bases(texts: list[str]) -> list[int]:
        return [int(t, 0) for t in texts] + [int("ff", 16), int("-0b_101", 2)]
    """,
        [(["0x1F", "0b101", "0o17", "42", " -7 "],), (["08"],), (["1__0"],)],
    ),
    Case(
        """
    def counter_math(a: str, b: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
        ca, cb = Counter(a), Counter(b)
        return (ca + cb).most_common(), (ca - cb).most_common()
    """,
        [("abca", "bcd"), ("", "x")],
    ),
    Case(
        """
    def key_methods(words: list[str]) -> tuple[str, str]:
        counts = {w: len(w) * 2 for w in words}
        return max(counts, key=counts.get), max(words, key=words.count)
    """,
        [(["aa", "b", "aa", "ccc"],), ([],)],
    ),
    Case(
        """
    @functools.lru_cache(maxsize=None)
    def ways(n: int, coins: tuple[int, ...], limit: Optional[int] = None) -> int:
        if n == 0:
            return 1
        if n < 0 or not coins:
            return 0
        return ways(n - coins[0], coins, limit) + ways(n, coins[1:], limit)
    """,
        [(10, (1, 2, 5), None), (0, (), 3)],
    ),
]

ALL = (
    SCALARS
    + SEQUENCES
    + MEMO
    + OPTIONALS
    + LIBRARY
    + COLLECTIONS
    + FUNCTIONAL
    + UNICODE
    + GENERATORS
    + MORE
)

NESTED = [
    Case(
        """
    def outer_scope_sum(nums: list[int]) -> int:
        scale = 2

        def scaled(x: int) -> int:
            return x * scale

        return sum(scaled(n) for n in nums)
    """,
        [([1, 2, 3],), ([],)],
    ),
    Case(
        """
    def parens(n: int) -> list[str]:
        out: list[str] = []

        def build(prefix: str, opened: int, closed: int) -> None:
            if len(prefix) == 2 * n:
                out.append(prefix)
                return
            if opened < n:
                build(prefix + "(", opened + 1, closed)
            if closed < opened:
                build(prefix + ")", opened, closed + 1)

        build("", 0, 0)
        return out
    """,
        [(0,), (3,)],
    ),
    Case(
        """
    def helpers(words: list[str]) -> list[str]:
        def clean(w: str) -> str:
            return w.strip().lower()

        def keep(w: str) -> bool:
            return len(clean(w)) > 1

        return [clean(w) for w in words if keep(w)]
    """,
        [([" Ab ", "c", "DEF"],)],
    ),
]

ALL = (
    SCALARS
    + SEQUENCES
    + MEMO
    + OPTIONALS
    + LIBRARY
    + COLLECTIONS
    + FUNCTIONAL
    + UNICODE
    + GENERATORS
    + MORE
    + NESTED
)

NESTED.append(
    Case(
        """
def reuse_loop_name(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    i = n
    while i > 0:
        total += i
        i -= 2
    return total + i
""",
        [(5,), (0,)],
    )
)

ALL = (
    SCALARS
    + SEQUENCES
    + MEMO
    + OPTIONALS
    + LIBRARY
    + COLLECTIONS
    + FUNCTIONAL
    + UNICODE
    + GENERATORS
    + MORE
    + NESTED
)

COLLECTIONS.append(
    Case(
        """
def merge_counts(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    return dict(Counter(a) + Counter(b))
""",
        [({"x": 2, "y": 1}, {"y": -1, "z": 4}), ({}, {})],
    )
)

ALL = (
    SCALARS
    + SEQUENCES
    + MEMO
    + OPTIONALS
    + LIBRARY
    + COLLECTIONS
    + FUNCTIONAL
    + UNICODE
    + GENERATORS
    + MORE
    + NESTED
)

ADVERSARIAL = [
    Case(
        """
    def dict_order(n: int) -> list[int]:
        d = {i: i for i in range(n)}
        d.pop(1)
        d[1] = 5
        del d[0]
        d[0] = 7
        return list(d) + list(d.values())
    """,
        [(4,)],
    ),
    Case(
        """
    def alias_rows(n: int) -> list[list[int]]:
        grid = []
        for i in range(n):
            row = [i] * 2
            grid.append(row)
        grid[0][0] = 99
        return grid
    """,
        [(3,)],
    ),
    Case(
        """
    def slice_assign(xs: list[int]) -> list[int]:
        ys = list(xs)
        ys[1:3] = [9, 9, 9]
        ys[::2] = [0] * len(ys[::2])
        del ys[-2:]
        return ys
    """,
        [([1, 2, 3, 4, 5],), ([1],)],
    ),
    Case(
        """
    def str_edge(s: str) -> list[str]:
        return ([s.strip("x"), s.center(9, "*"), s[-3:], s.zfill(6), s.replace("", "-"),
                 s.title(), str(s.find("")), str(s.rfind("a"))]
                + s.split(",") + s.rsplit(" ", 1))
    """,
        [("xabcx",), ("",), ("a b a",)],
    ),
    Case(
        """
    def float_fmt(x: float) -> str:
        return f"{x}|{x:.0f}|{x:e}|{x:10.2f}|{x:<8.1f}|{x:+.3f}|{round(x, 1)}|{x // 1}|{x % 1}"
    """,
        [(2.5,), (-0.0,), (1e300,), (123.456,), (-7.25,)],
    ),
    Case(
        """
    def int_edges(a: int, b: int) -> list[int]:
        return [a // b, a % b, -a // b, -(a // b), divmod(a, b)[0], abs(a) % abs(b),
                a ** 2 % (b + 100)]
    """,
        [(-7, 3), (7, -3), (0, -1)],
    ),
    Case(
        """
    def nested_comp(m: list[list[int]]) -> list[list[int]]:
        return [[row[i] for row in m] for i in range(len(m[0]))] if m else []
    """,
        [([[1, 2], [3, 4], [5, 6]],), ([],)],
    ),
    Case(
        """
    def loop_else_break(xs: list[int]) -> int:
        total = 0
        for x in xs:
            for y in xs:
                if y > x:
                    break
                total += y
            else:
                total += 1000
                continue
            total -= 1
        return total
    """,
        [([1, 2, 3],), ([],), ([3, 2, 1],)],
    ),
    Case(
        """
    def bool_ops(a: int, b: str, c: list[int]) -> tuple[int, str, list[int], bool]:
        return (a or 5), (b and "yes"), (c or [0]), (not c and a > 0)
    """,
        [(0, "", []), (3, "x", [1])],
    ),
    Case(
        """
    def minmax_floats(xs: list[float]) -> tuple[float, float, list[float]]:
        return min(xs), max(xs), sorted(xs)
    """,
        [([2.5, -1.0, 3.25, -0.0, 0.0],)],
    ),
    Case(
        """
    def sets_sorted(xs: list[int]) -> list[int]:
        s = set(xs)
        s.discard(3)
        return sorted(s | {100}) + [len(s), int(2 in s)]
    """,
        [([3, 1, 2, 2],)],
    ),
    Case(
        """
    def while_swap(a: int, b: int) -> tuple[int, int, int]:
        steps = 0
        while b:
            a, b = b, a % b
            steps += 1
        return a, b, steps
    """,
        [(48, 18), (0, 0), (-48, 18)],
    ),
    Case(
        """
    def strmul(s: str, n: int) -> list[str]:
        parts = [s] * n
        parts[0] = "z"
        return parts + [s * -1]
    """,
        [("ab", 3), ("q", 1)],
    ),
    Case(
        """
    def opt_list(xs: Optional[list[int]] = None) -> int:
        if xs is None:
            return -1
        return len(xs) + sum(xs)
    """,
        [(None,), ([1, 2],)],
    ),
    Case(
        """
    def dict_sorting(d: dict[str, int]) -> tuple[list[tuple[str, int]], int, list[str]]:
        return (sorted(d.items(), key=lambda kv: (-kv[1], kv[0])), max(d.values()),
                [k for k, v in d.items() if v > 1])
    """,
        [({"b": 2, "a": 2, "c": 1},)],
    ),
    Case(
        """
    def iter_mix(s: str, xs: list[int]) -> list[str]:
        out = []
        for i, ch in enumerate(s):
            out.append(f"{i}{ch}")
        for a, b in zip(s, xs):
            out.append(a * b)
        out.append("".join(reversed(s)))
        out.append(str(sum(1 for x in xs if x > 0)))
        out.append(str(list(reversed(range(len(xs))))))
        return out
    """,
        [("héy", [1, 0, 2, 5]), ("", [])],
    ),
    Case(
        """
    def late_binding(n: int) -> int:
        base = 1
        def add(x: int) -> int:
            return x + base
        first = add(n)
        base = 100
        return first * 1000 + add(n)
    """,
        [(5,)],
    ),
    Case(
        """
    def nested_dicts(pairs: list[tuple[str, str, int]]) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for a, b, n in pairs:
            if a not in out:
                out[a] = {}
            out[a][b] = out[a].get(b, 0) + n
        return out
    """,
        [([("x", "y", 1), ("x", "y", 2), ("z", "w", 3)],)],
    ),
    Case(
        """
    def tuple_sort(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
        pts = sorted(points)
        pts.sort(key=lambda p: p[1], reverse=True)
        return pts
    """,
        [([(3, 1), (1, 2), (2, 2), (0, 1)],)],
    ),
    Case(
        """
    def float_cmp(xs: list[float]) -> list[bool]:
        return [x > 1 for x in xs] + [1 < x <= 2.5 for x in xs] + [x == int(x) for x in xs]
    """,
        [([0.5, 1.0, 2.5, 3.0],)],
    ),
    Case(
        """
    def mod_float(a: float, b: int) -> tuple[float, float, int]:
        return a % b, a // b, round(a) % b
    """,
        [(7.5, 2), (-7.5, 2), (7.5, -2)],
    ),
    Case(
        """
    def str_methods(s: str) -> list[str]:
        return [s.lstrip("ab"), s.rstrip(), s.removeprefix("ab"), s.removesuffix("yz"),
                s.partition(":")[2], s.rpartition(":")[0], s.ljust(8, "."), s.rjust(8),
                s.capitalize(), s.swapcase()]
    """,
        [("abcxyz",), ("  ab:cd:ef  ",), ("",)],
    ),
]

ALL = (
    SCALARS
    + SEQUENCES
    + MEMO
    + OPTIONALS
    + LIBRARY
    + COLLECTIONS
    + FUNCTIONAL
    + UNICODE
    + GENERATORS
    + MORE
    + NESTED
    + ADVERSARIAL
)

ADVERSARIAL += [
    Case(
        """
    def invert(mapping: dict[str, int]) -> dict[int, list[str]]:
        inverted: dict[int, list[str]] = {}
        for key, value in mapping.items():
            inverted.setdefault(value, []).append(key)
        for keys in inverted.values():
            keys.sort()
        return inverted
    """,
        [({"b": 1, "a": 1, "c": 2},)],
    ),
    Case(
        """
    def sort_rows(grid: list[list[int]]) -> int:
        for row in grid:
            row.sort(reverse=True)
            row.append(0)
        return len(grid)
    """,
        [([[1, 3, 2], [5, 4]],), ([],)],
    ),
]

ALL = (
    SCALARS
    + SEQUENCES
    + MEMO
    + OPTIONALS
    + LIBRARY
    + COLLECTIONS
    + FUNCTIONAL
    + UNICODE
    + GENERATORS
    + MORE
    + NESTED
    + ADVERSARIAL
)

SCALARS += [
    Case(
        """
    def poly(coeffs: list[float], x: float) -> float:
        result = 0
        for c in coeffs:
            result = result * x + c
        return result
    """,
        [([1.0, -2.0, 3.0], 2.0), ([], 1.5)],
    ),
    Case(
        """
    def mean(xs: list[float]) -> float:
        total = 0
        count = 0
        for v in xs:
            total += v
            count += 1
        return total / count if count else 0.0
    """,
        [([1.0, 2.5],), ([],)],
    ),
]

ALL = (
    SCALARS
    + SEQUENCES
    + MEMO
    + OPTIONALS
    + LIBRARY
    + COLLECTIONS
    + FUNCTIONAL
    + UNICODE
    + GENERATORS
    + MORE
    + NESTED
    + ADVERSARIAL
)

MORE += [
    Case(
        """
    def str_funcs(words: list[str], t: tuple[int, ...]) -> tuple[list[str], str, bool, list[int]]:
        lowered = list(map(str.lower, words))
        ordered = sorted(words, key=str.casefold)
        hexes = " ".join(format(ord(w[0]), "02x") for w in words if w)
        return lowered + ordered, hexes, "abc".startswith("bc", 1), list(t[1:] + t[:1])
    """,
        [(["Bb", "a", "C"], (1, 2, 3)), ([], ())],
    ),
]

ALL = (
    SCALARS
    + SEQUENCES
    + MEMO
    + OPTIONALS
    + LIBRARY
    + COLLECTIONS
    + FUNCTIONAL
    + UNICODE
    + GENERATORS
    + MORE
    + NESTED
    + ADVERSARIAL
)

MORE += [
    Case(
        """
    def stars(items: list[int]) -> tuple[int, list[int], int, list[int]]:
        first, *middle, last = items
        head, *rest = items
        return first + head, middle, last, rest
    """,
        [([1, 2, 3, 4],), ([5, 6],), ([7],)],
    ),
]

ALL = (
    SCALARS
    + SEQUENCES
    + MEMO
    + OPTIONALS
    + LIBRARY
    + COLLECTIONS
    + FUNCTIONAL
    + UNICODE
    + GENERATORS
    + MORE
    + NESTED
    + ADVERSARIAL
)

OPTIONALS += [
    Case(
        """
    def default_name(name: Optional[str] = None, n: Optional[int] = None) -> str:
        shown = name or "anonymous"
        return shown + str(n or 7)
    """,
        [(None, None), ("", 0), ("bob", 3)],
    ),
]

ALL = (
    SCALARS
    + SEQUENCES
    + MEMO
    + OPTIONALS
    + LIBRARY
    + COLLECTIONS
    + FUNCTIONAL
    + UNICODE
    + GENERATORS
    + MORE
    + NESTED
    + ADVERSARIAL
)

TRY = [
    Case(
        """
    def safe_int(text: str, default: int = 0) -> int:
        try:
            return int(text)
        except ValueError:
            return default
    """,
        [("17", 0), ("x", -1), ("", 3)],
    ),
    Case(
        """
    def first_number(tokens: list[str]) -> float:
        for tok in tokens:
            try:
                return float(tok)
            except (ValueError, ZeroDivisionError):
                continue
        raise ValueError("no numeric token")
    """,
        [(["a", "2.5e3", "7"],), (["x"],)],
    ),
    Case(
        """
    def lookups(d: dict[str, int], xs: list[int], k: str, i: int) -> int:
        try:
            a = d[k]
        except KeyError:
            a = -1
        try:
            b = xs[i]
        except LookupError:
            b = -2
        try:
            c = abs(a) ** 100
        except OverflowError:
            c = 0
        return a * 1000 + b + c
    """,
        [({"a": 1}, [5], "a", 0), ({}, [], "z", 3)],
    ),
]

ALL = (
    SCALARS
    + SEQUENCES
    + MEMO
    + OPTIONALS
    + LIBRARY
    + COLLECTIONS
    + FUNCTIONAL
    + UNICODE
    + GENERATORS
    + MORE
    + NESTED
    + ADVERSARIAL
    + TRY
)

MORE += [
    Case(
        """
    def reductions(xs: list[int]) -> tuple[int, int, str]:
        total = functools.reduce(lambda a, b: a * 10 + b, xs, 0)
        big = functools.reduce(lcm, xs) if xs else 1
        text = functools.reduce(lambda acc, x: acc + str(x), xs, "")
        return total, big, text
    """,
        [([1, 2, 3],), ([],), ([4, 6],)],
        context={"lcm": "def lcm(a: int, b: int) -> int:\n    return a * b // math.gcd(a, b)\n"},
    ),
]

ALL = (
    SCALARS
    + SEQUENCES
    + MEMO
    + OPTIONALS
    + LIBRARY
    + COLLECTIONS
    + FUNCTIONAL
    + UNICODE
    + GENERATORS
    + MORE
    + NESTED
    + ADVERSARIAL
    + TRY
)
