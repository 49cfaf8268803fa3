"""The employer's home page, messages from CMS, and choosing which employer to act for."""

from django import forms
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from cms_portal.forms import GovukForm, field

from ..presenters.dashboard import dashboard_rows, late_payment_lines, message_items
from ..selectors import dashboard_summary, memberships_for_user, messages_for
from .access import choose_employer, employer_page, posted, render_employer_page


@employer_page(start=True)
def dashboard(request):
    summary = dashboard_summary(request.membership, timezone.localdate())
    return render_employer_page(
        request,
        "employers/dashboard.html",
        {
            "summary_rows": dashboard_rows(summary),
            "late_payments": late_payment_lines(summary.late_payments),
            "messages": message_items(summary.messages),
            "has_more_employers": memberships_for_user(request.user).count() > 1,
        },
    )


@employer_page
def messages(request):
    return render_employer_page(
        request,
        "employers/messages.html",
        {
            "messages": message_items(messages_for(request.membership)[:100]),
        },
    )


class ChooseEmployerForm(GovukForm):
    employer = forms.ChoiceField(
        error_messages={
            "required": _("Select which employer you want to act for"),
            "invalid_choice": _("Select which employer you want to act for"),
        }
    )

    layout = {
        "employer": field("radios", _("Which employer do you want to act for?"), heading=True)
    }

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = {str(m.employer.public_id): m for m in memberships}
        self.fields["employer"].choices = [
            (key, m.employer.name) for key, m in self.memberships.items()
        ]


@employer_page
@require_http_methods(["GET", "POST"])
def choose(request):
    memberships = list(memberships_for_user(request.user))
    form = ChooseEmployerForm(
        posted(request),
        memberships=memberships,
        initial={"employer": str(request.membership.employer.public_id)},
    )
    if request.method == "POST":
        if form.is_valid():
            choose_employer(request, form.memberships[form.cleaned_data["employer"]])
            return redirect("employers:dashboard")
        return render(request, "employers/choose.html", {"form": form}, status=400)
    return render(request, "employers/choose.html", {"form": form})
