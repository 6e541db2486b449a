"""A quick password hasher for the test process."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class QuickPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """PBKDF2 with few iterations: every factory user and demo seed hashes a
    password, and Django's default work factor makes each hash cost a large
    part of a second. The algorithm keeps its name and the hash carries its
    iterations, so a server process (default hashers) still checks these
    passwords, and this one checks theirs."""

    iterations = 1_000
