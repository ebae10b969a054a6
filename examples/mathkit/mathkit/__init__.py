"""mathkit: a grab bag of numeric algorithms."""

__version__ = "0.3.1"

from mathkit.number_theory import gcd, lcm
from mathkit.primes import is_prime, primes_up_to
from mathkit.sequences import factorial, fibonacci

__all__ = ["gcd", "lcm", "is_prime", "primes_up_to", "factorial", "fibonacci"]
