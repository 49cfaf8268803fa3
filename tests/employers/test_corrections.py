"""Correcting filed returns: an edit before payment, a correcting return after, the
shortfall chain worked out again for later pay days, each correction audited; the
employer's pages and the caseworker's admin use the same service."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from employers import services
from employers.models import CorrectionKind, DeductionReturn, ReturnCorrection

D = Decimal


@pytest.fixture
def order(employer, make_order):
    return make_order(employer, rate=D("150.00"), payroll_number="P100")


def file(user, employer, order, net, days_ago, fee=D("0.00")):
    return services.file_returns(
        acting_user=user,
        employer=employer,
        pay_date=timezone.localdate() - timedelta(days=days_ago),
        lines=[(order.reference, D(net), fee)],
    )[0]


def test_an_unpaid_return_is_edited_and_later_pay_days_worked_out_again(
    employer, employer_admin, order
):
    from cms_portal.models import AuditEvent

    first = file(employer_admin, employer, order, "200.00", 40)
    second = file(employer_admin, employer, order, "2000.00", 10)
    # £200 net: £80 deducted, £70 carried; the next pay day took £220.
    assert (second.shortfall_brought_forward, second.amount_deducted) == (D("70.00"), D("220.00"))
    correction = services.correct_return(
        acting_user=employer_admin,
        deduction_return=first,
        net_earnings=D("1000.00"),
        admin_fee=D("1.00"),
        reason="Overtime was left out",
    )
    assert correction.kind == CorrectionKind.EDIT
    assert correction.previous_amount_deducted == D("80.00")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.amount_deducted, first.shortfall_carried_forward, first.admin_fee) == (
        D("150.00"),
        D("0.00"),
        D("1.00"),
    )
    assert (second.shortfall_brought_forward, second.amount_deducted) == (D("0.00"), D("150.00"))
    assert ReturnCorrection.objects.filter(
        kind=CorrectionKind.KNOCK_ON, deduction_return=second
    ).exists()
    event = AuditEvent.objects.get(action="deduction_return.corrected")
    assert event.details["amount_deducted"] == {"from": "80.00", "to": "150.00"}
    assert event.details["later_pay_dates"] == [second.pay_date.isoformat()]


def test_a_paid_return_gets_a_correcting_return_and_the_difference_is_queued(
    employer, employer_admin, order
):
    from casework.models import WorkItem

    pay_date = timezone.localdate().replace(day=1) - timedelta(days=20)
    filed = services.file_returns(
        acting_user=employer_admin,
        employer=employer,
        pay_date=pay_date,
        lines=[(order.reference, D("200.00"), D("0.00"))],
    )[0]
    remittance = services.record_remittance(
        acting_user=employer_admin,
        employer=employer,
        month=pay_date,
        method="bank_transfer",
        paid_on=timezone.localdate(),
    )
    correction = services.correct_return(
        acting_user=employer_admin,
        deduction_return=filed,
        net_earnings=D("300.00"),
        admin_fee=D("0.00"),
    )
    assert correction.kind == CorrectionKind.CORRECTING_RETURN
    assert correction.paid_difference == D("40.00")
    current = DeductionReturn.objects.get(order=order)
    assert current.pk != filed.pk and current.replaces_id == filed.pk
    assert (current.amount_deducted, current.remittance) == (D("120.00"), remittance)
    original = DeductionReturn.all_versions.get(pk=filed.pk)
    assert original.superseded_at is not None and original.amount_deducted == D("80.00")
    item = WorkItem.objects.get(case=order.case, kind="deo_return_corrected")
    assert "£40.00 more was deducted than paid" in item.summary
    with pytest.raises(services.EmployerRuleError):
        services.correct_return(
            acting_user=employer_admin,
            deduction_return=filed,
            net_earnings=D("400.00"),
            admin_fee=D("0.00"),
        )


def test_a_correction_that_changes_nothing_or_breaks_the_fee_rule_is_refused(
    employer, employer_admin, order
):
    filed = file(employer_admin, employer, order, "200.00", 5)
    with pytest.raises(services.EmployerRuleError) as raised:
        services.correct_return(
            acting_user=employer_admin,
            deduction_return=filed,
            net_earnings=D("200.00"),
            admin_fee=D("0.00"),
        )
    assert raised.value.field == "net_earnings"
    with pytest.raises(services.EmployerRuleError) as raised:
        services.correct_return(
            acting_user=employer_admin,
            deduction_return=filed,
            net_earnings=D("0.00"),
            admin_fee=D("1.00"),
        )
    assert raised.value.field == "admin_fee"
    assert not ReturnCorrection.objects.exists()


def test_an_employer_corrects_a_return_online(employer, employer_admin, employer_client, order):
    filed = file(employer_admin, employer, order, "200.00", 5)
    client = employer_client(employer_admin)
    page = client.get(reverse("employers:order_detail", args=[order.reference]))
    url = reverse("employers:correct_return", args=[filed.public_id])
    assert url.encode() in page.content
    bad = client.post(url, {"net_earnings": "200.00", "admin_fee": "", "reason": ""})
    assert bad.status_code == 400
    assert b"Enter why the return needs correcting" in bad.content
    same = client.post(url, {"net_earnings": "200.00", "admin_fee": "", "reason": "Typo"})
    assert same.status_code == 400 and b"already sent" in same.content
    response = client.post(url, {"net_earnings": "500.00", "admin_fee": "1.00", "reason": "Typo"})
    assert response.status_code == 302
    check = client.get(response["Location"])
    assert check.status_code == 200 and "£150.00".encode() in check.content
    assert DeductionReturn.objects.get(pk=filed.pk).amount_deducted == D("80.00")
    done = client.post(response["Location"])
    assert done.status_code == 302
    confirmation = client.get(done["Location"])
    assert b"Correction sent" in confirmation.content
    assert DeductionReturn.objects.get(pk=filed.pk).amount_deducted == D("150.00")


def test_another_employer_cannot_correct_the_return(
    employer, employer_admin, other_employer_admin, employer_client, order
):
    filed = file(employer_admin, employer, order, "200.00", 5)
    client = employer_client(other_employer_admin)
    assert (
        client.get(reverse("employers:correct_return", args=[filed.public_id])).status_code == 404
    )


def test_a_caseworker_corrects_a_return_in_the_admin(
    caseworker_client, employer, employer_admin, order
):
    filed = file(employer_admin, employer, order, "200.00", 5)
    url = reverse("admin:employers_deductionreturn_correct", args=[filed.pk])
    assert caseworker_client.get(url).status_code == 200
    refused = caseworker_client.post(
        url, {"net_earnings": "200.00", "admin_fee": "0", "reason": "x"}
    )
    assert refused.status_code == 400 and b"already sent" in refused.content
    response = caseworker_client.post(
        url, {"net_earnings": "1000.00", "admin_fee": "0", "reason": "Employer phoned"}
    )
    assert response.status_code == 302
    filed.refresh_from_db()
    assert filed.amount_deducted == D("150.00")
    correction = ReturnCorrection.objects.get()
    assert correction.reason == "Employer phoned"
    change = caseworker_client.get(
        reverse("admin:employers_deductionreturn_change", args=[filed.pk])
    )
    assert change.status_code == 200 and b"Employer phoned" in change.content
