"""Linking a sign-in to an employer: with the Employer Reference Number and a code from
a caseworker, or by accepting a colleague's invitation."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms import ActivationForm
from ..services.team import open_invitation_for_token
from .access import choose_employer, employer_page, posted, render_employer_page

ACTIVATION_MESSAGES = {
    services.ActivationError.NO_MATCH: _(
        "The Employer Reference Number or activation code is not right. Check them and try again"
    ),
    services.ActivationError.EXPIRED: _("This activation code has expired. Ask us for a new one"),
    services.ActivationError.LOCKED: _(
        "This activation code has been stopped after too many wrong tries. Ask us for a new one"
    ),
    services.ActivationError.TOO_MANY_TRIES: _(
        "You have tried too many times. Wait an hour, then try again"
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def activate(request):
    form = ActivationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = services.activate_employer_access(
            acting_user=request.user,
            employer_reference=form.cleaned_data["employer_reference"],
            code=form.cleaned_data["code"],
        )
        if result.ok:
            choose_employer(request, result.membership)
            return redirect("employers:activated")
        form.add_error("code", ACTIVATION_MESSAGES[result.error])
    status = 400 if request.method == "POST" else 200
    return render(request, "employers/activate.html", {"form": form}, status=status)


@employer_page
def activated(request):
    return render_employer_page(request, "employers/activated.html")


@login_required
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    invitation = open_invitation_for_token(token)
    if invitation is None:
        return render(request, "employers/invitation_expired.html", status=404)
    error = None
    if request.method == "POST":
        try:
            membership = services.accept_invitation(acting_user=request.user, token=token)
        except services.EmployerRuleError as rule_error:
            error = rule_error.message
        else:
            choose_employer(request, membership)
            return redirect("employers:joined")
    return render(
        request,
        "employers/accept_invitation.html",
        {
            "invitation": invitation,
            "error_items": [{"text": str(error), "href": "#accept"}] if error else None,
        },
        status=400 if error else 200,
    )


@employer_page
def joined(request):
    return render_employer_page(request, "employers/joined.html")
