"""Accounts (the escalation list lives here) and the ledger, read-only, with reversal."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..models import Account, LedgerEntry, Obligation
from ..services import reverse_entry
from ..services.reversals import REVERSIBLE_KINDS, permission_to_reverse
from .base import ReadOnlyAdmin, ServiceForm, extra_url, render_service_form


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    """Filter by arrears status and escalation date for the cases to chase."""

    list_display = [
        "case",
        "role",
        "party",
        "balance",
        "unallocated",
        "arrears_status",
        "missed_in_row",
        "escalated_on",
    ]
    list_filter = ["role", "arrears_status", ("escalated_on", admin.EmptyFieldListFilter)]
    search_fields = ["case__reference"]
    list_select_related = ["case", "party"]


class ReversalForm(ServiceForm):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Give a reason for the reversal")},
    )


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["effective_date", "case", "account", "kind", "amount", "reverses", "posted_at"]
    list_filter = ["kind", "account__role", "effective_date"]
    search_fields = ["case__reference", "idempotency_key"]
    list_select_related = ["case", "account__case", "reverses"]
    date_hierarchy = "effective_date"
    readonly_fields = ["reverse_link"]

    @admin.display(description=_("Correct this entry"))
    def reverse_link(self, entry):
        from django.utils.html import format_html

        if entry.kind not in REVERSIBLE_KINDS or entry.reversed_by.exists():
            return "-"
        url = reverse("admin:payments_ledgerentry_reverse", args=[entry.pk])
        return format_html('<a class="button" href="{}">{}</a>', url, _("Reverse this entry"))

    def get_urls(self):
        return [
            extra_url(self, "<int:entry_id>/reverse/", self.reverse_view, "reverse"),
            *super().get_urls(),
        ]

    def reverse_view(self, request, entry_id):
        entry = get_object_or_404(LedgerEntry.objects.select_related("case"), pk=entry_id)
        if not request.user.has_perm(permission_to_reverse(entry)):
            raise PermissionDenied
        form = ReversalForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                reversal = reverse_entry(
                    acting_user=request.user, entry=entry, reason=form.cleaned_data["reason"]
                )
            except ValueError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Entry reversed: %(entry)s") % {"entry": reversal})
                return redirect("admin:payments_ledgerentry_change", reversal.pk)
        return render_service_form(
            self,
            request,
            form,
            title=_("Reverse an entry"),
            submit_text=_("Reverse this entry"),
            intro=_(
                "Reversing %(entry)s on case %(case)s posts an entry of the opposite amount "
                "and undoes what depended on it."
            )
            % {"entry": entry, "case": entry.case.reference},
        )


@admin.register(Obligation)
class ObligationAdmin(ReadOnlyAdmin):
    list_display = ["case", "kind", "due_date", "amount", "outstanding", "cancelled"]
    list_filter = ["kind", "cancelled"]
    search_fields = ["case__reference"]
    list_select_related = ["case"]
