"""Every journey, start to confirmation, in English and in Welsh."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from cases.models import ChangeReport
from tests.cases.conftest import pdf_upload
from tests.cases.journey_data import PAYING_KINDS, RECEIVING_KINDS, valid_answers

LANGUAGES = ["en", "cy"]
WELSH_MARKERS = {"en": "Check your answers before sending", "cy": "Gwiriwch eich atebion cyn anfon"}


def _url(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def _run_change(client, case, kind, language, django_capture_on_commit_callbacks):
    form_url = _url(language, "cases:change_form", reference=case.reference, kind=kind)
    assert client.get(_url(language, "cases:changes", reference=case.reference)).status_code == 200
    assert client.get(form_url).status_code == 200
    invalid = client.post(form_url, {"address_line_1": "<kept>"} if kind == "address" else {})
    if kind != "service_type":  # every field there is optional
        assert invalid.status_code == 400
        assert ChangeReport.objects.count() == 0
    response = client.post(form_url, valid_answers(kind, case))
    assert response.status_code == 302, response.content.decode()[:2000]
    check = client.get(response["Location"])
    assert check.status_code == 200
    assert WELSH_MARKERS[language] in check.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(response["Location"])
    assert sent.status_code == 302
    confirmation = client.get(sent["Location"])
    report = ChangeReport.objects.get()
    assert report.kind == kind
    assert report.reference in confirmation.content.decode()
    assert any(report.reference in message.body for message in mail.outbox)
    return report


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", PAYING_KINDS)
def test_paying_parent_change_journeys(
    kind,
    language,
    make_case,
    make_user,
    signed_in_client,
    reauthenticate,
    django_capture_on_commit_callbacks,
):
    user = make_user()
    case = make_case(paying_user=user, receiving_user=make_user())
    client = reauthenticate(signed_in_client(user))
    _run_change(client, case, kind, language, django_capture_on_commit_callbacks)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", RECEIVING_KINDS)
def test_receiving_parent_change_journeys(
    kind,
    language,
    make_case,
    make_user,
    signed_in_client,
    reauthenticate,
    django_capture_on_commit_callbacks,
):
    user = make_user()
    case = make_case(paying_user=make_user(), receiving_user=user)
    client = reauthenticate(signed_in_client(user))
    _run_change(client, case, kind, language, django_capture_on_commit_callbacks)


def test_contact_and_bank_changes_need_the_password_again(
    family_case, signed_in_client, paying_parent
):
    client = signed_in_client(paying_parent)
    for kind in ("address", "phone", "email", "bank_details"):
        response = client.get(
            reverse("cases:change_form", kwargs={"reference": family_case.reference, "kind": kind})
        )
        assert response.status_code == 302
        assert "/accounts/reauthenticate/" in response["Location"]


def test_answers_are_kept_when_going_back_to_change_them(
    family_case, signed_in_client, paying_parent
):
    client = signed_in_client(paying_parent)
    url = reverse(
        "cases:change_form", kwargs={"reference": family_case.reference, "kind": "income"}
    )
    client.post(url, valid_answers("income", family_case))
    assert 'value="£1,250.00"' in client.get(url).content.decode()


def test_bank_details_are_masked_on_screen_and_in_the_report(
    family_case, signed_in_client, paying_parent, reauthenticate
):
    client = reauthenticate(signed_in_client(paying_parent))
    url = reverse(
        "cases:change_form", kwargs={"reference": family_case.reference, "kind": "bank_details"}
    )
    check = client.get(client.post(url, valid_answers("bank_details", family_case))["Location"])
    html = check.content.decode()
    assert "00733445" not in html and "****3445" in html and "**-**-30" in html
    client.post(
        reverse(
            "cases:change_check",
            kwargs={"reference": family_case.reference, "kind": "bank_details"},
        )
    )
    report = ChangeReport.objects.get()
    assert "733445" not in str(report.answers)
    paying = family_case.parties.get(role="paying")
    assert paying.bank_account_number == "00733445"


def test_switch_to_collect_and_pay_is_immediate_with_safeguarding(
    make_case, make_user, signed_in_client
):
    user = make_user()
    case = make_case(receiving_user=user, safeguarding=True)
    client = signed_in_client(user)
    client.post(
        reverse("cases:change_form", kwargs={"reference": case.reference, "kind": "service_type"}),
        {"reason": ""},
    )
    client.post(
        reverse("cases:change_check", kwargs={"reference": case.reference, "kind": "service_type"})
    )
    case.refresh_from_db()
    assert case.service_type == "collect_and_pay"
    assert ChangeReport.objects.get().status == "new_decision"


def test_switch_without_safeguarding_goes_to_a_caseworker(
    family_case, signed_in_client, receiving_parent
):
    client = signed_in_client(receiving_parent)
    client.post(
        reverse(
            "cases:change_form", kwargs={"reference": family_case.reference, "kind": "service_type"}
        ),
        {"reason": ""},
    )
    client.post(
        reverse(
            "cases:change_check",
            kwargs={"reference": family_case.reference, "kind": "service_type"},
        )
    )
    family_case.refresh_from_db()
    assert family_case.service_type == "direct_pay"
    assert family_case.work_items.filter(kind="change_report", status="open").exists()


def test_missed_payment_is_only_for_receiving_parents_on_direct_pay(
    family_case, signed_in_client, paying_parent
):
    url = reverse(
        "cases:change_form", kwargs={"reference": family_case.reference, "kind": "missed_payment"}
    )
    assert signed_in_client(paying_parent).get(url).status_code == 404


def test_representative_cannot_change_bank_details(
    family_case, signed_in_client, representative, reauthenticate
):
    client = reauthenticate(signed_in_client(representative))
    url = reverse(
        "cases:change_form", kwargs={"reference": family_case.reference, "kind": "bank_details"}
    )
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_challenge_journey(
    language, family_case, signed_in_client, receiving_parent, django_capture_on_commit_callbacks
):
    client = signed_in_client(receiving_parent)
    reference = family_case.reference
    decision = family_case.decisions.get()
    start = _url(language, "cases:challenge", reference=reference)
    page = client.get(start).content.decode()
    assert "checked" not in page  # the decision is never chosen for the user
    assert client.post(start, {}).status_code == 400
    reasons_url = client.post(start, {"decision": str(decision.public_id)})["Location"]
    assert client.post(reasons_url, {"reasons": ""}).status_code == 400
    evidence_url = client.post(reasons_url, {"reasons": "My income is wrong"})["Location"]
    bad = client.post(evidence_url, {"evidence": pdf_upload("x.pdf", b"not a pdf")})
    assert bad.status_code == 400
    assert client.post(evidence_url, {"evidence": pdf_upload()}).status_code == 302
    check_url = client.post(evidence_url, {})["Location"]
    assert "evidence.pdf" in client.get(check_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(check_url)
    confirmation = client.get(done["Location"]).content.decode()
    request = family_case.reconsiderations.get()
    assert request.reference in confirmation
    assert request.decision == decision and not request.is_late
    assert request.attachments.count() == 1
    assert family_case.work_items.filter(kind="reconsideration").exists()
    case_page = client.get(_url(language, "cases:detail", reference=reference)).content.decode()
    assert request.reference in case_page


def test_late_challenge_asks_why(make_case, make_user, signed_in_client):
    from datetime import date, timedelta

    import time_machine

    receiving_parent = make_user()
    with time_machine.travel(date.today() - timedelta(days=40)):
        family_case = make_case(receiving_user=receiving_parent)
    client = signed_in_client(receiving_parent)
    reference = family_case.reference
    decision = family_case.decisions.get()
    reasons_url = client.post(
        reverse("cases:challenge", kwargs={"reference": reference}),
        {"decision": str(decision.public_id)},
    )["Location"]
    page = client.post(reasons_url, {"reasons": "Wrong"})
    assert page.status_code == 400
    assert "Enter why you are asking after the deadline" in page.content.decode()
    evidence_url = client.post(reasons_url, {"reasons": "Wrong", "late_reason": "In hospital"})[
        "Location"
    ]
    check_url = client.post(evidence_url, {})["Location"]
    client.post(check_url)
    request = family_case.reconsiderations.get()
    assert request.is_late and request.late_reason == "In hospital"


@pytest.mark.parametrize("language", LANGUAGES)
def test_message_journey(
    language, family_case, signed_in_client, receiving_parent, django_capture_on_commit_callbacks
):
    from cases import services

    client = signed_in_client(receiving_parent)
    reference = family_case.reference
    assert client.get(_url(language, "cases:messages", reference=reference)).status_code == 200
    new_url = _url(language, "cases:message_new", reference=reference)
    kept = client.post(new_url, {"subject": "", "body": "Keep me"})
    assert kept.status_code == 400 and "Keep me" in kept.content.decode()
    sent = client.post(
        new_url, {"subject": "Payment date", "body": "When?", "attachment": pdf_upload()}
    )
    assert sent.status_code == 302
    assert client.get(sent["Location"]).status_code == 200
    thread = family_case.message_threads.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_to_thread(acting_user=None, thread=thread, body="Secret reply text")
    email = mail.outbox[-1]
    # The parent's alert: no message content, a link to sign in and read it.
    assert "Secret reply text" not in email.body and "/sign-in/parent/" in email.body
    dashboard = client.get(_url(language, "cases:dashboard")).content.decode()
    assert {"en": "Read 1 new message", "cy": "Darllen 1 neges newydd"}[language] in dashboard
    thread_url = _url(language, "cases:thread", reference=reference, thread_id=thread.public_id)
    assert "Secret reply text" in client.get(thread_url).content.decode()
    assert client.post(thread_url, {"body": "Thanks"}).status_code == 302
    assert thread.messages.count() == 3


@pytest.mark.parametrize("language", LANGUAGES)
def test_representative_journey(
    language,
    family_case,
    signed_in_client,
    receiving_parent,
    make_user,
    django_capture_on_commit_callbacks,
):
    from datetime import date, timedelta

    client = signed_in_client(receiving_parent)
    reference = family_case.reference
    assert (
        client.get(_url(language, "cases:representatives", reference=reference)).status_code == 200
    )
    add_url = _url(language, "cases:representative_add", reference=reference)
    assert client.post(add_url, {"full_name": "Ashley Adviser"}).status_code == 400
    until = date.today() + timedelta(days=60)
    check_url = client.post(
        add_url,
        {
            "full_name": "Ashley Adviser",
            "email": "adviser@example.test",
            "scopes": ["view", "message"],
            "valid_until-day": until.day,
            "valid_until-month": until.month,
            "valid_until-year": until.year,
        },
    )["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        added_url = client.post(check_url)["Location"]
    added = client.get(added_url).content.decode()
    representative = family_case.representatives.get()
    assert representative.can_view and representative.can_message
    assert not representative.can_report_changes
    code = added.split("<strong>")[1].split("</strong>")[0]
    assert "code" not in mail.outbox[-1].body.lower() or code not in mail.outbox[-1].body
    # Shown once only.
    assert code not in client.get(added_url).content.decode()
    adviser = signed_in_client(make_user(email="adviser@example.test"))
    assert (
        adviser.post(
            reverse("cases:activate_representative"),
            {"case_reference": reference, "activation_code": code},
        ).status_code
        == 302
    )
    assert adviser.get(reverse("cases:detail", kwargs={"reference": reference})).status_code == 200
    remove_url = _url(
        language,
        "cases:representative_remove",
        reference=reference,
        representative_id=representative.public_id,
    )
    assert client.get(remove_url).status_code == 200
    assert client.get(client.post(remove_url)["Location"]).status_code == 200
    assert adviser.get(reverse("cases:detail", kwargs={"reference": reference})).status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_activation_journey(language, make_case, make_user, signed_in_client):
    from cases import services

    case = make_case()
    party = case.parties.get(role="paying")
    _record, code = services.issue_activation_code(acting_user=None, party=party)
    client = signed_in_client(make_user())
    url = _url(language, "cases:activate")
    assert client.get(url).status_code == 200
    assert client.post(url, {"case_reference": "12"}).status_code == 400
    born = party.date_of_birth
    done = client.post(
        url,
        {
            "case_reference": case.reference,
            "date_of_birth-day": born.day,
            "date_of_birth-month": born.month,
            "date_of_birth-year": born.year,
            "activation_code": code,
        },
    )
    assert done.status_code == 302
    assert client.get(done["Location"]).status_code == 200


def test_the_missed_payment_change_goes_to_the_one_missed_payment_form(
    family_case, receiving_parent, signed_in_client
):
    """One route for a missed payment: the change list links to the payments form and the
    old change form and check page redirect there."""
    client = signed_in_client(receiving_parent)
    kwargs = {"reference": family_case.reference}
    target = reverse("payments:report_missed", kwargs=kwargs)
    start = client.get(reverse("cases:changes", kwargs=kwargs)).content.decode()
    assert f'href="{target}"' in start
    assert "kind=missed_payment" not in start and "/missed_payment/" not in start
    for name in ("cases:change_form", "cases:change_check"):
        response = client.get(reverse(name, kwargs={**kwargs, "kind": "missed_payment"}))
        assert response.status_code == 302 and response["Location"] == target
    assert client.get(target).status_code == 200


def test_reentering_the_password_opens_the_contact_journey(
    family_case, signed_in_client, paying_parent
):
    client = signed_in_client(paying_parent)
    form_url = reverse(
        "cases:change_form", kwargs={"reference": family_case.reference, "kind": "phone"}
    )
    challenge = client.get(form_url)["Location"]
    assert client.post(challenge, {"password": "wrong password"}).status_code in (200, 400)
    assert client.get(form_url).status_code == 302
    back = client.post(challenge, {"password": "correct horse battery staple"})
    assert back.status_code == 302 and back["Location"] == form_url
    assert client.get(form_url).status_code == 200
