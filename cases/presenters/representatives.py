"""The people a parent has named to act for them."""

from django.urls import reverse
from django.utils.translation import gettext as _

from cms_portal.formatting import govuk_date

from ..models import RepresentativeStatus
from .tags import status_tag


def scope_text(representative):
    return ", ".join(str(scope.label) for scope in representative.scopes)


def representative_rows(access, representatives):
    rows = []
    for representative in representatives:
        expired = (
            representative.status == RepresentativeStatus.ACTIVE and not representative.is_current()
        )
        tag = status_tag("revoked", _("Ended")) if expired else status_tag(representative.status)
        remove = ""
        if representative.status != RepresentativeStatus.REVOKED:
            remove = reverse(
                "cases:representative_remove",
                kwargs={
                    "reference": access.case.reference,
                    "representative_id": representative.public_id,
                },
            )
        rows.append(
            {
                "name": representative.full_name,
                "email": representative.email,
                "scopes": scope_text(representative),
                "until": govuk_date(representative.valid_until),
                "tag": tag,
                "remove_href": remove,
            }
        )
    return rows
