"""A new case contact email is confirmed by a link sent to it before we use it; the old
address is told; the page says which address gets which emails; the password check says
what is being changed."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from cases import services
from cases.models import ChangeReport

NEW = "new.contact@example.test"
LINK = re.compile(r"https?://[^\s]+/changes/email/confirm/[^\s/]+/")


def _ask(client, case, email=NEW, django_capture_on_commit_callbacks=None):
    form_url = reverse("cases:change_form", kwargs={"reference": case.reference, "kind": "email"})
    check_url = client.post(form_url, {"email": email})["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(check_url).status_code == 302


def _link_to(address):
    bodies = [message.body for message in mail.outbox if message.to == [address]]
    links = [link for body in bodies for link in LINK.findall(body)]
    assert links, f"no link sent to {address}"
    return urlsplit(links[-1]).path


def _decision_email_to(case, django_capture_on_commit_callbacks, party):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.make_decision(acting_user=None, case=case)
    return [message.to[0] for message in mail.outbox]


@pytest.fixture
def paying(family_case):
    return family_case.parties.get(role="paying")


@pytest.fixture
def client(signed_in_client, paying_parent, reauthenticate):
    return reauthenticate(signed_in_client(paying_parent))


def test_new_address_is_used_only_after_its_link_is_followed(
    family_case, paying, client, django_capture_on_commit_callbacks
):
    old = paying.notification_email
    _ask(client, family_case, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    paying.refresh_from_db()
    assert paying.email != NEW and paying.pending_email == NEW
    # The new address gets the link; the old one is told of the request.
    link = _link_to(NEW)
    told = [m for m in mail.outbox if m.to == [old]]
    assert any("new email address" in m.body for m in told)
    assert NEW not in "".join(m.body for m in told)
    # Until confirmed, decisions still go to the old address.
    sent_to = _decision_email_to(family_case, django_capture_on_commit_callbacks, paying)
    assert old in sent_to and NEW not in sent_to
    # Opening the link changes nothing (a mail scanner may fetch it); the button does.
    page = client.get(link)
    assert page.status_code == 200 and NEW in page.content.decode()
    paying.refresh_from_db()
    assert paying.email != NEW
    response = client.post(link)
    assert response.status_code == 302
    assert "Email address confirmed" in client.get(response["Location"]).content.decode()
    paying.refresh_from_db()
    assert paying.email == NEW and paying.pending_email == ""
    assert ChangeReport.objects.get(kind="email").status == "applied"
    sent_to = _decision_email_to(family_case, django_capture_on_commit_callbacks, paying)
    assert NEW in sent_to and old not in sent_to


def test_the_link_works_once(family_case, paying, client, django_capture_on_commit_callbacks):
    _ask(client, family_case, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    link = _link_to(NEW)
    assert client.post(link).status_code == 302
    again = client.post(link)
    assert again.status_code == 400
    assert "already been used" in again.content.decode()


def test_the_link_expires(
    family_case, paying, client, signed_in_client, paying_parent, django_capture_on_commit_callbacks
):
    _ask(client, family_case, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    link = _link_to(NEW)
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        response = signed_in_client(paying_parent).post(link)
    assert response.status_code == 400 and "expired" in response.content.decode()
    paying.refresh_from_db()
    assert paying.email != NEW


def test_a_newer_request_replaces_the_older_link(
    family_case, paying, client, django_capture_on_commit_callbacks
):
    _ask(client, family_case, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    first = _link_to(NEW)
    _ask(
        client,
        family_case,
        email="second@example.test",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    assert client.post(first).status_code == 400
    assert client.post(_link_to("second@example.test")).status_code == 302
    paying.refresh_from_db()
    assert paying.email == "second@example.test"


def test_a_tampered_link_or_another_parent_cannot_confirm(
    family_case,
    paying,
    client,
    signed_in_client,
    receiving_parent,
    django_capture_on_commit_callbacks,
):
    _ask(client, family_case, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    link = _link_to(NEW)
    assert client.post(link[:-3] + "xx/").status_code == 400
    # The other parent (say the address typed was theirs) cannot confirm it for this party.
    assert signed_in_client(receiving_parent).post(link).status_code == 400
    paying.refresh_from_db()
    assert paying.email != NEW


@pytest.mark.parametrize(
    "language,words",
    [
        ("en", ["Your sign-in email address", "Your case contact email address"]),
        ("cy", ["Eich cyfeiriad e-bost mewngofnodi", "Eich cyfeiriad e-bost cyswllt"]),
    ],
)
def test_the_form_says_which_address_gets_which_emails(
    family_case, paying, paying_parent, client, language, words
):
    with translation.override(language):
        url = reverse(
            "cases:change_form", kwargs={"reference": family_case.reference, "kind": "email"}
        )
    html = client.get(url).content.decode()
    for text in words:
        assert text in html
    assert paying_parent.email in html and paying.notification_email in html


@pytest.mark.parametrize(
    "kind,en,cy",
    [
        ("address", "change your address", "newid eich cyfeiriad"),
        ("phone", "change your phone number", "newid eich rhif ffôn"),
        ("bank_details", "change your bank details", "newid eich manylion banc"),
        ("email", "change the email address we use for your case", "newid y cyfeiriad e-bost"),
    ],
)
def test_the_password_check_says_what_is_being_changed(
    family_case, signed_in_client, paying_parent, kind, en, cy
):
    client = signed_in_client(paying_parent)
    for language, text in (("en", en), ("cy", cy)):
        with translation.override(language):
            url = reverse(
                "cases:change_form", kwargs={"reference": family_case.reference, "kind": kind}
            )
        response = client.get(url, follow=True)
        html = response.content.decode()
        assert "reauthenticate" in response.redirect_chain[-1][0]
        assert text in html
        assert "change how you sign in" not in html and "newid sut rydych" not in html
