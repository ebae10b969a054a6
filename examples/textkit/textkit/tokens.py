"""Splitting text into tokens."""

from typing import List, Tuple

PUNCTUATION = ".,;:!?\"'()[]{}"


def words(text: str) -> List[str]:
    """Lower-cased words with surrounding punctuation stripped.

    >>> words("Hello, world! Hello again.")
    ['hello', 'world', 'hello', 'again']
    >>> words("   ")
    []
    """
    out = []
    for raw in text.split():
        w = raw.strip(PUNCTUATION).lower()
        if w:
            out.append(w)
    return out


def tokenize_expression(expr: str) -> List[str]:
    """Split an arithmetic expression into numbers, names and operators.

    >>> tokenize_expression("3 + 42*x1 - (y / 2)")
    ['3', '+', '42', '*', 'x1', '-', '(', 'y', '/', '2', ')']
    >>> tokenize_expression("a**2")
    ['a', '**', '2']
    """
    tokens: List[str] = []
    i = 0
    while i < len(expr):
        ch = expr[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit():
            j = i
            while j < len(expr) and (expr[j].isdigit() or expr[j] == "."):
                j += 1
            tokens.append(expr[i:j])
            i = j
        elif ch.isalpha() or ch == "_":
            j = i
            while j < len(expr) and (expr[j].isalnum() or expr[j] == "_"):
                j += 1
            tokens.append(expr[i:j])
            i = j
        elif expr.startswith("**", i):
            tokens.append("**")
            i += 2
        else:
            tokens.append(ch)
            i += 1
    return tokens


def sentences(text: str) -> List[str]:
    """Split text into sentences on '.', '!' and '?'.

    >>> sentences("It works. Does it? Yes!")
    ['It works.', 'Does it?', 'Yes!']
    >>> sentences("no terminator")
    ['no terminator']
    """
    result = []
    current = ""
    for ch in text:
        current += ch
        if ch in ".!?":
            result.append(current.strip())
            current = ""
    if current.strip():
        result.append(current.strip())
    return result


def ngrams(tokens: List[str], n: int) -> List[Tuple[str, ...]]:
    """Consecutive n-grams of a token list.

    >>> ngrams(["a", "b", "c", "d"], 2)
    [('a', 'b'), ('b', 'c'), ('c', 'd')]
    >>> ngrams(["a"], 3)
    []
    """
    return [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]


def parse_key_values(line: str) -> dict[str, str]:
    """Parse 'k1=v1; k2=v2' into a dict, ignoring malformed pieces.

    >>> parse_key_values("host=localhost; port=8080; debug")
    {'host': 'localhost', 'port': '8080'}
    """
    pairs = {}
    for piece in line.split(";"):
        if "=" not in piece:
            continue
        key, _, value = piece.partition("=")
        pairs[key.strip()] = value.strip()
    return pairs
