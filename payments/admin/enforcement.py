"""Starting enforcement and agreeing arrears payment plans, through the services."""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import ArrearsPaymentPlan, EnforcementAction, EnforcementKind
from ..services import agree_payment_plan, end_payment_plan, post_enforcement_charge
from .base import CaseReferenceField, ServiceForm, ServiceFormAdmin

# A DEO and its charge come from issuing the order (Employers, Deduction orders): never
# added by hand, so the charge cannot be made twice.
HAND_KINDS = [
    (value, label) for value, label in EnforcementKind.choices if value != EnforcementKind.DEO
]


class EnforcementForm(ServiceForm):
    case = CaseReferenceField()
    kind = forms.ChoiceField(
        label=_("Action"),
        choices=HAND_KINDS,
        help_text=_("A DEO is issued from Deduction orders; its charge is added then."),
    )
    on_date = forms.DateField(
        label=_("Taken on"), initial=timezone.localdate, help_text=_("For example, 27/3/2026")
    )
    notes = forms.CharField(
        label=_("Notes (never shown to parents)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@admin.register(EnforcementAction)
class EnforcementActionAdmin(ServiceFormAdmin):
    add_form = EnforcementForm
    add_title = _("Start enforcement")
    add_permission = "payments.add_enforcementaction"
    list_display = ["taken_on", "case", "kind", "charge", "created_by"]
    list_filter = ["kind"]
    search_fields = ["case__reference"]
    list_select_related = ["case", "created_by"]

    def perform(self, request, form):
        data = form.cleaned_data
        action = post_enforcement_charge(
            acting_user=request.user,
            case=data["case"],
            kind=data["kind"],
            on_date=data["on_date"],
            idempotency_key=data["idempotency_key"],
            notes=data["notes"],
        )
        return _("%(action)s recorded on case %(case)s with a charge of £%(charge)s") % {
            "action": action.get_kind_display(),
            "case": action.case.reference,
            "charge": action.charge,
        }


class PaymentPlanForm(ServiceForm):
    case = CaseReferenceField()
    amount_per_instalment = forms.DecimalField(
        label=_("Amount towards arrears with each payment (£)"),
        max_digits=12,
        decimal_places=2,
        min_value=0.01,
    )
    starts_on = forms.DateField(
        label=_("Starts on"), initial=timezone.localdate, help_text=_("For example, 27/3/2026")
    )
    note = forms.CharField(
        label=_("Notes (never shown to parents)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@admin.register(ArrearsPaymentPlan)
class ArrearsPaymentPlanAdmin(ServiceFormAdmin):
    add_form = PaymentPlanForm
    add_title = _("Agree a payment plan")
    add_permission = "payments.add_arrearspaymentplan"
    list_display = ["case", "amount_per_instalment", "starts_on", "status", "ended_on", "agreed_by"]
    list_filter = ["status"]
    search_fields = ["case__reference"]
    list_select_related = ["case", "agreed_by"]
    actions = ["end_plans"]

    def perform(self, request, form):
        data = form.cleaned_data
        plan = agree_payment_plan(
            acting_user=request.user,
            case=data["case"],
            amount_per_instalment=data["amount_per_instalment"],
            starts_on=data["starts_on"],
            note=data["note"],
        )
        return _("Plan agreed on case %(case)s: £%(amount)s with each payment") % {
            "case": plan.case.reference,
            "amount": plan.amount_per_instalment,
        }

    @admin.action(description=_("End the selected plans"), permissions=["add"])
    def end_plans(self, request, queryset):
        from cms_portal.core.admin import run_for_each

        run_for_each(
            request,
            queryset.filter(status="active"),
            lambda plan: end_payment_plan(acting_user=request.user, case=plan.case),
            _("%(count)s plans ended"),
        )
