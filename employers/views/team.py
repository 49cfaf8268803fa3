"""The employer's team: everyone sees it; admins invite and remove people."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms import InviteForm
from ..models import EmployerInvitation
from ..presenters.team import invitation_rows, team_rows
from ..selectors import invitation_for, open_invitations_for, team_for, team_member_for
from .access import employer_page, posted, render_employer_page
from .confirmation import confirm


@employer_page
def team(request):
    membership = request.membership
    return render_employer_page(
        request,
        "employers/team.html",
        {
            "team_rows": team_rows(
                team_for(membership), viewer=request.user, can_manage=membership.is_admin
            ),
            "invitation_rows": invitation_rows(
                open_invitations_for(membership), can_manage=membership.is_admin
            ),
            "can_manage": membership.is_admin,
        },
    )


@employer_page(admin=True)
@require_http_methods(["GET", "POST"])
def invite(request):
    form = InviteForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite_colleague(
                acting_user=request.user,
                employer=request.membership.employer,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                base_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except services.EmployerRuleError as error:
            form.add_error(error.field or "email", error.message)
        else:
            return redirect("employers:invitation_sent", public_id=invitation.public_id)
    return render_employer_page(
        request,
        "employers/invite.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@employer_page(admin=True)
def invitation_sent(request, public_id):
    invitation = invitation_for(request.membership, public_id)
    return render_employer_page(
        request, "employers/invitation_sent.html", {"invitation": invitation}
    )


def _confirm_or_act(request, *, template, context, act, done_title, done_body):
    error = None
    if request.method == "POST":
        try:
            act()
        except services.EmployerRuleError as rule_error:
            error = rule_error.message
        else:
            return confirm(
                request,
                title=done_title,
                body=done_body,
                next_url=reverse("employers:team"),
                next_text=_("Go back to your team"),
            )
    return render_employer_page(
        request,
        template,
        {
            **context,
            "error_items": [{"text": str(error), "href": "#confirm"}] if error else None,
        },
        status=400 if error else 200,
    )


@employer_page(admin=True)
@require_http_methods(["GET", "POST"])
def remove_member(request, public_id):
    member = team_member_for(request.membership, public_id)
    return _confirm_or_act(
        request,
        template="employers/remove_member.html",
        context={"member": member},
        act=lambda: services.remove_member(acting_user=request.user, membership=member),
        done_title=_("Team member removed"),
        done_body=_("%(email)s can no longer use this account.") % {"email": member.user.email},
    )


@employer_page(admin=True)
@require_http_methods(["GET", "POST"])
def withdraw_invitation(request, public_id):
    invitation: EmployerInvitation = invitation_for(request.membership, public_id)
    return _confirm_or_act(
        request,
        template="employers/withdraw_invitation.html",
        context={"invitation": invitation},
        act=lambda: services.withdraw_invitation(acting_user=request.user, invitation=invitation),
        done_title=_("Invitation cancelled"),
        done_body=_("The link sent to %(email)s no longer works.") % {"email": invitation.email},
    )
