"""Both roles ask for a variation and the other side responds, page by page, in English
and Welsh: every page, every error, the check page's Change links, the confirmation with a
reference, and the emails in each parent's language."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from variations.models import VariationRequest, VariationResponse

from .conftest import pdf_upload

pytestmark = pytest.mark.django_db

TEXT = {
    "en": {
        "title": "Ask us to change how we work out child maintenance",
        "check": "Check your answers before sending",
        "sent": "Request sent",
        "ground_error": "Select what you want us to consider",
        "amount_error": "Enter the amount",
        "amount_bad": "The amount must be an amount of money, like 350 or 350.50",
        "period_error": "Select whether this is a week, a month or a year",
        "details_error": "Enter the details",
        "file_error": "The selected file must be a PDF, JPG or PNG",
        "response_error": "Enter your response",
        "respond": "Respond to this request",
        "responded": "Response sent",
        "told_subject": "The other parent has asked us to change how we work out child maintenance",
    },
    "cy": {
        "title": "Gofyn i ni newid sut rydym yn cyfrifo cynhaliaeth plant",
        "check": "Gwiriwch eich atebion cyn anfon",
        "sent": "Cais wedi’i anfon",
        "ground_error": "Dewiswch beth rydych am i ni ei ystyried",
        "amount_error": "Rhowch y swm",
        "amount_bad": "Rhaid rhoi swm o arian ar gyfer y swm",
        "period_error": "Dewiswch ai ar gyfer wythnos, mis neu flwyddyn y mae hyn",
        "details_error": "Rhowch y manylion",
        "file_error": "Rhaid i’r ffeil a ddewiswyd fod yn PDF, JPG neu PNG",
        "response_error": "Rhowch eich ymateb",
        "respond": "Ymateb i’r cais hwn",
        "responded": "Ymateb wedi’i anfon",
        "told_subject": (
            "Mae’r rhiant arall wedi gofyn i ni newid sut rydym yn cyfrifo cynhaliaeth plant"
        ),
    },
}
CASES = [
    ("paying", "contact_costs", "Costs of keeping in contact"),
    ("receiving", "unearned_income", "Unearned income"),
]


def _not_a_pdf():
    return SimpleUploadedFile("evil.pdf", b"MZ not a pdf at all", content_type="application/pdf")


def _url(language, name, **kwargs):
    with translation.override(language):
        return reverse(f"variations:{name}", kwargs=kwargs)


def _page(response):
    return response.content.decode()


def _error(client, url, data, message):
    response = client.post(url, data)
    assert response.status_code == 400
    page = _page(response)
    assert "govuk-error-summary" in page
    assert message in page, page[:3000]
    assert VariationRequest.objects.count() == 0
    return page


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("role,ground,ground_label", CASES)
def test_apply_and_respond(
    role,
    ground,
    ground_label,
    language,
    family_case,
    paying_parent,
    receiving_parent,
    signed_in_client,
    django_capture_on_commit_callbacks,
):
    text = TEXT[language]
    case = family_case
    other_party = case.parties.get(role="receiving" if role == "paying" else "paying")
    other_party.preferred_language = language
    other_party.save(update_fields=["preferred_language"])
    applicant = signed_in_client(paying_parent if role == "paying" else receiving_parent)
    responder = signed_in_client(receiving_parent if role == "paying" else paying_parent)
    ref = {"reference": case.reference}

    # The case page links to the journey.
    with translation.override(language):
        case_url = reverse("cases:detail", kwargs=ref)
    assert text["title"] in _page(applicant.get(case_url))

    ground_url = _url(language, "ground", **ref)
    page = _page(applicant.get(ground_url))
    assert text["title"] in page
    # Only the grounds this role may use are offered.
    assert ground in page
    assert ("unearned_income" in page) == (role == "receiving")
    assert ("contact_costs" in page) == (role == "paying")
    # A figure from the dated table, never typed into the page.
    assert ("£10 " in page) == (role == "paying")
    assert ("£2,500 " in page) == (role == "receiving")
    _error(applicant, ground_url, {}, text["ground_error"])
    _error(applicant, ground_url, {"ground": "not-a-ground"}, text["ground_error"])
    other_role_ground = "unearned_income" if role == "paying" else "contact_costs"
    _error(applicant, ground_url, {"ground": other_role_ground}, text["ground_error"])
    assert applicant.post(ground_url, {"ground": ground}).status_code == 302

    amount_url = _url(language, "amount", **ref)
    assert applicant.get(amount_url).status_code == 200
    _error(applicant, amount_url, {"amount": ""}, text["amount_error"])
    _error(applicant, amount_url, {"amount": "lots"}, text["amount_bad"])
    _error(applicant, amount_url, {"amount": "0"}, "£0")
    assert applicant.post(amount_url, {"amount": "130"}).status_code == 302

    period_url = _url(language, "period", **ref)
    assert applicant.get(period_url).status_code == 200
    _error(applicant, period_url, {}, text["period_error"])
    assert applicant.post(period_url, {"period": "week"}).status_code == 302

    details_url = _url(language, "details", **ref)
    assert applicant.get(details_url).status_code == 200
    _error(applicant, details_url, {"details": ""}, text["details_error"])
    _error(applicant, details_url, {"details": "x" * 3001}, "3000")
    response = applicant.post(details_url, {"details": "Secret applicant words"})
    assert response["Location"] == _url(language, "evidence", **ref)

    evidence_url = _url(language, "evidence", **ref)
    assert applicant.get(evidence_url).status_code == 200
    _error(applicant, evidence_url, {"evidence": _not_a_pdf()}, text["file_error"])
    assert applicant.post(evidence_url, {"evidence": pdf_upload("tickets.pdf")}).status_code == 302
    assert "tickets.pdf" in _page(applicant.get(evidence_url))
    response = applicant.post(evidence_url, {})
    check_url = _url(language, "check", **ref)
    assert response["Location"] == check_url

    check = _page(applicant.get(check_url))
    assert text["check"] in check
    assert "£130.00" in check and "tickets.pdf" in check
    # Every answer has a Change link back to its question, returning to this page.
    for step in ("ground", "amount", "period", "details"):
        assert f'href="{_url(language, step, **ref)}?change=1"' in check
    assert applicant.post(f"{amount_url}?change=1", {"amount": "140"})["Location"] == check_url
    assert "£140.00" in _page(applicant.get(check_url))

    with django_capture_on_commit_callbacks(execute=True):
        sent = applicant.post(check_url)
    assert sent.status_code == 302
    variation = VariationRequest.objects.get()
    confirmation = _page(applicant.get(sent["Location"]))
    assert text["sent"] in confirmation and variation.reference in confirmation
    assert variation.weekly_amount == 140
    assert variation.evidence.count() == 1
    # The other parent is told in their own language, with nothing of the applicant's.
    told = [message for message in mail.outbox if message.to == [other_party.notification_email]]
    assert len(told) == 1
    assert told[0].subject == text["told_subject"]
    assert "Secret applicant words" not in told[0].body
    # The journey's answers are gone: starting again asks the first question.
    assert applicant.get(check_url)["Location"] == ground_url

    detail_url = _url(language, "detail", **ref, variation_id=variation.public_id)
    page = _page(responder.get(detail_url))
    assert text["respond"] in page
    assert "Secret applicant words" not in page and "tickets.pdf" not in page
    respond_url = _url(language, "respond", **ref, variation_id=variation.public_id)
    assert responder.get(respond_url).status_code == 200
    response = responder.post(respond_url, {"response": ""})
    assert response.status_code == 400 and text["response_error"] in _page(response)
    response = responder.post(respond_url, {"response": "No", "evidence": _not_a_pdf()})
    assert response.status_code == 400 and text["file_error"] in _page(response)
    assert VariationResponse.objects.count() == 0
    response = responder.post(
        respond_url, {"response": "I do not agree", "evidence": pdf_upload("mine.pdf")}
    )
    assert response.status_code == 302
    assert text["responded"] in _page(responder.get(response["Location"]))
    assert variation.evidence.filter(party=other_party).count() == 1
    # Responding once is enough: the page is gone and the button too.
    assert responder.get(respond_url).status_code == 404
    assert text["respond"] not in _page(responder.get(detail_url))
    # The applicant never sees the response or its file.
    page = _page(applicant.get(detail_url))
    assert "I do not agree" not in page and "mine.pdf" not in page
    assert ground_label in _page(applicant.get("/account/cases/" + case.reference + "/"))


def test_a_question_before_its_turn_goes_back_to_the_first_unanswered(
    family_case, paying_parent, signed_in_client
):
    client = signed_in_client(paying_parent)
    ref = {"reference": family_case.reference}
    for step in ("amount", "period", "details", "evidence", "check"):
        assert client.get(_url("en", step, **ref))["Location"] == _url("en", "ground", **ref)
    client.post(_url("en", "ground", **ref), {"ground": "prior_debts"})
    assert client.get(_url("en", "check", **ref))["Location"] == _url("en", "amount", **ref)


def test_the_response_period_ends(family_case, paying_parent, receiving_parent, signed_in_client):
    from .conftest import after_response_period, apply_online

    apply_online(signed_in_client(paying_parent), family_case, ground="prior_debts", amount="20")
    variation = VariationRequest.objects.get()
    after_response_period(variation)
    responder = signed_in_client(receiving_parent)
    ref = {"reference": family_case.reference, "variation_id": variation.public_id}
    assert responder.get(_url("en", "respond", **ref)).status_code == 404
    assert "Respond to this request" not in _page(responder.get(_url("en", "detail", **ref)))
