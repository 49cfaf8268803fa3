"""Every apply page and its errors, in English and Welsh; stop pages; drafts resumed;
fees from the dated tables; the access matrix."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from applications import journey, services
from applications.models import Application, ApplicationStatus
from calculation import fees

from .helpers import ANSWERS, answer_every_question, question_url, submit

pytestmark = pytest.mark.django_db

ALL_ANSWERED = dict.fromkeys(ANSWERS)  # the slugs of a full application with one child


def _application_with(user, answers):
    application = services.start_application(acting_user=user)
    Application.objects.filter(pk=application.pk).update(answers=answers)
    application.refresh_from_db()
    return application


def _saved_answers(client):
    application, _seen = answer_every_question(client)
    return application


@pytest.fixture
def answered(signed_in_client, make_user):
    user = make_user()
    client = signed_in_client(user)
    application = _saved_answers(client)
    return user, client, application


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_every_question_page_and_its_empty_error(answered, prefix):
    _user, client, application = answered
    slugs = [step.slug for step in journey.steps(application.answers)]
    assert len(slugs) >= 25
    for slug in slugs:
        page = client.get(question_url(slug, prefix))
        assert page.status_code == 200, slug
        text = page.content.decode()
        assert "govuk-exit-this-page" in text, slug
        assert f'lang="{"cy" if prefix else "en"}"' in text
        empty = {"unknown": ""} if slug.startswith("other-parent-") else {}
        refused = client.post(question_url(slug, prefix), empty)
        if slug in ("your-phone",):  # optional: an empty answer is an answer
            assert refused.status_code == 302
            continue
        assert refused.status_code == 400, slug
        assert b"govuk-error-summary" in refused.content, slug
    application.refresh_from_db()


def test_welsh_errors_are_in_welsh(answered):
    _user, client, _application = answered
    english = client.post(question_url("your-name"), {}).content.decode()
    welsh = client.post(question_url("your-name", "/cy"), {}).content.decode()
    assert "Enter your full name" in english
    assert "Enter your full name" not in welsh


@pytest.mark.parametrize(
    "post,message",
    [
        (
            {"account_name": "A", "sort_code": "12345", "account_number": "12345678"},
            "Sort code must be 6 digits long",
        ),
        (
            {"account_name": "A", "sort_code": "abcdef", "account_number": "12345678"},
            "Enter a valid sort code like 309430",
        ),
        (
            {"account_name": "A", "sort_code": "309430", "account_number": "123"},
            "Account number must be between 6 and 8 digits",
        ),
        (
            {"account_name": "", "sort_code": "309430", "account_number": "00733445"},
            "Enter the name on the account",
        ),
    ],
)
def test_bank_details_are_checked(answered, post, message):
    _user, client, application = answered
    before = application.answers["bank-details"]
    response = client.post(question_url("bank-details"), post)
    assert response.status_code == 400
    assert message in response.content.decode()
    application.refresh_from_db()
    assert application.answers["bank-details"] == before


def test_the_check_page_has_a_change_link_for_every_answer(answered):
    _user, client, application = answered
    page = client.get(reverse("applications:check")).content.decode()
    for step in journey.steps(application.answers):
        assert f"{question_url(step.slug)}?change=1" in page, step.slug
    assert page.count('class="govuk-visually-hidden"') >= len(
        list(journey.steps(application.answers))
    )
    # A change goes back to the check page.
    response = client.post(question_url("your-name") + "?change=1", {"full_name": "Alys Newname"})
    assert response["Location"] == reverse("applications:check")


def test_northern_ireland_is_sent_to_its_own_service(signed_in_client):
    client = signed_in_client()
    client.post("/apply/")
    response = client.post(question_url("where-you-live"), {"country": "northern_ireland"})
    assert response["Location"] == reverse("applications:stop", args=["northern-ireland"])
    page = client.get(response["Location"]).content.decode()
    assert "nidirect.gov.uk" in page
    # The next question cannot be reached past the stop.
    assert client.get(question_url("main-carer"))["Location"].endswith("/northern-ireland/")


@pytest.mark.parametrize(
    "slug,post,stop",
    [
        ("main-carer", {"main_carer": "no"}, "cannot-apply"),
        ("other-parent-in-uk", {"other_parent_in_uk": "no"}, "cannot-apply"),
        ("get-help-reference", {"no_reference": "on"}, "get-help-first"),
    ],
)
def test_answers_that_end_the_application_explain_why(signed_in_client, slug, post, stop):
    client = signed_in_client()
    client.post("/apply/")
    for earlier in ("where-you-live", "main-carer", "other-parent-in-uk", "get-help-reference"):
        if earlier == slug:
            break
        client.post(question_url(earlier), ANSWERS[earlier])
    response = client.post(question_url(slug), post)
    assert response["Location"] == reverse("applications:stop", args=[stop])
    for prefix in ("", "/cy"):
        assert client.get(prefix + response["Location"]).status_code == 200


def test_a_reference_in_the_wrong_format_is_refused(signed_in_client):
    client = signed_in_client()
    client.post("/apply/")
    for slug in ("where-you-live", "main-carer", "other-parent-in-uk"):
        client.post(question_url(slug), ANSWERS[slug])
    response = client.post(question_url("get-help-reference"), {"reference": "12!"})
    assert response.status_code == 400
    assert "Reference must be 8 to 12 letters and numbers" in response.content.decode()


def test_a_child_of_16_or_over_is_asked_about_education(answered):
    _user, client, application = answered
    response = client.post(
        question_url("child-1-date-of-birth") + "?change=1",
        {
            "date_of_birth-day": "1",
            "date_of_birth-month": "1",
            "date_of_birth-year": str(date.today().year - 17),
        },
    )
    assert response["Location"] == question_url("child-1-education")
    response = client.post(question_url("child-1-education"), {"in_education": "no"})
    assert response["Location"] == reverse("applications:stop", args=["child-not-included"])


def test_a_draft_is_resumed_in_a_new_session(signed_in_client, make_user):
    user = make_user()
    first = signed_in_client(user)
    first.post("/apply/")
    first.post(question_url("where-you-live"), ANSWERS["where-you-live"])
    first.post(question_url("main-carer"), ANSWERS["main-carer"])
    later = signed_in_client(user)
    start = later.get("/apply/").content.decode()
    assert "Continue your application" in start
    response = later.post("/apply/")
    assert response["Location"] == question_url("other-parent-in-uk")
    assert Application.objects.filter(user=user).count() == 1
    # The saved answer is shown again.
    page = later.get(question_url("where-you-live")).content.decode()
    assert 'value="wales" checked' in page
    dashboard = later.get(reverse("cases:dashboard")).content.decode()
    assert "Continue your application" in dashboard


def test_fees_come_from_the_dated_tables(answered, monkeypatch):
    _user, client, application = answered
    client.post(question_url("collect-because-of-abuse"), {"collect_because_of_abuse": "no"})
    page = client.get(question_url("payment-method")).content.decode()
    assert "We take 4% from each payment" in page and "pays 20% on top" in page
    reform = fees.CollectionFeeSchedule(
        effective_from=date(2020, 1, 1),
        paying_parent_rate=Decimal("0.02"),
        receiving_parent_rate=Decimal("0.03"),
    )
    monkeypatch.setattr("applications.presenters.collection_fee_rates", lambda on_date: reform)
    page = client.get(question_url("payment-method")).content.decode()
    assert "We take 3% from each payment" in page and "pays 2% on top" in page
    assert "It is free to apply." in client.get("/apply/").content.decode()
    monkeypatch.setattr("applications.presenters.application_fee", lambda on_date: Decimal("20.00"))
    assert "It costs £20.00 to apply." in client.get("/apply/").content.decode()


def test_the_access_matrix(answered, signed_in_client, make_user, anonymous_client):
    owner, client, application = answered
    submit(client)
    application.refresh_from_db()
    sent = reverse("applications:sent", args=[application.reference])
    status = reverse("applications:status", args=[application.reference])
    assert client.get(sent).status_code == 200
    assert client.get(status).status_code == 200
    stranger = signed_in_client(make_user())
    for url in (sent, status, f"/cy{sent}"):
        assert stranger.get(url).status_code == 404
    # A stranger's own journey never touches the owner's application.
    stranger.post("/apply/")
    assert Application.objects.filter(user=owner).count() == 1
    for url in (sent, "/apply/where-you-live/", "/apply/check-your-answers/"):
        response = anonymous_client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    # A draft has no confirmation page.
    draft = services.start_application(acting_user=stranger.session and make_user())
    assert draft.status == ApplicationStatus.DRAFT
    assert client.get(reverse("applications:sent", args=[draft.reference])).status_code == 404


def test_a_sent_application_cannot_be_changed(answered):
    _user, client, application = answered
    submit(client)
    response = client.post(question_url("your-name"), {"full_name": "Someone Else"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.answers["your-name"]["full_name"] == "Alys Applicant"
    assert client.get("/apply/check-your-answers/")["Location"] == reverse("applications:start")


def test_declaration_must_be_confirmed(answered):
    _user, client, application = answered
    response = client.post(reverse("applications:declaration"), {})
    assert response.status_code == 400
    assert "Select that you confirm the information is correct" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_the_dashboard_shows_the_status_before_a_case_exists(answered, prefix):
    _user, client, application = answered
    submit(client)
    application.refresh_from_db()
    services.mark_other_parent_contacted(acting_user=None, application=application)
    page = client.get(prefix + "/account/").content.decode()
    assert application.reference in page
    status = client.get(prefix + f"/apply/status/{application.reference}/").content.decode()
    assert status.count("not yet" if not prefix else "dim eto") == 2  # case, first payment
