"""The employer journeys through the pages: forms with GOV.UK errors (400, answers
kept), a check page where one is needed, and a confirmation after every action."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from employers import services
from employers.models import (
    DeductionReturn,
    EmployerMembership,
    LeaverReport,
    OrderStatus,
    Remittance,
)

D = Decimal


def date_fields(name, day):
    return {
        f"{name}-day": str(day.day),
        f"{name}-month": str(day.month),
        f"{name}-year": str(day.year),
    }


# --- Activation and team -----------------------------------------------------------


def test_activation_with_the_reference_and_code_makes_an_admin(
    make_employer, make_user, mfa_user_client, caseworker
):
    employer = make_employer()
    _record, code = services.issue_employer_activation_code(
        acting_user=caseworker, employer=employer
    )
    user = make_user()
    client = mfa_user_client(user)
    url = reverse("employers:activate")
    wrong = client.post(url, {"employer_reference": employer.reference, "code": "AAAA-BBBB-CCCC"})
    assert wrong.status_code == 400 and b"not right" in wrong.content
    assert employer.reference.encode() in wrong.content  # what they typed is kept
    blank = client.post(url, {"employer_reference": "12", "code": ""})
    assert blank.status_code == 400
    assert b"must be 10 digits" in blank.content and b"Enter your activation code" in blank.content
    response = client.post(url, {"employer_reference": employer.reference, "code": code.lower()})
    assert response.status_code == 302
    membership = EmployerMembership.objects.get(user=user)
    assert membership.employer == employer and membership.role == "admin"
    assert client.get(response["Location"]).status_code == 200
    # The code worked once.
    other = mfa_user_client(make_user())
    assert (
        other.post(url, {"employer_reference": employer.reference, "code": code}).status_code == 400
    )


def test_five_wrong_codes_lock_it(make_employer, make_user, signed_in_client, caseworker):
    employer = make_employer()
    _record, code = services.issue_employer_activation_code(
        acting_user=caseworker, employer=employer
    )
    client = signed_in_client(make_user())
    for _ in range(5):
        client.post(
            reverse("employers:activate"),
            {"employer_reference": employer.reference, "code": "AAAA-BBBB-CCCC"},
        )
    response = client.post(
        reverse("employers:activate"), {"employer_reference": employer.reference, "code": code}
    )
    assert response.status_code == 400 and b"too many wrong tries" in response.content
    assert not EmployerMembership.objects.filter(employer=employer).exists()


def test_an_admin_invites_a_colleague_who_joins_with_the_emailed_link(
    employer_world, employer_client, make_user, signed_in_client, django_capture_on_commit_callbacks
):
    admin = employer_client(employer_world.admin)
    bad = admin.post(reverse("employers:invite"), {"email": "not an email", "role": ""})
    assert (
        bad.status_code == 400
        and b"correct format" in bad.content
        and b"not an email" in bad.content
    )
    already = admin.post(
        reverse("employers:invite"), {"email": employer_world.member.email, "role": "member"}
    )
    assert already.status_code == 400 and b"already in your team" in already.content
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse("employers:invite"), {"email": "Sam.New@Acme.example", "role": "member"}
        )
    assert response.status_code == 302
    assert admin.get(response["Location"]).status_code == 200
    email = mail.outbox[-1]
    assert email.to == ["sam.new@acme.example"]
    link = re.search(r"http://testserver(/employer/invitations/\S+/)", email.body).group(1)

    stranger = signed_in_client(make_user(email="someone.else@example.test"))
    assert stranger.post(link).status_code == 400
    joiner = make_user(email="sam.new@acme.example")
    client = signed_in_client(joiner)
    assert client.get(link).status_code == 200
    joined = client.post(link)
    assert joined.status_code == 302
    assert client.get(joined["Location"]).status_code == 200
    assert EmployerMembership.objects.get(user=joiner).role == "member"
    assert client.get(link).status_code == 404  # used


def test_an_admin_removes_a_member_and_sees_a_confirmation(employer_world, employer_client):
    client = employer_client(employer_world.admin)
    membership = employer_world.employer.memberships.get(user=employer_world.member)
    url = reverse("employers:remove_member", kwargs={"public_id": membership.public_id})
    response = client.post(url)
    assert response.status_code == 302
    done = client.get(response["Location"])
    assert done.status_code == 200 and employer_world.member.email.encode() in done.content
    assert not EmployerMembership.objects.filter(pk=membership.pk).exists()
    assert client.get(response["Location"]).status_code == 404  # shown once


def test_the_only_admin_cannot_be_removed(employer_world, make_user):
    from employers.services.team import remove_member

    second_admin = make_user()
    EmployerMembership.objects.create(
        employer=employer_world.employer, user=second_admin, role="admin"
    )
    remove_member(
        acting_user=second_admin,
        membership=employer_world.employer.memberships.get(user=employer_world.admin),
    )
    with pytest.raises(services.EmployerRuleError):
        remove_member(
            acting_user=second_admin,
            membership=employer_world.employer.memberships.get(user=second_admin),
        )


# --- Reporting deductions ----------------------------------------------------------


def test_reporting_one_deduction_form_check_confirm(employer_world, employer_client, make_order):
    client = employer_client(employer_world.member)
    order = make_order(employer_world.employer, rate=D("150.00"))
    url = reverse("employers:report_return", kwargs={"reference": order.reference})
    pay_date = timezone.localdate() - timedelta(days=1)
    bad = client.post(
        url, {**date_fields("pay_date", pay_date), "net_earnings": "12.345", "admin_fee": "5"}
    )
    assert bad.status_code == 400
    assert b"no more than 2 decimal places" in bad.content and b"12.345" in bad.content
    assert b"\xc2\xa31.00 or less" in bad.content
    future = client.post(
        url,
        {
            **date_fields("pay_date", timezone.localdate() + timedelta(days=2)),
            "net_earnings": "100",
        },
    )
    assert future.status_code == 400 and b"today or in the past" in future.content
    response = client.post(
        url, {**date_fields("pay_date", pay_date), "net_earnings": "300", "admin_fee": "1"}
    )
    assert response.status_code == 302
    check = client.get(response["Location"])
    assert check.status_code == 200
    body = check.content.decode()
    assert "£120.00" in body and "£30.00" in body  # deducted, and carried forward
    confirmed = client.post(response["Location"])
    assert confirmed.status_code == 302
    filed = DeductionReturn.objects.get(order=order, pay_date=pay_date)
    assert (filed.amount_deducted, filed.shortfall_carried_forward, filed.admin_fee) == (
        D("120.00"),
        D("30.00"),
        D("1.00"),
    )
    done = client.get(confirmed["Location"])
    assert done.status_code == 200 and "£120.00".encode() in done.content
    # Back to the check page after confirming: the answers are gone, so the form again.
    assert client.get(response["Location"]).status_code == 302


def test_reporting_a_schedule_for_a_pay_day(employer_world, employer_client, make_order):
    employer = employer_world.employer
    extra = make_order(employer, rate=D("40.00"), payroll_number="P900")
    client = employer_client(employer_world.admin)
    pay_date = timezone.localdate() - timedelta(days=2)
    start = client.post(
        reverse("employers:schedule_start"),
        {"pay_frequency": "monthly", **date_fields("pay_date", pay_date)},
    )
    assert start.status_code == 302
    schedule_url = start["Location"]
    page = client.get(schedule_url).content.decode()
    assert extra.payroll_number in page and employer_world.leaver.payroll_number not in page
    empty = client.post(schedule_url, {})
    assert empty.status_code == 400 and b"at least one employee" in empty.content
    bad = client.post(schedule_url, {f"net_earnings-{extra.reference}": "lots"})
    assert (
        bad.status_code == 400 and f'href="#net_earnings-{extra.reference}"'.encode() in bad.content
    )
    another = make_order(employer, rate=D("120.00"), payroll_number="P901")
    response = client.post(
        schedule_url,
        {
            f"net_earnings-{extra.reference}": "100",
            f"admin_fee-{extra.reference}": "0.50",
            f"net_earnings-{another.reference}": "2000",
        },
    )
    assert response.status_code == 302
    check = client.get(response["Location"])
    assert check.status_code == 200 and "£160.00".encode() in check.content
    confirmed = client.post(response["Location"])
    assert confirmed.status_code == 302
    assert DeductionReturn.objects.filter(pay_date=pay_date).count() == 2
    done = client.get(confirmed["Location"])
    assert done.status_code == 200 and b"Deductions reported" in done.content


def test_schedule_urls_that_make_no_sense_are_not_found(employer_world, employer_client):
    client = employer_client(employer_world.admin)
    for frequency, pay_date in (
        ("daily", "2026-01-01"),
        ("monthly", "2026-02-30"),
        ("monthly", (timezone.localdate() + timedelta(days=1)).isoformat()),
    ):
        url = reverse("employers:schedule", kwargs={"frequency": frequency, "pay_date": pay_date})
        assert client.get(url).status_code == 404


# --- Uploads -----------------------------------------------------------------------


def upload(client, content, name="payroll.csv"):
    return client.post(
        reverse("employers:upload"),
        {"deductions_file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


def test_uploading_a_file_and_again(employer_world, employer_client, make_order):
    client = employer_client(employer_world.admin)
    order = make_order(employer_world.employer, rate=D("25.00"), payroll_number="P300B")
    pay_date = timezone.localdate() - timedelta(days=1)
    content = (
        b"\xef\xbb\xbforder_reference,payroll_number,pay_date,net_earnings\r\n"
        + f'{order.reference},P300B,{pay_date:%d/%m/%Y},"1,000.00"\r\n'.encode()
    )
    response = upload(client, content)
    assert response.status_code == 302
    done = client.get(response["Location"])
    assert done.status_code == 200 and "£25.00".encode() in done.content
    again = upload(client, content)
    assert again["Location"] == response["Location"]
    assert b"Nothing has changed" in client.get(again["Location"]).content
    assert DeductionReturn.objects.filter(order=order, pay_date=pay_date).count() == 1


def test_a_bad_file_lists_every_problem_and_saves_nothing(employer_world, employer_client):
    client = employer_client(employer_world.admin)
    before = DeductionReturn.objects.count()
    content = b"order_reference,payroll_number,pay_date,net_earnings\r\n" + b"".join(
        f"12,P{i},2026-01-01,=1+{i}\r\n".encode() for i in range(30)
    )
    response = upload(client, content)
    assert response.status_code == 400
    body = response.content.decode()
    assert "We found 60 problems in the file" in body
    assert "Row 2, net_earnings" in body and "There are 50 more problems" in body
    assert body.count('<tr class="govuk-table__row">') >= 60
    assert DeductionReturn.objects.count() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", b"The selected file is empty"),
        (b"PK\x03\x04\x14\x00", b"spreadsheet, not a CSV"),
        (
            "order_reference,payroll_number,pay_date,net_earnings\r\n129000000001,Zoë,2026-01-01,1\r\n".encode(
                "cp1252"
            ),
            b"not saved as UTF-8",
        ),
        (b"reference;amount\r\n1;2\r\n", b"has no"),
    ],
)
def test_unreadable_uploads_give_a_clear_error(employer_world, employer_client, content, message):
    response = upload(employer_client(employer_world.admin), content)
    assert response.status_code == 400 and message in response.content


def test_a_file_over_five_megabytes_is_refused(employer_world, employer_client):
    response = upload(employer_client(employer_world.admin), b"x" * (5 * 1024 * 1024 + 1))
    assert response.status_code == 400 and b"smaller than 5 MB" in response.content


def test_the_template_downloads_with_the_documented_columns(employer_world, employer_client):
    response = employer_client(employer_world.admin).get(reverse("employers:upload_template"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    first_line = response.content.decode("utf-8-sig").splitlines()[0]
    assert first_line.startswith("order_reference,payroll_number,pay_date,net_earnings")


# --- Paying and leavers --------------------------------------------------------------


def test_recording_a_payment(employer_world, employer_client, django_capture_on_commit_callbacks):
    client = employer_client(employer_world.admin)
    month = timezone.localdate().replace(day=1)
    url = reverse("employers:pay_month", kwargs={"month": f"{month:%Y-%m}"})
    from employers.selectors import payment_schedule

    _lines, total = payment_schedule(employer_world.employer.memberships.first(), month)
    page = client.get(url)
    assert f"£{total:,.2f}".encode() in page.content
    bad = client.post(url, {"expected_total": str(total), "payment_reference": "x" * 40})
    assert (
        bad.status_code == 400
        and b"Select how you paid" in bad.content
        and b"35 characters" in bad.content
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "expected_total": str(total),
                "method": "bank_transfer",
                **date_fields("paid_on", timezone.localdate()),
                "payment_reference": "NOV",
            },
        )
    assert response.status_code == 302
    detail = client.get(response["Location"])
    assert detail.status_code == 200 and b"Being processed" in detail.content
    assert Remittance.objects.filter(employer=employer_world.employer).count() == 2
    assert (
        client.get(reverse("employers:pay_month", kwargs={"month": "2026-13"})).status_code == 404
    )
    assert client.get(reverse("employers:pay_month", kwargs={"month": "soon"})).status_code == 404


def test_reporting_a_leaver(employer_world, employer_client):
    client = employer_client(employer_world.member)
    order = employer_world.active
    url = reverse("employers:report_leaver", kwargs={"reference": order.reference})
    nothing = client.post(url, {})
    assert nothing.status_code == 400 and b"Select what has happened" in nothing.content
    no_date = client.post(url, {"kind": "left", "new_employer_name": "New Co"})
    assert no_date.status_code == 400 and b"Enter the date they left" in no_date.content
    assert b"New Co" in no_date.content
    response = client.post(
        url,
        {
            "kind": "left",
            **date_fields("left_on", timezone.localdate()),
            "new_employer_name": "New Co",
            "new_employer_address": "1 Road",
        },
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.ENDED
    assert LeaverReport.objects.get(order=order).new_employer_name == "New Co"


@pytest.mark.parametrize(
    "garbage", ["", "x" * 5000, "\x00", "-1", "1e9", "９９", "<script>", "0" * 40]
)
def test_garbage_in_any_form_is_a_clear_400(employer_world, employer_client, garbage):
    client = employer_client(employer_world.admin)
    order = employer_world.active
    month = timezone.localdate().replace(day=1)
    posts = [
        (
            reverse("employers:report_return", kwargs={"reference": order.reference}),
            ["pay_date-day", "pay_date-month", "pay_date-year", "net_earnings", "admin_fee"],
        ),
        (
            reverse("employers:report_leaver", kwargs={"reference": order.reference}),
            ["kind", "left_on-day", "last_deduction", "new_employer_name"],
        ),
        (
            reverse("employers:pay_month", kwargs={"month": f"{month:%Y-%m}"}),
            ["method", "paid_on-year", "expected_total", "payment_reference"],
        ),
        (reverse("employers:invite"), ["email", "role"]),
        (reverse("employers:schedule_start"), ["pay_frequency", "pay_date-day"]),
        (reverse("employers:activate"), ["employer_reference", "code"]),
    ]
    for url, fields in posts:
        response = client.post(url, dict.fromkeys(fields, garbage))
        assert response.status_code == 400, (url, garbage)


def test_five_megabytes_of_junk_through_the_page_is_a_quick_clear_400(
    employer_world, employer_client
):
    import os
    import time

    client = employer_client(employer_world.admin)
    header = b"order_reference,payroll_number,pay_date,net_earnings\r\n"
    line = b"junk,junk,junk,junk\r\n"
    junk_rows = header + line * ((5 * 1024 * 1024 - len(header)) // len(line))
    started = time.perf_counter()
    response = upload(client, junk_rows)
    assert response.status_code == 400 and b"We stopped checking at row" in response.content
    response = upload(client, b"\xfe" + os.urandom(5 * 1024 * 1024 - 1))
    # Random bytes hold a NUL somewhere (not a CSV file) or bytes that are not UTF-8.
    assert response.status_code == 400 and b"The selected file is not" in response.content
    assert time.perf_counter() - started < 10
