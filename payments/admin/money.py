"""Receipts (recorded here through the service) and payments passed on."""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Disbursement, Receipt, ReceiptMethod
from ..services import record_receipt
from .base import CaseReferenceField, ReadOnlyAdmin, ServiceForm, ServiceFormAdmin


class ReceiptForm(ServiceForm):
    case = CaseReferenceField()
    amount = forms.DecimalField(label=_("Amount (£)"), max_digits=12, decimal_places=2,
                                min_value=0.01)
    received_on = forms.DateField(label=_("Received on"), initial=timezone.localdate,
                                  help_text=_("For example, 27/3/2026"))
    method = forms.ChoiceField(label=_("Method"), choices=ReceiptMethod.choices)
    external_reference = forms.CharField(label=_("Bank or card reference"), max_length=100,
                                         required=False)


@admin.register(Receipt)
class ReceiptAdmin(ServiceFormAdmin):
    add_form = ReceiptForm
    add_title = _("Record a receipt")
    add_permission = "payments.add_receipt"
    list_display = ["received_on", "case", "amount", "method", "unallocated", "reversed",
                    "recorded_by"]
    list_filter = ["method", "reversed", "received_on"]
    search_fields = ["case__reference", "external_reference", "idempotency_key"]
    list_select_related = ["case", "recorded_by"]

    def perform(self, request, form):
        data = form.cleaned_data
        receipt = record_receipt(acting_user=request.user, case=data["case"],
                                 amount=data["amount"], received_on=data["received_on"],
                                 method=data["method"],
                                 external_reference=data["external_reference"],
                                 idempotency_key=data["idempotency_key"])
        return _("Receipt of £%(amount)s recorded on case %(case)s") % {
            "amount": receipt.amount, "case": receipt.case.reference}


@admin.register(Disbursement)
class DisbursementAdmin(ReadOnlyAdmin):
    list_display = ["business_date", "case", "gross", "fee", "net", "status"]
    list_filter = ["status", "business_date"]
    search_fields = ["case__reference"]
    list_select_related = ["case"]
