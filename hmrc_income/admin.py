"""HMRC's income files (read only, with every problem found), the rows, and the
caseworker list of rows that matched nobody, matched by hand through the service. A
National Insurance number is only ever shown masked (QQ ** ** ** C)."""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from cases.nino import masked_nino
from cms_portal.core.admin import ReadOnlyAdmin, ServiceBackedAdmin

from . import selectors, services
from .models import FeedRow, IncomeImport, UnmatchedFeedRow

_ROW_FIELDS = [
    "masked_number",
    "record_type",
    "tax_year",
    "period_start",
    "period_end",
    "gross_pay",
    "pension_contributions",
    "import_file",
    "row_number",
]


@admin.register(IncomeImport)
class IncomeImportAdmin(ReadOnlyAdmin):
    list_display = [
        "file_name",
        "status",
        "received_at",
        "rows_in_file",
        "rows_added",
        "rows_already_held",
        "rows_with_problems",
        "rows_unmatched",
    ]
    list_filter = ["status"]
    search_fields = ["file_name"]
    exclude = ["problems"]
    readonly_fields = ["problem_list"]

    @admin.display(description=_("problems found (row, field, message)"))
    def problem_list(self, obj):
        if not obj.problems:
            return _("None")
        return format_html_join(
            "",
            "<div>{}</div>",
            (
                (f"row {p['row']}{', ' + p['field'] if p['field'] else ''}: {p['message']}",)
                for p in obj.problems
            ),
        )


@admin.display(description=_("National Insurance number"))
def _masked(obj):
    return masked_nino(obj.nino)


class _RowAdminBase(ServiceBackedAdmin):
    list_display = [
        "masked_number",
        "record_type",
        "tax_year",
        "period_start",
        "period_end",
        "gross_pay",
        "pension_contributions",
        "import_file",
        "row_number",
    ]
    list_filter = ["record_type", "tax_year"]
    list_select_related = ["import_file"]
    readonly_fields = _ROW_FIELDS
    masked_number = staticmethod(_masked)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FeedRow)
class FeedRowAdmin(_RowAdminBase):
    """Every row, read only."""

    list_display = [*_RowAdminBase.list_display, "party"]
    readonly_fields = [*_ROW_FIELDS, "party", "matched_by", "matched_at"]
    fields = readonly_fields

    def has_change_permission(self, request, obj=None):
        return False


class MatchForm(forms.ModelForm):
    class Meta:
        model = UnmatchedFeedRow
        fields = ["party"]
        labels = {"party": _("Match to")}
        help_texts = {"party": _("Every unmatched row with the same number is matched with it.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].required = True


@admin.register(UnmatchedFeedRow)
class UnmatchedFeedRowAdmin(_RowAdminBase):
    """The caseworker list: rows matching nobody, each matched by hand to a party."""

    form = MatchForm
    autocomplete_fields = ["party"]
    fields = [*_ROW_FIELDS, "party"]

    def get_queryset(self, request):
        return selectors.unmatched_rows().select_related("import_file")

    def update(self, request, obj, changes):
        try:
            count = services.match_by_hand(
                acting_user=request.user, row=obj, party=changes["party"]
            )
        except services.MatchError as error:
            messages.error(request, str(error))
            return obj
        messages.success(request, _("Matched %(count)s row(s).") % {"count": count})
        return obj
