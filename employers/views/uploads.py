"""Uploading a deductions file from payroll software, with every problem shown at once."""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from .. import services
from ..deadlines import deduction_month
from ..forms import UploadForm
from ..presenters.payments import month_name, month_slug
from ..presenters.uploads import (
    column_table_head,
    column_table_rows,
    problem_summary_items,
    problem_table_head,
    problem_table_rows,
)
from ..selectors import upload_for
from ..uploads import COLUMNS, MAXIMUM_FILE_BYTES, template_csv
from .access import employer_page, posted, render_employer_page

REPEATED_UPLOAD = "employers_repeated_upload"
TOO_LARGE = _("The selected file must be smaller than 5 MB")


def _page(request, form, problems=None, status=200):
    return render_employer_page(
        request,
        "employers/upload.html",
        {
            "form": form,
            "column_head": column_table_head(),
            "column_rows": column_table_rows(COLUMNS),
            "problems": problems,
            "problem_head": problem_table_head() if problems else None,
            "problem_rows": problem_table_rows(problems) if problems else None,
            "error_items": problem_summary_items(problems, "#deductions_file")
            if problems
            else None,
        },
        status=status,
    )


@employer_page
@require_http_methods(["GET", "POST"])
def upload(request):
    form = UploadForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method != "POST":
        return _page(request, form)
    if not form.is_valid():
        return _page(request, form, status=400)
    uploaded = form.cleaned_data["deductions_file"]
    if uploaded.size > MAXIMUM_FILE_BYTES:
        form.add_error("deductions_file", TOO_LARGE)
        return _page(request, form, status=400)
    try:
        result = services.file_upload(
            acting_user=request.user,
            employer=request.membership.employer,
            file_name=uploaded.name,
            data=uploaded.read(),
        )
    except services.UploadRejected as rejected:
        if rejected.file_error:
            form.add_error("deductions_file", rejected.file_error)
            return _page(request, form, status=400)
        return _page(request, form, problems=rejected.problems, status=400)
    request.session[REPEATED_UPLOAD] = result.repeated
    return redirect("employers:upload_done", public_id=result.upload.public_id)


@employer_page
def upload_done(request, public_id):
    deductions_upload = upload_for(request.membership, public_id)
    months = sorted(
        {
            deduction_month(pay_date)
            for pay_date in deductions_upload.returns.values_list("pay_date", flat=True).distinct()
        }
    )
    return render_employer_page(
        request,
        "employers/upload_done.html",
        {
            "upload": deductions_upload,
            "repeated": request.session.pop(REPEATED_UPLOAD, False),
            "months": [{"name": month_name(month), "slug": month_slug(month)} for month in months],
        },
    )


@employer_page
def upload_template(request):
    response = HttpResponse("\ufeff" + template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="deductions-template.csv"'
    return response
