"""Linking a sign-in to a case with a one-time activation code."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from .. import services
from ..forms.activation import ActivationForm, RepresentativeActivationForm
from ..services import ActivationError
from .common import parent_page, posted, render_form, signed_in_page

ERROR_MESSAGES = {
    ActivationError.NO_MATCH: _(
        "The details you entered do not match our records. Check "
        "your case reference, date of birth and activation code."
    ),
    ActivationError.EXPIRED: _("This activation code has expired. Contact us to get a new code."),
    ActivationError.LOCKED: _(
        "This activation code has been locked because wrong details "
        "were entered too many times. Contact us to get a new code."
    ),
    ActivationError.ALREADY_LINKED: _(
        "This case is already linked to an account. If you think this is wrong, contact us."
    ),
    ActivationError.WRONG_ACCOUNT: _(
        "Sign in with the email address the parent gave us for you, then enter the code again."
    ),
    ActivationError.TOO_MANY_TRIES: _(
        "You have tried too many times. Wait an hour and try again, or contact us."
    ),
}
REPRESENTATIVE_NO_MATCH = _(
    "The details you entered do not match our records. Check the "
    "case reference and activation code."
)


def _failed(request, template, form, error):
    message = ERROR_MESSAGES[error]
    if error == ActivationError.NO_MATCH and isinstance(form, RepresentativeActivationForm):
        message = REPRESENTATIVE_NO_MATCH
    form.add_error(None, message)
    return render_form(
        request, template, form, status=429 if error == ActivationError.TOO_MANY_TRIES else 400
    )


@signed_in_page
def activate(request):
    form = ActivationForm(posted(request)[0])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = services.activate_party(
            acting_user=request.user,
            reference=data["case_reference"],
            date_of_birth=data["date_of_birth"],
            code=data["activation_code"],
        )
        if not result.ok:
            return _failed(request, "cases/activate.html", form, result.error)
        return redirect("cases:activated", reference=result.party.case.reference)
    return render_form(request, "cases/activate.html", form)


@signed_in_page
def activate_representative(request):
    form = RepresentativeActivationForm(posted(request)[0])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = services.activate_representative(
            acting_user=request.user, reference=data["case_reference"], code=data["activation_code"]
        )
        if not result.ok:
            return _failed(request, "cases/activate_representative.html", form, result.error)
        return redirect("cases:activated", reference=result.party.case.reference)
    return render_form(request, "cases/activate_representative.html", form)


@parent_page(scope=None, methods=("GET",))
def activated(request, access):
    return render(request, "cases/activated.html", {"access": access})
