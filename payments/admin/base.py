"""Caseworker admin for money: the ledger and everything hanging off it is read-only here;
every change is made by a form that calls a payments service (locked, audited and
idempotent: each form carries its own idempotency key, so a double submit does it once)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from cms_portal.core.admin import ReadOnlyAdmin, ServiceForm, extra_url, render_service_form

from ..services import PaymentsError


class CaseReferenceField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(label=_("Case reference"), max_length=12, **kwargs)

    def clean(self, value):
        reference = super().clean(value).strip()
        case = Case.objects.filter(reference=reference).first()
        if case is None:
            raise forms.ValidationError(_("No case has this reference"))
        return case


class ServiceFormAdmin(ReadOnlyAdmin):
    """`add_form` and `perform(request, form) -> message` make the admin's "Add" button
    call a service instead of saving a model form."""

    add_form = None
    add_title = ""
    add_permission = None

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm(self.add_permission)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or self.has_add_permission(request)

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = self.add_form(
            request.POST if request.method == "POST" else None, initial=self.add_initial(request)
        )
        if request.method == "POST" and form.is_valid():
            try:
                message = self.perform(request, form)
            except PaymentsError as error:
                field = getattr(error, "field", None)
                form.add_error(field if field in form.fields else None, str(error))
            else:
                messages.success(request, message)
                return redirect(
                    reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
                )
        return render_service_form(
            self, request, form, title=self.add_title, submit_text=self.add_title
        )

    def add_initial(self, request):
        return {
            key: value for key, value in request.GET.items() if key in self.add_form.base_fields
        }

    def perform(self, request, form):
        raise NotImplementedError


__all__ = [
    "CaseReferenceField",
    "ReadOnlyAdmin",
    "ServiceForm",
    "ServiceFormAdmin",
    "extra_url",
    "render_service_form",
]
