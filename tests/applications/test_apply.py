import pytest

from applications.models import ApplicationStatus

from .helpers import answer_every_question, submit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["", "/cy"])
def test_a_full_application_is_sent_with_a_reference(signed_in_client, prefix, mailoutbox):
    client = signed_in_client()
    application, seen = answer_every_question(client, prefix)
    assert "payment-method" not in seen  # Collect and Pay chosen because of abuse
    check = client.get(f"{prefix}/apply/check-your-answers/")
    assert check.status_code == 200
    page = check.content.decode()
    assert "AB ** ** ** C" in page and "AB123456C" not in page
    assert 'govuk-visually-hidden">' in page
    submit(client, prefix)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    sent = client.get(f"{prefix}/apply/sent/{application.reference}/")
    assert application.reference in sent.content.decode()
    assert application.answers["your-national-insurance-number"] == {
        "national_insurance_number": "AB123456C"
    }


def test_check_answers_shows_each_page_in_the_order_it_asks(signed_in_client):
    """PostgreSQL gives a JSON object's keys back shortest first: the address and bank
    details must still read in the order the form asks them, one part a line."""
    client = signed_in_client()
    application, _ = answer_every_question(client)
    application.answers = {
        **application.answers,
        "your-address": {
            "town": "Secretville",
            "postcode": "CF10 1AA",
            "address_line_1": "1 Hidden Lane",
        },
        "bank-details": {
            "sort_code": "309430",
            "account_name": "A Applicant",
            "account_number": "00733445",
        },
    }
    application.save(update_fields=["answers"])
    page = client.get("/apply/check-your-answers/").content.decode()
    assert "1 Hidden Lane<br>Secretville<br>CF10 1AA" in page
    assert "A Applicant<br>309430<br>****3445" in page
