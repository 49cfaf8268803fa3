"""Caseworker admin for applications: a queue of submitted applications (oldest first,
with their age and safety flags) and one form that sets the case up from the answers,
pre-filled and editable, through `services.create_case_from_application`."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from cases import validation
from cases.models import PaymentFrequency, ServiceType
from cases.validation import CHILD_AGE_LIMIT
from cms_portal.audit import record_audit_event
from cms_portal.core.admin import render_service_form

from . import journey, respond, services
from .models import Application, ApplicationStatus, ResponsePayslip
from .presenters import masked_ni_number


class CaseSetUpForm(forms.Form):
    """The case as the application describes it; the caseworker may correct anything."""

    service_type = forms.ChoiceField(label=_("Service type"), choices=ServiceType.choices)
    payment_frequency = forms.ChoiceField(
        label=_("How often the paying parent pays"), choices=PaymentFrequency.choices
    )
    safeguarding = forms.BooleanField(
        label=_("Safeguarding (hide address, area and new name from the other parent)"),
        required=False,
    )
    paying_reported_weekly_income = forms.DecimalField(
        label=_("Paying parent: weekly income they reported"),
        help_text=_("Leave blank to wait for the HMRC figure"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
    )
    relevant_other_children = forms.IntegerField(
        label=_("Other children living with the paying parent"),
        required=False,
        min_value=0,
        max_value=20,
    )

    def __init__(self, *args, children=0, **kwargs):
        super().__init__(*args, **kwargs)
        for role, label in (("receiving", _("Receiving parent")), ("paying", _("Paying parent"))):
            self.fields[f"{role}_full_name"] = forms.CharField(label=f"{label}: {_('full name')}")
            self.fields[f"{role}_date_of_birth"] = forms.DateField(
                label=f"{label}: {_('date of birth')}",
                help_text=_("Ask the paying parent when they respond if this is unknown"),
            )
            self.fields[f"{role}_national_insurance_number"] = forms.CharField(
                label=f"{label}: {_('National Insurance number')}", required=False
            )
            self.fields[f"{role}_phone"] = forms.CharField(
                label=f"{label}: {_('phone')}", required=False
            )
        for name, label in (
            ("address_line_1", _("address line 1")),
            ("address_line_2", _("address line 2")),
            ("town", _("town or city")),
            ("postcode", _("postcode")),
            ("bank_account_name", _("name on the account")),
            ("bank_sort_code", _("sort code")),
            ("bank_account_number", _("account number")),
        ):
            self.fields[f"receiving_{name}"] = forms.CharField(
                label=f"{_('Receiving parent')}: {label}", required=False
            )
        self.fields["paying_employer_name"] = forms.CharField(
            label=f"{_('Paying parent')}: {_('employer')}", required=False
        )
        for number in range(1, children + 1):
            self.fields[f"child_{number}_full_name"] = forms.CharField(
                label=_("Child %(number)s: full name") % {"number": number}
            )
            self.fields[f"child_{number}_date_of_birth"] = forms.DateField(
                label=_("Child %(number)s: date of birth") % {"number": number}
            )
            self.fields[f"child_{number}_shared_care_nights"] = forms.IntegerField(
                label=_("Child %(number)s: nights a year with the paying parent")
                % {"number": number},
                min_value=0,
                max_value=365,
            )
        self.max_child_age = CHILD_AGE_LIMIT
        self.children = children

    def clean(self):
        """The checks the case services make, field by field here, so a mistyped detail is
        shown beside its box rather than refused whole when the case is set up."""
        cleaned = super().clean()
        for role in ("receiving", "paying"):
            prefix = f"{role}_"
            names = [f"{prefix}{name}" for name in [*validation.PARTY_CHECKS, "date_of_birth"]]
            given = {
                name.removeprefix(prefix): cleaned[name]
                for name in names
                if name in self.fields and cleaned.get(name) not in (None, "")
            }
            try:
                checked = validation.party_details(given)
            except forms.ValidationError as error:
                for name, problems in error.message_dict.items():
                    self.add_error(f"{prefix}{name}", problems)
            else:
                cleaned.update({f"{prefix}{name}": value for name, value in checked.items()})
        for number in range(1, self.children + 1):
            name = f"child_{number}_date_of_birth"
            if cleaned.get(name) is not None:
                try:
                    validation.child_date_of_birth(cleaned[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = (
        "reference",
        "status",
        "submitted_at",
        "age_in_days",
        "safety_concern_flag",
        "hidden_address_flag",
        "response_received",
        "parentage_disputed",
        "case_link",
    )
    list_filter = ("status",)
    search_fields = ("reference",)
    ordering = ("submitted_at", "created_at")
    readonly_fields = (
        "reference",
        "status",
        "submitted_at",
        "other_parent_contacted_at",
        "case_set_up_at",
        "case",
        "answers_summary",
        "response_payslips",
    )
    fields = readonly_fields
    actions = ["mark_other_parent_contacted", "issue_response_code"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .exclude(status=ApplicationStatus.DRAFT)
            .select_related("case", "response")
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Age (days)"))
    def age_in_days(self, obj):
        return (timezone.now() - obj.submitted_at).days if obj.submitted_at else ""

    @admin.display(description=_("Safety concern"), boolean=True)
    def safety_concern_flag(self, obj):
        return obj.safety_concern

    @admin.display(description=_("Address hidden"), boolean=True)
    def hidden_address_flag(self, obj):
        return obj.hides_address

    @admin.display(description=_("Response received"))
    def response_received(self, obj):
        response = getattr(obj, "response", None)
        return response.submitted_at if response and response.submitted_at else ""

    @admin.display(description=_("Parentage disputed"), boolean=True)
    def parentage_disputed(self, obj):
        response = getattr(obj, "response", None)
        return bool(response and response.parentage_disputed)

    @admin.action(description=_("Issue a response code for the other parent’s letter"))
    def issue_response_code(self, request, queryset):
        for application in queryset:
            try:
                code = respond.issue_response_code(
                    acting_user=request.user, application=application
                )
            except respond.ResponseError as error:
                messages.error(request, f"{application}: {error}")
            else:
                messages.warning(
                    request,
                    _(
                        "Response code for %(reference)s: %(code)s (shown once: put it in the "
                        "letter)"
                    )
                    % {"reference": application.reference, "code": code},
                )

    @admin.display(description=_("Case"))
    def case_link(self, obj):
        if obj.case_id:
            url = reverse("admin:cases_case_change", args=[obj.case_id])
            return format_html('<a href="{}">{}</a>', url, obj.case.reference)
        if obj.status == ApplicationStatus.SUBMITTED:
            url = reverse("admin:applications_application_set_up_case", args=[obj.pk])
            return format_html('<a href="{}">{}</a>', url, _("Set up the case"))
        return ""

    @admin.display(description=_("Answers"))
    def answers_summary(self, obj):
        rows = (
            (slug, name, masked_ni_number(value) if name == "national_insurance_number" else value)
            for slug, saved in obj.answers.items()
            for name, value in saved.items()
        )
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{} / {}: {}</li>", rows))

    @admin.action(description=_("Mark the other parent as contacted"))
    def mark_other_parent_contacted(self, request, queryset):
        done = 0
        for application in queryset:
            try:
                services.mark_other_parent_contacted(
                    acting_user=request.user, application=application
                )
            except services.ApplicationError as error:
                messages.error(request, f"{application}: {error}")
            else:
                done += 1
        if done:
            messages.success(request, _("%(count)s marked as contacted") % {"count": done})

    @admin.display(description=_("Payslips sent with the response"))
    def response_payslips(self, obj):
        response = getattr(obj, "response", None)
        payslips = list(response.payslips.all()) if response is not None else []
        if not payslips:
            return "-"
        return format_html_join(
            mark_safe("<br>"),  # noqa: S308 - a constant
            '<a href="{}">{}</a>',
            (
                (
                    reverse("admin:applications_payslip_download", args=[p.public_id]),
                    p.original_name,
                )
                for p in payslips
            ),
        )

    def download_payslip(self, request, payslip_id):
        """A payslip from the response, as a download, never shown inline; audited."""
        if not self.has_view_permission(request):
            raise Http404
        payslip = get_object_or_404(
            ResponsePayslip.objects.select_related("response__application"), public_id=payslip_id
        )
        try:
            handle = payslip.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        record_audit_event(
            acting_user=request.user,
            action="application.response_payslip_downloaded",
            obj=payslip.response.application,
            payslip=str(payslip.public_id),
        )
        download = FileResponse(
            handle,
            as_attachment=True,
            filename=payslip.original_name,
            content_type=payslip.content_type,
        )
        download["X-Content-Type-Options"] = "nosniff"
        download["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return download

    def get_urls(self):
        return [
            path(
                "payslip/<uuid:payslip_id>/",
                self.admin_site.admin_view(self.download_payslip),
                name="applications_payslip_download",
            ),
            path(
                "<int:pk>/set-up-case/",
                self.admin_site.admin_view(self.set_up_case),
                name="applications_application_set_up_case",
            ),
            *super().get_urls(),
        ]

    def set_up_case(self, request, pk):
        if not (request.user.has_perm("cases.add_case") and self.has_change_permission(request)):
            raise PermissionDenied
        application = get_object_or_404(Application, pk=pk, status=ApplicationStatus.SUBMITTED)
        children = journey.number_of_children(application.answers)
        form = CaseSetUpForm(
            request.POST if request.method == "POST" else None,
            initial=services.case_setup_defaults(application),
            children=children,
        )
        if form.is_bound and form.is_valid():
            try:
                case = services.create_case_from_application(
                    acting_user=request.user, application=application, details=form.cleaned_data
                )
            except (ValueError, forms.ValidationError) as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request, _("Case %(reference)s set up") % {"reference": case.reference}
                )
                return redirect("admin:cases_case_change", case.pk)
        return render_service_form(
            self,
            request,
            form,
            title=_("Set up the case from application %(reference)s")
            % {"reference": application.reference},
            submit_text=_("Set up the case"),
            intro=_(
                "Check the details from the application. Correct anything that is wrong; "
                "nothing needs typing again."
            ),
        )
