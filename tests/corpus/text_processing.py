"""Text processing: wrapping, statistics, templating, diffs."""

from collections import Counter
from typing import Dict, Iterable, List, Optional, Tuple

STOP_WORDS = frozenset({"a", "an", "and", "the", "of", "to", "in", "is", "it"})


def word_wrap(text: str, width: int) -> List[str]:
    """Greedy word wrap; words longer than width get their own line.

    >>> word_wrap("The quick brown fox jumps over the lazy dog", 10)
    ['The quick', 'brown fox', 'jumps over', 'the lazy', 'dog']
    >>> word_wrap("", 5)
    []
    """
    lines: List[str] = []
    line = ""
    for word in text.split():
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def justify_line(words: List[str], width: int) -> str:
    """Fully justify one line, extra spaces going to the left gaps.

    >>> justify_line(["This", "is", "an"], 16)
    'This    is    an'
    >>> justify_line(["example", "of", "text"], 16)
    'example  of text'
    >>> justify_line(["alone"], 8)
    'alone   '
    """
    if len(words) == 1:
        return words[0].ljust(width)
    gaps = len(words) - 1
    spaces = width - sum(len(w) for w in words)
    base, extra = divmod(spaces, gaps)
    out = ""
    for i, w in enumerate(words[:-1]):
        out += w + " " * (base + (1 if i < extra else 0))
    return out + words[-1]


def word_frequencies(text: str, skip_stop_words: bool = True) -> Dict[str, int]:
    """Lower-cased word counts without punctuation.

    >>> word_frequencies("The cat and the hat. The END!")
    {'cat': 1, 'hat': 1, 'end': 1}
    >>> word_frequencies("It is it", skip_stop_words=False)
    {'it': 2, 'is': 1}
    """
    counts: Dict[str, int] = {}
    for raw in text.split():
        word = "".join(ch for ch in raw.lower() if ch.isalnum())
        if not word or (skip_stop_words and word in STOP_WORDS):
            continue
        counts[word] = counts.get(word, 0) + 1
    return counts


def top_words(text: str, n: int) -> List[Tuple[str, int]]:
    """n most common words by Counter.most_common (ties keep first-seen order).

    >>> top_words("b a b c a b", 2)
    [('b', 3), ('a', 2)]
    """
    return Counter(text.split()).most_common(n)


def average_word_length(text: str) -> float:
    """Mean word length rounded to 2 places; 0.0 for no words.

    >>> average_word_length("hi there you")
    3.33
    >>> average_word_length("   ")
    0.0
    """
    words = text.split()
    if not words:
        return 0.0
    return round(sum(len(w) for w in words) / len(words), 2)


def render_template(template: str, values: Dict[str, str]) -> str:
    """Replace {{name}} placeholders; unknown names are left alone.

    >>> render_template("Hello {{name}}, you owe {{amount}}. {{x}}", {"name": "Ann", "amount": "$5"})
    'Hello Ann, you owe $5. {{x}}'
    """
    out = template
    for key, value in values.items():
        out = out.replace("{{" + key + "}}", value)
    return out


def levenshtein(a: str, b: str) -> int:
    """Edit distance with a rolling row.

    >>> levenshtein("kitten", "sitting")
    3
    >>> levenshtein("", "abc")
    3
    >>> levenshtein("flaw", "flaw")
    0
    """
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
        prev = cur
    return prev[-1]


def longest_common_subsequence(a: str, b: str) -> str:
    """One LCS of two strings via a DP table.

    >>> longest_common_subsequence("ABCBDAB", "BDCABA")
    'BDAB'
    >>> longest_common_subsequence("abc", "xyz")
    ''
    """
    m, n = len(a), len(b)
    dp = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            if a[i] == b[j]:
                dp[i][j] = dp[i + 1][j + 1] + 1
            else:
                dp[i][j] = max(dp[i + 1][j], dp[i][j + 1])
    out = []
    i = j = 0
    while i < m and j < n:
        if a[i] == b[j]:
            out.append(a[i])
            i += 1
            j += 1
        elif dp[i + 1][j] >= dp[i][j + 1]:
            i += 1
        else:
            j += 1
    return "".join(out)


def line_diff(old: List[str], new: List[str]) -> List[str]:
    """Naive diff: lines only in old get '-', only in new get '+'.

    >>> line_diff(["a", "b", "c"], ["a", "c", "d"])
    ['- b', '+ d']
    """
    new_set = set(new)
    old_set = set(old)
    removed = ["- " + line for line in old if line not in new_set]
    added = ["+ " + line for line in new if line not in old_set]
    return removed + added


