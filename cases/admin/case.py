"""Cases, their parties, children, other children and income, managed through services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms_portal.audit import record_audit_event
from cms_portal.core.admin import ServiceBackedAdmin, mask, run_for_each

from .. import services, validation
from ..models import (
    Case,
    Child,
    IncomeRecord,
    Party,
    PartyRole,
    RelevantOtherChild,
)
from ..nino import masked_nino
from .overview import LABELS as OVERVIEW_LABELS
from .overview import case_overview


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True
    # Rows show related objects (and their names, which name the case): read each with
    # its row rather than one query per row.
    related = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.related)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ServiceBackedAdmin):
    list_display = [
        "reference",
        "service_type",
        "status",
        "safeguarding",
        "assigned_caseworker",
        "created_at",
    ]
    list_filter = ["service_type", "status", "safeguarding"]
    search_fields = ["reference", "parties__full_name"]
    fields = [
        "reference",
        "service_type",
        "payment_frequency",
        "safeguarding",
        "status",
        "assigned_caseworker",
    ]
    readonly_fields = ["reference"]
    actions = ["make_decision"]

    def get_fields(self, request, obj=None):
        # The reference is drawn when the case is saved: showing one before would be wrong.
        return self.fields if obj else [name for name in self.fields if name != "reference"]

    def create(self, request, form):
        data = form.cleaned_data
        case = services.create_case(
            acting_user=request.user,
            service_type=data["service_type"],
            payment_frequency=data["payment_frequency"],
            safeguarding=data["safeguarding"],
            assigned_caseworker=data["assigned_caseworker"],
        )
        if data.get("status") and data["status"] != case.status:
            case = services.update_case(acting_user=request.user, case=case, status=data["status"])
        return case

    def update(self, request, obj, changes):
        return services.update_case(acting_user=request.user, case=obj, **changes)

    def get_object(self, request, object_id, from_field=None):
        # The change page reads the case before the admin does; both get the same one.
        kept = getattr(request, "_case_admin_object", None)
        if kept is not None and kept[0] == (object_id, from_field):
            return kept[1]
        case = super().get_object(request, object_id, from_field)
        request._case_admin_object = ((object_id, from_field), case)
        return case

    def change_view(self, request, object_id, form_url="", extra_context=None):
        case = self.get_object(request, object_id)
        if case is not None and request.method == "GET":
            # A caseworker's view of a case is recorded.
            record_audit_event(
                acting_user=request.user, action="case.viewed_by_caseworker", obj=case
            )
        if case is not None:
            extra_context = {
                **(extra_context or {}),
                "case_sections": case_overview(case, request.user),
                "case_labels": OVERVIEW_LABELS,
            }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=_("Make a new decision from the engine"))
    def make_decision(self, request, queryset):
        run_for_each(
            request,
            queryset,
            lambda case: services.make_decision(
                acting_user=request.user,
                case=case,
                reason="initial" if not case.decisions.exists() else "change",
            ),
            _("Made %(count)s decision(s)."),
        )


def _typed(label):
    # Room for the spaces and hyphens people type; the checks store the compact form.
    return forms.CharField(label=label, max_length=20, required=False)


class PartyAdminForm(forms.ModelForm):
    postcode = _typed(_("postcode"))
    bank_sort_code = _typed(_("sort code"))
    bank_account_number = _typed(_("account number"))
    national_insurance_number = _typed(_("National Insurance number"))

    class Meta:
        model = Party
        fields = [
            "case",
            "role",
            "full_name",
            "date_of_birth",
            "email",
            "phone",
            "address_line_1",
            "address_line_2",
            "town",
            "postcode",
            "bank_account_name",
            "bank_sort_code",
            "bank_account_number",
            "national_insurance_number",
            "employer_name",
            "preferred_language",
            "safeguarding",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The number is never shown in full, not even here: the box starts empty and a
        # blank box keeps the number we hold.
        held = self.instance.national_insurance_number if self.instance.pk else ""
        if held:
            self.initial["national_insurance_number"] = ""
            self.fields["national_insurance_number"].help_text = _(
                "We hold %(number)s. Leave this empty to keep it, or type a new number."
            ) % {"number": masked_nino(held)}

    def clean(self):
        data = super().clean()
        if self.instance.pk and not data.get("national_insurance_number"):
            data["national_insurance_number"] = self.instance.national_insurance_number
        checked = {
            name: data[name]
            for name in [*validation.PARTY_CHECKS, "date_of_birth"]
            if data.get(name)
        }
        try:
            data.update(validation.party_details(checked))
        except ValidationError as error:
            for name, problems in error.error_dict.items():
                self.add_error(name, problems)
        case, role = data.get("case"), data.get("role")
        if (
            self.instance.pk is None
            and case
            and role == PartyRole.PAYING
            and case.parties.filter(role=PartyRole.PAYING).exists()
        ):
            raise forms.ValidationError(_("This case already has a paying parent."))
        return data


@admin.register(Party)
class PartyAdmin(ServiceBackedAdmin):
    form = PartyAdminForm
    list_display = [
        "full_name",
        "role",
        "case",
        "user",
        "masked_account",
        "masked_national_insurance_number",
        "safeguarding",
    ]
    list_filter = ["role", "safeguarding"]
    search_fields = ["full_name", "case__reference", "email"]
    autocomplete_fields = ["case"]
    actions = ["issue_activation_code"]

    def get_readonly_fields(self, request, obj=None):
        # Nothing is shown before saving that saving would change (ids are drawn then).
        return ["public_id", "user", "case", "role"] if obj else []

    @admin.display(description=_("account number"))
    def masked_account(self, obj):
        return mask(obj.bank_account_number, 4)

    @admin.display(description=_("National Insurance number"))
    def masked_national_insurance_number(self, obj):
        return masked_nino(obj.national_insurance_number)

    def create(self, request, form):
        data = dict(form.cleaned_data)
        case, role = data.pop("case"), data.pop("role")
        return services.add_party(
            acting_user=request.user,
            case=case,
            role=role,
            full_name=data.pop("full_name"),
            date_of_birth=data.pop("date_of_birth"),
            **data,
        )

    def update(self, request, obj, changes):
        return services.update_party(acting_user=request.user, party=obj, **changes)

    @admin.action(description=_("Issue a new activation code (replaces any unused one)"))
    def issue_activation_code(self, request, queryset):
        for party in queryset:
            _record, code = services.issue_activation_code(acting_user=request.user, party=party)
            # Shown once, for the letter; only a hash is kept.
            messages.warning(
                request,
                _(
                    "Activation code for %(name)s (case %(case)s): %(code)s. "
                    "It is shown only now and expires in 28 days."
                )
                % {"name": party.full_name, "case": party.case.reference, "code": code},
            )


class ChildAdminForm(forms.ModelForm):
    class Meta:
        model = Child
        fields = ["case", "receiving_party", "full_name", "date_of_birth", "shared_care_nights"]

    def clean_date_of_birth(self):
        return validation.child_date_of_birth(self.cleaned_data["date_of_birth"])

    def clean(self):
        data = super().clean()
        # The case of a child already added cannot change (it is read-only then).
        case = data.get("case") if self.instance.pk is None else self.instance.case
        party = data.get("receiving_party")
        if party and case and (party.case_id != case.pk or party.role != PartyRole.RECEIVING):
            raise forms.ValidationError(_("Choose a receiving parent in the same case."))
        return data


@admin.register(Child)
class ChildAdmin(ServiceBackedAdmin):
    form = ChildAdminForm
    list_display = ["full_name", "case", "receiving_party", "shared_care_nights", "status"]
    list_filter = ["status"]
    search_fields = ["full_name", "case__reference"]
    autocomplete_fields = ["case", "receiving_party"]

    def get_readonly_fields(self, request, obj=None):
        return ["case", "status", "left_on"] if obj else []

    def create(self, request, form):
        data = form.cleaned_data
        return services.add_child(
            acting_user=request.user,
            case=data["case"],
            receiving_party=data["receiving_party"],
            full_name=data["full_name"],
            date_of_birth=data["date_of_birth"],
            shared_care_nights=data["shared_care_nights"],
        )

    def update(self, request, obj, changes):
        return services.update_child(acting_user=request.user, child=obj, **changes)


@admin.register(RelevantOtherChild)
class RelevantOtherChildAdmin(ServiceBackedAdmin):
    list_display = ["case", "from_date", "to_date"]
    search_fields = ["case__reference"]
    fields = ["case", "date_of_birth", "from_date", "to_date"]
    autocomplete_fields = ["case"]

    def get_readonly_fields(self, request, obj=None):
        return ["case", "date_of_birth", "from_date"] if obj else ["to_date"]

    def create(self, request, form):
        data = form.cleaned_data
        return services.add_relevant_other_child(
            acting_user=request.user,
            case=data["case"],
            from_date=data["from_date"],
            date_of_birth=data.get("date_of_birth"),
        )

    def update(self, request, obj, changes):
        if changes.get("to_date"):
            return services.end_relevant_other_child(
                acting_user=request.user, other_child=obj, to_date=changes["to_date"]
            )
        return obj


class IncomeRecordAdminForm(forms.ModelForm):
    class Meta:
        model = IncomeRecord
        fields = ["case", "gross_weekly_income", "benefit", "source", "tax_year", "effective_from"]

    def clean_gross_weekly_income(self):
        # Said beside the box, before the database's own check names its constraint.
        income = self.cleaned_data.get("gross_weekly_income")
        if income is not None and income < 0:
            raise forms.ValidationError(_("Gross weekly income must be £0 or more."))
        return income

    def clean(self):
        data = super().clean()
        case = data.get("case")
        if case and not case.parties.filter(role=PartyRole.PAYING).exists():
            raise forms.ValidationError(_("Add the paying parent before recording income."))
        if data.get("gross_weekly_income") is None and data.get("benefit") == "none":
            raise forms.ValidationError(_("Give an income, or the benefit that decides the rate."))
        return data


@admin.register(IncomeRecord)
class IncomeRecordAdmin(ServiceBackedAdmin):
    form = IncomeRecordAdminForm
    list_display = [
        "case",
        "gross_weekly_income",
        "benefit",
        "source",
        "tax_year",
        "effective_from",
        "recorded_by",
    ]
    list_filter = ["source", "benefit"]
    search_fields = ["case__reference"]
    autocomplete_fields = ["case"]

    def has_change_permission(self, request, obj=None):
        # Income records are facts as received; a correction is a new record.
        return False

    def create(self, request, form):
        data = form.cleaned_data
        return services.record_income(
            acting_user=request.user,
            case=data["case"],
            gross_weekly_income=data["gross_weekly_income"],
            source=data["source"],
            tax_year=data["tax_year"],
            effective_from=data["effective_from"],
            benefit=data["benefit"],
        )
