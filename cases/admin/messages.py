"""Message threads answered from admin, files, representatives and codes."""

from django import forms
from django.contrib import admin
from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cms_portal.audit import record_audit_event
from cms_portal.core.admin import ServiceBackedAdmin, run_for_each

from .. import services
from ..models import (
    ActivationCode,
    Attachment,
    Message,
    MessageThread,
    Representative,
)
from ..presenters.messages import dealt_with_by
from .case import ReadOnlyInline


class MessageInline(ReadOnlyInline):
    model = Message
    fields = ["sent_at", "from_caseworker", "sender", "body", "files"]
    readonly_fields = fields
    show_change_link = False

    @admin.display(description=_("files"))
    def files(self, obj):
        links = [
            format_html(
                '<a href="{}">{}</a>',
                reverse("admin:cases_attachment_download", args=[a.public_id]),
                a.original_name,
            )
            for a in obj.attachments.all()
        ]
        return format_html(", ".join(["{}"] * len(links)), *links) if links else "-"


class ThreadReplyForm(forms.ModelForm):
    reply = forms.CharField(
        label=_("Reply to the parent"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The parent is emailed that there is a message, never what it says."),
    )

    class Meta:
        model = MessageThread
        fields = ["assigned_to", "team"]
        help_texts = {
            "assigned_to": _("The parent sees only their first name."),
            "team": _("The parent sees the team when no caseworker is named."),
        }


@admin.register(MessageThread)
class MessageThreadAdmin(ServiceBackedAdmin):
    """Threads waiting for a reply first, soonest reply-by date first."""

    form = ThreadReplyForm
    list_display = ["subject", "case", "status", "reply_by_shown", "dealt_with", "last_message_at"]
    list_filter = ["status", "team"]
    search_fields = ["subject", "case__reference"]
    readonly_fields = ["subject", "case", "party", "created_at", "status", "reply_by"]
    fields = [
        "subject",
        "case",
        "party",
        "created_at",
        "status",
        "reply_by",
        "assigned_to",
        "team",
        "reply",
    ]
    inlines = [MessageInline]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("case", "party", "assigned_to")

    def get_ordering(self, request):
        return [F("reply_by").asc(nulls_last=True), "-last_message_at", "-id"]

    @admin.display(description=_("reply by"), ordering="reply_by")
    def reply_by_shown(self, obj):
        if obj.reply_by is None:
            return "-"
        if obj.reply_by < timezone.localdate():
            return format_html(
                '<strong class="app-overdue">{} ({})</strong>', obj.reply_by, _("overdue")
            )
        return str(obj.reply_by)

    @admin.display(description=_("dealt with by"))
    def dealt_with(self, obj):
        return dealt_with_by(obj)

    def save_model(self, request, obj, form, change):
        if {"assigned_to", "team"} & set(form.changed_data):
            services.assign_thread(
                acting_user=request.user,
                thread=obj,
                assigned_to=form.cleaned_data.get("assigned_to"),
                team=form.cleaned_data.get("team") or "",
            )
        if form.cleaned_data.get("reply"):
            services.reply_to_thread(
                acting_user=request.user, thread=obj, body=form.cleaned_data["reply"]
            )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        thread = self.get_object(request, object_id)
        if thread is not None and request.method == "GET":
            services.mark_thread_read_by_caseworker(acting_user=request.user, thread=thread)
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "case", "content_type", "size", "uploaded_at", "download"]
    search_fields = ["case__reference", "original_name"]
    readonly_fields = [
        "original_name",
        "case",
        "party",
        "content_type",
        "size",
        "uploaded_at",
        "message",
        "change_report",
        "reconsideration",
        "download",
    ]
    fields = readonly_fields

    @admin.display(description=_("download"))
    def download(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:cases_attachment_download", args=[obj.public_id]),
            _("Download"),
        )

    def get_urls(self):
        return [
            path(
                "<uuid:public_id>/download/",
                self.admin_site.admin_view(self.download_view),
                name="cases_attachment_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, public_id):
        attachment = get_object_or_404(Attachment, public_id=public_id)
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        record_audit_event(
            acting_user=request.user,
            action="attachment.downloaded",
            obj=attachment.case,
            attachment=str(attachment.public_id),
        )
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Representative)
class RepresentativeAdmin(admin.ModelAdmin):
    list_display = ["full_name", "case", "party", "status", "valid_until"]
    list_filter = ["status"]
    search_fields = ["full_name", "email", "case__reference"]
    readonly_fields = [
        "full_name",
        "email",
        "case",
        "party",
        "user",
        "can_view",
        "can_report_changes",
        "can_message",
        "valid_until",
        "status",
        "created_at",
        "activated_at",
        "revoked_at",
    ]
    fields = readonly_fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Remove the representative now"))
    def revoke(self, request, queryset):
        run_for_each(
            request,
            queryset,
            lambda item: services.revoke_representative(
                acting_user=request.user, representative=item
            ),
            _("Removed %(count)s."),
        )


@admin.register(ActivationCode)
class ActivationCodeAdmin(admin.ModelAdmin):
    list_display = [
        "case",
        "party",
        "representative",
        "issued_at",
        "expires_at",
        "status_label",
        "failed_attempts",
    ]
    search_fields = ["case__reference"]
    readonly_fields = [
        "case",
        "party",
        "representative",
        "issued_by",
        "issued_at",
        "expires_at",
        "used_at",
        "used_by",
        "failed_attempts",
        "locked_at",
        "withdrawn_at",
    ]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
