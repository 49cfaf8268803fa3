"""Enforcement is for maintenance owed: no charge on a case that is up to date or in
credit, and a DEO (whose charge comes with the order) is never added by hand."""

from decimal import Decimal

import pytest
from django.urls import reverse

from payments.models import EnforcementAction
from payments.selectors import arrears
from payments.services import PaymentsError, post_enforcement_charge


@pytest.mark.parametrize("kind", ["liability_order", "lsdo", "rdo", "der"])
def test_no_charge_on_a_case_in_credit(collect_and_pay_case, run_nightly, pay, days_ago, kind):
    case = collect_and_pay_case
    run_nightly()
    pay(case, "887.83")  # the instalment and fee, and £575.83 more: in credit
    assert arrears(case) == 0
    with pytest.raises(PaymentsError, match="no arrears"):
        post_enforcement_charge(
            acting_user=None,
            case=case,
            kind=kind,
            on_date=days_ago(0),
            idempotency_key=f"credit-{kind}",
        )
    assert not EnforcementAction.objects.exists()


def test_no_charge_before_anything_is_owed(collect_and_pay_case, days_ago):
    with pytest.raises(PaymentsError, match="no arrears"):
        post_enforcement_charge(
            acting_user=None,
            case=collect_and_pay_case,
            kind="liability_order",
            on_date=days_ago(0),
            idempotency_key="nothing-owed",
        )


def test_a_liability_order_is_charged_when_there_are_arrears(
    collect_and_pay_case, run_nightly, days_ago
):
    run_nightly()
    assert arrears(collect_and_pay_case) > 0
    action = post_enforcement_charge(
        acting_user=None,
        case=collect_and_pay_case,
        kind="liability_order",
        on_date=days_ago(0),
        idempotency_key="lo-owed",
    )
    assert action.charge == Decimal("300.00")


def test_the_admin_refuses_a_liability_order_in_credit_with_a_message(
    staff_client, collect_and_pay_case, run_nightly, pay, days_ago
):
    run_nightly()
    pay(collect_and_pay_case, "887.83")
    _user, client = staff_client("caseworker")
    response = client.post(
        reverse("admin:payments_enforcementaction_add"),
        {
            "case": collect_and_pay_case.reference,
            "kind": "liability_order",
            "on_date": days_ago(0).isoformat(),
            "idempotency_key": "admin:lo",
        },
    )
    assert response.status_code == 400
    assert "no arrears" in response.content.decode()
    assert not EnforcementAction.objects.exists()


def test_a_deo_is_never_added_by_hand_on_top_of_the_orders_charge(
    staff_client, make_employer, make_order, run_nightly, days_ago
):
    order = make_order(make_employer())
    run_nightly()
    assert EnforcementAction.objects.filter(case=order.case, kind="deo").count() == 1
    _user, client = staff_client("caseworker")
    form = client.get(reverse("admin:payments_enforcementaction_add"))
    assert 'value="deo"' not in form.content.decode()
    response = client.post(
        reverse("admin:payments_enforcementaction_add"),
        {
            "case": order.case.reference,
            "kind": "deo",
            "on_date": days_ago(0).isoformat(),
            "idempotency_key": "admin:deo",
        },
    )
    assert response.status_code == 400
    assert EnforcementAction.objects.filter(case=order.case, kind="deo").count() == 1


def test_a_deo_is_charged_only_by_issuing_the_order(collect_and_pay_case, run_nightly, days_ago):
    """Even with arrears, the service refuses a DEO charged by itself: the order's own
    charge is the only one, whoever calls."""
    run_nightly()
    assert arrears(collect_and_pay_case) > 0
    with pytest.raises(PaymentsError, match="when the order is issued"):
        post_enforcement_charge(
            acting_user=None,
            case=collect_and_pay_case,
            kind="deo",
            on_date=days_ago(0),
            idempotency_key="hand-deo",
        )
    assert not EnforcementAction.objects.exists()


def test_the_orders_charge_names_the_order_in_the_audit(make_employer, make_order):
    from cms_portal.models import AuditEvent

    order = make_order(make_employer())
    action = EnforcementAction.objects.get(case=order.case, kind="deo")
    event = AuditEvent.objects.get(action="payments.enforcement_started")
    assert event.details["deduction_order"] == order.reference
    assert event.details["enforcement_action"] == str(action.public_id)
