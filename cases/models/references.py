"""Public references: random, never sequential, so nothing in a URL can be guessed by
counting. Case references are 12 digits starting 121, like the ones printed on letters."""

from cms_portal.core.tokens import random_digits, readable_token

CASE_REFERENCE_PREFIX = "121"
CASE_REFERENCE_LENGTH = 12


def new_case_reference():
    digits = CASE_REFERENCE_LENGTH - len(CASE_REFERENCE_PREFIX)
    return CASE_REFERENCE_PREFIX + random_digits(digits)


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


def new_closure_reference():
    return "CL-" + readable_token(8)
