"""The caseworkers' side: employers, their codes and messages, and orders issued, varied,
suspended and ended through the same services as everything else. Returns, payments,
leaver reports and late payments are read-only records here."""

from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from cases import validation
from cms_portal.core.admin import ReadOnlyAdmin, extra_url, render_service_form
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
    ReturnCorrection,
    StoppedTradingReport,
)
from .services.orders import (
    check_case_can_have_order,
    check_no_live_order,
    check_order_can_change,
    check_served_on,
    rate_from_schedule,
)


class MembershipInline(admin.TabularInline):
    model = EmployerMembership
    fields = ("user", "role", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class EmployerAdminForm(forms.ModelForm):
    class Meta:
        model = Employer
        fields = (
            "name",
            "address_line_1",
            "address_line_2",
            "town",
            "postcode",
            "contact_email",
            "preferred_language",
        )

    def clean_postcode(self):
        # Blank is allowed (not known yet); anything else must be a real UK postcode,
        # stored in the one form the parents' postcodes use.
        value = self.cleaned_data.get("postcode", "")
        return validation.postcode(value) if value.strip() else ""


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    form = EmployerAdminForm
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
            _record, code = services.issue_employer_activation_code(
                acting_user=request.user, employer=employer
            )
            self.message_user(
                request,
                _(
                    "Activation code for %(employer)s (%(reference)s): %(code)s. "
                    "It works once, for 28 days."
                )
                % {"employer": employer.name, "reference": employer.reference, "code": code},
                messages.WARNING,
            )


class OrderAdminForm(forms.ModelForm):
    """Checks with the services' own rules, so a bad request is a form error, not a crash.
    The normal deduction rate is worked out from the case's payment schedule."""

    charge_waived = forms.BooleanField(
        required=False,
        label=_("No enforcement charge"),
        help_text=_(
            "For orders the fees regulations do not charge for, such as a replacement "
            "order after the employee changed employer."
        ),
    )

    class Meta:
        model = DeductionOrder
        fields = ("employer", "case", "payroll_number", "pay_frequency", "served_on")

    def _rule(self, check, *args, **kwargs):
        try:
            return check(*args, **kwargs)
        except services.EmployerRuleError as error:
            self.add_error(error.field if error.field in self.fields else None, str(error.message))
            return None

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            self._rule(check_order_can_change, self.instance)
            return cleaned
        served_on = cleaned.get("served_on")
        if served_on is not None:
            self._rule(check_served_on, served_on)
        case, employer = cleaned.get("case"), cleaned.get("employer")
        if case is not None and self._rule(check_case_can_have_order, case) is not None:
            if employer is not None:
                self._rule(check_no_live_order, case, employer)
            frequency = cleaned.get("pay_frequency")
            if frequency:
                self._rule(rate_from_schedule, case, frequency, timezone.localdate())
        return cleaned


@admin.register(DeductionOrder)
class DeductionOrderAdmin(admin.ModelAdmin):
    form = OrderAdminForm
    list_display = (
        "reference",
        "employer",
        "employee",
        "payroll_number",
        "status",
        "normal_deduction_rate",
        "pay_frequency",
        "served_on",
    )
    list_filter = ("status", "pay_frequency")
    search_fields = (
        "reference",
        "payroll_number",
        "employee__full_name",
        "employer__name",
        "employer__reference",
        "case__reference",
    )
    autocomplete_fields = ("employer", "case")
    list_select_related = ("employer", "employee")
    actions = ["suspend", "resume", "end", "refresh_rate"]

    def get_readonly_fields(self, request, obj=None):
        base = (
            "reference",
            "employee",
            "status",
            "ended_on",
            "end_reason",
            "issued_by",
            "issued_at",
            "protected_earnings_proportion",
            "normal_deduction_rate",
        )
        return base + ("employer", "case", "served_on") if obj else base

    def get_fields(self, request, obj=None):
        editable = ["payroll_number", "pay_frequency"]
        if obj is None:
            # Only team leaders agree to waive the enforcement charge.
            waiver = ["charge_waived"] if request.user.has_perm(WAIVE_CHARGE) else []
            return ["employer", "case", "served_on", *editable, *waiver]
        return [
            "reference",
            "employer",
            "case",
            "employee",
            "served_on",
            *editable,
            "normal_deduction_rate",
            "status",
            "ended_on",
            "end_reason",
            "protected_earnings_proportion",
            "issued_by",
            "issued_at",
        ]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            saved = services.vary_order(
                acting_user=request.user,
                order=obj,
                pay_frequency=data["pay_frequency"],
                payroll_number=data["payroll_number"],
            )
        else:
            saved = services.issue_order(
                acting_user=request.user,
                employer=data["employer"],
                case=data["case"],
                payroll_number=data["payroll_number"],
                pay_frequency=data["pay_frequency"],
                served_on=data["served_on"],
                charge_waived=(
                    data.get("charge_waived", False) and request.user.has_perm(WAIVE_CHARGE)
                ),
            )
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

    @admin.action(description=_("Work the rate out again from the payment schedule"))
    def refresh_rate(self, request, queryset):
        self._each(
            request,
            queryset,
            services.refresh_order_rate,
            _("%(count)s orders checked against the payment schedule"),
        )


@admin.register(EmployerMessage)
class EmployerMessageAdmin(admin.ModelAdmin):
    """Messages both ways. Caseworkers answer an employer's message with "Answer", which
    opens a new message in reply; filter by "answered" for the ones still waiting."""

    list_display = ("subject", "employer", "from_employer", "answered_at", "sent_at")
    list_filter = ("from_employer", ("answered_at", admin.EmptyFieldListFilter))
    search_fields = ("subject", "employer__name", "employer__reference")
    autocomplete_fields = ("employer",)
    raw_id_fields = ("in_reply_to",)
    fields = ("employer", "in_reply_to", "subject", "body")

    def has_change_permission(self, request, obj=None):
        return obj is None

    def get_readonly_fields(self, request, obj=None):
        return ("answer_link", "from_employer", "answered_at", "sent_at") if obj else ()

    def get_fields(self, request, obj=None):
        if obj is None:
            return self.fields
        return (*self.fields, "from_employer", "answered_at", "sent_at", "answer_link")

    @admin.display(description=_("Answer"))
    def answer_link(self, message):
        if not message.from_employer:
            return "-"
        query = urlencode(
            {
                "employer": message.employer_id,
                "in_reply_to": message.pk,
                "subject": f"Re: {message.subject}"[:200],
            }
        )
        return format_html(
            '<a class="button" href="{}?{}">{}</a>',
            reverse("admin:employers_employermessage_add"),
            query,
            _("Answer this message"),
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        def clean(self):
            cleaned = forms.ModelForm.clean(self)
            replying, employer = cleaned.get("in_reply_to"), cleaned.get("employer")
            if (
                replying is not None
                and employer is not None
                and replying.employer_id != employer.pk
            ):
                self.add_error("in_reply_to", _("Reply to a message from the same employer"))
            return cleaned

        form.clean = clean
        return form

    def save_model(self, request, obj, form, change):
        saved = services.send_employer_message(
            acting_user=request.user,
            employer=obj.employer,
            subject=obj.subject,
            body=obj.body,
            in_reply_to=form.cleaned_data.get("in_reply_to"),
        )
        obj.__dict__.update(saved.__dict__)


class ReturnCorrectionForm(forms.Form):
    net_earnings = forms.DecimalField(
        label=_("Net earnings"), min_value=0, max_digits=12, decimal_places=2
    )
    admin_fee = forms.DecimalField(
        label=_("Admin fee kept"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Enter why the return needs correcting")},
    )


class CorrectionInline(admin.TabularInline):
    model = ReturnCorrection
    fk_name = "deduction_return"
    fields = (
        "kind",
        "previous_net_earnings",
        "previous_amount_deducted",
        "paid_difference",
        "reason",
        "corrected_by",
        "corrected_at",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DeductionReturn)
class DeductionReturnAdmin(ReadOnlyAdmin):
    """Returns in force. A caseworker corrects one with the employers' own service."""

    list_display = (
        "order",
        "employer",
        "pay_date",
        "net_earnings",
        "amount_deducted",
        "shortfall_carried_forward",
        "admin_fee",
        "source",
        "remittance",
    )
    list_filter = ("source",)
    search_fields = ("order__reference", "employer__reference", "employer__name")
    list_select_related = ("order", "employer", "remittance")
    date_hierarchy = "pay_date"
    readonly_fields = ("correct_link",)
    inlines = [CorrectionInline]

    @admin.display(description=_("Correct this return"))
    def correct_link(self, deduction_return):
        url = reverse("admin:employers_deductionreturn_correct", args=[deduction_return.pk])
        return format_html('<a class="button" href="{}">{}</a>', url, _("Correct this return"))

    def get_urls(self):
        return [
            extra_url(self, "<int:return_id>/correct/", self.correct_view, "correct"),
            *super().get_urls(),
        ]

    def correct_view(self, request, return_id):
        if not request.user.has_perm("employers.change_deductionreturn"):
            raise PermissionDenied
        deduction_return = get_object_or_404(
            DeductionReturn.objects.select_related("order"), pk=return_id
        )
        form = ReturnCorrectionForm(
            request.POST or None,
            initial={
                "net_earnings": deduction_return.net_earnings,
                "admin_fee": deduction_return.admin_fee,
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                correction = services.correct_return(
                    acting_user=request.user,
                    deduction_return=deduction_return,
                    net_earnings=form.cleaned_data["net_earnings"],
                    admin_fee=form.cleaned_data["admin_fee"] or Decimal("0.00"),
                    reason=form.cleaned_data["reason"],
                )
            except services.EmployerRuleError as error:
                form.add_error(
                    error.field if error.field in form.fields else None, str(error.message)
                )
            else:
                self.message_user(
                    request,
                    _("Return corrected: %(amount)s deducted on %(date)s")
                    % {
                        "amount": correction.deduction_return.amount_deducted,
                        "date": correction.deduction_return.pay_date,
                    },
                    messages.SUCCESS,
                )
                return redirect(
                    "admin:employers_deductionreturn_change", correction.deduction_return.pk
                )
        return render_service_form(
            self,
            request,
            form,
            title=_("Correct a return"),
            submit_text=_("Correct this return"),
            intro=_(
                "Order %(order)s, pay date %(date)s. Later pay dates of the order are worked out "
                "again; a paid return gets a correcting return and the difference is queued."
            )
            % {"order": deduction_return.order.reference, "date": deduction_return.pay_date},
        )


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
    list_display = (
        "order",
        "kind",
        "left_on",
        "new_employer_name",
        "reported_in_time",
        "reported_at",
    )
    list_filter = ("kind", "reported_in_time")
    search_fields = ("order__reference", "order__employer__name", "new_employer_name")


@admin.register(StoppedTradingReport)
class StoppedTradingReportAdmin(ReadOnlyAdmin):
    list_display = ("employer", "stopped_on", "orders_ended", "reported_in_time", "reported_at")
    list_filter = ("reported_in_time",)
    search_fields = ("employer__name", "employer__reference")


@admin.register(ReturnCorrection)
class ReturnCorrectionAdmin(ReadOnlyAdmin):
    """Every correction of a filed return, with the figures before it."""

    list_display = (
        "deduction_return",
        "kind",
        "previous_amount_deducted",
        "paid_difference",
        "corrected_by",
        "corrected_at",
    )
    list_filter = ("kind",)
    search_fields = ("deduction_return__order__reference", "deduction_return__employer__name")
    list_select_related = ("deduction_return__order", "corrected_by")


@admin.register(LatePayment)
class LatePaymentAdmin(ReadOnlyAdmin):
    """The caseworkers' list of employers whose money is late."""

    list_display = (
        "employer",
        "month",
        "due_on",
        "amount_outstanding",
        "orders_without_return",
        "flagged_on",
        "resolved_at",
    )
    list_filter = (("resolved_at", admin.EmptyFieldListFilter), "month")
    search_fields = ("employer__name", "employer__reference")


@admin.register(DeductionUpload)
class DeductionUploadAdmin(ReadOnlyAdmin):
    list_display = (
        "employer",
        "file_name",
        "row_count",
        "returns_filed",
        "total_deducted",
        "uploaded_at",
    )
    search_fields = ("employer__name", "employer__reference", "file_name")