def count_lines_words_chars(text: str) -> Tuple[int, int, int]:
    """Like wc: lines, words, characters.

    >>> count_lines_words_chars("one two\\nthree\\n")
    (2, 3, 14)
    """
    return text.count("\n"), len(text.split()), len(text)


def strip_comments(source: str, marker: str = "#") -> str:
    """Remove comments and blank lines from a config-like text.

    >>> print(strip_comments("a = 1  # one\\n# full line\\n\\nb = 2"))
    a = 1
    b = 2
    """
    kept = []
    for line in source.splitlines():
        code = line.split(marker, 1)[0].rstrip()
        if code:
            kept.append(code)
    return "\n".join(kept)


def indent_block(text: str, spaces: int = 4) -> str:
    """Indent every non-empty line.

    >>> indent_block("a\\n\\nb", 2)
    '  a\\n\\n  b'
    """
    pad = " " * spaces
    return "\n".join(pad + line if line else line for line in text.split("\n"))


def dedent_block(text: str) -> str:
    """Remove the common leading whitespace of non-blank lines.

    >>> dedent_block("    x = 1\\n      y = 2\\n")
    'x = 1\\n  y = 2\\n'
    """
    lines = text.split("\n")
    indents = [len(l) - len(l.lstrip()) for l in lines if l.strip()]
    cut = min(indents, default=0)
    return "\n".join(l[cut:] for l in lines)


def acronym(phrase: str) -> str:
    """Acronym from words, hyphens separate words too.

    >>> acronym("Portable Network Graphics")
    'PNG'
    >>> acronym("Complementary metal-oxide semiconductor")
    'CMOS'
    """
    return "".join(w[0].upper() for w in phrase.replace("-", " ").split())


def pig_latin(word: str) -> str:
    """Pig Latin for one lower-case word.

    >>> pig_latin("apple"), pig_latin("string"), pig_latin("rhythm")
    ('appleway', 'ingstray', 'rhythmay')
    """
    for i, ch in enumerate(word):
        if ch in "aeiou":
            return word[i:] + word[:i] + ("way" if i == 0 else "ay")
    return word + "ay"


def is_pangram(sentence: str) -> bool:
    """Contains every letter a-z.

    >>> is_pangram("The quick brown fox jumps over the lazy dog")
    True
    >>> is_pangram("Hello")
    False
    """
    return set("abcdefghijklmnopqrstuvwxyz") <= set(sentence.lower())


def group_anagrams(words: Iterable[str]) -> List[List[str]]:
    """Group anagrams, groups in first-seen order.

    >>> group_anagrams(["eat", "tea", "tan", "ate", "nat", "bat"])
    [['eat', 'tea', 'ate'], ['tan', 'nat'], ['bat']]
    """
    groups: Dict[str, List[str]] = {}
    for w in words:
        groups.setdefault("".join(sorted(w)), []).append(w)
    return list(groups.values())


def censor(text: str, banned: List[str]) -> str:
    """Replace banned words (case-insensitive, whole words) with asterisks.

    >>> censor("Darn this darn Thing", ["darn", "thing"])
    '**** this **** *****'
    """
    lowered = {b.lower() for b in banned}
    return " ".join("*" * len(w) if w.lower() in lowered else w for w in text.split(" "))


def find_longest_line(text: str) -> Optional[str]:
    """Longest line (first one wins ties), None for empty text.

    >>> find_longest_line("ab\\nabcd\\nwxyz")
    'abcd'
    >>> find_longest_line("") is None
    True
    """
    lines = text.splitlines()
    return max(lines, key=len) if lines else None


def soundex(name: str) -> str:
    """American Soundex code.

    >>> soundex("Robert"), soundex("Rupert"), soundex("Tymczak"), soundex("Pfister")
    ('R163', 'R163', 'T522', 'P236')
    """
    codes = {}
    for letters, digit in (("bfpv", "1"), ("cgjkqsxz", "2"), ("dt", "3"),
                           ("l", "4"), ("mn", "5"), ("r", "6")):
        for ch in letters:
            codes[ch] = digit
    name = name.lower()
    first = name[0]
    result = first.upper()
    prev = codes.get(first, "")
    for ch in name[1:]:
        code = codes.get(ch, "")
        if code and code != prev:
            result += code
        if ch not in "hw":
            prev = code
    return (result + "000")[:4]
