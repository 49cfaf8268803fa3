"""Confirmation pages for actions that leave nothing to link to (a removed team member,
a cancelled invitation): the view that acted stores what to say, the page shows it once."""

from django.http import Http404
from django.shortcuts import redirect, render

CONFIRMATION = "employers_confirmation"


def confirm(request, *, title, body="", next_url, next_text):
    request.session[CONFIRMATION] = {
        "title": str(title),
        "body": str(body),
        "next_url": str(next_url),
        "next_text": str(next_text),
    }
    return redirect("employers:done")


def done(request):
    details = request.session.pop(CONFIRMATION, None)
    if not details:
        raise Http404
    return render(request, "employers/done.html", details)
