"""After every payments test that touched the database, the ledger must still agree with
itself: each account's balance is the sum of its entries, money is neither lost nor
doubled between receipts and debts, and arrears by plain SQL equal the services'."""

import pytest

from tests.fixtures.payments import ledger_problems

DB_FIXTURES = ("transactional_db", "db")


@pytest.fixture(autouse=True)
def _ledger_stays_sound(request):
    db_fixture = next((name for name in DB_FIXTURES if name in request.fixturenames), None)
    if db_fixture is None or request.node.get_closest_marker("ledger_may_break"):
        yield
        return
    # Requested here so the check runs before the database is rolled back.
    request.getfixturevalue(db_fixture)
    yield
    problems = ledger_problems()
    assert not problems, "The ledger disagrees with itself:\n" + "\n".join(problems)


def pytest_configure(config):
    config.addinivalue_line("markers", "ledger_may_break: the test breaks the ledger on purpose")


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A Welsh page leaves Welsh active in this thread; each test starts in English."""
    from django.utils import translation

    with translation.override("en"):
        yield
