"""Enforcement stages, outcomes, charge waivers and arrears thresholds: each form calls a
payments service (locked, audited, idempotent)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cms_portal.core.admin import run_for_each
from cms_portal.staff_roles import WAIVE_CHARGE

from ..models import (
    EnforcementCase,
    EnforcementStage,
    EnforcementStep,
    EnforcementThresholds,
    LiabilityRoute,
    StepStatus,
    WaiverReason,
)
from ..services import PaymentsError
from ..services.enforcement_process import (
    close_enforcement,
    record_outcome,
    set_thresholds,
    start_stage,
    waive_charge,
)
from .base import (
    CaseReferenceField,
    ReadOnlyAdmin,
    ServiceForm,
    ServiceFormAdmin,
    extra_url,
    render_service_form,
)

DATE_HELP = _("For example, 27/3/2026")


class StartStageForm(ServiceForm):
    case = CaseReferenceField()
    stage = forms.ChoiceField(label=_("Stage"), choices=EnforcementStage.choices)
    on_date = forms.DateField(
        label=_("Started on"), initial=timezone.localdate, help_text=DATE_HELP
    )
    next_review_on = forms.DateField(
        label=_("Review by"), required=False, help_text=_("Leave empty for the usual period")
    )
    liability_route = forms.ChoiceField(
        label=_("Liability order made by"),
        choices=[("", "-"), *LiabilityRoute.choices],
        required=False,
    )
    order_reference = forms.CharField(
        label=_("Deduction from Earnings Order reference"), max_length=12, required=False
    )
    waiver_reason = forms.ChoiceField(
        label=_("Waive the charge (team leaders)"),
        choices=[("", "-"), *WaiverReason.choices],
        required=False,
    )
    notes = forms.CharField(
        label=_("Notes (never shown to parents)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OutcomeForm(ServiceForm):
    status = forms.ChoiceField(
        label=_("What happened"),
        choices=[
            (value, label)
            for value, label in StepStatus.choices
            if value in {StepStatus.SUCCEEDED, StepStatus.UNSUCCESSFUL, StepStatus.STOPPED}
        ],
    )
    on_date = forms.DateField(label=_("On"), initial=timezone.localdate, help_text=DATE_HELP)
    next_review_on = forms.DateField(label=_("Review by"), required=False)


class WaiverForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason (reg 12)"), choices=WaiverReason.choices)
    notes = forms.CharField(
        label=_("Notes (never shown to parents)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ThresholdsForm(ServiceForm):
    effective_from = forms.DateField(label=_("Effective from"), help_text=DATE_HELP)
    days_in_arrears = forms.IntegerField(label=_("Days in arrears"), min_value=1)
    arrears_amount = forms.DecimalField(
        label=_("Arrears of at least (£)"), max_digits=12, decimal_places=2, min_value=0.01
    )
    review_after_days = forms.IntegerField(label=_("Review each stage after (days)"), min_value=1)
    notes = forms.CharField(
        label=_("Why"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class StepInline(admin.TabularInline):
    model = EnforcementStep
    fields = ["started_on", "stage", "status", "next_review_on", "enforcement_action", "automatic"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(EnforcementCase)
class EnforcementCaseAdmin(ReadOnlyAdmin):
    list_display = ["case", "opened_on", "arrears_when_opened", "closed_on"]
    list_filter = ["closed_on"]
    search_fields = ["case__reference"]
    list_select_related = ["case"]
    inlines = [StepInline]
    actions = ["close_cleared"]

    def has_close_permission(self, request):
        return request.user.has_perm("payments.add_enforcementstep")

    @admin.action(description=_("Close enforcement (arrears cleared)"), permissions=["close"])
    def close_cleared(self, request, queryset):
        run_for_each(
            request,
            queryset.filter(closed_on__isnull=True).select_related("case"),
            lambda enforcement_case: close_enforcement(
                acting_user=request.user, enforcement_case=enforcement_case
            ),
            _("%(count)s enforcement cases closed"),
        )


@admin.register(EnforcementStep)
class EnforcementStepAdmin(ServiceFormAdmin):
    add_form = StartStageForm
    add_title = _("Start an enforcement stage")
    add_permission = "payments.add_enforcementstep"
    list_display = ["started_on", "case", "stage", "status", "next_review_on", "automatic"]
    list_filter = ["stage", "status", "automatic"]
    search_fields = ["case__reference", "order_reference"]
    list_select_related = ["case"]
    readonly_fields = ["actions_links"]

    @admin.display(description=_("Next"))
    def actions_links(self, step):
        outcome = reverse("admin:payments_enforcementstep_outcome", args=[step.pk])
        waive = reverse("admin:payments_enforcementstep_waive", args=[step.pk])
        return format_html(
            '<a class="button" href="{}">{}</a> <a class="button" href="{}">{}</a>',
            outcome,
            _("Record what happened"),
            waive,
            _("Waive the charge"),
        )

    def get_urls(self):
        return [
            extra_url(self, "<int:step_id>/outcome/", self.outcome_view, "outcome"),
            extra_url(self, "<int:step_id>/waive/", self.waive_view, "waive"),
            *super().get_urls(),
        ]

    def perform(self, request, form):
        data = form.cleaned_data
        step = start_stage(
            acting_user=request.user,
            case=data["case"],
            stage=data["stage"],
            on_date=data["on_date"],
            idempotency_key=data["idempotency_key"],
            next_review_on=data["next_review_on"],
            liability_route=data["liability_route"],
            order_reference=data["order_reference"],
            waiver_reason=data["waiver_reason"],
            notes=data["notes"],
        )
        return _("%(stage)s started on case %(case)s") % {
            "stage": step.get_stage_display(),
            "case": step.case.reference,
        }

    def _done(self, request, message):
        messages.success(request, message)
        return redirect("admin:payments_enforcementstep_changelist")

    def outcome_view(self, request, step_id):
        step = get_object_or_404(EnforcementStep.objects.select_related("case"), pk=step_id)
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = OutcomeForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                record_outcome(
                    acting_user=request.user,
                    step=step,
                    status=data["status"],
                    on_date=data["on_date"],
                    next_review_on=data["next_review_on"],
                    idempotency_key=data["idempotency_key"],
                )
            except PaymentsError as error:
                form.add_error(None, str(error))
            else:
                return self._done(request, _("Outcome recorded"))
        return render_service_form(
            self, request, form, title=_("Record what happened"), submit_text=_("Record")
        )

    def waive_view(self, request, step_id):
        step = get_object_or_404(EnforcementStep.objects.select_related("case"), pk=step_id)
        if not request.user.has_perm(WAIVE_CHARGE):
            raise PermissionDenied
        form = WaiverForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                waive_charge(
                    acting_user=request.user,
                    step=step,
                    reason=form.cleaned_data["reason"],
                    notes=form.cleaned_data["notes"],
                )
            except PaymentsError as error:
                form.add_error(None, str(error))
            else:
                return self._done(request, _("Charge waived"))
        return render_service_form(
            self, request, form, title=_("Waive the charge"), submit_text=_("Waive the charge")
        )


@admin.register(EnforcementThresholds)
class EnforcementThresholdsAdmin(ServiceFormAdmin):
    add_form = ThresholdsForm
    add_title = _("Set new enforcement thresholds")
    add_permission = "payments.add_enforcementthresholds"
    list_display = [
        "effective_from",
        "days_in_arrears",
        "arrears_amount",
        "review_after_days",
        "created_by",
    ]

    def perform(self, request, form):
        data = form.cleaned_data
        row = set_thresholds(
            acting_user=request.user,
            effective_from=data["effective_from"],
            days_in_arrears=data["days_in_arrears"],
            arrears_amount=data["arrears_amount"],
            review_after_days=data["review_after_days"],
            notes=data["notes"],
        )
        return _("New thresholds from %(date)s") % {"date": row.effective_from.isoformat()}
