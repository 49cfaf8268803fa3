"""The dry run reports what the reform would do on a date in a few queries and writes
nothing."""

import importlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Case, Party
from cms_portal.models import AuditEvent, OutboundEmail
from payments.models import Account, Instalment, LedgerEntry
from reform.dry_run import dry_run

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "cases": sorted(Case.objects.values_list("id", "service_type", "updated_at")),
        "parties": Party.objects.count(),
        "accounts": sorted(Account.objects.values_list("id", "balance", "arrears_status")),
        "instalments": sorted(Instalment.objects.values_list("id", "collect_and_pay")),
        "entries": LedgerEntry.objects.count(),
        "emails": OutboundEmail.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


@pytest.fixture
def mixed_caseload(make_case, days_ago):
    from cases.services import update_party

    direct = make_case(receiving_parents=2)
    update_party(
        acting_user=None, party=direct.parties.filter(role="receiving")[0], preferred_language="cy"
    )
    make_case(decision=False)
    make_case(service_type="collect_and_pay")
    return direct


def test_the_report_counts_moves_fees_and_notices_and_changes_nothing(mixed_caseload):
    before = snapshot()
    out = StringIO()
    with CaptureQueriesContext(connection) as queries:
        call_command("reform_dry_run", "--commencement", "2027-04-01", stdout=out)
    assert all(query["sql"].lstrip().upper().startswith("SELECT") for query in queries)
    assert len(queries) <= 6
    assert snapshot() == before
    report = out.getvalue()
    assert "Direct Pay cases that would move to collection: 2" in report
    assert "of which with no payment schedule yet: 1" in report
    assert "Direct Pay, moving to collection" in report
    assert "Collect and Pay, paying parent up to date" in report
    assert "receiving  cy" in report


def test_fees_after_are_two_percent_for_moving_cases(mixed_caseload):
    from datetime import date
    from decimal import Decimal

    report = dry_run(date(2027, 4, 1))
    moving = next(group for group in report.groups if group.name.startswith("Direct Pay"))
    assert moving.cases == 1 and moving.receiving_parents == 2
    assert moving.paying_fees_now == moving.receiving_fees_now == 0
    assert moving.paying_fees_after == (moving.maintenance_a_year * Decimal("0.02")).quantize(
        Decimal("0.01")
    )
    assert report.notices == {("paying", "en"): 2, ("receiving", "cy"): 1, ("receiving", "en"): 2}
    collected = next(group for group in report.groups if group.name.startswith("Collect"))
    assert collected.paying_fees_now == (collected.maintenance_a_year * Decimal("0.20")).quantize(
        Decimal("0.01")
    )


def test_the_query_count_does_not_grow_with_the_caseload(make_case):
    from datetime import date

    make_case()
    with CaptureQueriesContext(connection) as few:
        dry_run(date(2027, 4, 1))
    for _ in range(4):
        make_case()
    with CaptureQueriesContext(connection) as more:
        dry_run(date(2027, 4, 1))
    assert len(few) == len(more)


def test_it_prints_its_report_on_the_demo_data():
    call_command("load_demo_data", stdout=StringIO())
    before = snapshot()
    out = StringIO()
    call_command("reform_dry_run", "--commencement", "2027-04-01", stdout=out)
    assert "Direct Pay cases that would move to collection: 2" in out.getvalue()
    assert "total" in out.getvalue()
    assert snapshot() == before


@pytest.mark.parametrize("value", ["tomorrow", "2027-13-01"])
def test_a_bad_date_is_a_clear_error(value):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("reform_dry_run", "--commencement", value)


def test_a_date_before_todays_fees_is_refused():
    with pytest.raises(CommandError, match="cannot start"):
        call_command("reform_dry_run", "--commencement", "2014-01-01")


def test_the_nightly_task_is_scheduled_only_when_a_date_is_set(monkeypatch):
    import cms_portal.settings.base as base

    try:
        monkeypatch.delenv("REFORM_COMMENCEMENT_DATE", raising=False)
        assert "reform.move_direct_pay_cases" not in importlib.reload(base).CELERY_BEAT_SCHEDULE
        monkeypatch.setenv("REFORM_COMMENCEMENT_DATE", "2027-04-01")
        reloaded = importlib.reload(base)
        assert reloaded.REFORM_COMMENCEMENT_DATE == "2027-04-01"
        entry = reloaded.CELERY_BEAT_SCHEDULE["reform.move_direct_pay_cases"]
        assert entry["task"] == "reform.tasks.move_direct_pay_cases_nightly"
    finally:
        monkeypatch.delenv("REFORM_COMMENCEMENT_DATE", raising=False)
        importlib.reload(base)
