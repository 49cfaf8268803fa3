"""Money in and out. A parent's payment is recorded as expected; finance staff record or
import money in the bank and match it; only a match posts a receipt to the ledger."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..bank_statements import StatementError
from ..employer_money import employer_money
from ..models import (
    BankMatch,
    BankReceipt,
    BankStatement,
    Disbursement,
    ExpectedPayment,
    Receipt,
    ReceiptMethod,
)
from ..services import (
    PaymentsError,
    import_bank_statement,
    match_by_hand,
    record_bank_receipt,
    record_expected_payment,
)
from .base import (
    CaseReferenceField,
    ReadOnlyAdmin,
    ServiceForm,
    ServiceFormAdmin,
    extra_url,
    render_service_form,
)

MAX_STATEMENT_BYTES = 20 * 1024 * 1024


class DuplicateReasonField(forms.CharField):
    def __init__(self):
        super().__init__(
            label=_("Reason to record a possible duplicate"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("Only if we warn that the same payment is already recorded."),
        )


class ExpectedPaymentForm(ServiceForm):
    case = CaseReferenceField()
    amount = forms.DecimalField(
        label=_("Amount (£)"), max_digits=12, decimal_places=2, min_value=0.01
    )
    paid_on = forms.DateField(
        label=_("Date paid"), initial=timezone.localdate, help_text=_("For example, 27/3/2026")
    )
    method = forms.ChoiceField(label=_("Method"), choices=ReceiptMethod.choices)
    reference = forms.CharField(label=_("Bank or card reference"), max_length=100, required=False)
    duplicate_reason = DuplicateReasonField()


@admin.register(ExpectedPayment)
class ExpectedPaymentAdmin(ServiceFormAdmin):
    add_form = ExpectedPaymentForm
    add_title = _("Record a parent's payment")
    add_permission = "payments.add_expectedpayment"
    list_display = [
        "paid_on",
        "case",
        "amount",
        "method",
        "reference",
        "status",
        "matched_amount",
        "recorded_by",
    ]
    list_filter = ["status", "method", "paid_on"]
    search_fields = ["case__reference", "reference"]
    list_select_related = ["case", "recorded_by"]

    def perform(self, request, form):
        data = form.cleaned_data
        payment = record_expected_payment(
            acting_user=request.user,
            case=data["case"],
            amount=data["amount"],
            paid_on=data["paid_on"],
            method=data["method"],
            reference=data["reference"],
            idempotency_key=data["idempotency_key"],
            duplicate_reason=data["duplicate_reason"],
        )
        return _("Payment of £%(amount)s on case %(case)s recorded: %(status)s") % {
            "amount": payment.amount,
            "case": payment.case.reference,
            "status": payment.get_status_display(),
        }


class BankReceiptForm(ServiceForm):
    booked_on = forms.DateField(
        label=_("Date in the bank"), initial=timezone.localdate, help_text=_("YYYY-MM-DD")
    )
    amount = forms.DecimalField(
        label=_("Amount (£)"), max_digits=12, decimal_places=2, min_value=0.01
    )
    reference = forms.CharField(
        label=_("Payment reference"),
        max_length=140,
        required=False,
        help_text=_(
            "As the bank shows it: a case reference or an "
            "Employer Reference Number in it is matched"
        ),
    )
    payer_name = forms.CharField(label=_("Payer"), max_length=140, required=False)
    duplicate_reason = DuplicateReasonField()


class StatementForm(forms.Form):
    statement = forms.FileField(
        label=_("Bank statement file"),
        help_text=_("CSV or camt.053 XML, as described in the README"),
    )

    def clean_statement(self):
        upload = self.cleaned_data["statement"]
        if upload.size > MAX_STATEMENT_BYTES:
            raise forms.ValidationError(_("The file must be smaller than 20MB"))
        return upload


class MatchForm(forms.Form):
    case = CaseReferenceField(required=False)
    remittance = forms.UUIDField(label=_("Employer payment id"), required=False)

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("case")) == bool(data.get("remittance")):
            raise forms.ValidationError(
                _("Enter a case reference or an employer payment id, not both")
            )
        return data


@admin.register(BankReceipt)
class BankReceiptAdmin(ServiceFormAdmin):
    """Finance staff's list of money in the bank; "Not matched" is the suspense list."""

    add_form = BankReceiptForm
    add_title = _("Record money in the bank")
    add_permission = "payments.add_bankreceipt"
    list_display = [
        "booked_on",
        "amount",
        "reference",
        "payer_name",
        "status",
        "matched_amount",
        "source",
        "transaction_id",
        "match_link",
    ]
    list_filter = ["status", "source", "booked_on"]
    search_fields = ["reference", "payer_name", "transaction_id"]
    change_list_template = "admin/payments/bankreceipt/change_list.html"

    @admin.display(description=_("Match"))
    def match_link(self, obj):
        if obj.remaining <= 0:
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:payments_bankreceipt_match", args=[obj.pk]),
            _("Match by hand"),
        )

    def perform(self, request, form):
        data = form.cleaned_data
        bank = record_bank_receipt(
            acting_user=request.user,
            booked_on=data["booked_on"],
            amount=data["amount"],
            reference=data["reference"],
            payer_name=data["payer_name"],
            transaction_id=f"manual:{data['idempotency_key']}",
            duplicate_reason=data["duplicate_reason"],
        )
        return _("£%(amount)s in the bank recorded: %(status)s") % {
            "amount": bank.amount,
            "status": bank.get_status_display(),
        }

    def get_urls(self):
        return [
            extra_url(self, "import/", self.import_view, "import"),
            extra_url(self, "<int:bank_id>/match/", self.match_view, "match"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not request.user.has_perm("payments.add_bankreceipt"):
            raise PermissionDenied
        posted = request.method == "POST"
        form = StatementForm(request.POST if posted else None, request.FILES if posted else None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["statement"]
            try:
                statement, created = import_bank_statement(
                    acting_user=request.user, file_name=upload.name, content=upload.read()
                )
            except StatementError as error:
                for problem in error.problems:
                    form.add_error(
                        "statement",
                        _("Row %(row)s: %(message)s")
                        % {"row": problem.row, "message": problem.message}
                        if problem.row
                        else problem.message,
                    )
            else:
                if created:
                    messages.success(
                        request,
                        _("%(file)s imported: %(new)s new lines, %(known)s already imported")
                        % {
                            "file": statement.file_name,
                            "new": statement.lines_added,
                            "known": statement.lines_known,
                        },
                    )
                else:
                    messages.warning(
                        request,
                        _("This file was imported before, on %(date)s: nothing changed")
                        % {
                            "date": timezone.localtime(statement.imported_at).strftime(
                                "%d/%m/%Y %H:%M"
                            )
                        },
                    )
                return redirect("admin:payments_bankreceipt_changelist")
        return render_service_form(
            self,
            request,
            form,
            title=_("Import a bank statement"),
            submit_text=_("Import"),
            intro=_(
                "Each new line is matched by the case reference or "
                "Employer Reference Number in its reference and its "
                "amount. A file with any problem imports nothing."
            ),
        )

    def match_view(self, request, bank_id):
        if not request.user.has_perm("payments.add_bankmatch"):
            raise PermissionDenied
        bank = get_object_or_404(BankReceipt, pk=bank_id)
        form = MatchForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            remittance = None
            if form.cleaned_data["remittance"]:
                remittance = employer_money().remittance_by_public_id(
                    form.cleaned_data["remittance"]
                )
            try:
                if form.cleaned_data["remittance"] and remittance is None:
                    raise PaymentsError(_("No employer payment has this id"))
                bank = match_by_hand(
                    acting_user=request.user,
                    bank_receipt=bank,
                    case=form.cleaned_data["case"] or None,
                    remittance=remittance,
                )
            except PaymentsError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("Matched: %(status)s") % {"status": bank.get_status_display()}
                )
                return redirect("admin:payments_bankreceipt_changelist")
        return render_service_form(
            self,
            request,
            form,
            title=_("Match money in the bank"),
            submit_text=_("Match"),
            intro=_("%(amount)s on %(date)s, reference “%(reference)s”: %(left)s not yet matched.")
            % {
                "amount": bank.amount,
                "date": bank.booked_on.strftime("%d/%m/%Y"),
                "reference": bank.reference,
                "left": bank.remaining,
            },
        )


@admin.register(BankStatement)
class BankStatementAdmin(ReadOnlyAdmin):
    list_display = [
        "imported_at",
        "file_name",
        "source",
        "lines_added",
        "lines_known",
        "imported_by",
    ]


@admin.register(BankMatch)
class BankMatchAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "bank_receipt",
        "expected_payment",
        "remittance",
        "amount",
        "matched_by",
    ]
    list_select_related = [
        "bank_receipt",
        "expected_payment__case",
        "remittance__employer",
        "matched_by",
    ]


@admin.register(Receipt)
class ReceiptAdmin(ReadOnlyAdmin):
    """Receipts exist only for matched bank money: they are made by matching."""

    list_display = [
        "received_on",
        "case",
        "amount",
        "method",
        "unallocated",
        "reversed",
        "recorded_by",
    ]
    list_filter = ["method", "reversed", "received_on"]
    search_fields = ["case__reference", "external_reference", "idempotency_key"]
    list_select_related = ["case", "recorded_by"]


@admin.register(Disbursement)
class DisbursementAdmin(ReadOnlyAdmin):
    list_display = ["business_date", "case", "gross", "fee", "net", "status"]
    list_filter = ["status", "business_date"]
    search_fields = ["case__reference"]
    list_select_related = ["case"]
