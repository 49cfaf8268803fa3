"""Making a complaint, in English and in Welsh: what it is about, what happened, a file,
check and send; the confirmation with its reference and deadlines; the email."""

import re
from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.uploads import MAX_UPLOAD_BYTES
from cms_portal.core.working_days import add_working_days
from cms_portal.models import AuditEvent
from complaints.models import Complaint, ComplaintEvidence, Topic

from .conftest import PDF_BYTES, complain, pdf_upload, url

pytestmark = pytest.mark.django_db

FRIDAY = date(2026, 12, 18)  # before Christmas: the 15 days go past 25, 28 Dec and 1 Jan


@pytest.fixture
def on_friday(monkeypatch):
    monkeypatch.setattr("complaints.services.business_date", lambda: FRIDAY)
    return FRIDAY


def test_start_page_is_open_to_everyone_and_in_the_footer(anonymous_client):
    response = anonymous_client.get(url("start"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "within 2 working days" in page and "within 15 working days" in page
    assert f'href="{url("start")}"' in page  # the footer link
    home = anonymous_client.get("/").content.decode()
    assert re.search(r'href="/complaints/">\s*Make a complaint\s*</a>', home)


def test_case_page_links_to_a_complaint_about_that_case(
    family_case, paying_parent, signed_in_client
):
    client = signed_in_client(paying_parent)
    page = client.get(f"/account/cases/{family_case.reference}/").content.decode()
    link = url("about") + f"?case={family_case.reference}"
    assert f'href="{link}"' in page
    about = client.get(link).content.decode()
    assert f'<option value="{family_case.reference}" selected' in about


def test_complaint_journey_in_english(
    family_case, paying_parent, signed_in_client, on_friday, django_capture_on_commit_callbacks
):
    client = signed_in_client(paying_parent)
    with django_capture_on_commit_callbacks(execute=True):
        response = complain(client, case=family_case, upload=pdf_upload("letter.pdf"))
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("sent", complaint_id=complaint.public_id)
    assert complaint.user == paying_parent
    assert complaint.case == family_case
    assert complaint.topic == Topic.PAYMENTS
    assert complaint.division == "england-and-wales"
    assert [evidence.original_name for evidence in complaint.evidence.all()] == ["letter.pdf"]
    review = complaint.reviews.get()
    # 2 working days from Friday 18 December; 15 skip Christmas, Boxing Day (Mon 28th)
    # and New Year's Day.
    assert review.acknowledge_by == date(2026, 12, 22)
    assert review.answer_by == date(2027, 1, 13)
    assert review.answer_by == add_working_days(FRIDAY, 15, "england-and-wales")

    page = client.get(response["Location"]).content.decode()
    assert complaint.reference in page
    assert "22 December 2026" in page and "13 January 2027" in page

    email = mail.outbox[-1]
    assert email.to == [paying_parent.email]
    assert complaint.reference in email.subject
    assert "22 December 2026" in email.body and "13 January 2027" in email.body
    assert AuditEvent.objects.filter(action="complaint.submitted", object_ref=complaint.reference)

    listing = client.get(url("list")).content.decode()
    assert complaint.reference in listing and "13 January 2027" in listing
    detail = client.get(url("detail", complaint_id=complaint.public_id)).content.decode()
    assert "My payment was late twice." in detail and "Received" in detail
    assert "letter.pdf" in detail


def test_a_scottish_parent_gets_scottish_deadlines(
    make_case, make_user, signed_in_client, monkeypatch
):
    user = make_user()
    case = make_case(paying_user=user)
    case.parties.filter(user=user).update(postcode="EH1 1YZ")
    # Friday 31 July 2026: Monday 3 August is a bank holiday in Scotland only.
    monkeypatch.setattr("complaints.services.business_date", lambda: date(2026, 7, 31))
    complain(signed_in_client(user))
    complaint = Complaint.objects.get()
    assert complaint.division == "scotland"
    assert complaint.reviews.get().acknowledge_by == date(2026, 8, 5)


def test_someone_with_no_case_can_complain(make_user, signed_in_client, on_friday):
    client = signed_in_client(make_user())
    page = client.get(url("about")).content.decode()
    assert 'name="case"' not in page
    complain(client)
    complaint = Complaint.objects.get()
    assert complaint.case is None and complaint.division == "england-and-wales"


def test_complaint_journey_in_welsh(
    paying_parent, signed_in_client, on_friday, django_capture_on_commit_callbacks
):
    paying_parent.preferred_language = "cy"
    paying_parent.save(update_fields=["preferred_language"])
    client = signed_in_client(paying_parent)
    start = client.get(url("start", prefix="/cy")).content.decode()
    assert 'lang="cy"' in start and "Gwneud cwyn" in start
    about = client.get(url("about", prefix="/cy"))
    assert about.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = complain(client, prefix="/cy")
    complaint = Complaint.objects.get()
    assert response["Location"] == "/cy" + url("sent", complaint_id=complaint.public_id)
    page = client.get(response["Location"]).content.decode()
    assert "22 Rhagfyr 2026" in page and "13 Ionawr 2027" in page
    assert "Cwyn wedi’i hanfon" in page
    assert "Rhagfyr" in mail.outbox[-1].body


def test_bad_input_is_a_400_with_errors_and_keeps_what_was_typed(paying_parent, signed_in_client):
    client = signed_in_client(paying_parent)
    response = client.post(url("about"), {"topic": "nonsense"})
    assert response.status_code == 400
    assert "Select what your complaint is about" in response.content.decode()
    assert client.post(url("about"), {"topic": "decision"}).status_code == 302
    response = client.post(url("details"), {"what_happened": "x" * 5001, "wanted_outcome": "  "})
    page = response.content.decode()
    assert response.status_code == 400
    assert "What happened must be 5000 characters or fewer" in page
    assert "Enter what you want us to do" in page
    assert "x" * 5001 in page
    response = client.post(
        url("details", prefix="/cy"), {"what_happened": "", "wanted_outcome": ""}
    )
    assert response.status_code == 400
    assert "Gwall:" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_step_cannot_be_skipped(paying_parent, signed_in_client):
    client = signed_in_client(paying_parent)
    assert client.get(url("check"))["Location"] == url("about")
    assert client.get(url("evidence"))["Location"] == url("about")
    client.post(url("about"), {"topic": "other"})
    assert client.get(url("check"))["Location"] == url("details")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("evil.pdf", b"MZ not a pdf", content_type="application/pdf"),
            "The selected file must be a PDF, JPG or PNG",
        ),
        (
            SimpleUploadedFile(
                "big.pdf", PDF_BYTES + b"0" * MAX_UPLOAD_BYTES, content_type="application/pdf"
            ),
            "The selected file must be smaller than 10MB",
        ),
    ],
)
def test_a_wrong_or_too_large_file_is_refused_with_nothing_saved(
    paying_parent, signed_in_client, upload, message, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    client = signed_in_client(paying_parent)
    client.post(url("about"), {"topic": "other"})
    client.post(url("details"), {"what_happened": "a", "wanted_outcome": "b"})
    response = client.post(url("evidence"), {"evidence": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ComplaintEvidence.objects.exists()
    assert not list(tmp_path.rglob("*.*")) and not any(p.is_file() for p in tmp_path.rglob("*"))
    assert not AuditEvent.objects.filter(action="complaint.evidence_uploaded").exists()
