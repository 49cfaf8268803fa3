"""Someone acting on your behalf: name them, give them a code, remove them."""

from django.shortcuts import redirect, render
from django.urls import reverse

from cms_portal.formatting import govuk_date

from .. import services
from ..forms.representatives import RepresentativeForm
from ..presenters.changes import answer_rows
from ..presenters.representatives import representative_rows, scope_text
from ..selectors import representative_for, representatives_for
from .common import forget_answers, keep_answers, kept_answers, parent_page, posted, render_form

JOURNEY = "representative"
NEW_CODE = "cases:representative-code"


def _url(access, name, **kwargs):
    return reverse(f"cases:{name}", kwargs={"reference": access.case.reference, **kwargs})


@parent_page(methods=("GET",))
def index(request, access):
    representatives = representatives_for(access)
    return render(
        request,
        "cases/representatives/index.html",
        {"access": access, "rows": representative_rows(access, representatives)},
    )


@parent_page()
def add(request, access):
    representatives_for(access)  # 404 for a representative
    if request.method == "POST":
        form = RepresentativeForm(posted(request)[0])
        if form.is_valid():
            keep_answers(request, access, JOURNEY, form.raw_data())
            return redirect(_url(access, "representative_check"))
    else:
        kept = kept_answers(request, access, JOURNEY)
        form = RepresentativeForm.from_raw(kept) if kept else RepresentativeForm()
    return render_form(request, "cases/representatives/add.html", form, {"access": access})


@parent_page()
def check(request, access):
    representatives_for(access)
    kept = kept_answers(request, access, JOURNEY)
    form = RepresentativeForm.from_raw(kept) if kept else None
    if form is None or not form.is_valid():
        return redirect(_url(access, "representative_add"))
    if request.method == "POST":
        representative, code = services.name_representative(
            acting_user=request.user, access=access, **form.answers()
        )
        forget_answers(request, access, JOURNEY)
        request.session[NEW_CODE] = {"id": str(representative.public_id), "code": code}
        return redirect(
            _url(access, "representative_added", representative_id=representative.public_id)
        )
    return render(
        request,
        "cases/representatives/check.html",
        {"access": access, "rows": answer_rows(form, _url(access, "representative_add"))},
    )


@parent_page(methods=("GET",))
def added(request, access, representative_id):
    representative = representative_for(access, representative_id)
    shown = request.session.pop(NEW_CODE, None) or {}
    code = shown.get("code") if shown.get("id") == str(representative.public_id) else None
    return render(
        request,
        "cases/representatives/added.html",
        {
            "access": access,
            "representative": representative,
            "code": code,
            "scopes": scope_text(representative),
            "until": govuk_date(representative.valid_until),
            "reference": access.case.reference,
        },
    )


@parent_page()
def remove(request, access, representative_id):
    representative = representative_for(access, representative_id)
    if request.method == "POST":
        services.revoke_representative(
            acting_user=request.user, access=access, representative=representative
        )
        return redirect(
            _url(access, "representative_removed", representative_id=representative.public_id)
        )
    return render(
        request,
        "cases/representatives/remove.html",
        {"access": access, "representative": representative},
    )


@parent_page(methods=("GET",))
def removed(request, access, representative_id):
    return render(
        request,
        "cases/representatives/removed.html",
        {"access": access, "representative": representative_for(access, representative_id)},
    )
