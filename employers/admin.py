"""The caseworkers' side: employers, their codes and messages, and orders issued, varied,
suspended and ended through the same services as everything else. Returns, payments,
leaver reports and late payments are read-only records here."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from cms_portal.staff_roles import WAIVE_CHARGE

from . import services
from .models import (
    DeductionOrder,
    DeductionReturn,
    DeductionUpload,
    Employer,
    EmployerMembership,
    EmployerMessage,
    LatePayment,
    LeaverReport,
    Remittance,
    RemittanceAllocation,
)
from .services.orders import check_case_can_have_order


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that only services write."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MembershipInline(admin.TabularInline):
    model = EmployerMembership
    fields = ("user", "role", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ("name", "reference", "postcode", "created_at")
    search_fields = ("name", "reference", "postcode")

    def get_readonly_fields(self, request, obj=None):
        # The reference is drawn when the employer is saved: none is shown before.
        return ("reference", "created_at") if obj else ()
    inlines = [MembershipInline]
    actions = ["issue_activation_code"]

    def has_delete_permission(self, request, obj=None):
        # An employer that has ever held an order is part of the money trail.
        if obj is not None and obj.orders.exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # Bulk delete would skip the per-employer check above.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=_("Issue an activation code (shown once)"))
    def issue_activation_code(self, request, queryset):
        for employer in queryset:
            _record, code = services.issue_employer_activation_code(acting_user=request.user, employer=employer)
            self.message_user(request, _("Activation code for %(employer)s (%(reference)s): %(code)s. "
                                         "It works once, for 28 days.") % {
                "employer": employer.name, "reference": employer.reference, "code": code},
                messages.WARNING)


class OrderAdminForm(forms.ModelForm):
    charge_waived = forms.BooleanField(
        required=False, label=_("No enforcement charge"),
        help_text=_("For orders the fees regulations do not charge for, such as a replacement "
                    "order after the employee changed employer."))

    class Meta:
        model = DeductionOrder
        fields = ("employer", "case", "payroll_number", "pay_frequency", "normal_deduction_rate",
                  "served_on")

    def clean(self):
        cleaned = super().clean()
        case = cleaned.get("case")
        if case is not None and self.instance.pk is None:
            try:
                check_case_can_have_order(case)
            except services.EmployerRuleError as error:
                self.add_error("case", str(error.message))
        rate = cleaned.get("normal_deduction_rate")
        if rate is not None and rate <= 0:
            self.add_error("normal_deduction_rate", _("The normal deduction rate must be more than £0"))
        return cleaned


@admin.register(DeductionOrder)
class DeductionOrderAdmin(admin.ModelAdmin):
    form = OrderAdminForm
    list_display = ("reference", "employer", "employee", "payroll_number", "status",
                    "normal_deduction_rate", "pay_frequency", "served_on")
    list_filter = ("status", "pay_frequency")
    search_fields = ("reference", "payroll_number", "employee__full_name", "employer__name",
                     "employer__reference", "case__reference")
    autocomplete_fields = ("employer", "case")
    list_select_related = ("employer", "employee")
    actions = ["suspend", "resume", "end"]

    def get_readonly_fields(self, request, obj=None):
        base = ("reference", "employee", "status", "ended_on", "end_reason", "issued_by", "issued_at",
                "protected_earnings_proportion")
        return base + ("employer", "case", "served_on") if obj else base

    def get_fields(self, request, obj=None):
        editable = ["payroll_number", "pay_frequency", "normal_deduction_rate"]
        if obj is None:
            # Only team leaders agree to waive the enforcement charge.
            waiver = ["charge_waived"] if request.user.has_perm(WAIVE_CHARGE) else []
            return ["employer", "case", "served_on", *editable, *waiver]
        return ["reference", "employer", "case", "employee", "served_on", *editable, "status",
                "ended_on", "end_reason", "protected_earnings_proportion", "issued_by", "issued_at"]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            saved = services.vary_order(
                acting_user=request.user, order=obj, normal_deduction_rate=data["normal_deduction_rate"],
                pay_frequency=data["pay_frequency"], payroll_number=data["payroll_number"])
        else:
            saved = services.issue_order(
                acting_user=request.user, employer=data["employer"], case=data["case"],
                payroll_number=data["payroll_number"], pay_frequency=data["pay_frequency"],
                normal_deduction_rate=data["normal_deduction_rate"], served_on=data["served_on"],
                charge_waived=(data.get("charge_waived", False)
                               and request.user.has_perm(WAIVE_CHARGE)))
        # The admin goes on with `obj` (logging, redirect): make it the saved order.
        obj.__dict__.update(saved.__dict__)

    def has_delete_permission(self, request, obj=None):
        return False

    def _each(self, request, queryset, service, done):
        changed = 0
        for order in queryset:
            try:
                service(acting_user=request.user, order=order)
                changed += 1
            except services.EmployerRuleError as error:
                self.message_user(request, f"{order.reference}: {error.message}", messages.ERROR)
        if changed:
            self.message_user(request, done % {"count": changed}, messages.SUCCESS)

    @admin.action(description=_("Suspend the selected orders"))
    def suspend(self, request, queryset):
        self._each(request, queryset, services.suspend_order, _("%(count)s orders suspended"))

    @admin.action(description=_("Restart the selected orders"))
    def resume(self, request, queryset):
        self._each(request, queryset, services.resume_order, _("%(count)s orders restarted"))

    @admin.action(description=_("End the selected orders"))
    def end(self, request, queryset):
        self._each(request, queryset, services.end_order, _("%(count)s orders ended"))


@admin.register(EmployerMessage)
class EmployerMessageAdmin(admin.ModelAdmin):
    list_display = ("subject", "employer", "sent_at")
    search_fields = ("subject", "employer__name", "employer__reference")
    autocomplete_fields = ("employer",)
    fields = ("employer", "subject", "body")

    def has_change_permission(self, request, obj=None):
        return obj is None

    def save_model(self, request, obj, form, change):
        saved = services.send_employer_message(acting_user=request.user, employer=obj.employer,
                                               subject=obj.subject, body=obj.body)
        obj.__dict__.update(saved.__dict__)


@admin.register(DeductionReturn)
class DeductionReturnAdmin(ReadOnlyAdmin):
    list_display = ("order", "employer", "pay_date", "net_earnings", "amount_deducted",
                    "shortfall_carried_forward", "admin_fee", "source", "remittance")
    list_filter = ("source",)
    search_fields = ("order__reference", "employer__reference", "employer__name")
    list_select_related = ("order", "employer", "remittance")
    date_hierarchy = "pay_date"


class AllocationInline(admin.TabularInline):
    model = RemittanceAllocation
    fields = ("order", "amount", "posted_at", "receipt_public_id")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Remittance)
class RemittanceAdmin(ReadOnlyAdmin):
    list_display = ("employer", "month", "amount", "method", "paid_on", "due_on", "recorded_at")
    search_fields = ("employer__name", "employer__reference", "payment_reference")
    list_filter = ("method",)
    inlines = [AllocationInline]


@admin.register(LeaverReport)
class LeaverReportAdmin(ReadOnlyAdmin):
    list_display = ("order", "kind", "left_on", "new_employer_name", "reported_in_time", "reported_at")
    list_filter = ("kind", "reported_in_time")
    search_fields = ("order__reference", "order__employer__name", "new_employer_name")


@admin.register(LatePayment)
class LatePaymentAdmin(ReadOnlyAdmin):
    """The caseworkers' list of employers whose money is late."""

    list_display = ("employer", "month", "due_on", "amount_outstanding", "orders_without_return",
                    "flagged_on", "resolved_at")
    list_filter = (("resolved_at", admin.EmptyFieldListFilter), "month")
    search_fields = ("employer__name", "employer__reference")


@admin.register(DeductionUpload)
class DeductionUploadAdmin(ReadOnlyAdmin):
    list_display = ("employer", "file_name", "row_count", "returns_filed", "total_deducted", "uploaded_at")
    search_fields = ("employer__name", "employer__reference", "file_name")
