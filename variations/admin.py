"""The caseworker's page for variation requests. The caseworker fills in the reason, the
note and the amounts, then chooses an action; every write goes through the services."""

from django.contrib import admin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cms_portal.audit import record_audit_event
from cms_portal.core.admin import ServiceBackedAdmin, run_for_each

from . import services
from .models import VariationEvidence, VariationRequest, VariationResponse


class ResponseInline(admin.TabularInline):
    model = VariationResponse
    fields = ["party", "text", "responded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class EvidenceInline(admin.TabularInline):
    model = VariationEvidence
    fields = ["party", "download", "content_type", "size", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file"))
    def download(self, obj):
        url = reverse("admin:variations_evidence_download", args=[obj.public_id])
        return format_html('<a href="{}">{}</a>', url, obj.original_name)


@admin.register(VariationRequest)
class VariationRequestAdmin(ServiceBackedAdmin):
    list_display = ["reference", "case", "ground", "weekly_amount", "status", "respond_by"]
    list_filter = ["status", "ground"]
    search_fields = ["reference", "case__reference"]
    fields = [
        "reference",
        "case",
        "applicant",
        "ground",
        "amount",
        "period",
        "weekly_amount",
        "details",
        "submitted_at",
        "respond_by",
        "status",
        "decision",
        "rejection_reason",
        "caseworker_note",
        "agreed_weekly_amount",
        "in_force_from",
        "in_force_to",
    ]
    readonly_fields = [name for name in fields if name not in services.CASEWORKER_FIELDS]
    inlines = [ResponseInline, EvidenceInline]
    actions = ["reject", "refuse", "agree"]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        # A decided request is a record: nothing on it changes.
        if obj is not None and not obj.is_open:
            return self.fields
        return self.readonly_fields

    def get_urls(self):
        download = self.admin_site.admin_view(self.download_evidence)
        return [
            path(
                "evidence/<uuid:evidence_id>/",
                download,
                name="variations_evidence_download",
            ),
            *super().get_urls(),
        ]

    def download_evidence(self, request, evidence_id):
        """A file sent with a request or a response, as a download, never shown inline."""
        if not self.has_view_permission(request):
            raise Http404
        evidence = get_object_or_404(VariationEvidence, public_id=evidence_id)
        try:
            handle = evidence.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        record_audit_event(
            acting_user=request.user,
            action="variation.evidence_downloaded",
            obj=evidence.case,
            evidence=str(evidence.public_id),
        )
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=evidence.original_name,
            content_type=evidence.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response

    def update(self, request, obj, changes):
        return services.set_caseworker_fields(
            acting_user=request.user, request=obj, changes=changes
        )

    @admin.action(description=_("Do not consider it (reg 57: uses the reason and the note)"))
    def reject(self, request, queryset):
        run_for_each(
            request,
            queryset,
            lambda item: services.reject_variation(acting_user=request.user, request=item),
            _("Did not consider %(count)s request(s)."),
        )

    @admin.action(description=_("Refuse the variation (uses the note)"))
    def refuse(self, request, queryset):
        run_for_each(
            request,
            queryset,
            lambda item: services.refuse_variation(acting_user=request.user, request=item),
            _("Refused %(count)s request(s)."),
        )

    @admin.action(description=_("Agree the variation and make a new decision"))
    def agree(self, request, queryset):
        run_for_each(
            request,
            queryset,
            lambda item: services.agree_variation(acting_user=request.user, request=item),
            _("Agreed %(count)s request(s)."),
        )
