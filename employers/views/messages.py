"""Messages between the employer and CMS: read one, reply to it, or start a new one.
A caseworker answers in the admin."""

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms import MessageForm, ReplyForm
from ..selectors import message_for
from .access import employer_page, posted, render_employer_page, rule_error_onto_form


@employer_page
@require_http_methods(["GET", "POST"])
def new_message(request):
    form = MessageForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            message = services.send_message_to_cms(
                acting_user=request.user,
                employer=request.membership.employer,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )
        except services.EmployerRuleError as error:
            rule_error_onto_form(form, error)
        else:
            return redirect("employers:message_sent", public_id=message.public_id)
    return render_employer_page(
        request,
        "employers/new_message.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@employer_page
@require_http_methods(["GET", "POST"])
def message_detail(request, public_id):
    message = message_for(request.membership, public_id)
    form = ReplyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        subject = (
            message.subject
            if message.subject.startswith(_("Re: "))
            else _("Re: ") + message.subject
        )
        try:
            reply = services.send_message_to_cms(
                acting_user=request.user,
                employer=request.membership.employer,
                subject=subject,
                body=form.cleaned_data["body"],
                in_reply_to=message,
            )
        except services.EmployerRuleError as error:
            rule_error_onto_form(form, error)
        else:
            return redirect("employers:message_sent", public_id=reply.public_id)
    return render_employer_page(
        request,
        "employers/message_detail.html",
        {
            "message": message,
            "form": form,
            "replies": message.replies.order_by("sent_at", "pk"),
        },
        status=400 if request.method == "POST" else 200,
    )


@employer_page
def message_sent(request, public_id):
    message = message_for(request.membership, public_id)
    return render_employer_page(request, "employers/message_sent.html", {"message": message})
