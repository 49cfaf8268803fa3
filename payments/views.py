"""Parents' payment pages. Each resolves the case and the party through the cases area's
scoped lookup (404 for anything not theirs), reads through selectors and shows what the
presenters make of it."""

from django.http import Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases.models import Scope
from cases.presenters.case import group_reference, role_label
from cases.views.common import parent_page

from . import selectors
from .dates import business_date
from .forms import MissedPaymentForm, StatementFilterForm
from .presenters import position
from .presenters import schedule as schedule_presenter
from .presenters import statement as statement_presenter
from .presenters import summary as summary_presenter
from .services import PaymentsError, report_missed_direct_payment

MISSED_PAYMENT_CHOICES = 6


def _account_or_404(access):
    account = selectors.account_for(access.case, access.party)
    if account is None:
        raise Http404
    return account


def _context(access, **extra):
    return {
        "case": access.case,
        "party": access.party,
        "access": access,
        "reference": group_reference(access.case.reference),
        "role": role_label(access),
        "collect_and_pay": selectors.is_collect_and_pay(access.case),
        "paying": access.party.is_paying,
        **extra,
    }


@parent_page(methods=("GET",))
def overview(request, access):
    account = _account_or_404(access)
    return render(
        request,
        "payments/overview.html",
        _context(
            access,
            summary=summary_presenter.overview(access.case, access.party, account),
            can_report_missed=_can_report_missed(access),
        ),
    )


@parent_page(methods=("GET",))
def schedule(request, access):
    _account_or_404(access)
    case, party = access.case, access.party
    return render(
        request,
        "payments/schedule.html",
        _context(
            access,
            money=position.money_summary(case, party),
            past_rows=schedule_presenter.past_rows(
                selectors.past_instalments(case, party),
                party,
                collect=selectors.is_collect_and_pay(case),
                today=business_date(),
            ),
            can_report_missed=_can_report_missed(access),
        ),
    )


def _statement_filter(request):
    """The date filter from the query string; 400 with the user's input kept if bad."""
    if not any(key.startswith(("date_from-", "date_to-")) for key in request.GET):
        return StatementFilterForm(), None, None
    form = StatementFilterForm(request.GET)
    if not form.is_valid():
        return form, None, None
    return form, form.cleaned_data["date_from"], form.cleaned_data["date_to"]


@parent_page(methods=("GET",))
def statement(request, access):
    form, date_from, date_to = _statement_filter(request)
    if form.errors:
        _account_or_404(access)
        return render(
            request,
            "payments/statement.html",
            _context(access, form=form, rows=[], page=None),
            status=400,
        )
    # The account is read with the page's totals.
    found = selectors.statement_page(
        access.case, access.party, date_from, date_to, request.GET.get("page")
    )
    if found is None:
        raise Http404
    page, opening = found
    filters = request.GET.copy()
    filters.pop("page", None)
    return render(
        request,
        "payments/statement.html",
        _context(
            access,
            form=form,
            page=page,
            filter_query=filters.urlencode(),
            rows=statement_presenter.statement_rows(
                page.object_list, opening, paying=access.party.is_paying
            ),
            pagination=statement_presenter.pagination(page, request.path, filters),
        ),
    )


@parent_page(methods=("GET",))
def statement_csv(request, access):
    account = _account_or_404(access)
    form, date_from, date_to = _statement_filter(request)
    if form.errors:
        return HttpResponseBadRequest(
            _(
                "The dates in this link are not valid. Go back to your "
                "payment history and choose the dates again."
            ),
            content_type="text/plain; charset=utf-8",
        )
    entries, opening = selectors.statement_entries(account, date_from, date_to)
    headings = [_("Date"), _("What"), _("Amount"), _("Balance")]
    rows = statement_presenter.csv_lines(
        entries.iterator(chunk_size=2000), opening, paying=access.party.is_paying, headings=headings
    )
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="payments-{access.case.reference}.csv"'
    return response


@parent_page(methods=("GET",))
def how_to_pay(request, access):
    if not access.party.is_paying:
        raise Http404
    _account_or_404(access)
    return render(
        request,
        "payments/how_to_pay.html",
        _context(
            access,
            bank=selectors.collection_bank_details(),
            money=position.money_summary(access.case, access.party, count=1),
        ),
    )


def _can_report_missed(access):
    return (
        not access.party.is_paying
        and not selectors.is_collect_and_pay(access.case)
        and access.allows(Scope.REPORT_CHANGES)
    )


@parent_page(scope=Scope.REPORT_CHANGES)
def report_missed(request, access):
    if not _can_report_missed(access):
        raise Http404
    expected = selectors.reportable_direct_payments(
        access.case, access.party, MISSED_PAYMENT_CHOICES
    )
    form = MissedPaymentForm(
        request.POST if request.method == "POST" else None,
        expected=expected,
        reported=selectors.reported_direct_payments(access.case, access.party),
    )
    if form.is_bound and form.is_valid():
        due = next(day for day in expected if day.isoformat() == form.cleaned_data["due_date"])
        try:
            report = report_missed_direct_payment(
                acting_user=request.user,
                case=access.case,
                party=access.party,
                due_date=due,
                amount_received=form.cleaned_data["amount_received"],
            )
        except PaymentsError:
            form.add_error("due_date", _("Select the payment that did not arrive in full"))
        else:
            return redirect(
                "payments:report_missed_done",
                reference=access.case.reference,
                report_id=report.public_id,
            )
    return render(
        request,
        "payments/report_missed.html",
        _context(access, form=form, has_choices=bool(expected)),
        status=400 if form.is_bound else 200,
    )


@parent_page(methods=("GET",), scope=Scope.REPORT_CHANGES)
def report_missed_done(request, access, report_id):
    report = selectors.direct_pay_report_for(access.case, access.party, report_id)
    return render(request, "payments/report_missed_done.html", _context(access, report=report))
