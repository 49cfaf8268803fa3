"""The other parent responds with the application reference and a one-time code; a
parentage dispute reaches the caseworker queue; the applicant's details never show."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from applications import respond, services
from applications.models import Application, ResponseStatus
from casework.models import WorkItem
from tests.cases.test_privacy import _leaks

from .helpers import answer_every_question, submit

pytestmark = pytest.mark.django_db

SECRETS = {
    "address_line_1": "Zqxhidden Lane",
    "town": "Zqxsecretville",
    "postcode": "YO62 7XW",
    "phone": "07111 246813",
}
RESPONSE = {
    "parent-of-child-1": {"is_parent": "yes"},
    "work": {"work": "employed"},
    "income": {"gross_weekly_income": "£450.50", "pension_contributions": ""},
    "other-children": {"other_children": "0"},
    "nights": {"nights": "52"},
    "payment-method": {"payment_method": "direct_pay"},
    "payment-frequency": {"frequency": "monthly"},
    "safety": {"safety_worried": "no"},
}


def url(name, *args, prefix=""):
    with translation.override("en"):
        return prefix + reverse(name, args=args)


@pytest.fixture
def sent_application(signed_in_client, make_user, caseworker):
    client = signed_in_client(make_user())
    answer_every_question(
        client,
        answers={
            "your-address": {
                "address_line_1": SECRETS["address_line_1"],
                "town": SECRETS["town"],
                "postcode": SECRETS["postcode"],
            },
            "your-phone": {"phone": SECRETS["phone"]},
        },
    )
    submit(client)
    application = Application.objects.get()
    code = respond.issue_response_code(acting_user=caseworker, application=application)
    return application, code


def respond_fully(client, application, code, answers=None, prefix=""):
    answers = {**RESPONSE, **(answers or {})}
    bodies = []
    response = client.post(
        url("respond:start", prefix=prefix), {"reference": application.reference, "code": code}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    location = response["Location"]
    while not location.endswith("/check-your-answers/"):
        slug = location.rstrip("/").rsplit("/", 1)[-1]
        page = client.get(location)
        assert page.status_code == 200
        bodies.append((location, page.content.decode()))
        assert client.post(location, {}).status_code == 400
        response = client.post(location, answers[slug])
        assert response.status_code == 302, (slug, response.content.decode()[:2000])
        location = response["Location"]
    check = client.get(location)
    bodies.append((location, check.content.decode()))
    assert client.post(location, {}).status_code == 400
    response = client.post(location, {"confirm": "on"})
    assert response.status_code == 302
    bodies.append((response["Location"], client.get(response["Location"]).content.decode()))
    return bodies


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_the_other_parent_responds_and_never_sees_the_applicants_details(
    sent_application, signed_in_client, make_user, prefix
):
    application, code = sent_application
    client = signed_in_client(make_user())
    bodies = respond_fully(client, application, code, prefix=prefix)
    response = application.response
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED and not response.parentage_disputed
    assert response.answers["income"]["gross_weekly_income"] == "450.50"
    assert not _leaks(bodies, SECRETS)
    assert "Alys" not in "".join(text for _url, text in bodies)
    emails = [(m.subject, m.body) for m in mail.outbox]
    assert not _leaks([("email", f"{s}\n{b}") for s, b in emails], SECRETS)


def test_a_wrong_code_is_refused_and_locks_after_five(sent_application, signed_in_client):
    application, code = sent_application
    client = signed_in_client()
    for _attempt in range(5):
        response = client.post(
            url("respond:start"), {"reference": application.reference, "code": "WRONG-CODE-1"}
        )
        assert response.status_code == 400
        assert "The reference and code do not match" in response.content.decode()
    response = client.post(url("respond:start"), {"reference": application.reference, "code": code})
    assert response.status_code == 400
    assert not hasattr(Application.objects.get(), "response")


def test_the_applicant_cannot_respond_to_their_own_application(sent_application):
    application, code = sent_application
    from django.test import Client

    client = Client()
    client.force_login(application.user)
    response = client.post(url("respond:start"), {"reference": application.reference, "code": code})
    assert response.status_code == 400


def test_a_code_works_once(sent_application, signed_in_client):
    application, code = sent_application
    first = signed_in_client()
    assert (
        first.post(
            url("respond:start"), {"reference": application.reference, "code": code}
        ).status_code
        == 302
    )
    second = signed_in_client()
    response = second.post(url("respond:start"), {"reference": application.reference, "code": code})
    assert response.status_code == 400


def test_a_parentage_dispute_goes_to_the_caseworker_queue(
    sent_application, signed_in_client, caseworker
):
    application, code = sent_application
    client = signed_in_client()
    bodies = respond_fully(
        client, application, code, answers={"parent-of-child-1": {"is_parent": "no"}}
    )
    assert "DNA" in bodies[0][1]  # the parentage rules are explained on the question
    application.refresh_from_db()
    assert application.response.parentage_disputed
    details = services.case_setup_defaults(application)
    case = services.create_case_from_application(
        acting_user=caseworker, application=application, details=details
    )
    item = WorkItem.objects.get(case=case)
    assert "Parentage disputed" in item.summary


def test_the_caseworker_issues_the_code_from_the_admin(caseworker_client, sent_application):
    application, _code = sent_application
    response = caseworker_client.post(
        reverse("admin:applications_application_changelist"),
        {"action": "issue_response_code", "_selected_action": [application.pk]},
        follow=True,
    )
    text = response.content.decode()
    assert re.search(r"Response code for APP-[A-Z0-9-]+: [A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", text)
    assert application.response_codes.filter(withdrawn_at__isnull=False).count() == 1


def test_application_and_response_become_a_case_both_parents_see(
    sent_application, signed_in_client, make_user, caseworker_client
):
    """Done means: a new user applies, a second user responds, a caseworker sets the case
    up from both in admin without retyping, and both parents see the case, its decision
    and its schedule."""
    application, code = sent_application
    respondent = make_user()
    respondent_client = signed_in_client(respondent)
    respond_fully(
        respondent_client, application, code, answers={"other-children": {"other_children": "1"}}
    )
    set_up = reverse("admin:applications_application_set_up_case", args=[application.pk])
    form = caseworker_client.get(set_up).context["form"]
    assert form["paying_reported_weekly_income"].value() == Decimal("450.50")
    assert form["relevant_other_children"].value() == 1
    assert form["payment_frequency"].value() == "monthly"
    data = {
        name: ("on" if value is True else value)
        for name in form.fields
        if (value := form[name].value()) not in (None, False)
    }
    assert caseworker_client.post(set_up, data).status_code == 302
    application.refresh_from_db()
    case = application.case
    assert case.parties.get(role="paying").user == respondent
    assert case.income_records.get().source == "reported"
    caseworker_client.post(
        reverse("admin:cases_case_changelist"),
        {"action": "make_decision", "_selected_action": [case.pk]},
    )
    decision = case.decisions.get()
    assert decision.weekly_amount > 0
    applicant_client = signed_in_client(application.user)
    for client in (applicant_client, respondent_client):
        for prefix in ("", "/cy"):
            page = client.get(url("cases:detail", case.reference, prefix=prefix))
            assert page.status_code == 200
    schedule = case.payment_schedules.get()
    status = applicant_client.get(url("applications:status", application.reference))
    from cms_portal.formatting import govuk_date

    assert govuk_date(schedule.first_due_date) in status.content.decode()
