"""The caseworker's page for variation requests. The caseworker fills in the reason, the
note and the amounts, then chooses an action; every write goes through the services."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cases.admin.base import ServiceBackedAdmin, run_for_each

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
    fields = ["party", "original_name", "content_type", "size", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


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
