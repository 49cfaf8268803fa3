"""Decisions (read only), reconsiderations and change reports, worked through services."""

from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from cms_portal.core.admin import ServiceBackedAdmin, run_for_each

from .. import services
from ..models import ChangeReport, Decision, Reconsideration
from ..presenters.case import decision_explanation


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = [
        "case",
        "decided_at",
        "effective_date",
        "weekly_amount",
        "reason",
        "decided_by",
        "challenge_by",
    ]
    list_filter = ["reason"]
    search_fields = ["case__reference"]
    readonly_fields = [
        "case",
        "public_id",
        "effective_date",
        "weekly_amount",
        "reason",
        "decided_by",
        "decided_at",
        "challenge_by",
        "supersedes",
        "income_record",
        "explanation_steps",
        "calculation_input",
        "calculation_result",
    ]
    fields = readonly_fields

    @admin.display(description=_("How it was worked out"))
    def explanation_steps(self, obj):
        return format_html_join(
            "", "<p>{}</p>", ((line,) for line in decision_explanation(obj, "en"))
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ChangeReport)
class ChangeReportAdmin(ServiceBackedAdmin):
    list_display = ["reference", "case", "kind", "status", "reported_at"]
    list_filter = ["status", "kind"]
    search_fields = ["reference", "case__reference"]
    fields = [
        "reference",
        "case",
        "party",
        "kind",
        "answers",
        "status",
        "outcome",
        "decision",
        "reported_at",
        "resolved_at",
        "caseworker_notes",
    ]
    readonly_fields = [name for name in fields if name != "caseworker_notes"]
    actions = ["apply_changes", "ask_for_evidence", "refuse_changes"]

    def has_add_permission(self, request):
        return False

    def update(self, request, obj, changes):
        return services.set_change_note(
            acting_user=request.user, change_report=obj, note=changes.get("caseworker_notes", "")
        )

    @admin.action(description=_("Apply the change (makes a new decision where needed)"))
    def apply_changes(self, request, queryset):
        run_for_each(
            request,
            queryset,
            lambda report: services.apply_change_report(
                acting_user=request.user, change_report=report
            ),
            _("Applied %(count)s change(s)."),
        )

    @admin.action(description=_("Ask the parent for evidence (uses the note for the parent)"))
    def ask_for_evidence(self, request, queryset):
        run_for_each(
            request,
            queryset,
            lambda report: services.request_change_evidence(
                acting_user=request.user, change_report=report
            ),
            _("Asked for evidence on %(count)s change(s)."),
        )

    @admin.action(description=_("Do not make the change (uses the note for the parent)"))
    def refuse_changes(self, request, queryset):
        run_for_each(
            request,
            queryset,
            lambda report: services.reject_change_report(
                acting_user=request.user, change_report=report
            ),
            _("Refused %(count)s change(s)."),
        )


@admin.register(Reconsideration)
class ReconsiderationAdmin(ServiceBackedAdmin):
    list_display = ["reference", "case", "decision", "status", "is_late", "requested_at"]
    list_filter = ["status", "is_late"]
    search_fields = ["reference", "case__reference"]
    fields = [
        "reference",
        "case",
        "decision",
        "party",
        "reasons",
        "is_late",
        "late_reason",
        "status",
        "resulting_decision",
        "requested_at",
        "resolved_at",
        "outcome_notes",
    ]
    readonly_fields = [name for name in fields if name != "outcome_notes"]
    actions = ["start_review", "decision_unchanged", "decision_changed"]

    def has_add_permission(self, request):
        return False

    def update(self, request, obj, changes):
        return services.update_reconsideration(
            acting_user=request.user,
            reconsideration=obj,
            status=obj.status,
            outcome_notes=changes.get("outcome_notes", ""),
        )

    @admin.action(description=_("Start looking at the decision again"))
    def start_review(self, request, queryset):
        run_for_each(
            request,
            queryset,
            lambda item: services.update_reconsideration(
                acting_user=request.user, reconsideration=item, status="under_review"
            ),
            _("Started %(count)s review(s)."),
        )

    @admin.action(description=_("Finish: the decision stays the same (tells the parent)"))
    def decision_unchanged(self, request, queryset):
        run_for_each(
            request,
            queryset,
            lambda item: services.update_reconsideration(
                acting_user=request.user, reconsideration=item, status="decision_unchanged"
            ),
            _("Finished %(count)s review(s)."),
        )

    @admin.action(description=_("Finish: make a new decision from the case as it is now"))
    def decision_changed(self, request, queryset):
        def change(item):
            services.revise_decision_on_reconsideration(
                acting_user=request.user, reconsideration=item
            )

        run_for_each(request, queryset, change, _("Finished %(count)s review(s)."))
