"""The demo employers load, and loading again changes nothing."""

from employers.models import DeductionOrder, DeductionReturn, Employer, Remittance
from nonprod.demo import cases, payments, staff
from nonprod.demo import employers as demo


def load_everything():
    for module in (staff, cases, demo, payments):
        module.load()


def counts():
    return [
        model.objects.count() for model in (Employer, DeductionOrder, DeductionReturn, Remittance)
    ]


def test_demo_employers_load_once(db):
    load_everything()
    first = counts()
    assert first[0] == 2 and first[1] == 3 and first[2] > 0 and first[3] >= 1
    load_everything()
    assert counts() == first
    emails = {account["email"] for account in demo.accounts()}
    assert "gareth.payroll@example.com" in emails
    assert all(account["employer_reference"] for account in demo.accounts())


def test_each_demo_order_is_charged_once(db):
    """A deduction from earnings order is charged for once, when it is issued: the demo
    adds no second £50 charge by hand on a case whose order already brought one."""
    from payments.models import EnforcementAction

    load_everything()
    for order in DeductionOrder.objects.select_related("case"):
        charges = EnforcementAction.objects.filter(case=order.case, kind="deo")
        assert charges.count() == 1, (order.case.reference, list(charges.values("taken_on")))


def test_a_parent_whose_pay_is_deducted_is_not_also_paying_by_direct_debit(db):
    """Once the employer is deducting, the demo's paying parent stops paying by Direct
    Debit: paying twice left the arrears case in credit, with its plan paused."""
    from employers.deadlines import liable_from
    from payments import selectors
    from payments.models import Receipt

    load_everything()
    for order in DeductionOrder.objects.select_related("case"):
        twice = Receipt.objects.filter(
            case=order.case,
            method="direct_debit",
            received_on__gte=liable_from(order.served_on),
        )
        assert not twice.exists(), order.case.reference
    shared = DeductionOrder.objects.get(payroll_number="TE-0042").case
    assert selectors.arrears(shared) > 0
    assert selectors.active_plan(shared) is not None
