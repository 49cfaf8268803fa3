"""UK mobile numbers: what we accept and how we keep them."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# 07 then 9 digits, or the same with +44 / 0044 / 44 in place of the 0.
UK_MOBILE = re.compile(r"(?:\+44|0044|44|0)(7\d{9})")


def normalise_uk_mobile(value):
    """'+447700900123' from a typed UK mobile number (spaces, dashes, brackets and dots
    are ignored); ValidationError with GOV.UK's wording otherwise."""
    compact = re.sub(r"[\s\-().]", "", value or "")
    if not compact:
        raise ValidationError(_("Enter a UK mobile number"), code="required")
    if not re.fullmatch(r"\+?\d+", compact):
        raise ValidationError(
            _("Enter a mobile number, like 07700 900 982 or +44 7700 900 982"), code="invalid"
        )
    match = UK_MOBILE.fullmatch(compact)
    if match is None:
        raise ValidationError(
            _("Enter a UK mobile number, like 07700 900 982 or +44 7700 900 982"),
            code="not_uk_mobile",
        )
    return f"+44{match.group(1)}"


def uk_mobile_or_blank(value):
    try:
        return normalise_uk_mobile(value)
    except ValidationError:
        return ""


def display_mobile(number):
    """+447700900123 as 07700 900123."""
    if not number.startswith("+44"):
        return number
    local = "0" + number[3:]
    return f"{local[:5]} {local[5:]}"
