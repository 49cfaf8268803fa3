"""Employers reply to our messages and start their own; a caseworker answers in the
admin; nobody sees another employer's messages."""

from django.urls import reverse

from employers import services
from employers.models import EmployerMessage


def test_an_employer_starts_a_message_and_a_caseworker_answers(
    employer, employer_admin, employer_client, caseworker_client
):
    from cms_portal.models import AuditEvent

    client = employer_client(employer_admin)
    page = client.get(reverse("employers:messages"))
    assert reverse("employers:new_message").encode() in page.content
    bad = client.post(reverse("employers:new_message"), {"subject": "", "body": "Hello"})
    assert bad.status_code == 400 and b"Enter a subject" in bad.content and b"Hello" in bad.content
    response = client.post(
        reverse("employers:new_message"),
        {"subject": "Order 129 question", "body": "Which rate do we use?"},
    )
    assert response.status_code == 302
    assert b"Message sent" in client.get(response["Location"]).content
    message = EmployerMessage.objects.get(from_employer=True)
    assert message.employer == employer and message.sent_by == employer_admin
    assert AuditEvent.objects.filter(action="employer.message_to_cms").exists()

    change = caseworker_client.get(
        reverse("admin:employers_employermessage_change", args=[message.pk])
    )
    assert b"Answer this message" in change.content
    answer = caseworker_client.post(
        reverse("admin:employers_employermessage_add"),
        {
            "employer": employer.pk,
            "in_reply_to": message.pk,
            "subject": "Re: Order 129 question",
            "body": "Use the rate on the order.",
        },
    )
    assert answer.status_code == 302
    message.refresh_from_db()
    assert message.answered_at is not None
    thread = client.get(reverse("employers:message_detail", args=[message.public_id]))
    assert b"Use the rate on the order." in thread.content


def test_an_employer_replies_to_our_message(employer, employer_member, employer_client, caseworker):
    ours = services.send_employer_message(
        acting_user=caseworker,
        employer=employer,
        subject="Your yearly reminder",
        body="Pay by the 19th.",
    )
    client = employer_client(employer_member)
    url = reverse("employers:message_detail", args=[ours.public_id])
    assert client.post(url, {"body": ""}).status_code == 400
    response = client.post(url, {"body": "Thank you, noted."})
    assert response.status_code == 302
    reply = EmployerMessage.objects.get(from_employer=True)
    assert reply.in_reply_to == ours and reply.subject == "Re: Your yearly reminder"
    assert b"Thank you, noted." in client.get(url).content


def test_messages_are_scoped_to_the_employer(
    employer, other_employer_admin, employer_client, caseworker, caseworker_client, other_employer
):
    ours = services.send_employer_message(
        acting_user=caseworker, employer=employer, subject="Private", body="For Acme only"
    )
    client = employer_client(other_employer_admin)
    assert client.get(reverse("employers:message_detail", args=[ours.public_id])).status_code == 404
    assert (
        client.post(
            reverse("employers:message_detail", args=[ours.public_id]), {"body": "Hi"}
        ).status_code
        == 404
    )
    wrong = caseworker_client.post(
        reverse("admin:employers_employermessage_add"),
        {"employer": other_employer.pk, "in_reply_to": ours.pk, "subject": "Re", "body": "x"},
    )
    assert wrong.status_code == 200 and b"same employer" in wrong.content
