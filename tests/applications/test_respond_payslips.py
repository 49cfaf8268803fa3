"""Payslips sent with the respondent's income: checked like every other upload, kept
privately with the response, listed on their check answers page, and downloaded
(audited) only by a caseworker, never reached by the applicant."""

from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications import respond
from applications.models import Application, ResponsePayslip
from cms_portal.audit import AuditEvent
from tests.cases.conftest import PDF_BYTES

from .helpers import answer_every_question, submit
from .test_respond import RESPONSE, url

pytestmark = pytest.mark.django_db

ERRORS = {
    "": {
        "type": "The selected file must be a PDF, JPG or PNG",
        "size": "The selected file must be smaller than 10MB",
        "summary": "There is a problem",
    },
    "/cy": {
        "type": "Rhaid i’r ffeil a ddewiswyd fod yn PDF, JPG neu PNG",
        "size": "Rhaid i’r ffeil a ddewiswyd fod yn llai na 10MB",
        "summary": "Mae problem wedi codi",
    },
}


@pytest.fixture
def applicant_and_code(signed_in_client, make_user, caseworker):
    applicant = make_user()
    client = signed_in_client(applicant)
    answer_every_question(client)
    submit(client)
    application = Application.objects.get()
    code = respond.issue_response_code(acting_user=caseworker, application=application)
    return client, application, code


def reach_income(client, application, code, prefix=""):
    """Starts the response and answers every page before the income page."""
    response = client.post(
        url("respond:start", prefix=prefix), {"reference": application.reference, "code": code}
    )
    location = response["Location"]
    while not location.rstrip("/").endswith("/income"):
        slug = location.rstrip("/").rsplit("/", 1)[-1]
        response = client.post(location, RESPONSE[slug])
        assert response.status_code == 302, (slug, response.content.decode()[:2000])
        location = response["Location"]
    return location


def income_with(upload):
    return {**RESPONSE["income"], "payslip": upload}


def finish(client, location):
    while not location.endswith("/check-your-answers/"):
        slug = location.rstrip("/").rsplit("/", 1)[-1]
        response = client.post(location, RESPONSE[slug])
        assert response.status_code == 302
        location = response["Location"]
    return location


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_a_payslip_is_kept_and_shown_on_check_answers(
    applicant_and_code, signed_in_client, make_user, prefix
):
    _applicant, application, code = applicant_and_code
    client = signed_in_client(make_user())
    income = reach_income(client, application, code, prefix)
    page = client.get(income).content.decode()
    assert 'enctype="multipart/form-data"' in page
    upload = SimpleUploadedFile("march-payslip.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(income, income_with(upload))
    assert response.status_code == 302
    payslip = ResponsePayslip.objects.get()
    assert payslip.original_name == "march-payslip.pdf"
    assert payslip.content_type == "application/pdf"
    assert payslip.file.read() == PDF_BYTES
    # Kept privately, with a stored name that says nothing about the file.
    assert "march" not in payslip.file.name
    assert Path(payslip.file.path).is_relative_to(Path(settings.MEDIA_ROOT) / "private")
    assert "payslip" not in application.response.answers["income"]
    check = client.get(finish(client, response["Location"])).content.decode()
    assert "march-payslip.pdf" in check
    hidden = "payslips" if not prefix else "slipiau cyflog"
    assert f'<span class="govuk-visually-hidden"> {hidden}</span>' in check


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_a_wrong_type_or_an_oversized_file_is_refused_and_nothing_is_saved(
    applicant_and_code, signed_in_client, make_user, prefix
):
    _applicant, application, code = applicant_and_code
    client = signed_in_client(make_user())
    income = reach_income(client, application, code, prefix)
    fake = SimpleUploadedFile("payslip.pdf", b"MZ not really a pdf", content_type="application/pdf")
    response = client.post(income, income_with(fake))
    assert response.status_code == 400
    text = response.content.decode()
    assert ERRORS[prefix]["type"] in text
    assert ERRORS[prefix]["summary"] in text
    assert 'href="#payslip"' in text
    with mock.patch("cases.uploads.MAX_UPLOAD_BYTES", len(PDF_BYTES) - 1):
        big = SimpleUploadedFile("payslip.pdf", PDF_BYTES, content_type="application/pdf")
        response = client.post(income, income_with(big))
    assert response.status_code == 400
    assert ERRORS[prefix]["size"] in response.content.decode()
    assert not ResponsePayslip.objects.exists()
    application.response.refresh_from_db()
    assert "income" not in application.response.answers


def test_no_payslip_is_asked_for_without_work_and_earlier_ones_go(
    applicant_and_code, signed_in_client, make_user
):
    _applicant, application, code = applicant_and_code
    client = signed_in_client(make_user())
    income = reach_income(client, application, code)
    upload = SimpleUploadedFile("p.pdf", PDF_BYTES, content_type="application/pdf")
    assert client.post(income, income_with(upload)).status_code == 302
    assert client.post(url("respond:question", "work"), {"work": "benefits"}).status_code == 302
    assert not ResponsePayslip.objects.exists()


def test_the_caseworker_downloads_it_audited_and_the_applicant_never_reaches_it(
    applicant_and_code, signed_in_client, make_user, caseworker_client
):
    applicant_client, application, code = applicant_and_code
    client = signed_in_client(make_user())
    income = reach_income(client, application, code)
    upload = SimpleUploadedFile("april.pdf", PDF_BYTES, content_type="application/pdf")
    check = finish(client, client.post(income, income_with(upload))["Location"])
    assert client.post(check, {"confirm": "on"}).status_code == 302
    payslip = ResponsePayslip.objects.get()
    download_url = reverse("admin:applications_payslip_download", args=[payslip.public_id])
    change_url = reverse("admin:applications_application_change", args=[application.pk])
    assert download_url in caseworker_client.get(change_url).content.decode()
    response = caseworker_client.get(download_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "attachment" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(action="application.response_payslip_downloaded").exists()
    # The applicant: no link anywhere, no public file, and the admin is closed to them.
    for path in ("/", url("applications:status", application.reference)):
        page = applicant_client.get(path, follow=True)
        assert page.status_code == 200
        assert "april.pdf" not in page.content.decode()
    for media_url in ("/media/private/" + payslip.file.name, "/private/" + payslip.file.name):
        assert applicant_client.get(media_url).status_code == 404
    assert applicant_client.get(download_url).status_code in (302, 404)
    assert applicant_client.get(url("respond:check")).status_code == 302
