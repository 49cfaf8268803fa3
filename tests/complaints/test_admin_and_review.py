"""The complaints queue in the admin (ordered by the next deadline, overdue marked,
acknowledge and answer through the services, audited), and the stage 2 review with what
comes after it."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from cms_portal.models import AuditEvent
from complaints import services
from complaints.models import Complaint, ComplaintReview

from .conftest import admin_action, admin_answer, complain, pdf_upload, url

pytestmark = pytest.mark.django_db


def _complaint(user, opened_on, **answers):
    return services.submit_complaint(
        acting_user=user,
        topic="treatment",
        what_happened=answers.get("what_happened", "Rude on the phone."),
        wanted_outcome="An apology.",
        today=opened_on,
    )


@pytest.fixture
def queue(make_user):
    user = make_user()
    later = _complaint(user, date(2026, 11, 2))  # acknowledge by 4 Nov
    soonest = _complaint(user, date(2026, 10, 1))  # acknowledge by 5 Oct: overdue
    acknowledged = _complaint(user, date(2026, 10, 20))  # answer by 10 Nov
    services.acknowledge_review(acting_user=None, review=acknowledged.reviews.get())
    answered = _complaint(user, date(2026, 9, 1))
    services.answer_review(acting_user=None, review=answered.reviews.get(), answer="Sorry.")
    return [soonest, later, acknowledged, answered]


def test_queue_is_ordered_by_the_next_deadline_with_overdue_marked(caseworker_client, queue):
    response = caseworker_client.get(reverse("admin:complaints_complaintreview_changelist"))
    assert response.status_code == 200
    page = response.content.decode()
    positions = [page.index(complaint.reference) for complaint in queue]
    assert positions == sorted(positions)
    assert page.count("(overdue)") >= 2  # the old ones (today is after them)
    assert 'class="app-overdue"' in page


def test_acknowledge_and_answer_are_audited_and_the_parent_reads_the_answer(
    caseworker, caseworker_client, make_user, signed_in_client, django_capture_on_commit_callbacks
):
    parent = make_user()
    client = signed_in_client(parent)
    complain(client)
    complaint = Complaint.objects.get()
    review = complaint.reviews.get()

    admin_action(caseworker_client, "acknowledge", [review])
    review.refresh_from_db()
    assert review.acknowledged_by == caseworker
    assert AuditEvent.objects.filter(
        action="complaint.acknowledged", actor=caseworker, object_ref=complaint.reference
    ).exists()
    assert (
        "Being looked at"
        in client.get(url("detail", complaint_id=complaint.public_id)).content.decode()
    )

    page = caseworker_client.get(
        reverse("admin:complaints_complaintreview_change", args=[review.pk])
    )
    assert page.status_code == 200 and "My payment was late twice." in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_answer(caseworker_client, review, "We are sorry. We have fixed it.")
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.answer == "We are sorry. We have fixed it." and review.answered_by == caseworker
    assert AuditEvent.objects.filter(action="complaint.answered", actor=caseworker).exists()
    # Emailed that there is an answer, never what it says.
    email = mail.outbox[-1]
    assert email.to == [parent.email] and "We are sorry" not in email.body
    detail = client.get(url("detail", complaint_id=complaint.public_id)).content.decode()
    assert "We are sorry. We have fixed it." in detail and "Answered" in detail
    assert "Ask for a stage 2 review" in detail
    # Not yet the outside bodies: they come after stage 2.
    assert "Independent Case Examiner" not in detail


def test_admin_downloads_evidence_audited(
    caseworker, caseworker_client, make_user, signed_in_client, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    complain(signed_in_client(make_user()), upload=pdf_upload("proof.pdf"))
    evidence = Complaint.objects.get().evidence.get()
    response = caseworker_client.get(
        reverse("admin:complaints_evidence_download", args=[evidence.public_id])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(
        action="complaint.evidence_downloaded", actor=caseworker
    ).exists()


def test_a_parent_cannot_reach_the_admin_queue(make_user, signed_in_client):
    response = signed_in_client(make_user()).get(
        reverse("admin:complaints_complaintreview_changelist")
    )
    assert response.status_code in (302, 403, 404)


def test_stage_2_review_then_ice_and_phso(
    caseworker_client, make_user, signed_in_client, monkeypatch
):
    parent = make_user()
    client = signed_in_client(parent)
    complain(client)
    complaint = Complaint.objects.get()
    review_url = url("review", complaint_id=complaint.public_id)
    # Not before the first answer.
    assert client.get(review_url).status_code == 404
    admin_answer(caseworker_client, complaint.reviews.get(), "Our answer.")

    # An empty reason is a 400 and nothing is asked for.
    response = client.post(review_url, {"reason": "   "})
    assert response.status_code == 400
    assert "Enter why our answer does not settle your complaint" in response.content.decode()
    assert complaint.reviews.count() == 1

    # Tuesday 24 November 2026: new deadlines from that day.
    monkeypatch.setattr("complaints.services.business_date", lambda: date(2026, 11, 24))
    response = client.post(review_url, {"reason": "You did not explain the late payment."})
    assert response["Location"] == url("detail", complaint_id=complaint.public_id)
    stage_2 = complaint.reviews.get(stage=2)
    assert stage_2.acknowledge_by == date(2026, 11, 26)
    assert stage_2.answer_by == date(2026, 12, 15)
    assert AuditEvent.objects.filter(action="complaint.review_requested").exists()
    page = client.get(response["Location"]).content.decode()
    assert "We have your request for a stage 2 review" in page
    assert "15 December 2026" in page and "Stage 2 review" in page
    # Once only.
    assert client.get(review_url).status_code == 404

    admin_answer(caseworker_client, stage_2, "Our stage 2 answer.")
    page = client.get(url("detail", complaint_id=complaint.public_id)).content.decode()
    assert "Our stage 2 answer." in page
    assert "Independent Case Examiner" in page
    assert "Parliamentary and Health Service Ombudsman" in page
    assert 'href="https://www.gov.uk/government/organisations/independent-case-examiner"' in page
    assert 'href="https://www.ombudsman.org.uk/making-complaint"' in page
    assert "Ask for a stage 2 review" not in page


def test_an_answer_cannot_be_changed_or_empty(make_user):
    complaint = _complaint(make_user(), date(2026, 6, 1))
    review = complaint.reviews.get()
    with pytest.raises(ValueError):
        services.answer_review(acting_user=None, review=review, answer="  ")
    services.answer_review(acting_user=None, review=review, answer="Answer.")
    with pytest.raises(ValueError):
        services.answer_review(acting_user=None, review=review, answer="Another.")
    assert ComplaintReview.objects.get().answer == "Answer."


def test_a_second_answer_sent_from_the_admin_is_refused_on_the_page(make_user, caseworker_client):
    # An old tab or a colleague sends an answer to a complaint answered meanwhile.
    complaint = _complaint(make_user(), date(2026, 6, 1))
    review = complaint.reviews.get()
    services.answer_review(acting_user=None, review=review, answer="Answer.")
    response = admin_answer(caseworker_client, review, "Another.")
    assert response.status_code == 200
    assert "This complaint has already been answered" in response.content.decode()
    assert ComplaintReview.objects.get().answer == "Answer."
