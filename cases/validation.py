"""Checks on the details of the people in a case, as plain functions. Each returns the
value in the one form we store, or raises ValidationError with a GOV.UK-style message.
Forms (parents' and the admin) and the services all use them, so nothing unchecked is
saved whichever way it comes in.

Bank details: no maintained package does UK modulus checking (the sort code tables
change every few months; the Python ones on PyPI were last updated years ago or are
unproven), so sort codes and account numbers are checked for form only. The payment
run's own account validation is where a mistyped number is caught for certain."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .dates import age_on

# National Insurance numbers (HMRC NIM39110): two letters, six digits, a suffix A-D.
# Neither letter is D, F, I, Q, U or V; the second is not O; and these pairs are never
# issued (administrative or temporary numbers).
_NI_FORMAT = re.compile(r"^[A-Z]{2}\d{6}[A-D]$")
_NI_NEVER_FIRST = set("DFIQUV")
_NI_NEVER_SECOND = set("DFIQUVO")
_NI_NEVER_PREFIXES = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}

# UK postcodes: outward code (area letters by position, district) and inward code.
# Letters that are never used: Q, V, X first; I, J, Z second; C, I, K, M, O, V inward.
_POSTCODE = re.compile(
    r"^(GIR 0AA|"
    r"(?:[A-PR-UWYZ]\d[A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y]\d[ABEHMNPRVWXY]?|[A-PR-UWYZ]\d{2}|"
    r"[A-PR-UWYZ][A-HK-Y]\d{2}) \d[ABD-HJLNP-UW-Z]{2})$"
)

# A parent younger than this, or older than the oldest age, is a typing mistake.
PARENT_AGE_RANGE = (10, 120)
# Child maintenance is for children under 20 (Child Support Act 1991 s.55).
CHILD_AGE_LIMIT = 20


def ni_number(value):
    number = re.sub(r"\s", "", str(value or "")).upper()
    if not _NI_FORMAT.match(number):
        raise ValidationError(
            _("Enter a National Insurance number in the correct format, like QQ 12 34 56 C"),
            code="format",
        )
    if (
        number[0] in _NI_NEVER_FIRST
        or number[1] in _NI_NEVER_SECOND
        or number[:2] in _NI_NEVER_PREFIXES
    ):
        raise ValidationError(
            _("Check the National Insurance number: no number starting %(prefix)s is ever issued"),
            params={"prefix": number[:2]},
            code="never_issued",
        )
    return number


def postcode(value):
    code = " ".join(str(value or "").upper().split())
    if " " not in code and 5 <= len(code) <= 7:
        code = f"{code[:-3]} {code[-3:]}"
    if not _POSTCODE.match(code):
        raise ValidationError(_("Enter a real postcode, like LS1 4AP"), code="postcode")
    return code


def sort_code(value):
    code = re.sub(r"[\s-]", "", str(value or ""))
    if not (code.isascii() and code.isdigit()):
        raise ValidationError(_("Enter a valid sort code like 309430"), code="sort_code")
    if len(code) != 6:
        raise ValidationError(_("Sort code must be 6 digits long"), code="sort_code")
    return code


def account_number(value):
    number = re.sub(r"\s", "", str(value or ""))
    if not (number.isascii() and number.isdigit()):
        raise ValidationError(
            _("Enter a valid account number like 00733445"), code="account_number"
        )
    if not 6 <= len(number) <= 8:
        raise ValidationError(
            _("Account number must be between 6 and 8 digits"), code="account_number"
        )
    # Bacs pads 6- and 7-digit account numbers with leading zeros.
    return number.zfill(8)


def parent_date_of_birth(value, today=None):
    today = today or date.today()
    if not isinstance(value, date):
        raise ValidationError(_("Enter a date of birth"), code="required")
    if value >= today:
        raise ValidationError(_("Date of birth must be in the past"), code="future")
    youngest, oldest = PARENT_AGE_RANGE
    if age_on(value, today) < youngest:
        raise ValidationError(
            _("Check the date of birth: a parent must be at least %(age)s years old"),
            params={"age": youngest},
            code="young",
        )
    if age_on(value, today) >= oldest:
        raise ValidationError(
            _("Check the date of birth: it must be after %(year)s"),
            params={"year": today.year - oldest},
            code="old",
        )
    return value


def child_date_of_birth(value, today=None):
    today = today or date.today()
    if not isinstance(value, date):
        raise ValidationError(_("Enter a date of birth"), code="required")
    if value > today:
        raise ValidationError(_("Date of birth must be today or in the past"), code="future")
    if age_on(value, today) >= CHILD_AGE_LIMIT:
        raise ValidationError(
            _("Child maintenance is only for children under %(age)s"),
            params={"age": CHILD_AGE_LIMIT},
            code="old",
        )
    return value


# Party fields checked when given (blank means "not known" for the optional ones).
PARTY_CHECKS = {
    "national_insurance_number": ni_number,
    "postcode": postcode,
    "bank_sort_code": sort_code,
    "bank_account_number": account_number,
}


def party_details(details):
    """The details with each checked field in its stored form; every problem is raised
    together, by field."""
    cleaned, errors = dict(details), {}
    for name, check in PARTY_CHECKS.items():
        if cleaned.get(name):
            try:
                cleaned[name] = check(cleaned[name])
            except ValidationError as error:
                errors[name] = error
    if "date_of_birth" in cleaned:
        try:
            parent_date_of_birth(cleaned["date_of_birth"])
        except ValidationError as error:
            errors["date_of_birth"] = error
    if errors:
        raise ValidationError(errors)
    return cleaned


def child_details(details):
    if "date_of_birth" in details:
        try:
            child_date_of_birth(details["date_of_birth"])
        except ValidationError as error:
            raise ValidationError({"date_of_birth": error}) from None
    return details
