"""The application a case was set up from, on the case admin page (added to the cases
overview from ApplicationsConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from cms_portal.core.admin import Rows, Section, display
from cms_portal.core.admin import change_link as _change
from cms_portal.formatting import govuk_datetime


def application_reads():
    from .models import Application

    return {
        "applications": Rows(
            Application.objects,
            ("reference", "status", "submitted_at", "case_set_up_at"),
            order_by=("submitted_at", "created_at", "id"),
        )
    }


def application_sections(case, user, found):

    section = Section(
        "application",
        _("Application"),
        [_("Reference"), _("Status"), _("Submitted"), _("Case set up")],
    )
    for application in found["applications"]:
        section.rows.append(
            [
                _change(application, application.reference),
                display(application, "status"),
                govuk_datetime(application.submitted_at) if application.submitted_at else "",
                govuk_datetime(application.case_set_up_at) if application.case_set_up_at else "",
            ]
        )
    return [section]
