"""Who sees what: anonymous people are sent to sign in, another user's complaint or file
is a 404, and someone else's case cannot be chosen."""

import pytest

from complaints.models import Complaint

from .conftest import complain, pdf_upload, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(make_user, signed_in_client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    complain(signed_in_client(make_user()), upload=pdf_upload("mine.pdf"))
    return Complaint.objects.get()


def _pages(complaint):
    evidence = complaint.evidence.get()
    return [
        url("detail", complaint_id=complaint.public_id),
        url("sent", complaint_id=complaint.public_id),
        url("review", complaint_id=complaint.public_id),
        url("evidence_download", complaint_id=complaint.public_id, evidence_id=evidence.public_id),
    ]


@pytest.mark.parametrize("name", ["about", "details", "evidence", "check", "list"])
def test_anonymous_people_are_sent_to_sign_in(anonymous_client, name):
    response = anonymous_client.get(url(name))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "sign-in" in response["Location"]


def test_anonymous_people_cannot_see_a_complaint(anonymous_client, complaint):
    for page in _pages(complaint):
        response = anonymous_client.get(page)
        assert response.status_code == 302, page


def test_another_users_complaint_is_a_404(make_user, signed_in_client, complaint):
    client = signed_in_client(make_user())
    for page in _pages(complaint):
        assert client.get(page).status_code == 404, page
    assert complaint.reference not in client.get(url("list")).content.decode()


def test_the_owner_downloads_their_file(complaint, signed_in_client):
    client = signed_in_client(complaint.user)
    evidence = complaint.evidence.get()
    response = client.get(
        url("evidence_download", complaint_id=complaint.public_id, evidence_id=evidence.public_id)
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]


def test_someone_elses_case_cannot_be_chosen(family_case, other_parent, signed_in_client):
    client = signed_in_client(other_parent)
    response = client.post(url("about"), {"topic": "decision", "case": family_case.reference})
    assert response.status_code == 400
    assert "Select a case from the list" in response.content.decode()
