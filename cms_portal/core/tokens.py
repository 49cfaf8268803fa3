"""Random strings people read aloud and type from letters: codes and references."""

import secrets

# No 0/O, 1/I/L or 5/S: references and codes are read aloud and typed from letters.
READABLE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789"


def readable_token(length: int) -> str:
    return "".join(secrets.choice(READABLE_ALPHABET) for _ in range(length))


def random_digits(count: int) -> str:
    return "".join(secrets.choice("0123456789") for _ in range(count))
