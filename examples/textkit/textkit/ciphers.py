"""Toy ciphers. Not for real secrets."""

ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def caesar(text: str, shift: int) -> str:
    """Shift letters by `shift`, preserving case; other chars untouched.

    >>> caesar("Hello, World!", 3)
    'Khoor, Zruog!'
    >>> caesar("Khoor, Zruog!", -3)
    'Hello, World!'
    >>> caesar("xyz", 29)
    'abc'
    """
    out = []
    for ch in text:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - ord("a") + shift) % 26 + ord("a")))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - ord("A") + shift) % 26 + ord("A")))
        else:
            out.append(ch)
    return "".join(out)


def rot13(text: str) -> str:
    """ROT13 is its own inverse.

    >>> rot13("Why did the chicken cross the road?")
    'Jul qvq gur puvpxra pebff gur ebnq?'
    >>> rot13(rot13("round trip"))
    'round trip'
    """
    return caesar(text, 13)


def vigenere(text: str, key: str, decrypt: bool = False) -> str:
    """Vigenere cipher over lower-case letters; the key advances on letters only.

    >>> vigenere("attack at dawn", "lemon")
    'lxfopv ef rnhr'
    >>> vigenere("lxfopv ef rnhr", "lemon", decrypt=True)
    'attack at dawn'
    """
    if not key:
        raise ValueError("empty key")
    out = []
    k = 0
    for ch in text:
        if ch in ALPHABET:
            shift = ALPHABET.index(key[k % len(key)])
            if decrypt:
                shift = -shift
            out.append(ALPHABET[(ALPHABET.index(ch) + shift) % 26])
            k += 1
        else:
            out.append(ch)
    return "".join(out)


def atbash(text: str) -> str:
    """Mirror the alphabet: a<->z, b<->y, ...

    >>> atbash("Wizard")
    'Draziw'
    """
    table = str.maketrans(
        ALPHABET + ALPHABET.upper(), ALPHABET[::-1] + ALPHABET.upper()[::-1]
    )
    return text.translate(table)
