"""What the pages show, in plain words: check-answers rows, a request as each side may
see it, and the case page's section. The other side is never named and no contact
details are shown: only the ground, the amounts and the dates."""

from django.utils import timezone
from django.utils.translation import gettext as _

from cms_portal.formatting import govuk_date, money

from .models import Ground, Period, RejectionReason, VariationStatus
from .rules import grounds_for, threshold_figures
from .selectors import is_applicant, variation_requests_for

_TAG_COLOURS = {
    VariationStatus.AWAITING_RESPONSE: "govuk-tag--yellow",
    VariationStatus.WITH_CASEWORKER: "govuk-tag--blue",
    VariationStatus.AGREED: "govuk-tag--green",
    VariationStatus.REFUSED: "govuk-tag--grey",
    VariationStatus.REJECTED: "govuk-tag--red",
}


def status_tag(status):
    return {"text": str(VariationStatus(status).label), "classes": _TAG_COLOURS[status]}


def question_title(step, form):
    if step == "ground":
        return _("Ask us to change how we work out child maintenance")
    return str(form.layout[step]["label"])


def question_intro(access, step):
    """Paragraphs shown above a question."""
    if step != "ground":
        return []
    figures = threshold_figures(timezone.localdate())
    if access.is_paying:
        return [
            _(
                "You can ask us to take some costs you have into account. If we agree, we "
                "take them off your income before we work out child maintenance."
            ),
            _(
                "Costs of keeping in contact, debts, boarding school fees and payments on the "
                "former family home only count when they come to more than %(limit)s a week."
            )
            % {"limit": figures["special_expenses"]},
        ]
    return [
        _(
            "You can tell us about income of the paying parent that is not in their "
            "child maintenance calculation. If we agree, we add it to their income."
        ),
        _("The paying parent is told what you asked us to consider, and can respond."),
    ]


def _row(key, value, href=None, hidden=None):
    row = {"key": {"text": key}, "value": {"text": value}}
    if href:
        row["actions"] = {
            "items": [{"href": href, "text": _("Change"), "visuallyHiddenText": hidden or key}]
        }
    return row


def check_rows(cleaned, change_urls, files):
    period = Period(cleaned["period"])
    return [
        _row(
            _("What you want us to consider"),
            str(Ground(cleaned["ground"]).label),
            change_urls["ground"],
        ),
        _row(_("Amount"), money(cleaned["amount"]), change_urls["amount"]),
        _row(_("How often"), str(period.label), change_urls["period"]),
        _row(_("Details"), cleaned["details"], change_urls["details"]),
        _row(
            _("Files"),
            ", ".join(file.original_name for file in files) or _("None"),
            change_urls["evidence"],
            _("files"),
        ),
    ]


def request_view(access, request, today):
    """A request as the user's side may see it."""
    own = is_applicant(access, request)
    rows = [
        _row(_("Reference"), request.reference),
        _row(_("Asked on"), govuk_date(timezone.localdate(request.submitted_at))),
        _row(_("What we were asked to consider"), str(Ground(request.ground).label)),
        _row(
            _("Amount asked for"), _("%(amount)s a week") % {"amount": money(request.weekly_amount)}
        ),
        _row(_("Status"), str(VariationStatus(request.status).label)),
    ]
    if own:
        rows.insert(4, _row(_("What you told us"), request.details))
    if request.status == VariationStatus.AWAITING_RESPONSE:
        rows.append(_row(_("The other parent can respond until"), govuk_date(request.respond_by)))
    if request.status == VariationStatus.AGREED:
        rows.append(
            _row(
                _("Amount agreed"),
                _("%(amount)s a week") % {"amount": money(request.agreed_weekly_amount)},
            )
        )
        rows.append(_row(_("In force from"), govuk_date(request.in_force_from)))
        rows.append(
            _row(
                _("In force until"),
                govuk_date(request.in_force_to) if request.in_force_to else _("No end date"),
            )
        )
    if request.status == VariationStatus.REJECTED and request.rejection_reason:
        rows.append(
            _row(
                _("Why we did not consider it"),
                str(RejectionReason(request.rejection_reason).label),
            )
        )
    if request.caseworker_note and request.status in (
        VariationStatus.AGREED,
        VariationStatus.REFUSED,
        VariationStatus.REJECTED,
    ):
        rows.append(_row(_("Note from your caseworker"), request.caseworker_note))
    challenge_by = request.decision.challenge_by if request.decision_id else None
    return {
        "rows": rows,
        "own": own,
        "tag": status_tag(request.status),
        "challenge_by": govuk_date(challenge_by) if challenge_by else "",
        "decision_id": request.decision.public_id if request.decision_id else None,
    }


def case_section(access, today=None):
    """The case page's section: variations in force and requests still open."""
    today = today or timezone.localdate()
    # One read: the requests this party may see, agreed ones included.
    visible = variation_requests_for(access)
    agreed = sorted(
        (request for request in visible if request.status == VariationStatus.AGREED),
        key=lambda request: (request.in_force_from, request.pk),
    )
    in_force = [
        {
            "public_id": request.public_id,
            "ground": str(Ground(request.ground).label),
            "amount": _("%(amount)s a week") % {"amount": money(request.agreed_weekly_amount)},
            "start": govuk_date(request.in_force_from),
            "end": govuk_date(request.in_force_to) if request.in_force_to else _("no end date"),
        }
        for request in agreed
        if request.in_force_to is None or request.in_force_to >= today
    ]
    requests = [
        {
            "public_id": request.public_id,
            "text": _("%(ground)s (%(reference)s)")
            % {"ground": Ground(request.ground).label, "reference": request.reference},
            "tag": status_tag(request.status),
        }
        for request in visible
        if request.status != VariationStatus.AGREED
    ]
    return {
        "in_force": in_force,
        "requests": requests,
        "can_apply": bool(grounds_for(access.is_paying)),
    }
