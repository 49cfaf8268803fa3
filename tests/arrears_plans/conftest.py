"""Fixtures for arrears plans: a Collect and Pay case whose first monthly payment (due 7
days ago) was not paid, so the paying parent owes arrears."""

import pytest
from django.urls import reverse

from tests.payments.conftest import _english_between_tests, _ledger_stays_sound  # noqa: F401


@pytest.fixture
def case_in_arrears(collect_and_pay_case, run_nightly, days_ago):
    run_nightly(days_ago(0))
    return collect_and_pay_case


@pytest.fixture
def plan_url():
    from django.utils import translation

    def make(name, case, **kwargs):
        # The English path whatever page was fetched last (add "/cy" for Welsh).
        with translation.override("en"):
            return reverse(f"arrears_plans:{name}", kwargs={"reference": case.reference, **kwargs})

    return make


@pytest.fixture
def paying_client(case_in_arrears, cp_paying_parent, signed_in_client):
    return signed_in_client(cp_paying_parent)
