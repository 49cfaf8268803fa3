"""Requests to close a case: read only, with a page each to confirm the closure (with the
date it takes effect) or refuse it (with the reason the parents see). Both call the
services, which audit, queue and tell the parents."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cms_portal.core.admin import ReadOnlyAdmin, ServiceForm, extra_url, render_service_form

from .. import services
from ..models import ClosureRequest
from ..services.closures import earliest_closing_date


class ConfirmClosureForm(ServiceForm):
    effective_date = forms.DateField(
        label=_("Close the case from"),
        help_text=_("Nothing falls due from this date. For example, 27/3/2026."),
        error_messages={"required": _("Enter the date the case closes from")},
    )


class RefuseClosureForm(ServiceForm):
    reason = forms.CharField(
        label=_("Why the case is not being closed (the parent who asked sees this)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Give a reason for not closing the case")},
    )


@admin.register(ClosureRequest)
class ClosureRequestAdmin(ReadOnlyAdmin):
    list_display = ["reference", "case", "reason", "wanted_from", "status", "requested_at"]
    list_filter = ["status", "reason"]
    search_fields = ["reference", "case__reference"]
    list_select_related = ["case"]
    fields = [
        "reference",
        "case",
        "party",
        "reason",
        "details",
        "wanted_from",
        "requested_at",
        "status",
        "effective_date",
        "refusal_reason",
        "decided_by",
        "decided_at",
        "decide",
    ]
    readonly_fields = fields

    def has_change_permission(self, request, obj=None):
        # Read only in the form; `may_decide` guards the two decision pages.
        return False

    def may_decide(self, request):
        return request.user.has_perm("cases.change_closurerequest")

    @admin.display(description=_("Decide"))
    def decide(self, obj):
        if not obj.is_open:
            return "-"
        return format_html(
            '<a class="button" href="{}">{}</a> <a class="button" href="{}">{}</a>',
            reverse("admin:cases_closurerequest_confirm", args=[obj.pk]),
            _("Close the case"),
            reverse("admin:cases_closurerequest_refuse", args=[obj.pk]),
            _("Do not close it"),
        )

    def get_urls(self):
        return [
            extra_url(self, "<int:closure_id>/confirm/", self.confirm_view, "confirm"),
            extra_url(self, "<int:closure_id>/refuse/", self.refuse_view, "refuse"),
            *super().get_urls(),
        ]

    def _closure(self, request, closure_id):
        if not self.may_decide(request):
            raise PermissionDenied
        return get_object_or_404(ClosureRequest.objects.select_related("case"), pk=closure_id)

    def confirm_view(self, request, closure_id):
        closure = self._closure(request, closure_id)
        initial = {"effective_date": closure.wanted_from or earliest_closing_date(closure)}
        form = ConfirmClosureForm(
            request.POST if request.method == "POST" else None, initial=initial
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.confirm_closure(
                    acting_user=request.user,
                    closure_request=closure,
                    effective_date=form.cleaned_data["effective_date"],
                )
            except ValueError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Case %(case)s closed.") % {"case": closure.case})
                return redirect("admin:cases_closurerequest_change", closure.pk)
        return render_service_form(
            self,
            request,
            form,
            title=_("Close case %(case)s") % {"case": closure.case},
            submit_text=_("Close the case"),
            intro=_(
                "Ongoing maintenance stops from this date: instalments from it are cancelled "
                "(reversed on Collect and Pay). Arrears stay owed. Both parents are told."
            ),
        )

    def refuse_view(self, request, closure_id):
        closure = self._closure(request, closure_id)
        form = RefuseClosureForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                services.refuse_closure(
                    acting_user=request.user,
                    closure_request=closure,
                    reason=form.cleaned_data["reason"],
                )
            except ValueError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("Request %(ref)s refused.") % {"ref": closure.reference}
                )
                return redirect("admin:cases_closurerequest_change", closure.pk)
        return render_service_form(
            self,
            request,
            form,
            title=_("Do not close case %(case)s") % {"case": closure.case},
            submit_text=_("Do not close the case"),
        )
