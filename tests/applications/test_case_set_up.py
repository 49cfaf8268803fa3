from decimal import Decimal

import pytest
from django.urls import reverse

from applications.models import ApplicationStatus
from cases.models import Case, PartyRole
from cms_portal.models import AuditEvent

from .helpers import answer_every_question, submit

pytestmark = pytest.mark.django_db


def _admin_action(client, action, objects):
    return client.post(
        reverse("admin:cases_case_changelist"),
        {"action": action, "_selected_action": [obj.pk for obj in objects]},
    )


@pytest.fixture
def submitted(signed_in_client, make_user):
    applicant = make_user()
    client = signed_in_client(applicant)
    application, _seen = answer_every_question(client)
    submit(client)
    application.refresh_from_db()
    return applicant, client, application


def test_the_queue_shows_age_and_safety_flags(caseworker_client, submitted):
    _applicant, _client, application = submitted
    page = caseworker_client.get(reverse("admin:applications_application_changelist"))
    assert page.status_code == 200
    text = page.content.decode()
    assert application.reference in text
    assert "Set up the case" in text
    assert "Safety concern" in text and "Address hidden" in text


def test_a_caseworker_sets_up_the_case_without_retyping_and_decides(
    caseworker_client, caseworker, submitted
):
    applicant, applicant_client, application = submitted
    url, data = _set_up_form(caseworker_client, application)
    assert data["receiving_full_name"] == "Alys Applicant"
    assert data["paying_full_name"] == "Pat Payer"
    assert data["child_1_full_name"] == "Cai Child"
    assert data["service_type"] == "collect_and_pay"
    response = caseworker_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.get()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CASE_SET_UP and application.case == case
    assert case.safeguarding
    receiving = case.parties.get(role=PartyRole.RECEIVING)
    assert receiving.user == applicant and receiving.safeguarding
    assert receiving.national_insurance_number == "AB123456C"
    assert receiving.postcode == "CF10 1AA" and receiving.bank_sort_code == "309430"
    assert case.children.get().shared_care_nights == 52
    # The existing admin features take it from here: income, decision, activation code.
    response = caseworker_client.post(
        reverse("admin:cases_incomerecord_add"),
        {
            "case": case.pk,
            "gross_weekly_income": "300.00",
            "benefit": "none",
            "source": "hmrc_historic",
            "tax_year": "2024-25",
            "effective_from": "2025-01-01",
        },
    )
    assert response.status_code == 302
    _admin_action(caseworker_client, "make_decision", [case])
    assert case.decisions.get().weekly_amount > Decimal("0")
    actions = set(AuditEvent.objects.filter(actor=caseworker).values_list("action", flat=True))
    assert {"case.created", "party.added", "child.added", "application.case_created"} <= actions
    # The applicant sees the case at once: they applied signed in.
    assert applicant_client.get(reverse("cases:detail", args=[case.reference])).status_code == 200
    status = applicant_client.get(reverse("applications:status", args=[application.reference]))
    assert "Case set up" in status.content.decode()


def _set_up_form(caseworker_client, application):
    """The set-up page's address and its form as filled in from the application, as a
    browser would post it (ticked boxes "on", empty and unticked ones left out)."""
    url = reverse("admin:applications_application_set_up_case", args=[application.pk])
    page = caseworker_client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    values = {name: form[name].value() for name in form.fields}
    return url, {
        name: ("on" if value is True else value)
        for name, value in values.items()
        if value not in (None, False)
    }


def test_a_case_is_set_up_once(caseworker_client, submitted):
    _applicant, _client, application = submitted
    url, data = _set_up_form(caseworker_client, application)
    assert caseworker_client.post(url, data).status_code == 302
    assert caseworker_client.post(url, data).status_code == 404
    assert Case.objects.count() == 1


def test_details_corrected_at_set_up_are_checked_beside_each_box(caseworker_client, submitted):
    """A caseworker correcting the application types a bad detail: each is shown against
    its own box and no case is made."""
    _applicant, _client, application = submitted
    url, data = _set_up_form(caseworker_client, application)
    bad = {
        "receiving_national_insurance_number": "12345",
        "receiving_postcode": "QQ1 1AA",
        "receiving_bank_sort_code": "abc",
        "receiving_bank_account_number": "12",
        "paying_date_of_birth": "2030-01-01",
        "paying_national_insurance_number": "QQ123456C",
    }
    response = caseworker_client.post(url, {**data, **bad})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == set(bad)
    assert not Case.objects.exists()
