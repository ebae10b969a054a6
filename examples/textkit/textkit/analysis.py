"""Word statistics and palindromes."""

from collections import Counter
from typing import Dict, List, Optional, Tuple


def is_palindrome(text: str) -> bool:
    """Palindrome check ignoring case and non-alphanumerics.

    >>> is_palindrome("A man, a plan, a canal: Panama")
    True
    >>> is_palindrome("palindrome")
    False
    >>> is_palindrome("")
    True
    """
    cleaned = [ch.lower() for ch in text if ch.isalnum()]
    return cleaned == cleaned[::-1]


def longest_palindrome(text: str) -> str:
    """Longest palindromic substring (expand around centre).

    >>> longest_palindrome("babad")
    'bab'
    >>> longest_palindrome("cbbd")
    'bb'
    """
    if not text:
        return ""
    best_start, best_len = 0, 1
    for centre in range(len(text)):
        for lo, hi in ((centre, centre), (centre, centre + 1)):
            while lo >= 0 and hi < len(text) and text[lo] == text[hi]:
                lo -= 1
                hi += 1
            if hi - lo - 1 > best_len:
                best_start, best_len = lo + 1, hi - lo - 1
    return text[best_start:best_start + best_len]


def word_counts(text: str) -> Dict[str, int]:
    """Count words case-insensitively.

    >>> word_counts("the cat and the hat")
    {'the': 2, 'cat': 1, 'and': 1, 'hat': 1}
    """
    counts: Dict[str, int] = {}
    for word in text.lower().split():
        counts[word] = counts.get(word, 0) + 1
    return counts


def most_common_words(text: str, k: int = 3) -> List[Tuple[str, int]]:
    """The k most frequent words, ties broken alphabetically.

    >>> most_common_words("b a c b a b d", 2)
    [('b', 3), ('a', 2)]
    """
    counts = Counter(text.lower().split())
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return ordered[:k]


def are_anagrams(a: str, b: str) -> bool:
    """Anagram test ignoring spaces and case.

    >>> are_anagrams("Dormitory", "dirty room")
    True
    >>> are_anagrams("abc", "abd")
    False
    """
    clean_a = sorted(a.replace(" ", "").lower())
    clean_b = sorted(b.replace(" ", "").lower())
    return clean_a == clean_b


def longest_word(text: str) -> Optional[str]:
    """First longest word, or None for blank text.

    >>> longest_word("a quick brown fox")
    'quick'
    >>> longest_word("") is None
    True
    """
    parts = text.split()
    if not parts:
        return None
    return max(parts, key=len)


def vowel_ratio(text: str) -> float:
    """Fraction of letters that are vowels, rounded to 3 places.

    >>> vowel_ratio("Programming")
    0.273
    >>> vowel_ratio("123")
    0.0
    """
    letters = [ch for ch in text.lower() if ch.isalpha()]
    if not letters:
        return 0.0
    vowels = sum(1 for ch in letters if ch in "aeiou")
    return round(vowels / len(letters), 3)
