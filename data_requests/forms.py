from cms_portal.forms import GovukForm


class RequestDataCopyForm(GovukForm):
    """Asking needs no answers: the page explains what is included and has one button."""

    layout: dict = {}
