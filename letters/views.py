"""Letters as PDF downloads. The case, the decision and the account are found through
the scoped lookups (404 for anything not the user's); each download is audited."""

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from cases.selectors import decision_for_case
from cases.views.common import parent_page
from payments import selectors as payments_selectors
from payments.dates import business_date

from . import presenters, services
from .pdf import render_pdf
from .periods import TAX_YEAR, chosen_period
from .selectors import first_entry_date


def _pdf(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _suffix(language):
    return "-cy" if language == "cy" else ""


@parent_page(methods=("GET",))
def decision_letter(request, access, decision_id):
    decision = decision_for_case(access.case, decision_id)
    language = get_language()
    today = timezone.localdate()
    content = render_pdf(
        "letters/decision.html",
        {"letter": presenters.decision_letter(access, decision, language, today)},
        request,
    )
    services.record_letter_download(
        acting_user=request.user,
        access=access,
        letter="decision",
        language=language,
        decision=str(decision.public_id),
    )
    decided_on = timezone.localtime(decision.decided_at).date()
    return _pdf(
        content,
        f"decision-{access.case.reference}-{decided_on:%Y-%m-%d}{_suffix(language)}.pdf",
    )


@parent_page(methods=("GET",))
def yearly_statement(request, access, kind, year):
    # Direct Pay keeps no payment history, so there is no statement to give.
    if not payments_selectors.is_collect_and_pay(access.case):
        raise Http404
    account = payments_selectors.account_for(access.case, access.party)
    since = first_entry_date(access.case, access.party) if account is not None else None
    today = business_date()
    period = chosen_period(kind, year, since, today) if since else None
    if period is None:
        raise Http404
    language = get_language()
    content = render_pdf(
        "letters/statement.html",
        {"letter": presenters.yearly_statement(access, account, period, today)},
        request,
    )
    services.record_letter_download(
        acting_user=request.user,
        access=access,
        letter="statement",
        language=language,
        period=f"{kind}/{year}",
    )
    name = f"tax-year-{year}-{(year + 1) % 100:02d}" if kind == TAX_YEAR else f"{year}"
    return _pdf(content, f"statement-{access.case.reference}-{name}{_suffix(language)}.pdf")
