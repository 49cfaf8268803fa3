"""The variations section of the case admin page, added to the cases overview from
VariationsConfig.ready. A request is decided on its own admin page (the reason or note
first, then the decision), so each row links there."""

from django.utils.translation import gettext_lazy as _

from cms_portal.core.admin import Link, Rows, Section, display
from cms_portal.core.admin import change_link as _change
from cms_portal.formatting import govuk_date, govuk_datetime


def variation_reads():
    from .models import VariationRequest

    return {
        "requests": Rows(
            VariationRequest.objects,
            ("reference", "ground", "status", "submitted_at", "respond_by"),
            order_by=("-submitted_at", "-id"),
        )
    }


def variation_sections(case, user, found):
    from .models import OPEN_STATUSES

    section = Section(
        "variations",
        _("Variations"),
        [_("Reference"), _("Ground"), _("Status"), _("Asked on"), _("Response due")],
    )
    decides = user.has_perm("variations.change_variationrequest")
    for request in found["requests"]:
        row = [
            _change(request, request.reference),
            display(request, "ground"),
            display(request, "status"),
            govuk_datetime(request.submitted_at),
            govuk_date(request.respond_by) if request.respond_by else "",
        ]
        if decides and request.status in OPEN_STATUSES:
            row.append(Link(_("Decide"), _change(request).url))
        section.rows.append(row)
    return [section]
