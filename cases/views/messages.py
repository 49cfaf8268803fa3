"""Secure messages with caseworkers, and downloading the files sent with them."""

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from cms_portal.audit import record_audit_event

from .. import services
from ..forms.messages import NewMessageForm, ReplyForm
from ..models import Scope
from ..presenters.messages import (
    message_items,
    reply_standard_days,
    thread_rows,
    thread_summary_rows,
)
from ..selectors import attachment_for, thread_for, thread_list_for
from ..uploads import UploadRejected
from .common import parent_page, posted, render_form


@parent_page(scope=Scope.MESSAGE, methods=("GET",))
def inbox(request, access):
    return render(
        request,
        "cases/messages/inbox.html",
        {
            "access": access,
            "threads": thread_rows(access, thread_list_for(access)),
            "reply_days": reply_standard_days(timezone.localdate()),
        },
    )


def _send(request, form, send):
    """Calls `send(upload)`; a rejected file becomes the form's error, nothing is kept."""
    try:
        return send(form.cleaned_data.get("attachment"))
    except UploadRejected as error:
        form.add_error("attachment", error.message)
        return None


@parent_page(scope=Scope.MESSAGE)
def new(request, access):
    form = NewMessageForm(*posted(request))
    if request.method == "POST" and form.is_valid():
        message = _send(
            request,
            form,
            lambda upload: services.start_thread(
                acting_user=request.user,
                access=access,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                upload=upload,
            ),
        )
        if message is not None:
            return redirect(
                "cases:message_sent",
                reference=access.case.reference,
                thread_id=message.thread.public_id,
            )
    return render_form(request, "cases/messages/new.html", form, {"access": access})


@parent_page(scope=Scope.MESSAGE)
def thread(request, access, thread_id):
    found = thread_for(access, thread_id)
    form = ReplyForm(*posted(request))
    if request.method == "POST" and form.is_valid():
        message = _send(
            request,
            form,
            lambda upload: services.send_message(
                acting_user=request.user,
                access=access,
                thread=found,
                body=form.cleaned_data["body"],
                upload=upload,
            ),
        )
        if message is not None:
            return redirect(
                "cases:message_sent", reference=access.case.reference, thread_id=found.public_id
            )
    if request.method == "GET":
        services.mark_thread_read(acting_user=request.user, access=access, thread=found)
    return render_form(
        request,
        "cases/messages/thread.html",
        form,
        {
            "access": access,
            "thread": found,
            "messages": message_items(access, found),
            "status_rows": thread_summary_rows(found),
        },
    )


@parent_page(scope=Scope.MESSAGE, methods=("GET",))
def sent(request, access, thread_id):
    return render(
        request,
        "cases/messages/sent.html",
        {"access": access, "thread": thread_for(access, thread_id)},
    )


@parent_page(scope=None, methods=("GET",))
def attachment(request, access, attachment_id):
    """A file on the user's own side of the case, as a download, never shown inline."""
    found = attachment_for(access, attachment_id)
    needed = Scope.MESSAGE if found.message_id else Scope.REPORT_CHANGES
    if not access.allows(needed):
        raise Http404
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    record_audit_event(
        acting_user=request.user,
        action="attachment.downloaded",
        obj=access.case,
        attachment=str(found.public_id),
    )
    response = FileResponse(
        handle, as_attachment=True, filename=found.original_name, content_type=found.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
