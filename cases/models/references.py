"""Public references: random, never sequential, so nothing in a URL can be guessed by
counting. Case references are 12 digits starting 121, like the ones printed on letters."""

import secrets

CASE_REFERENCE_PREFIX = "121"
CASE_REFERENCE_LENGTH = 12
# No 0/O, 1/I/L or 5/S: references and codes are read aloud and typed from letters.
READABLE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789"


def new_case_reference():
    digits = CASE_REFERENCE_LENGTH - len(CASE_REFERENCE_PREFIX)
    return CASE_REFERENCE_PREFIX + "".join(secrets.choice("0123456789") for _ in range(digits))


def readable_token(length):
    return "".join(secrets.choice(READABLE_ALPHABET) for _ in range(length))


def new_change_reference():
    return "CH-" + readable_token(8)


def new_reconsideration_reference():
    return "MR-" + readable_token(8)


def is_case_reference(value):
    return (
        isinstance(value, str)
        and len(value) == CASE_REFERENCE_LENGTH
        and value.isascii()
        and value.isdigit()
    )
