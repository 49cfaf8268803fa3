"""Reported changes: the check-answers rows and what happens next, in plain words."""

from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms_portal.formatting import (
    collection_fee_figures,
    govuk_date,
    money,
    money_as_stated,
    percent,
)

from ..models import ChangeStatus, ServiceType
from ..rules import false_information_fine, income_change_threshold
from .tags import status_tag

SECRET_FIELDS = {
    "bank_sort_code": lambda v: f"**-**-{v[-2:]}",
    "bank_account_number": lambda v: f"****{v[-4:]}",
}


def rule_figures(on_date):
    """The figures the change pages state, each from where its rule lives: the Collect and
    Pay fees in force on `on_date` (calculation/fees.py), the income change threshold
    and the fine for giving false information (cases/rules.py)."""
    return {
        **collection_fee_figures(on_date),
        "income_change_threshold": percent(income_change_threshold(on_date)),
        "false_information_fine": money_as_stated(false_information_fine(on_date)),
    }


def _display(form, name, value):
    field = form.fields[name]
    if value in (None, "", []):
        return _("Not given")
    if name in SECRET_FIELDS:
        return SECRET_FIELDS[name](str(value))
    choices = dict(getattr(field, "choices", []) or [])
    if isinstance(value, list):
        return ", ".join(str(choices.get(item, item)) for item in value)
    if choices:
        return str(choices.get(value, value))
    if isinstance(value, date):
        return govuk_date(value)
    if isinstance(value, Decimal):
        return money(value)
    return str(value)


def answer_rows(form, change_url):
    """govukSummaryList rows for a valid form, each with a link back to change it."""
    rows = []
    for name, spec in form.layout.items():
        if name not in form.fields or spec["kind"] == "file":
            continue
        rows.append(
            {
                "key": {"text": str(spec["label"])},
                "value": {"text": _display(form, name, form.cleaned_data.get(name))},
                "actions": {
                    "items": [
                        {
                            "href": f"{change_url}#{name}",
                            "text": _("Change"),
                            "visuallyHiddenText": str(spec["label"]),
                        }
                    ]
                },
            }
        )
    return rows


def _decision_link(report):
    if report.decision_id is None:
        return None
    return reverse(
        "cases:decision",
        kwargs={"reference": report.case.reference, "decision_id": report.decision.public_id},
    )


def _threshold_when_reported(report):
    return percent(income_change_threshold(timezone.localdate(report.reported_at)))


def outcome(report):
    """Paragraphs saying what we did with the change, and a link to any new decision."""
    details = report.outcome_details or {}
    paragraphs = []
    code = report.outcome
    if code == "below_threshold":
        paragraphs.append(
            _(
                "You told us your income is now %(new)s a week. The decision uses %(old)s a week. "
                "That is a change of %(percent)s%%."
            )
            % {
                "new": money(details["new_income"]),
                "old": money(details["decision_income"]),
                "percent": details["percent"],
            }
        )
        paragraphs.append(
            _(
                "We only make a new decision when income changes by %(threshold)s or more, so "
                "the amount of child maintenance stays the same. We have kept a record of what "
                "you told us. Tell us again if your income changes more."
            )
            % {"threshold": _threshold_when_reported(report)}
        )
    elif code == "income_new_decision":
        paragraphs.append(
            _(
                "You told us your income is now %(new)s a week. The decision used %(old)s a week. "
                "That is a change of %(percent)s%%, which is %(threshold)s or more, so we have "
                "made a new decision. We have told both parents."
            )
            % {
                "new": money(details["new_income"]),
                "old": money(details["decision_income"]),
                "percent": details["percent"],
                "threshold": _threshold_when_reported(report),
            }
        )
    elif report.status == ChangeStatus.NEW_DECISION:
        paragraphs.append(
            _(
                "This changes the amount of child maintenance, so we have made a "
                "new decision. We have told both parents."
            )
        )
    elif code == "email_confirmation_sent":
        paragraphs.append(
            _("We have sent a link to %(email)s. Open it within 24 hours to confirm the address.")
            % {"email": details.get("email", "")}
        )
        paragraphs.append(
            _(
                "Until you confirm it, we keep sending emails about your case to "
                "the address we had before. We have told that address about this "
                "change."
            )
        )
    elif code == "email_replaced":
        paragraphs.append(
            _("You asked for a different email address after this one, so this one was not used.")
        )
    elif code == "no_change":
        paragraphs.append(_("This is the same as we already had, so nothing changes."))
    elif report.status == ChangeStatus.APPLIED:
        paragraphs.append(_("We have updated your details. You do not need to do anything else."))
    elif report.status == ChangeStatus.WITH_CASEWORKER:
        paragraphs.append(
            _(
                "A caseworker will look at this. They may contact you or the other "
                "parent to check the details. We will tell you what happens."
            )
        )
    elif report.status == ChangeStatus.EVIDENCE_NEEDED:
        paragraphs.append(_("We need evidence before we can make this change. Upload it below."))
    elif report.status == ChangeStatus.REJECTED:
        paragraphs.append(_("We have not made this change."))
    return {
        "paragraphs": paragraphs,
        "decision_href": _decision_link(report),
        "note": report.caseworker_notes
        if report.status in (ChangeStatus.EVIDENCE_NEEDED, ChangeStatus.REJECTED)
        else "",
        "tag": status_tag(report.status),
    }


# Answers a change keeps that no question on its form asked: worked out from the answers
# (income as a weekly figure, the service wanted) or asked by another area's form.
_WORKED_OUT = {
    "weekly_income": (gettext_lazy("Weekly income"), "money"),
    "service_type": (gettext_lazy("What you asked for"), "service_type"),
    "due_date": (gettext_lazy("Which payment did not arrive in full?"), "date"),
    "amount_received": (gettext_lazy("How much did you get?"), "money"),
}


def _journey_form(report, access):
    """The form the parent answered, to read its questions and choices from; None when it
    cannot be drawn again without what the page had (the missed payment's form)."""
    from ..journeys import JOURNEYS

    journey = JOURNEYS.get(report.kind)
    if journey is None or journey.form_class is None:
        return None
    try:
        return journey.form_class(access=access)
    except TypeError:
        return None


def _stored_value(form, name, value, kind=None):
    """A kept answer (as JSON keeps it: dates as ISO text, money as text) as a page writes it."""
    from cms_portal.forms.fields import GovukDateField, MoneyField

    form_field = form.fields.get(name) if form is not None else None
    if kind is None and isinstance(form_field, GovukDateField):
        kind = "date"
    if kind is None and isinstance(form_field, MoneyField):
        kind = "money"
    if value in (None, "", []):
        return _("Not given")
    if kind == "service_type":
        return str(ServiceType(value).label) if value in ServiceType.values else str(value)
    try:
        if kind == "date":
            return govuk_date(value)
        if kind == "money":
            return money(Decimal(str(value)))
    except (ValueError, ArithmeticError):
        return str(value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if form_field is not None:
        return _display(form, name, value)
    return str(value)


def told_us(report, access):
    """What the parent told us in a reported change, a (question, answer) pair each, in
    the language of the page: the form's own questions, then what was worked out."""
    answers = dict(report.answers or {})
    form = _journey_form(report, access)
    pairs = []
    if form is not None:
        for name, spec in form.layout.items():
            if name in answers and spec["kind"] != "file":
                pairs.append((str(spec["label"]), _stored_value(form, name, answers.pop(name))))
    for name, value in answers.items():
        label, kind = _WORKED_OUT.get(name, (name.replace("_", " "), None))
        pairs.append((str(label), _stored_value(form, name, value, kind)))
    return pairs
