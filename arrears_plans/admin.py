"""Plans outside the rules wait here for a caseworker, who agrees or refuses them with an
action; each goes through the services, which tell the parent."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cms_portal.core.admin import ServiceBackedAdmin, run_for_each

from .models import ArrearsPlanRequest, RequestStatus
from .services import decide_arrears_plan


@admin.register(ArrearsPlanRequest)
class ArrearsPlanRequestAdmin(ServiceBackedAdmin):
    list_display = [
        "case",
        "amount_per_instalment",
        "arrears",
        "expected_end_on",
        "clears_in_time",
        "within_income_cap",
        "status",
        "submitted_at",
    ]
    list_filter = ["status", "decided_automatically"]
    search_fields = ["case__reference"]
    list_select_related = ["case"]
    fields = [
        "case",
        "amount_per_instalment",
        "net_income",
        "arrears",
        "starts_on",
        "expected_end_on",
        "clear_by",
        "clears_in_time",
        "within_income_cap",
        "status",
        "decided_automatically",
        "submitted_at",
        "decided_by",
        "decided_at",
    ]
    readonly_fields = fields
    actions = ["agree_plans", "refuse_plans"]

    def has_add_permission(self, request):
        return False

    def _decide(self, request, queryset, agree, message):
        run_for_each(
            request,
            queryset.filter(status=RequestStatus.WITH_CASEWORKER),
            lambda plan_request: decide_arrears_plan(
                acting_user=request.user, plan_request=plan_request, agree=agree
            ),
            message,
        )

    @admin.action(description=_("Agree the selected plans"), permissions=["change"])
    def agree_plans(self, request, queryset):
        self._decide(request, queryset, True, _("%(count)s plans agreed"))

    @admin.action(description=_("Refuse the selected plans"), permissions=["change"])
    def refuse_plans(self, request, queryset):
        self._decide(request, queryset, False, _("%(count)s plans refused"))
