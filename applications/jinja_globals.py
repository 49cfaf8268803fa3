"""Template functions for pages other apps draw (loaded by cms_portal.jinja2): the parent
dashboard shows the applicant's applications before a case exists."""

from django.urls import reverse
from django.utils import timezone

from . import presenters, selectors


def applications_for(user):
    """The user's draft (with when it expires) and each sent application with its steps."""
    if not getattr(user, "is_authenticated", False):
        return {"draft": None, "sent": []}
    draft = selectors.current_draft(user)
    return {
        "draft": {
            "href": reverse("applications:start"),
            "expires_on": timezone.localdate(draft.expires_at),
        }
        if draft
        else None,
        "sent": [
            {
                "reference": application.reference,
                "href": reverse("applications:status", args=[application.reference]),
                "steps": presenters.status_steps(application),
            }
            for application in selectors.sent_applications(user).select_related("case")
        ],
    }


GLOBALS = {"applications_for": applications_for}
