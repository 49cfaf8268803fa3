"""Messages are answered, not only acknowledged: each thread shows whether it is with us
or answered, the date we aim to reply by (10 working days from the parent's last message,
in their part of the UK) and who is dealing with it (a first name or a team, never a full
name or email). Caseworkers assign threads and see them by that date in the admin."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cases import services
from cases.models import MessageThread, ThreadStatus
from cases.rules import message_reply_by
from cases.selectors import CaseAccess
from cms_portal.models import AuditEvent

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def _access(case, user):
    return CaseAccess(case=case, party=case.parties.get(user=user))


def _inbox(case):
    return reverse("cases:messages", kwargs={"reference": case.reference})


def _thread_url(thread):
    return reverse(
        "cases:thread", kwargs={"reference": thread.case.reference, "thread_id": thread.public_id}
    )


@pytest.mark.parametrize(
    ("sent_on", "postcode", "expected"),
    [
        # Friday 18 December 2026: Christmas, Boxing Day (Monday 28th) and New Year's Day.
        (date(2026, 12, 18), "LS1 4AP", date(2027, 1, 6)),
        # In Scotland 2 January (a Saturday) is taken on Monday 4th as well.
        (date(2026, 12, 18), "EH1 1YZ", date(2027, 1, 7)),
        # Easter 2026: Good Friday, and Easter Monday outside Scotland.
        (date(2026, 3, 30), "LS1 4AP", date(2026, 4, 15)),
        (date(2026, 3, 30), "G2 1DY", date(2026, 4, 14)),
    ],
)
def test_reply_by_is_ten_working_days_in_the_parents_division(sent_on, postcode, expected):
    assert message_reply_by(sent_on, postcode) == expected


@time_machine.travel(datetime(2026, 12, 18, 10, 0, tzinfo=LONDON), tick=False)
def test_a_thread_is_with_us_until_answered(
    family_case, paying_parent, signed_in_client, caseworker
):
    client = signed_in_client(paying_parent)
    message = services.start_thread(
        acting_user=paying_parent,
        access=_access(family_case, paying_parent),
        subject="When is my next payment?",
        body="Please tell me.",
    )
    thread = message.thread
    assert thread.status == ThreadStatus.WITH_US
    assert thread.reply_by == date(2027, 1, 6)  # the paying parent lives in Leeds
    page = client.get(_inbox(family_case)).content.decode()
    assert "With us" in page
    assert "We aim to reply by 6 January 2027" in page
    assert "We aim to reply within 10 working days of your last message." in page
    assert "Dealt with by Our caseworkers" in page

    services.reply_to_thread(acting_user=caseworker, thread=thread, body="On the 1st.")
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.ANSWERED and thread.reply_by is None
    page = client.get(_thread_url(thread)).content.decode()
    assert "Answered" in page and "We aim to reply by" not in page

    # The parent writes again: with us again, from the new message.
    with time_machine.travel(datetime(2027, 1, 11, 9, 0, tzinfo=LONDON), tick=False):
        services.send_message(
            acting_user=paying_parent,
            access=_access(family_case, paying_parent),
            thread=thread,
            body="Thank you, one more question.",
        )
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.WITH_US
    assert thread.reply_by == date(2027, 1, 25)


def test_caseworker_assigns_and_the_parent_sees_only_a_first_name(
    family_case, paying_parent, signed_in_client, caseworker, caseworker_client
):
    message = services.start_thread(
        acting_user=paying_parent,
        access=_access(family_case, paying_parent),
        subject="A question",
        body="Hello",
    )
    thread = message.thread
    change = reverse("admin:cases_messagethread_change", args=[thread.pk])
    response = caseworker_client.post(
        change,
        {
            "assigned_to": caseworker.pk,
            "team": "",
            "reply": "",
            "messages-TOTAL_FORMS": 0,
            "messages-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    thread.refresh_from_db()
    assert thread.assigned_to == caseworker
    assert AuditEvent.objects.filter(action="message.thread_assigned", actor=caseworker).exists()

    client = signed_in_client(paying_parent)
    for page in (client.get(_inbox(family_case)), client.get(_thread_url(thread))):
        text = page.content.decode()
        assert "Casey" in text
        assert "Casey Worker" not in text and caseworker.email not in text

    services.assign_thread(acting_user=caseworker, thread=thread, team="payments")
    assert "Dealt with by Payments team" in client.get(_inbox(family_case)).content.decode()


def test_only_staff_can_be_assigned(family_case, paying_parent, caseworker):
    message = services.start_thread(
        acting_user=paying_parent,
        access=_access(family_case, paying_parent),
        subject="A question",
        body="Hello",
    )
    with pytest.raises(ValueError):
        services.assign_thread(
            acting_user=caseworker, thread=message.thread, assigned_to=paying_parent
        )
    assert MessageThread.objects.get().assigned_to is None


def test_admin_lists_threads_by_reply_by_date_with_overdue_marked(
    family_case, paying_parent, receiving_parent, caseworker, caseworker_client
):
    subjects = {}
    for user, subject in ((paying_parent, "Later"), (receiving_parent, "Sooner")):
        subjects[subject] = services.start_thread(
            acting_user=user, access=_access(family_case, user), subject=subject, body="Hi"
        ).thread
    answered = services.start_thread(
        acting_user=paying_parent,
        access=_access(family_case, paying_parent),
        subject="Already answered",
        body="Hi",
    ).thread
    services.reply_to_thread(acting_user=caseworker, thread=answered, body="Done.")
    MessageThread.objects.filter(pk=subjects["Sooner"].pk).update(reply_by=date(2026, 1, 5))
    page = caseworker_client.get(reverse("admin:cases_messagethread_changelist")).content.decode()
    assert page.index("Sooner") < page.index("Later") < page.index("Already answered")
    assert "(overdue)" in page


def test_status_in_welsh(family_case, paying_parent, signed_in_client):
    services.start_thread(
        acting_user=paying_parent,
        access=_access(family_case, paying_parent),
        subject="Cwestiwn",
        body="Helo",
    )
    page = signed_in_client(paying_parent).get("/cy" + _inbox(family_case)).content.decode()
    assert "Gyda ni" in page
    assert "Ein nod yw ateb erbyn" in page


def test_the_list_counts_each_threads_unread_replies_newest_thread_first(
    family_case, paying_parent, signed_in_client, caseworker
):
    """Only caseworkers' messages nobody on the parent's side has read are counted, per
    thread, whatever the parent wrote; the thread with the latest message comes first."""
    access = _access(family_case, paying_parent)
    older = services.start_thread(
        acting_user=paying_parent, access=access, subject="Older question", body="Hello"
    ).thread
    newer = services.start_thread(
        acting_user=paying_parent, access=access, subject="Newer question", body="Hello"
    ).thread
    for body in ("First answer.", "Second answer.", "Third answer."):
        services.reply_to_thread(acting_user=caseworker, thread=newer, body=body)
    newer.messages.filter(body="First answer.").update(read_at=newer.created_at)
    services.reply_to_thread(acting_user=caseworker, thread=older, body="Read answer.")
    older.messages.filter(from_caseworker=True).update(read_at=older.created_at)
    MessageThread.objects.filter(pk=older.pk).update(last_message_at=newer.created_at)
    MessageThread.objects.filter(pk=newer.pk).update(
        last_message_at=datetime(2099, 1, 1, tzinfo=LONDON)
    )

    page = signed_in_client(paying_parent).get(_inbox(family_case)).content.decode()
    assert page.count("govuk-tag--blue") == 1  # the unread tag
    assert "2 new messages" in page
    assert page.index("Newer question") < page.index("2 new messages")
    assert page.index("2 new messages") < page.index("Older question")
    assert _thread_url(newer) in page and _thread_url(older) in page
