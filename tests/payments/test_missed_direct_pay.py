"""A missed Direct Pay payment: one form, a date already reported is refused with a clear
error, the paying parent is told (in their language, with nothing about the other parent)
and sees it on their dashboard, and past payments nobody reported say so."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from cms_portal.formatting import govuk_date
from parents.views import LANGUAGE_APPLIED
from payments.dates import business_date
from payments.models import DirectPayReport, Instalment
from payments.services.missed import GRACE_DAYS


@pytest.fixture
def direct_case(make_case, make_user, run_nightly):
    case = make_case(
        receiving_user=make_user(full_name="Rhiannon Receiving"),
        paying_user=make_user(full_name="Pedr Paying"),
        payment_frequency="weekly",
        effective_date=date.today() - timedelta(days=30),
    )
    run_nightly()
    return case


def _party(case, role):
    return case.parties.get(role=role)


def _due_dates(case):
    return list(
        Instalment.objects.filter(case=case, due_date__lt=business_date())
        .order_by("-due_date")
        .values_list("due_date", flat=True)
    )


def _report(client, case, due, received="0"):
    return client.post(
        reverse("payments:report_missed", kwargs={"reference": case.reference}),
        {"due_date": due.isoformat(), "amount_received": received},
    )


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_date_already_reported_is_refused_with_a_clear_error(
    direct_case, signed_in_client, language
):
    client = signed_in_client(_party(direct_case, "receiving").user)
    due = _due_dates(direct_case)[0]
    assert _report(client, direct_case, due).status_code == 302
    with translation.override(language):
        again = _report(client, direct_case, due)
        page = again.content.decode()
        expected = (
            f"You have already told us about the payment due on {govuk_date(due)}"
            if language == "en"
            else f"Rydych chi eisoes wedi rhoi gwybod i ni am y "
            f"taliad a oedd yn ddyledus ar {govuk_date(due)}"
        )
    assert again.status_code == 400
    assert expected in page
    assert "govuk-error-summary" in page and 'href="#due_date"' in page
    assert DirectPayReport.objects.filter(instalment__case=direct_case).count() == 1


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_paying_parent_is_told_in_their_language_without_the_other_parents_details(
    direct_case, signed_in_client, django_capture_on_commit_callbacks, language
):
    paying, receiving = _party(direct_case, "paying"), _party(direct_case, "receiving")
    paying.preferred_language = language
    paying.save(update_fields=["preferred_language"])
    due = _due_dates(direct_case)[0]
    with django_capture_on_commit_callbacks(execute=True):
        _report(signed_in_client(receiving.user), direct_case, due, received="5.00")
    to_paying = [message for message in mail.outbox if message.to == [paying.notification_email]]
    assert len(to_paying) == 1
    message = to_paying[0]
    text = message.subject + message.body
    with translation.override(language):
        assert govuk_date(due) in text
    assert "£5.00" in text and direct_case.reference in text
    if language == "cy":
        assert "Cynhaliaeth Plant" in text and "was reported" not in text
    else:
        assert "reported as not received" in message.subject
    for detail in (
        receiving.full_name,
        receiving.email,
        receiving.phone,
        receiving.postcode,
        receiving.town,
        receiving.address_line_1,
        receiving.bank_account_number,
    ):
        assert detail and detail not in text


def test_the_paying_parent_sees_it_on_their_dashboard(direct_case, signed_in_client):
    paying, receiving = _party(direct_case, "paying"), _party(direct_case, "receiving")
    client = signed_in_client(paying.user)
    session = client.session
    session[LANGUAGE_APPLIED] = True
    session.save()
    due = _due_dates(direct_case)[0]
    before = client.get(reverse("cases:dashboard")).content.decode()
    assert "reported as not received" not in before
    _report(signed_in_client(receiving.user), direct_case, due)
    page = client.get(reverse("cases:dashboard")).content.decode()
    assert f"A payment due on {govuk_date(due)} was reported as not received in full" in page
    assert reverse("payments:schedule", kwargs={"reference": direct_case.reference}) in page
    assert "You have nothing to do on this case right now" not in page


def test_past_payments_nobody_reported_say_not_reported_after_the_clearing_days(
    direct_case, signed_in_client
):
    dates = _due_dates(direct_case)
    today = business_date()
    cleared = [due for due in dates if due <= today - timedelta(days=GRACE_DAYS)]
    assert cleared
    for role in ("receiving", "paying"):
        client = signed_in_client(_party(direct_case, role).user)
        page = client.get(
            reverse("payments:schedule", kwargs={"reference": direct_case.reference})
        ).content.decode()
        assert page.count("Not reported") == len(cleared)
        assert page.count(">Expected<") + page.count("Expected\n") <= len(dates) - len(cleared)


def test_a_payment_still_clearing_is_expected(make_case, make_user, run_nightly, signed_in_client):
    user = make_user()
    case = make_case(
        receiving_user=user,
        payment_frequency="weekly",
        effective_date=business_date() - timedelta(days=1),
    )
    run_nightly()
    assert _due_dates(case) == [business_date() - timedelta(days=1)]
    page = (
        signed_in_client(user)
        .get(reverse("payments:schedule", kwargs={"reference": case.reference}))
        .content.decode()
    )
    assert "Expected" in page and "Not reported" not in page
