"""The pages: asking (one request at a time), waiting, ready, expired; the download only
after the password again; the access matrix, audit events, the email, Welsh; and the
nightly deletion."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cms_portal.models import AuditEvent
from data_requests import services
from data_requests.models import DataRequest

from .conftest import download_url, members_of, start_url, status_url


def _actions(data_request):
    return list(
        AuditEvent.objects.filter(object_ref=str(data_request.public_id))
        .order_by("id")
        .values_list("action", "actor_id")
    )


def test_the_account_page_offers_a_copy_to_a_parent_only(
    family_case, paying_parent, make_user, representative, signed_in_client
):
    link = start_url()
    assert link in signed_in_client(paying_parent).get("/your-account/").content.decode()
    for user in (make_user(), representative):
        assert link not in signed_in_client(user).get("/your-account/").content.decode()
        assert signed_in_client(user).get(link).status_code == 404


def test_asking_shows_what_is_included_then_the_waiting_page(
    family_case, paying_parent, signed_in_client
):
    client = signed_in_client(paying_parent)
    page = client.get(start_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "Download a copy of your data" in text
    assert "It does not include the other parent’s address" in text
    assert "for 7 days" in text
    # Without the task running, the request waits to be prepared.
    response = client.post(start_url())
    data_request = DataRequest.objects.get(user=paying_parent)
    assert response.status_code == 302 and response["Location"] == status_url(data_request)
    waiting = client.get(status_url(data_request))
    assert "We are preparing your file" in waiting.content.decode()
    assert status_url(data_request) in waiting.content.decode()  # check again: the same page
    assert _actions(data_request) == [("data_request.requested", paying_parent.pk)]


def test_one_request_at_a_time(family_case, paying_parent, signed_in_client):
    client = signed_in_client(paying_parent)
    client.post(start_url())
    pending = DataRequest.objects.get(user=paying_parent)
    # Asking again, or opening the page again, shows the one being prepared.
    again = client.post(start_url())
    assert again["Location"] == status_url(pending)
    assert client.get(start_url())["Location"] == status_url(pending)
    assert DataRequest.objects.filter(user=paying_parent).count() == 1
    assert services.request_data_copy(acting_user=paying_parent) == (pending, False)


def test_when_ready_the_parent_is_emailed_without_personal_data(
    family_case, paying_parent, prepare_copy
):
    mail.outbox.clear()
    data_request = prepare_copy(paying_parent)
    assert data_request.status == "ready"
    assert data_request.expires_at == data_request.ready_at + timedelta(days=7)
    [email] = mail.outbox
    assert email.to == [paying_parent.email]
    assert email.subject == "Your copy of your data is ready"
    party = family_case.parties.get(role="paying")
    for personal in (party.full_name, paying_parent.full_name, family_case.reference, "Leeds"):
        assert personal not in email.body
    assert timezone.localdate(data_request.expires_at).strftime("%-d %B %Y") in email.body
    assert _actions(data_request) == [
        ("data_request.requested", paying_parent.pk),
        ("data_request.ready", None),
    ]


def test_the_welsh_email(family_case, paying_parent, prepare_copy):
    paying_parent.preferred_language = "cy"
    paying_parent.save(update_fields=["preferred_language"])
    mail.outbox.clear()
    prepare_copy(paying_parent)
    [email] = mail.outbox
    assert email.subject == "Mae copi o’ch data yn barod"


def test_the_ready_page_gives_the_link_and_the_expiry_date(
    family_case, paying_parent, prepare_copy, signed_in_client
):
    data_request = prepare_copy(paying_parent)
    text = signed_in_client(paying_parent).get(status_url(data_request)).content.decode()
    assert "Your file is ready" in text
    assert download_url(data_request) in text
    assert timezone.localdate(data_request.expires_at).strftime("%-d %B %Y") in text


def test_the_download_needs_the_password_again_and_is_audited(
    family_case, paying_parent, prepare_copy, signed_in_client, reauthenticate
):
    data_request = prepare_copy(paying_parent)
    client = signed_in_client(paying_parent)
    response = client.get(download_url(data_request))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert "next=" in response["Location"]
    assert ("data_request.downloaded", paying_parent.pk) not in _actions(data_request)
    # The password page says why it is asked for.
    asked = client.get(response["Location"]).content.decode()
    assert "You are about to download a copy of your data" in asked

    reauthenticate(client)
    response = client.get(download_url(data_request))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    members = members_of(b"".join(response.streaming_content))
    assert "README.txt" in members
    assert _actions(data_request)[-1] == ("data_request.downloaded", paying_parent.pk)


def test_access_matrix(
    family_case,
    paying_parent,
    receiving_parent,
    other_parent,
    prepare_copy,
    signed_in_client,
    reauthenticate,
    anonymous_client,
):
    data_request = prepare_copy(paying_parent)
    for url in (start_url(), status_url(data_request), download_url(data_request)):
        response = anonymous_client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    # Someone else's request and file: not found, even after the password again.
    for user in (receiving_parent, other_parent):
        client = reauthenticate(signed_in_client(user))
        assert client.get(status_url(data_request)).status_code == 404
        assert client.get(download_url(data_request)).status_code == 404
    owner = signed_in_client(paying_parent)
    assert owner.get(status_url(data_request)).status_code == 200
    unknown = reverse(
        "data_requests:status", kwargs={"request_id": "00000000-0000-0000-0000-000000000000"}
    )
    assert owner.get(unknown).status_code == 404
    assert owner.get(start_url() + "not-a-uuid/").status_code == 404
    assert owner.put(start_url()).status_code == 405


def test_the_nightly_job_deletes_files_after_a_week(
    family_case, paying_parent, prepare_copy, signed_in_client, reauthenticate
):
    data_request = prepare_copy(paying_parent)
    storage, name = data_request.file.storage, data_request.file.name
    assert storage.exists(name)
    assert services.delete_expired_data_copies(
        now=data_request.expires_at - timedelta(minutes=1)
    ) == (0, 0)
    assert storage.exists(name)

    # Past its week, the file cannot be downloaded even before the job has run.
    client = reauthenticate(signed_in_client(paying_parent))
    later = data_request.expires_at + timedelta(minutes=1)
    data_request.expires_at = timezone.now() - timedelta(minutes=1)
    data_request.save(update_fields=["expires_at"])
    assert client.get(download_url(data_request))["Location"] == status_url(data_request)
    assert "This file has been deleted" in client.get(status_url(data_request)).content.decode()

    assert services.delete_expired_data_copies(now=later) == (1, 0)
    data_request.refresh_from_db()
    assert data_request.status == "expired" and not data_request.file
    assert not storage.exists(name)
    assert _actions(data_request)[-1] == ("data_request.deleted", None)
    # The parent can ask again.
    assert client.get(start_url()).status_code == 200


def test_the_nightly_job_runs_from_the_beat_schedule():
    from data_requests.tasks import delete_expired_data_copies_task

    entry = settings.CELERY_BEAT_SCHEDULE["data_requests.delete_expired"]
    assert entry["task"] == delete_expired_data_copies_task.name


def test_a_request_never_prepared_is_given_up_so_the_parent_can_ask_again(
    family_case, paying_parent, signed_in_client
):
    client = signed_in_client(paying_parent)
    client.post(start_url())
    pending = DataRequest.objects.get(user=paying_parent)
    assert services.delete_expired_data_copies(now=pending.requested_at + timedelta(days=2)) == (
        0,
        1,
    )
    assert "We could not prepare your file" in client.get(status_url(pending)).content.decode()
    assert client.get(start_url()).status_code == 200


def test_asking_again_replaces_a_file_not_yet_downloaded(
    family_case, paying_parent, prepare_copy, signed_in_client
):
    first = prepare_copy(paying_parent)
    start = signed_in_client(paying_parent).get(start_url()).content.decode()
    assert status_url(first) in start  # the file ready is offered first
    name = first.file.name
    second = prepare_copy(paying_parent)
    first.refresh_from_db()
    assert first.status == "expired" and not first.file.storage.exists(name)
    assert second.status == "ready"
    assert _actions(first)[-1] == ("data_request.replaced", paying_parent.pk)


@pytest.mark.parametrize(
    ("state", "heading"),
    [
        ("start", "Lawrlwytho copi o’ch data"),
        ("pending", "Rydym yn paratoi eich ffeil"),
        ("ready", "Mae eich ffeil yn barod"),
    ],
)
def test_welsh_pages(state, heading, family_case, paying_parent, signed_in_client, prepare_copy):
    client = signed_in_client(paying_parent)
    if state == "start":
        url = start_url("/cy")
    elif state == "pending":
        client.post(start_url())
        url = status_url(DataRequest.objects.get(user=paying_parent), "/cy")
    else:
        url = status_url(prepare_copy(paying_parent), "/cy")
    response = client.get(url)
    assert response.status_code == 200
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in response.content.decode()


def test_a_file_that_cannot_be_made_says_so_and_the_parent_can_ask_again(
    family_case, paying_parent, prepare_copy, signed_in_client, monkeypatch
):
    from data_requests import services as data_services

    def broken(user, today=None):
        raise RuntimeError("storage full")

    monkeypatch.setattr(data_services, "collect", broken)
    mail.outbox.clear()
    data_request = prepare_copy(paying_parent)
    assert data_request.status == "failed" and not data_request.file
    assert mail.outbox == []
    assert _actions(data_request)[-1] == ("data_request.failed", None)
    client = signed_in_client(paying_parent)
    assert "We could not prepare your file" in client.get(status_url(data_request)).content.decode()
    assert client.get(start_url()).status_code == 200
