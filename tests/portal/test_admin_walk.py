"""Every admin page a member of staff can reach, walked as each demo staff member
(caseworker, team leader, finance) over the demo data: from the index every link, and
every model's list, add and change page. None answers 500. Finance imports bank
statements and matches money by hand; a caseworker can do neither."""

import io
import re
from collections import Counter, deque
from decimal import Decimal
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from nonprod.demo import staff as portal_demo
from tests.fixtures.accounts import client_with_mfa

ROLES = {
    "caseworker": portal_demo.CASEWORKER_EMAIL,
    "team leader": portal_demo.TEAM_LEADER_EMAIL,
    "finance": portal_demo.FINANCE_EMAIL,
}
HREF = re.compile(r'href="(/(?:cy/)?admin/[^"#]*)"')
# Pages that are not admin pages to walk: signing out ends the walk.
SKIP = re.compile(r"/logout/|/password_change/")
# URLs that differ only in ids or in the query string are the same page shape: walk a few
# of each, not every row of every list.
SHAPE = re.compile(r"/\d+/|/[0-9a-f-]{32,36}/")
PER_SHAPE = 2
MOST_PAGES = 700


@pytest.fixture
def demo_data(db):
    """The demo data, with a bank statement imported, a correcting return and the late
    payment job run, so those pages have rows to walk too."""
    from employers.models import DeductionReturn
    from employers.services import correct_return, flag_late_payments
    from payments.dates import business_date
    from payments.services import import_bank_statement

    call_command("load_demo_data", stdout=io.StringIO())
    today = business_date()
    import_bank_statement(
        acting_user=staff("finance"),
        file_name="walk.csv",
        content=(
            f"transaction_id,booked_on,amount,reference,payer_name\n"
            f"WALK-0,{today.isoformat()},12.34,NO REFERENCE,SOMEONE\n"
        ).encode(),
    )
    filed = (
        DeductionReturn.objects.filter(amount_deducted__gt=0).order_by("-pay_date", "pk").first()
    )
    correct_return(
        acting_user=staff("caseworker"),
        deduction_return=filed,
        net_earnings=filed.net_earnings + Decimal("100.00"),
        admin_fee=filed.admin_fee,
        reason="Payroll sent the wrong figure",
    )
    flag_late_payments(on_date=today)


def staff(role):
    return get_user_model().objects.get(email=ROLES[role])


def _get(client, url, broken):
    try:
        response = client.get(url)
    except Exception as error:  # noqa: BLE001 - reported with its page below
        broken.append(f"{url}: {error.__class__.__name__}: {error}")
        return None
    if response.status_code >= 500:
        broken.append(f"{url}: {response.status_code}")
    return response


def _model_pages():
    """Each registered model's list, add and change page (its first row)."""
    urls = []
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        for name, args in (("changelist", []), ("add", [])):
            try:
                urls.append(reverse(f"admin:{info[0]}_{info[1]}_{name}", args=args))
            except NoReverseMatch:
                continue
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            urls.append(reverse(f"admin:{info[0]}_{info[1]}_change", args=[obj.pk]))
    return urls


def walk(client):
    """Visit the index, every admin link found on the pages visited (a few of each
    shape) and every model's pages. Returns (pages visited, problems)."""
    broken, seen, shapes = [], set(), Counter()
    queue = deque([reverse("admin:index"), *_model_pages()])
    while queue and len(seen) < MOST_PAGES:
        url = unescape(queue.popleft())
        if url in seen or SKIP.search(url):
            continue
        shape = SHAPE.sub("/#/", urlsplit(url).path) + ("?" if urlsplit(url).query else "")
        if shapes[shape] >= PER_SHAPE:
            continue
        shapes[shape] += 1
        seen.add(url)
        response = _get(client, url, broken)
        if response is None or response.status_code != 200:
            continue
        if "html" in response.get("Content-Type", ""):
            queue.extend(HREF.findall(response.content.decode()))
    return seen, broken


@pytest.mark.parametrize("role", list(ROLES))
def test_every_admin_page_answers_without_a_server_error(demo_data, role):
    seen, broken = walk(client_with_mfa(staff(role)))
    assert not broken, "\n".join(broken)
    # The walk really went through the admin, not just the index.
    assert len(seen) > 300


def test_finance_imports_a_statement_and_matches_by_hand_and_a_caseworker_cannot(demo_data):
    from cases.models import Case
    from payments.dates import business_date
    from payments.models import BankReceipt, ExpectedPayment, MatchStatus, Receipt
    from payments.services import record_expected_payment

    case = Case.objects.filter(service_type="collect_and_pay").order_by("pk").first()
    expected = record_expected_payment(
        acting_user=staff("caseworker"),
        case=case,
        amount=Decimal("41.23"),
        paid_on=business_date(),
        method="card",
        idempotency_key="walk-card",
    )
    receipts_before = Receipt.objects.filter(case=case).count()
    today = expected.paid_on.isoformat()
    csv = (
        f"transaction_id,booked_on,amount,reference,payer_name\n"
        f"WALK-1,{today},41.23,PHONE PAYMENT,A PARENT\n"
    ).encode()
    import_url = reverse("admin:payments_bankreceipt_import")

    caseworker = client_with_mfa(staff("caseworker"))
    assert caseworker.get(import_url).status_code == 403
    assert (
        caseworker.post(import_url, {"statement": SimpleUploadedFile("s.csv", csv)}).status_code
        == 403
    )
    assert not BankReceipt.objects.filter(transaction_id="WALK-1").exists()

    finance = client_with_mfa(staff("finance"))
    assert finance.get(import_url).status_code == 200
    response = finance.post(import_url, {"statement": SimpleUploadedFile("s.csv", csv)})
    assert response.status_code == 302
    bank = BankReceipt.objects.get(transaction_id="WALK-1")
    assert bank.status == MatchStatus.UNMATCHED  # the reference names no case

    match_url = reverse("admin:payments_bankreceipt_match", args=[bank.pk])
    assert caseworker.get(match_url).status_code == 403
    assert caseworker.post(match_url, {"case": case.reference}).status_code == 403
    bank.refresh_from_db()
    assert bank.status == MatchStatus.UNMATCHED
    assert finance.get(match_url).status_code == 200
    assert finance.post(match_url, {"case": case.reference}).status_code == 302
    bank.refresh_from_db()
    assert (bank.status, bank.matched_amount) == (MatchStatus.MATCHED, Decimal("41.23"))
    assert ExpectedPayment.objects.get(pk=expected.pk).status == MatchStatus.MATCHED
    assert Receipt.objects.filter(case=case).count() == receipts_before + 1
