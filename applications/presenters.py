"""Check-your-answers rows and the applicant's status timeline, built in Python."""

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from calculation.fees import application_fee, collection_fee_rates
from cms_portal.formatting import money

from . import journey, selectors
from .models import ApplicationStatus

SECTION_TITLES = {
    "eligibility": gettext_lazy("Before you start"),
    "you": gettext_lazy("About you"),
    "children": gettext_lazy("The children"),
    "other_parent": gettext_lazy("The other parent"),
    "safety": gettext_lazy("Your safety"),
    "payments": gettext_lazy("Payments"),
}


def masked_ni_number(number):
    return f"{number[:2]} ** ** ** {number[-1]}" if number else ""


def _display(form_class, name, value):
    if value in (None, "", False):
        return ""
    if value is True:
        return _("Yes")
    form_field = form_class.base_fields.get(name)
    choices = dict(getattr(form_field, "choices", None) or ())
    if str(value) in choices:
        return str(choices[str(value)])
    if name == "national_insurance_number":
        return masked_ni_number(value)
    if name == "account_number":
        return f"****{value[-4:]}"
    if name == "date_of_birth":
        return date_format(date.fromisoformat(value), "j F Y")
    return str(value)


def in_form_order(form_class, saved):
    """A page's saved answers in the order its form asks them. PostgreSQL keeps a JSON
    object's keys in its own order (shortest first), so an address read back from the
    database would otherwise start with the town."""
    names = list(form_class.base_fields)
    return sorted(
        saved.items(),
        key=lambda item: names.index(item[0]) if item[0] in names else len(names),
    )


def lines(parts):
    """Answer parts as a summary list value, one part a line."""
    shown = [part for part in parts if part]
    return {"html": format_html_join(mark_safe("<br>"), "{}", ((part,) for part in shown))}


def _answer_text(step, saved):
    if saved.get("unknown") or saved.get("no_reference"):
        return {
            "text": _("I do not know") if saved.get("unknown") else _("I do not have a reference")
        }
    parts = [
        _display(step.form, name, value)
        for name, value in in_form_order(step.form, saved)
        if name not in ("unknown", "no_reference")
    ]
    return lines(parts) if any(parts) else {"text": _("Not given")}


def check_answer_sections(application):
    """[(section title, summary list rows)] with a Change link on every row."""
    sections = {}
    for step in journey.steps(application.answers):
        saved = application.answers.get(step.slug) or {}
        question = str(step.form.title)
        number = step.form_kwargs.get("number") or _child_number(step.slug)
        if number:
            question = _("Child %(number)s: %(question)s") % {
                "number": number,
                "question": question,
            }
        change_url = reverse("applications:question", args=[step.slug]) + "?change=1"
        sections.setdefault(step.section, []).append(
            {
                "key": {"text": question},
                "value": _answer_text(step, saved),
                "actions": {
                    "items": [
                        {
                            "href": change_url,
                            "text": _("Change"),
                            "visuallyHiddenText": question,
                        }
                    ]
                },
            }
        )
    return [(str(SECTION_TITLES[key]), rows) for key, rows in sections.items()]


def _child_number(slug):
    parts = slug.split("-")
    return parts[1] if parts[0] == "child" else None


def fee_facts(on_date=None):
    """What applying and Collect and Pay cost today, from the dated fee tables."""
    on_date = on_date or timezone.localdate()
    fee = application_fee(on_date)
    rates = collection_fee_rates(on_date)
    return {
        "application_fee": money(fee) if fee else None,
        "paying_rate": f"{rates.paying_parent_rate * 100:.0f}%" if rates else None,
        "receiving_rate": f"{rates.receiving_parent_rate * 100:.0f}%" if rates else None,
    }


def status_steps(application):
    """The applicant's timeline: each step with its date, or waiting."""

    def day(moment):
        return date_format(timezone.localtime(moment), "j F Y") if moment else None

    case = application.case
    first_payment = _first_payment_due(case) if case else None
    steps = [
        (_("Application submitted"), day(application.submitted_at)),
        (_("Other parent contacted"), day(application.other_parent_contacted_at)),
        (
            _("Waiting for the other parent’s response"),
            day(application.other_parent_contacted_at),
        ),
        (_("Case set up"), day(application.case_set_up_at)),
        (
            _("First payment expected"),
            date_format(first_payment, "j F Y") if first_payment else None,
        ),
    ]
    return [
        {
            "title": title,
            "date": when,
            "done": when is not None,
            "status": application.get_status_display()
            if application.status != ApplicationStatus.CASE_SET_UP
            else "",
        }
        for title, when in steps
    ]


def _first_payment_due(case):
    from payments.models import PaymentSchedule

    schedule = PaymentSchedule.objects.filter(case=case).order_by("first_due_date").first()
    return schedule.first_due_date if schedule else None


def applications_for(user):
    """The user's draft (with when it expires) and each sent application with its steps,
    read in one query. The dashboard asks only while the user has no case: after that,
    the case itself says where things are."""
    if not getattr(user, "is_authenticated", False):
        return {"draft": None, "sent": []}
    applications = list(selectors.own_applications(user))
    draft = next((each for each in applications if each.is_draft), None)
    return {
        "draft": {
            "href": reverse("applications:start"),
            "expires_on": timezone.localdate(draft.expires_at),
        }
        if draft
        else None,
        "sent": [
            {
                "reference": application.reference,
                "href": reverse("applications:status", args=[application.reference]),
                "steps": status_steps(application),
            }
            for application in applications
            if not application.is_draft
        ],
    }
