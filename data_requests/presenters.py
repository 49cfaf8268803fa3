"""Words and summary rows for the data request pages."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from cms_portal.formatting import govuk_date


def ready_rows(data_request):
    size_kb = max(1, round(data_request.size / 1024))
    return [
        {"key": {"text": _("Prepared on")}, "value": {"text": govuk_date(data_request.ready_at)}},
        {
            "key": {"text": _("You can download it until")},
            "value": {"text": govuk_date(data_request.expires_at)},
        },
        {"key": {"text": _("File")}, "value": {"text": _("ZIP, %(size)s KB") % {"size": size_kb}}},
    ]


def ready_link(data_request):
    """A line for the start page when a file is still waiting to be downloaded."""
    if data_request is None or not data_request.can_download():
        return None
    href = reverse("data_requests:status", kwargs={"request_id": data_request.public_id})
    return format_html(
        '{} <a class="govuk-link" href="{}">{}</a>',
        _("You already have a copy of your data ready. Asking for a new one deletes it."),
        href,
        _("Download the copy you have"),
    )
