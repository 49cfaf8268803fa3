"""The demo money loads on the demo cases, twice without change, and the ledger holds."""

from django.forms.models import model_to_dict

from nonprod.demo import payments as demo
from payments import selectors
from payments.models import DirectPayReport, Disbursement, LedgerEntry, MissedPaymentNotice


def _load_all():
    from nonprod.demo import cases, staff

    staff.load()
    cases.load()
    demo.load()


def test_demo_loads_and_loading_again_changes_nothing(db):
    from cases.models import Case
    from nonprod.demo.cases import SHARED_CARE_CASE

    _load_all()
    entries = [model_to_dict(entry) for entry in LedgerEntry.objects.order_by("pk")]
    assert entries and Disbursement.objects.exists()
    shared = Case.objects.get(reference=SHARED_CARE_CASE)
    assert selectors.arrears(shared) > 0
    assert MissedPaymentNotice.objects.filter(case=shared).exists()
    assert shared.enforcement_actions.filter(kind="rdo").exists()
    assert selectors.active_plan(shared) is not None
    assert DirectPayReport.objects.count() == 1
    _load_all()
    assert [model_to_dict(entry) for entry in LedgerEntry.objects.order_by("pk")] == entries
    assert DirectPayReport.objects.count() == 1
    assert demo.accounts() == []
