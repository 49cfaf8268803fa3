"""Asking us to close a case, page by page, for each parent in English and Welsh; a
caseworker closing it or refusing in the admin (audited); what each parent can still do
afterwards; who can open the pages; and that nothing tells anyone who asked."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from cases import services
from cases.models import CaseStatus, ChangeReport, ClosureRequest, ClosureStatus
from cases.selectors import CaseAccess
from casework.models import WorkItem, WorkItemStatus
from cms_portal.models import AuditEvent

pytestmark = pytest.mark.django_db

TEXT = {
    "en": {
        "link": "Ask us to close this case",
        "reason_error": "Select why you want to close the case",
        "details_error": "Enter why you want to close the case",
        "date_error": "The date you want the case closed from must be a real date",
        "past_error": "The date you want the case closed from must be on or after",
        "check": "Check your answers before asking us to close the case",
        "reason_label": "We have agreed a family-based arrangement",
        "sent": "Request to close the case sent",
        "asked": "You asked us to close this case on",
        "told": "We have been asked to close this case from",
        "asker_subject": "We have your request to close your child maintenance case",
        "told_subject": "We have been asked to close your child maintenance case",
    },
    "cy": {
        "link": "Gofyn i ni gau’r achos hwn",
        "reason_error": "Dewiswch pam rydych am gau’r achos",
        "details_error": "Rhowch pam rydych am gau’r achos",
        "date_error": "Rhaid rhoi dyddiad go iawn ar gyfer y dyddiad rydych am i’r achos gau ohono",
        "past_error": "Rhaid i’r dyddiad rydych am i’r achos gau ohono fod ar",
        "check": "Gwiriwch eich atebion cyn gofyn i ni gau’r achos",
        "reason_label": "Rydym wedi cytuno ar drefniant teuluol",
        "sent": "Cais i gau’r achos wedi’i anfon",
        "asked": "Gwnaethoch ofyn i ni gau’r achos hwn ar",
        "told": "Gofynnwyd i ni gau’r achos hwn o",
        "asker_subject": "Mae gennym eich cais i gau eich achos cynhaliaeth plant",
        "told_subject": "Gofynnwyd i ni gau eich achos cynhaliaeth plant",
    },
}


def url(case, name, language="en", **kwargs):
    with translation.override("en"):
        path = reverse(f"cases:{name}", kwargs={"reference": case.reference, **kwargs})
    return f"/cy{path}" if language == "cy" else path


def dashboard_url(language="en"):
    with translation.override("en"):
        path = reverse("cases:dashboard")
    return f"/cy{path}" if language == "cy" else path


def date_post(day):
    return {
        "wanted_from-day": str(day.day),
        "wanted_from-month": str(day.month),
        "wanted_from-year": str(day.year),
    }


def html(response):
    return response.content.decode()


def ask_online(client, case, *, reason="family_arrangement", details="", day=None):
    day = day or timezone.localdate()
    client.post(url(case, "close_reason"), {"reason": reason, "details": details})
    client.post(url(case, "close_date"), date_post(day))
    return client.post(url(case, "close_check"))


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("role", ["paying", "receiving"])
def test_each_parent_asks_to_close_the_case(
    family_case, signed_in_client, django_capture_on_commit_callbacks, language, role
):
    text = TEXT[language]
    asker = family_case.parties.get(role=role)
    other = family_case.parties.exclude(role=role).get()
    # The other parent reads Welsh: their email is in Welsh whoever asks.
    other.preferred_language = "cy"
    other.save(update_fields=["preferred_language"])
    asker.preferred_language = language
    asker.save(update_fields=["preferred_language"])
    client = signed_in_client(asker.user)

    case_page = client.get(url(family_case, "detail", language))
    assert text["link"] in html(case_page)
    start = client.get(url(family_case, "close", language))
    assert start.status_code == 200
    assert text["link"] in html(start)

    # Nothing chosen: 400, the error linked from the summary.
    reason_url = url(family_case, "close_reason", language)
    empty = client.post(reason_url, {"reason": "", "details": "Kept words"})
    assert empty.status_code == 400
    assert text["reason_error"] in html(empty)
    assert 'href="#reason"' in html(empty)
    assert "Kept words" in html(empty)
    # "Another reason" needs words.
    other_reason = client.post(reason_url, {"reason": "other", "details": ""})
    assert other_reason.status_code == 400
    assert text["details_error"] in html(other_reason)
    assert 'value="other" checked' in html(other_reason)
    assert client.post(reason_url, {"reason": "family_arrangement"}).status_code == 302

    date_url = url(family_case, "close_date", language)
    bad = client.post(
        date_url, {"wanted_from-day": "31", "wanted_from-month": "2", "wanted_from-year": "2027"}
    )
    assert bad.status_code == 400
    assert text["date_error"] in html(bad)
    assert 'value="31"' in html(bad)
    past = client.post(date_url, date_post(timezone.localdate() - timedelta(days=1)))
    assert past.status_code == 400
    assert text["past_error"] in html(past)
    too_far = client.post(date_url, date_post(timezone.localdate() + timedelta(days=400)))
    assert too_far.status_code == 400
    wanted = timezone.localdate() + timedelta(days=10)
    assert client.post(date_url, date_post(wanted)).status_code == 302

    check = client.get(url(family_case, "close_check", language))
    assert check.status_code == 200
    assert text["check"] in html(check)
    assert text["reason_label"] in html(check)
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url(family_case, "close_check", language))
    assert sent.status_code == 302
    closure = ClosureRequest.objects.get(case=family_case)
    assert (closure.party, closure.wanted_from, closure.status) == (
        asker,
        wanted,
        ClosureStatus.REQUESTED,
    )
    confirmation = client.get(sent.url)
    assert text["sent"] in html(confirmation)
    assert closure.reference in html(confirmation)
    assert WorkItem.objects.filter(
        case=family_case, kind="case_closure", source_reference=closure.reference
    ).exists()
    assert AuditEvent.objects.filter(action="case.closure_requested").exists()

    asker_mail = [m for m in mail.outbox if m.to == [asker.notification_email]]
    told_mail = [m for m in mail.outbox if m.to == [other.notification_email]]
    assert [m.subject for m in asker_mail] == [text["asker_subject"]]
    assert [m.subject for m in told_mail] == [TEXT["cy"]["told_subject"]]
    for secret in _details_of(asker):
        assert secret not in told_mail[0].subject + told_mail[0].body

    # The case page and the dashboard say what is under way, to each side.
    assert text["asked"] in html(client.get(url(family_case, "detail", language)))
    dashboard = client.get(dashboard_url(language))
    assert text["asked"] in html(dashboard)
    other_client = signed_in_client(other.user)
    other_dashboard = html(other_client.get(dashboard_url("cy")))
    assert TEXT["cy"]["told"] in other_dashboard
    # Asking again goes to the request already waiting.
    again = client.get(url(family_case, "close", language))
    assert again.status_code == 302
    assert again.url.endswith(f"/close/{closure.public_id}/")


def _details_of(party):
    return [
        value
        for value in (
            party.full_name,
            party.notification_email,
            party.phone,
            party.address_line_1,
            party.postcode,
            party.employer_name,
            party.bank_account_number,
        )
        if value
    ]


def test_nothing_typed_is_lost_between_the_steps(family_case, signed_in_client, paying_parent):
    client = signed_in_client(paying_parent)
    client.post(url(family_case, "close_reason"), {"reason": "other", "details": "Moved abroad"})
    client.post(url(family_case, "close_date"), date_post(timezone.localdate()))
    back = client.get(url(family_case, "close_reason"))
    assert "Moved abroad" in html(back)
    assert 'value="other" checked' in html(back)
    check = html(client.get(url(family_case, "close_check")))
    assert "Moved abroad" in check
    # A step before its turn sends the parent back to the first unanswered one.
    fresh = signed_in_client(family_case.parties.get(role="receiving").user)
    assert fresh.get(url(family_case, "close_check")).url == url(family_case, "close_reason")


@pytest.fixture
def asked(family_case, signed_in_client, paying_parent):
    ask_online(signed_in_client(paying_parent), family_case, reason="other", details="Zqx words")
    return ClosureRequest.objects.get(case=family_case)


def test_caseworker_closes_the_case_in_admin(
    asked, family_case, caseworker_client, caseworker, django_capture_on_commit_callbacks
):
    confirm_url = reverse("admin:cases_closurerequest_confirm", args=[asked.pk])
    page = caseworker_client.get(reverse("admin:cases_closurerequest_change", args=[asked.pk]))
    assert confirm_url in html(page)
    assert caseworker_client.get(confirm_url).status_code == 200
    key = "admin:test-confirm"
    bad = caseworker_client.post(confirm_url, {"effective_date": "", "idempotency_key": key})
    assert bad.status_code == 400
    early = caseworker_client.post(
        confirm_url,
        {
            "effective_date": (timezone.localdate() - timedelta(days=30)).isoformat(),
            "idempotency_key": key,
        },
    )
    assert early.status_code == 400  # before the day the parent asked
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = caseworker_client.post(
            confirm_url,
            {"effective_date": timezone.localdate().isoformat(), "idempotency_key": key},
        )
    assert done.status_code == 302
    family_case.refresh_from_db()
    asked.refresh_from_db()
    assert family_case.status == CaseStatus.CLOSED
    assert family_case.closed_from == timezone.localdate()
    assert (asked.status, asked.decided_by) == (ClosureStatus.CONFIRMED, caseworker)
    event = AuditEvent.objects.get(action="case.closure_confirmed", actor=caseworker)
    assert event.details["closure"] == asked.reference
    assert AuditEvent.objects.filter(action="case.updated", actor=caseworker).exists()
    assert not WorkItem.objects.filter(
        source_reference=asked.reference, status__in=[WorkItemStatus.OPEN]
    ).exists()
    told = sorted(m.to[0] for m in mail.outbox if "has been closed" in m.subject)
    assert told == sorted(p.notification_email for p in family_case.parties.all())


def test_caseworker_refuses_with_a_reason_the_parent_sees(
    asked, family_case, caseworker_client, caseworker, signed_in_client, paying_parent
):
    refuse_url = reverse("admin:cases_closurerequest_refuse", args=[asked.pk])
    key = "admin:test-refuse"
    assert (
        caseworker_client.post(refuse_url, {"reason": "", "idempotency_key": key}).status_code
        == 400
    )
    done = caseworker_client.post(
        refuse_url, {"reason": "The child still lives with you", "idempotency_key": key}
    )
    assert done.status_code == 302
    asked.refresh_from_db()
    family_case.refresh_from_db()
    assert asked.status == ClosureStatus.REFUSED
    assert family_case.status == CaseStatus.OPEN
    assert AuditEvent.objects.filter(action="case.closure_refused", actor=caseworker).exists()
    page = signed_in_client(paying_parent).get(
        url(family_case, "closure", closure_id=asked.public_id)
    )
    assert "The child still lives with you" in html(page)
    # Decided once: the pages refuse to decide it again.
    again = caseworker_client.post(
        reverse("admin:cases_closurerequest_confirm", args=[asked.pk]),
        {"effective_date": timezone.localdate().isoformat(), "idempotency_key": "admin:again"},
    )
    assert again.status_code == 400
    assert "already been decided" in html(again)


@pytest.fixture
def closed_case(asked, family_case, make_user):
    services.confirm_closure(
        acting_user=make_user(is_staff=True),
        closure_request=asked,
        effective_date=timezone.localdate(),
    )
    family_case.refresh_from_db()
    return family_case


@pytest.mark.parametrize("role", ["paying", "receiving"])
def test_history_stays_readable_after_closure(closed_case, signed_in_client, role):
    from cases.selectors import current_decision

    client = signed_in_client(closed_case.parties.get(role=role).user)
    page = client.get(url(closed_case, "detail"))
    assert page.status_code == 200
    body = html(page)
    assert "This case closed on" in body
    assert "Ask us to close this case" not in body
    assert "Report a change" not in body
    assert "Ask us to look at a decision again" not in body
    assert "Your case will be reviewed" not in body
    decision = current_decision(closed_case)
    assert (
        client.get(url(closed_case, "decision", decision_id=decision.public_id)).status_code == 200
    )
    assert client.get(url(closed_case, "messages")).status_code == 200
    assert client.get(url(closed_case, "message_new")).status_code == 200
    welsh = client.get(url(closed_case, "detail", "cy"))
    assert "Caeodd yr achos hwn ar" in html(welsh)


def test_nothing_can_be_reported_or_asked_after_closure(closed_case, signed_in_client):
    paying = closed_case.parties.get(role="paying")
    client = signed_in_client(paying.user)
    blocked = [
        url(closed_case, "changes"),
        url(closed_case, "change_form", kind="extra_payment"),
        url(closed_case, "challenge"),
        url(closed_case, "close"),
        url(closed_case, "close_reason"),
        reverse("variations:ground", kwargs={"reference": closed_case.reference}),
    ]
    for path in blocked:
        response = client.get(path)
        assert response.status_code == 403, path
        assert "This case is closed" in html(response)
    posted = client.post(
        url(closed_case, "change_form", kind="extra_payment"),
        {"amount": "10", "paid_on-day": "1", "paid_on-month": "1", "paid_on-year": "2026"},
    )
    assert posted.status_code == 403
    assert not ChangeReport.objects.filter(case=closed_case).exists()
    # The services refuse too, whatever calls them.
    with pytest.raises(services.CaseRuleError):
        services.report_change(
            acting_user=paying.user,
            access=CaseAccess(case=closed_case, party=paying),
            kind="extra_payment",
            answers={"amount": 10, "paid_on": timezone.localdate(), "note": ""},
        )
    with pytest.raises(services.DecisionNotPossible):
        services.make_decision(acting_user=None, case=closed_case, notify=False)


def test_access_to_the_closing_pages(
    family_case,
    asked,
    anonymous_client,
    signed_in_client,
    other_parent,
    representative,
    receiving_parent,
):
    journey = ["close", "close_reason", "close_date", "close_check"]
    closure_url = url(family_case, "closure", closure_id=asked.public_id)
    for client in (signed_in_client(other_parent), signed_in_client(representative)):
        for name in journey:
            assert client.get(url(family_case, name)).status_code == 404, name
        assert client.get(closure_url).status_code == 404
    # The other parent of the case cannot open the asker's request.
    assert signed_in_client(receiving_parent).get(closure_url).status_code == 404
    for path in [*(url(family_case, name) for name in journey), closure_url]:
        response = anonymous_client.get(path)
        assert response.status_code == 302
        assert "/accounts/login/" in response.url
    # A representative is not offered the link.
    body = html(signed_in_client(representative).get(url(family_case, "detail")))
    assert "Ask us to close this case" not in body


def test_the_other_parent_is_never_told_who_asked(
    family_case,
    signed_in_client,
    paying_parent,
    receiving_parent,
    django_capture_on_commit_callbacks,
):
    asker = family_case.parties.get(role="paying")
    with django_capture_on_commit_callbacks(execute=True):
        ask_online(signed_in_client(paying_parent), family_case)
    client = signed_in_client(receiving_parent)
    pages = [
        html(client.get(dashboard_url())),
        html(client.get(url(family_case, "detail"))),
        html(client.get(url(family_case, "close"))),
    ]
    assert "We have been asked to close this case from" in pages[0]
    receiving = family_case.parties.get(role="receiving")
    emails = [
        f"{m.subject}\n{m.body}" for m in mail.outbox if m.to == [receiving.notification_email]
    ]
    assert len(emails) == 1
    secrets = [value for value in _details_of(asker) if value != asker.full_name]
    for text in pages + emails:
        for secret in secrets:
            assert secret not in text
    # The name is on the case page (each parent is named there) but never in the email.
    assert asker.full_name not in emails[0]


def test_request_closure_review_queues_the_case(family_case, make_user):
    staff = make_user(is_staff=True)
    closure = services.request_closure_review(
        acting_user=staff, case=family_case, reason="annual review: no qualifying child"
    )
    assert closure.party is None
    item = WorkItem.objects.get(case=family_case, source_reference=closure.reference)
    assert item.kind == "case_closure"
    assert "no qualifying child" in item.summary
    assert AuditEvent.objects.filter(action="case.closure_review_requested").exists()
    # Asked again while it waits: the same request, one queue item.
    again = services.request_closure_review(acting_user=None, case=family_case, reason="again")
    assert again == closure
    assert WorkItem.objects.filter(case=family_case, kind="case_closure").count() == 1
    # Raised by the service: parents are not shown it.
    from cases.selectors import parent_closure_requests

    assert parent_closure_requests(family_case) == []


def test_a_closing_date_the_rules_refuse_is_explained_in_the_caseworkers_language(
    family_case, make_user
):
    from cases.rules import closing_date_window
    from cms_portal.formatting import govuk_date

    staff = make_user(is_staff=True)
    closure = services.request_closure_review(acting_user=staff, case=family_case, reason="x")
    too_late = closing_date_window(timezone.localdate())[1] + timedelta(days=1)
    for language, words in (("en", "cannot be after"), ("cy", "Ni all y dyddiad cau fod ar ôl")):
        with translation.override(language), pytest.raises(services.ClosureError) as refused:
            services.confirm_closure(
                acting_user=staff, closure_request=closure, effective_date=too_late
            )
        with translation.override(language):
            message = str(refused.value)
            latest = govuk_date(too_late - timedelta(days=1))
        assert words in message and latest in message


def test_the_closing_date_box_asks_for_the_date_as_it_shows_it(asked, caseworker_client):
    """The box is filled in the UK way (15/01/2027), so its hint says so too."""
    page = html(
        caseworker_client.get(reverse("admin:cases_closurerequest_confirm", args=[asked.pk]))
    )
    shown = re.search(r'name="effective_date" value="([^"]+)"', page).group(1)
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", shown)
    assert "YYYY-MM-DD" not in page
    assert "For example, 27/3/2026." in page


def test_a_case_closing_on_a_later_date_is_told_when_it_will_close(
    asked, family_case, make_user, django_capture_on_commit_callbacks
):
    from cms_portal.formatting import govuk_date

    later = timezone.localdate() + timedelta(days=20)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_closure(
            acting_user=make_user(is_staff=True), closure_request=asked, effective_date=later
        )
    with translation.override("en"):
        expected = f"Your child maintenance case will close on {govuk_date(later)}"
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    english = [p for p in family_case.parties.all() if p.notification_language == "en"]
    assert english
    for party in english:
        assert subjects[party.notification_email] == expected
    assert not any("has been closed" in subject for subject in subjects.values())
