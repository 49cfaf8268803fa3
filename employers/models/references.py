"""Public references for employers and orders: random digits, never sequential.

Order references are 12 digits, as payroll software expects, but start 129 so they can
never be mistaken for a case reference (those start 121)."""

import secrets

EMPLOYER_REFERENCE_LENGTH = 10
ORDER_REFERENCE_PREFIX = "129"
ORDER_REFERENCE_LENGTH = 12


def _digits(count):
    return "".join(secrets.choice("0123456789") for _ in range(count))


def new_employer_reference():
    # No leading zero, so spreadsheets keep all 10 digits.
    return secrets.choice("123456789") + _digits(EMPLOYER_REFERENCE_LENGTH - 1)


def new_order_reference():
    return ORDER_REFERENCE_PREFIX + _digits(ORDER_REFERENCE_LENGTH - len(ORDER_REFERENCE_PREFIX))


def _is_digits(value, length):
    return isinstance(value, str) and len(value) == length and value.isascii() and value.isdigit()


def is_employer_reference(value):
    return _is_digits(value, EMPLOYER_REFERENCE_LENGTH)


def is_order_reference(value):
    return _is_digits(value, ORDER_REFERENCE_LENGTH)
