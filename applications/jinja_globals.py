"""Template functions for pages other apps draw (loaded by cms_portal.jinja2): the parent
dashboard shows the applicant's applications before a case exists."""

from django.urls import reverse
from django.utils import timezone

from . import presenters, selectors


def applications_for(user):
    """The user's draft (with when it expires) and each sent application with its steps,
    read in one query. The dashboard asks only while the user has no case: after that,
    the case itself says where things are."""
    if not getattr(user, "is_authenticated", False):
        return {"draft": None, "sent": []}
    applications = list(selectors.own_applications(user))
    draft = next((each for each in applications if each.is_draft), None)
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
            for application in applications
            if not application.is_draft
        ],
    }


GLOBALS = {"applications_for": applications_for}
